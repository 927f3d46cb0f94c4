"""Where this kocsite was installed from, as the requirement a new programme repository should name.

`kocsite init` writes `requirements.txt` and `.pre-commit-config.yaml` for a brand's repository,
whose workflows install kocsite on a fresh runner. The only honest answer to "which kocsite?" is
the one that wrote the repository, so it is read from the installation record pip leaves
(PEP 610 `direct_url.json` in the distribution's metadata):

- installed from a VCS (`pip install 'kocsite @ git+URL@REV'`) → `kocsite @ git+URL@COMMIT`, the
  exact commit, and the same repository and commit as the pre-commit hook's `repo:` and `rev:`;
- installed from a folder or a local archive (`pip install .`, `pip install -e .`) → no requirement
  can reach that folder from a runner: requirements.txt gets a note saying what to write there,
  `init` warns, and the workflows' install step stops with the same message;
- installed from a package index (no record) → `kocsite==VERSION`;
- from a remote archive URL → `kocsite @ URL` (with its hash when the record has one).

`kocsite init --requirement SPEC` overrides all of this.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from importlib import metadata
from urllib.parse import urlsplit, urlunsplit

from kocsite import __version__

RELEASE_EXAMPLE = "kocsite @ git+https://github.com/OWNER/kocsite@vX.Y.Z"
_NAME = re.compile(r"^kocsite(?=$|[\s@=<>!~;\[(])", re.IGNORECASE)
_GIT_REQUIREMENT = re.compile(r"^kocsite\s*@\s*git\+(?P<url>[^\s#]+?)@(?P<rev>[^\s@/#]+)$", re.IGNORECASE)


@dataclass(frozen=True)
class InstallSource:
    """What a new repository should install kocsite from."""

    requirement: str | None
    """One requirements.txt line; None when the running kocsite came from a local folder or file."""
    local: str = ""
    """The local folder or file it came from, when `requirement` is None."""
    hook_repo: str | None = None
    """A git repository holding kocsite's pre-commit hook, and the revision to use (`hook_rev`)."""
    hook_rev: str | None = None


def running_source() -> InstallSource:
    """The source of the kocsite that is running now."""
    found = list(metadata.distributions(name="kocsite"))
    # An installer's record (INSTALLER) beats the bare kocsite.egg-info a build leaves in a source
    # tree, which is on sys.path first when Python runs from that folder.
    installed = [d for d in found if d.read_text("INSTALLER") is not None] or found
    if not installed:  # running from a source tree that was never installed
        return InstallSource(None, local="(not installed)")
    distribution = installed[0]
    record = distribution.read_text("direct_url.json")
    return source_from_direct_url(json.loads(record) if record else None, distribution.version or __version__)


def source_from_direct_url(record: dict | None, version: str) -> InstallSource:
    """Map a PEP 610 record (None: installed from an index) to the source a new repository names."""
    if not record:
        return InstallSource(f"kocsite=={version}")
    url = _without_password(str(record.get("url", "")))
    subdirectory = record.get("subdirectory")
    fragment = f"#subdirectory={subdirectory}" if subdirectory else ""
    vcs = record.get("vcs_info")
    if isinstance(vcs, dict) and vcs.get("vcs") and vcs.get("commit_id"):
        commit = vcs["commit_id"]
        requirement = f"kocsite @ {vcs['vcs']}+{url}@{commit}{fragment}"
        if vcs["vcs"] == "git" and not subdirectory:
            return InstallSource(requirement, hook_repo=url, hook_rev=commit)
        return InstallSource(requirement)
    if "dir_info" in record or url.startswith("file:"):
        return InstallSource(None, local=url)
    parts = [p for p in (_archive_digest(record.get("archive_info")), fragment[1:]) if p]
    return InstallSource(f"kocsite @ {url}" + ("#" + "&".join(parts) if parts else ""))


def source_from_requirement(spec: str) -> InstallSource:
    """`init --requirement SPEC`: ValueError unless SPEC is one requirement line naming kocsite."""
    text = spec.strip()
    if not text or "\n" in text or "\r" in text or not _NAME.match(text):
        raise ValueError("the requirement must be one line that names kocsite, e.g. " + RELEASE_EXAMPLE)
    git = _GIT_REQUIREMENT.match(text)
    if git:
        return InstallSource(text, hook_repo=git["url"], hook_rev=git["rev"])
    return InstallSource(text)


def requirements_block(source: InstallSource) -> str:
    """The requirements.txt lines that name kocsite (or explain why they cannot yet)."""
    if source.requirement:
        return source.requirement + "\n"
    return (
        "# 这里还没有写 kocsite 从哪里安装：生成本仓库的 kocsite 是从本机的文件夹安装的\n"
        f"# （{source.local}），CI 无法从那里安装。请在下面写一行，例如：\n"
        f"#   {RELEASE_EXAMPLE}\n"
        "# kocsite is not named here yet: the kocsite that wrote this repository was installed from a\n"
        f"# folder on that machine ({source.local}), which CI cannot install from. Add a line such as\n"
        f"#   {RELEASE_EXAMPLE}\n"
    )


def local_warning(source: InstallSource, lang: str) -> str | None:
    """What `init` prints on stderr when requirements.txt could not name kocsite."""
    if source.requirement:
        return None
    if lang == "en":
        return (f"warning: this kocsite was installed from a local folder ({source.local}), so requirements.txt "
                f"cannot say where CI installs it from; write a line there such as: {RELEASE_EXAMPLE} "
                "(or run init again with --requirement)")
    return (f"警告：当前的 kocsite 是从本机文件夹安装的（{source.local}），requirements.txt 无法写明 CI 从哪里安装它；"
            f"请在其中写一行，例如：{RELEASE_EXAMPLE}（或用 --requirement 重新运行 init）")


LOCAL_HOOK = """\
  - repo: local   # runs the kocsite installed from requirements.txt
    hooks:
      - id: kocsite-check
        name: kocsite check
        entry: kocsite check
        language: system
        pass_filenames: false
        files: \\.(yaml|yml)$
"""
"""The `repos:` entry the pre-commit template holds (it stays when no git source is known)."""


def precommit_hook(source: InstallSource) -> str:
    """The `repos:` entry of .pre-commit-config.yaml: kocsite's own hook when a git repository and
    revision are known, otherwise the local hook that runs the kocsite installed from requirements.txt."""
    if source.hook_repo and source.hook_rev:
        return (f"  - repo: {source.hook_repo}   # kocsite's git repository\n"
                f"    rev: {source.hook_rev}\n"
                "    hooks:\n"
                "      - id: kocsite-check\n")
    return LOCAL_HOOK


def _archive_digest(archive: object) -> str | None:
    """`sha256=…` from an archive record (`hashes`, or the older single `hash`)."""
    if not isinstance(archive, dict):
        return None
    hashes = archive.get("hashes")
    if isinstance(hashes, dict) and hashes:
        name = "sha256" if "sha256" in hashes else sorted(hashes)[0]
        return f"{name}={hashes[name]}"
    return archive.get("hash") or None


def _without_password(url: str) -> str:
    parts = urlsplit(url)
    if parts.password is None:
        return url
    host = parts.hostname or ""
    netloc = (f"{parts.username}@" if parts.username else "") + host + (f":{parts.port}" if parts.port else "")
    return urlunsplit(parts._replace(netloc=netloc))
