"""A report command run again on unchanged data writes its last output again, from the cache.

`credit`, `rewards`, `progress`, `due`, `candidates` and `match` compute over the whole programme
(100 000 records at reference scale) and print a report that depends on nothing but what they read:
the data files' contents, the command line, the language, the programme's day and kocsite's code. When all of them
are as at the command's last run, its output is the same text, so it is read back from the cache
instead of computed again (the check still runs first and still reports).

One slot per command keeps the output of its latest run (kocsite.rules.cache: JSON, tagged with
kocsite's version, written atomically). A run whose data has errors is never kept nor replayed:
its errors must be printed each time.

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


def replay_or_record(root: Path, cache_dir: Path | None, digests: Mapping[str, str], lang: str, today: str) -> None:
    """Called when the programme has loaded without errors: replay the command's output and end it
    when every input matches its last run, else let it run and keep its output."""
    ctx = click.get_current_context()
    if cache_dir is not None and ctx.meta[MEMO].replayed(root, cache_dir, digests, lang, today):
        ctx.exit(0)


class OutputMemo:
    def __init__(self, ctx: click.Context) -> None:
        self.name = "output-" + ctx.command_path.replace(" ", "-")
        self.parameters = {"command": ctx.command_path, "params": ctx.params, "root": ctx.find_root().params}
        self.key: str | None = None
        """Set when the programme loaded without errors: only then is the output kept."""
        self.slot: Cache | None = None

    def replayed(self, root: Path, cache_dir: Path, digests: Mapping[str, str], lang: str, today: str) -> bool:
        """Write the last run's output when it had these very inputs; else remember them, to keep
        this run's output under them."""
        from kocsite.rules.cache import Cache

        self.key = self.key_of(digests, lang, today)
        self.slot = Cache.for_programme(root, "output", cache_dir)
        stored = self.slot.load_slot(self.name, tuple[str, str])
        if stored is None or stored[0] != self.key:
            return False
        sys.stdout.write(stored[1])
        return True

    def key_of(self, digests: Mapping[str, str], lang: str, today: str) -> str:
        """Every input of the output: kocsite's version and code, the command line, the language, the day and
        each data file's content digest."""
        hashed = hashlib.blake2b(digest_size=16)
        head = [__version__, _code_stamp(), json.dumps(self.parameters, sort_keys=True, default=str), lang, today]
        hashed.update("\n".join(head).encode())
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
            self.slot.store_slot(self.name, (self.key, captured.getvalue()))
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

