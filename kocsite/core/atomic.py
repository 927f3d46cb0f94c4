"""Writes that survive kill -9 and a full disk: the one place kocsite writes data files.

- `write_atomic(path, data)`: one file. The new content goes to a temp file next to it (same file
  system) named `.kocsite-tmp-<name>.<random>`, which check never reads (discover skips dot files),
  is fsynced, then renamed over the target with os.replace and the folder fsynced — as git writes a
  `.lock` file and renames it. A reader sees the old file or the new one, never half of one.
- `Transaction(root, name)`: several files, all or nothing. Each new file is staged as a temp file
  (fsynced); then a journal `.kocsite-tmp-journal-<name>.json` listing the renames is written and
  fsynced (the commit point); then the renames; then the journal goes. Killed before the journal:
  nothing changed (the temps are stale and cleaned later). Killed after: `complete_pending` (run
  by the command when it is run again) finishes the renames; `check` reports the pending journal.
- Every failure to write (ENOSPC, EDQUOT, EROFS, EACCES …) becomes WriteError, which says what
  failed and that nothing was changed; staged temps are removed.

KOCSITE_FAULT_KILL_AT=N (for the fault-injection tests) SIGKILLs the process at the N-th write step
of a durable write (the check cache's writes, durable=False, are not counted).
"""

from __future__ import annotations

import contextlib
import errno
import json
import os
import signal
import tempfile
import time
from pathlib import Path

TMP_PREFIX = ".kocsite-tmp-"
JOURNAL_PREFIX = TMP_PREFIX + "journal-"
_STALE_SECONDS = 3600


class WriteError(Exception):
    """A write that failed before anything changed; `path` is what could not be written."""

    def __init__(self, path: Path | str, cause: OSError) -> None:
        super().__init__(f"{path}: {cause.strerror or cause}")
        self.path = str(path)
        self.cause = cause

    @property
    def disk_full(self) -> bool:
        return self.cause.errno in (errno.ENOSPC, errno.EDQUOT)

    def message(self, lang: str) -> str:
        if lang == "en":
            why = "the disk is full" if self.disk_full else (self.cause.strerror or str(self.cause))
            return f"could not write {self.path} ({why}): nothing was changed"
        why = "磁盘已满" if self.disk_full else (self.cause.strerror or str(self.cause))
        return f"无法写入 {self.path}（{why}）：没有改动任何文件"


_steps = 0


def _step() -> None:
    """A write step; the fault-injection hook kills the process at the chosen one."""
    global _steps
    _steps += 1
    kill_at = os.environ.get("KOCSITE_FAULT_KILL_AT")
    if kill_at and _steps == int(kill_at):
        os.kill(os.getpid(), signal.SIGKILL)


def _fsync_dir(directory: Path) -> None:
    with contextlib.suppress(OSError):
        fd = os.open(directory, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def _as_bytes(data: str | bytes) -> bytes:
    return data.encode("utf-8") if isinstance(data, str) else data


def clean_stale(directory: Path, name: str | None = None) -> None:
    """Remove temp files left by interrupted writes: those of `name` at once, others after an hour.

    A folder is listed once per process: its young temp files of other names are remembered, and
    removed when their name is written. Listing it on every write made 15 000 writes into one folder
    quadratic (the site's page cache: 860 s instead of 350 s at reference scale)."""
    folder = os.fspath(directory)
    left = _young_temps.get(folder)
    if left is None:
        left = _young_temps[folder] = _list_and_clean(directory)
    if name is None:
        return
    mine = f"{TMP_PREFIX}{name}."
    for temp in [temp for temp in left if temp.startswith(mine)]:
        left.discard(temp)
        with contextlib.suppress(OSError):
            os.unlink(os.path.join(folder, temp))


_young_temps: dict[str, set[str]] = {}
"""Per folder listed by this process: the temp files (not journals) younger than an hour it still holds."""


def _list_and_clean(directory: Path) -> set[str]:
    """Remove the folder's temp files older than an hour; the names of the others."""
    try:
        entries = list(os.scandir(directory))
    except OSError:
        return set()
    now, young = time.time(), set()
    for entry in entries:
        if not entry.name.startswith(TMP_PREFIX) or entry.name.startswith(JOURNAL_PREFIX):
            continue
        with contextlib.suppress(OSError):
            if now - entry.stat(follow_symlinks=False).st_mtime > _STALE_SECONDS:
                os.unlink(entry.path)
            else:
                young.add(entry.name)
    return young


def _stage(path: Path, data: str | bytes, durable: bool = True) -> Path:
    """The data in a (fsynced) temp file next to `path`; WriteError (nothing left behind) on failure."""
    clean_stale(path.parent, path.name)
    try:
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f"{TMP_PREFIX}{path.name}.")
    except OSError as exc:
        raise WriteError(path, exc) from None
    try:
        with os.fdopen(fd, "wb") as out:
            if durable:
                _step()
            out.write(_as_bytes(data))
            if durable:
                out.flush()
                os.fsync(out.fileno())
    except OSError as exc:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise WriteError(path, exc) from None
    return Path(tmp)


def write_atomic(path: Path, data: str | bytes, durable: bool = True) -> None:
    """Replace (or create) `path` with `data` (text is written as UTF-8, line endings as given).
    `durable=False` skips the fsyncs, for files that may be lost but never torn (the check cache)."""
    tmp = _stage(path, data, durable)
    try:
        if durable:
            _step()
        os.replace(tmp, path)
    except OSError as exc:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise WriteError(path, exc) from None
    if durable:
        _fsync_dir(path.parent)


class Transaction:
    """Files written all or nothing (see the module's docstring)."""

    def __init__(self, root: Path, name: str) -> None:
        self.root = root
        self.journal = root / f"{JOURNAL_PREFIX}{name}.json"
        self.moves: list[tuple[Path, Path]] = []

    def stage(self, path: Path, data: str | bytes) -> None:
        try:
            self.moves.append((_stage(path, data), path))
        except WriteError:
            self.abort()
            raise

    def abort(self) -> None:
        for tmp, _ in self.moves:
            with contextlib.suppress(OSError):
                os.unlink(tmp)
        self.moves.clear()

    def commit(self) -> None:
        record = {"moves": [[tmp.relative_to(self.root).as_posix(), target.relative_to(self.root).as_posix()]
                            for tmp, target in self.moves]}
        try:
            _stage_journal(self.journal, json.dumps(record, ensure_ascii=False))
        except WriteError:
            self.abort()
            raise
        _finish(self.root, self.journal, self.moves)


def _stage_journal(journal: Path, text: str) -> None:
    tmp = _stage(journal, text)
    _step()
    os.replace(tmp, journal)  # the commit point
    _fsync_dir(journal.parent)


def _finish(root: Path, journal: Path, moves: list[tuple[Path, Path]]) -> None:
    for tmp, target in moves:
        if tmp.exists():
            _step()
            os.replace(tmp, target)
            _fsync_dir(target.parent)
    _step()
    journal.unlink()
    _fsync_dir(journal.parent)


def pending(root: Path) -> list[Path]:
    """Journals of committed transactions whose renames did not all happen."""
    with contextlib.suppress(OSError):
        return sorted(p for p in root.iterdir() if p.name.startswith(JOURNAL_PREFIX) and p.name.endswith(".json"))
    return []


def complete_pending(root: Path) -> list[str]:
    """Finish every interrupted transaction under `root`; the files they wrote (programme-relative).
    A journal is only trusted to rename kocsite's own temp files onto targets beside them."""
    done: list[str] = []
    for journal in pending(root):
        moves = _journal_moves(root, journal)
        if moves is None:
            continue
        _finish(root, journal, moves)
        done += [target.relative_to(root).as_posix() for _, target in moves]
    return done


def _journal_moves(root: Path, journal: Path) -> list[tuple[Path, Path]] | None:
    try:
        record = json.loads(journal.read_text(encoding="utf-8"))
        pairs = [(str(a), str(b)) for a, b in record["moves"]]
    except (OSError, ValueError, KeyError, TypeError):
        return None
    moves = []
    for tmp_rel, target_rel in pairs:
        tmp, target = root / tmp_rel, root / target_rel
        safe = (".." not in Path(tmp_rel).parts and ".." not in Path(target_rel).parts
                and not Path(tmp_rel).is_absolute() and not Path(target_rel).is_absolute()
                and tmp.parent == target.parent and tmp.name.startswith(f"{TMP_PREFIX}{target.name}."))
        if not safe:
            return None
        moves.append((tmp, target))
    return moves


def create_atomic(path: Path, data: str | bytes) -> None:
    """Create `path` with `data`, never replacing a file: the content is staged (fsynced) in a temp file
    beside it, then hard-linked into place, which fails with FileExistsError if `path` exists by then
    (so two writers never overwrite each other, and a reader never sees half a file)."""
    tmp = _stage(path, data)
    try:
        _step()
        os.link(tmp, path)
    except FileExistsError:
        raise
    except OSError as exc:
        raise WriteError(path, exc) from None
    finally:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
    _fsync_dir(path.parent)
