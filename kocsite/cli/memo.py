"""A report command run again on unchanged data writes its last output again, from the cache.

`credit`, `rewards`, `progress`, `due`, `candidates` and `match` compute over the whole programme
(100 000 records at reference scale) and print a report that depends on nothing but what they read:
the data files' contents, the command line, the language, the programme's day and kocsite's code. When all of them
are as at the command's last run, its output is the same text, so it is read back from the cache
instead of computed again (the check still runs first and still reports).

One slot per command keeps the output of its latest run (kocsite.rules.cache: JSON, tagged with
kocsite's version, written atomically). A run whose data has errors is never kept nor replayed:
its errors must be printed each time.

A file that changed does not always change the output. The slot also keeps what the run read of each
file (kocsite.models.programme.Reads): nothing, only its light views (kocsite.models.views: who,
when, the review, the shares …), or the whole file. The output is replayed when every file the run
read whole has the same content and every file it read the views of has the same views. The
computation is deterministic: the same inputs read in the same order lead to the same reads, so this
is as exact as comparing every file. A contribution's new metrics, link or excerpt change no view,
so `credit` is not computed again for them; a new review status is.

A command opts in with `@replayed_when_unchanged`; `valid_programme` and `usable_programme`
(kocsite.cli.options) call `replay_or_record` once the check has run, which ends the command there
on a hit.
"""

from __future__ import annotations

import functools
import hashlib
import io
import json
import os
import sys
from contextlib import redirect_stdout
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable, Mapping, TypeVar

import click

from kocsite import __version__

if TYPE_CHECKING:
    from kocsite.models.programme import Reads
    from kocsite.rules.cache import Cache

MEMO = "kocsite.memo"
"""Where a command's `OutputMemo` waits in click's context meta for the programme to be loaded."""

F = TypeVar("F", bound=Callable[..., Any])


def replayed_when_unchanged(command: F) -> F:
    """Record the command's output under the key of what it read, or replay it (see the module)."""

    @functools.wraps(command)
    def run(*args: Any, **kwargs: Any) -> Any:
        ctx = click.get_current_context()
        memo = ctx.meta[MEMO] = OutputMemo(ctx)
        return memo.run(lambda: command(*args, **kwargs))

    return run  # type: ignore[return-value]


def replay_or_record(root: Path, cache_dir: Path | None, digests: Mapping[str, str], lang: str, today: str,
                     views_now: Callable[[str], Any]) -> None:
    """Called when the programme has loaded without errors: replay the command's output and end it
    when everything it read matches its last run, else let it run and keep its output. `views_now`
    gives a file's views as they are now (to compare a changed file's views with the last run's)."""
    ctx = click.get_current_context()
    if cache_dir is not None and ctx.meta[MEMO].replayed(root, cache_dir, digests, lang, today, views_now):
        ctx.exit(0)


def watch(reads: Reads) -> None:
    """What the command reads of the programme (kocsite.models.programme.Reads), for the slot."""
    memo = click.get_current_context().meta.get(MEMO)
    if memo is not None:
        memo.reads = reads


Fingerprint = dict[str, tuple[str, str]]
"""Per data file of the last run: its content digest and what the run read of it — "" nothing,
"c" the whole file, "v<digest>" its views (`view_digest`)."""
Slot = tuple[str, str, str, Fingerprint]
"""(the key of everything but the data, the key of everything, the output, the fingerprint)."""


def view_digest(views: Any) -> str:
    from kocsite.models.views import view_bytes

    return hashlib.blake2b(view_bytes(views), digest_size=16).hexdigest()


def fingerprint(digests: Mapping[str, str], reads: Reads | None) -> Fingerprint:
    if reads is None:  # the programme was never loaded: only the same data replays
        return {rel: (d, "c") for rel, d in digests.items()}
    views = reads.views
    return {rel: (d, "c" if reads.read_whole(rel) else "v" + view_digest(views[rel]) if rel in views else "")
            for rel, d in digests.items()}


def same_reads(last: Fingerprint, digests: Mapping[str, str], views_now: Callable[[str], Any]) -> bool:
    """Whether every file the last run read is as it was, as far as it read it."""
    if last.keys() != digests.keys():  # ids are file names: a new or removed file may count
        return False
    for rel, now in digests.items():
        digest_then, read = last[rel]
        if now == digest_then or read == "":
            continue
        if read == "c" or view_digest(views_now(rel)) != read[1:]:
            return False
    return True


class OutputMemo:
    def __init__(self, ctx: click.Context) -> None:
        self.name = "output-" + ctx.command_path.replace(" ", "-")
        self.parameters = {"command": ctx.command_path, "params": ctx.params, "root": ctx.find_root().params}
        self.key: str | None = None
        """Set when the programme loaded without errors: only then is the output kept."""
        self.head = ""
        self.digests: Mapping[str, str] = {}
        self.reads: Reads | None = None
        self.slot: Cache | None = None

    def replayed(self, root: Path, cache_dir: Path, digests: Mapping[str, str], lang: str, today: str,
                 views_now: Callable[[str], Any]) -> bool:
        """Write the last run's output when it read the same; else remember the inputs, to keep this
        run's output under them."""
        from kocsite.rules.cache import Cache

        self.head, self.digests = self.head_of(lang, today), digests
        self.key = self.key_of(self.head, digests)
        self.slot = Cache.for_programme(root, "output", cache_dir)
        stored = self.slot.load_slot(self.name, Slot)
        if stored is None:
            return False
        head, key, output, last = stored
        if key != self.key:
            if head != self.head or not same_reads(last, digests, views_now):
                return False
            self.slot.store_slot(self.name, (head, self.key, output, {rel: (digests[rel], last[rel][1]) for rel in digests}))
        sys.stdout.write(output)
        return True

    def head_of(self, lang: str, today: str) -> str:
        """Every input of the output but the data: kocsite's version and code, the command line, the
        language and the day."""
        head = [__version__, _code_stamp(), json.dumps(self.parameters, sort_keys=True, default=str), lang, today]
        return hashlib.blake2b("\n".join(head).encode(), digest_size=16).hexdigest()

    @staticmethod
    def key_of(head: str, digests: Mapping[str, str]) -> str:
        """The head and each data file's content digest."""
        hashed = hashlib.blake2b(head.encode(), digest_size=16)
        for rel in sorted(digests):
            hashed.update(f"\n{rel}\t{digests[rel]}".encode())
        return hashed.hexdigest()

    def run(self, command: Callable[[], Any]) -> Any:
        """Run the command with its standard output captured, then written; kept when it succeeded."""
        captured = io.StringIO()
        stdout = sys.stdout
        try:
            with redirect_stdout(captured):
                result = command()
        finally:
            stdout.write(captured.getvalue())
        if self.key is not None:
            self.slot.store_slot(self.name, (self.head, self.key, captured.getvalue(),
                                             fingerprint(self.digests, self.reads)))
        return result


def _code_stamp() -> str:
    """kocsite's code as installed, by each module's path, size and modification time: a checkout
    whose code was edited never replays what the code before printed."""
    package = Path(__file__).resolve().parent.parent
    stamps = []
    for folder, folders, names in os.walk(package):
        folders[:] = sorted(f for f in folders if f != "__pycache__")
        for name in sorted(names):
            if name.endswith(".py"):
                status = os.stat(os.path.join(folder, name))
                stamps.append(f"{os.path.relpath(folder, package)}/{name}:{status.st_size}:{status.st_mtime_ns}")
    return ";".join(stamps)

