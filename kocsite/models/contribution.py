"""A contribution: a work or action by one KOC or a joint byline, with its review and metrics."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from kocsite.models.types import Count, Date, Fen, Model, Number, Percent, Slug, Text, Url

ReviewStatus = Literal["pending", "approved", "changes-requested", "rejected"]


class Review(Model):
    status: ReviewStatus = "pending"
    reviewer: Text | None = None
    date: Date | None = None
    quality: Number | None = None
    """Quality multiplier set when approved: 1 is standard, 1.5 outstanding, 0.5 thin."""
    reason: Text | None = None


class Metrics(Model):
    exposure: Count | None = None
    interactions: Count | None = None
    leads: Count | None = None
    as_of: Date | None = None


class Author(Model):
    """One name of a joint byline (联合署名): their part and their agreed share in percent."""

    koc: Slug
    share: Percent
    part: Text | None = None


class SpecialAward(Model):
    """特殊贡献奖励: public, retroactive recognition of a spontaneous contribution."""

    title: Text
    citation: Text
    points: Count = 0
    cash_fen: Fen = 0
    granted_by: Text
    date: Date


class Contribution(Model):
    """One record: in tasks/<task-id>/<name>.yaml, alone or in a `contributions:` batch."""

    id: Slug | None = None
    koc: Slug | None = None
    """The author of a solo work; use `authors` for a joint byline instead."""
    authors: list[Author] = Field(default_factory=list)
    title: Text
    date: Date
    url: Url | None = None
    platform: Slug | None = None
    chars: Count | None = None
    """Length in characters (字), for deliverable standards such as ≥ 2000 字."""
    count: Count | None = None
    """How many, for standards such as ≥ 10 substantive discussions."""
    excerpt: Text | None = None
    note: Text | None = None
    review: Review = Field(default_factory=Review)
    metrics: Metrics | None = None
    award: SpecialAward | None = None


class ContributionBatch(Model):
    """Many records in one file, e.g. a day's check-ins imported from the community app."""

    contributions: list[Contribution] = Field(min_length=1)
