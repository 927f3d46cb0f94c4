"""Weekly sentiment (舆情周报): ISO weeks from file names, weeks outside the campaign, routed insights,
the latest week, and the retrospective's keywords computed from the weeks (typed ones first, merged)."""

from __future__ import annotations

from datetime import date

from kocsite.checker import check
from kocsite.models.programme import load_programme
from kocsite.models.sentiment import week_label, week_span
from kocsite.ops.retrospective import retrospective_keywords
from kocsite.ops.sentiment import KeywordTotal, keyword_totals, latest_week

INSIGHT = """\
title: 车机卡顿
summary: 车主反映车机偶尔卡顿
topic: 智能座舱
kocs: [li-lei]
routed_to: 座舱产品组
received: 2025-07-05
"""

# The minimal campaign runs 2025-07-01 (Tuesday of W27) to 2025-07-31 (Thursday of W31).
WEEK_27 = """\
observers: [li-lei]
keywords:
  - {word: 续航, polarity: positive, count: 30}
  - {word: 车机卡顿, polarity: negative, count: 12, insight: cabin-lag}
complaints:
  - {text: 车机偶尔卡顿, count: 5, insight: cabin-lag}
"""
WEEK_28 = """\
keywords:
  - {word: 车机卡顿, polarity: neutral, count: 8}
  - {word: 座椅, polarity: positive, count: 20}
  - {word: 续航, polarity: positive, count: 5}
misunderstandings:
  - {text: 要付费订阅, clarification: 免费推送}
"""


def _files(**extra: str | None) -> dict[str, str | None]:
    files: dict[str, str | None] = {"insights/cabin-lag.yaml": INSIGHT, "sentiment/cockpit/2025-w27.yaml": WEEK_27,
                                    "sentiment/cockpit/2025-w28.yaml": WEEK_28}
    files.update(extra)
    return files


def test_iso_weeks_from_file_names():
    assert week_span("2026-w45") == (date(2026, 11, 2), date(2026, 11, 8))
    assert week_span("2026-w01") == (date(2025, 12, 29), date(2026, 1, 4))  # ISO week 1 starts in the old year
    assert week_span("2020-w53") == (date(2020, 12, 28), date(2021, 1, 3))  # 2020 has 53 weeks
    assert week_span("2025-w53") is None and week_span("2025-w00") is None  # 2025 has 52
    assert week_span("2025-W27") is None and week_span("2025-w7") is None and week_span("week-27") is None
    assert week_label("2026-w45") == "2026-W45"


def test_sample_like_weeks_check_clean_and_load_in_order(programme):
    root = programme(_files())
    assert check(root, cache_dir=root / ".cache").problems == []
    loaded = load_programme(root)
    assert list(loaded.sentiment["cockpit"]) == ["2025-w27", "2025-w28"]
    stem, week = latest_week(loaded, "cockpit")
    assert stem == "2025-w28" and week.misunderstandings[0].clarification == "免费推送"
    assert latest_week(loaded, "no-such-campaign") is None
    # W28 begins on Monday 2025-07-07: on the Sunday before, W27 is still the latest
    assert latest_week(loaded, "cockpit", date(2025, 7, 6))[0] == "2025-w27"
    assert latest_week(loaded, "cockpit", date(2025, 7, 7))[0] == "2025-w28"
    assert latest_week(loaded, "cockpit", date(2025, 6, 29)) is None


def test_keyword_totals_by_hand(programme):
    loaded = load_programme(programme(_files()))
    # 续航 30 + 5 = 35 (2 weeks); 车机卡顿 12 + 8 = 20, polarity of the latest week (neutral); 座椅 20 (1 week)
    assert keyword_totals(loaded, "cockpit") == [
        KeywordTotal("续航", "positive", 35, 2), KeywordTotal("座椅", "positive", 20, 1),
        KeywordTotal("车机卡顿", "neutral", 20, 2)]  # equal counts: by word (座 U+5EA7 < 车 U+8F66)


def test_retrospective_keywords_typed_first_then_computed(programme, minimal):
    campaign = minimal["campaigns/cockpit.yaml"] + "retrospective:\n  summary: 完成\n  sentiment_keywords: [座椅, 口碑, 座椅]\n"
    loaded = load_programme(programme(_files(**{"campaigns/cockpit.yaml": campaign})))
    assert retrospective_keywords(loaded, "cockpit") == [
        KeywordTotal("座椅", "positive", 20, 1, typed=True),  # typed and recorded: the typed place, the recorded count
        KeywordTotal("口碑", None, None, 0, typed=True),  # typed only
        KeywordTotal("续航", "positive", 35, 2), KeywordTotal("车机卡顿", "neutral", 20, 2)]


def test_retrospective_keywords_without_weeks_are_the_typed_ones(programme, minimal):
    campaign = minimal["campaigns/cockpit.yaml"] + "retrospective:\n  summary: 完成\n  sentiment_keywords: [口碑]\n"
    loaded = load_programme(programme({"campaigns/cockpit.yaml": campaign}))
    assert [k.word for k in retrospective_keywords(loaded, "cockpit")] == ["口碑"]


def test_a_week_overlapping_the_campaign_by_a_day_is_fine_one_outside_warns(programme):
    # W26 = 2025-06-23..29: entirely before 07-01; W31 = 07-28..08-03 overlaps the last days
    root = programme(_files(**{"sentiment/cockpit/2025-w26.yaml": "summary: 早了\n",
                               "sentiment/cockpit/2025-w31.yaml": "summary: 最后一周\n"}))
    problems = check(root, cache_dir=root / ".cache").problems
    assert [(p.file, p.code) for p in problems] == [("sentiment/cockpit/2025-w26.yaml", "W940")]
    assert "2025-06-23 至 2025-06-29" in problems[0].message("zh")
    assert "(2025-07-01 to 2025-07-31)" in problems[0].message("en")


def test_unknown_insight_is_an_error_with_a_suggestion(programme):
    week = WEEK_27.replace("insight: cabin-lag}\ncomplaints", "insight: cabin-lags}\ncomplaints")
    root = programme(_files(**{"sentiment/cockpit/2025-w27.yaml": week}))
    [p] = check(root, cache_dir=root / ".cache").problems
    assert (p.file, p.line, p.code) == ("sentiment/cockpit/2025-w27.yaml", 4, "E941")
    assert p.message("en") == "no insight with id 'cabin-lags' (insights/cabin-lags.yaml) (did you mean 'cabin-lag'?)"
    assert p.message("zh").endswith("（是不是 'cabin-lag'？）")


def test_unknown_campaign_folder_suggests_the_campaign(programme):
    root = programme(_files(**{"sentiment/cockpt/2025-w27.yaml": "summary: 写错\n"}))
    [p] = check(root, cache_dir=root / ".cache").problems
    assert (p.file, p.code) == ("sentiment/cockpt/2025-w27.yaml", "E101")
    assert p.message("en") == "unknown campaign 'cockpt' (did you mean 'cockpit'?)"
