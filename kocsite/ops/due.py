"""The daily reminder (到期提醒): what is overdue or due soon, across the whole programme, by owner.

Pure computation over a loaded `Programme`; rendering is in `kocsite.outputs.due`.

What is on the list, for a day `today` and a window of `within_days` days (the horizon is
today + within_days, inclusive; `within_days = 0` means "due today or overdue"):

- **tasks** (kind `task`): every task not done or cancelled with a `due` date on or before the horizon —
  the tasks of every campaign and the tasks without a campaign alike (same rule as
  `kocsite.ops.metrics.due_tasks`). Listed under each of their `owners`; without owners under None
  (未分配 / unassigned).
- **role deliverables** (kind `deliverable`): in every campaign that is not closed or cancelled, each
  accepted member of a role whose deliverable standard has a `due` date on or before the horizon, as
  long as `kocsite.money.deliverables` says they have not met it yet. Listed under that member.
- **private follow-ups** (kind `follow-up`), only when asked for (`private=True`): the `next_date` of
  each KOC's latest contact-log entry (the latest by date; earlier entries were followed up by the
  later contacts), listed under that KOC. These come from the `private:` block and must never be posted
  anywhere public: the Markdown renderer refuses them.
- **insights to report back** (kind `insight`): every user insight that was shipped or declined but whose
  KOCs have not been told yet (no `reported_back`), due from its `resolved` date (else `received`) and
  listed under each of its KOCs. Insights not marked `public` keep their title out of the Markdown.

- **hand-offs without notes** (kind `handoff`): each KOC whose latest hand-off between teams has no
  notes, due on the hand-off's date (the receiving team needs them from day one), listed under the KOC's
  `owner` (专属客户经理, an operator) — the notes are private, the reminder says only that they are missing.
- **goods not shipped** (kind `goods`): for every closed campaign with a ledger, each goods award of the
  ledger (after its adjustments) whose shipment is not `shipped` or `received`, due `goods_ship_days`
  (kocsite.yml) after the ledger's closing day, listed under the campaign's `owner` (an operator).

Order is deterministic: owners by id, then operators (owners that are people of the brand's team,
`operator=True`) by name, unassigned last; within an owner by due date (overdue first),
then kind (task, deliverable, follow-up), then reference.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Iterator

from kocsite.money.deliverables import deliveries
from kocsite.money.ledger import expected_figures
from kocsite.ops.metrics import CLOSED_TASK_STATUSES
from kocsite.models.programme import Programme

KINDS = ("task", "deliverable", "follow-up", "insight", "handoff", "goods")
CLOSED_CAMPAIGN_STATUSES = frozenset({"closed", "cancelled"})
_WINDOW = re.compile(r"^\s*(\d{1,4})\s*([dw])\s*$", re.IGNORECASE)


def parse_window(text: str) -> int:
    """`2d` → 2, `1w` → 7, `0d` → 0 (a bare number counts days). ValueError for anything else."""
    text = str(text)
    if text.strip().isdigit():
        return int(text.strip())
    match = _WINDOW.match(text)
    if not match:
        raise ValueError(f"'{text}' is not a window like 2d or 1w")
    number, unit = int(match.group(1)), match.group(2).lower()
    return number * 7 if unit == "w" else number


@dataclass(frozen=True)
class DueItem:
    kind: str
    """task, deliverable or follow-up."""
    ref: str
    """The task id; `campaign/role` for a deliverable; the KOC id for a follow-up."""
    title: str
    due: date
    days_left: int
    """due − today in days: 0 due today, negative overdue."""
    campaign: str | None = None
    role: str | None = None
    status: str | None = None
    """The task's status (todo, in-progress, review); None for deliverables and follow-ups."""
    owners: tuple[str, ...] = ()
    """All owners of a task (so a shared task can name the others)."""
    public: bool = True
    """False for an insight not marked public: its title stays out of the Markdown."""
    koc: str | None = None
    """For a hand-off or goods: the KOC it concerns."""

    @property
    def overdue(self) -> bool:
        return self.days_left < 0


@dataclass(frozen=True)
class DueGroup:
    owner: str | None
    """A KOC id, or None for tasks without an owner."""
    name: str | None
    """The KOC's public display name (None when unassigned or not a known KOC)."""
    items: tuple[DueItem, ...]
    operator: bool = False
    """True when `owner` is an operator's name (a KOC's 专属客户经理, a campaign's owner), not a KOC id."""


@dataclass(frozen=True)
class DueList:
    today: date
    within_days: int
    private: bool
    groups: tuple[DueGroup, ...]

    @property
    def horizon(self) -> date:
        return self.today + timedelta(days=self.within_days)

    @property
    def items(self) -> int:
        """Distinct things due (a task shared by two owners counts once)."""
        return len({(i.kind, i.ref) for g in self.groups for i in g.items})

    @property
    def overdue(self) -> int:
        return len({(i.kind, i.ref) for g in self.groups for i in g.items if i.overdue})


def due_list(programme: Programme, today: date, within_days: int = 2, private: bool = False) -> DueList:
    """Everything overdue or due within `within_days` days of `today`, grouped by owner."""
    if within_days < 0:
        raise ValueError("within_days must be 0 or more")
    horizon = today + timedelta(days=within_days)
    sources = [_task_items, _deliverable_items, _insight_items] + ([_follow_up_items] if private else [])
    by_owner: dict[tuple[bool, str | None], list[DueItem]] = defaultdict(list)
    for source in sources:
        for owner, item in source(programme, today, horizon):
            by_owner[(False, owner)].append(item)
    for source in (_handoff_items, _goods_items):
        for owner, item in source(programme, today, horizon):
            by_owner[(owner is not None, owner)].append(item)

    owners = sorted(key for key in by_owner if key[1] is not None) + ([(False, None)] if (False, None) in by_owner else [])
    groups = []
    for operator, owner in owners:
        items = sorted(by_owner[(operator, owner)], key=lambda i: (i.due, KINDS.index(i.kind), i.ref))
        koc = programme.koc_views.get(owner) if owner is not None and not operator else None
        groups.append(DueGroup(owner, koc.name if koc is not None else None, tuple(items), operator))
    return DueList(today, within_days, private, tuple(groups))


Owned = Iterator[tuple[str | None, DueItem]]
"""(owner KOC id or None for unassigned, item) pairs."""


def _task_items(programme: Programme, today: date, horizon: date) -> Owned:
    tasks = programme.task_views
    for task_id in sorted(tasks):
        task = tasks[task_id]
        if task.due is None or task.status in CLOSED_TASK_STATUSES or task.due > horizon:
            continue
        item = DueItem("task", task_id, task.title, task.due, (task.due - today).days, task.campaign, task.role,
                       task.status, tuple(task.owners))
        for owner in dict.fromkeys(task.owners) or (None,):
            yield owner, item


def _deliverable_items(programme: Programme, today: date, horizon: date) -> Owned:
    for campaign_id in sorted(programme.campaigns):
        campaign = programme.campaigns[campaign_id]
        if campaign.status in CLOSED_CAMPAIGN_STATUSES:
            continue
        roles = {r.id: r for r in campaign.roles
                 if r.deliverable is not None and r.deliverable.due is not None and r.deliverable.due <= horizon}
        if not roles:
            continue
        for delivery in deliveries(programme, campaign_id):
            role = roles.get(delivery.role)
            if role is None or delivery.met:
                continue
            due = role.deliverable.due  # type: ignore[union-attr]
            title = f"{campaign.title} · {role.name}：{role.deliverable.description}"  # type: ignore[union-attr]
            yield delivery.koc, DueItem("deliverable", f"{campaign_id}/{role.id}", title, due, (due - today).days,
                                        campaign_id, role.id)


def _follow_up_items(programme: Programme, today: date, horizon: date) -> Owned:
    """Private: the next step of each KOC's latest contact (earlier ones were followed up by it)."""
    for koc_id in sorted(programme.kocs):
        koc = programme.kocs[koc_id]
        log = koc.private.contact_log if koc.private is not None else []
        if not log:
            continue
        latest = max(enumerate(log), key=lambda pair: (pair[1].date, pair[0]))[1]
        if latest.next_date is None or latest.next_date > horizon:
            continue
        yield koc_id, DueItem("follow-up", koc_id, latest.next_step or latest.summary, latest.next_date,
                              (latest.next_date - today).days)


def _insight_items(programme: Programme, today: date, horizon: date) -> Owned:
    for insight_id in sorted(programme.insights):
        insight = programme.insights[insight_id]
        if insight.status not in ("shipped", "declined") or insight.reported_back is not None:
            continue
        due = insight.resolved or insight.received
        if due > horizon:
            continue
        item = DueItem("insight", insight_id, insight.title, due, (due - today).days, insight.campaign,
                       status=insight.status, owners=tuple(insight.kocs), public=insight.public)
        for koc_id in dict.fromkeys(insight.kocs):
            yield koc_id, item


def _handoff_items(programme: Programme, today: date, horizon: date) -> Owned:
    """The latest hand-off of each KOC when it has no notes, under the KOC's owner (an operator)."""
    teams = {t.id: t.name for t in programme.settings.teams}
    kocs = programme.koc_views
    for koc_id in sorted(kocs):
        koc = kocs[koc_id]
        if not koc.handoffs:
            continue
        latest = max(enumerate(koc.handoffs), key=lambda pair: (pair[1].date, pair[0]))[1]
        if latest.notes is not None or latest.date > horizon:
            continue
        title = f"{koc.name}：{teams.get(latest.from_team, latest.from_team)} → {teams.get(latest.to_team, latest.to_team)}"
        yield koc.owner, DueItem("handoff", koc_id, title, latest.date, (latest.date - today).days, koc=koc_id)


def _goods_items(programme: Programme, today: date, horizon: date) -> Owned:
    """Goods of closed campaigns' ledgers not shipped `goods_ship_days` after closing, under the campaign's owner."""
    for campaign_id in sorted(programme.ledgers):
        campaign = programme.campaigns.get(campaign_id)
        if campaign is None:
            continue
        ledger = programme.ledgers[campaign_id]
        due = ledger.closed + timedelta(days=programme.settings.goods_ship_days)
        if due > horizon:
            continue
        sent = {(s.koc, s.goods) for s in campaign.shipments if s.status in ("shipped", "received")}
        figures, _ = expected_figures(ledger)
        for koc_id in sorted(figures):
            for goods in sorted(set(figures[koc_id].goods)):
                if (koc_id, goods) in sent:
                    continue
                koc = programme.koc_views.get(koc_id)
                title = f"{campaign.title} · {goods} → {koc.name if koc is not None else koc_id}"
                yield campaign.owner, DueItem("goods", f"{campaign_id}/{koc_id}/{goods}", title, due, (due - today).days,
                                              campaign_id, koc=koc_id)
