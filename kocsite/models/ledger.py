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
    credit: DecimalText
    payout_fen: Fen
    deliverable_met: Bool = False
    badges: list[Slug] = Field(default_factory=list)
    goods: list[Text] = Field(default_factory=list)
    priority: Bool = False


class Adjustment(Model):
    """An explicit, reasoned correction after closing: deltas to a KOC's frozen figures."""

    koc: Slug | None = None
    credit: DecimalText | None = None
    """Change of credit, e.g. "+30" or "-12.5"."""
    payout_fen: Int = 0
    unallocated_fen: Int = 0
    deliverable_met: Bool | None = None
    """Set (not a delta): the KOC's deliverable standard from now on."""
    badges: list[Slug] | None = None
    """Set: the KOC's badges from now on (the whole list)."""
    goods: list[Text] | None = None
    """Set: the KOC's goods from now on (the whole list)."""
    priority: Bool | None = None
    reason: Text
    by: Text
    date: Date


class Ledger(Model):
    campaign: Slug
    closed: Date
    kocsite: Text
    inputs: Text
    """Digest of the files the figures were computed from."""
    pool_fen: Fen
    unallocated_fen: Fen
    entries: list[LedgerEntry] = Field(default_factory=list)
    forced: Text | None = None
    """Why the campaign was closed early or with reviews pending / tasks open (`close --force --reason`)."""
    seal: Text
    adjustments: list[Adjustment] = Field(default_factory=list)
