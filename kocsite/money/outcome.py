"""A campaign's outcome: credit, deliverables, the exact cash split, goods, badges and priority.

This is the one place that turns the campaign's rules (pydantic models) and the credit book into the
plain inputs of kocsite.money.rewards, so `rewards`, `close`, the ledger check and the site all agree.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, replace
from fractions import Fraction

from kocsite.money.credit import CreditBook
from kocsite.money.deliverables import Delivery, deliveries, met_by_koc
from kocsite.models.programme import Programme
from kocsite.money.awards import (BadgeAward, BadgeRuleSpec, GoodsAward, GoodsRule, PriorityRuleSpec, award_badges, award_goods,
                            award_priority)
from kocsite.money.rewards import CashRules, CashSplit, Claimant, split_cash
from kocsite.money.shares import HeldCash, held_cash


@dataclass(frozen=True)
class CampaignOutcome:
    campaign: str
    claimants: tuple[Claimant, ...]
    deliveries: tuple[Delivery, ...]
    split: CashSplit
    goods: tuple[GoodsAward, ...]
    badges: tuple[BadgeAward, ...]
    priority: tuple[str, ...]
    held: tuple[HeldCash, ...] = ()
    """Cash held back for co-authors' shares not confirmed yet (kocsite.money.shares)."""

    def held_of(self, koc: str) -> int:
        return next((h.held_fen for h in self.held if h.koc == koc), 0)

    def badges_of(self, koc: str) -> list[str]:
        return sorted({b.badge for b in self.badges if koc in b.kocs})

    def goods_of(self, koc: str) -> list[str]:
        return sorted(g.name for g in self.goods if koc in g.recipients)


def campaign_view(programme: Programme, campaign_id: str) -> Programme:
    """The programme as one campaign's outcome sees it: the campaign, its own tasks and their work (the
    files its ledger seals, kocsite.money.ledger.input_files), every KOC. The other campaigns' work is
    never built, so one campaign's report costs that campaign."""
    tasks = {task: programme.tasks[task] for task in programme.campaign_tasks.get(campaign_id, [])}
    contributions = {task: programme.contributions[task] for task in tasks if task in programme.contributions}
    return replace(programme, campaigns={campaign_id: programme.campaigns[campaign_id]}, tasks=tasks,
                   contributions=contributions)


def campaign_outcome(programme: Programme, book: CreditBook, campaign_id: str) -> CampaignOutcome:
    campaign = programme.campaigns[campaign_id]
    delivered = deliveries(programme, campaign_id)
    claimants = _claimants(programme, book, campaign_id, met_by_koc(delivered))
    rules = campaign.rewards
    cash = CashRules(
        pool_fen=rules.pool_fen, cap_fen=rules.cap_fen,
        min_credit=Fraction(rules.min_credit) if rules.min_credit is not None else None,
        require_deliverable=rules.require_deliverable,
        sub_pools=tuple((p.role, Fraction(p.percent)) for p in rules.sub_pools),
    )
    split = split_cash(cash, claimants)
    ranking = sorted((c for c in claimants if c.credit > 0), key=lambda c: (-c.credit, c.koc))
    goods = award_goods([GoodsRule(g.name, g.quantity, g.top, g.role, tuple(g.kocs)) for g in rules.goods], ranking)
    badges = award_badges([BadgeRuleSpec(b.badge, b.rule, b.top, Fraction(b.min_credit) if b.min_credit is not None else None,
                                         b.role, tuple(b.kocs)) for b in rules.badges], ranking)
    priority_rule = rules.priority
    priority = award_priority(
        PriorityRuleSpec(priority_rule.top, tuple(priority_rule.badges), tuple(priority_rule.kocs)) if priority_rule else None,
        ranking, badges)
    held = held_cash(book, campaign_id, {p.koc: p.payout_fen for p in split.payouts})
    return CampaignOutcome(campaign_id, tuple(claimants), tuple(delivered), split, tuple(goods), tuple(badges), tuple(priority),
                           held)


def _claimants(programme: Programme, book: CreditBook, campaign_id: str, met: dict[str, bool]) -> list[Claimant]:
    """Everyone with counted credit in the campaign or an accepted role in it, sorted by id."""
    by_role: dict[str, dict[str | None, Fraction]] = defaultdict(lambda: defaultdict(Fraction))
    for line in book.by_campaign.get(campaign_id, ()):
        if line.counted:
            by_role[line.koc][line.role] += line.credit
    roles: dict[str, list[str]] = defaultdict(list)
    for member in programme.campaigns[campaign_id].members:
        if member.status == "accepted":
            roles[member.koc].append(member.role)
    claimants = []
    for koc in sorted(set(by_role) | set(roles)):
        parts = by_role.get(koc, {})
        role_credit = tuple(sorted(parts.items(), key=lambda kv: (kv[0] is None, kv[0] or "")))
        claimants.append(Claimant(koc, sum(parts.values(), Fraction(0)), role_credit, met.get(koc, False),
                                  tuple(sorted(roles.get(koc, [])))))
    return claimants
