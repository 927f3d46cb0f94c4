"""Non-cash awards of a campaign: goods, badges and priority for the next campaign, by its rules.

Rankings are by credit, highest first, then KOC id; a "top N" rule gives everyone tied with the N-th
the award too, so nobody loses it to alphabetical order.
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction
from typing import Any, Literal, Sequence

from kocsite.core.exact import ranked as highest_first
from kocsite.money.rewards import Claimant, RewardRuleError, exact


@dataclass(frozen=True)
class GoodsRule:
    name: str
    quantity: int = 1
    top: int | None = None
    role: str | None = None
    kocs: tuple[str, ...] = ()


@dataclass(frozen=True)
class GoodsAward:
    name: str
    quantity: int
    recipients: tuple[str, ...]
    """Ranked recipients in ranking order, then listed KOCs by id; one item each."""
    spare: int
    """Items nobody receives (quantity − recipients, if positive)."""
    short: int
    """Items missing because more KOCs qualify than the quantity (ties at the boundary, or top > quantity)."""


@dataclass(frozen=True)
class BadgeRuleSpec:
    badge: str
    rule: Literal["top", "threshold", "deliverable", "manual"]
    top: int | None = None
    min_credit: Fraction | None = None
    role: str | None = None
    kocs: tuple[str, ...] = ()


@dataclass(frozen=True)
class BadgeAward:
    badge: str
    rule: str
    kocs: tuple[str, ...]
    """Holders by id."""


@dataclass(frozen=True)
class PriorityRuleSpec:
    top: int | None = None
    badges: tuple[str, ...] = ()
    kocs: tuple[str, ...] = ()


def rank_by_credit(claimants: Sequence[Claimant], role: str | None = None) -> tuple[tuple[str, Fraction], ...]:
    """(KOC, credit) with credit > 0, by credit desc then id asc.

    With a role: the role's members only, ranked by the credit they earned in that role — a KOC
    with two roles should not win a role's honours with the other role's work.
    """
    credits = {c.koc: c.credit_in(role) for c in claimants}
    return tuple((koc, credit) for koc, credit in highest_first(credits) if credit > 0)


def top_n(ranked: Sequence[tuple[str, Fraction]], n: int) -> tuple[str, ...]:
    """The first `n` of a ranking, plus everyone tied with the n-th (ties at the boundary are all in)."""
    if n < 1:
        raise RewardRuleError(f"前 N 名的 N 必须至少为 1：{n}", f"top N needs N ≥ 1: {n}")
    if len(ranked) <= n:
        return tuple(k for k, _ in ranked)
    boundary = ranked[n - 1][1]
    return tuple(k for k, credit in ranked if credit >= boundary)


def award_goods(goods: Sequence[GoodsRule], ranking: Sequence[Claimant]) -> tuple[GoodsAward, ...]:
    """Goods (实物奖励), one item per recipient.

    Recipients: the top `top` of the ranking (within `role` if set; ties at the boundary all in),
    plus the listed `kocs`. With neither `top` nor `kocs`, the top `quantity` receive one each.
    More recipients than items shows as `short`, fewer as `spare` — the operator decides.
    """
    return tuple(_goods_award(rule, ranking) for rule in goods)


def _goods_award(rule: GoodsRule, claimants: Sequence[Claimant]) -> GoodsAward:
    if rule.quantity < 1:
        raise RewardRuleError(f"实物奖励 {rule.name} 的数量必须至少为 1", f"goods {rule.name}: quantity must be ≥ 1")
    n = rule.top if rule.top is not None else (None if rule.kocs else rule.quantity)
    ranked = top_n(rank_by_credit(claimants, rule.role), n) if n is not None else ()
    recipients = ranked + tuple(sorted(set(rule.kocs) - set(ranked)))
    return GoodsAward(rule.name, rule.quantity, recipients,
                      max(0, rule.quantity - len(recipients)), max(0, len(recipients) - rule.quantity))


def award_badges(rules: Sequence[BadgeRuleSpec], ranking: Sequence[Claimant]) -> tuple[BadgeAward, ...]:
    """Badges, one award per rule.

    top: the top N (within `role`, by role credit; ties at the boundary all in); threshold: credit
    ≥ `min_credit` (role credit if `role`); deliverable: deliverable standard met (members of `role`
    if set); manual: the listed KOCs.
    """
    return tuple(BadgeAward(rule.badge, rule.rule, tuple(sorted(_badge_holders(rule, ranking)))) for rule in rules)


def _badge_holders(rule: BadgeRuleSpec, claimants: Sequence[Claimant]) -> set[str]:
    if rule.rule == "top":
        return set(top_n(rank_by_credit(claimants, rule.role), _required(rule, "top", rule.top)))
    if rule.rule == "threshold":
        threshold = exact(_required(rule, "min_credit", rule.min_credit), "min_credit")
        return {k for k, credit in rank_by_credit(claimants, rule.role) if credit >= threshold}
    if rule.rule == "deliverable":
        return {c.koc for c in claimants if c.deliverable_met and (rule.role is None or rule.role in c.roles)}
    if rule.rule == "manual":
        return set(rule.kocs)
    raise RewardRuleError(f"徽章 {rule.badge} 的规则 '{rule.rule}' 不存在", f"badge {rule.badge}: unknown rule '{rule.rule}'")


def _required(rule: BadgeRuleSpec, field: str, value: Any) -> Any:
    if value is None:
        raise RewardRuleError(f"徽章规则 '{rule.rule}' 需要填写 '{field}'（徽章 {rule.badge}）",
                              f"badge rule '{rule.rule}' needs '{field}' (badge {rule.badge})")
    return value


def award_priority(rule: PriorityRuleSpec | None, ranking: Sequence[Claimant],
                   badges: Sequence[BadgeAward]) -> tuple[str, ...]:
    """优先参与资格: the top N (ties at the boundary all in) ∪ holders of the listed badges ∪ listed KOCs, by id."""
    if rule is None:
        return ()
    chosen = set(rule.kocs)
    if rule.top is not None:
        chosen |= set(top_n(rank_by_credit(ranking), rule.top))
    chosen |= {k for award in badges if award.badge in rule.badges for k in award.kocs}
    return tuple(sorted(chosen))
