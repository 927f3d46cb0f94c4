"""Rules inside one ledger file: it names its own campaign, and its seal matches its figures.

The seal is a digest of the sealed figures, so checking it needs nothing but the file itself;
whether the figures still follow from the data is a computation (kocsite.money.ledger.verify).
"""

from __future__ import annotations

import json
from typing import Any, Iterator

from kocsite.files.cache import digest
from kocsite.rules.finding import Finding, finding
from kocsite.rules.context import FileContext
from kocsite.models.ledger import Ledger


def check_ledger_file(ledger: Ledger, ctx: FileContext) -> Iterator[Finding]:
    f = ctx.file.rel
    if ledger.campaign != ctx.file.stem:
        yield finding(f, ("campaign",), "E301", id=ledger.campaign, stem=ctx.file.stem)
    if seal_of(ledger_dict(ledger)) != ledger.seal:
        yield finding(f, ("seal",), "E601")


def sealed_part(ledger: dict[str, Any]) -> dict[str, Any]:
    return {k: ledger[k] for k in ("campaign", "closed", "kocsite", "inputs", "pool_fen", "unallocated_fen", "entries")}


def seal_of(ledger: dict[str, Any]) -> str:
    canonical = json.dumps(sealed_part(ledger), ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return digest(canonical.encode())


def ledger_dict(model: Ledger) -> dict[str, Any]:
    """The sealed figures of a parsed ledger, in the same shape `frozen` writes."""
    return model.model_dump(mode="json", exclude={"adjustments", "seal"})
