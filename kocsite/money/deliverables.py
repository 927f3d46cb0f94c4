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

from collections import defaultdict
from dataclasses import dataclass

from kocsite.money.credit import authors
from kocsite.models.campaign import Role
from kocsite.models.programme import Programme, Record


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
    work = _approved_work_by_author(programme, campaign_id)
    result = []
    for member in sorted(campaign.members, key=lambda m: (m.role, m.koc)):
        if member.status == "accepted" and member.role in roles:
            role = roles[member.role]
            due = role.deliverable.due if role.deliverable else None
            records = [r for r in work.get((member.koc, role.id), []) if due is None or r.view.date <= due]
            result.append(_judge(member.koc, role, records))
    return result


def met_by_koc(delivered: list[Delivery]) -> dict[str, bool]:
    met: dict[str, bool] = {}
    for d in delivered:
        met[d.koc] = met.get(d.koc, True) and d.met
    return met


def _approved_work_by_author(programme: Programme, campaign_id: str) -> dict[tuple[str, str | None], list[Record]]:
    """Approved records of the campaign by (author, role of the task); with no task naming a role,
    every task counts for every role."""
    tasks = programme.campaign_tasks.get(campaign_id, [])
    task_views = programme.task_views
    any_role = any(task_views[tid].role for tid in tasks)
    roles = [r.id for r in programme.campaigns[campaign_id].roles]
    work: dict[tuple[str, str | None], list[Record]] = defaultdict(list)
    for tid in tasks:
        task_roles = [task_views[tid].role] if any_role else roles
        for record in programme.contributions.get(tid, []):
            if record.view.review.status != "approved":
                continue
            for koc, _ in authors(record.view):
                for role in task_roles:
                    work[(koc, role)].append(record)
    return work


def _judge(koc: str, role: Role, work: list[Record]) -> Delivery:
    longest = max((r.view.chars or 0 for r in work), default=0)
    count = sum(r.view.count if r.view.count is not None else 1 for r in work)
    why_not = []
    if not work:
        why_not.append("no-approved-work")
    standard = role.deliverable
    if standard is not None and standard.min_chars is not None and longest < standard.min_chars:
        why_not.append("too-short")
    if standard is not None and standard.min_count is not None and count < standard.min_count:
        why_not.append("too-few")
    return Delivery(koc, role.id, not why_not, len(work), longest, count, tuple(why_not))
