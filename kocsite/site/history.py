"""When each source file last changed, from git history (GitPython), read in one pass.

One `git log --name-only` over the programme's directory gives, newest commit first, the files each
commit touched; the first date seen for a file is its last change. Not a git repository, or git not
installed: every page says so ("无 git 记录") instead of showing a wrong date. In CI, check out with
full history (`fetch-depth: 0`), or every file shows the date of the one commit a shallow clone has.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

_COMMIT = "\x01"


@dataclass(frozen=True)
class History:
    in_git: bool
    dates: dict[str, str] = field(default_factory=dict)
    """Programme-relative POSIX path → ISO date (YYYY-MM-DD) of the last commit that touched it."""

    def last_changed(self, files: list[str] | set[str] | tuple[str, ...]) -> str | None:
        known = [self.dates[f] for f in files if f in self.dates]
        return max(known) if known else None


def read_history(root: Path) -> History:
    try:
        import git
    except ImportError:  # GitPython needs the git executable at import time
        return History(False)
    try:
        repo = git.Repo(root, search_parent_directories=True)
        top = Path(repo.working_tree_dir or root).resolve()
        prefix = Path(root).resolve().relative_to(top).as_posix()
        output = repo.git.log("--format=" + _COMMIT + "%cd", "--date=short", "--name-only", "--no-renames",
                              "--", "." if prefix == "." else prefix)
    except (git.InvalidGitRepositoryError, git.NoSuchPathError, git.GitCommandError, git.GitCommandNotFound, ValueError):
        return History(False)
    return History(True, parse_log(output, "" if prefix == "." else prefix + "/"))


def parse_log(output: str, prefix: str = "") -> dict[str, str]:
    """`git log --format=<\\x01>%cd --name-only` output → {path under prefix: newest date}."""
    dates: dict[str, str] = {}
    day = ""
    for line in output.splitlines():
        if line.startswith(_COMMIT):
            day = line[1:].strip()
        elif line.strip() and line.startswith(prefix):
            dates.setdefault(line[len(prefix):], day)
    return dates
