"""Credit (points): exact, explainable, only for reviewed and approved work.

A contribution earns credit only when its review is approved:

    credit = task points × review quality × the KOC's share

(solo = 100 %, a joint byline = the agreed shares). Everything is a `Fraction`; rounding happens
only for display. Routine rituals add streak bonuses and time-limited titles (rules in kocsite.yml);
special awards for spontaneous contributions are kept apart from normal credit.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal
from functools import cached_property, lru_cache
from itertools import chain
from operator import itemgetter
from datetime import date, timedelta
from fractions import Fraction
from typing import Iterable, Mapping, NamedTuple

from kocsite.models import Settings, Task
from kocsite.models.contribution import Contribution
from kocsite.models.views import ContributionView, TaskView
from kocsite.models.settings import TitleRule
from kocsite.models.programme import Programme, Record
from kocsite.core.nogc import no_cycle_collection
from kocsite.core.exact import exact_sum, scaled_sums_by, sums_by
from kocsite.core.fairplay import cap_order, local_day, moment_of, over_cap

ONE = Fraction(1)
ZERO = Fraction(0)
QUADRANTS = ("routine", "project", "exploration", "spontaneous")


class Line(NamedTuple):
    """What one contribution did for one of its authors: counted with its credit, or excluded and why.

    A named tuple, not a dataclass: a programme has 100 000 of them and tuples are built fastest.
    """

    koc: str
    task: str
    record: str
    file: str
    campaign: str | None
    role: str | None
    quadrant: str
    day: date
    status: str
    points: int
    quality: Fraction
    share: Fraction
    credit: Fraction
    """points × quality × share when approved, else 0 (see `line`)."""
    capped: bool = False
    """An approved ritual entry beyond the KOC's daily cap (kocsite.yml `daily_caps`): it counts nothing."""
    pending: bool = False
    """A co-author's share not confirmed yet (task with an agreed byline, no `confirmed:`): the credit
    counts (shown as pending), its cash is held back until confirmed."""
    via: str | None = None
    """"share" for the points an atmosphere builder earns by sharing the work (amplification_points), else None."""

    @property
    def counted(self) -> bool:
        return self.status == "approved" and not self.capped


LINE_ORDER = itemgetter(0, 7, 1, 2)
"""A book's lines in order: by KOC, day, task and record (Line's fields koc, day, task, record)."""


@dataclass(frozen=True)
class StreakBonus:
    koc: str
    start: date
    end: date
    points: int


@dataclass(frozen=True)
class AwardLine:
    """A special award (特殊贡献奖励) for a spontaneous contribution, shared by its authors' shares."""

    koc: str
    task: str
    record: str
    title: str
    citation: str
    granted_by: str
    day: date
    points: Fraction
    cash_fen: Fraction
    """This author's exact part of the award's cash; `award_cash_fen` rounds the parts to 分."""


@dataclass(frozen=True)
class Title:
    koc: str
    title: str
    name: str
    period: str
    until: date


@dataclass
class CreditBook:
    lines: list[Line] = field(default_factory=list)
    streaks: list[StreakBonus] = field(default_factory=list)
    awards: list[AwardLine] = field(default_factory=list)
    title_rules: list[TitleRule] = field(default_factory=list)
    tasks: Mapping[str, TaskView] = field(default_factory=dict)
    """The tasks of `lines`, for the titles' ritual kinds."""

    @cached_property
    def titles(self) -> list[Title]:
        """Time-limited titles (kocsite.yml `titles`), computed when first asked for: most reports show none."""
        return time_limited_titles(self, self.title_rules, self.tasks)

    @cached_property
    def by_campaign(self) -> dict[str | None, list[Line]]:
        index: dict[str | None, list[Line]] = defaultdict(list)
        for line in self.lines:
            index[line.campaign].append(line)
        return dict(index)

    def campaign_credit(self, campaign: str) -> dict[str, Fraction]:
        return sums_by((line.koc, line.credit) for line in self.by_campaign.get(campaign, ()) if line.counted)

    def quadrant_credit(self) -> dict[str, dict[str, Fraction]]:
        """Per KOC, credit per quadrant; routine includes streak bonuses."""
        return self._quadrants

    @cached_property
    def _quadrants(self) -> dict[str, dict[str, Fraction]]:
        sums = sums_by(chain((((line.koc, line.quadrant), line.credit) for line in self.lines if line.counted),
                             (((bonus.koc, "routine"), bonus.points) for bonus in self.streaks)))
        table: dict[str, dict[str, Fraction]] = {}
        for (koc, quadrant), total in sums.items():
            parts = table.get(koc)
            if parts is None:
                parts = table[koc] = dict.fromkeys(QUADRANTS, ZERO)
            parts[quadrant] = total
        return table

    def all_time(self) -> dict[str, Fraction]:
        return {koc: exact_sum(parts.values()) for koc, parts in self.quadrant_credit().items()}

    def total_points(self) -> dict[str, Fraction]:
        """总积分, the one definition (CLI and site): all-time credit (with streak bonuses) plus
        special-award points; tables show the award points beside it."""
        totals = dict(self.all_time())
        for koc, points in self.award_points().items():
            totals[koc] = totals.get(koc, Fraction(0)) + points
        return totals

    def award_points(self) -> dict[str, Fraction]:
        return sums_by((award.koc, award.points) for award in self.awards)

    def lines_for(self, koc: str | None = None, campaign: str | None = None) -> list[Line]:
        lines = self.lines if campaign is None else self.by_campaign.get(campaign, [])
        return [line for line in lines if koc is None or line.koc == koc]


@no_cycle_collection()
def compute_credit(programme: Programme) -> CreditBook:
    tasks = programme.task_views
    book = CreditBook(title_rules=programme.settings.titles, tasks=tasks)
    capped = capped_records(programme)
    for task_id in sorted(programme.contributions):
        task = tasks.get(task_id)
        if task is None:
            continue
        points = task_points(task, programme.settings)
        for record in programme.contributions[task_id]:
            book.lines += _lines(task_id, task, points, record, id(record) in capped)
            if record.view.amplified and programme.settings.amplification_points:
                book.lines += _share_lines(task_id, task, programme, record)
            if record.view.award is not None:
                book.awards += _award_lines(task_id, record)
    book.lines.sort(key=LINE_ORDER)
    book.streaks = streak_bonuses(book.lines, tasks, programme.settings)
    return book


def task_points(task: Task | TaskView, settings: Settings) -> int:
    """The task's own points; a routine ritual without points takes the default from kocsite.yml."""
    if task.points or task.routine is None:
        return task.points
    return {"check-in": settings.points.check_in, "weekly-topic": settings.points.weekly_topic}.get(task.routine.kind, 0)


def authors(contribution: Contribution | ContributionView) -> list[tuple[str, Fraction]]:
    """(koc, share as a fraction of 1) for a solo work or a joint byline."""
    if contribution.koc is not None:
        return [(contribution.koc, ONE)]
    return [(a.koc, Fraction(a.share) / 100) for a in contribution.authors]


def _lines(task_id: str, task: TaskView, points: int, record: Record, capped: bool = False) -> Iterable[Line]:
    c = record.view
    approved = c.review.status == "approved" and not capped
    solo = [(c.koc, None, False)] if c.koc is not None else [
        (a.koc, a.share, bool(task.byline) and a.confirmed is None) for a in c.authors]
    for koc, share, pending in solo:
        quality, share_fraction, credit = _figures(points, c.review.quality, share)
        yield Line(koc, task_id, record.id, record.file, task.campaign, task.role, task.quadrant, c.date,
                   c.review.status, points, quality, share_fraction, credit if approved else ZERO, capped, pending)


def capped_records(programme: Programme) -> set[int]:
    """The `id()` of every approved ritual record beyond its KOC's daily cap: the same records as
    `kocsite check` warns about (W820, kocsite.rules.fairplay), by the same order (kocsite.core.fairplay)."""
    settings = programme.settings
    tasks = programme.task_views
    days: dict[tuple[str, str, date], list[Record]] = {}
    caps: dict[str, int] = {}
    for task_id, records in programme.contributions.items():
        task = tasks.get(task_id)
        if task is None or task.quadrant != "routine" or task.routine is None:
            continue
        kind = task.routine.kind
        cap = settings.daily_caps.cap_of(kind)
        if cap is None:
            continue
        caps[kind] = cap
        for record in records:
            c, kocs = record.view, record.kocs
            if c.review.status == "approved" and len(kocs) == 1:
                days.setdefault((kocs[0], kind, local_day(c.date, c.at, settings.timezone)), []).append(record)
    entries = [(id(record), group, cap_order(moment_of(record.view.at), record.file,
                                             -1 if record.index is None else record.index), caps[group[1]])
               for group, records in days.items() if len(records) > caps[group[1]] for record in records]
    return set(over_cap(entries))  # only the days beyond a cap can have records over it


def _share_lines(task_id: str, task: TaskView, programme: Programme, record: Record) -> Iterable[Line]:
    """amplification_points for each KOC share of the work (counted once the work is approved), in the
    sharer's accepted role of the work's campaign (so a role sub-pool of atmosphere builders pays them)."""
    c, rate = record.view, programme.settings.amplification_points
    campaign = programme.campaigns.get(task.campaign) if task.campaign else None
    roles = {m.koc: m.role for m in campaign.members if m.status == "accepted"} if campaign else {}
    approved = c.review.status == "approved"
    for share in c.amplified:
        if share.kind == "share" and share.koc is not None:
            yield Line(share.koc, task_id, record.id, record.file, task.campaign, roles.get(share.koc), task.quadrant,
                       share.date, c.review.status, rate, ONE, ONE, Fraction(rate) if approved else ZERO, via="share")


@lru_cache(maxsize=65536)
def _figures(points: int, quality: Decimal | None, share: Decimal | None) -> tuple[Fraction, Fraction, Fraction]:
    """(quality, share, points × quality × share) as fractions. A programme repeats few combinations
    of points, quality and share, so each is computed once (keyed by the decimals, which hash fast)."""
    quality_fraction = Fraction(quality) if quality is not None else ONE
    share_fraction = Fraction(share) / 100 if share is not None else ONE
    return quality_fraction, share_fraction, points * quality_fraction * share_fraction


def _award_lines(task_id: str, record: Record) -> Iterable[AwardLine]:
    award = record.view.award
    for koc, share in authors(record.view):
        yield AwardLine(koc, task_id, record.id, award.title, award.citation, award.granted_by, award.date,
                        award.points * share, award.cash_fen * share)


def streak_bonuses(lines: list[Line], tasks: Mapping[str, TaskView], settings: Settings) -> list[StreakBonus]:
    """Every full run of `streak_days` consecutive days with an approved check-in earns the bonus."""
    rule = settings.points
    days: dict[str, set[date]] = defaultdict(set)
    check_ins = {task for task in {line.task for line in lines} if _ritual_kind(tasks.get(task)) == "check-in"}
    for line in lines:
        if line.task in check_ins and line.counted:
            days[line.koc].add(line.day)
    bonuses = []
    for koc in sorted(days):
        for start, end in _runs(sorted(days[koc])):
            length = (end - start).days + 1
            for block in range(length // rule.streak_days):
                block_start = start + timedelta(days=block * rule.streak_days)
                bonuses.append(StreakBonus(koc, block_start, block_start + timedelta(days=rule.streak_days - 1),
                                           rule.streak_bonus))
    return bonuses


def _runs(days: list[date]) -> Iterable[tuple[date, date]]:
    start = previous = days[0] if days else None
    for day in days[1:]:
        if day != previous + timedelta(days=1):
            yield start, previous
            start = day
        previous = day
    if start is not None:
        yield start, previous


def time_limited_titles(book: CreditBook, rules: list[TitleRule], tasks: Mapping[str, TaskView]) -> list[Title]:
    """This period's top N by routine credit hold the title until the period's end + valid_days.

    Ties at the N-th place all get the title: nobody loses it to alphabetical order.
    """
    titles = []
    routine = [line for line in book.lines if line.counted and line.quadrant == "routine"]
    kinds = {task: _ritual_kind(tasks.get(task)) for task in {line.task for line in routine}}
    days = {line.day for line in routine} | {bonus.end for bonus in book.streaks}
    for rule in rules:
        period_of = {day: _period(day, rule.period) for day in days}  # each day's period computed once
        earned = [((period_of[line.day], line.koc), line.credit) for line in routine
                  if rule.kind is None or kinds[line.task] == rule.kind]
        if rule.kind in (None, "check-in"):
            earned += [((period_of[bonus.end], bonus.koc), bonus.points) for bonus in book.streaks]
        totals, _ = scaled_sums_by(earned)  # integers over one denominator: ranked without fractions
        per_period: dict[str, list[tuple[int, str]]] = defaultdict(list)
        for (period, koc), total in totals.items():
            per_period[period].append((-total, koc))
        for period in sorted(per_period):
            ranking = sorted(per_period[period])  # highest credit first, ties by id
            if len(ranking) >= rule.top:
                threshold = ranking[rule.top - 1][0]
                ranking = [entry for entry in ranking if entry[0] <= threshold]
            until = _period_end(period, rule.period) + timedelta(days=rule.valid_days)
            titles += [Title(koc, rule.id, rule.name, period, until) for negative, koc in ranking if negative < 0]
    return titles


def _ritual_kind(task: TaskView | None) -> str | None:
    return task.routine.kind if task is not None and task.routine is not None else None


def _period(day: date, period: str) -> str:
    if period == "week":
        year, week, _ = day.isocalendar()
        return f"{year}-W{week:02d}"
    return f"{day.year}-{day.month:02d}"


def _period_end(period: str, kind: str) -> date:
    if kind == "week":
        year, week = period.split("-W")
        return date.fromisocalendar(int(year), int(week), 7)
    year, month = (int(x) for x in period.split("-"))
    first_of_next = date(year + month // 12, month % 12 + 1, 1)
    return first_of_next - timedelta(days=1)
