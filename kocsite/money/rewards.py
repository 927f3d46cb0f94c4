"""Rewards of a campaign: the cash split and the non-cash awards — exact, deterministic, explainable.

Cash (`split_cash`), in five steps an auditor can redo by hand:

1. **Cut the pool.** The pool (integer 分) is cut into role sub-pools by percentage; whatever the
   percentages leave below 100 % is the general pool. The cut is by largest remainder: floor every
   part, then hand the leftover 分 one each to the largest fractional parts (ties: role id ascending,
   the general pool last).
2. **Who shares.** Only members (a KOC who accepted a role in the campaign) share cash; a
   non-member's approved work earns credit but no campaign cash. A role's sub-pool is shared by the
   role's members in proportion to their **whole credit in the campaign** (every approved
   contribution to the campaign's tasks, role-less ones included); the general pool by every
   eligible member, by the same credit. To share, a member needs credit > 0, credit ≥ `min_credit`
   (if set) and the deliverable standard met (if required). With role sub-pools a KOC may hold one
   role per campaign: two roles would count the same credit in two sub-pools (RewardRuleError here,
   E514 in `kocsite check`).
3. **Cap by water-filling.** Each sharer's ideal share is pool × credit / Σ credit. Whoever's ideal
   exceeds their cap gets exactly the cap, and the rest of the pool is re-split among the others,
   round after round, until nobody exceeds. The cap is per KOC over the whole campaign: sub-pools
   are split in role-id order and the general pool last, and a KOC's cap in a later pool is the cap
   minus what they already got.
4. **Round.** Uncapped ideal shares are floored; the leftover 分 go one each by largest fractional
   remainder, then higher credit (in that pool), then KOC id ascending.
5. **Unallocated.** What nobody can take (no sharer, everyone capped) is reported as unallocated,
   never dropped or spread: Σ payouts + unallocated = pool, to the 分, checked on every split.

Only `int` and `Fraction` are used; the dataclasses refuse floats. `kocsite.money.rewards_explain` renders
every step behind a KOC's figure in Chinese or English; `kocsite.money.awards` gives goods, badges, priority.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from functools import cached_property
from decimal import Decimal
from fractions import Fraction
from typing import Literal, Sequence

from kocsite.core.display import number_text

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

def exact(value: object, what: str) -> Fraction:
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
        credit = exact(self.credit, "credit")
        parts = tuple(sorted(((role, exact(c, "role credit")) for role, c in self.role_credit),
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

    @property
    def member(self) -> bool:
        """Accepted into a role of the campaign: only members are paid campaign cash."""
        return bool(self.roles)

    def pool_credit(self, role: str | None) -> Fraction:
        """Credit that counts in a cash pool: the whole campaign credit for the general pool and for the
        sub-pool of a role the KOC accepted (role-less work included), else 0."""
        if role is GENERAL or role in self.roles:
            return self.credit
        return Fraction(0)

    def credit_in(self, role: str | None) -> Fraction:
        """Credit earned on the role's tasks (members only; total for None): ranks a role's honours."""
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
            object.__setattr__(self, "min_credit", exact(self.min_credit, "min_credit"))
        pools = tuple(sorted((role, exact(p, "percent")) for role, p in self.sub_pools))
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
    """Credit in this pool: the KOC's whole campaign credit (see `Claimant.pool_credit`)."""
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
    """not-member, no-credit, below-min-credit, deliverable-not-met, or no-pool-credit (no pool it may share)."""
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
    claimants: tuple[Claimant, ...] = ()
    """The inputs, by KOC id: where each KOC's credit came from (for the explanation)."""

    def claimant(self, koc: str) -> Claimant | None:
        return self._claimant_by_koc.get(koc)

    def payout_of(self, koc: str) -> Payout | None:
        return self._payout_by_koc.get(koc)

    # reversed: the first entry of a KOC wins, as a scan would find it
    @cached_property
    def _claimant_by_koc(self) -> dict[str, Claimant]:
        return {c.koc: c for c in reversed(self.claimants)}

    @cached_property
    def _payout_by_koc(self) -> dict[str, Payout]:
        return {p.koc: p for p in reversed(self.payouts)}


# ---------------------------------------------------------------- the cash split

def split_cash(rules: CashRules, claimants: Sequence[Claimant]) -> CashSplit:
    """Split the cash pool; see the module docstring for the five steps."""
    people = sorted_by_id(claimants)
    _one_role_each(rules, people)
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
    return CashSplit(rules, rules.pool_fen, unallocated, payouts, tuple(pools), tuple(people))


def sorted_by_id(claimants: Sequence[Claimant]) -> list[Claimant]:
    people = sorted(claimants, key=lambda c: c.koc)
    for a, b in zip(people, people[1:]):
        if a.koc == b.koc:
            raise RewardRuleError(f"{a.koc} 在领奖名单里出现了两次", f"{a.koc} is listed twice among the claimants")
    return people


def _one_role_each(rules: CashRules, people: list[Claimant]) -> None:
    if not rules.sub_pools:
        return
    for c in people:
        if len(c.roles) > 1:
            raise RewardRuleError(
                f"{c.koc} 在同一个设有角色子奖池的活动里接受了两个角色（{'、'.join(c.roles)}）：每位 KOC 在一个活动里只能担任一个角色",
                f"{c.koc} accepted two roles ({', '.join(c.roles)}) in a campaign with role sub-pools: one role per KOC per campaign")


def campaign_exclusion(rules: CashRules, claimant: Claimant) -> str | None:
    """Why a KOC may not share any cash pool of the campaign, or None if they may."""
    if not claimant.member:
        return "not-member"
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
        reason = reasons[c.koc] or (None if c.pool_credit(role) > 0 else "no-role-credit")
        if reason:
            excluded.append(Exclusion(c.koc, reason))
        else:
            sharers[c.koc] = c.pool_credit(role)
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
