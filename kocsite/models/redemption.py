"""Redemptions (积分兑换): points of the wallet spent on an item of the catalogue in kocsite.yml.

redemptions/<name>.yaml holds a list of redemptions, e.g. one file per month (redemptions/2027-05.yaml).
Points (积分) are spent, reputation (贡献值) never is: a redemption lowers the KOC's points balance only.
Redemptions are applied in a fixed order — date, then file, then position in the file — and one that
would overdraw the balance (E801) or take more than an item's stock (E802) is an error and is not applied.
"""

from __future__ import annotations

from pydantic import Field

from kocsite.models.types import Date, Model, Positive, Slug, Text


class RedemptionPrivate(Model):
    """Never published: not on the site, not in its search index, not in the JSON API."""

    tracking: Text | None = None
    """The parcel's tracking number (快递单号), or a booking reference."""
    notes: Text | None = None
    """Internal notes, e.g. who handed the item over."""


class Redemption(Model):
    """One redemption: a KOC spends points on a catalogue item."""

    koc: Slug
    """The KOC who redeems (their points are spent)."""
    item: Slug
    """The id of an item of wallet.catalogue in kocsite.yml."""
    date: Date
    """The day of the redemption: only points earned by then can be spent."""
    quantity: Positive = 1
    """How many of the item (each costs the item's points)."""
    note: Text | None = None
    """A public note shown in the KOC's wallet history, e.g. 五一自驾集结现场兑换."""
    private: RedemptionPrivate | None = None
    """Never published."""


class RedemptionFile(Model):
    """redemptions/<name>.yaml: a list of redemptions."""

    redemptions: list[Redemption] = Field(min_length=1)
    """The redemptions, in any order (they are applied by date, then file, then position)."""
