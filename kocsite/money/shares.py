"""Cash held back for shares not yet confirmed (份额待确认暂扣).

A co-author of a task with an agreed byline confirms their share (`confirmed:` on their author entry).
Until then the share's credit counts (reputation, ranks, and the cash split: it is shown as pending)
but its cash is not paid. Of a KOC's campaign payout P, with campaign credit C of which Q is pending:

    paid = floor(P × (C − Q) / C)        held = P − paid

The held part stays the KOC's: it is not spread to the others (their cash would change again the day
the share is confirmed); it is reported as held, and paid once confirmed (the next `kocsite payouts`
after the confirmation is committed). So pool = Σ paid + Σ held + unallocated, to the 分.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from fractions import Fraction
from typing import Iterable

from kocsite.money.credit import CreditBook, Line


@dataclass(frozen=True)
class HeldCash:
    koc: str
    payout_fen: int
    """The KOC's whole payout in the campaign."""
    credit: Fraction
    """Their counted credit in the campaign."""
    pending_credit: Fraction
    """The part of it from shares not confirmed yet."""
    held_fen: int
    """Cash held back until confirmed."""
    records: tuple[str, ...]
    """The contributions whose share is not confirmed (file paths)."""

    @property
    def paid_fen(self) -> int:
        return self.payout_fen - self.held_fen


def pending_credit(lines: Iterable[Line]) -> dict[str, tuple[Fraction, Fraction, tuple[str, ...]]]:
    """KOC → (counted credit, pending part of it, files of the pending contributions)."""
    total: dict[str, Fraction] = defaultdict(Fraction)
    pending: dict[str, Fraction] = defaultdict(Fraction)
    files: dict[str, set[str]] = defaultdict(set)
    for line in lines:
        if line.counted:
            total[line.koc] += line.credit
            if line.pending:
                pending[line.koc] += line.credit
                files[line.koc].add(line.file)
    return {koc: (total[koc], pending[koc], tuple(sorted(files[koc]))) for koc in pending}


def held_cash(book: CreditBook, campaign: str, payouts: dict[str, int]) -> tuple[HeldCash, ...]:
    """Cash held back per KOC with pending shares in the campaign, from their payouts (KOC → 分)."""
    held = []
    for koc, (credit, pending, files) in sorted(pending_credit(book.by_campaign.get(campaign, ())).items()):
        payout = payouts.get(koc, 0)
        if payout <= 0 or pending <= 0 or credit <= 0:
            continue
        paid = payout * (credit - pending) // credit  # floor: nobody is paid for a share not confirmed
        held.append(HeldCash(koc, payout, credit, pending, payout - int(paid), files))
    return tuple(held)


def held_by_koc(held: Iterable[HeldCash]) -> dict[str, int]:
    return {h.koc: h.held_fen for h in held}
