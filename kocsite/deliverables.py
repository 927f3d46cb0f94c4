"""Did each member meet their role's deliverable standard (交付标准)?

For a member of a role with a standard, the approved contributions they authored to the campaign's
tasks for that role (all the campaign's tasks if none names a role), dated on or before the due date:

- `min_chars`: at least one of them is that long (a review ≥ 2000 字);
- `min_count`: their `count`s add up to it, a contribution without `count` counting one
  (≥ 10 substantive discussions, or 4 weekly reports);
- and at least one of them exists at all.

A role without a standard is met by taking part. A member meets the campaign's deliverable when
they meet it in every role they accepted.
"""

from __future__ import annotations

from dataclasses import dataclass

from kocsite.credit import authors
from kocsite.models import Campaign
from kocsite.models.campaign import Role
from kocsite.programme import Programme, Record


@dataclass(frozen=True)
class Delivery:
    koc: str
    role: str
    met: bool
    contributions: int
    longest_chars: int
    count: int
    why_not: tuple[str, ...]
    """English reason codes: no-approved-work, too-short, too-few."""


def deliveries(programme: Programme, campaign_id: str) -> list[Delivery]:
    campaign = programme.campaigns[campaign_id]
    roles = {role.id: role for role in campaign.roles}
    result = []
    for member in sorted(campaign.members, key=lambda m: (m.role, m.koc)):
        if member.status == "accepted" and member.role in roles:
            work = _approved_work(programme, campaign_id, campaign, roles[member.role], member.koc)
            result.append(_judge(member.koc, roles[member.role], work))
    return result


def met_by_koc(delivered: list[Delivery]) -> dict[str, bool]:
    met: dict[str, bool] = {}
    for d in delivered:
        met[d.koc] = met.get(d.koc, True) and d.met
    return met


def _approved_work(programme: Programme, campaign_id: str, campaign: Campaign, role: Role, koc: str) -> list[Record]:
    tasks = [tid for tid, t in sorted(programme.tasks.items()) if t.campaign == campaign_id]
    with_role = [tid for tid in tasks if programme.tasks[tid].role == role.id]
    any_role = any(programme.tasks[tid].role for tid in tasks)
    due = role.deliverable.due if role.deliverable else None
    work = []
    for tid in (with_role if any_role else tasks):
        for record in programme.contributions.get(tid, []):
            c = record.contribution
            if c.review.status == "approved" and koc in (k for k, _ in authors(c)) and (due is None or c.date <= due):
                work.append(record)
    return work


def _judge(koc: str, role: Role, work: list[Record]) -> Delivery:
    longest = max((r.contribution.chars or 0 for r in work), default=0)
    count = sum(r.contribution.count if r.contribution.count is not None else 1 for r in work)
    why_not = []
    if not work:
        why_not.append("no-approved-work")
    standard = role.deliverable
    if standard is not None and standard.min_chars is not None and longest < standard.min_chars:
        why_not.append("too-short")
    if standard is not None and standard.min_count is not None and count < standard.min_count:
        why_not.append("too-few")
    return Delivery(koc, role.id, not why_not, len(work), longest, count, tuple(why_not))
