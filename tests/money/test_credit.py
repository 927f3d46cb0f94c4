"""Credit: points × quality × share, only for approved work, exact; streaks, titles, special awards."""

from datetime import date
from fractions import Fraction

import pytest

from kocsite.money.credit import compute_credit
from kocsite.core.display import decimal_text
from kocsite.models.programme import load_programme

JOINT = """\
    title: 川西穿越联合游记
    date: 2025-07-12
    authors:
      - koc: li-lei
        share: 40
        part: 文字
      - koc: han-meimei
        share: 60
        part: 摄影
    review:
      status: approved
      reviewer: 王运营
      date: 2025-07-13
      quality: 1.5
    """
def book_for(programme, two_officers, changes):
    """The minimal programme with han-meimei also an accepted tech officer, plus `changes`."""
    loaded = load_programme(programme({"campaigns/cockpit.yaml": two_officers, **changes}))
    assert loaded.problems == []
    return compute_credit(loaded)


def test_solo_and_joint_credit_are_exact(programme, minimal, two_officers):
    solo = minimal["tasks/deep-review/li-lei.yaml"].replace("  date: 2025-07-11\n", "  date: 2025-07-11\n  quality: 1.2\n")
    assert "quality: 1.2" in solo
    book = book_for(programme, two_officers, {"tasks/deep-review/li-lei.yaml": solo, "tasks/deep-review/joint.yaml": JOINT})
    # li-lei: 100 × 1.2 × 1 = 120, plus 100 × 1.5 × 40 % = 60 → 180; han-meimei: 100 × 1.5 × 60 % = 90
    assert book.campaign_credit("cockpit") == {"li-lei": Fraction(180), "han-meimei": Fraction(90)}
    assert book.all_time() == {"li-lei": Fraction(180), "han-meimei": Fraction(90)}
    assert book.quadrant_credit()["li-lei"]["project"] == 180


def test_only_approved_work_counts_and_exclusions_say_why(programme, two_officers):
    pending = JOINT.replace("""    review:
      status: approved
      reviewer: 王运营
      date: 2025-07-13
      quality: 1.5
""", """    review:
      status: pending
""")
    book = book_for(programme, two_officers, {"tasks/deep-review/joint.yaml": pending})
    assert book.campaign_credit("cockpit") == {"li-lei": Fraction(100)}
    excluded = [(line.koc, line.status, line.credit) for line in book.lines if not line.counted]
    assert excluded == [("han-meimei", "pending", 0), ("li-lei", "pending", 0)]


def test_thirds_stay_exact_until_display(programme, two_officers):
    thirds = JOINT.replace("share: 40", "share: 33.33").replace("share: 60", "share: 66.67").replace("quality: 1.5", "quality: 1")
    book = book_for(programme, two_officers, {"tasks/deep-review/joint.yaml": thirds})
    # 100 × 1 × 33.33 % = 33.33 exactly; with the solo review's 100 → 133.33
    assert book.campaign_credit("cockpit")["li-lei"] == Fraction(13333, 100)
    assert decimal_text(book.campaign_credit("cockpit")["han-meimei"]) == "66.67"


CHECK_IN_TASK = """\
    title: 每日签到
    quadrant: routine
    routine:
      kind: check-in
    """


def check_ins(koc, days):
    records = "".join(f"""  - koc: {koc}
    title: 签到
    date: {day}
    review:
      status: approved
      reviewer: App
      date: {day}
""" for day in days)
    return "contributions:\n" + records


def test_routine_points_default_from_settings_and_streaks(programme):
    days = [f"2025-07-{d:02d}" for d in range(1, 16)] + ["2025-07-20"]  # a 15-day run, then one more day
    loaded = load_programme(programme({
        "kocsite.yml": "points:\n  check_in: 2\n  streak_days: 7\n  streak_bonus: 10\n",
        "tasks/check-in.yaml": CHECK_IN_TASK,
        "tasks/check-in/july.yaml": check_ins("han-meimei", days),
    }))
    book = compute_credit(loaded)
    # 16 check-ins × 2 points = 32; the 15-day run holds two full 7-day blocks → 2 × 10 = 20
    assert [(s.start, s.end) for s in book.streaks] == [(date(2025, 7, 1), date(2025, 7, 7)), (date(2025, 7, 8), date(2025, 7, 14))]
    assert book.quadrant_credit()["han-meimei"]["routine"] == 52


def test_titles_go_to_the_top_n_and_ties_at_the_boundary(programme):
    loaded = load_programme(programme({
        "kocsite.yml": "titles:\n  - id: star\n    name: 签到之星\n    top: 1\n    period: month\n    valid_days: 10\n",
        "tasks/check-in.yaml": CHECK_IN_TASK,
        "tasks/check-in/a.yaml": check_ins("han-meimei", ["2025-07-01", "2025-07-02"]),
        "tasks/check-in/b.yaml": check_ins("li-lei", ["2025-07-03", "2025-07-04"]),
    }))
    titles = compute_credit(loaded).titles
    assert {(t.koc, t.period, t.until) for t in titles} == {
        ("han-meimei", "2025-07", date(2025, 8, 10)), ("li-lei", "2025-07", date(2025, 8, 10))}


def test_special_awards_are_apart_and_shared_by_byline(programme, two_officers):
    awarded = JOINT.rstrip(" ") + """    award:
      title: 特殊贡献奖
      citation: 自发撰写的购车宝典
      points: 500
      cash_fen: 10001
      granted_by: 用户运营中心
      date: 2025-07-20
    """
    book = book_for(programme, two_officers, {"tasks/deep-review/joint.yaml": awarded})
    assert book.award_points() == {"li-lei": Fraction(200), "han-meimei": Fraction(300)}
    assert sum(a.cash_fen for a in book.awards) == 10001
    assert book.campaign_credit("cockpit")["li-lei"] == 160  # awards are not normal credit


@pytest.mark.parametrize("value, text", [
    (Fraction(0), "0"), (Fraction(120), "120"), (Fraction(7, 8), "0.875"), (Fraction(1, 3), "0.333333"),
    (Fraction(-5, 4), "-1.25"), (Fraction(13333, 100), "133.33"),
])
def test_decimal_text_is_exact_when_it_can_be(value, text):
    assert decimal_text(value) == text
