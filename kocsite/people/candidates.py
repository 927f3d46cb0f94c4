"""Candidate scoring for discovery (信息搜集): weigh each KOC's pipeline signals, rank, filter.

score = Σ weight × signal over the signals typed in `pipeline.signals` and the routine signals computed
from the repository (ROUTINE_SIGNALS), with the weights of `candidate_weights` in kocsite.yml; a typed
signal that is not recorded counts as 0. Everything is exact (weights are decimals, signals whole
numbers): the score is a Fraction, rounded only when written for people.

The routine signals are how high-potential members surface from the routine quadrant (常规任务, "a stable
place to observe and identify high-potential KOCs"): days with an approved check-in, the longest run of
consecutive check-in days, and approved routine work other than check-ins (weekly topics …). They are
counted from the approved records of routine tasks, so nobody types them and they cannot go stale.

Only KOCs with a `pipeline:` block are candidates. Nothing here reads `private:`: the rows hold the
id, the public name, the pipeline stage, source, channel and discovery date, and the figures.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from fractions import Fraction
from math import lcm
from typing import Any, Iterable, Mapping

from kocsite.core.display import decimal_text
from kocsite.core.labels import SOURCE, STAGE, label
from kocsite.models import Settings
from kocsite.models.views import KocView
from kocsite.models.koc import Signals
from kocsite.models.programme import Programme

TYPED_SIGNALS: tuple[str, ...] = tuple(Signals.model_fields)
"""posts, quality_interactions, answered_questions, tenure_months, followers, login_days, purchases."""
ROUTINE_SIGNALS: tuple[str, ...] = ("check_ins", "longest_streak", "routine_work")
"""Computed from the repository's routine records (routine_signals), never typed."""
SIGNALS: tuple[str, ...] = TYPED_SIGNALS + ROUTINE_SIGNALS

SIGNAL_NAMES = {
    "zh": {"posts": "发帖", "quality_interactions": "优质互动", "answered_questions": "答疑", "tenure_months": "在圈月数",
           "followers": "粉丝", "login_days": "登录天数", "purchases": "购买",
           "check_ins": "签到天数", "longest_streak": "最长连签", "routine_work": "常规任务"},
    "en": {s: s.replace("_", " ") for s in SIGNALS},
}


def routine_signals(programme: Programme) -> dict[str, tuple[int, int, int]]:
    """Per KOC (check-in days, longest run of consecutive check-in days, other approved routine work),
    from the approved records of routine tasks (joint bylines count for every author)."""
    days: dict[str, set[date]] = defaultdict(set)
    work: dict[str, int] = defaultdict(int)
    for task_id, task in programme.task_views.items():
        if task.quadrant != "routine":
            continue
        check_in = task.routine is not None and task.routine.kind == "check-in"
        for record in programme.contributions.get(task_id, ()):
            if record.view.review.status != "approved":
                continue
            for koc in record.kocs:
                if check_in:
                    days[koc].add(record.view.date)
                else:
                    work[koc] += 1
    return {koc: (len(days.get(koc, ())), longest_run(days.get(koc, set())), work.get(koc, 0))
            for koc in sorted(set(days) | set(work))}


def longest_run(days: set[date]) -> int:
    """The most consecutive days in `days` (0 when empty)."""
    best = run = 0
    previous = None
    for day in sorted(days):
        run = run + 1 if previous is not None and (day - previous).days == 1 else 1
        best, previous = max(best, run), day
    return best


@dataclass(frozen=True)
class Term:
    """One signal's part of a score: weight × value (value None when the signal is not recorded)."""

    signal: str
    weight: Fraction
    value: int | None

    @property
    def points(self) -> Fraction:
        return self.weight * (self.value or 0)


@dataclass(slots=True)
class Candidate:
    koc: str
    name: str
    stage: str
    source: str
    channel: str | None
    discovered: date | None
    score: Fraction
    values: tuple[int | None, ...]
    """Each signal of SIGNALS as recorded (None: not recorded, counts 0)."""
    weights: tuple[Fraction, ...]
    """The weight of each signal of SIGNALS."""
    key: int
    """score × the weights' common denominator: an integer, for fast exact ranking."""

    @property
    def terms(self) -> tuple[Term, ...]:
        return tuple(Term(s, w, v) for s, w, v in zip(SIGNALS, self.weights, self.values))


def weights(settings: Settings) -> dict[str, Fraction]:
    """The weight of each signal, exactly (Decimal → Fraction)."""
    w = settings.candidate_weights
    return {s: Fraction(getattr(w, s)) for s in SIGNALS}


def score_all(kocs: Mapping[str, KocView], weight: Mapping[str, Fraction],
              routine: Mapping[str, tuple[int, int, int]] | None = None) -> list[Candidate]:
    """Every KOC with a pipeline, scored, with its `routine` signals (routine_signals; none when not given).
    Sums in integers over the weights' common denominator."""
    denominator = lcm(*(weight[s].denominator for s in SIGNALS))
    scaled = [weight[s].numerator * (denominator // weight[s].denominator) for s in SIGNALS]
    ordered = tuple(weight[s] for s in SIGNALS)
    empty = (None,) * len(TYPED_SIGNALS)
    routine = routine or {}
    result = []
    for koc_id, koc in kocs.items():
        pipeline = koc.pipeline
        if pipeline is None:
            continue
        signals = pipeline.signals
        typed = empty if signals is None else tuple(getattr(signals, s) for s in TYPED_SIGNALS)
        values = typed + routine.get(koc_id, (0, 0, 0))
        total = sum(n * v for n, v in zip(scaled, values) if v)
        result.append(Candidate(koc_id, koc.name, pipeline.stage, pipeline.source, pipeline.channel, pipeline.discovered,
                                Fraction(total, denominator), values, ordered, total))
    return result


def rank(candidates: Iterable[Candidate]) -> list[Candidate]:
    """Highest score first; equal scores by id."""
    return sorted(candidates, key=lambda c: (-c.key, c.koc))  # key: the score over one common denominator


def select(candidates: Iterable[Candidate], stages: Iterable[str] = (), min_score: Fraction | None = None) -> list[Candidate]:
    """Those in one of `stages` (all when empty) scoring at least `min_score`; order kept."""
    wanted = set(stages)
    return [c for c in candidates if (not wanted or c.stage in wanted) and (min_score is None or c.score >= min_score)]


def ranked_candidates(kocs: Mapping[str, KocView], settings: Settings, stages: Iterable[str] = (),
                      min_score: Fraction | None = None,
                      routine: Mapping[str, tuple[int, int, int]] | None = None) -> list[tuple[int, Candidate]]:
    """(rank, candidate) of the candidates selected, ranked among themselves (1 = best); `routine`: the
    computed routine signals (routine_signals(programme)), none when not given."""
    chosen = select(score_all(kocs, weights(settings), routine), stages, min_score)
    return list(enumerate(rank(chosen), start=1))


# -- rows for write_table / write_csv / write_json -----------------------------------------------

def columns(lang: str, weight: Mapping[str, Fraction], machine: bool = False) -> list[tuple[str, str]]:
    """Table columns; for people only the signals that weigh (weight ≠ 0), for machines all of them,
    each with its raw value and its points."""
    zh = lang != "en"
    head = [("rank", "名次" if zh else "rank"), ("koc", "KOC"), ("name", "昵称" if zh else "name"),
            ("stage", "阶段" if zh else "stage"), ("source", "来源" if zh else "source")]
    if machine:
        head += [("channel", "channel"), ("discovered", "discovered"), ("score", "score")]
        for s in SIGNALS:
            head += [(s, s), (f"{s}_points", f"{s}_points")]
        return head
    head.append(("score", "得分" if zh else "score"))
    names = SIGNAL_NAMES["en" if not zh else "zh"]
    return head + [(f"{s}_points", names[s]) for s in SIGNALS if weight[s] != 0]


def row(position: int, c: Candidate, lang: str | None = None) -> dict[str, Any]:
    """A flat row; `lang` names stage and source for people, None keeps the ids (CSV)."""
    out: dict[str, Any] = {
        "rank": position, "koc": c.koc, "name": c.name,
        "stage": label(STAGE, c.stage, lang) if lang else c.stage, "source": label(SOURCE, c.source, lang) if lang else c.source,
        "channel": c.channel, "discovered": c.discovered.isoformat() if c.discovered else None,
        "score": str(c.score.numerator) if c.score.denominator == 1 else decimal_text(c.score),
    }
    for signal, w, v in zip(SIGNALS, c.weights, c.values):
        out[signal] = v
        out[f"{signal}_points"] = _points_text(w, v)
    return out


def _points_text(weight: Fraction, value: int | None) -> str:
    """decimal_text(weight × value), without Fraction arithmetic for whole weights (the usual case)."""
    if weight.denominator == 1:
        return str(weight.numerator * (value or 0))
    return decimal_text(weight * (value or 0))


def document(ranked: list[tuple[int, Candidate]], weight: Mapping[str, Fraction]) -> dict[str, Any]:
    """The JSON document: the weights, and each candidate with its breakdown."""
    return {
        "weights": {s: decimal_text(weight[s]) for s in SIGNALS},
        "candidates": [{
            "rank": position, "koc": c.koc, "name": c.name, "stage": c.stage, "source": c.source, "channel": c.channel,
            "discovered": c.discovered.isoformat() if c.discovered else None, "score": decimal_text(c.score),
            "breakdown": [{"signal": t.signal, "weight": decimal_text(t.weight), "value": t.value,
                           "points": decimal_text(t.points), "computed": t.signal in ROUTINE_SIGNALS} for t in c.terms],
        } for position, c in ranked],
    }


def explain_lines(ranked: list[tuple[int, Candidate]], lang: str) -> list[str]:
    """Per candidate, each weight × signal and the sum: `zuocang-laochen：发帖 1 × 14 = 14 + … = 489`."""
    zh = lang != "en"
    names = SIGNAL_NAMES["zh" if zh else "en"]
    lines = []
    for _, c in ranked:
        parts = []
        for t in c.terms:
            value = str(t.value) if t.value is not None else ("0（未记录）" if zh else "0 (not recorded)")
            if t.signal in ROUTINE_SIGNALS:
                value += "（按仓库计算）" if zh else " (computed)"
            parts.append(f"{names[t.signal]} {decimal_text(t.weight)} × {value} = {decimal_text(t.points)}")
        sep = "；" if zh else "; "
        total = f"{'得分' if zh else 'score'} {decimal_text(c.score)}"
        lines.append(f"{c.koc}{'：' if zh else ': '}{sep.join(parts)}{sep}{total}")
    return lines
