"""A KOC's profile: public face, skills, platform accounts, pipeline stage, and a private block."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from kocsite.models.types import Count, Date, Level, LooseText, Model, Slug, Text, Url

Stage = Literal["discovered", "contacted", "activated", "active", "paused", "alumni"]
"""候选人阶段: discovered 发现 → contacted 已接触 → activated 已激活 → active 活跃 → paused 暂停 / alumni 校友."""
SourceKind = Literal["private-domain", "public-domain", "open-call"]
"""私域 (own app, owner groups), 公域 (public platforms, a watch list) or 开放报名 open-call (they applied)."""
Availability = Literal["available", "busy", "unavailable"]


class SkillLevel(Model):
    skill: Slug
    """A skill id from the catalogue in kocsite.yml, e.g. video-editing."""
    level: Level = 3
    """1 入门 … 5 专家."""


class PlatformAccount(Model):
    platform: Slug
    """A platform id from kocsite.yml, e.g. xiaohongshu, douyin, bilibili."""
    handle: LooseText
    """The account name on that platform, as typed."""
    url: Url | None = None
    """A link to the account."""
    followers: Count | None = None
    """Followers on that platform."""


class Signals(Model):
    """Observed signals that candidate scoring weighs (weights in kocsite.yml)."""

    posts: Count | None = None
    """Posts published."""
    quality_interactions: Count | None = None
    """Substantive replies and comments."""
    answered_questions: Count | None = None
    """Other owners' questions answered."""
    tenure_months: Count | None = None
    """Months as an owner or member."""
    followers: Count | None = None
    """Followers, all platforms."""
    login_days: Count | None = None
    """Days active in the brand app."""
    purchases: Count | None = None
    """Purchases or referrals."""


class Application(Model):
    """An open-call application (开放报名), as `kocsite apply` read it from the issue form. Never published."""

    applied: Date
    """The day the application was turned into this file."""
    issue: Url | None = None
    """The application issue."""
    why: Text | None = None
    """Why they want to join, in their words."""
    works: list[Url] = Field(default_factory=list)
    """Links to sample works they named."""


class Pipeline(Model):
    """Where this person is in the candidate pipeline, and how they were found."""

    stage: Stage = "active"
    """discovered 发现 → contacted 已接触 → activated 已激活 → active 活跃 → paused 暂停 / alumni 校友."""
    source: SourceKind
    """私域 private-domain (own app, owner groups), 公域 public-domain (public platforms) or open-call
    (开放报名: they applied through the issue form, `kocsite apply`)."""
    channel: Text | None = None
    """Where exactly: 品牌App社区, 车主群, 小红书关键词观察列表 …"""
    discovered: Date | None = None
    """The day they were found."""
    representative_work: Url | None = None
    """A link to a piece that shows what they do."""
    signals: Signals | None = None
    """The observed signals candidate scoring weighs."""
    application: Application | None = None
    """The open-call application they sent (source open-call), from `kocsite apply`."""


class ContactEntry(Model):
    date: Date
    """The day of the contact."""
    channel: Text
    """How, e.g. 微信 or 电话."""
    summary: Text
    """What was said."""
    by: Text | None = None
    """Who made the contact."""
    next_step: Text | None = None
    """What to do next."""
    next_date: Date | None = None
    """When to follow up: `kocsite due --private` lists it."""


class Private(Model):
    """Never published: not on the site, not in its search index, not in its sitemap."""

    real_name: Text | None = None
    """The real name (真实姓名)."""
    phone: LooseText | None = None
    """Phone number, kept as typed."""
    wechat: LooseText | None = None
    """WeChat id, kept as typed."""
    address: Text | None = None
    """Postal address for goods."""
    notes: Text | None = None
    """Internal notes."""
    handoff_notes: Text | None = None
    """移交备注: what content planning should know (character, needs, how to talk to them)."""
    contact_log: list[ContactEntry] = Field(default_factory=list)
    """Contacts with them, oldest first."""


class Car(Model):
    model: LooseText
    """The car model, as typed."""
    since: Date | None = None
    """Owned since."""


class Handoff(Model):
    """移交: the KOC passed from one team to the next (e.g. 关系沟通 → 内容策划 once activated)."""

    date: Date
    """The day of the hand-off; hand-offs are listed oldest first."""
    from_team: Slug
    """The team handing over: a team id from kocsite.yml."""
    to_team: Slug
    """The team receiving the KOC: a team id from kocsite.yml."""
    by: Text | None = None
    """Who handed over."""
    notes: Text | None = None
    """Private, never published: what the receiving team should know (character, needs, how to talk to
    them). `kocsite handoff` prints it; `kocsite due` reminds the owner of a latest hand-off without it."""


class Koc(Model):
    """A KOC (关键意见消费者): kocs/<id>.yaml."""

    id: Slug | None = None
    """Leave out, or write the file name without .yaml."""
    name: Text
    """Public display name or nickname, as shown on the site."""
    city: Text | None = None
    """City, public."""
    bio: Text | None = None
    """A short public introduction."""
    joined: Date | None = None
    """The day they joined the programme."""
    cars: list[Car] = Field(default_factory=list)
    """The cars they own."""
    skills: list[SkillLevel] = Field(default_factory=list)
    """Skills with a level (技能标签), for the skill graph and team matching."""
    interests: list[Text] = Field(default_factory=list)
    """Interests, public."""
    platforms: list[PlatformAccount] = Field(default_factory=list)
    """Their accounts on content platforms."""
    availability: Availability = "available"
    """Whether they can take work now; unavailable KOCs are not proposed for teams."""
    pipeline: Pipeline | None = None
    """Where they are in the candidate pipeline (候选人数据库); never on the site."""
    private: Private | None = None
    """Never published."""
    owner: Text | None = None
    """The KOC's own account manager (专属客户经理), an operator's name: `kocsite due` lists their
    hand-offs without notes under them. Not shown on the site."""
    team: Slug | None = None
    """The team (a team id from kocsite.yml) that works with the KOC now; after a hand-off, its `to_team`.
    Not shown on the site."""
    handoffs: list[Handoff] = Field(default_factory=list)
    """Hand-offs between teams, oldest first; their notes are private. Not shown on the site."""
    git: list[LooseText] = Field(default_factory=list)
    """The KOC's git identities (commit author emails or names), never published: a share confirmation
    (`confirmed:`) counts only when the commit that added it was authored by one of them."""
