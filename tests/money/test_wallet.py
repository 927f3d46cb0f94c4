"""The points wallet (积分) kept apart from reputation (贡献值): hand-computed balances, overdraw, stock."""

from __future__ import annotations

from fractions import Fraction

from kocsite.checker import check
from kocsite.models.programme import load_programme
from kocsite.money.credit import compute_credit
from kocsite.money.wallet import compute_wallets, redemption_order

# li-lei's one approved review: 100 points of project work, approved 2025-07-11 → reputation 100;
# at the project rate 2 that is 200 points in the wallet, from 2025-07-11 on.
SETTINGS = """\
wallet:
  rates:
    project: 2
  catalogue:
    - id: mug
      name: 马克杯
      cost: 150
      stock: 1
    - id: seat
      name: 车主日席位
      kind: event-seat
      cost: 60
"""


def _problems(root):
    return [(p.file, p.line, p.code, dict(p.params)) for p in check(root).problems]


def test_balance_is_earnings_times_rate_minus_redemptions(programme):
    root = programme({"kocsite.yml": SETTINGS, "redemptions/2025-07.yaml": """\
        redemptions:
          - koc: li-lei
            item: mug
            date: 2025-07-12
            note: 线下活动领取
        """})
    assert _problems(root) == []
    p = load_programme(root)
    book = compute_credit(p)
    wallets = compute_wallets(p, book)
    assert book.total_points()["li-lei"] == 100  # reputation is not spent
    assert wallets.earned("li-lei") == 200
    assert wallets.spent("li-lei") == 150
    assert wallets.balance("li-lei") == 50
    history = wallets.history["li-lei"]
    assert [(str(e.day), e.kind, e.points, e.balance) for e in history] == [
        ("2025-07-11", "earned", 200, 200), ("2025-07-12", "redeemed", -150, 50)]
    assert history[1].title == "马克杯（线下活动领取）"
    assert wallets.redeemed == {"mug": 1}


def test_a_redemption_before_the_points_are_approved_overdraws_naming_the_balance(programme):
    root = programme({"kocsite.yml": SETTINGS, "redemptions/early.yaml": """\
        redemptions:
          - koc: li-lei
            item: seat
            date: 2025-07-10
        """})
    problems = _problems(root)
    assert [(f, line, code) for f, line, code, _ in problems] == [("redemptions/early.yaml", 2, "E801")]
    params = problems[0][3]
    assert params["balance"] == "0" and params["cost"] == "60" and params["date"] == "2025-07-10"
    message = check(root).problems[0].message("en")
    assert "costs 60 points, but the balance then was only 0" in message


def test_the_redemption_that_overdraws_is_the_later_one_in_file_then_line_order(programme):
    # 200 points; two seats (120) leave 80, so the second pair of seats overdraws. Both are dated the
    # same day: the file sorting first (a-first.yaml) is applied first, whatever line it is on.
    root = programme({"kocsite.yml": SETTINGS,
                      "redemptions/b-second.yaml": """\
        redemptions:
          - koc: li-lei
            item: seat
            quantity: 2
            date: 2025-07-15
        """,
                      "redemptions/a-first.yaml": """\
        redemptions:
          - koc: li-lei
            item: seat
            date: 2025-07-20
          - koc: li-lei
            item: seat
            quantity: 2
            date: 2025-07-15
        """})
    problems = _problems(root)
    # a-first line 5 (07-15, 120) → 80 left; b-second (07-15, 120) overdraws at 80; a-first line 2
    # (07-20, 60) is then judged without the refused one: 80 − 60 = 20.
    assert [(f, line, code, params["balance"]) for f, line, code, params in problems] == [
        ("redemptions/b-second.yaml", 2, "E801", "80")]
    p = load_programme(root)
    order = [(r.file, r.index) for r in redemption_order(p.redemptions)]
    assert order == [("redemptions/a-first.yaml", 1), ("redemptions/b-second.yaml", 0), ("redemptions/a-first.yaml", 0)]
    assert compute_wallets(p, compute_credit(p)).balance("li-lei") == 20


def test_a_limited_item_cannot_be_oversold(programme, two_officers):
    second = """\
        koc: han-meimei
        title: 座舱第二篇评测
        date: 2025-07-15
        review:
          status: approved
          reviewer: 王运营
          date: 2025-07-16
        """
    root = programme({"kocsite.yml": SETTINGS, "campaigns/cockpit.yaml": two_officers,
                      "tasks/deep-review/han-meimei.yaml": second,
                      "redemptions/2025-07.yaml": """\
        redemptions:
          - koc: li-lei
            item: mug
            date: 2025-07-16
          - koc: han-meimei
            item: mug
            date: 2025-07-17
        """})
    problems = _problems(root)
    assert [(f, line, code) for f, line, code, _ in problems] == [("redemptions/2025-07.yaml", 5, "E802")]
    assert problems[0][3] == {"item": "马克杯", "stock": "1", "taken": "1", "quantity": "1"}
    p = load_programme(root)
    wallets = compute_wallets(p, compute_credit(p))
    assert wallets.balance("han-meimei") == 200  # the refused redemption took nothing
    assert wallets.redeemed == {"mug": 1}


def test_unknown_item_unknown_koc_and_duplicate_items_in_one_run(programme):
    settings = SETTINGS + """\
    - id: seat
      name: 重复的席位
      cost: 1
"""
    root = programme({"kocsite.yml": settings, "redemptions/bad.yaml": """\
        redemptions:
          - koc: li-lei
            item: mugg
            date: 2025-07-12
          - koc: nobody
            item: seat
            date: 2025-07-12
        """})
    problems = check(root).problems
    assert {(p.file, p.line, p.code) for p in problems} == {
        ("redemptions/bad.yaml", 3, "E800"), ("redemptions/bad.yaml", 5, "E104"), ("kocsite.yml", 13, "E504")}
    e800 = next(p for p in problems if p.code == "E800")
    assert "'mug'" in e800.message("en") and "wallet.catalogue" in e800.message("en")


def test_a_quantity_must_be_positive(programme):
    root = programme({"kocsite.yml": SETTINGS, "redemptions/bad.yaml": """\
        redemptions:
          - koc: li-lei
            item: seat
            date: 2025-07-12
            quantity: 0
        """})
    assert [(p.file, p.line, p.code) for p in check(root).problems] == [("redemptions/bad.yaml", 5, "E208")]


def test_fractional_earnings_stay_exact(programme):
    quality = """\
        koc: li-lei
        title: 座舱评测
        date: 2025-07-10
        review:
          status: approved
          reviewer: 王运营
          date: 2025-07-11
          quality: 1.333
        """
    root = programme({"kocsite.yml": SETTINGS.replace("project: 2", "project: 1.5"), "tasks/deep-review/li-lei.yaml": quality})
    p = load_programme(root)
    assert compute_wallets(p, compute_credit(p)).balance("li-lei") == Fraction(100) * Fraction("1.333") * Fraction("1.5")
