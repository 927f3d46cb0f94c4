"""KOC levels (分层, the Orbit model): rise at once, fall only at review dates, so a public level never flaps.

The levels are `levels.tiers` in kocsite.yml, lowest first. A KOC *meets* a level on a day when, counting
only reputation earned up to and including that day (kocsite.money.wallet.earnings: approved work on its
review date, streak bonuses, award points):

- all-time reputation ≥ its `reputation`,
- reputation earned within the look-back window (`window_days`, that day included) ≥ its `recent`,
- days with approved work within the window ≥ its `active_days`.

Everyone starts at the first level. The level **rises** on the first day a higher level is met (to the
highest level met), and **falls** only on a review date (the 1st of each month, or of each quarter) to the
highest level met that day. Between review dates it holds, however the window moves. The history is a
pure function of the data and `today`; each day's level reads only data up to that day, so the level on a
past day does not depend on `today`.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, timedelta
from fractions import Fraction
from typing import Iterable

from kocsite.models.settings import LevelSettings, LevelTier
from kocsite.money.wallet import Earning

_QUARTER_MONTHS = (1, 4, 7, 10)


@dataclass(frozen=True)
class LevelChange:
    koc: str
    day: date
    level: str
    """The level's id from then on."""
    name: str
    change: str
    """start, rise or drop."""
    reputation: Fraction
    recent: Fraction
    active_days: int
    """The figures of that day that decided it."""


@dataclass
class LevelBook:
    tiers: list[LevelTier]
    history: dict[str, list[LevelChange]] = field(default_factory=dict)
    """Per KOC with reputation, every change in order; a KOC without one stays at the first level."""

    @property
    def enabled(self) -> bool:
        return bool(self.tiers)

    def rank(self, level: str) -> int:
        return next(i for i, t in enumerate(self.tiers) if t.id == level)

    def level_on(self, koc: str, day: date) -> LevelTier | None:
        """The KOC's level on `day` (None without levels)."""
        if not self.tiers:
            return None
        held = self.tiers[0]
        for change in self.history.get(koc, ()):
            if change.day > day:
                break
            held = self.tiers[self.rank(change.level)]
        return held

    def current(self, koc: str) -> LevelTier | None:
        changes = self.history.get(koc)
        if not self.tiers:
            return None
        return self.tiers[self.rank(changes[-1].level)] if changes else self.tiers[0]


def review_dates(rule: str, start: date, end: date) -> list[date]:
    """The review dates in [start, end]: the 1st of each month, or of each quarter."""
    months = range(1, 13) if rule == "monthly" else _QUARTER_MONTHS
    found, year = [], start.year
    while year <= end.year:
        found += [d for m in months if start <= (d := date(year, m, 1)) <= end]
        year += 1
    return found


class _Figures:
    """One KOC's earnings as prefix sums, to read the figures of any day in logarithmic time."""

    def __init__(self, items: list[Earning]) -> None:
        self.days = [e.day for e in items]
        self.totals: list[Fraction] = []
        total = Fraction(0)
        for e in items:
            total += e.reputation
            self.totals.append(total)
        self.active = sorted({e.day for e in items if e.activity})

    def _sum_to(self, n: int) -> Fraction:
        return self.totals[n - 1] if n else Fraction(0)

    def on(self, day: date, window_days: int) -> tuple[Fraction, Fraction, int]:
        first = day - timedelta(days=window_days - 1)
        upto = bisect_right(self.days, day)
        before_window = bisect_left(self.days, first)
        total = self._sum_to(upto)
        recent = total - self._sum_to(before_window)
        active = bisect_right(self.active, day) - bisect_left(self.active, first)
        return total, recent, active


def _met(tiers: list[LevelTier], figures: tuple[Fraction, Fraction, int]) -> int:
    total, recent, active = figures
    best = 0
    for i, tier in enumerate(tiers):
        if total >= tier.reputation and recent >= tier.recent and active >= tier.active_days:
            best = i
    return best


def koc_history(koc: str, items: list[Earning], rule: LevelSettings, today: date) -> list[LevelChange]:
    """One KOC's level changes up to `today` (their earnings sorted by day)."""
    tiers = rule.tiers
    items = [e for e in items if e.day <= today]
    if not tiers or not items:
        return []
    figures = _Figures(items)
    start = items[0].day
    reviews = set(review_dates(rule.review, start, today))
    days = sorted(set(figures.days) | reviews)
    first = figures.on(start, rule.window_days)
    held = _met(tiers, first)
    history = [LevelChange(koc, start, tiers[held].id, tiers[held].name, "start", *first)]
    for day in days:
        today_figures = figures.on(day, rule.window_days)
        met = _met(tiers, today_figures)
        if met > held or (met < held and day in reviews):
            change = "rise" if met > held else "drop"
            held = met
            history.append(LevelChange(koc, day, tiers[met].id, tiers[met].name, change, *today_figures))
    return history


def compute_levels(earned: Iterable[Earning], rule: LevelSettings, today: date) -> LevelBook:
    """Every KOC's level history up to `today`, from kocsite.money.wallet.earnings."""
    book = LevelBook(list(rule.tiers))
    if not rule.tiers:
        return book
    per_koc: dict[str, list[Earning]] = defaultdict(list)
    for e in earned:
        per_koc[e.koc].append(e)
    for koc in sorted(per_koc):
        items = sorted(per_koc[koc], key=lambda e: e.day)
        changes = koc_history(koc, items, rule, today)
        if changes:
            book.history[koc] = changes
    return book
