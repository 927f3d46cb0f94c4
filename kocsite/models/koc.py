"""A KOC's profile: public face, skills, platform accounts, pipeline stage, and a private block."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from kocsite.models.types import Count, Date, Level, LooseText, Model, Slug, Text, Url

Stage = Literal["discovered", "contacted", "activated", "active", "paused", "alumni"]
"""候选人阶段: discovered 发现 → contacted 已接触 → activated 已激活 → active 活跃 → paused 暂停 / alumni 校友."""
SourceKind = Literal["private-domain", "public-domain"]
"""私域 (own app, owner groups) or 公域 (public platforms, a watch list)."""
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
    url: Url | None = None
    followers: Count | None = None


class Signals(Model):
    """Observed signals that candidate scoring weighs (weights in kocsite.yml)."""

    posts: Count | None = None
    quality_interactions: Count | None = None
    answered_questions: Count | None = None
    tenure_months: Count | None = None
    followers: Count | None = None
    login_days: Count | None = None
    purchases: Count | None = None


class Pipeline(Model):
    """Where this person is in the candidate pipeline, and how they were found."""

    stage: Stage = "active"
    source: SourceKind
    channel: Text | None = None
    """Where exactly: 品牌App社区, 车主群, 小红书关键词观察列表 …"""
    discovered: Date | None = None
    representative_work: Url | None = None
    signals: Signals | None = None


class ContactEntry(Model):
    date: Date
    channel: Text
    summary: Text
    by: Text | None = None
    next_step: Text | None = None
    next_date: Date | None = None


class Private(Model):
    """Never published: not on the site, not in its search index, not in its sitemap."""

    real_name: Text | None = None
    phone: LooseText | None = None
    wechat: LooseText | None = None
    address: Text | None = None
    notes: Text | None = None
    handoff_notes: Text | None = None
    """移交备注: what content planning should know (character, needs, how to talk to them)."""
    contact_log: list[ContactEntry] = Field(default_factory=list)


class Car(Model):
    model: LooseText
    since: Date | None = None


class Koc(Model):
    """A KOC (关键意见消费者): kocs/<id>.yaml."""

    id: Slug | None = None
    name: Text
    """Public display name or nickname, as shown on the site."""
    city: Text | None = None
    bio: Text | None = None
    joined: Date | None = None
    cars: list[Car] = Field(default_factory=list)
    skills: list[SkillLevel] = Field(default_factory=list)
    interests: list[Text] = Field(default_factory=list)
    platforms: list[PlatformAccount] = Field(default_factory=list)
    availability: Availability = "available"
    pipeline: Pipeline | None = None
    private: Private | None = None
