"""A campaign (活动): goals, roles, members, kickoff, collaboration flow, rewards, retrospective."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from kocsite.models.types import Bool, Count, Date, Fen, LooseText, Model, Number, Percent, Positive, Slug, Text

CampaignStatus = Literal["planning", "recruiting", "running", "closed", "cancelled"]
Metric = Literal["approved_contributions", "exposure", "interactions", "leads", "discussions", "accepted_members"]
InvitationStatus = Literal["invited", "accepted", "declined", "withdrawn", "waitlisted", "dropped"]
Attendance = Literal["attended", "absent", "excused"]
FulfilmentStatus = Literal["to-ship", "shipped", "received"]


class Goal(Model):
    """A measurable goal: metric + target + deadline, e.g. 50 approved deep reviews by 2025-07-31."""

    id: Slug
    """The goal's id, unique in the campaign."""
    title: Text
    """The goal as shown on the kickoff brief and the progress board."""
    metric: Metric
    """What is counted: approved contributions, the sum of exposure, interactions or leads, discussions
    (the sum of `count`), or accepted members."""
    target: Positive
    """The number to reach."""
    deadline: Date
    """The day it should be reached by; work dated later still counts, but not as on time."""
    role: Slug | None = None
    """Count only contributions to this role's tasks."""
    task: Slug | None = None
    """Count only contributions to this task."""


class Deliverable(Model):
    """交付标准: what a member of the role must hand in, and by when."""

    description: Text
    """The standard in words, as the kickoff brief shows it, e.g. 一篇不少于 2000 字的深度体验."""
    min_chars: Count | None = None
    """e.g. 2000: a review of at least 2000 字."""
    min_count: Count | None = None
    """e.g. 10: at least 10 substantive discussions — the sum of the approved contributions' `count`,
    where a contribution without `count` counts as one (so 4 weekly reports meet min_count 4)."""
    due: Date | None = None
    """Contributions dated later do not meet the standard; `kocsite due` reminds members who have not met it."""


class Role(Model):
    id: Slug
    """The role's id, unique in the campaign, e.g. tech-officer."""
    name: Text
    """The role's name, e.g. 技术体验官."""
    duties: list[Text] = Field(min_length=1)
    """What a member of this role does (职责), at least one."""
    headcount: Positive
    """How many accepted members the role takes at most (E501 beyond)."""
    deliverable: Deliverable | None = None
    """The role's deliverable standard (交付标准); without one, taking part meets it."""
    skills: list[Slug] = Field(default_factory=list)
    """Skill ids from kocsite.yml the role needs."""
    min_level: Slug | None = None
    """The lowest KOC level (an id of levels.tiers in kocsite.yml) for this role: inviting or accepting a KOC below it is a warning (W800)."""


class Member(Model):
    """定向邀请: an invitation of a KOC into a role, and its answer."""

    koc: Slug
    """The invited KOC's id."""
    role: Slug
    """The id of the role of this campaign they are invited into."""
    status: InvitationStatus = "invited"
    """invited → accepted / declined, or withdrawn; waitlisted (候补: willing, waiting for a seat, in the
    order listed); dropped (中途退出: accepted, then left). Only accepted members share role sub-pools."""
    invited: Date | None = None
    """The day the invitation was sent."""
    responded: Date | None = None
    """The day of the answer: required once accepted or declined, not before."""
    message: Text | None = None
    """The personal invitation as sent, e.g. 考虑到您在这方面的专业见解 …"""
    attendance: Attendance | None = None
    """Kickoff meeting (启动会) attendance of an accepted (or since dropped) member: attended 出席, absent
    缺席 or excused 请假; the board counts them."""
    left: Date | None = None
    """For status dropped: the day they dropped out (not before `responded`)."""


class Kickoff(Model):
    """项目启动会 / 任务解读."""

    date: Date | None = None
    """The day of the kickoff meeting."""
    format: Text | None = None
    """How it is held, e.g. 线上会议 or 线下门店."""
    agenda: list[Text] = Field(default_factory=list)
    """The meeting's agenda, in order."""
    key_points: list[Text] = Field(default_factory=list)
    """核心要点 handed to atmosphere builders for reposts and comments."""
    notes: Text | None = None
    """Anything else the brief should say (public)."""


class FlowStep(Model):
    """One step of the collaboration flow (协作流程)."""

    id: Slug
    """The step's id, unique in the flow; `next` refers to it."""
    name: Text
    """The step as the flowchart shows it."""
    role: Slug | None = None
    """The role that does this step."""
    description: Text | None = None
    """What happens in this step."""
    next: list[Slug] = Field(default_factory=list)
    """Ids of the steps that follow."""


class Milestone(Model):
    name: Text
    """The milestone as the timeline (gantt) shows it."""
    start: Date
    """Its first day, inside the campaign window."""
    end: Date | None = None
    """Its last day (a one-day milestone without it)."""
    role: Slug | None = None
    """The role it concerns."""


class SubPool(Model):
    role: Slug
    """The role whose members share this part of the pool."""
    percent: Percent
    """Its part of the pool in percent (all sub-pools ≤ 100; the rest is the general pool)."""


class GoodsReward(Model):
    name: Text
    """The item, e.g. 定制车模."""
    quantity: Positive = 1
    """How many items there are."""
    top: Positive | None = None
    """The top N by credit each receive one."""
    role: Slug | None = None
    """Rank only this role's members, by the credit earned in the role."""
    kocs: list[Slug] = Field(default_factory=list)
    """KOCs who receive one besides the top N."""


class BadgeRule(Model):
    badge: Slug
    """A badge id from the catalogue in kocsite.yml."""
    rule: Literal["top", "threshold", "deliverable", "manual"]
    """Who earns it: the `top` N, credit ≥ `min_credit` (threshold), the deliverable met, or the listed
    `kocs` (manual)."""
    top: Positive | None = None
    """For rule top: how many (everyone tied with the N-th too)."""
    min_credit: Number | None = None
    """For rule threshold: the credit needed."""
    role: Slug | None = None
    """Only this role's members, by the credit earned in the role."""
    kocs: list[Slug] = Field(default_factory=list)
    """For rule manual: the KOCs who receive it."""


class PriorityRule(Model):
    """优先参与资格 for the next campaign."""

    top: Positive | None = None
    """The top N by credit (everyone tied with the N-th too)."""
    badges: list[Slug] = Field(default_factory=list)
    """Holders of these badges of this campaign."""
    kocs: list[Slug] = Field(default_factory=list)
    """KOCs named explicitly."""
    note: Text | None = None
    """What the priority gives, e.g. 下一期新车试驾优先."""


class Rewards(Model):
    pool_fen: Fen = 0
    """The cash pool in 分 (1 元 = 100 分)."""
    cap_fen: Fen | None = None
    """At most this many 分 for one KOC."""
    min_credit: Number | None = None
    """Credit a KOC needs to share any cash pool."""
    require_deliverable: Bool = False
    """Pay only members who met their role's deliverable standard."""
    sub_pools: list[SubPool] = Field(default_factory=list)
    """Parts of the pool reserved for roles (子奖池), by percent."""
    goods: list[GoodsReward] = Field(default_factory=list)
    """实物奖励: items for the top KOCs or named ones."""
    badges: list[BadgeRule] = Field(default_factory=list)
    """荣誉徽章 and the rule that awards each."""
    priority: PriorityRule | None = None
    """优先参与资格 for the next campaign."""


class Outcomes(Model):
    exposure: Count | None = None
    """Total exposure (曝光量) reached."""
    interactions: Count | None = None
    """Total interactions (互动量)."""
    leads: Count | None = None
    """Sales leads (销售线索)."""
    contents: Count | None = None
    """Pieces of content published."""


class Highlight(Model):
    koc: Slug | None = None
    """The KOC it is about."""
    text: Text
    """What they did, in a sentence."""


class Retrospective(Model):
    """项目复盘: outcome against goals, what went well, what to improve, lessons."""

    date: Date | None = None
    """The day of the retrospective."""
    summary: Text
    """The outcome against the goals, in a few sentences."""
    outcomes: Outcomes | None = None
    """The final figures."""
    sentiment_keywords: list[Text] = Field(default_factory=list)
    """舆情关键词 heard during the campaign."""
    went_well: list[Text] = Field(default_factory=list)
    """What went well."""
    to_improve: list[Text] = Field(default_factory=list)
    """What to improve."""
    lessons: list[Text] = Field(default_factory=list)
    """Lessons for the next campaign."""
    highlights: list[Highlight] = Field(default_factory=list)
    """Notable work by KOCs."""


class Shipment(Model):
    """实物寄送: one goods award on its way to a KOC: to-ship → shipped → received."""

    koc: Slug
    """The receiving KOC's id (their postal address is private.address of their profile)."""
    goods: Text
    """The item: the `name` of one of this campaign's goods rewards."""
    status: FulfilmentStatus = "to-ship"
    """to-ship 待寄出 → shipped 已寄出 → received 已签收."""
    shipped: Date | None = None
    """The day it was sent: required once shipped."""
    received: Date | None = None
    """The day the KOC received it: required once received, not before `shipped`."""
    tracking: LooseText | None = None
    """Private, never published: the courier's tracking number (快递单号), kept as typed."""


class CampaignPrivate(Model):
    """Never published."""

    notes: Text | None = None
    """Internal notes."""
    budget_owner: Text | None = None
    """Who owns the budget internally."""


class Campaign(Model):
    """A campaign: campaigns/<id>.yaml."""

    id: Slug | None = None
    """Leave out, or write the file name without .yaml."""
    title: Text
    """The campaign's name as shown on the site."""
    status: CampaignStatus = "planning"
    """planning → recruiting → running → closed (set by `kocsite close`) or cancelled."""
    start: Date
    """The campaign's first day."""
    end: Date
    """The campaign's last day; dates of its tasks and work fall inside start–end."""
    owner: Text | None = None
    """The operator running it (运营负责人)."""
    product: Text | None = None
    """The product or model it is about."""
    background: Text
    """项目背景: why the campaign exists, for the kickoff brief."""
    goals: list[Goal] = Field(min_length=1)
    """项目目标: at least one."""
    roles: list[Role] = Field(default_factory=list)
    """项目角色 with their duties, headcount and deliverable standard."""
    members: list[Member] = Field(default_factory=list)
    """Invitations into roles and their answers."""
    kickoff: Kickoff | None = None
    """项目启动会 / 任务解读."""
    flow: list[FlowStep] = Field(default_factory=list)
    """协作流程: the steps and who hands over to whom."""
    timeline: list[Milestone] = Field(default_factory=list)
    """时间线: the milestones."""
    rewards: Rewards = Field(default_factory=Rewards)
    """奖励规则: the cash pool and how it is split, goods, badges, priority."""
    retrospective: Retrospective | None = None
    """项目复盘, once the campaign is over (W510 when closed without one)."""
    tags: list[Text] = Field(default_factory=list)
    """Free tags, listed on the tags page."""
    private: CampaignPrivate | None = None
    """Never published."""
    shipments: list[Shipment] = Field(default_factory=list)
    """实物寄送: the fulfilment of goods awards, one entry per item and KOC; `kocsite due` lists goods not
    shipped `goods_ship_days` after closing. Tracking numbers are private."""
