"""Small building blocks shared by the file rules."""

from __future__ import annotations

from datetime import date
from typing import Any, Callable, Iterable, Iterator

from kocsite.rules.finding import Finding, finding
from kocsite.core.suggest import hint


def duplicates(file: str, items: Iterable[tuple[tuple[Any, ...], str]], what: str, what_en: str,
               line_of: Callable[[tuple[Any, ...]], int]) -> Iterator[Finding]:
    """E504 for every value seen before; `items` are (loc, value) pairs."""
    first: dict[str, tuple[Any, ...]] = {}
    for loc, value in items:
        if value in first:
            yield finding(file, loc, "E504", what=what, what_en=what_en, ref=value, first_line=line_of(first[value]))
        else:
            first[value] = loc


def unknown(file: str, loc: tuple[Any, ...], code: str, ref: str, known: Iterable[str], **params: Any) -> Finding:
    return finding(file, loc, code, ref=ref, **hint(ref, known), **params)


def not_before(file: str, loc: tuple[Any, ...], later: tuple[str, str, date | None],
               earlier: tuple[str, str, date | None]) -> Iterator[Finding]:
    """E402 when the `later` date (label zh, label en, value) falls before the `earlier` one."""
    later_zh, later_en, later_date = later
    earlier_zh, earlier_en, earlier_date = earlier
    if later_date is not None and earlier_date is not None and later_date < earlier_date:
        yield finding(file, loc, "E402", later=later_zh, later_en=later_en, later_date=later_date,
                      earlier=earlier_zh, earlier_en=earlier_en, earlier_date=earlier_date)


def within(file: str, loc: tuple[Any, ...], what: tuple[str, str], day: date | str | None, campaign: str,
           start: date | str, end: date | str) -> Iterator[Finding]:
    """E401 when `day` falls outside the campaign window (all dates, or all ISO text)."""
    if day is not None and not start <= day <= end:
        yield finding(file, loc, "E401", what=what[0], what_en=what[1], date=day, campaign=campaign, start=start, end=end)
