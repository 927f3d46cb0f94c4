"""Rewards: hand-computed cash splits (arithmetic in the comments), non-cash awards, and properties."""

from __future__ import annotations

from fractions import Fraction as F

import pytest
from hypothesis import given, settings, strategies as st

from kocsite.money.awards import (
    BadgeRuleSpec, GoodsRule, PriorityRuleSpec, award_badges, award_goods, award_priority, rank_by_credit, top_n,
)
from kocsite.money.rewards import CashRules, Claimant, RewardRuleError, cut_pool, largest_remainder, split_cash
from kocsite.money.rewards_explain import explain_lines


def koc(koc_id: str, credit: int | F = 0, *, roles: tuple[str, ...] = ("crew",), by_role: dict | None = None,
        deliverable: bool = True) -> Claimant:
    """A claimant; without `by_role` all credit is from tasks without a role. By default a member of the
    role `crew` (which has no sub-pool); `roles=()` is a non-member."""
    by_role = by_role if by_role is not None else ({None: F(credit)} if credit else {})
    total = sum(by_role.values(), F(0))
    return Claimant(koc_id, total, tuple(by_role.items()), deliverable, roles)


def paid(split) -> dict[str, int]:
    return {p.koc: p.payout_fen for p in split.payouts}


def pool_of(split, role):
    return next(p for p in split.pools if p.role == role)


# ---------------------------------------------------------------- proportional split and rounding

def test_equal_credit_leftover_goes_by_id():
    # 100 × 1/3 = 33⅓ each → floors 33 + 33 + 33 = 99, 1 分 left; equal remainders (⅓) and equal
    # credit, so the id decides: a gets it.
    split = split_cash(CashRules(100), [koc("c", 1), koc("a", 1), koc("b", 1)])
    assert [(p.koc, p.payout_fen) for p in split.payouts] == [("a", 34), ("b", 33), ("c", 33)]
    assert split.unallocated_fen == 0
    general = split.pools[0]
    assert [(h.koc, h.decided_by) for h in general.handouts] == [("a", "id")]
    assert {s.koc: s.ideal_fen for s in general.shares} == {"a": F(100, 3), "b": F(100, 3), "c": F(100, 3)}
    assert all(s.floor_fen == 33 for s in general.shares)


def test_equal_remainders_go_to_higher_credit_before_id():
    # credits z=4, a=1, b=1 (Σ6), pool 10:  z = 40/6 = 6⅔, a = b = 10/6 = 1⅔.
    # floors 6 + 1 + 1 = 8, 2 分 left; all remainders are ⅔ → higher credit first (z, although its
    # id sorts last), then a before b by id.  → z 7, a 2, b 1.
    split = split_cash(CashRules(10), [koc("a", 1), koc("b", 1), koc("z", 4)])
    assert paid(split) == {"z": 7, "a": 2, "b": 1}
    assert [(h.koc, h.decided_by) for h in split.pools[0].handouts] == [("z", "credit"), ("a", "id")]


def test_larger_remainder_wins_over_higher_credit():
    # credits a=2, b=1 (Σ3), pool 5: a = 10/3 = 3⅓, b = 5/3 = 1⅔; floors 3 + 1, 1 分 left → b (⅔ > ⅓).
    split = split_cash(CashRules(5), [koc("a", 2), koc("b", 1)])
    assert paid(split) == {"a": 3, "b": 2}
    assert split.pools[0].handouts[0].decided_by == "remainder"


def test_payouts_sorted_by_payout_then_credit_then_id():
    # pool 0: everybody 0 分, so credit then id order.
    split = split_cash(CashRules(0), [koc("b", 1), koc("a", 1), koc("c", 5)])
    assert [p.koc for p in split.payouts] == ["c", "a", "b"]


# ---------------------------------------------------------------- cap (water-filling)

def test_cap_binds_in_several_rounds():
    # pool 1000, cap 300, credits a=5, b=3, c=1, d=1 (Σ10)
    # round 1: 1000 × 5/10 = 500 > 300 → a capped at 300; b = 300 (not above), c = d = 100
    # round 2: 700 left, Σ = 5: b = 700 × 3/5 = 420 > 300 → b capped at 300
    # round 3: 400 left, Σ = 2: c = d = 200 → nobody above the cap.
    split = split_cash(CashRules(1000, cap_fen=300), [koc("a", 5), koc("b", 3), koc("c", 1), koc("d", 1)])
    assert paid(split) == {"a": 300, "b": 300, "c": 200, "d": 200}
    rounds = split.pools[0].rounds
    assert [(r.remaining_fen, r.total_credit, r.capped) for r in rounds] == [
        (1000, 10, ("a",)), (700, 5, ("b",)), (400, 2, ())]
    assert [p.capped for p in split.payouts] == [True, True, False, False]
    assert split.unallocated_fen == 0


def test_everyone_capped_leaves_the_rest_unallocated():
    # pool 1000, cap 300, credits a=3, b=1
    # round 1: a = 750 > 300 → 300; b = 250 ≤ 300.  round 2: 700 left, b alone: 700 > 300 → 300.
    # nobody is left: 1000 − 300 − 300 = 400 unallocated.
    split = split_cash(CashRules(1000, cap_fen=300), [koc("a", 3), koc("b", 1)])
    assert paid(split) == {"a": 300, "b": 300}
    assert split.unallocated_fen == 400
    assert split.pools[0].unallocated_fen == 400
    assert [r.capped for r in split.pools[0].rounds] == [("a",), ("b",)]


def test_cap_zero_leaves_everything_unallocated():
    split = split_cash(CashRules(1000, cap_fen=0), [koc("a", 3), koc("b", 1)])
    assert paid(split) == {"a": 0, "b": 0}
    assert split.unallocated_fen == 1000


def test_rounding_never_lifts_an_uncapped_koc_over_the_cap():
    # pool 100, cap 34, three equal credits: ideal 33⅓ ≤ 34 → nobody capped; +1 → 34, exactly the cap.
    split = split_cash(CashRules(100, cap_fen=34), [koc("a", 1), koc("b", 1), koc("c", 1)])
    assert paid(split) == {"a": 34, "b": 33, "c": 33}
    assert not any(p.capped for p in split.payouts)


# ---------------------------------------------------------------- eligibility

def test_no_claimants_or_no_credit_leaves_the_pool_unallocated():
    assert split_cash(CashRules(500), []).unallocated_fen == 500
    split = split_cash(CashRules(500), [koc("a", 0), koc("b", 0)])
    assert split.unallocated_fen == 500
    assert [(p.payout_fen, p.eligible, p.why_not) for p in split.payouts] == [(0, False, "no-credit")] * 2


def test_min_credit_and_deliverable_exclusions():
    # a is below min_credit 2, c missed the deliverable → b alone takes the whole 100.
    rules = CashRules(100, min_credit=F(2), require_deliverable=True)
    split = split_cash(rules, [koc("a", 1), koc("b", 2), koc("c", 3, deliverable=False)])
    assert paid(split) == {"a": 0, "b": 100, "c": 0}
    why = {p.koc: (p.eligible, p.why_not) for p in split.payouts}
    assert why == {"a": (False, "below-min-credit"), "b": (True, None), "c": (False, "deliverable-not-met")}
    assert [(e.koc, e.reason) for e in split.pools[0].excluded] == [
        ("a", "below-min-credit"), ("c", "deliverable-not-met")]


def test_min_credit_is_inclusive_and_deliverable_ignored_unless_required():
    split = split_cash(CashRules(90, min_credit=F(3, 2)), [koc("a", F(3, 2)), koc("b", 3, deliverable=False)])
    # 90 × 1.5/4.5 = 30, 90 × 3/4.5 = 60
    assert paid(split) == {"a": 30, "b": 60}


# ---------------------------------------------------------------- sub-pools

def test_cut_by_largest_remainder_1001_fen():
    # 1001 × 33.3 % = 333.333, × 33.4 % = 334.334 → floors 333 + 334 + 333 = 1000, 1 分 left;
    # largest fraction .334 → role y: 333 / 335 / 333.
    rules = CashRules(1001, sub_pools=(("x", F("33.3")), ("y", F("33.4")), ("z", F("33.3"))))
    cuts = cut_pool(rules)
    assert [(c.role, c.ideal_fen, c.amount_fen) for c in cuts] == [
        ("x", F("333.333"), 333), ("y", F("334.334"), 335), ("z", F("333.333"), 333)]


def test_cut_ties_by_role_id_then_general_last():
    # 100 at 33.3 % × 3 → 33.3 each, general 0.1 % → 0.1; floors 33 × 3 + 0 = 99, 1 分 left;
    # three equal fractions .3 → role id ascending: a.
    rules = CashRules(100, sub_pools=(("c", F("33.3")), ("a", F("33.3")), ("b", F("33.3"))))
    assert [(c.role, c.amount_fen) for c in cut_pool(rules)] == [("a", 34), ("b", 33), ("c", 33), (None, 0)]
    # 101 at 50 % + general 50 % → 50.5 each; the tie goes to the role, the general pool is last.
    assert [c.amount_fen for c in cut_pool(CashRules(101, sub_pools=(("a", F(50)),)))] == [51, 50]


def test_sub_pools_and_general_pool_share_the_whole_campaign_credit():
    # pool 1000: spreader 30 % = 300, writer 60 % = 600, general 10 % = 100.
    # credit: ann (writer) 2 on writer tasks; bob (spreader) 3 on spreader + 1 role-less = 4;
    #         cai (spreader) 1 + 1 role-less = 2; dan (crew, no sub-pool) 2 role-less.
    # spreader (bob 4, cai 2; Σ6): bob 200, cai 100 — the role-less credit counts in the sub-pool
    # writer (ann 2): ann 600
    # general (ann 2, bob 4, cai 2, dan 2; Σ10): 20, 40, 20, 20
    # totals: ann 620, bob 240, cai 120, dan 20 = 1000
    rules = CashRules(1000, sub_pools=(("writer", F(60)), ("spreader", F(30))))
    claimants = [
        koc("ann", roles=("writer",), by_role={"writer": F(2)}),
        koc("bob", roles=("spreader",), by_role={"spreader": F(3), None: F(1)}),
        koc("cai", roles=("spreader",), by_role={"spreader": F(1), None: F(1)}),
        koc("dan", by_role={None: F(2)}),
    ]
    split = split_cash(rules, claimants)
    assert [p.role for p in split.pools] == ["spreader", "writer", None]
    assert [p.amount_fen for p in split.pools] == [300, 600, 100]
    assert {s.koc: (s.credit, s.payout_fen) for s in pool_of(split, "spreader").shares} == {
        "bob": (4, 200), "cai": (2, 100)}
    assert {s.koc: s.payout_fen for s in pool_of(split, "writer").shares} == {"ann": 600}
    assert paid(split) == {"ann": 620, "bob": 240, "cai": 120, "dan": 20}


def test_role_less_credit_reaches_a_sub_pool_of_100_percent():
    # The sample's case: sub-pools add up to 100 %, so there is no general pool. ann (writer) earned
    # 1 on a writer task and 3 on a role-less task: all 4 count. writer 50 % = 500 → ann alone;
    # watcher 50 % = 500 → eve alone (her 1 credit is all role-less).
    rules = CashRules(1000, sub_pools=(("writer", F(50)), ("watcher", F(50))))
    split = split_cash(rules, [koc("ann", roles=("writer",), by_role={"writer": F(1), None: F(3)}),
                               koc("eve", roles=("watcher",), by_role={None: F(1)})])
    assert paid(split) == {"ann": 500, "eve": 500}
    assert split.unallocated_fen == 0
    assert pool_of(split, "writer").shares[0].credit == 4
    lines = explain_lines(split, "ann")
    assert "积分来源：角色 writer 的任务 1 + 无角色任务 3 = 4" in lines
    assert "计入：角色 writer 子奖池 4" in lines


def test_role_without_eligible_member_leaves_its_sub_pool_unallocated():
    # writer 50 % = 500 → ann; watcher 50 % = 500: its only member eve has no credit → unallocated.
    rules = CashRules(1000, sub_pools=(("writer", F(50)), ("watcher", F(50))))
    split = split_cash(rules, [koc("ann", roles=("writer",), by_role={"writer": F(1)}),
                               koc("eve", roles=("watcher",), by_role={})])
    assert paid(split) == {"ann": 500, "eve": 0}
    watcher = pool_of(split, "watcher")
    assert watcher.unallocated_fen == 500 and watcher.rounds == ()
    assert [(e.koc, e.reason) for e in watcher.excluded] == [("eve", "no-credit")]
    assert split.unallocated_fen == 500
    assert split.payout_of("eve").why_not == "no-credit"


def test_a_non_member_earns_credit_but_no_cash():
    # pool 100, general only: ann (member) 1, zed (no accepted role) 3 → ann takes all 100.
    split = split_cash(CashRules(100), [koc("ann", 1), koc("zed", 3, roles=())])
    assert paid(split) == {"ann": 100, "zed": 0}
    zed = split.payout_of("zed")
    assert zed.credit == 3 and zed.why_not == "not-member" and not zed.eligible
    assert "不是本活动已接受角色的成员：积分照常计入，但不分活动奖金" in " ".join(explain_lines(split, "zed"))


def test_two_roles_in_a_campaign_with_sub_pools_is_refused():
    rules = CashRules(100, sub_pools=(("writer", F(50)),))
    with pytest.raises(RewardRuleError, match="one role per KOC per campaign"):
        split_cash(rules, [koc("bob", roles=("writer", "spreader"), by_role={"writer": F(1)})])
    # without sub-pools the roles do not decide money: two roles are fine
    assert paid(split_cash(CashRules(100), [koc("bob", 1, roles=("writer", "spreader"))])) == {"bob": 100}


def test_cap_is_per_koc_across_pools():
    # pool 1000, cap 400: writer 60 % = 600, general 40 % = 400.
    # writer (ann 3, bob 1): ann 450 > 400 → 400; round 2: 200 left → bob 200.
    # general (ann 3, bob 1): ann has 0 of her cap left, bob 200.
    #   round 1: ann ideal 300 > 0 → 0; round 2: 400 left, bob 400 > 200 → 200.  200 unallocated.
    rules = CashRules(1000, cap_fen=400, sub_pools=(("writer", F(60)),))
    both = dict(roles=("writer",))
    split = split_cash(rules, [koc("ann", by_role={"writer": F(3)}, **both), koc("bob", by_role={"writer": F(1)}, **both)])
    assert paid(split) == {"ann": 400, "bob": 400}
    general = pool_of(split, None)
    assert {s.koc: (s.cap_left_fen, s.payout_fen) for s in general.shares} == {"ann": (0, 0), "bob": (200, 200)}
    assert general.unallocated_fen == 200 and split.unallocated_fen == 200
    assert "  bob：积分 1，理想份额 400 分超过可得上限 200 分（每人上限 400 − 前面奖池已得 200），第 2 轮封顶 → " \
           "200 分（2.00 元）" in explain_lines(split)


# ---------------------------------------------------------------- rules that cannot be applied

@pytest.mark.parametrize("make", [
    lambda: CashRules(-1),
    lambda: CashRules(100, cap_fen=-5),
    lambda: CashRules(100, sub_pools=(("a", F(60)), ("b", F(50)))),
    lambda: CashRules(100, sub_pools=(("a", F(0)),)),
    lambda: CashRules(100, sub_pools=(("a", F(10)), ("a", F(10)))),
    lambda: Claimant("a", F(-1), ((None, F(-1)),), True, ()),
    lambda: Claimant("a", F(2), ((None, F(1)),), True, ()),
    lambda: split_cash(CashRules(1), [koc("a", 1), koc("a", 2)]),
    lambda: award_badges([BadgeRuleSpec("star", "top")], []),
    lambda: award_badges([BadgeRuleSpec("star", "threshold")], []),
    lambda: award_goods([GoodsRule("mug", quantity=0)], []),
])
def test_impossible_rules_raise_a_bilingual_error(make):
    with pytest.raises(RewardRuleError) as error:
        make()
    assert error.value.message_zh and error.value.message_en


def test_floats_are_refused():
    with pytest.raises(TypeError):
        Claimant("a", 0.5, ((None, 0.5),), True, ())  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        CashRules(100.0)  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        CashRules(100, sub_pools=(("a", 33.3),))  # type: ignore[arg-type]


def test_largest_remainder_refuses_parts_that_do_not_add_up():
    with pytest.raises(ArithmeticError):
        largest_remainder([F(1, 2)], [(0,)])


# ---------------------------------------------------------------- explain

def test_explain_one_koc_shows_every_step_in_chinese():
    split = split_cash(CashRules(100), [koc("a", 1), koc("b", 1), koc("c", 1)])
    text = "\n".join(explain_lines(split, "b"))
    assert "b：本活动积分 1；符合领奖条件" in text
    assert "理想份额 = 100 × 1 ÷ 3 = 100/3（≈33.33） 分" in text
    assert "取整 33 分" in text and "剩下的 1 分已补给余数更靠前的人" in text
    assert text.endswith("b 合计：33 分（0.33 元）")


def test_explain_capped_koc_in_english():
    split = split_cash(CashRules(1000, cap_fen=300), [koc("a", 5), koc("b", 3), koc("c", 1), koc("d", 1)])
    b = explain_lines(split, "b", lang="en")
    assert "  Round 1: 1000 fen left, credit total 10; ideal = 1000 × 3 ÷ 10 = 300 fen, within the 300 fen " \
           "the cap still allows (capped this round: a; the rest is re-split)" in b
    assert "  Round 2: 700 fen left, credit total 5; ideal = 700 × 3 ÷ 5 = 420 fen, over the 300 fen the cap " \
           "still allows → gets 300 fen" in b
    assert b[-1] == "b in total: 300 fen (¥3.00) (at the cap)"
    c = explain_lines(split, "c", lang="en")
    assert any("Round 3: 400 fen left" in line for line in c)
    assert any("floor 200 fen = 200 fen" in line for line in c)


def test_explain_names_the_reason_and_the_unallocated():
    rules = CashRules(1000, sub_pools=(("writer", F(50)), ("watcher", F(50))), require_deliverable=True)
    split = split_cash(rules, [koc("ann", roles=("writer",), by_role={"writer": F(1)}),
                               koc("eve", roles=("watcher",), by_role={"watcher": F(1)}, deliverable=False)])
    eve = explain_lines(split, "eve")
    assert "eve：本活动积分 1；不符合领奖条件：未达到交付标准" in eve
    whole = explain_lines(split)
    assert "  未分配：500 分（5.00 元）（没有符合条件的人）" in whole
    assert whole[-1] == "核对：发放 500 分（5.00 元） + 未分配 500 分（5.00 元） = 奖金池 1000 分（10.00 元）"
    assert explain_lines(split, "nobody")[-1] == "nobody 不在本活动的领奖名单中"


def test_explain_shows_the_cut_with_exact_decimals():
    split = split_cash(CashRules(1001, sub_pools=(("x", F("33.3")), ("y", F("33.4")), ("z", F("33.3")))), [])
    lines = explain_lines(split, lang="en")
    assert "  · sub-pool of role y 33.4 %: 1001 × 33.4 % = 334.334 fen → floor 334 fen + 1 fen " \
           "(largest fraction no. 1) = 335 fen (¥3.35)" in lines


# ---------------------------------------------------------------- goods, badges, priority

RANKED = [koc("a", 10), koc("b", 8), koc("c", 8), koc("d", 5), koc("e", 0)]


def test_ranking_and_top_n_include_ties_at_the_boundary():
    ranked = rank_by_credit(list(reversed(RANKED)))
    assert [k for k, _ in ranked] == ["a", "b", "c", "d"]  # e has no credit
    assert top_n(ranked, 1) == ("a",)
    assert top_n(ranked, 2) == ("a", "b", "c")  # c is tied with the 2nd
    assert top_n(ranked, 4) == ("a", "b", "c", "d")
    assert top_n(ranked, 9) == ("a", "b", "c", "d")


def test_role_ranking_uses_role_credit_of_members():
    # x has the most credit overall but little as a builder; y is not a builder at all.
    claimants = [koc("w", roles=("builder",), by_role={"builder": F(3)}),
                 koc("x", roles=("builder", "writer"), by_role={"builder": F(1), "writer": F(20)}),
                 koc("y", by_role={"builder": F(9)})]
    assert rank_by_credit(claimants, "builder") == (("w", F(3)), ("x", F(1)))


def test_goods_top_quantity_role_and_listed():
    goods = award_goods([
        GoodsRule("车模", quantity=2, top=2),        # a, b, c tied at the boundary → 3 recipients, 1 short
        GoodsRule("香氛", quantity=5),                # top 5 → only 4 with credit → 1 spare
        GoodsRule("保温杯", quantity=3, kocs=("e",)),  # listed only → 2 spare
    ], RANKED)
    assert [(g.recipients, g.spare, g.short) for g in goods] == [
        (("a", "b", "c"), 0, 1), (("a", "b", "c", "d"), 1, 0), (("e",), 2, 0)]


def test_badges_by_each_rule():
    claimants = RANKED[:3] + [koc("d", 5, deliverable=False), koc("e", 0, roles=("builder",))]
    badges = award_badges([
        BadgeRuleSpec("star", "top", top=1),
        BadgeRuleSpec("steady", "threshold", min_credit=F(8)),
        BadgeRuleSpec("on-time", "deliverable"),
        BadgeRuleSpec("builder-on-time", "deliverable", role="builder"),
        BadgeRuleSpec("eye", "manual", kocs=("d", "b")),
    ], claimants)
    assert [(b.badge, b.kocs) for b in badges] == [
        ("star", ("a",)), ("steady", ("a", "b", "c")), ("on-time", ("a", "b", "c", "e")),
        ("builder-on-time", ("e",)), ("eye", ("b", "d"))]


def test_priority_is_top_n_and_badge_holders_and_listed():
    badges = award_badges([BadgeRuleSpec("eye", "manual", kocs=("d",))], RANKED)
    # top 2 → a, b, c (tie); eye holders → d; listed → zed; sorted by id.
    assert award_priority(PriorityRuleSpec(top=2, badges=("eye",), kocs=("zed",)), RANKED, badges) == (
        "a", "b", "c", "d", "zed")
    assert award_priority(PriorityRuleSpec(badges=("other",)), RANKED, badges) == ()
    assert award_priority(None, RANKED, badges) == ()


# ---------------------------------------------------------------- properties

ROLES = ("r1", "r2", "r3")
small_credit = st.builds(F, st.integers(0, 40), st.integers(1, 6)) | st.just(F(0))


@st.composite
def claimant_lists(draw, min_size=0):
    ids = draw(st.lists(st.sampled_from("abcdefghij"), min_size=min_size, max_size=8, unique=True))
    people = []
    for koc_id in ids:
        parts = {role: draw(small_credit) for role in (None, *ROLES) if draw(st.booleans())}
        roles = tuple(draw(st.lists(st.sampled_from(ROLES), max_size=1)))  # one role per campaign, or a non-member
        people.append(koc(koc_id, roles=roles, by_role={r: c for r, c in parts.items() if c}, deliverable=draw(st.booleans())))
    return people


@st.composite
def cash_rules(draw, cap=True, sub_pools=True):
    pools = []
    budget = 1000  # tenths of a percent
    for role in draw(st.lists(st.sampled_from(ROLES), unique=True)) if sub_pools else ():
        if budget == 0:
            break
        tenths = draw(st.integers(1, budget))
        budget -= tenths
        pools.append((role, F(tenths, 10)))
    return CashRules(
        pool_fen=draw(st.integers(0, 100_000)),
        cap_fen=draw(st.none() | st.integers(0, 60_000)) if cap else None,
        min_credit=draw(st.none() | small_credit),
        require_deliverable=draw(st.booleans()),
        sub_pools=tuple(pools),
    )


FAST = settings(max_examples=200, deadline=None)


@FAST
@given(cash_rules(), claimant_lists())
def test_parts_always_add_up_to_the_pool(rules, claimants):
    split = split_cash(rules, claimants)
    assert sum(p.payout_fen for p in split.payouts) + split.unallocated_fen == rules.pool_fen
    assert sum(p.amount_fen for p in split.pools) == rules.pool_fen
    for pool in split.pools:
        assert sum(s.payout_fen for s in pool.shares) + pool.unallocated_fen == pool.amount_fen
        assert pool.unallocated_fen >= 0
    assert sorted(p.koc for p in split.payouts) == sorted(c.koc for c in claimants)


@FAST
@given(cash_rules(), claimant_lists(), st.data())
def test_same_claimants_in_any_order_give_the_identical_split(rules, claimants, data):
    shuffled = data.draw(st.permutations(claimants))
    assert split_cash(rules, shuffled) == split_cash(rules, claimants)


@FAST
@given(cash_rules(), claimant_lists())
def test_payouts_are_whole_non_negative_within_the_cap(rules, claimants):
    for p in split_cash(rules, claimants).payouts:
        assert type(p.payout_fen) is int and p.payout_fen >= 0
        assert rules.cap_fen is None or p.payout_fen <= rules.cap_fen
        assert p.eligible or p.payout_fen == 0


@FAST
@given(cash_rules(cap=False, sub_pools=False), claimant_lists(min_size=1))
def test_without_cap_each_payout_is_within_one_fen_of_the_exact_share(rules, claimants):
    split = split_cash(rules, claimants)
    sharers = {c.koc: c.credit for c in claimants if split.payout_of(c.koc).eligible}
    total = sum(sharers.values(), F(0))
    for k, credit in sharers.items():
        assert abs(split.payout_of(k).payout_fen - rules.pool_fen * credit / total) < 1


@FAST
@given(cash_rules(cap=False, sub_pools=False), claimant_lists(min_size=1), st.data())
def test_more_credit_never_means_less_cash(rules, claimants, data):
    i = data.draw(st.integers(0, len(claimants) - 1))
    extra = data.draw(st.builds(F, st.integers(1, 40), st.integers(1, 6)))
    before = claimants[i]
    by_role = dict(before.role_credit)
    by_role[None] = by_role.get(None, F(0)) + extra  # more credit from a task without role
    richer = koc(before.koc, roles=before.roles, deliverable=before.deliverable_met, by_role=by_role)
    assert richer.credit == before.credit + extra
    after = claimants[:i] + [richer] + claimants[i + 1:]
    assert split_cash(rules, after).payout_of(before.koc).payout_fen >= \
        split_cash(rules, claimants).payout_of(before.koc).payout_fen


@settings(max_examples=60, deadline=None)
@given(cash_rules(), claimant_lists(), st.sampled_from(["zh", "en"]))
def test_explain_renders_every_split_and_every_koc(rules, claimants, lang):
    split = split_cash(rules, claimants)
    assert explain_lines(split, lang=lang)[-1].count(str(rules.pool_fen)) >= 1
    for c in claimants:
        lines = explain_lines(split, c.koc, lang=lang)
        assert str(split.payout_of(c.koc).payout_fen) in lines[-1]
