"""Rules of a sentiment week: named after an ISO week, no keyword or observer listed twice.

Across files (kocsite.rules.programme): its campaign exists, the week overlaps the campaign (W940),
and every insight it routes to exists (E941).
"""

from __future__ import annotations

from typing import Iterator

from kocsite.rules.finding import Finding, finding
from kocsite.rules.common import duplicates
from kocsite.rules.context import FileContext
from kocsite.models.sentiment import SentimentWeek, week_span


def check_sentiment(week: SentimentWeek, ctx: FileContext) -> Iterator[Finding]:
    f, stem = ctx.file.rel, ctx.file.stem
    if week_span(stem) is None:
        yield finding(f, (), "E940", stem=stem, detail="年份四位、w 小写、周数两位，且这一年要有这一周",
                      detail_en="four-digit year, lower-case w, two-digit week that the year has")
    words = ((("keywords", n, "word"), k.word) for n, k in enumerate(week.keywords))
    yield from duplicates(f, words, "关键词", "keyword", ctx.line_of)
    observers = ((("observers", n), k) for n, k in enumerate(week.observers))
    yield from duplicates(f, observers, "舆情观察员", "observer", ctx.line_of)

