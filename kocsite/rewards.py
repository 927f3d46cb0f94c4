"""Rewards of a campaign: the cash split and the non-cash awards — exact, deterministic, explainable.

Cash (`split_cash`), in five steps an auditor can redo by hand:

1. **Cut the pool.** The pool (integer 分) is cut into role sub-pools by percentage; whatever the
   percentages leave below 100 % is the general pool. The cut is by largest remainder: floor every
   part, then hand the leftover 分 one each to the largest fractional parts (ties: role id ascending,
   the general pool last).
2. **Who shares.** A sub-pool is shared by the role's members by the credit they earned in that role;
   the general pool by everybody by total campaign credit. To share, a KOC needs total credit > 0,
   total credit ≥ `min_credit` (if set), the deliverable standard met (if required), and credit > 0
   in the pool at hand.
3. **Cap by water-filling.** Each sharer's ideal share is pool × credit / Σ credit. Whoever's ideal
   exceeds their cap gets exactly the cap, and the rest of the pool is re-split among the others,
   round after round, until nobody exceeds. The cap is per KOC over the whole campaign: sub-pools
   are split in role-id order and the general pool last, and a KOC's cap in a later pool is the cap
   minus what they already got.
4. **Round.** Uncapped ideal shares are floored; the leftover 分 go one each by largest fractional
   remainder, then higher credit (in that pool), then KOC id ascending.
5. **Unallocated.** What nobody can take (no sharer, everyone capped) is reported as unallocated,
   never dropped or spread: Σ payouts + unallocated = pool, to the 分, checked on every split.

Only `int` and `Fraction` are used; the dataclasses refuse floats. `explain_lines` renders every step
behind a KOC's figure in Chinese or English.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction
from typing import Any, Literal, Sequence

from kocsite.display import number_text, yuan

GENERAL: None = None
"""The general pool's key where a role id would be."""

Lang = Literal["zh", "en"]


class RewardRuleError(ValueError):
    """Rules or inputs that cannot be applied; carries the message in Chinese and in English."""

    def __init__(self, message_zh: str, message_en: str) -> None:
        super().__init__(message_en)
        self.message_zh = message_zh
        self.message_en = message_en


# ---------------------------------------------------------------- exact values in, never floats

def _exact(value: object, what: str) -> Fraction:
    if isinstance(value, bool) or not isinstance(value, (int, Fraction, Decimal)):
        raise TypeError(f"{what} must be an int, Fraction or Decimal (never a float), not {value!r}")
    return Fraction(value)


def _whole_fen(value: object, what_zh: str, what_en: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise TypeError(f"{what_en} must be a whole number of fen (int), not {value!r}")
    if value < 0:
        raise RewardRuleError(f"{what_zh}不能为负数：{value} 分", f"{what_en} cannot be negative: {value} fen")
    return value


def _role_order(role: str | None) -> tuple[bool, str]:
    """Roles by id; `None` (no role / the general pool) last."""
    return (role is None, role or "")


# ---------------------------------------------------------------- inputs

@dataclass(frozen=True)
class Claimant:
    """One KOC's standing in the campaign, as computed from the credit ledger."""

    koc: str
    credit: Fraction
    """Total credit in the campaign (≥ 0)."""
    role_credit: tuple[tuple[str | None, Fraction], ...]
    """The same credit by the role of the task it came from (None = task without role); sums to `credit`."""
    deliverable_met: bool
    roles: tuple[str, ...]
    """Roles the KOC accepted in this campaign."""

    def __post_init__(self) -> None:
        credit = _exact(self.credit, "credit")
        parts = tuple(sorted(((role, _exact(c, "role credit")) for role, c in self.role_credit),
                             key=lambda part: _role_order(part[0])))
        if credit < 0 or any(c < 0 for _, c in parts):
            raise RewardRuleError(f"{self.koc} 的积分不能为负数", f"{self.koc}: credit cannot be negative")
        if len({role for role, _ in parts}) != len(parts):
            raise RewardRuleError(f"{self.koc} 的分角色积分重复列出了同一角色",
                                  f"{self.koc}: role_credit lists a role twice")
        if sum((c for _, c in parts), Fraction(0)) != credit:
            raise RewardRuleError(f"{self.koc} 的分角色积分之和不等于总积分 {credit}",
                                  f"{self.koc}: role_credit does not add up to the credit {credit}")
        object.__setattr__(self, "credit", credit)
        object.__setattr__(self, "role_credit", parts)
        object.__setattr__(self, "roles", tuple(sorted(set(self.roles))))

    def credit_in(self, role: str | None) -> Fraction:
        """Credit that counts in a pool: the role's credit for a sub-pool (members only), total for general."""
        if role is GENERAL:
            return self.credit
        if role not in self.roles:
            return Fraction(0)
        return dict(self.role_credit).get(role, Fraction(0))


@dataclass(frozen=True)
class CashRules:
    """The cash part of a campaign's reward rules (converted from `models.campaign.Rewards`)."""

    pool_fen: int
    cap_fen: int | None = None
    min_credit: Fraction | None = None
    require_deliverable: bool = False
    sub_pools: tuple[tuple[str, Fraction], ...] = ()
    """(role id, percent); percents are > 0 and sum to ≤ 100."""

    def __post_init__(self) -> None:
        _whole_fen(self.pool_fen, "奖金池", "the cash pool")
        if self.cap_fen is not None:
            _whole_fen(self.cap_fen, "每人上限", "the per-KOC cap")
        if self.min_credit is not None:
            object.__setattr__(self, "min_credit", _exact(self.min_credit, "min_credit"))
        pools = tuple(sorted((role, _exact(p, "percent")) for role, p in self.sub_pools))
        _check_sub_pools(pools)
        object.__setattr__(self, "sub_pools", pools)

    @property
    def general_percent(self) -> Fraction:
        return 100 - sum((p for _, p in self.sub_pools), Fraction(0))


def _check_sub_pools(pools: tuple[tuple[str, Fraction], ...]) -> None:
    roles = [role for role, _ in pools]
    if len(set(roles)) != len(roles):
        raise RewardRuleError("子奖池里同一角色出现了两次", "a role has two sub-pools")
    for role, percent in pools:
        if not 0 < percent <= 100:
            raise RewardRuleError(f"角色 {role} 的子奖池比例必须大于 0 且不超过 100：{percent}",
                                  f"the sub-pool of role {role} must be above 0 and at most 100 %: {percent}")
    total = sum((p for _, p in pools), Fraction(0))
    if total > 100:
        raise RewardRuleError(f"子奖池比例合计 {number_text(total)}%，超过了 100%",
                              f"the sub-pool percentages add up to {number_text(total, zh=False)} %, more than 100 %")


# ---------------------------------------------------------------- results and their explain data

@dataclass(frozen=True)
class Round:
    """One water-filling round of a pool."""

    number: int
    remaining_fen: int
    """What is left of the pool for the KOCs still sharing."""
    total_credit: Fraction
    """Σ credit of the KOCs still sharing."""
    sharing: tuple[str, ...]
    capped: tuple[str, ...]
    """Whose ideal share exceeded their cap this round; each gets exactly their cap."""

    def ideal(self, credit: Fraction) -> Fraction:
        return self.remaining_fen * credit / self.total_credit


@dataclass(frozen=True)
class Share:
    """One KOC's part of one pool."""

    koc: str
    credit: Fraction
    """Credit in this pool (role credit in a sub-pool, total credit in the general pool)."""
    cap_left_fen: int | None
    """What the cap still allowed when this pool was split (None: no cap)."""
    ideal_fen: Fraction
    """Exact ideal share in the last round the KOC took part in."""
    capped_round: int | None
    floor_fen: int | None
    """⌊ideal⌋ for a proportional share; None when capped."""
    extra_fen: int
    """0 or 1 from the remainder hand-out."""
    payout_fen: int

    @property
    def remainder(self) -> Fraction:
        return Fraction(0) if self.floor_fen is None else self.ideal_fen - self.floor_fen


@dataclass(frozen=True)
class Handout:
    """One leftover 分 handed out, and what decided it against the first KOC who got none."""

    order: int
    koc: str
    remainder: Fraction
    credit: Fraction
    decided_by: Literal["remainder", "credit", "id"]


@dataclass(frozen=True)
class Exclusion:
    koc: str
    reason: str


@dataclass(frozen=True)
class PoolSplit:
    """One pool: its cut of the campaign pool, then how it was shared."""

    role: str | None
    """Role id of a sub-pool; None for the general pool."""
    percent: Fraction
    ideal_fen: Fraction
    """pool × percent / 100, before the largest-remainder cut."""
    amount_fen: int
    cut_extra_order: int | None
    """Position in the cut's hand-out if this pool got +1 分 there."""
    excluded: tuple[Exclusion, ...]
    rounds: tuple[Round, ...]
    shares: tuple[Share, ...]
    handouts: tuple[Handout, ...]
    unallocated_fen: int


@dataclass(frozen=True)
class Payout:
    koc: str
    credit: Fraction
    payout_fen: int
    eligible: bool
    why_not: str | None
    """no-credit, below-min-credit, deliverable-not-met, or no-pool-credit (credit in no pool it may share)."""
    capped: bool


@dataclass(frozen=True)
class CashSplit:
    rules: CashRules
    pool_fen: int
    unallocated_fen: int
    payouts: tuple[Payout, ...]
    """By payout desc, credit desc, KOC id asc; one per claimant."""
    pools: tuple[PoolSplit, ...]
    """Sub-pools by role id, then the general pool (if the percentages leave any)."""

    @property
    def steps(self) -> tuple[str, ...]:
        """Every step, in English (`explain_lines` for Chinese or one KOC)."""
        return tuple(explain_lines(self, lang="en"))

    def payout_of(self, koc: str) -> Payout | None:
        return next((p for p in self.payouts if p.koc == koc), None)


# ---------------------------------------------------------------- the cash split

def split_cash(rules: CashRules, claimants: Sequence[Claimant]) -> CashSplit:
    """Split the cash pool; see the module docstring for the five steps."""
    people = _sorted_unique(claimants)
    reasons = {c.koc: campaign_exclusion(rules, c) for c in people}
    got = {c.koc: 0 for c in people}
    pools = []
    for cut in cut_pool(rules):
        pool = _split_pool(cut, people, reasons, rules.cap_fen, got)
        for share in pool.shares:
            got[share.koc] += share.payout_fen
        pools.append(pool)
    payouts = tuple(sorted((_payout(c, reasons[c.koc], pools, got[c.koc]) for c in people),
                           key=lambda p: (-p.payout_fen, -p.credit, p.koc)))
    unallocated = sum(p.unallocated_fen for p in pools)
    if sum(p.payout_fen for p in payouts) + unallocated != rules.pool_fen:
        raise ArithmeticError("payouts + unallocated != pool")  # cannot happen; an auditor's tripwire
    return CashSplit(rules, rules.pool_fen, unallocated, payouts, tuple(pools))


def _sorted_unique(claimants: Sequence[Claimant]) -> list[Claimant]:
    people = sorted(claimants, key=lambda c: c.koc)
    for a, b in zip(people, people[1:]):
        if a.koc == b.koc:
            raise RewardRuleError(f"{a.koc} 在领奖名单里出现了两次", f"{a.koc} is listed twice among the claimants")
    return people


def campaign_exclusion(rules: CashRules, claimant: Claimant) -> str | None:
    """Why a KOC may not share any cash pool of the campaign, or None if they may."""
    if claimant.credit <= 0:
        return "no-credit"
    if rules.min_credit is not None and claimant.credit < rules.min_credit:
        return "below-min-credit"
    if rules.require_deliverable and not claimant.deliverable_met:
        return "deliverable-not-met"
    return None


@dataclass(frozen=True)
class Rounding:
    """Largest-remainder rounding of exact parts that add up to a whole number."""

    floors: tuple[int, ...]
    winners: tuple[int, ...]
    """Indices that get +1, in hand-out order."""
    first_loser: int | None
    """The index next in line, who got nothing extra (None when nothing was handed out)."""


def largest_remainder(ideals: Sequence[Fraction], tiebreak: Sequence[tuple]) -> Rounding:
    """Floor each ideal, then hand the leftover units one each by largest fractional remainder.

    Ties go by `tiebreak` ascending. Σ ideals must be whole, so the parts add up exactly. There is
    always a first loser when something is handed out: each remainder is < 1, so more parts have a
    remainder than there are leftover units.
    """
    total = sum(ideals, Fraction(0))
    if total.denominator != 1:
        raise ArithmeticError(f"ideals add up to {total}, not a whole number")
    floors = tuple(math.floor(x) for x in ideals)
    leftover = int(total) - sum(floors)
    order = sorted(range(len(ideals)), key=lambda i: (floors[i] - ideals[i], *tiebreak[i]))
    return Rounding(floors, tuple(order[:leftover]), order[leftover] if leftover else None)


@dataclass(frozen=True)
class PoolCut:
    """One pool's part of the campaign pool (step 1)."""

    role: str | None
    percent: Fraction
    ideal_fen: Fraction
    amount_fen: int
    extra_order: int | None
    """Position in the hand-out if this part got +1 分."""


def cut_pool(rules: CashRules) -> list[PoolCut]:
    """Step 1: the sub-pools by role id, then the general pool if the percentages leave any.

    The general pool exists only when the sub-pools' percentages add up to less than 100 (with no
    sub-pools at all, it is the whole pool).
    """
    parts: list[tuple[str | None, Fraction]] = list(rules.sub_pools)
    if rules.general_percent > 0:
        parts.append((GENERAL, rules.general_percent))
    ideals = [rules.pool_fen * percent / 100 for _, percent in parts]
    rounding = largest_remainder(ideals, [(i,) for i in range(len(parts))])  # parts are already in tie order
    extra = {i: n for n, i in enumerate(rounding.winners, start=1)}
    return [PoolCut(role, percent, ideals[i], rounding.floors[i] + (i in extra), extra.get(i))
            for i, (role, percent) in enumerate(parts)]


def _pool_sharers(role: str | None, people: list[Claimant], reasons: dict[str, str | None]
                  ) -> tuple[dict[str, Fraction], list[Exclusion]]:
    """Step 2 for one pool: who shares it with what credit, and who is in its scope but excluded."""
    sharers: dict[str, Fraction] = {}
    excluded = []
    for c in people:
        if role is not GENERAL and role not in c.roles:
            continue
        reason = reasons[c.koc] or (None if c.credit_in(role) > 0 else "no-role-credit")
        if reason:
            excluded.append(Exclusion(c.koc, reason))
        else:
            sharers[c.koc] = c.credit_in(role)
    return sharers, excluded


def water_fill(amount: int, credits: dict[str, Fraction], caps: dict[str, int | None]
               ) -> tuple[list[Round], list[str], int]:
    """Step 3: cap whoever's ideal share exceeds their cap, re-split the rest, until nobody exceeds.

    Capping everyone over the cap at once is the same as capping them one at a time: a capped KOC
    takes less than their proportional share, so the others' ideals only grow in later rounds.
    Returns the rounds, the uncapped KOCs, and what is left for them (all of it unallocated if none).
    """
    sharing = sorted(credits)
    rounds: list[Round] = []
    remaining = amount
    while sharing:
        total = sum((credits[k] for k in sharing), Fraction(0))
        over: dict[str, int] = {}
        for k in sharing:
            cap = caps[k]
            if cap is not None and remaining * credits[k] / total > cap:
                over[k] = cap
        rounds.append(Round(len(rounds) + 1, remaining, total, tuple(sharing), tuple(over)))
        if not over:
            break
        remaining -= sum(over.values())
        sharing = [k for k in sharing if k not in over]
    return rounds, sharing, remaining


def _split_pool(cut: PoolCut, people: list[Claimant], reasons: dict[str, str | None], cap: int | None,
                got: dict[str, int]) -> PoolSplit:
    """Steps 2–5 for one pool; `got` is what each KOC received from the pools split before."""
    credits, excluded = _pool_sharers(cut.role, people, reasons)
    caps = {k: None if cap is None else cap - got[k] for k in credits}
    rounds, rest, _ = water_fill(cut.amount_fen, credits, caps)
    shares = _capped_shares(rounds, credits, caps)
    handouts: list[Handout] = []
    if rest:
        final = rounds[-1]
        proportional, handouts = _round_shares(final, credits, caps)
        shares += proportional
    shares.sort(key=lambda s: s.koc)
    unallocated = cut.amount_fen - sum(s.payout_fen for s in shares)
    return PoolSplit(cut.role, cut.percent, cut.ideal_fen, cut.amount_fen, cut.extra_order, tuple(excluded),
                     tuple(rounds), tuple(shares), tuple(handouts), unallocated)


def _capped_shares(rounds: list[Round], credits: dict[str, Fraction], caps: dict[str, int | None]) -> list[Share]:
    shares = []
    for r in rounds:
        for k in r.capped:
            cap = caps[k]
            assert cap is not None  # only a KOC with a cap can be capped
            shares.append(Share(k, credits[k], cap, r.ideal(credits[k]), r.number, None, 0, cap))
    return shares


def _round_shares(final: Round, credits: dict[str, Fraction], caps: dict[str, int | None]
                  ) -> tuple[list[Share], list[Handout]]:
    """Step 4: floor the final round's ideal shares, hand the leftover 分 by largest remainder."""
    kocs = [k for k in final.sharing if k not in final.capped]
    ideals = [final.ideal(credits[k]) for k in kocs]
    rounding = largest_remainder(ideals, [(-credits[k], k) for k in kocs])
    floors = rounding.floors
    remainders = [ideal - floor for ideal, floor in zip(ideals, floors)]
    handouts = []
    for n, i in enumerate(rounding.winners, start=1):
        loser = rounding.first_loser
        assert loser is not None
        decided_by = _decided_by((remainders[i], credits[kocs[i]]), (remainders[loser], credits[kocs[loser]]))
        handouts.append(Handout(n, kocs[i], remainders[i], credits[kocs[i]], decided_by))
    extra = set(rounding.winners)
    shares = [Share(k, credits[k], caps[k], ideals[i], None, floors[i], int(i in extra), floors[i] + (i in extra))
              for i, k in enumerate(kocs)]
    return shares, handouts


def _decided_by(winner: tuple[Fraction, Fraction], loser: tuple[Fraction, Fraction]
                ) -> Literal["remainder", "credit", "id"]:
    """Which tie-break gave the +1 分 to `winner` over the first KOC who got none: (remainder, credit)."""
    if winner[0] != loser[0]:
        return "remainder"
    return "credit" if winner[1] != loser[1] else "id"


def _payout(c: Claimant, reason: str | None, pools: list[PoolSplit], total: int) -> Payout:
    shares = [s for pool in pools for s in pool.shares if s.koc == c.koc]
    if reason is None and not shares:
        reason = "no-pool-credit"
    return Payout(c.koc, c.credit, total, reason is None, reason, any(s.capped_round for s in shares))


# ---------------------------------------------------------------- non-cash awards

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
    ranked = ((c.koc, c.credit_in(role)) for c in _sorted_unique(claimants))
    return tuple(sorted(((k, credit) for k, credit in ranked if credit > 0), key=lambda r: (-r[1], r[0])))


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
        threshold = _exact(_required(rule, "min_credit", rule.min_credit), "min_credit")
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




# ---------------------------------------------------------------- explain

_REASONS = {
    "no-credit": ("没有积分", "no credit"),
    "below-min-credit": ("总积分低于最低积分 {min}", "credit below the minimum {min}"),
    "deliverable-not-met": ("未达到交付标准", "deliverable standard not met"),
    "no-role-credit": ("在该角色下没有积分", "no credit in this role"),
    "no-pool-credit": ("在可参与的奖池里都没有积分", "no credit in any pool open to them"),
}

_TEXT = {
    "rules": ("规则：奖金池 {pool}；{cap}{min}{deliverable}。", "Rules: cash pool {pool}; {cap}{min}{deliverable}."),
    "cap": ("每人上限 {cap}", "cap {cap} per KOC"),
    "no-cap": ("不设每人上限", "no per-KOC cap"),
    "min": ("；最低积分 {min}", "; minimum credit {min}"),
    "deliverable": ("；须达到交付标准", "; deliverable standard required"),
    "cut": ("拆分奖金池（最大余数法：各部分先向下取整，剩下的分按小数部分从大到小逐一补 1 分，"
            "相同时按角色 id 顺序，通用奖池排最后）：",
            "Cutting the pool (largest remainder: floor each part, then hand the leftover fen one each "
            "by largest fraction; ties by role id, the general pool last):"),
    "cut-line": ("  · {name} {percent}%：{pool} × {percent}% = {ideal} 分 → 取整 {floor} 分{extra} = {amount}",
                 "  · {name} {percent} %: {pool} × {percent} % = {ideal} fen → floor {floor} fen{extra} = {amount}"),
    "cut-extra": (" + 1 分（小数部分第 {n} 大）", " + 1 fen (largest fraction no. {n})"),
    "sub-pool": ("角色 {role} 子奖池", "sub-pool of role {role}"),
    "general": ("通用奖池", "general pool"),
    "eligible": ("{koc}：总积分 {credit}；符合领奖条件", "{koc}: credit {credit}; eligible"),
    "not-eligible": ("{koc}：总积分 {credit}；不符合领奖条件：{reason}", "{koc}: credit {credit}; not eligible: {reason}"),
    "pool": ("{name}：{amount}，按{basis}分配：", "{name}: {amount}, split by {basis}:"),
    "basis-role": ("该角色下的积分", "credit in this role"),
    "basis-total": ("总积分", "total credit"),
    "excluded": ("  不参与：{koc}（{reason}）", "  left out: {koc} ({reason})"),
    "nobody": ("  没有人可以参与这个奖池", "  nobody may share this pool"),
    "round": ("  第 {n} 轮：剩余 {remaining}，参与者 {count} 人，积分合计 {total}；{capped}",
              "  Round {n}: {remaining} left, {count} sharing, credit total {total}; {capped}"),
    "round-capped": ("理想份额超过上限、按上限封顶：{kocs}", "ideal over the cap, capped: {kocs}"),
    "round-none": ("无人超过上限", "nobody over the cap"),
    "round-no-cap": ("不设上限，按积分比例分配", "no cap, split by credit"),
    "my-round": ("  第 {n} 轮：剩余 {remaining}，积分合计 {total}；理想份额 = {fen} × {credit} ÷ {total} = {ideal} 分{verdict}",
                 "  Round {n}: {remaining} left, credit total {total}; ideal = {fen} × {credit} ÷ {total} = {ideal} fen{verdict}"),
    "over-cap": ("，超过可得上限 {cap} 分{left} → 得到 {cap} 分", ", over the {cap} fen the cap still allows{left} → gets {cap} fen"),
    "under-cap": ("，未超过可得上限 {cap} 分{left}", ", within the {cap} fen the cap still allows{left}"),
    "cap-left": ("（每人上限 {cap} − 前面奖池已得 {got}）", " (cap {cap} − {got} from earlier pools)"),
    "others-capped": ("（本轮封顶：{kocs}，其余的人在下一轮重新分）", " (capped this round: {kocs}; the rest is re-split)"),
    "capped-share": ("  {koc}：积分 {credit}，理想份额 {ideal} 分超过可得上限 {cap} 分{left}，第 {n} 轮封顶 → {payout}",
                     "  {koc}: credit {credit}, ideal {ideal} fen over the {cap} fen the cap still allows{left}, "
                     "capped in round {n} → {payout}"),
    "share": ("  {koc}：积分 {credit}，理想份额 {ideal} 分 → 取整 {floor} 分{extra} = {payout}",
              "  {koc}: credit {credit}, ideal {ideal} fen → floor {floor} fen{extra} = {payout}"),
    "share-extra": (" + 1 分（余数 {rest}，补分第 {n} 位：{why}）", " + 1 fen (remainder {rest}, hand-out no. {n}: {why})"),
    "share-none": ("（余数 {rest}，剩下的 {leftover} 分已补给余数更靠前的人）",
                   " (remainder {rest}; the {leftover} leftover fen went to those ahead)"),
    "why-remainder": ("余数更大", "larger remainder"),
    "why-credit": ("余数相同，积分更高", "same remainder, higher credit"),
    "why-id": ("余数和积分都相同，按 id 顺序", "same remainder and credit, by id"),
    "handout": ("  剩余 {leftover} 分逐一补给：{kocs}", "  the {leftover} leftover fen went one each to: {kocs}"),
    "unallocated": ("  未分配：{amount}（{why}）", "  unallocated: {amount} ({why})"),
    "why-nobody": ("没有符合条件的人", "nobody eligible"),
    "why-all-capped": ("所有人都已封顶", "everyone capped"),
    "total": ("{koc} 合计：{payout}{capped}", "{koc} in total: {payout}{capped}"),
    "total-capped": ("（已达每人上限）", " (at the cap)"),
    "payouts": ("发放结果：", "Payouts:"),
    "payout": ("  {koc}：{payout}{why}", "  {koc}: {payout}{why}"),
    "sum": ("核对：发放 {paid} + 未分配 {unallocated} = 奖金池 {pool}",
            "Check: paid {paid} + unallocated {unallocated} = pool {pool}"),
    "unknown": ("{koc} 不在本战役的领奖名单中", "{koc} is not among this campaign's claimants"),
}


def explain_lines(split: CashSplit, koc: str | None = None, lang: Lang = "zh") -> list[str]:
    """Every step behind the whole split (koc None) or behind one KOC's figure, in Chinese or English.

    Fractions are shown exactly (`100/3`) with a decimal for reading (`≈33.33`); nothing is rounded
    except that display.
    """
    explainer = _Explainer(split, lang)
    return explainer.whole() if koc is None else explainer.one(koc)


class _Explainer:
    def __init__(self, split: CashSplit, lang: Lang) -> None:
        if lang not in ("zh", "en"):
            raise ValueError(f"lang must be 'zh' or 'en', not {lang!r}")
        self.split = split
        self.zh = lang == "zh"

    # -- words and numbers

    def say(self, key: str, **values: object) -> str:
        return _TEXT[key][0 if self.zh else 1].format(**values)

    def money(self, fen: int) -> str:
        return f"{fen} 分（{yuan(fen)} 元）" if self.zh else f"{fen} fen (¥{yuan(fen)})"

    def fen(self, fen: int) -> str:
        return f"{fen} 分" if self.zh else f"{fen} fen"

    def num(self, value: Fraction) -> str:
        return number_text(value, self.zh)

    def reason(self, code: str) -> str:
        min_credit = self.split.rules.min_credit
        return _REASONS[code][0 if self.zh else 1].format(min=self.num(min_credit) if min_credit is not None else "")

    def join(self, kocs: Sequence[str]) -> str:
        return ("、" if self.zh else ", ").join(kocs)

    def pool_name(self, pool: PoolSplit) -> str:
        return self.say("general") if pool.role is GENERAL else self.say("sub-pool", role=pool.role)

    # -- the two views

    def whole(self) -> list[str]:
        lines = self.preamble()
        for pool in self.split.pools:
            lines += self.pool(pool)
        lines.append(self.say("payouts"))
        lines += [self.payout(p) for p in self.split.payouts]
        paid = sum(p.payout_fen for p in self.split.payouts)
        lines.append(self.say("sum", paid=self.money(paid), unallocated=self.money(self.split.unallocated_fen),
                              pool=self.money(self.split.pool_fen)))
        return lines

    def one(self, koc: str) -> list[str]:
        lines = self.preamble()
        payout = self.split.payout_of(koc)
        if payout is None:
            return lines + [self.say("unknown", koc=koc)]
        if payout.why_not is None:
            lines.append(self.say("eligible", koc=koc, credit=self.num(payout.credit)))
        else:
            lines.append(self.say("not-eligible", koc=koc, credit=self.num(payout.credit), reason=self.reason(payout.why_not)))
        for pool in self.split.pools:
            lines += self.my_pool(pool, koc)
        lines.append(self.say("total", koc=koc, payout=self.money(payout.payout_fen),
                              capped=self.say("total-capped") if payout.capped else ""))
        return lines

    # -- parts

    def preamble(self) -> list[str]:
        rules = self.split.rules
        cap = self.say("cap", cap=self.money(rules.cap_fen)) if rules.cap_fen is not None else self.say("no-cap")
        lines = [self.say("rules", pool=self.money(rules.pool_fen), cap=cap,
                          min=self.say("min", min=self.num(rules.min_credit)) if rules.min_credit is not None else "",
                          deliverable=self.say("deliverable") if rules.require_deliverable else ""),
                 self.say("cut")]
        for pool in self.split.pools:
            extra = self.say("cut-extra", n=pool.cut_extra_order) if pool.cut_extra_order else ""
            lines.append(self.say("cut-line", name=self.pool_name(pool), percent=self.num(pool.percent),
                                  pool=self.split.pool_fen, ideal=self.num(pool.ideal_fen),
                                  floor=math.floor(pool.ideal_fen), extra=extra, amount=self.money(pool.amount_fen)))
        return lines

    def pool_header(self, pool: PoolSplit) -> str:
        basis = self.say("basis-total") if pool.role is GENERAL else self.say("basis-role")
        return self.say("pool", name=self.pool_name(pool), amount=self.money(pool.amount_fen), basis=basis)

    def pool(self, pool: PoolSplit) -> list[str]:
        lines = [self.pool_header(pool)]
        lines += [self.say("excluded", koc=e.koc, reason=self.reason(e.reason)) for e in pool.excluded]
        if not pool.rounds:
            lines.append(self.say("nobody"))
        for r in pool.rounds:
            if self.split.rules.cap_fen is None:
                capped = self.say("round-no-cap")
            else:
                capped = self.say("round-capped", kocs=self.join(r.capped)) if r.capped else self.say("round-none")
            lines.append(self.say("round", n=r.number, remaining=self.fen(r.remaining_fen), count=len(r.sharing),
                                  total=self.num(r.total_credit), capped=capped))
        lines += [self.share(pool, s) for s in pool.shares]
        if pool.handouts:
            lines.append(self.say("handout", leftover=len(pool.handouts), kocs=self.join([h.koc for h in pool.handouts])))
        if pool.unallocated_fen:
            lines.append(self.unallocated(pool))
        return lines

    def share(self, pool: PoolSplit, share: Share) -> str:
        payout = self.money(share.payout_fen)
        if share.floor_fen is None:
            return self.say("capped-share", koc=share.koc, credit=self.num(share.credit), ideal=self.num(share.ideal_fen),
                            cap=share.cap_left_fen, left=self.cap_left(share), n=share.capped_round, payout=payout)
        handout = next((h for h in pool.handouts if h.koc == share.koc), None)
        if handout is not None:
            extra = self.say("share-extra", rest=self.num(handout.remainder), n=handout.order,
                             why=self.say(f"why-{handout.decided_by}"))
        elif share.remainder:
            extra = self.say("share-none", rest=self.num(share.remainder), leftover=len(pool.handouts))
        else:
            extra = ""
        return self.say("share", koc=share.koc, credit=self.num(share.credit), ideal=self.num(share.ideal_fen),
                        floor=share.floor_fen, extra=extra, payout=payout)

    def cap_left(self, share: Share) -> str:
        """Where a cap below the per-KOC cap comes from: what earlier pools already paid."""
        cap = self.split.rules.cap_fen
        if cap is None or share.cap_left_fen is None or share.cap_left_fen == cap:
            return ""
        return self.say("cap-left", cap=cap, got=cap - share.cap_left_fen)

    def unallocated(self, pool: PoolSplit) -> str:
        why = self.say("why-nobody") if not pool.rounds else self.say("why-all-capped")
        return self.say("unallocated", amount=self.money(pool.unallocated_fen), why=why)

    def payout(self, p: Payout) -> str:
        why = ""
        if p.why_not:
            why = f"（{self.reason(p.why_not)}）" if self.zh else f" ({self.reason(p.why_not)})"
        elif p.capped:
            why = self.say("total-capped")
        return self.say("payout", koc=p.koc, payout=self.money(p.payout_fen), why=why)

    def my_pool(self, pool: PoolSplit, koc: str) -> list[str]:
        """One KOC's path through one pool: why they are left out, or each round they were in and their share."""
        exclusion = next((e for e in pool.excluded if e.koc == koc), None)
        share = next((s for s in pool.shares if s.koc == koc), None)
        if exclusion is not None:
            return [self.pool_header(pool), self.say("excluded", koc=koc, reason=self.reason(exclusion.reason))]
        if share is None:
            return []
        lines = [self.pool_header(pool)]
        lines += [self.my_round(r, share) for r in pool.rounds if koc in r.sharing]
        if share.floor_fen is not None:
            lines.append(self.share(pool, share))
        return lines

    def my_round(self, r: Round, share: Share) -> str:
        if share.cap_left_fen is None:
            verdict = ""
        else:
            verdict = self.say("over-cap" if share.koc in r.capped else "under-cap", cap=share.cap_left_fen,
                               left=self.cap_left(share))
        others = [k for k in r.capped if k != share.koc]
        if others:
            verdict += self.say("others-capped", kocs=self.join(others))
        return self.say("my-round", n=r.number, remaining=self.fen(r.remaining_fen), fen=r.remaining_fen,
                        total=self.num(r.total_credit), credit=self.num(share.credit),
                        ideal=self.num(r.ideal(share.credit)), verdict=verdict)
