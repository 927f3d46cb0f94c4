"""A campaign's weeks of sentiment (舆情周报, sentiment/<campaign-id>/<year>-w<week>.yaml): the latest
week for the board, and the keywords of all weeks added up for the retrospective."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from kocsite.models.programme import Programme
from kocsite.models.sentiment import SentimentWeek, week_span


@dataclass(frozen=True)
class KeywordTotal:
    """A keyword over the campaign's weeks: mentions summed, its polarity as the latest week gave it."""

    word: str
    polarity: str | None
    """positive, neutral or negative; None for a keyword typed in the retrospective and never recorded."""
    count: int | None
    """Mentions over every week (None: typed only)."""
    weeks: int
    """In how many weeks it was recorded."""
    typed: bool = False
    """Typed in the retrospective's `sentiment_keywords`."""


def weeks(programme: Programme, campaign: str) -> list[tuple[str, SentimentWeek]]:
    """(week, record) of the campaign, oldest first (`2026-w45` sorts like the weeks)."""
    return sorted(programme.sentiment.get(campaign, {}).items())


def latest_week(programme: Programme, campaign: str, today: date | None = None) -> tuple[str, SentimentWeek] | None:
    """The campaign's latest week (of those begun by `today`, when given: a week written ahead is not yet news)."""
    found = [(stem, week) for stem, week in weeks(programme, campaign)
             if today is None or (span := week_span(stem)) is None or span[0] <= today]
    return found[-1] if found else None


def keyword_totals(programme: Programme, campaign: str) -> list[KeywordTotal]:
    """Every recorded keyword, most mentioned first (equal counts by word)."""
    counts: dict[str, int] = {}
    polarity: dict[str, str] = {}
    seen: dict[str, int] = {}
    for _, week in weeks(programme, campaign):
        for k in week.keywords:
            counts[k.word] = counts.get(k.word, 0) + k.count
            polarity[k.word] = k.polarity  # oldest first: the latest week's polarity stays
            seen[k.word] = seen.get(k.word, 0) + 1
    totals = [KeywordTotal(word, polarity[word], counts[word], seen[word]) for word in counts]
    return sorted(totals, key=lambda k: (-k.count, k.word))
