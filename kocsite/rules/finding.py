"""Rules beyond the schema, one module per family, each rule with a stable code.

A rule yields Findings: where (the path of keys inside the file), the code and its params.
File rules see one validated file; programme rules see the facts of every file at once.
"""

from __future__ import annotations

from typing import Any, NamedTuple


class Finding(NamedTuple):
    file: str
    loc: tuple[Any, ...]
    code: str
    params: dict[str, Any]
    at_key: bool = False


def finding(file: str, loc: tuple[Any, ...], code: str, at_key: bool = False, **params: Any) -> Finding:
    return Finding(file, loc, code, params, at_key)
