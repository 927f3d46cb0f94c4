"""Rules inside one ledger file: it names its own campaign, and its seal matches its figures."""

from __future__ import annotations

from typing import Iterator

from kocsite.checks import Finding, finding
from kocsite.checks.context import FileContext
from kocsite.models.ledger import Ledger


def check_ledger_file(ledger: Ledger, ctx: FileContext) -> Iterator[Finding]:
    from kocsite.ledger import ledger_dict, seal_of  # the ledger module computes outcomes; import it only here

    f = ctx.file.rel
    if ledger.campaign != ctx.file.stem:
        yield finding(f, ("campaign",), "E301", id=ledger.campaign, stem=ctx.file.stem)
    if seal_of(ledger_dict(ledger)) != ledger.seal:
        yield finding(f, ("seal",), "E601")
