"""A cache of per-file results, keyed by path and content, so a re-check reads only what changed.

The cache lives outside the data tree (KOCSITE_CACHE_DIR, else $XDG_CACHE_HOME/kocsite, else
~/.cache/kocsite), one file per programme. It is thrown away whole when kocsite's version or the
settings change. A file whose size and mtime are unchanged is trusted to have the same content
unless its mtime is too close to when the cache was written to tell (the "racy git" case).
"""

from __future__ import annotations

import hashlib
import os
import pickle
import tempfile
import time
from pathlib import Path
from typing import Any

from kocsite import __version__

_RACY_NS = 2_000_000_000


def digest(raw: bytes) -> str:
    return hashlib.blake2b(raw, digest_size=16).hexdigest()


def default_dir() -> Path:
    if os.environ.get("KOCSITE_CACHE_DIR"):
        return Path(os.environ["KOCSITE_CACHE_DIR"])
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "kocsite"


class Cache:
    def __init__(self, path: Path | None, settings_key: str) -> None:
        self.path = path
        self.key = f"{__version__}:{settings_key}"
        self.stats: dict[str, tuple[int, int, str]] = {}
        self.results: dict[tuple[str, str], Any] = {}
        self.written_ns = 0
        self.dirty = False
        if path is not None:
            self._read()

    @classmethod
    def for_programme(cls, root: Path, settings_key: str, directory: Path | None) -> "Cache":
        if directory is None:
            return cls(None, settings_key)
        name = hashlib.blake2b(str(root.resolve()).encode(), digest_size=8).hexdigest()
        return cls(directory / f"check-{name}.pickle", settings_key)

    def known_digest(self, rel: str, stat: os.stat_result) -> str | None:
        entry = self.stats.get(rel)
        if entry is None or entry[0] != stat.st_size or entry[1] != stat.st_mtime_ns:
            return None
        if stat.st_mtime_ns >= self.written_ns - _RACY_NS:
            return None
        return entry[2]

    def get(self, rel: str, file_digest: str) -> Any:
        return self.results.get((rel, file_digest))

    def put(self, rel: str, stat: os.stat_result | None, file_digest: str, result: Any) -> None:
        if stat is not None:
            self.stats[rel] = (stat.st_size, stat.st_mtime_ns, file_digest)
        self.results[(rel, file_digest)] = result
        self.dirty = True

    def save(self, keep: set[str]) -> None:
        """Write atomically, keeping only entries for the files that exist now."""
        if self.path is None or not self.dirty:
            return
        stats = {rel: s for rel, s in self.stats.items() if rel in keep}
        results = {k: v for k, v in self.results.items() if k[0] in keep and stats.get(k[0], (0, 0, ""))[2] == k[1]}
        payload = {"key": self.key, "written_ns": time.time_ns(), "stats": stats, "results": results}
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(dir=self.path.parent, prefix=".tmp-")
            with os.fdopen(fd, "wb") as out:
                pickle.dump(payload, out, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(tmp, self.path)
        except OSError:
            pass  # a cache that cannot be written only costs time

    def _read(self) -> None:
        try:
            with open(self.path, "rb") as stream:
                payload = pickle.load(stream)
        except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError, ValueError, TypeError):
            return
        if not isinstance(payload, dict) or payload.get("key") != self.key:
            return
        self.stats, self.results, self.written_ns = payload["stats"], payload["results"], payload["written_ns"]
