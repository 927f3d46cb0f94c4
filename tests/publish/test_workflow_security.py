"""The GitHub workflows (this repository's and the ones `kocsite init` writes) run on today's runners and
pass zizmor: every action on its current Node-24 major, pinned to a full commit SHA with the tag in a
comment, no template injection, named jobs, documented permissions."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from tests_support import REPO
OWN = sorted((REPO / ".github" / "workflows").glob("*.yml"))
TEMPLATE = sorted((REPO / "kocsite" / "publish" / "templates" / "programme" / "dot-github" / "workflows").glob("*.yml"))
SETS = {"own": OWN, "template": TEMPLATE}

# Verified from each action's own repository on 2026-12-01 (../shared/ECOSYSTEM.md): tag → commit.
CURRENT = {
    "actions/checkout": ("v7.0.1", "3d3c42e5aac5ba805825da76410c181273ba90b1"),
    "actions/setup-python": ("v7.0.0", "5fda3b95a4ea91299a34e894583c3862153e4b97"),
    "actions/upload-artifact": ("v7.0.0", "bbbca2ddaa5d8feaa63e36b76fdaad77386f024f"),
    "actions/download-artifact": ("v8.0.1", "3e5f45b2cfb9172054b4087a40e8e0b5a5461e7c"),
    "actions/github-script": ("v8.0.0", "ed597411d8f924073f98dfc5c65a23a2325f34cd"),
    "actions/upload-pages-artifact": ("v5.0.0", "fc324d3547104276b827a68afc52ff2a11cc49c9"),
    "actions/deploy-pages": ("v5.0.0", "cd2ce8fcbc39b97be8ca5fce6e763baed58fa128"),
}
USES_LINE = re.compile(r"^\s*(?:-\s+)?uses:\s*(\S+)(.*)$")
PINNED = re.compile(r"(?P<action>[\w.-]+/[\w.-]+)@(?P<sha>[0-9a-f]{40})")
VERSION_COMMENT = re.compile(r"\s+#\s*(?P<version>v\d+\.\d+\.\d+)\s*$")
SEVERE = {"medium", "high"}


def label(path: Path) -> str:
    return f"{'template' if path in TEMPLATE else '.github'}/{path.name}"


def zizmor() -> str:
    local = Path(sys.executable).parent / "zizmor"
    found = str(local) if local.exists() else shutil.which("zizmor")
    assert found, "zizmor is part of the test extra: pip install -e '.[test]'"
    return found


def findings(paths: list[Path], persona: str = "regular") -> list[dict]:
    """zizmor's findings (offline: no GitHub API) on these workflow files, as its JSON output."""
    result = subprocess.run([zizmor(), "--offline", "--no-progress", f"--persona={persona}", "--format=json",
                             *map(str, paths)], capture_output=True, text=True, timeout=120, cwd=REPO)
    assert result.stdout.strip().startswith("["), result.stderr     # a report, not "no inputs collected"
    report = json.loads(result.stdout)
    assert result.returncode == (0 if not report else result.returncode), result.stderr
    return report


def describe(report: list[dict]) -> list[str]:
    lines = []
    for f in report:
        where = f["locations"][0]["symbolic"]["key"]["Local"]["verbatim_path"]
        row = f["locations"][0]["concrete"]["location"]["start_point"]["row"] + 1
        lines.append(f"{Path(where).name}:{row}: {f['ident']} ({f['determinations']['severity']})")
    return lines


def uses_lines() -> list[tuple[str, int, str, str]]:
    """(file, line number, reference, rest of the line) of every `uses:` in both sets, read as text so
    that the version comment is seen."""
    found = []
    for path in OWN + TEMPLATE:
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            match = USES_LINE.match(line)
            if match:
                found.append((label(path), number, match[1], match[2]))
    return found


USES = uses_lines()


def test_both_sets_are_there():
    assert {p.name for p in OWN} == {"check.yml", "site.yml", "remind.yml", "tests.yml", "apply.yml"}
    assert {p.name for p in TEMPLATE} == {"check.yml", "site.yml", "remind.yml", "apply.yml"}
    assert len(USES) >= 14


@pytest.mark.parametrize("name", SETS)
def test_zizmor_finds_nothing_medium_or_high(name):
    report = findings(SETS[name])
    severe = [f for f in report if f["determinations"]["severity"].lower() in SEVERE]
    assert not severe, describe(severe)


@pytest.mark.parametrize("name", SETS)
def test_zizmor_pedantic_finds_nothing(name):
    """Also the pedantic persona: template expansion in `run:`, anonymous jobs, undocumented permissions."""
    report = findings(SETS[name], persona="pedantic")
    assert not report, describe(report)


def test_zizmor_does_see_a_bad_workflow(tmp_path):
    """The two tests above would pass on files zizmor did not read: here it must flag a planted one."""
    bad = tmp_path / ".github" / "workflows" / "bad.yml"
    bad.parent.mkdir(parents=True)
    bad.write_text(
        "on: pull_request_target\npermissions: write-all\njobs:\n  x:\n    runs-on: ubuntu-latest\n    steps:\n"
        "      - uses: actions/checkout@v4\n        with:\n          ref: ${{ github.event.pull_request.head.sha }}\n"
        "      - run: echo \"${{ github.event.pull_request.title }}\"\n", encoding="utf-8")
    idents = {f["ident"] for f in findings([bad]) if f["determinations"]["severity"].lower() in SEVERE}
    assert {"unpinned-uses", "template-injection", "dangerous-triggers"} <= idents, idents


@pytest.mark.parametrize("where,number,ref,rest", USES, ids=[f"{w}:{n}" for w, n, _, _ in USES])
def test_every_uses_is_pinned_to_a_commit_with_its_version(where, number, ref, rest):
    pinned = PINNED.fullmatch(ref)
    assert pinned, f"{where}:{number}: '{ref}' is not pinned to a 40-hex commit SHA"
    comment = VERSION_COMMENT.fullmatch(rest)
    assert comment, f"{where}:{number}: no '# vX.Y.Z' comment after the SHA"
    action = pinned["action"]
    assert action in CURRENT, f"{where}:{number}: {action} is not in the verified table"
    assert (comment["version"], pinned["sha"]) == CURRENT[action], f"{where}:{number}: not the verified pin"


def test_every_action_in_the_table_is_used_and_none_on_a_node20_major():
    used = {PINNED.fullmatch(ref)["action"] for _, _, ref, _ in USES if PINNED.fullmatch(ref)}
    assert used == set(CURRENT)
    text = "\n".join(p.read_text(encoding="utf-8") for p in OWN + TEMPLATE)
    old = re.findall(r"(?:checkout|setup-python|upload-artifact|download-artifact|deploy-pages)@v4\b|"
                     r"setup-python@v5|github-script@v7|upload-pages-artifact@v3", text)
    assert not old, old


def load(path: Path) -> dict:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


@pytest.mark.parametrize("path", OWN + TEMPLATE, ids=label)
def test_named_jobs_documented_permissions_and_no_expressions_in_run(path):
    workflow = load(path)
    lines = path.read_text(encoding="utf-8").splitlines()
    for job_id, job in workflow["jobs"].items():
        assert job.get("name"), (path.name, job_id)
        for step in job.get("steps", []):
            assert "${{" not in step.get("run", ""), (path.name, job_id, "pass values to run: through env:")
            if "actions/checkout@" in step.get("uses", ""):
                assert step["with"]["persist-credentials"] is False, (path.name, job_id)
    for number, line in enumerate(lines, 1):
        if re.match(r"\s*(permissions:\s*\{\}|[a-z-]+:\s*(read|write|none))(\s|$)", line):
            assert "#" in line, f"{path.name}:{number}: say why this permission is needed"


def test_artifact_upload_survives_a_re_run():
    """upload-artifact v4+ refuses a second upload to the same name in one run: "Re-run job" must overwrite."""
    for path in (OWN[0].parent / "check.yml", TEMPLATE[0].parent / "check.yml"):
        steps = load(path)["jobs"]["check"]["steps"]
        (upload,) = [s for s in steps if "upload-artifact@" in s.get("uses", "")]
        assert upload["with"]["overwrite"] is True
        assert upload["with"]["name"] == "kocsite-diff"
        (download,) = [s for s in load(path)["jobs"]["comment"]["steps"] if "download-artifact@" in s.get("uses", "")]
        assert download["with"] == {"name": "kocsite-diff", "path": "kocsite-diff"}
