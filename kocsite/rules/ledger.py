"""Rules inside one ledger file: it names its own campaign.

Its seal and every figure are verified against the inputs by `kocsite.money.ledger.verify`, run by
the checker for every ledger on every check (a seal recomputed after an edit must not pass).
"""

from __future__ import annotations

from typing import Iterator

from kocsite.rules.finding import Finding, finding
from kocsite.rules.context import FileContext
from kocsite.models.ledger import Ledger


def check_ledger_file(ledger: Ledger, ctx: FileContext) -> Iterator[Finding]:
    f = ctx.file.rel
    if ledger.campaign != ctx.file.stem:
        yield finding(f, ("campaign",), "E301", id=ledger.campaign, stem=ctx.file.stem)
