"""A user insight (用户洞察): KOC feedback turned into a report for a product team, tracked to an outcome.

insights/<id>.yaml. The internal-collaboration unit (内部协同) gathers what KOCs said, routes it to the
team that can act on it, follows it through received → triaged → in-progress → shipped | declined, and
finally tells the KOCs what came of it (`reported_back`). Only insights marked `public: true` appear on
the site (page "你的声音"), and never their `private:` block.
"""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from kocsite.models.types import Bool, Date, Model, Slug, Text

InsightStatus = Literal["received", "triaged", "in-progress", "shipped", "declined"]
CLOSED_INSIGHT_STATUSES = frozenset({"shipped", "declined"})


class InsightPrivate(Model):
    """Never published: internal discussion, names of colleagues, ticket numbers."""

    notes: Text | None = None
    """Internal notes."""


class Insight(Model):
    """A user insight: insights/<id>.yaml."""

    id: Slug | None = None
    """Leave out, or write the file name without .yaml."""
    title: Text
    """The insight in a line (shown on the site when public)."""
    summary: Text
    """What the KOCs reported, in a few sentences (用户洞察报告的摘要)."""
    topic: Text
    """The product area, e.g. 智能座舱、三电、售后服务."""
    kocs: list[Slug] = Field(min_length=1)
    """The KOCs it came from."""
    campaign: Slug | None = None
    """The campaign it came up in, if any."""
    routed_to: Text
    """The team it was handed to (产品部、研发部、客户服务部 …)."""
    status: InsightStatus = "received"
    """received → triaged → in-progress → shipped or declined."""
    received: Date
    """The day it reached the team."""
    triaged: Date | None = None
    """The day it was assessed."""
    started: Date | None = None
    """When the team started work on it (status in-progress)."""
    resolved: Date | None = None
    """When it was shipped or declined."""
    outcome: Text | None = None
    """What changed because of it, or why not: required once shipped or declined."""
    reported_back: Date | None = None
    """When the KOCs were told the outcome."""
    public: Bool = False
    """Whether it may appear on the public site."""
    private: InsightPrivate | None = None
    """Never published."""
