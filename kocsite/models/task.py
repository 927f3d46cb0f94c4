"""A task of one of the four quadrants: routine, project, exploration, spontaneous."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from kocsite.models.types import Bool, Count, Date, Fen, Model, Percent, Positive, Slug, Text

Quadrant = Literal["routine", "project", "exploration", "spontaneous"]
TaskStatus = Literal["todo", "in-progress", "review", "done", "cancelled"]


class Brief(Model):
    """创意简报: direction, key messages, resources, amplification channels."""

    direction: Text | None = None
    """创作方向: what the work should be about."""
    key_messages: list[Text] = Field(default_factory=list)
    """核心信息 to get across."""
    resources: list[Text] = Field(default_factory=list)
    """Material provided (cars, pictures, data)."""
    channels: list[Text] = Field(default_factory=list)
    """Where it is amplified."""


class Routine(Model):
    """A routine ritual: daily check-in, weekly topic."""

    kind: Literal["check-in", "weekly-topic", "other"]
    """The ritual: check-in (打卡), weekly-topic (每周话题) or other."""
    cadence: Literal["daily", "weekly", "monthly"] = "daily"
    """How often it recurs."""
    prompt: Text | None = None
    """The topic or question posted for it."""


class Exploration(Model):
    """An experiment: a budget, failure allowed, and what was learned."""

    budget_fen: Fen
    """The experiment's budget in 分."""
    failure_allowed: Bool = True
    """Whether failing is an accepted result (允许失败)."""
    hypothesis: Text | None = None
    """What the experiment tests."""
    platform: Slug | None = None
    """The platform it runs on, a platform id from kocsite.yml."""
    outcome: Literal["pending", "succeeded", "failed", "inconclusive"] = "pending"
    """pending until decided: succeeded, failed or inconclusive."""
    findings: Text | None = None
    """What was learned."""


class PlannedAuthor(Model):
    """One co-author of the byline agreed at kickoff (署名约定): who, their part, their share."""

    koc: Slug
    """The co-author's KOC id."""
    share: Percent
    """Their agreed share in percent; the planned shares sum to 100."""
    part: Text | None = None
    """What they will do, e.g. 拍摄 or 文案."""


class Task(Model):
    """A task: tasks/<id>.yaml; its contributions live in tasks/<id>/."""

    id: Slug | None = None
    """Leave out, or write the file name without .yaml."""
    title: Text
    """The task as shown on the site."""
    quadrant: Quadrant
    """常规 routine, 项目 project (needs `campaign`), 探索 exploration or 自发 spontaneous."""
    status: TaskStatus = "todo"
    """todo → in-progress → review → done, or cancelled."""
    campaign: Slug | None = None
    """The campaign it belongs to (required for project tasks)."""
    role: Slug | None = None
    """The campaign role it is for: its contributors and owners must be accepted members of that role."""
    description: Text | None = None
    """What is asked, in words."""
    points: Count = 0
    """Points for each approved contribution (before quality and shares)."""
    start: Date | None = None
    """The day work starts."""
    due: Date | None = None
    """The deadline: the progress board and `kocsite due` show it as due soon or overdue."""
    owners: list[Slug] = Field(default_factory=list)
    """KOCs responsible for it (shown on the progress board)."""
    skills: list[Slug] = Field(default_factory=list)
    """Skills a composite task needs."""
    team_size: Positive | None = None
    """How many KOCs `kocsite match` proposes per team."""
    brief: Brief | None = None
    """创意简报."""
    routine: Routine | None = None
    """The ritual, for routine tasks (and only for them)."""
    exploration: Exploration | None = None
    """The experiment, for exploration tasks (and only for them)."""
    tags: list[Text] = Field(default_factory=list)
    """Free tags, listed on the tags page."""
    byline: list[PlannedAuthor] = Field(default_factory=list)
    """The byline agreed at kickoff for a composite task: each co-author, their part and share. A joint
    contribution to the task must carry these shares (or a `share_change_reason`), and each co-author
    confirms their share (`confirmed:` on their author entry)."""
    byline_agreed: Date | None = None
    """The day the byline was agreed (the kickoff)."""
