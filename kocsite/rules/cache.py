"""A cache of per-file check results keyed by path and content, so a re-check redoes only what changed.

It lives outside the data tree (KOCSITE_CACHE_DIR, else $XDG_CACHE_HOME/kocsite, else
~/.cache/kocsite), in shards so that a re-check after one edit rewrites one small shard, not all.
Everything is thrown away when kocsite's version or the settings change.

The files are JSON (kocsite.rules.cache_format), never pickle: a planted or corrupt file cannot run code or
crash the check; every entry is validated as it is read, and a bad one is ignored and rebuilt.

A file whose size and mtime match its entry is taken as unchanged, unless its mtime is too close
to when the shard was written to tell ("racy git"); otherwise its content digest decides.

A shard (NN.json) holds each file's entry: stat, content digest, problems and the digest of its facts.
The facts themselves, most of the bytes, are in facts-NN.json, read only when a rule needs them (the
programme rules when some file's facts changed): a warm check after an edited title reads none. Facts
read back must hash to their entry's digest, else the file is checked again.
"""

from __future__ import annotations

import hashlib
import os
import time
import zlib
from pathlib import Path
from typing import Any

import msgspec

from kocsite import __version__
from kocsite.rules import cache_format
from kocsite.core.atomic import WriteError, write_atomic
from kocsite.rules.cache_format import BadEntry

SHARDS = 32
FORMAT = 7
"""Bump when what is cached per file (problems, facts) changes shape; old caches are then ignored."""
_RACY_NS = 2_000_000_000

Entry = tuple[int, int, str, Any]
"""(size, mtime_ns, content digest, result)."""
STORED = type("StoredFacts", (), {"__repr__": lambda self: "STORED", "__slots__": ()})()
"""In a result read from the cache, in place of the facts: they are kept in the cache (facts_of)."""


def digest(raw: bytes) -> str:
    return hashlib.blake2b(raw, digest_size=16).hexdigest()


def default_dir() -> Path | None:
    """The cache directory; None (no cache at all) when KOCSITE_NO_CACHE is set to anything but 0."""
    if os.environ.get("KOCSITE_NO_CACHE", "0") not in ("", "0"):
        return None
    if os.environ.get("KOCSITE_CACHE_DIR"):
        return Path(os.environ["KOCSITE_CACHE_DIR"])
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "kocsite"


def shard_of(rel: str) -> int:
    return zlib.crc32(rel.encode()) % SHARDS


class Cache:
    """A no-op cache when `directory` is None."""

    def __init__(self, directory: Path | None, settings_key: str) -> None:
        self.directory = directory
        self.key = f"{__version__}:{FORMAT}:{settings_key}"
        self.shards: list[dict[str, Entry] | None] = [None if directory is not None else {} for _ in range(SHARDS)]
        """Each shard decoded when a file in it is first asked for."""
        self.written_ns = [0] * SHARDS
        self.dirty: set[int] = set()
        self.facts: list[dict[str, msgspec.Raw] | None] = [None if directory is not None else {} for _ in range(SHARDS)]
        """Each shard's facts, read when one of them is first asked for."""
        self.facts_dirty: set[int] = set()

    @classmethod
    def for_programme(cls, root: Path, settings_key: str, directory: Path | None, key: str | None = None) -> "Cache":
        """The cache of the programme at `root`, or of `key` when given: a stable name (such as a
        repository's path + ':git') lets files materialised into changing temporary folders share one."""
        if directory is None:
            return cls(None, settings_key)
        name = hashlib.blake2b((key if key is not None else str(root.resolve())).encode(), digest_size=8).hexdigest()
        return cls(directory / f"check-{name}", settings_key)

    def lookup(self, rel: str, size: int, mtime_ns: int) -> tuple[Any, str | None]:
        """(result, its content digest) when unchanged by stat; (None, old digest) when content must
        decide; (None, None) for a file not in the cache."""
        shard = shard_of(rel)
        entry = self._shard(shard).get(rel)
        if entry is None:
            return None, None
        if entry[0] == size and entry[1] == mtime_ns and mtime_ns < self.written_ns[shard] - _RACY_NS:
            return _result(entry), entry[2]
        return None, entry[2]

    def digest_of(self, rel: str) -> str | None:
        entry = self._shard(shard_of(rel)).get(rel)
        return entry[2] if entry is not None else None

    def result_for(self, rel: str, file_digest: str) -> Any:
        entry = self._shard(shard_of(rel)).get(rel)
        return _result(entry) if entry is not None and entry[2] == file_digest else None

    def store(self, rel: str, size: int, mtime_ns: int, file_digest: str, result: Any) -> None:
        """`result` as the checker has it: (problems, facts, facts digest, holds confirmations), the
        facts kept encoded (cache_format.FileResult)."""
        problems, facts, facts_digest, confirms = result
        shard = shard_of(rel)
        entries = self._shard(shard)
        old = entries.get(rel)
        entries[rel] = (size, mtime_ns, file_digest, (problems, facts_digest, confirms))
        self.dirty.add(shard)
        if facts is not STORED and (old is None or old[3][1] != facts_digest):
            self._facts(shard)[rel] = cache_format.encoded_facts(facts)
            self.facts_dirty.add(shard)

    def facts_of(self, rel: str) -> msgspec.Raw | None:
        """A file's facts as stored (JSON, not yet checked: see cache_format.decode_facts)."""
        return self._facts(shard_of(rel)).get(rel)

    def forget(self, rel: str) -> None:
        """Drop a file's entry (its facts did not decode): the next check reads the file again."""
        shard = shard_of(rel)
        if self._shard(shard).pop(rel, None) is not None:
            self.dirty.add(shard)

    def programme_findings(self, facts_key: str, slot: str = "programme") -> Any:
        """The programme rules' findings when every file's facts hash to `facts_key`, else None.
        `slot` keeps another set of whole-programme findings apart (the ledgers' verification)."""
        stored = self.load_slot(slot, cache_format.Findings)
        if stored is None or stored[0] != facts_key:
            return None
        try:
            return cache_format.decode_findings(stored[1])
        except BadEntry:
            return None

    def store_programme_findings(self, facts_key: str, findings: Any, slot: str = "programme") -> None:
        self.store_slot(slot, (facts_key, cache_format.encode_findings(findings)))

    def load_slot(self, slot: str, kind: Any) -> Any:
        """A value of type `kind` kept whole under `slot` (None when there is none or it is not ours)."""
        return self.load(self._programme_path(slot), kind) if self.directory is not None else None

    def store_slot(self, slot: str, value: Any) -> None:
        if self.directory is not None:
            try:
                self.directory.mkdir(parents=True, exist_ok=True)
                self.dump(self._programme_path(slot), value)
            except OSError:
                pass

    def save(self, keep: set[str]) -> list[str]:
        """Forget files that are gone (from the shards read), then write the changed shards atomically.
        Returns the files forgotten."""
        if self.directory is None:
            return []
        forgotten = []
        for i, entries in enumerate(self.shards):
            if entries is None:
                continue
            gone = [rel for rel in entries if rel not in keep]
            for rel in gone:
                del entries[rel]
            if gone:
                self.dirty.add(i)
                facts = self._facts(i)
                for rel in gone:
                    facts.pop(rel, None)
                self.facts_dirty.add(i)
                forgotten += gone
        try:
            self.directory.mkdir(parents=True, exist_ok=True)
            for i in sorted(self.facts_dirty):  # before the entries that name them
                self.dump(self._facts_path(i), self.facts[i])
            for i in sorted(self.dirty):
                self._write(i)
        except OSError:
            pass  # a cache that cannot be written only costs time
        self.dirty.clear()
        self.facts_dirty.clear()
        return forgotten

    def _path(self, shard: int) -> Path:
        return self.directory / f"{shard:02d}.json"

    def _facts_path(self, shard: int) -> Path:
        return self.directory / f"facts-{shard:02d}.json"

    def _facts(self, i: int) -> dict[str, msgspec.Raw]:
        facts = self.facts[i]
        if facts is None:
            facts = self.facts[i] = self.load(self._facts_path(i), cache_format.FactsShard) or {}
        return facts

    def _programme_path(self, slot: str = "programme") -> Path:
        return self.directory / f"{slot}.json"

    def _write(self, shard: int) -> None:
        self.dump(self._path(shard), (time.time_ns(), self.shards[shard]))

    def _shard(self, i: int) -> dict[str, Entry]:
        shard = self.shards[i]
        if shard is None:
            shard = self.shards[i] = {}
            stored = self.load(self._path(i), cache_format.Shard)
            if stored is not None:
                try:
                    self.written_ns[i], self.shards[i] = cache_format.checked_shard(stored)
                    shard = self.shards[i]
                except BadEntry:
                    pass
        return shard

    def dump(self, path: Path, value: Any) -> None:
        """Atomically (never torn; not fsynced: a lost cache only costs time), tagged with the cache
        key (kocsite version and settings)."""
        try:
            write_atomic(path, cache_format.dumps(self.key, value), durable=False)
        except WriteError as exc:
            raise OSError(str(exc)) from None

    def load(self, path: Path, kind: Any) -> Any:
        """The value of type `kind` stored at `path`, or None when missing, too large, not JSON, of the
        wrong shape or from another key. Nothing read here can run code."""
        try:
            with open(path, "rb") as stream:
                if os.fstat(stream.fileno()).st_size > cache_format.MAX_BYTES:
                    return None
                return cache_format.loads(stream.read(), self.key, kind)
        except (OSError, BadEntry, MemoryError):
            return None


def _result(entry: Entry) -> tuple[Any, Any, str, bool]:
    """A file's result as the checker has it: (problems, STORED facts, facts digest, holds confirmations)."""
    problems, facts_digest, confirms = entry[3]
    return problems, STORED, facts_digest, confirms
