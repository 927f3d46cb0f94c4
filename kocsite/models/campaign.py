"""A campaign (战役/项目): goals, roles, members, kickoff, collaboration flow, rewards, retrospective."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from kocsite.models.types import Bool, Count, Date, Fen, Model, Number, Percent, Positive, Slug, Text

CampaignStatus = Literal["planning", "recruiting", "running", "closed", "cancelled"]
Metric = Literal["approved_contributions", "exposure", "interactions", "leads", "discussions", "accepted_members"]
InvitationStatus = Literal["invited", "accepted", "declined", "withdrawn"]


class Goal(Model):
    """A measurable goal: metric + target + deadline, e.g. 50 approved deep reviews by 2025-07-31."""

    id: Slug
    title: Text
    metric: Metric
    target: Positive
    deadline: Date
    role: Slug | None = None
    """Count only contributions to this role's tasks."""
    task: Slug | None = None
    """Count only contributions to this task."""


class Deliverable(Model):
    """交付标准: what a member of the role must hand in, and by when."""

    description: Text
    min_chars: Count | None = None
    """e.g. 2000: a review of at least 2000 字."""
    min_count: Count | None = None
    """e.g. 10: at least 10 substantive discussions — the sum of the approved contributions' `count`,
    where a contribution without `count` counts as one (so 4 weekly reports meet min_count 4)."""
    due: Date | None = None


class Role(Model):
    id: Slug
    name: Text
    duties: list[Text] = Field(min_length=1)
    headcount: Positive
    deliverable: Deliverable | None = None
    skills: list[Slug] = Field(default_factory=list)


class Member(Model):
    """定向邀请: an invitation of a KOC into a role, and its answer."""

    koc: Slug
    role: Slug
    status: InvitationStatus = "invited"
    invited: Date | None = None
    responded: Date | None = None
    message: Text | None = None
    """The personal invitation as sent, e.g. 考虑到您在这方面的专业见解 …"""


class Kickoff(Model):
    """项目启动会 / 任务解读."""

    date: Date | None = None
    format: Text | None = None
    agenda: list[Text] = Field(default_factory=list)
    key_points: list[Text] = Field(default_factory=list)
    """核心要点 handed to atmosphere builders for reposts and comments."""
    notes: Text | None = None


class FlowStep(Model):
    """One step of the collaboration flow (协作流程)."""

    id: Slug
    name: Text
    role: Slug | None = None
    description: Text | None = None
    next: list[Slug] = Field(default_factory=list)


class Milestone(Model):
    name: Text
    start: Date
    end: Date | None = None
    role: Slug | None = None


class SubPool(Model):
    role: Slug
    percent: Percent


class GoodsReward(Model):
    name: Text
    quantity: Positive = 1
    top: Positive | None = None
    """The top N by credit each receive one."""
    role: Slug | None = None
    kocs: list[Slug] = Field(default_factory=list)


class BadgeRule(Model):
    badge: Slug
    rule: Literal["top", "threshold", "deliverable", "manual"]
    top: Positive | None = None
    min_credit: Number | None = None
    role: Slug | None = None
    kocs: list[Slug] = Field(default_factory=list)


class PriorityRule(Model):
    """优先参与资格 for the next campaign."""

    top: Positive | None = None
    badges: list[Slug] = Field(default_factory=list)
    kocs: list[Slug] = Field(default_factory=list)
    note: Text | None = None


class Rewards(Model):
    pool_fen: Fen = 0
    """The cash pool in 分 (1 元 = 100 分)."""
    cap_fen: Fen | None = None
    """At most this many 分 for one KOC."""
    min_credit: Number | None = None
    require_deliverable: Bool = False
    sub_pools: list[SubPool] = Field(default_factory=list)
    goods: list[GoodsReward] = Field(default_factory=list)
    badges: list[BadgeRule] = Field(default_factory=list)
    priority: PriorityRule | None = None


class Outcomes(Model):
    exposure: Count | None = None
    interactions: Count | None = None
    leads: Count | None = None
    contents: Count | None = None


class Highlight(Model):
    koc: Slug | None = None
    text: Text


class Retrospective(Model):
    """项目复盘: outcome against goals, what went well, what to improve, lessons."""

    date: Date | None = None
    summary: Text
    outcomes: Outcomes | None = None
    sentiment_keywords: list[Text] = Field(default_factory=list)
    went_well: list[Text] = Field(default_factory=list)
    to_improve: list[Text] = Field(default_factory=list)
    lessons: list[Text] = Field(default_factory=list)
    highlights: list[Highlight] = Field(default_factory=list)


class CampaignPrivate(Model):
    """Never published."""

    notes: Text | None = None
    budget_owner: Text | None = None


class Campaign(Model):
    """A campaign: campaigns/<id>.yaml."""

    id: Slug | None = None
    title: Text
    status: CampaignStatus = "planning"
    start: Date
    end: Date
    owner: Text | None = None
    """The operator running it (运营负责人)."""
    product: Text | None = None
    background: Text
    goals: list[Goal] = Field(min_length=1)
    roles: list[Role] = Field(default_factory=list)
    members: list[Member] = Field(default_factory=list)
    kickoff: Kickoff | None = None
    flow: list[FlowStep] = Field(default_factory=list)
    timeline: list[Milestone] = Field(default_factory=list)
    rewards: Rewards = Field(default_factory=Rewards)
    retrospective: Retrospective | None = None
    tags: list[Text] = Field(default_factory=list)
    private: CampaignPrivate | None = None
