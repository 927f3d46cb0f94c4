"""A week of sentiment (舆情周报): what the outside world said about a campaign that week.

sentiment/<campaign-id>/<year>-w<week>.yaml, e.g. sentiment/cockpit-deep-experience/2026-w46.yaml:
the folder names the campaign, the file name the ISO week (lower-case `w`, since file names are ids).
The 舆情观察员 write one each week: keywords with their polarity and how often they were heard,
high-frequency complaints (高频吐槽), and misunderstandings to clarify (需要澄清的误解) — each of them
optionally routed into a user insight (insights/<id>.yaml). The campaign's board shows the latest
week; the retrospective's keywords are computed from all of them. Everything but `private:` is public.
"""

from __future__ import annotations

import re
from datetime import date, timedelta
from typing import Literal

from pydantic import Field

from kocsite.models.types import Count, Model, Slug, Text

Polarity = Literal["positive", "neutral", "negative"]
POLARITIES: tuple[str, ...] = ("positive", "neutral", "negative")


class Keyword(Model):
    """A keyword heard that week (舆情关键词)."""

    word: Text
    """The keyword, e.g. 连续对话."""
    polarity: Polarity = "neutral"
    """positive, neutral or negative."""
    count: Count
    """How many mentions were counted that week."""
    insight: Slug | None = None
    """The user insight it was routed into (insights/<id>.yaml), if any."""


class Complaint(Model):
    """A high-frequency complaint (高频吐槽)."""

    text: Text
    """The complaint in a sentence."""
    count: Count | None = None
    """How many times it was heard that week."""
    insight: Slug | None = None
    """The user insight it was routed into, if any."""


class Misunderstanding(Model):
    """A misunderstanding to clarify (需要澄清的误解), with the facts atmosphere builders can answer with."""

    text: Text
    """What people wrongly believe, e.g. 4.0 要付费订阅."""
    clarification: Text | None = None
    """The facts to reply with."""
    insight: Slug | None = None
    """The user insight it was routed into, if any."""


class SentimentPrivate(Model):
    """Never published."""

    notes: Text | None = None
    """Internal notes (sources behind a login, names of colleagues …)."""


class SentimentWeek(Model):
    """One campaign week of sentiment: sentiment/<campaign-id>/<year>-w<week>.yaml."""

    observers: list[Slug] = Field(default_factory=list)
    """The 舆情观察员 (KOC ids) who gathered it."""
    sources: list[Text] = Field(default_factory=list)
    """Where it was gathered, e.g. 小红书、微博、懂车帝."""
    summary: Text | None = None
    """The week in a few sentences."""
    keywords: list[Keyword] = Field(default_factory=list)
    """Keywords with polarity and counts."""
    complaints: list[Complaint] = Field(default_factory=list)
    """High-frequency complaints."""
    misunderstandings: list[Misunderstanding] = Field(default_factory=list)
    """Misunderstandings to clarify."""
    private: SentimentPrivate | None = None
    """Never published."""


WEEK_PATTERN = r"^(\d{4})-w(\d{2})$"


def week_span(stem: str) -> tuple[date, date] | None:
    """The Monday and Sunday of the ISO week a file is named after (`2026-w45`), None if it names none."""
    match = re.fullmatch(WEEK_PATTERN, stem)
    if match is None:
        return None
    try:
        monday = date.fromisocalendar(int(match[1]), int(match[2]), 1)
    except ValueError:  # week 0, or week 53 of a year with 52
        return None
    return monday, monday + timedelta(days=6)


def week_label(stem: str) -> str:
    """`2026-w45` as ISO writes it: 2026-W45."""
    return stem.upper() if re.fullmatch(WEEK_PATTERN, stem) else stem
