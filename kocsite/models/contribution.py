"""A contribution: a work or action by one KOC or a joint byline, with its review and metrics."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from kocsite.models.types import Count, Date, Fen, Model, Number, Percent, Slug, Text, Timestamp, Url

ReviewStatus = Literal["pending", "approved", "changes-requested", "rejected"]


class Review(Model):
    status: ReviewStatus = "pending"
    """pending → approved, changes-requested or rejected; only approved work earns credit."""
    reviewer: Text | None = None
    """Who reviewed it: required once decided."""
    date: Date | None = None
    """The day of the review: required once decided."""
    quality: Number | None = None
    """Quality multiplier set when approved: 1 is standard, 1.5 outstanding, 0.5 thin."""
    reason: Text | None = None
    """Why changes are requested or it was rejected: required then."""


class Metrics(Model):
    exposure: Count | None = None
    """Exposure (曝光量): views or impressions."""
    interactions: Count | None = None
    """Interactions (互动量): likes, comments, shares, saves."""
    leads: Count | None = None
    """Sales leads (销售线索) it brought."""
    as_of: Date | None = None
    """The day the figures were read."""


class Author(Model):
    """One name of a joint byline (联合署名): their part and their agreed share in percent."""

    koc: Slug
    """The co-author's KOC id."""
    share: Percent
    """Their share in percent; the shares of a byline sum to 100."""
    part: Text | None = None
    """What they did, e.g. 拍摄 or 文案."""
    confirmed: Date | None = None
    """The day this co-author confirmed their share (份额确认). Written by the co-author themselves:
    `kocsite check` verifies in git that the commit adding it was authored by one of the KOC's `git`
    identities. Until confirmed, the share's credit is pending and its cash is held back."""


class SpecialAward(Model):
    """特殊贡献奖励: public, retroactive recognition of a spontaneous contribution."""

    title: Text
    """The award's name."""
    citation: Text
    """Why, in public words (published on the site)."""
    points: Count = 0
    """Award points, shared by the authors' shares, kept apart from normal credit."""
    cash_fen: Fen = 0
    """Award cash in 分, shared by the authors' shares."""
    granted_by: Text
    """Who granted it."""
    date: Date
    """The day it was granted."""


AmplificationKind = Literal["official-repost", "share"]


class Amplification(Model):
    """放大: someone passed the work on after it was published — the brand's official account reposted
    it, or an atmosphere builder (氛围营造者) shared it with a link."""

    kind: AmplificationKind = "share"
    """official-repost (the brand's account) or share (a KOC, with the link of the share)."""
    koc: Slug | None = None
    """The KOC who shared it: required for a share, not given for an official repost."""
    account: Text | None = None
    """The official account that reposted it, e.g. 澜岳汽车官方微博."""
    platform: Slug | None = None
    """Where, a platform id from kocsite.yml."""
    url: Url | None = None
    """The link of the share or repost: required for a share."""
    date: Date
    """The day it was passed on."""


class Contribution(Model):
    """One record: in tasks/<task-id>/<name>.yaml, alone or in a `contributions:` batch."""

    id: Slug | None = None
    """The record's id: optional, unique within the task when given (names the record in messages and diffs)."""
    koc: Slug | None = None
    """The author of a solo work; use `authors` for a joint byline instead."""
    authors: list[Author] = Field(default_factory=list)
    """A joint byline (联合署名): two or more authors with parts and shares."""
    title: Text
    """The work's title."""
    date: Date
    """The day it was published or done."""
    url: Url | None = None
    """A link to the published work."""
    platform: Slug | None = None
    """Where it was published, a platform id from kocsite.yml."""
    chars: Count | None = None
    """Length in characters (字), for deliverable standards such as ≥ 2000 字."""
    count: Count | None = None
    """How many, for standards such as ≥ 10 substantive discussions."""
    excerpt: Text | None = None
    """A short public quote."""
    note: Text | None = None
    """A note for the operators."""
    review: Review = Field(default_factory=Review)
    """内容审核: the review and its verdict."""
    metrics: Metrics | None = None
    """Reach figures of the published work."""
    award: SpecialAward | None = None
    """特殊贡献奖励 for a spontaneous contribution."""
    at: Timestamp | None = None
    """When it was done, with its UTC offset (e.g. 2026-11-16T23:40:00+08:00, as the app exports it): the
    day it counts on for daily caps is this time in the programme's `timezone`; without it, `date`."""
    share_change_reason: Text | None = None
    """Why the byline's shares differ from the plan agreed at kickoff (the task's `byline`): required then."""
    amplified: list[Amplification] = Field(default_factory=list)
    """放大: official reposts and atmosphere builders' shares of the published work."""


class ContributionBatch(Model):
    """Many records in one file, e.g. a day's check-ins imported from the community app."""

    contributions: list[Contribution] = Field(min_length=1)
    """The records, each with its own `id`."""
