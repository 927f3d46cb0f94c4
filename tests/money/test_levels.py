"""Levels rise at once and fall only at review dates: hand-computed histories, no flapping, W800."""

from __future__ import annotations

from datetime import date, timedelta
from fractions import Fraction

from kocsite.checker import check
from kocsite.models.settings import LevelSettings
from kocsite.money.levels import _Figures, _met, compute_levels, review_dates
from kocsite.money.wallet import Earning

RULE = LevelSettings.model_validate({
    "review": "monthly", "window_days": 30,
    "tiers": [{"id": "newcomer", "name": "新人"},
              {"id": "active", "name": "活跃", "reputation": "10"},
              {"id": "core", "name": "核心", "reputation": "50", "recent": "30", "active_days": "3"}],
}, strict=False)


def work(day: str, points: int) -> Earning:
    return Earning("k", date.fromisoformat(day), "project", "work", day, day, Fraction(points), True)


# rep 10 on 01-05 (active), 60 with 3 active days in 30 on 01-20 (core); 02-10 adds 5; 03-05..03-06 add 31.
EARNED = [work("2025-01-05", 10), work("2025-01-10", 10), work("2025-01-20", 40), work("2025-02-10", 5),
          work("2025-03-05", 30), work("2025-03-06", 1)]


def history(today: str, earned=EARNED):
    book = compute_levels(earned, RULE, date.fromisoformat(today))
    return book, [(str(c.day), c.level, c.change) for c in book.history.get("k", ())]


def test_rise_on_the_day_hold_until_the_review_date_then_drop_and_rise_again():
    book, changes = history("2025-03-31")
    assert changes == [
        ("2025-01-05", "active", "start"),   # 10 reputation on the first day: active at once
        ("2025-01-20", "core", "rise"),      # 60 reputation, 60 recent, 3 active days in the window
        # 02-01: window 01-03..02-01 still holds all three days → no drop
        ("2025-03-01", "active", "drop"),    # window 01-31..03-01: 5 recent, 1 active day
        ("2025-03-06", "core", "rise"),      # window 02-05..03-06: 36 recent, 3 active days
    ]
    assert book.current("k").id == "core"
    last = book.history["k"][-1]
    assert (last.reputation, last.recent, last.active_days) == (96, 36, 3)


def test_a_level_held_between_review_dates_does_not_flap():
    book, _ = history("2025-03-31")
    figures = _Figures(EARNED)
    # On 02-05 the window (01-07..02-05) has only 2 active days: core is not met that day …
    assert _met(RULE.tiers, figures.on(date(2025, 2, 5), 30)) == 1
    # … yet every day from the rise to the review date shows core.
    day = date(2025, 1, 20)
    while day < date(2025, 3, 1):
        assert book.level_on("k", day).id == "core", day
        day += timedelta(days=1)
    assert book.level_on("k", date(2025, 3, 1)).id == "active"
    assert book.level_on("k", date(2025, 1, 4)).id == "newcomer"  # before any reputation


def test_the_level_on_a_past_day_does_not_depend_on_today():
    early, early_changes = history("2025-02-15")
    late, _ = history("2025-12-31")
    assert early_changes == [("2025-01-05", "active", "start"), ("2025-01-20", "core", "rise")]
    for day in (date(2025, 1, 10), date(2025, 2, 1), date(2025, 2, 15)):
        assert early.level_on("k", day) == late.level_on("k", day)
    # nothing after 03-06: the April review's window (03-03..04-01) has 2 active days, down to active
    assert [c.change for c in late.history["k"]][-1] == "drop"
    assert late.history["k"][-1].day == date(2025, 4, 1) and late.history["k"][-1].level == "active"


def test_quarterly_review_dates_and_a_drop_only_at_the_quarter():
    assert review_dates("quarterly", date(2025, 1, 15), date(2025, 12, 31)) == [
        date(2025, 4, 1), date(2025, 7, 1), date(2025, 10, 1)]
    assert review_dates("monthly", date(2025, 1, 1), date(2025, 3, 1)) == [date(2025, 1, 1), date(2025, 2, 1), date(2025, 3, 1)]
    quarterly = RULE.model_copy(update={"review": "quarterly"})
    book = compute_levels(EARNED, quarterly, date(2025, 6, 30))
    assert [(str(c.day), c.level, c.change) for c in book.history["k"]] == [
        ("2025-01-05", "active", "start"), ("2025-01-20", "core", "rise"),
        ("2025-04-01", "active", "drop")]  # core held through March: the March work only re-met what it held


def test_no_levels_without_tiers():
    book = compute_levels(EARNED, LevelSettings(), date(2025, 12, 31))
    assert not book.enabled and book.history == {} and book.current("k") is None


LEVELS = """\
levels:
  review: monthly
  tiers:
    - id: newcomer
      name: 新人
    - id: core
      name: 核心
      reputation: 50
"""


def test_inviting_below_the_role_minimum_is_a_warning_at_the_member(programme, minimal):
    campaign = minimal["campaigns/cockpit.yaml"].replace(
        "    headcount: 2\n", "    headcount: 2\n    min_level: core\n")
    root = programme({"kocsite.yml": LEVELS, "campaigns/cockpit.yaml": campaign})
    problems = check(root).problems
    # li-lei is invited 06-20 and accepts 06-21, before the review approved 07-11 brings 100 reputation
    assert [(p.file, p.line, p.code) for p in problems] == [("campaigns/cockpit.yaml", 19, "W800")]
    assert problems[0].severity == "warning"
    assert "li-lei is at level '新人' on 2025-06-20, below the minimum level '核心'" in problems[0].message("en")


def test_invited_after_reaching_the_level_is_clean(programme, minimal):
    campaign = minimal["campaigns/cockpit.yaml"].replace(
        "    headcount: 2\n", "    headcount: 2\n    min_level: core\n").replace(
        "invited: 2025-06-20\n    responded: 2025-06-21", "invited: 2025-07-12\n    responded: 2025-07-12")
    root = programme({"kocsite.yml": LEVELS, "campaigns/cockpit.yaml": campaign})
    assert check(root).problems == []


def test_unknown_min_level_and_levels_that_ask_less_than_the_one_below(programme, minimal):
    campaign = minimal["campaigns/cockpit.yaml"].replace("    headcount: 2\n", "    headcount: 2\n    min_level: cor\n")
    settings = LEVELS + """\
    - id: leader
      name: 领袖
      reputation: 40
"""
    root = programme({"kocsite.yml": settings, "campaigns/cockpit.yaml": campaign})
    found = {(p.file, p.line, p.code): p for p in check(root).problems}
    assert set(found) == {("campaigns/cockpit.yaml", 17, "E803"), ("kocsite.yml", 11, "E804")}
    assert "did you mean 'core'" in found[("campaigns/cockpit.yaml", 17, "E803")].message("en")
    assert "'领袖' asks for less reputation (40) than the level below it, '核心' (50)" in found[("kocsite.yml", 11, "E804")].message("en")
