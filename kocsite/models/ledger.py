"""A closed campaign's frozen payout ledger: ledgers/<campaign-id>.yaml, written by `kocsite close`.

Everything above `adjustments` is sealed by `seal`, a digest of those figures: an edit by hand breaks
the seal and `kocsite check` says so. Corrections go under `adjustments`, each with its reason.
"""

from __future__ import annotations

from typing import Annotated

from pydantic import AfterValidator, Field, WithJsonSchema

from kocsite.models.types import Bool, Date, Fen, Int, Model, Slug, Text, parse_decimal


def _exact_decimal(text: str) -> str:
    parse_decimal(text)  # raises the E205 problem when it is not a plain decimal number
    return text


DecimalText = Annotated[str, AfterValidator(_exact_decimal),
                        WithJsonSchema({"type": "string", "pattern": r"^[+-]?(0|[1-9][0-9]*)(\.[0-9]+)?$"})]
"""Credit written as an exact decimal string, e.g. "133.33" or, in an adjustment, "+30"."""


class LedgerEntry(Model):
    koc: Slug
    """The KOC's id."""
    credit: DecimalText
    """Their credit in the campaign, exact."""
    payout_fen: Fen
    """Their payout in 分."""
    deliverable_met: Bool = False
    """Whether they met the deliverable standard."""
    badges: list[Slug] = Field(default_factory=list)
    """Badges awarded."""
    goods: list[Text] = Field(default_factory=list)
    """Goods awarded."""
    priority: Bool = False
    """Whether they got priority for the next campaign."""


class Adjustment(Model):
    """An explicit, reasoned correction after closing: deltas to a KOC's frozen figures."""

    koc: Slug | None = None
    """The KOC whose figures it corrects."""
    credit: DecimalText | None = None
    """Change of credit, e.g. "+30" or "-12.5"."""
    payout_fen: Int = 0
    """Change of payout in 分."""
    unallocated_fen: Int = 0
    """Change of the unallocated remainder in 分."""
    deliverable_met: Bool | None = None
    """Set (not a delta): the KOC's deliverable standard from now on."""
    badges: list[Slug] | None = None
    """Set: the KOC's badges from now on (the whole list)."""
    goods: list[Text] | None = None
    """Set: the KOC's goods from now on (the whole list)."""
    priority: Bool | None = None
    """Set: whether the KOC has priority for the next campaign from now on."""
    reason: Text
    """Why."""
    by: Text
    """Who decided it."""
    date: Date
    """The day it was decided."""


class Ledger(Model):
    campaign: Slug
    """The closed campaign's id."""
    closed: Date
    """The day it was closed."""
    kocsite: Text
    """The kocsite version that computed it."""
    inputs: Text
    """Digest of the files the figures were computed from."""
    pool_fen: Fen
    """The cash pool in 分."""
    unallocated_fen: Fen
    """What nobody could take, in 分: Σ payouts + unallocated = pool."""
    entries: list[LedgerEntry] = Field(default_factory=list)
    """One entry per KOC with credit in the campaign or an accepted role, highest payout first."""
    forced: Text | None = None
    """Why the campaign was closed early or with reviews pending / tasks open (`close --force --reason`)."""
    seal: Text
    """Digest of every figure above; an edit by hand breaks it (E601)."""
    adjustments: list[Adjustment] = Field(default_factory=list)
    """Reasoned corrections after closing; check accepts data that computes to the figures plus these."""
