"""The check cache's file format: JSON data only (msgspec), never code, validated on the way back.

A cache directory may be shared (self-hosted runners, restored CI caches), so what is read from it is
treated as hostile. It is parsed as JSON, which cannot run anything, straight into the types the
checker uses (Problem, FileFacts, Finding) by msgspec, which checks every value's type and shape as
it decodes; problem codes must be in the catalogue. Anything unexpected raises BadEntry, and the
cache then ignores that file and checks the data files again.
"""

from __future__ import annotations

from typing import Any, Union

import msgspec

from kocsite.rules.finding import Finding
from kocsite.rules.facts import FileFacts
from kocsite.core.problems import CATALOGUE, Problem
from kocsite.files.layout import ENTITY_DIRS, SUBFOLDER_KINDS

MAX_BYTES = 512 * 1024 * 1024
"""A cache file larger than this is not read at all (it cannot be ours)."""

FileResult = tuple[tuple[Problem, ...], str, bool]
"""(a file's problems, the digest of its facts, whether they hold share confirmations). The facts
themselves are kept apart (FactsShard), read and decoded only when a rule needs them: a warm check
whose facts did not change reads none."""
ShardEntry = tuple[int, int, str, FileResult]
"""(size, mtime_ns, content digest, result) of one data file."""
Shard = tuple[int, dict[str, ShardEntry]]
"""(when the shard was written, ns; entries by file)."""
FactsShard = dict[str, msgspec.Raw]
"""Each file's facts as canonical JSON (facts_bytes), by file: what its entry's facts digest is of."""
LedgerFacts = tuple[str, dict[str, str], dict[str, Union[str, None]]]
"""(digest of the ledgers' and tasks' facts, each sealed ledger's inputs digest by file, each task's
campaign): what the ledgers' verification needs of the facts (kocsite.checker)."""
ModelEntry = tuple[str, tuple[Problem, ...], Union[str, None], msgspec.Raw]
"""(content digest, the problems of reading the file, its model's class name and JSON; None and
null when the file does not validate) of one data file (kocsite.rules.model_cache)."""
ModelShard = dict[str, ModelEntry]
Located = dict[str, tuple[str, tuple[Problem, ...]]]
"""Programme findings turned into problems, by file and findings digest: (the file's content digest,
its located problems), reused while both are unchanged."""
StoredFinding = tuple[str, tuple[Union[int, str], ...], str, dict[str, Union[str, int, bool, None]], bool]
Findings = tuple[str, list[StoredFinding]]
"""(digest of every file's facts, the programme rules' findings)."""
Whole = tuple[str, int, list[Problem], dict[str, str], list[tuple[str, str]], list[tuple[str, str]], list[Problem], str]
"""A whole check result (kocsite.checker): (the key of the tree checked, how many files, the problems,
each file's content digest, the notes, the files discovered (path, kind), the problems met discovering
them, the settings' digest)."""


class BadEntry(ValueError):
    """A cache file that is not JSON, or holds a value of the wrong type or shape."""


_encoder = msgspec.json.Encoder()
_decoders: dict[Any, msgspec.json.Decoder] = {}
_facts_decoder = msgspec.json.Decoder(Union[FileFacts, None])


def raw(encoded: bytes) -> msgspec.Raw:
    """JSON kept encoded, written as it is (a model's JSON in a model shard)."""
    return msgspec.Raw(encoded)


def facts_bytes(facts: FileFacts | None) -> bytes:
    """A file's facts as canonical JSON (sets sorted), for the digest that says whether they changed."""
    return msgspec.json.encode(facts, order="deterministic")


def encoded_facts(facts: FileFacts | None) -> msgspec.Raw:
    return msgspec.Raw(facts_bytes(facts))


def decode_facts(encoded: msgspec.Raw) -> FileFacts | None:
    """A file's facts from the cache; BadEntry when they are not of their type and shape."""
    try:
        return _facts_decoder.decode(encoded)
    except (msgspec.DecodeError, ValueError, TypeError, RecursionError) as exc:
        raise BadEntry(str(exc)) from None


def is_null(encoded: msgspec.Raw) -> bool:
    """No facts at all (the file has nothing the programme rules look at)."""
    return len(encoded) == 4 and bytes(encoded) == b"null"


def dumps(key: str, value: Any) -> bytes:
    return _encoder.encode((key, value))


def loads(raw: bytes, key: str, kind: Any) -> Any:
    """The value stored under `key` (None when the file is from another kocsite version or settings)."""
    decoder = _decoders.get(kind)
    if decoder is None:
        decoder = _decoders[kind] = msgspec.json.Decoder(tuple[str, msgspec.Raw])
    try:
        stored_key, value = decoder.decode(raw)
        if stored_key != key:
            return None
        return msgspec.json.decode(value, type=kind)
    except (msgspec.DecodeError, ValueError, TypeError, RecursionError) as exc:
        raise BadEntry(str(exc)) from None


def _known_codes(problem_lists: Any) -> None:
    for problems in problem_lists:
        for p in problems:
            if p.code not in CATALOGUE:
                raise BadEntry(f"unknown problem code {p.code!r}")


def checked_shard(shard: Shard) -> Shard:
    _known_codes(entry[3][0] for entry in shard[1].values())
    return shard


def checked_models(shard: ModelShard) -> ModelShard:
    _known_codes(entry[1] for entry in shard.values())
    return shard


def checked_located(located: Located) -> Located:
    _known_codes(problems for _, problems in located.values())
    return located


_KINDS = frozenset({"settings", *ENTITY_DIRS.values(), *SUBFOLDER_KINDS.values()})


def checked_whole(whole: Whole) -> Whole:
    """A whole result's problems have known codes, and its files are paths inside the programme."""
    _known_codes((whole[2], whole[6]))
    for rel, kind in whole[5]:
        wrapped = f"/{rel}/"  # no part of it empty, `.` or `..`
        if kind not in _KINDS or "\\" in rel or "//" in wrapped or "/./" in wrapped or "/../" in wrapped:
            raise BadEntry(f"not a data file: {rel!r} ({kind!r})")
    return whole


def findings_bytes(findings: list[Finding]) -> bytes:
    return msgspec.json.encode(encode_findings(findings))


def encode_findings(findings: list[Finding]) -> list:
    return [(f.file, f.loc, f.code, {k: str(v) for k, v in f.params.items()}, f.at_key) for f in findings]


def decode_findings(stored: list[StoredFinding]) -> list[Finding]:
    out = []
    for file, loc, code, params, at_key in stored:
        if code not in CATALOGUE:
            raise BadEntry(f"unknown problem code {code!r}")
        out.append(Finding(file, loc, code, params, at_key))
    return out
