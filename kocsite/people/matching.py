"""Skill graph matching (技能图谱匹配): propose small teams of KOCs for a composite task (组合式任务).

Pure and deterministic: no I/O, no clock, no randomness, integer arithmetic only, every tie broken
by KOC id. `match(programme, task_id)` returns the best few teams for a task's needed `skills`.

Who can be proposed
-------------------
Only KOCs whose pipeline stage is ``active`` or ``activated`` — or who have no pipeline block (an
established KOC profile) — and whose availability is not ``unavailable``. Candidates that are merely
discovered or contacted have not agreed to work with the brand yet; paused and alumni KOCs have
stepped back; an unavailable KOC cannot take work now. ``busy`` KOCs stay candidates with a lower
score. Only KOCs holding at least one of the task's needed skills are candidates.

Levels (kocsite.money.levels): given a LevelBook, each member shows their level today, and when the
task's role sets a ``min_level`` KOCs below it are not proposed (they are listed as ineligible, like
unavailable ones).

Scores (in hundredths, integers, so sums are exact and order-independent)
-----------------------------------------------------------------------
Each candidate has a **member term**, independent of the task:

- availability: ``available`` +4, ``busy`` 0;
- credit: +3 × all-time credit ÷ the highest all-time credit among eligible KOCs (rounded down to
  0.01; 0 when nobody has credit yet);
- load: −1 per open task they own (status not done / cancelled, the KOC in ``owners``), at most −5;
  the task being matched is not counted, so its current owners are not penalised for it.

A **team's score** = Σ over the needed skills the team covers of 2 × the best level in the team for
that skill, + Σ over members of their member term. Teams are ranked by covered skills (more first),
then score (higher first), then their sorted member ids (alphabetically): a fixed, total order.

So an available level-4 KOC (8 + 4 = 12) beats a busy level-5 one (10 + 0 = 10), but a busy level-5
KOC beats an available level-2 one (4 + 4 = 8); credit and load separate KOCs of equal level and
availability.

Search
------
Team size is ``size`` if given, else the task's ``team_size``, else the number of needed skills,
capped at ``MAX_TEAM_SIZE``; a team has exactly that many members when enough candidates exist.
For each needed skill the holders are ranked by a per-KOC score (member term + 2 × the sum of their
levels in the task's needed skills, so versatile KOCs rank up) and the top ``PER_SKILL`` are kept; the
union of these is the pool. Every team of the pool is scored (exact search) when there are at most
``EXACT_LIMIT`` combinations; otherwise a greedy set cover builds the teams (pick the candidate adding
the most uncovered skills, then the most score, then the smaller id; the n-th team starts from the
n-th best first pick). Needed skills nobody eligible holds are reported in ``Team.uncovered``; if no
eligible KOC holds any of them the result is one empty team with every skill uncovered.
"""

from __future__ import annotations

import heapq
from bisect import insort
from dataclasses import dataclass, field
from fractions import Fraction
from itertools import combinations
from math import comb

from datetime import date

from kocsite.money.credit import CreditBook, compute_credit
from kocsite.money.levels import LevelBook
from kocsite.models.programme import Programme

ELIGIBLE_STAGES = frozenset({"active", "activated"})
CLOSED = frozenset({"done", "cancelled"})
MAX_TEAM_SIZE = 8
PER_SKILL = 5
EXACT_LIMIT = 3000
TOP = 3

LEVEL_WEIGHT = 200
AVAILABLE_BONUS = 400
CREDIT_WEIGHT = 300
LOAD_PENALTY = 100
LOAD_CAP = 5


class MatchError(ValueError):
    """The task cannot be matched (it names no skills)."""


@dataclass(frozen=True)
class Member:
    koc: str
    name: str
    skills: tuple[tuple[str, int], ...]
    """The task's needed skills this KOC holds, with levels, in the task's order."""
    best_for: tuple[str, ...]
    """Needed skills for which this KOC has the team's highest level (ties: the smaller id)."""
    availability: str
    credit: Fraction
    load: int
    """Open tasks they own, the matched task not counted."""
    score: int
    """Member term in hundredths: availability + credit − load."""
    stage: str | None
    level: str | None = None
    """The KOC's level today (its name), when the programme has levels."""


@dataclass(frozen=True)
class Team:
    task: str
    size: int
    """The team size asked for (members may be fewer when candidates run out)."""
    members: tuple[Member, ...]
    """By member id."""
    covered: tuple[str, ...]
    uncovered: tuple[str, ...]
    score: int
    """In hundredths (see the module docstring)."""
    method: str
    """exact, greedy, or none (no candidate)."""

    @property
    def coverage(self) -> Fraction:
        total = len(self.covered) + len(self.uncovered)
        return Fraction(len(self.covered), total) if total else Fraction(1)

    @property
    def ids(self) -> tuple[str, ...]:
        return tuple(m.koc for m in self.members)


@dataclass
class MatchIndex:
    """What matching needs, computed once per programme (reuse it to match many tasks)."""

    terms: dict[str, int]
    """Eligible KOC → member term (hundredths), with the full load counted."""
    levels: dict[str, dict[str, int]]
    """Eligible KOC → skill → level."""
    loads: dict[str, int]
    credit: dict[str, Fraction]
    by_skill: dict[str, list[tuple[int, str]]] = field(default_factory=dict)
    """Skill → [(−(2×level + term), koc)] ascending: strongest holders first, ties by id."""
    ineligible: dict[str, list[tuple[str, str]]] = field(default_factory=dict)
    """Skill → [(koc, why not)] for holders left out (stage or unavailability), by id."""
    top_credit: Fraction = Fraction(0)
    """The highest all-time credit among eligible KOCs (the credit term's scale)."""
    level_of: dict[str, tuple[int, str]] = field(default_factory=dict)
    """KOC → (rank of their level today, its name), when levels are given."""


def build_index(programme: Programme, book: CreditBook | None = None, level_book: LevelBook | None = None,
                today: date | None = None) -> MatchIndex:
    credit = (book if book is not None else compute_credit(programme)).all_time()
    loads: dict[str, int] = {}
    for task in programme.task_views.values():
        if task.status not in CLOSED:
            for owner in set(task.owners):
                loads[owner] = loads.get(owner, 0) + 1
    eligible: list[str] = []
    ineligible: dict[str, list[tuple[str, str]]] = {}
    kocs = programme.koc_views
    for koc_id in sorted(kocs):
        koc = kocs[koc_id]
        stage = koc.pipeline.stage if koc.pipeline is not None else None
        why = (f"stage {stage}" if stage is not None and stage not in ELIGIBLE_STAGES else
               "unavailable" if koc.availability == "unavailable" else None)
        if why is None:
            eligible.append(koc_id)
        else:
            for s in koc.skills:
                ineligible.setdefault(s.skill, []).append((koc_id, why))
    top_credit = max((credit.get(k, Fraction(0)) for k in eligible), default=Fraction(0))
    terms: dict[str, int] = {}
    levels: dict[str, dict[str, int]] = {}
    by_skill: dict[str, list[tuple[int, str]]] = {}
    for koc_id in eligible:
        koc = kocs[koc_id]
        terms[koc_id] = _term(koc.availability, credit.get(koc_id, Fraction(0)), top_credit, loads.get(koc_id, 0))
        held: dict[str, int] = {}
        for s in koc.skills:
            held[s.skill] = max(held.get(s.skill, 0), s.level)
        levels[koc_id] = held
        for skill, level in held.items():
            by_skill.setdefault(skill, []).append((-(LEVEL_WEIGHT * level + terms[koc_id]), koc_id))
    for entries in by_skill.values():
        entries.sort()
    index = MatchIndex(terms, levels, loads, credit, by_skill, ineligible, top_credit)
    if level_book is not None and level_book.enabled:
        for koc_id in programme.kocs:
            tier = level_book.level_on(koc_id, today) if today is not None else level_book.current(koc_id)
            index.level_of[koc_id] = (level_book.rank(tier.id), tier.name)
    return index


def minimum_level(programme: Programme, task_id: str, index: MatchIndex) -> tuple[int, str] | None:
    """(rank, name) of the min_level of the task's role, when levels are known and the role sets one."""
    task = programme.tasks[task_id]
    campaign = programme.campaigns.get(task.campaign) if task.campaign else None
    role = next((r for r in campaign.roles if r.id == task.role), None) if campaign and task.role else None
    if role is None or role.min_level is None or not index.level_of:
        return None
    tiers = programme.settings.levels.tiers
    rank = next((i for i, t in enumerate(tiers) if t.id == role.min_level), None)
    return None if rank is None else (rank, tiers[rank].name)


def below_minimum(programme: Programme, task_id: str, index: MatchIndex) -> set[str]:
    minimum = minimum_level(programme, task_id, index)
    if minimum is None:
        return set()
    return {koc for koc, (rank, _) in index.level_of.items() if rank < minimum[0]}


def _term(availability: str, credit: Fraction, top_credit: Fraction, load: int) -> int:
    value = AVAILABLE_BONUS if availability == "available" else 0
    if top_credit > 0 and credit > 0:
        value += (CREDIT_WEIGHT * credit) // top_credit
    return int(value) - LOAD_PENALTY * min(load, LOAD_CAP)


def team_size(programme: Programme, task_id: str, size: int | None = None) -> int:
    task = programme.tasks[task_id]
    wanted = size or task.team_size or len(dict.fromkeys(task.skills))
    return max(1, min(wanted, MAX_TEAM_SIZE))


def match(programme: Programme, task_id: str, size: int | None = None, book: CreditBook | None = None,
          top: int = TOP, index: MatchIndex | None = None) -> list[Team]:
    """The best `top` teams for the task's needed skills (KeyError for an unknown task, MatchError
    for a task without skills). Pass `index` (from `build_index`) to match many tasks quickly."""
    task = programme.tasks[task_id]
    needed = tuple(dict.fromkeys(task.skills))
    if not needed:
        raise MatchError(f"task '{task_id}' names no skills")
    k = team_size(programme, task_id, size)
    if index is None:
        index = build_index(programme, book)
    # the matched task's open ownership is not held against its own owners
    own = set(task.owners) if task.status not in CLOSED else set()
    below = below_minimum(programme, task_id, index)
    own -= below
    top_credit = index.top_credit

    def term(koc: str) -> int:
        if koc in own:
            availability = programme.koc_views[koc].availability
            return _term(availability, index.credit.get(koc, Fraction(0)), top_credit, index.loads.get(koc, 0) - 1)
        return index.terms[koc]

    def held(koc: str) -> tuple[int, ...]:
        lv = index.levels[koc]
        return tuple(lv.get(s, 0) for s in needed)

    # the pool: per skill, the top PER_SKILL holders by per-KOC score (term + 2 × Σ needed levels)
    extra_max = LEVEL_WEIGHT * 5 * (len(needed) - 1)
    pool: set[str] = set()
    for skill in needed:
        best: list[tuple[int, str]] = []  # (−score, koc), ascending, at most PER_SKILL
        for koc in sorted(o for o in own if index.levels.get(o, {}).get(skill)):
            insort(best, (-(term(koc) + LEVEL_WEIGHT * sum(held(koc))), koc))
            del best[PER_SKILL:]
        for neg_base, koc in index.by_skill.get(skill, ()):
            if len(best) == PER_SKILL and -neg_base + extra_max + LOAD_PENALTY < -best[-1][0]:
                break  # nobody further down can reach the kept ones
            if koc in own or koc in below:
                continue
            insort(best, (-(term(koc) + LEVEL_WEIGHT * sum(held(koc))), koc))
            del best[PER_SKILL:]
        pool.update(koc for _, koc in best)

    if not pool:
        return [Team(task_id, k, (), (), needed, 0, "none")]
    candidates = sorted(pool)
    profile = {koc: (held(koc), term(koc)) for koc in candidates}

    def key(team: tuple[str, ...]) -> tuple[int, int, tuple[str, ...]]:
        best_levels = [0] * len(needed)
        total = 0
        for koc in team:
            levels, t = profile[koc]
            total += t
            for i, lv in enumerate(levels):
                if lv > best_levels[i]:
                    best_levels[i] = lv
        covered = sum(1 for lv in best_levels if lv)
        return (-covered, -(total + LEVEL_WEIGHT * sum(best_levels)), team)

    members = min(k, len(candidates))
    if comb(len(candidates), members) <= EXACT_LIMIT:
        method = "exact"
        chosen = [t for *_, t in heapq.nsmallest(top, (key(team) for team in combinations(candidates, members)))]
    else:
        method = "greedy"
        chosen = _greedy(candidates, members, top, key)
    return [_team(programme, index, task_id, k, needed, team, profile, method) for team in chosen]


def _greedy(candidates: list[str], members: int, top: int, key) -> list[tuple[str, ...]]:
    """Greedy set cover: grow the team one member at a time by the best key of the team so far;
    the n-th proposal is forced to start from the n-th best single candidate."""
    firsts = sorted(candidates, key=lambda koc: key((koc,)))
    teams: list[tuple[str, ...]] = []
    for first in firsts:
        team = [first]
        while len(team) < members:
            rest = [c for c in candidates if c not in team]
            team.append(min(rest, key=lambda c: key(tuple(sorted(team + [c])))))
        result = tuple(sorted(team))
        if result not in teams:
            teams.append(result)
        if len(teams) >= top:
            break
    return [t for *_, t in sorted(key(t) for t in teams)]


def _team(programme: Programme, index: MatchIndex, task_id: str, k: int, needed: tuple[str, ...],
          team: tuple[str, ...], profile: dict[str, tuple[tuple[int, ...], int]], method: str) -> Team:
    best_by: dict[str, str] = {}
    for i, skill in enumerate(needed):
        holders = [(-profile[koc][0][i], koc) for koc in team if profile[koc][0][i]]
        if holders:
            best_by[skill] = min(holders)[1]
    score = sum(profile[koc][1] for koc in team)
    score += sum(LEVEL_WEIGHT * max(profile[koc][0][i] for koc in team) for i in range(len(needed)))
    task = programme.tasks[task_id]
    own = set(task.owners) if task.status not in CLOSED else set()
    members = []
    for koc in team:
        model = programme.kocs[koc]
        levels, term = profile[koc]
        members.append(Member(
            koc=koc,
            name=model.name,
            skills=tuple((s, lv) for s, lv in zip(needed, levels) if lv),
            best_for=tuple(s for s in needed if best_by.get(s) == koc),
            availability=model.availability,
            credit=index.credit.get(koc, Fraction(0)),
            load=index.loads.get(koc, 0) - (1 if koc in own else 0),
            score=term,
            stage=model.pipeline.stage if model.pipeline is not None else None,
            level=index.level_of.get(koc, (0, None))[1],
        ))
    covered = tuple(s for s in needed if s in best_by)
    return Team(task_id, k, tuple(members), covered, tuple(s for s in needed if s not in best_by), score, method)
