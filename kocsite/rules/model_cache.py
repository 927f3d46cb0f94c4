"""Each file's validated model, cached by the file's content digest beside the check's results, so a
command after `kocsite check` reads no YAML that has not changed.

A model is stored as pydantic's own JSON of it (data only, never pickle) and validated again by the
same model when a command first uses it: a planted or corrupt entry cannot run code, and one that
does not validate is ignored and its file read from the YAML. The entries live in their own shards
(models-NN.json), which `check` writes and never reads, so a warm check stays as fast as it was.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable, Iterable

import msgspec
from pydantic import BaseModel

from kocsite.core.problems import Problem
from kocsite.files.layout import DataFile
from kocsite.models.load import ReadFile, dump_model, model_from_dump, read_file
from kocsite.models.views import FileViews, views_from_json, views_of
from kocsite.models.programme import ready
from kocsite.rules import cache_format
from kocsite.rules.cache import SHARDS, Cache, digest, shard_of
from kocsite.rules.cache_format import BadEntry

Stored = tuple[str, tuple[Problem, ...], "str | None", msgspec.Raw]
"""kocsite.rules.cache_format.ModelEntry."""


def model_json(model: BaseModel | None) -> tuple[str | None, bytes]:
    """A model's class name and JSON; None and null for a file that does not validate."""
    return dump_model(model) if model is not None else (None, b"null")


def entry(file_digest: str, problems: Iterable[Problem], model: BaseModel | None) -> Stored:
    """What is cached of a file read and validated: its problems, and its model as JSON."""
    name, raw = model_json(model)
    return file_digest, tuple(problems), name, msgspec.Raw(raw)


class ModelCache:
    """The model shards of one programme's cache (kocsite.rules.cache.Cache), read shard by shard as
    files are asked for."""

    def __init__(self, cache: Cache) -> None:
        self.cache = cache
        self.shards: list[dict[str, Stored] | None] = [None] * SHARDS
        self.dirty: set[int] = set()

    def get(self, rel: str, file_digest: str) -> Stored | None:
        entry = self._shard(shard_of(rel)).get(rel)
        return entry if entry is not None and entry[0] == file_digest else None

    def put(self, rel: str, entry: Stored) -> None:
        shard = shard_of(rel)
        self._shard(shard)[rel] = entry
        self.dirty.add(shard)

    def forget(self, rels: list[str]) -> None:
        """Drop the models of files that are gone."""
        for rel in rels:
            shard = shard_of(rel)
            if self._shard(shard).pop(rel, None) is not None:
                self.dirty.add(shard)

    def save(self) -> None:
        """Write the changed shards."""
        if self.cache.directory is None:
            return
        try:
            self.cache.directory.mkdir(parents=True, exist_ok=True)
            for i in sorted(self.dirty):
                self.cache.dump(self._path(i), self.shards[i])
        except OSError:
            pass  # a cache that cannot be written only costs time
        self.dirty.clear()

    def _shard(self, i: int) -> dict[str, Stored]:
        shard = self.shards[i]
        if shard is None:
            shard = self.shards[i] = self._read(i)
        return shard

    def _read(self, i: int) -> dict[str, Stored]:
        if self.cache.directory is None:
            return {}
        stored = self.cache.load(self._path(i), cache_format.ModelShard)
        try:
            return cache_format.checked_models(stored) if stored is not None else {}
        except BadEntry:
            return {}

    def _path(self, i: int) -> Path:
        return self.cache.directory / f"models-{i:02d}.json"


@dataclass
class CachedFile:
    problems: list[Problem]
    build: Callable[[], Any] | None
    views: Callable[[], FileViews] | None = None


class CachedReader:
    """A kocsite.models.programme.FileReader over the model cache: a file whose content digest (as
    the check just computed it) has an entry is built from it when first used; any other file is
    read from its YAML and its entry written. Models are kept, so a file is built once per run."""

    def __init__(self, root: Path, models: ModelCache, digests: dict[str, str]) -> None:
        self.root = root
        self.models = models
        self.digests = digests
        self.seen: dict[str, CachedFile] = {}

    def cached(self, file: DataFile) -> CachedFile | None:
        seen = self.seen.get(file.rel)
        if seen is not None:
            return seen
        file_digest = self.digests.get(file.rel)
        entry = self.models.get(file.rel, file_digest) if file_digest is not None else None
        if entry is None:
            return None
        _, problems, name, raw = entry
        if name is None:
            seen = self.seen[file.rel] = CachedFile(list(problems), None)
            return seen
        build = _once(lambda: self._build(file, name, raw))
        seen = self.seen[file.rel] = CachedFile(list(problems), build, lambda: self._views(name, raw, build))
        return seen

    def read(self, file: DataFile) -> ReadFile:
        read = read_file(self.root, file)
        if read.raw is not None:
            self.digests[file.rel] = file_digest = digest(read.raw)
            self.models.put(file.rel, entry(file_digest, read.problems, read.model))
        model = read.model
        self.seen[file.rel] = CachedFile(read.problems, *(ready(model) if model is not None else (None, None)))
        return read

    def _build(self, file: DataFile, name: str, raw: msgspec.Raw) -> Any:
        try:
            return model_from_dump(name, bytes(raw))
        except ValueError:  # an entry that does not validate is not ours: read the file itself
            return read_file(self.root, file).model


    @staticmethod
    def _views(name: str, raw: msgspec.Raw, build: Callable[[], Any]) -> FileViews:
        try:
            return views_from_json(name, bytes(raw))
        except ValueError:  # not of a view's shape: the model says what the file holds
            return views_of(build())


def _once(build: Callable[[], Any]) -> Callable[[], Any]:
    """`build`, run at most once."""
    done: list[Any] = []

    def built() -> Any:
        if not done:
            done.append(build())
        return done[0]

    return built
