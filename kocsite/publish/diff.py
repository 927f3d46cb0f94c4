"""`kocsite diff BASE [HEAD]`: what a change to the programme does (docs/design.md §7).

Both sides are read from git objects, never checked out: the data files of a commit's tree
(kocsite.yml, campaigns/, kocs/, tasks/, ledgers/) are written into a temporary folder and read
there by the ordinary loaders; the working tree and the index are never touched. HEAD omitted
means the working tree itself. The report holds:

- entities added / changed / removed (KOCs, campaigns, tasks, contribution records by task and
  record id, ledgers, settings), each change with the paths of the fields that changed and, for
  public scalars, their values before → after. Nothing under a `private:` block is ever shown:
  its paths are, its values are not (nor the message of a problem located inside it);
- per campaign whose inputs changed, each KOC's credit and payout before → after, and the pool and
  unallocated remainder; campaigns whose input files are identical on both sides cannot differ
  (the same rule the frozen ledgers rely on), so only the affected ones are computed;
- the problems the change introduces and the ones it fixes, matched by file, code and parameters
  (line numbers ignored, as lines shift).

Where a revision's files are written: with a cache dir, a folder per side kept in it
(`tree-<repo>-base`, `tree-<repo>-head`, locked while in use) and updated file by file from a
manifest of blob ids, so a diff after one change writes one file and the check cache, keyed by
that folder's stable path, validates one file. Without a cache dir, or when another diff of the same
repository holds the folder, a fresh temporary folder; those share one check cache named after the
repository (`check(cache_key=…)`), so unchanged files are still not validated again. Blobs that the
working tree holds byte for byte (same blob id) are taken from the bytes already read, the others
come from one `git cat-file --batch`.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
from stat import S_ISLNK, S_ISREG
import tempfile
import threading
from collections import Counter
from datetime import date
from contextlib import ExitStack
from dataclasses import dataclass, field
from fractions import Fraction
from pathlib import Path
from typing import TYPE_CHECKING, Any

import msgspec

try:
    import fcntl
except ImportError:  # Windows: every diff writes into temporary folders
    fcntl = None  # type: ignore[assignment]

from kocsite.checker import CheckResult, check
from kocsite.core.atomic import WriteError, write_atomic
from kocsite.money.credit import compute_credit
from kocsite.money.ledger import actual_figures, expected_figures
from kocsite.files.layout import ENTITY_DIRS, SETTINGS_FILE
from kocsite.money.ledger import InputIndex
from kocsite.core.ids import is_slug
from kocsite.money.outcome import campaign_outcome
from kocsite.core.problems import ERROR, Problem
from kocsite.models.programme import Programme, load_programme, without_dangling_records
from kocsite.money.rewards import RewardRuleError
from kocsite.files.source import parse_bytes

if TYPE_CHECKING:  # GitPython only explains a repository or revision that git cannot read (`_Repo`)
    import git

DATA_PATHS = (SETTINGS_FILE, *ENTITY_DIRS)
LEDGER_CODES = frozenset({"E601", "E602", "E603"})
"""Ledger errors say the data moved under a frozen ledger: the data itself is valid, money can be computed."""
_SYMLINK_TARGET = "kocsite-diff-symlink-not-followed"
_MISSING = object()
_INVALID = object()


class GitDiffError(Exception):
    """A usage problem: not a git repository, an unknown revision, a revision a shallow clone lacks (exit 2)."""

    def __init__(self, message_zh: str, message_en: str) -> None:
        super().__init__(f"{message_zh} / {message_en}")
        self.message_zh, self.message_en = message_zh, message_en

    def message(self, lang: str) -> str:
        return self.message_en if lang == "en" else self.message_zh


# -- what the report holds ------------------------------------------------------------------------


@dataclass(frozen=True)
class FieldChange:
    path: str
    before: Any = None
    after: Any = None
    private: bool = False
    """Under a `private:` block: the path may be shown, the values never (they are not even kept)."""
    shown: bool = True
    """False when a side is not a scalar (a whole mapping or list): only the path is shown."""


@dataclass(frozen=True)
class EntityChange:
    kind: str
    """settings, koc, campaign, task, contribution or ledger."""
    id: str
    file: str
    fields: tuple[FieldChange, ...] = ()
    note: str | None = None
    """invalid-base / invalid-head: the file does not validate on that side (see the problems)."""
    shares: tuple[tuple[str, str, str | None], ...] = ()
    """A joint byline in HEAD: (koc, share %, the day they confirmed it or None while pending)."""


@dataclass(frozen=True)
class KocMoney:
    koc: str
    credit_before: Fraction | None
    credit_after: Fraction | None
    payout_before: int | None
    payout_after: int | None
    others: tuple[tuple[str, Any, Any], ...] = ()
    """(figure, before, after) for deliverable_met, badges, goods and priority when they change."""
    name: str | None = None
    """The KOC's public name (nickname) in HEAD, else in BASE."""


@dataclass(frozen=True)
class CampaignMoney:
    campaign: str
    kocs: tuple[KocMoney, ...]
    pool_before: int | None
    pool_after: int | None
    unallocated_before: int | None
    unallocated_after: int | None
    note: str | None = None
    """rules-base / rules-head: the reward rules cannot be applied on that side; ledger-edited: the
    figures are the sealed ledger's (entries + adjustments), changed in the ledger file itself."""


@dataclass(frozen=True)
class LevelMove:
    """A KOC whose level today differs between BASE and HEAD (kocsite.money.levels)."""

    koc: str
    before: str | None
    """The level's name in BASE (None: BASE has no levels)."""
    after: str | None
    direction: str
    """up, down, or changed (the list of levels itself differs between the sides)."""
    name: str | None = None
    """The KOC's public name in HEAD, else in BASE."""


@dataclass(frozen=True)
class ProblemChange:
    problem: Problem
    private: bool = False
    """Located inside a `private:` block: its message (which may quote the value) is withheld."""


@dataclass(frozen=True)
class SideSummary:
    label: str
    """The revision as given, or None for the working tree."""
    commit: str | None
    errors: int
    warnings: int
    money_computed: bool
    """False when the side has errors (other than ledger drift): no money is computed on bad data."""


@dataclass
class DiffReport:
    base: SideSummary
    head: SideSummary
    added: list[EntityChange] = field(default_factory=list)
    changed: list[EntityChange] = field(default_factory=list)
    removed: list[EntityChange] = field(default_factory=list)
    money: list[CampaignMoney] = field(default_factory=list)
    introduced: list[ProblemChange] = field(default_factory=list)
    fixed: list[ProblemChange] = field(default_factory=list)
    settings_language: str = "zh"
    levels: list[LevelMove] = field(default_factory=list)
    """KOCs whose level as of `today` changes (computed only when neither side has errors)."""

    @property
    def ok(self) -> bool:
        """HEAD has no error (ledger errors included): the change may be merged."""
        return self.head.errors == 0


# -- reading a side --------------------------------------------------------------------------------


@dataclass
class _Tree:
    label: str | None
    commit: str | None
    root: Path
    keys: dict[str, str]
    """Programme-relative path → content key (the git blob id) of every regular data file."""
    content: dict[str, bytes]
    """Contents read so far (`raw` reads the others from `root` when first asked for)."""
    cache_key: str | None = None
    """The check cache's name when the folder is temporary (see Cache.for_programme)."""
    tree_key: str | None = None
    """A digest of every path, mode and blob id written (a commit's tree): the check of the same tree is
    read whole from the cache (kocsite.checker.check). None for the working tree."""

    def raw(self, rel: str) -> bytes | None:
        """The content of a regular data file of this side, None for any other path."""
        data = self.content.get(rel)
        if data is None and rel in self.keys and self.keys[rel] != _UNREADABLE:
            try:
                with open(os.path.join(self.root, rel), "rb") as stream:
                    data = self.content[rel] = stream.read()
            except OSError:
                return None
        return data


def diff(root: Path, base: str, head: str | None = None, cache_dir: Path | None = None,
         jobs: int | None = None, today: date | None = None) -> DiffReport:
    """Compare the programme at `root` (a git working tree, or a folder inside one) between two revisions;
    `head` None is the working tree. Raises GitDiffError for a bad repository or revision."""
    repo, prefix = _open(root)
    cache_key = f"{Path(repo.working_tree_dir).resolve()}:{prefix}:git"
    try:
        base_commit = _commit(repo, base)
        head_commit = _commit(repo, head) if head is not None else None
        with ExitStack() as stack:
            scan = _start_scan(repo, prefix, base_commit) if head_commit is None else None
            base_place = _place(stack, cache_dir, cache_key, "base")
            base_entries = _listed(repo, base_commit, prefix, base_place)
            if scan is not None:
                head_tree = _working_tree(root, prefix, base_entries, scan)
            else:
                head_place = _place(stack, cache_dir, cache_key, "head")
                head_tree = _materialise(repo, head, head_commit, _listed(repo, head_commit, prefix, head_place),
                                         head_place, None)
            base_tree = _materialise(repo, base, base_commit, base_entries, base_place, head_tree)
            return _compare(base_tree, head_tree, cache_dir, jobs, today)
    finally:
        repo.close()


@dataclass(frozen=True)
class _Place:
    """Where a revision's files are written: a folder of its own in the cache dir, kept between runs
    and updated file by file (`manifest` lists what it holds), or a fresh temporary folder."""

    dest: Path
    manifest: Path | None
    cache_key: str | None


def _place(stack: ExitStack, cache_dir: Path | None, cache_key: str, slot: str) -> _Place:
    if cache_dir is not None and fcntl is not None:
        home = cache_dir / f"tree-{hashlib.blake2b(cache_key.encode(), digest_size=8).hexdigest()}-{slot}"
        try:
            home.mkdir(parents=True, exist_ok=True)
            lock = stack.enter_context(open(home / ".lock", "w"))
            fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)  # released when the file closes
            return _Place(home / "tree", home / "manifest.json", None)
        except OSError:
            pass  # not writable, or another diff of this repository is using it: a temporary folder
    scratch = Path(stack.enter_context(tempfile.TemporaryDirectory(prefix="kocsite-diff-")))
    return _Place(scratch / slot, None, f"{cache_key}:tmp")


class _Repo:
    """The git commands a diff runs, as plain subprocesses in the working tree's top folder."""

    def __init__(self, top: str) -> None:
        self.working_tree_dir = top

    def _command(self, args: tuple[str, ...]) -> list[str]:
        return ["git", "-C", self.working_tree_dir, *args]

    def run(self, *args: str, check: bool = True) -> bytes | None:
        """git's output; None when it fails and `check` is False (GitDiffError when it is True)."""
        done = subprocess.run(self._command(args), stdin=subprocess.DEVNULL, capture_output=True)
        if done.returncode != 0:
            if check:
                raise _failed(args, done.stderr)
            return None
        return done.stdout

    def start(self, *args: str, stdin: bool = False) -> subprocess.Popen:
        return subprocess.Popen(self._command(args), stdin=subprocess.PIPE if stdin else subprocess.DEVNULL,
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE)

    def close(self) -> None:
        pass


def _failed(args: tuple[str, ...] | list[str], stderr: bytes) -> GitDiffError:
    said = stderr.decode("utf-8", "replace").strip()
    return GitDiffError(f"git {args[0]} 失败：{said}", f"git {args[0]} failed: {said}")


def _open(root: Path) -> tuple[_Repo, str]:
    try:
        done = subprocess.run(["git", "-C", str(root), "rev-parse", "--show-toplevel"], stdin=subprocess.DEVNULL,
                              capture_output=True)
        top = os.fsdecode(done.stdout.rstrip(b"\n")) if done.returncode == 0 else ""
    except OSError:
        done, top = None, ""
    if not top:
        _explain_open(root)
        raise _failed(["rev-parse"], done.stderr if done is not None else b"git not found")
    prefix = root.resolve().relative_to(Path(top).resolve()).as_posix()
    return _Repo(top), "" if prefix == "." else prefix


def _explain_open(root: Path) -> None:
    """Why git cannot open `root` (GitPython tells a folder outside any repository from a bare one)."""
    import git

    try:
        repo = git.Repo(root, search_parent_directories=True)
    except (git.InvalidGitRepositoryError, git.NoSuchPathError):
        raise GitDiffError(f"'{root}' 不在 git 仓库里", f"'{root}' is not inside a git repository") from None
    bare = repo.bare or repo.working_tree_dir is None
    repo.close()
    if bare:
        raise GitDiffError(f"'{root}' 是裸仓库", f"'{root}' is a bare repository")


def _commit(repo: _Repo, rev: str) -> str:
    """The commit `rev` names, when the clone holds it and its files."""
    named = repo.run("rev-parse", "--verify", "--quiet", f"{rev}^{{commit}}", check=False) if not rev.startswith("-") else None
    if not named:
        import git

        explainer = git.Repo(repo.working_tree_dir)
        try:
            return _explained_commit(explainer, rev)
        finally:
            explainer.close()
    sha = named.decode("ascii", "replace").strip()
    if repo.run("cat-file", "-e", f"{sha}^{{tree}}", check=False) is None:
        raise GitDiffError(f"版本 '{rev}' 不在这个浅克隆（shallow clone）里。{_FETCH_ZH}",
                           f"revision '{rev}' is not in this shallow clone. {_FETCH_EN}")
    return sha


def _explained_commit(repo: git.Repo, rev: str) -> str:
    """`_commit` by GitPython, for a revision git itself does not name: which error to report."""
    import git

    try:
        sha = repo.commit(rev).hexsha
    except (git.BadName, git.BadObject, ValueError, git.GitCommandError, TypeError):
        if _is_shallow(repo):
            raise GitDiffError(f"找不到版本 '{rev}'：这是浅克隆（shallow clone），它可能没有被取下来。{_FETCH_ZH}",
                               f"unknown revision '{rev}': this is a shallow clone, which may not hold it. {_FETCH_EN}") from None
        raise GitDiffError(f"找不到版本 '{rev}'", f"unknown revision '{rev}'") from None
    try:
        repo.git.cat_file("-e", f"{sha}^{{tree}}")
    except git.GitCommandError:
        raise GitDiffError(f"版本 '{rev}' 不在这个浅克隆（shallow clone）里。{_FETCH_ZH}",
                           f"revision '{rev}' is not in this shallow clone. {_FETCH_EN}") from None
    return sha


_FETCH_ZH = ("在 GitHub Actions 里给 actions/checkout 加上 `fetch-depth: 0`；在本地运行 git fetch --unshallow"
             "（或只取要比较的分支：git fetch origin <分支>）")
_FETCH_EN = ("In GitHub Actions give actions/checkout `fetch-depth: 0`; locally run git fetch --unshallow "
             "(or fetch just the branch to compare with: git fetch origin <branch>)")


def _is_shallow(repo: git.Repo) -> bool:
    import git

    try:
        return repo.git.rev_parse("--is-shallow-repository").strip() == "true"
    except git.GitCommandError:
        return Path(repo.git_dir, "shallow").exists()


def _ls_tree(repo: _Repo, commit: str, prefix: str) -> list[tuple[str, str, str]]:
    """(mode, blob id, programme-relative path) of every entry under the data paths."""
    paths = [f"{prefix}/{p}" if prefix else p for p in DATA_PATHS]
    out = repo.run("ls-tree", "-r", "-z", "--full-tree", commit, "--", *paths).decode("utf-8", "surrogateescape")
    entries = []
    for item in out.split("\0"):
        if not item:
            continue
        meta, path = item.split("\t", 1)
        mode, kind, sha = meta.split()
        rel = path[len(prefix) + 1:] if prefix else path
        if kind == "blob" and _safe_rel(rel):
            entries.append((mode, sha, rel))
    return entries


def _listed(repo: _Repo, commit: str, prefix: str, place: _Place) -> list[tuple[str, str, str]]:
    """`_ls_tree`, kept beside the place's manifest for the last commit listed (a commit's tree never
    changes): a diff against the same BASE again asks git for nothing."""
    if place.manifest is None:
        return _ls_tree(repo, commit, prefix)
    listing = place.manifest.with_name("listing.json")
    try:
        stored = msgspec.json.decode(listing.read_bytes(), type=tuple[str, str, list[tuple[str, str, str]]])
        if stored[0] == commit and stored[1] == prefix and all(_listed_entry(e) for e in stored[2]):
            return stored[2]
    except (OSError, msgspec.DecodeError, ValueError):
        pass
    entries = _ls_tree(repo, commit, prefix)
    try:
        write_atomic(listing, msgspec.json.encode((commit, prefix, entries)), durable=False)
    except (OSError, WriteError):
        pass
    return entries


def _listed_entry(entry: tuple[str, str, str]) -> bool:
    """An entry as `_ls_tree` gives it (the cache dir may be shared: a path must stay inside the tree)."""
    return entry[0].isdigit() and len(entry[1]) in (40, 64) and _safe_rel(entry[2])


def _safe_rel(rel: str) -> bool:
    """A relative path none of whose parts is empty, `.`, `..` or `.git`."""
    wrapped = f"/{rel}/"
    return not ("//" in wrapped or "/./" in wrapped or "/../" in wrapped or "/.git/" in wrapped)


def _materialise(repo: _Repo, label: str, commit: str, entries: list[tuple[str, str, str]], place: _Place,
                 other: _Tree | None) -> _Tree:
    """Write the tree's data files under `place.dest`, only those that differ from what it holds.
    Blobs come from git, or from the `other` side's file when it holds the same blob (e.g. an
    unchanged file of the working tree); symlinks are written as links to a name that does not
    exist, so check reports them (E012) and nothing ever follows them; submodules are left out."""
    entries = [(mode, sha, rel) for mode, sha, rel in entries if mode == "120000" or mode.startswith("100")]
    tree = _Tree(label, commit, place.dest, {}, {}, place.cache_key, _tree_key(entries))
    held = _held(place)
    new = {rel: f"{mode} {sha}" for mode, sha, rel in entries}
    dest = str(place.dest)
    inside = os.path.join(dest, "")
    todo = []
    for mode, sha, rel in entries:
        if mode != "120000":
            tree.keys[rel] = sha
        if held.get(rel) != new[rel] or not _still_there(inside + rel, mode == "120000"):
            todo.append((mode, sha, rel))
    if not todo and held == new:
        return tree  # the folder holds this very tree: its manifest stays as it is
    if place.manifest is not None and held:
        place.manifest.unlink(missing_ok=True)  # forgotten while the folder is being updated
    for rel in sorted(set(held) - set(new), reverse=True):
        _remove(place.dest, rel)
    by_sha = {sha: rel for rel, sha in other.keys.items()} if other is not None and todo else {}
    blobs: dict[str, bytes] = {}
    for _, sha, _ in todo:
        known = other.raw(by_sha[sha]) if sha in by_sha else None
        if known is not None and hashlib.sha1(b"blob %d\0" % len(known) + known).hexdigest() == sha:
            blobs[sha] = known
    blobs.update(_read_blobs(repo, sorted({sha for mode, sha, _ in todo if mode != "120000" and sha not in blobs})))
    made: set[str] = set()
    for mode, sha, rel in todo:
        target = os.path.join(dest, rel)
        folder = os.path.dirname(target)
        if folder not in made:
            os.makedirs(folder, exist_ok=True)
            made.add(folder)
        if os.path.lexists(target):
            os.unlink(target)
        if mode == "120000":
            try:
                os.symlink(_SYMLINK_TARGET, target)
            except OSError:
                pass
            continue
        tree.content[rel] = blobs[sha]
        with open(target, "wb") as out:
            out.write(blobs[sha])
    if place.manifest is not None:
        place.manifest.write_bytes(msgspec.json.encode(new))
    return tree


def _tree_key(entries: list[tuple[str, str, str]]) -> str:
    from kocsite import __version__

    lines = [f"{mode} {sha} {rel}" for mode, sha, rel in sorted(entries, key=lambda e: e[2])]
    return hashlib.blake2b("\n".join([__version__, "git-tree", *lines]).encode(), digest_size=16).hexdigest()


def _still_there(path: str, link: bool) -> bool:
    """The file the manifest promises is there (a cleaner may have pruned the cache); its content is
    the blob the manifest names as long as nothing but kocsite writes there."""
    try:
        stat = os.lstat(path)
    except OSError:
        return False
    return S_ISLNK(stat.st_mode) if link else S_ISREG(stat.st_mode)


def _held(place: _Place) -> dict[str, str]:
    """What the folder holds (mode and blob id by path); an empty, fresh folder when that is not known
    (first use, or an update that was interrupted: the manifest is removed while the folder is updated)."""
    held = {}
    if place.manifest is not None:
        try:
            held = msgspec.json.decode(place.manifest.read_bytes(), type=dict[str, str])
        except (OSError, msgspec.DecodeError, ValueError):
            held = {}
    if not isinstance(held, dict):
        held = {}
    if not held and os.path.lexists(place.dest):
        shutil.rmtree(place.dest)
    place.dest.mkdir(parents=True, exist_ok=True)
    return held if isinstance(held, dict) else {}


def _remove(dest: Path, rel: str) -> None:
    """Remove a file the new revision does not have, and the folders it leaves empty."""
    target = dest / rel
    if os.path.lexists(target):
        target.unlink()
    folder = target.parent
    while folder != dest:
        try:
            folder.rmdir()
        except OSError:
            break
        folder = folder.parent


def _read_blobs(repo: _Repo, shas: list[str]) -> dict[str, bytes]:
    """Many blobs through one `git cat-file --batch`, fed from a thread so the pipe never stalls."""
    if not shas:
        return {}
    proc = repo.start("cat-file", "--batch", stdin=True)

    def feed() -> None:
        try:
            proc.stdin.write(("\n".join(shas) + "\n").encode())
        finally:
            proc.stdin.close()

    feeder = threading.Thread(target=feed, daemon=True)
    feeder.start()
    blobs = {}
    try:
        for sha in shas:
            header = proc.stdout.readline().split()
            if len(header) != 3:
                raise GitDiffError(f"git 对象 {sha} 读取失败", f"cannot read git object {sha}")
            blobs[sha] = proc.stdout.read(int(header[2]))
            proc.stdout.read(1)
    finally:
        feeder.join()
        proc.stdout.close()
        proc.stderr.close()
        proc.wait()
    return blobs


def _start_scan(repo: _Repo, prefix: str, base_commit: str) -> list[subprocess.Popen]:
    """Git asked which paths of the working tree differ from `base_commit` (by its index's stat data, as
    `git diff` does) and which are not tracked; both run while the base's tree is listed."""
    paths = [f"{prefix}/{p}" if prefix else p for p in DATA_PATHS]
    return [repo.start("diff-index", "-z", "--name-only", "--no-renames", base_commit, "--", *paths),
            repo.start("ls-files", "-z", "--others", "--", *paths)]


def _scanned(scan: list[subprocess.Popen]) -> list[str]:
    names = []
    for proc in scan:
        out, err = proc.communicate()
        if proc.returncode != 0:
            raise _failed([proc.args[3]], err)
        names += out.decode("utf-8", "surrogateescape").split("\0")
    return names


def _working_tree(root: Path, prefix: str, base_entries: list[tuple[str, str, str]], scan: list[Any]) -> _Tree:
    """The data files as they are on disk, keyed like git blobs; symlinks are not followed. Only the
    paths git names (`_start_scan`) are read now, the others are the base's blobs, read when asked for."""
    tree = _Tree(None, None, root, {}, {})
    look = {name[len(prefix) + 1:] if prefix else name for name in _scanned(scan) if name}
    for mode, sha, rel in base_entries:
        if rel not in look and mode.startswith("100"):
            tree.keys[rel] = sha
    base = str(root)
    for rel in sorted(look):
        if _safe_rel(rel) and _regular_inside(base, rel):
            _add_file(tree, os.path.join(base, rel), rel)
    return tree


def _regular_inside(base: str, rel: str) -> bool:
    """A regular file, reached through no symlinked folder (a FIFO, socket or device is never read)."""
    path = base
    for part in rel.split("/"):
        path = os.path.join(path, part)
        if os.path.islink(path):
            return False
    return os.path.isfile(path)


_UNREADABLE = "unreadable"


def _add_file(tree: _Tree, path: str, rel: str) -> None:
    try:
        with open(path, "rb") as stream:
            data = stream.read()
    except OSError:
        tree.keys[rel] = _UNREADABLE
        return
    tree.keys[rel] = hashlib.sha1(b"blob %d\0" % len(data) + data).hexdigest()
    tree.content[rel] = data


# -- comparing ------------------------------------------------------------------------------------


@dataclass
class _Side:
    tree: _Tree
    result: CheckResult
    programme: Programme
    blocked: bool
    money: dict[str, tuple[dict[str, tuple[Fraction, int]], int, int] | None] = field(default_factory=dict)
    """Per affected campaign: {koc: (credit, payout)}, pool, unallocated; None when the rules fail."""

    @property
    def error_files(self) -> set[str]:
        return {p.file for p in self.result.problems if p.severity == ERROR}


def _compare(base: _Tree, head: _Tree, cache_dir: Path | None, jobs: int | None, today: date | None = None) -> DiffReport:
    base_check = check(base.root, cache_dir=cache_dir, jobs=jobs, cache_key=base.cache_key, tree_key=base.tree_key)
    head_check = check(head.root, cache_dir=cache_dir, jobs=jobs, cache_key=head.cache_key, tree_key=head.tree_key)
    changed = sorted(rel for rel in set(base.keys) | set(head.keys) if base.keys.get(rel) != head.keys.get(rel))
    blocked = [any(p.severity == ERROR and p.code not in LEDGER_CODES for p in r.problems) for r in (base_check, head_check)]
    affected = _affected_campaigns(changed, base, head)
    sides = []
    for tree, result, is_blocked in ((base, base_check, blocked[0]), (head, head_check, blocked[1])):
        only = set(changed) | _task_files_of(changed, tree)
        if not is_blocked:
            only |= _money_inputs(tree, affected)
        side = _Side(tree, result, load_programme(tree.root, only=only, reader=result.reader,
                                                  discovered=result.discovered), is_blocked)
        if not is_blocked:
            side.money = _money(side.programme, affected)
        sides.append(side)
    base_side, head_side = sides
    report = DiffReport(_summary(base_side), _summary(head_side), settings_language=head_check.settings.language)
    _entities(report, changed, base_side, head_side)
    if not base_side.blocked and not head_side.blocked:
        report.money = _money_changes(affected, base_side, head_side)
    report.money += _ledger_changes(changed, base_side, head_side)
    if not base_side.blocked and not head_side.blocked:
        report.levels = _level_moves(changed, base_side, head_side, today)
    report.introduced, report.fixed = _problem_changes(base_side, head_side)
    return report


_LEVEL_INPUTS = frozenset({"settings", "task", "contribution", "campaign"})


def _level_moves(changed: list[str], base: _Side, head: _Side, today: date | None) -> list[LevelMove]:
    """Each KOC's level as of `today` (default: today in HEAD's time zone) on both sides, where it differs.
    Levels read every KOC's whole history, so both sides are loaded whole — only when a file they
    depend on changed and either side has levels."""
    if not (base.programme.settings.levels.tiers or head.programme.settings.levels.tiers):
        return []
    if not any((_classify(rel) or ("",))[0] in _LEVEL_INPUTS for rel in changed):
        return []
    from kocsite.core.today import programme_today
    from kocsite.money.levels import compute_levels
    from kocsite.money.wallet import earnings

    day = programme_today(head.programme.settings, today)
    current = []
    for side in (base, head):
        programme = without_dangling_records(load_programme(side.tree.root, reader=side.result.reader,
                                                                  discovered=side.result.discovered))
        levels = compute_levels(earnings(programme, compute_credit(programme)), programme.settings.levels, day)
        current.append((programme, levels, {koc: levels.current(koc) for koc in programme.kocs}))
    (_, base_levels, before), (_, head_levels, after) = current
    moves = []
    for koc in sorted(set(before) | set(after)):
        old, new = before.get(koc), after.get(koc)
        if (old.name if old else None) == (new.name if new else None):
            continue
        if old is not None and new is not None and [t.id for t in base_levels.tiers] == [t.id for t in head_levels.tiers]:
            direction = "up" if head_levels.rank(new.id) > base_levels.rank(old.id) else "down"
        else:
            direction = "changed"
        moves.append(LevelMove(koc, old.name if old else None, new.name if new else None, direction, _koc_name(koc, head, base)))
    return moves


def _summary(side: _Side) -> SideSummary:
    errors = sum(1 for p in side.result.problems if p.severity == ERROR)
    return SideSummary(side.tree.label, side.tree.commit, errors, len(side.result.problems) - errors, not side.blocked)


def _classify(rel: str) -> tuple[str, str] | None:
    """(kind, id) of a path the loaders read, as kocsite.files.layout names them; None for anything else."""
    if rel == SETTINGS_FILE:
        return "settings", SETTINGS_FILE
    parts = rel.split("/")
    if not rel.endswith(".yaml") or any(p.startswith(".") for p in parts) or parts[0] not in ENTITY_DIRS:
        return None
    stem = parts[-1].removesuffix(".yaml")
    if not is_slug(stem):
        return None
    if len(parts) == 2:
        return ENTITY_DIRS[parts[0]], stem
    if len(parts) == 3 and parts[0] == "tasks":
        return "contribution", f"{parts[1]}/{stem}"
    if len(parts) == 3 and parts[0] == "sentiment":
        return "sentiment", f"{parts[1]}/{stem}"
    return None


def _task_files_of(changed: list[str], tree: _Tree) -> set[str]:
    """The task file of each changed contribution file, when it exists on this side."""
    tasks = {f"tasks/{rel.split('/')[1]}.yaml" for rel in changed if (_classify(rel) or ("",))[0] == "contribution"}
    return {rel for rel in tasks if rel in tree.keys}


def _task_campaign(tree: _Tree, task_id: str) -> str | None:
    raw = tree.raw(f"tasks/{task_id}.yaml")
    data = parse_bytes(raw, "task").data if raw is not None else None
    campaign = data.get("campaign") if isinstance(data, dict) else None
    return campaign if isinstance(campaign, str) else None


def _affected_campaigns(changed: list[str], base: _Tree, head: _Tree) -> list[str]:
    """Campaigns whose input files (settings, the campaign, its tasks and their contributions) differ."""
    def campaign_ids(tree: _Tree) -> set[str]:
        return {kind_id[1] for rel in tree.keys if (kind_id := _classify(rel)) and kind_id[0] == "campaign"}

    affected: set[str] = set()
    for rel in changed:
        kind_id = _classify(rel)
        if kind_id is None:
            continue
        kind, ident = kind_id
        if kind == "settings":
            affected |= campaign_ids(base) | campaign_ids(head)
        elif kind == "campaign":
            affected.add(ident)
        elif kind in ("task", "contribution"):
            task_id = ident.split("/")[0]
            affected |= {c for c in (_task_campaign(base, task_id), _task_campaign(head, task_id)) if c}
    return sorted(affected)


def _money_inputs(tree: _Tree, campaigns: list[str]) -> set[str]:
    """The input files of the campaigns on this side. Task files are only parsed when their text could
    name one of the campaigns (it holds the id, or an escape that could spell it)."""
    if not campaigns:
        return set()
    needles = [c.encode() for c in campaigns] + [b"\\"]
    task_campaigns: dict[str, str | None] = {}
    for rel in tree.keys:
        kind_id = _classify(rel)
        if kind_id and kind_id[0] == "task" and any(n in (tree.raw(rel) or b"") for n in needles):
            task_campaigns[kind_id[1]] = _task_campaign(tree, kind_id[1])
    index = InputIndex(tree.keys, task_campaigns)
    return {rel for c in campaigns for rel in index.files_of(c)}


def _money(programme: Programme, campaigns: list[str]) -> dict[str, Any]:
    book = compute_credit(programme)
    money: dict[str, Any] = {}
    for campaign in campaigns:
        if campaign not in programme.campaigns:
            continue
        try:
            outcome = campaign_outcome(programme, book, campaign)
        except RewardRuleError:
            money[campaign] = None
            continue
        money[campaign] = (actual_figures(outcome), outcome.split.pool_fen, outcome.split.unallocated_fen)
    return money


def _koc_name(koc: str, *sides: "_Side") -> str | None:
    """The KOC's public name, read from its file (the sides load only the programme's affected part)."""
    for side in sides:
        model = side.programme.kocs.get(koc) if side.programme is not None else None
        if model is not None:
            return model.name
        path = side.tree.root / f"kocs/{koc}.yaml"
        try:
            data = parse_bytes(path.read_bytes(), f"kocs/{koc}.yaml").data if path.is_file() else None
        except OSError:
            continue
        if isinstance(data, dict) and isinstance(data.get("name"), str):
            return data["name"]
    return None


def _ledger_money(programme: Programme, campaigns: list[str]) -> dict[str, Any]:
    """The sealed figures (entries + adjustments) of the ledgers that changed, in the shape of `_money`."""
    money: dict[str, Any] = {}
    for campaign in campaigns:
        model = programme.ledgers.get(campaign)
        if model is not None:
            figures, unallocated = expected_figures(model)
            money[campaign] = (figures, model.pool_fen, unallocated)
    return money


OTHER_FIGURES = ("deliverable_met", "badges", "goods", "priority")


def _money_changes(campaigns: list[str], base: _Side, head: _Side, note_all: str | None = None,
                   base_money: dict[str, Any] | None = None, head_money: dict[str, Any] | None = None) -> list[CampaignMoney]:
    base_money = base.money if base_money is None else base_money
    head_money = head.money if head_money is None else head_money
    changes = []
    for campaign in campaigns:
        if campaign not in base_money and campaign not in head_money:
            continue
        before, after = base_money.get(campaign), head_money.get(campaign)
        note = ("rules-base" if campaign in base_money and before is None else
                "rules-head" if campaign in head_money and after is None else note_all)
        b_figures, b_pool, b_left = before if before is not None else ({}, None, None)
        a_figures, a_pool, a_left = after if after is not None else ({}, None, None)
        kocs = []
        for koc in sorted(set(b_figures) | set(a_figures)):
            b, a = b_figures.get(koc), a_figures.get(koc)
            if b != a:
                others = tuple((f, getattr(b, f, None), getattr(a, f, None)) for f in OTHER_FIGURES
                               if getattr(b, f, None) != getattr(a, f, None))
                kocs.append(KocMoney(koc, getattr(b, "credit", None), getattr(a, "credit", None),
                                     getattr(b, "payout_fen", None), getattr(a, "payout_fen", None), others,
                                     _koc_name(koc, head, base)))
        if kocs or b_pool != a_pool or b_left != a_left or (note and note != note_all):
            changes.append(CampaignMoney(campaign, tuple(kocs), b_pool, a_pool, b_left, a_left, note))
    return changes


def _ledger_changes(changed: list[str], base: _Side, head: _Side) -> list[CampaignMoney]:
    """Sealed figures changed in a ledger file itself: an edit by hand or an adjustment, shown as money."""
    ledgers = sorted(ident for rel in changed if (kind_id := _classify(rel)) and kind_id[0] == "ledger"
                     for ident in [kind_id[1]])
    if not ledgers:
        return []
    return _money_changes(ledgers, base, head, "ledger-edited", _ledger_money(base.programme, ledgers),
                          _ledger_money(head.programme, ledgers))


# -- entities -------------------------------------------------------------------------------------


def _entities(report: DiffReport, changed: list[str], base: _Side, head: _Side) -> None:
    records: dict[str, dict[str, Any]] = {}
    for rel in changed:
        kind_id = _classify(rel)
        if kind_id is None:
            continue
        kind, ident = kind_id
        before, after = _state(base, rel, kind, ident), _state(head, rel, kind, ident)
        if kind == "contribution" and before is not _INVALID and after is not _INVALID:
            for side_name, state in (("before", before), ("after", after)):
                for record_id, model in (state or {}).items():
                    records.setdefault(record_id, {"file": rel})[side_name] = model
            continue
        _add_entity(report, kind, ident, rel, before, after)
    for record_id in sorted(records):
        item = records[record_id]
        _add_entity(report, "contribution", record_id, item["file"], item.get("before"), item.get("after"))
    for items in (report.added, report.changed, report.removed):
        items.sort(key=lambda e: (e.kind, e.id))


def _state(side: _Side, rel: str, kind: str, ident: str) -> Any:
    """The side's model of the file (None: no such file; _INVALID: the file does not validate)."""
    if rel not in side.tree.keys:
        return None
    programme = side.programme
    if kind == "contribution":
        task_id = ident.split("/")[0]
        found = {f"{task_id}/{r.id}": r.contribution for r in programme.contributions.get(task_id, ()) if r.file == rel}
        return _INVALID if not found and rel in side.error_files else found
    if kind == "settings":
        return _INVALID if rel in side.error_files else programme.settings
    if kind == "redemption":
        from kocsite.models.redemption import RedemptionFile

        found = [r.redemption for r in programme.redemptions if r.file == rel]
        return RedemptionFile.model_construct(redemptions=found) if found else _INVALID
    if kind == "sentiment":
        campaign, week = ident.split("/")
        model = programme.sentiment.get(campaign, {}).get(week)
        return _INVALID if model is None else model
    model = {"koc": programme.kocs, "campaign": programme.campaigns, "task": programme.tasks,
             "ledger": programme.ledgers, "insight": programme.insights}[kind].get(ident)
    return _INVALID if model is None else model


def _add_entity(report: DiffReport, kind: str, ident: str, rel: str, before: Any, after: Any) -> None:
    if before is None and after is None:
        return
    if before is _INVALID or after is _INVALID:
        note = "invalid-base" if before is _INVALID else "invalid-head"
        change = EntityChange(kind, ident, rel, (), note)
    else:
        fields = ()
        if before is not None and after is not None:
            fields = tuple(field_changes(before.model_dump(mode="json"), after.model_dump(mode="json")))
            if not fields:
                return  # the same data written differently (comments, quoting, order)
        change = EntityChange(kind, ident, rel, fields, shares=_shares(after) if kind == "contribution" else ())
    (report.added if before is None else report.removed if after is None else report.changed).append(change)


PRIVATE_KEYS = ("private", "git")
"""Keys whose values never reach a diff: a `private:` block, and a KOC's git identities (emails)."""


def _shares(after: Any) -> tuple[tuple[str, str, str | None], ...]:
    """Each co-author's share and whether they confirmed it (shown with every changed joint byline)."""
    authors = getattr(after, "authors", None) or ()
    return tuple((a.koc, format(a.share, "f").rstrip("0").rstrip(".") if "." in format(a.share, "f") else format(a.share, "f"),
                  a.confirmed.isoformat() if a.confirmed else None) for a in authors)


def field_changes(before: Any, after: Any, path: str = "", private: bool = False) -> list[FieldChange]:
    """The paths where two JSON-like values differ, e.g. `members[2].status`; values kept for public
    scalars only (anything under a `private` key keeps its path and loses its values). A mapping or
    list present on one side only is listed leaf by leaf."""
    if before == after:
        return []
    if _pair(before, after, dict):
        b = before if isinstance(before, dict) else {}
        a = after if isinstance(after, dict) else {}
        out = []
        for key in list(b) + [k for k in a if k not in b]:
            sub = f"{path}.{key}" if path else str(key)
            out += field_changes(b.get(key, _MISSING), a.get(key, _MISSING), sub, private or key in PRIVATE_KEYS)
        return out
    if _pair(before, after, list):
        b = before if isinstance(before, list) else []
        a = after if isinstance(after, list) else []
        out = []
        for i in range(max(len(b), len(a))):
            out += field_changes(b[i] if i < len(b) else _MISSING, a[i] if i < len(a) else _MISSING, f"{path}[{i}]", private)
        return out
    if private:
        return [FieldChange(path, private=True, shown=False)]
    if not (_scalar(before) and _scalar(after)):
        return [FieldChange(path, shown=False)]
    return [FieldChange(path, None if before is _MISSING else before, None if after is _MISSING else after)]


def _pair(before: Any, after: Any, kind: type) -> bool:
    """Both of this kind, or one a non-empty one and the other missing."""
    if isinstance(before, kind) and isinstance(after, kind):
        return True
    return ((before is _MISSING and isinstance(after, kind) and bool(after))
            or (after is _MISSING and isinstance(before, kind) and bool(before)))


def _scalar(value: Any) -> bool:
    return value is _MISSING or value is None or isinstance(value, (str, int, float, bool))


# -- problems -------------------------------------------------------------------------------------


def _problem_key(p: Problem) -> tuple:
    return p.file, p.code, tuple(kv for kv in p.params if "line" not in kv[0])


def _problem_changes(base: _Side, head: _Side) -> tuple[list[ProblemChange], list[ProblemChange]]:
    """Problems are matched within their file only, so a file whose problems are the very same on both
    sides (most of them) has none to report and is skipped whole."""
    if _encoded(base.result.problems) == _encoded(head.result.problems):
        return [], []
    by_file = [_by_file(side.result.problems) for side in (base, head)]
    differing = {rel for rel in by_file[0].keys() | by_file[1].keys() if by_file[0].get(rel) != by_file[1].get(rel)}

    def only_in(side: _Side, other: _Side) -> list[ProblemChange]:
        remaining = Counter(_problem_key(p) for p in other.result.problems if p.file in differing)
        out = []
        for p in side.result.problems:
            if p.file not in differing:
                continue
            key = _problem_key(p)
            if remaining[key]:
                remaining[key] -= 1
            else:
                out.append(ProblemChange(p, _in_private_block(side.tree, p)))
        return out

    return only_in(head, base), only_in(base, head)


def _encoded(problems: list[Problem]) -> bytes:
    return msgspec.json.encode(problems)


def _by_file(problems: list[Problem]) -> dict[str, list[Problem]]:
    found: dict[str, list[Problem]] = {}
    for p in problems:
        found.setdefault(p.file, []).append(p)
    return found


def _in_private_block(tree: _Tree, p: Problem) -> bool:
    """Whether the problem's line lies inside the file's top-level `private:` block."""
    raw = tree.raw(p.file)
    if raw is None or b"private" not in raw:
        return False
    root = parse_bytes(raw, p.file).root
    if root is None:
        return False  # reading problems (syntax, encoding, tabs) do not quote values
    for key, value in getattr(root, "value", ()):
        if getattr(key, "value", None) == "private":
            last = value.end_mark.line + (1 if value.end_mark.column > 0 else 0)  # 1-based last line of the block
            return key.start_mark.line + 1 <= p.line <= max(last, key.start_mark.line + 1)
    return False
