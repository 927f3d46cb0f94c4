"""For real: kocsite installed from a git URL writes a brand repository that installs and checks clean.

The working tree is committed into a throw-away git repository, installed from its `git+file://`
URL into a fresh virtualenv (dependencies really installed, from pip's cache when it has them);
`kocsite init` there must name that exact commit in requirements.txt and the pre-commit hook;
the new repository's requirements.txt installs into a second fresh virtualenv, whose kocsite checks
the repository with --strict and builds its site. The same first venv, reinstalled from the folder,
shows the local-folder case: a note in requirements.txt and a warning.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest
import yaml

from tests_support import REPO
pytestmark = pytest.mark.slow
_GIT_ENV = {**os.environ, "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.com",
            "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.com"}
TIMINGS: dict[str, float] = {}


def sh(*args: str | Path, cwd: Path | None = None, timeout: int = 600) -> subprocess.CompletedProcess:
    done = subprocess.run([str(a) for a in args], cwd=cwd, capture_output=True, text=True, timeout=timeout,
                          env=_GIT_ENV)
    assert done.returncode == 0, f"{' '.join(map(str, args))}\n{done.stdout[-3000:]}\n{done.stderr[-3000:]}"
    return done


def fresh_venv(path: Path, new_pip: bool = True) -> Path:
    """A new virtualenv with today's pip (the one venv bundles may not parse `git+file:///…` URLs)."""
    sh(sys.executable, "-m", "venv", path)
    if new_pip:
        sh(path / "bin" / "python", "-m", "pip", "install", "-q", "-U", "pip")
    return path / "bin"


def _source_files() -> list[str]:
    if shutil.which("git") is None or not (REPO / ".git").exists():
        pytest.skip("needs git and a git checkout of kocsite")
    listed = subprocess.run(["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"], cwd=REPO,
                            capture_output=True, check=True).stdout.decode()
    return [rel for rel in listed.split("\0") if rel and (REPO / rel).is_file()]


@pytest.fixture(scope="module")
def source(tmp_path_factory) -> tuple[Path, str]:
    """A git repository holding the working tree as it is now, and its commit."""
    root = tmp_path_factory.mktemp("kocsite-src")
    for rel in _source_files():
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(REPO / rel, root / rel)
    sh("git", "init", "-q", "-b", "main", cwd=root)
    sh("git", "add", "-A", cwd=root)
    sh("git", "commit", "-q", "-m", "kocsite", cwd=root)
    return root, sh("git", "rev-parse", "HEAD", cwd=root).stdout.strip()


@pytest.fixture(scope="module")
def installed(source, tmp_path_factory) -> Path:
    """The bin folder of a fresh venv with kocsite installed from the git+file:// URL."""
    root, commit = source
    bin_dir = fresh_venv(tmp_path_factory.mktemp("venv-git") / "venv")
    start = time.perf_counter()
    sh(bin_dir / "pip", "install", "-q", f"kocsite @ git+{root.as_uri()}@{commit}")
    TIMINGS["install from git"] = time.perf_counter() - start
    return bin_dir


def test_a_git_install_names_its_commit_and_the_new_repository_installs_and_checks(source, installed, tmp_path):
    root, commit = source
    url = root.as_uri()
    record = json.loads(sh(installed / "python", "-c",
                           "from importlib.metadata import distribution as d; print(d('kocsite').read_text('direct_url.json'))",
                           cwd=tmp_path).stdout)
    assert record["vcs_info"] == {**record["vcs_info"], "vcs": "git", "commit_id": commit}

    brand = tmp_path / "brand-koc"
    made = sh(installed / "kocsite", "init", brand, "--brand", "星河汽车", cwd=tmp_path)
    assert "警告" not in made.stderr
    requirements = (brand / "requirements.txt").read_text(encoding="utf-8")
    lines = [line for line in requirements.splitlines() if line and not line.startswith("#")]
    assert lines == [f"kocsite @ git+{url}@{commit}"]
    hook = yaml.safe_load((brand / ".pre-commit-config.yaml").read_text(encoding="utf-8"))["repos"][0]
    assert (hook["repo"], hook["rev"], hook["hooks"]) == (url, commit, [{"id": "kocsite-check"}])
    assert "kocsite-check" in (root / ".pre-commit-hooks.yaml").read_text(encoding="utf-8")  # the hook is at that commit

    brand_bin = fresh_venv(tmp_path / "brand-venv")
    start = time.perf_counter()
    sh(brand_bin / "pip", "install", "-q", "-r", brand / "requirements.txt", cwd=brand)
    TIMINGS["install the brand's requirements"] = time.perf_counter() - start
    version = sh(brand_bin / "python", "-c", "import kocsite; print(kocsite.__version__)", cwd=tmp_path).stdout.strip()
    assert version == sh(sys.executable, "-c", "import kocsite; print(kocsite.__version__)", cwd=tmp_path).stdout.strip()
    checked = sh(brand_bin / "kocsite", "check", "--strict", cwd=brand)
    assert "没有发现问题" in checked.stdout
    sh(brand_bin / "kocsite", "build", cwd=brand)
    assert "星河汽车车主共创计划" in (brand / "site" / "index.html").read_text(encoding="utf-8")
    print(" ".join(f"{k}: {v:.1f} s;" for k, v in TIMINGS.items()))


def test_a_folder_install_leaves_a_note_and_warns(source, installed, tmp_path):
    root, _ = source
    sh(installed / "pip", "install", "-q", "--no-deps", "--force-reinstall", root)
    brand = tmp_path / "brand-koc"
    made = sh(installed / "kocsite", "init", brand, cwd=tmp_path)
    assert "警告" in made.stderr and "requirements.txt" in made.stderr and "--requirement" in made.stderr
    requirements = (brand / "requirements.txt").read_text(encoding="utf-8")
    assert [line for line in requirements.splitlines() if line and not line.startswith("#")] == []
    assert root.as_uri() in requirements and "kocsite @ git+https://github.com/OWNER/kocsite@vX.Y.Z" in requirements
    hook = yaml.safe_load((brand / ".pre-commit-config.yaml").read_text(encoding="utf-8"))["repos"][0]
    assert hook["repo"] == "local"
    # the workflows' install step is what fails then, saying what to write: run it as CI would
    workflow = yaml.safe_load((brand / ".github/workflows/check.yml").read_text(encoding="utf-8"))
    (step,) = [s for job in workflow["jobs"].values() for s in job["steps"] if s.get("name") == "Install kocsite"]
    empty_venv = fresh_venv(tmp_path / "ci-venv", new_pip=False)
    done = subprocess.run(["bash", "-e", "-c", step["run"]], cwd=brand, capture_output=True, text=True, timeout=300,
                          env={**os.environ, "PATH": f"{empty_venv}{os.pathsep}/usr/bin:/bin"})
    assert done.returncode == 1
    assert "requirements.txt" in done.stdout and "kocsite @ git+https://github.com/OWNER/kocsite@vX.Y.Z" in done.stdout
