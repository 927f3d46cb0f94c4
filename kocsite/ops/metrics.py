"""Campaign metrics (项目指标): goal progress, task completion, reach, reviews, recruitment, per-role delivery.

Pure computation over a loaded `Programme`: no I/O, exact. Counts and sums are `int`; rates are
`fractions.Fraction` and are rounded only for display (`percent_text`). The indicators are the ones
the seed articles name — KOC 任务完成率 (task completion rate), 内容互动率 (engagement rate =
interactions ÷ exposure), 销售线索 (sales leads) — plus each goal's progress and each role's delivery.

Which contributions count
-------------------------
A campaign's tasks are the tasks whose `campaign` is its id. Only **approved** contributions count
towards goals, reach and role figures; pending, changes-requested and rejected work is only counted
in the review tallies. A joint byline is one contribution: it counts once, never once per author.

Goals (`GoalProgress.achieved`), per metric:

- `approved_contributions`: the number of approved contributions;
- `exposure` / `interactions` / `leads`: the sum of those metrics (a missing metric is 0);
- `discussions`: the sum of `count` — with a `role` or `task` filter, over every approved contribution
  to the matching tasks, a contribution without `count` counting one (as in the deliverable standard);
  **without a filter**, over the approved contributions that state a `count` only, since nothing else
  says which tasks are discussion tasks and a deep review is not a discussion;
- `accepted_members`: distinct KOCs with an accepted invitation (in `role`, if given; `task` does not
  apply to members).

Filters: `role` keeps the campaign's tasks with that role (a task without a role never matches a role
filter); `task` keeps that one task — named explicitly, it counts even if the task is not linked to the
campaign; both together keep that task only if it has that role. Work dated after the goal's deadline
still counts in `achieved` (exposure keeps growing after a deadline too); `on_time` is the part dated
on or before it (for members: answered by then), so a retrospective can tell the two apart.

Roles (`RoleDelivery`) count approved contributions to the tasks naming that role, and take "met the
deliverable" from `kocsite.money.deliverables`, so the progress board and the reward rules never disagree.

`all_campaign_metrics` indexes tasks by campaign once, then each campaign reads only its own tasks and
contributions, so it stays fast on large programmes.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, timedelta
from fractions import Fraction
from typing import Iterable

from kocsite.money.deliverables import deliveries
from kocsite.models import Campaign, Task
from kocsite.models.campaign import Goal
from kocsite.models.programme import Programme, Record
from kocsite.core.nogc import no_cycle_collection

TASK_STATUSES = ("todo", "in-progress", "review", "done", "cancelled")
REVIEW_STATUSES = ("approved", "pending", "changes-requested", "rejected")
INVITATION_STATUSES = ("invited", "accepted", "declined", "withdrawn", "waitlisted", "dropped")
FUNNEL_STATUSES = INVITATION_STATUSES[:4]
"""The recruitment funnel's statuses: a waitlisted KOC was not invited into a seat, and a dropped one counts
in neither acceptances nor refusals."""
CLOSED_TASK_STATUSES = frozenset({"done", "cancelled"})


@dataclass(frozen=True)
class GoalProgress:
    id: str
    title: str
    metric: str
    target: int
    deadline: date
    role: str | None
    task: str | None
    achieved: int
    on_time: int
    """The part of `achieved` from work dated on or before the deadline (members: answered by then)."""
    ratio: Fraction
    """achieved ÷ target; may exceed 1."""
    met: bool
    """achieved ≥ target."""

    @property
    def met_on_time(self) -> bool:
        return self.on_time >= self.target


@dataclass(frozen=True)
class RoleDelivery:
    role: str
    name: str
    headcount: int
    invited: int
    """Invitations into this role still open (status `invited`)."""
    accepted: int
    delivered: int
    """Accepted members who met the role's deliverable standard."""
    approved: int
    """Approved contributions to the campaign's tasks for this role."""
    members: tuple[str, ...]
    """Accepted KOCs, sorted."""
    delivered_by: tuple[str, ...]
    """Accepted KOCs who met the deliverable, sorted."""


@dataclass(frozen=True)
class DueTask:
    """A task on the reminder list: overdue, or due within a few days."""

    task: str
    title: str
    status: str
    role: str | None
    due: date
    days_left: int
    """due − today in days: 0 due today, negative overdue."""
    owners: tuple[str, ...]

    @property
    def overdue(self) -> bool:
        return self.days_left < 0


@dataclass(frozen=True)
class CampaignMetrics:
    campaign: str
    title: str
    status: str
    goals: tuple[GoalProgress, ...]
    # task completion (任务完成率)
    tasks_total: int
    """Tasks of the campaign that are not cancelled."""
    tasks_done: int
    completion_rate: Fraction | None
    """done ÷ (tasks not cancelled); None when there are none."""
    tasks_by_status: dict[str, int]
    """Every status in TASK_STATUSES order, cancelled included, zeros kept."""
    # reach, over approved contributions
    exposure: int
    interactions: int
    leads: int
    engagement_rate: Fraction | None
    """interactions ÷ exposure (互动率); None when exposure is 0."""
    # content review
    approved: int
    pending: int
    changes_requested: int
    rejected: int
    # recruitment funnel, one per member entry
    invited: int
    """Invitations still open."""
    accepted: int
    declined: int
    withdrawn: int
    acceptance_rate: Fraction | None
    """accepted ÷ all invitations (open, declined and withdrawn included); None without members."""
    roles: tuple[RoleDelivery, ...]
    # reminders, only when computed for a given day
    today: date | None = None
    overdue: tuple[str, ...] | None = None
    """Task ids past due and neither done nor cancelled, by due date then id; None without `today`."""
    due_soon: tuple[str, ...] | None = None
    """Task ids due from today to today + 2 days, not done or cancelled; None without `today`."""

    @property
    def invitations(self) -> int:
        return self.invited + self.accepted + self.declined + self.withdrawn

    @property
    def contributions(self) -> int:
        return self.approved + self.pending + self.changes_requested + self.rejected


def campaign_metrics(programme: Programme, campaign_id: str, today: date | None = None) -> CampaignMetrics:
    """Metrics of one campaign (KeyError if there is no such campaign). For many campaigns at once use
    `all_campaign_metrics`, which looks at each task only once."""
    campaign = programme.campaigns[campaign_id]
    return _metrics(programme, campaign_id, campaign, _tasks_of(programme, campaign_id), today)


@no_cycle_collection()
def all_campaign_metrics(programme: Programme, today: date | None = None) -> dict[str, CampaignMetrics]:
    """Metrics of every campaign, by campaign id in id order."""
    index = _campaign_tasks(programme)
    return {cid: _metrics(programme, cid, programme.campaigns[cid], index.get(cid, []), today)
            for cid in sorted(programme.campaigns)}


def due_tasks(programme: Programme, campaign_id: str, today: date, within_days: int = 2) -> tuple[DueTask, ...]:
    """The campaign's open tasks (not done or cancelled) that are overdue or due within `within_days`
    days of `today` (inclusive), by due date then task id — overdue ones therefore first."""
    programme.campaigns[campaign_id]  # KeyError for an unknown campaign, as everywhere else
    return _due(_tasks_of(programme, campaign_id), today, within_days)


def due_soon(programme: Programme, campaign_id: str, today: date,
             within_days: int = 2) -> dict[str | None, tuple[DueTask, ...]]:
    """The reminder list by owner: owner id → their overdue and soon-due tasks (as `due_tasks`).

    Owners come in id order; tasks without an owner are under the key None, last. A task with several
    owners is listed under each of them. Owners with nothing due are left out.
    """
    by_owner: dict[str | None, list[DueTask]] = defaultdict(list)
    for item in due_tasks(programme, campaign_id, today, within_days):
        for owner in item.owners or (None,):
            by_owner[owner].append(item)
    owners = sorted(o for o in by_owner if o is not None) + ([None] if None in by_owner else [])
    return {owner: tuple(by_owner[owner]) for owner in owners}


# --- internals -------------------------------------------------------------------------------------

Tasks = list[tuple[str, Task]]


def _campaign_tasks(programme: Programme) -> dict[str, Tasks]:
    """One pass over the tasks: campaign id → [(task id, task)] in task id order."""
    index: dict[str, Tasks] = defaultdict(list)
    for task_id in sorted(programme.tasks):
        task = programme.tasks[task_id]
        if task.campaign is not None:
            index[task.campaign].append((task_id, task))
    return index


def _tasks_of(programme: Programme, campaign_id: str) -> Tasks:
    return sorted((tid, t) for tid, t in programme.tasks.items() if t.campaign == campaign_id)


def _approved(records: Iterable[Record]) -> list[Record]:
    return [r for r in records if r.contribution.review.status == "approved"]


def _metrics(programme: Programme, campaign_id: str, campaign: Campaign, tasks: Tasks,
             today: date | None) -> CampaignMetrics:
    reviews = dict.fromkeys(REVIEW_STATUSES, 0)
    approved: dict[str, list[Record]] = {}
    exposure = interactions = leads = 0
    for tid, _ in tasks:  # one pass over the campaign's contributions
        approved[tid] = work = []
        for record in programme.contributions.get(tid, ()):
            c = record.contribution
            reviews[c.review.status] += 1
            if c.review.status == "approved":
                work.append(record)
                if c.metrics is not None:
                    exposure += c.metrics.exposure or 0
                    interactions += c.metrics.interactions or 0
                    leads += c.metrics.leads or 0

    by_status = dict.fromkeys(TASK_STATUSES, 0)
    for _, task in tasks:
        by_status[task.status] += 1
    tasks_total = len(tasks) - by_status["cancelled"]

    funnel = dict.fromkeys(INVITATION_STATUSES, 0)
    for member in campaign.members:
        funnel[member.status] += 1
    invitations = sum(funnel[s] for s in FUNNEL_STATUSES)  # waitlisted and dropped members are outside the funnel

    overdue = soon = None
    if today is not None:
        due = _due(tasks, today, 2)
        overdue = tuple(d.task for d in due if d.overdue)
        soon = tuple(d.task for d in due if not d.overdue)

    return CampaignMetrics(
        campaign=campaign_id,
        title=campaign.title,
        status=campaign.status,
        goals=tuple(_goal(programme, campaign, goal, tasks, approved) for goal in campaign.goals),
        tasks_total=tasks_total,
        tasks_done=by_status["done"],
        completion_rate=Fraction(by_status["done"], tasks_total) if tasks_total else None,
        tasks_by_status=by_status,
        exposure=exposure,
        interactions=interactions,
        leads=leads,
        engagement_rate=Fraction(interactions, exposure) if exposure else None,
        approved=reviews["approved"],
        pending=reviews["pending"],
        changes_requested=reviews["changes-requested"],
        rejected=reviews["rejected"],
        invited=funnel["invited"],
        accepted=funnel["accepted"],
        declined=funnel["declined"],
        withdrawn=funnel["withdrawn"],
        acceptance_rate=Fraction(funnel["accepted"], invitations) if invitations else None,
        roles=_roles(programme, campaign_id, campaign, tasks, approved),
        today=today,
        overdue=overdue,
        due_soon=soon,
    )


def _metric(record: Record, name: str) -> int:
    metrics = record.contribution.metrics
    value = getattr(metrics, name) if metrics is not None else None
    return value or 0


def _goal(programme: Programme, campaign: Campaign, goal: Goal, tasks: Tasks,
          approved: dict[str, list[Record]]) -> GoalProgress:
    if goal.metric == "accepted_members":
        accepted = [m for m in campaign.members
                    if m.status == "accepted" and (goal.role is None or m.role == goal.role)]
        achieved = len({m.koc for m in accepted})
        on_time = len({m.koc for m in accepted if m.responded is None or m.responded <= goal.deadline})
    else:
        work = _goal_work(programme, goal, tasks, approved)
        if goal.metric == "discussions" and goal.role is None and goal.task is None:
            work = [r for r in work if r.contribution.count is not None]
        value = _value(goal.metric)
        achieved = sum(value(r) for r in work)
        on_time = sum(value(r) for r in work if r.contribution.date <= goal.deadline)
    return GoalProgress(goal.id, goal.title, goal.metric, goal.target, goal.deadline, goal.role, goal.task,
                        achieved, on_time, Fraction(achieved, goal.target), achieved >= goal.target)


def _goal_work(programme: Programme, goal: Goal, tasks: Tasks, approved: dict[str, list[Record]]) -> list[Record]:
    if goal.task is not None:
        task = programme.tasks.get(goal.task)
        if task is None or (goal.role is not None and task.role != goal.role):
            return []
        if goal.task in approved:
            return approved[goal.task]
        return _approved(programme.contributions.get(goal.task, []))
    return [r for tid, task in tasks if goal.role is None or task.role == goal.role for r in approved[tid]]


def _value(metric: str):
    if metric == "approved_contributions":
        return lambda r: 1
    if metric == "discussions":
        return lambda r: r.contribution.count if r.contribution.count is not None else 1
    return lambda r: _metric(r, metric)


def _roles(programme: Programme, campaign_id: str, campaign: Campaign, tasks: Tasks,
           approved: dict[str, list[Record]]) -> tuple[RoleDelivery, ...]:
    if not campaign.roles:
        return ()
    # deliverables.deliveries looks at every task of the programme for every member; hand it a view
    # holding only this campaign and its approved work (the only work it judges), so the cost stays
    # proportional to the campaign's own size.
    view = Programme(programme.root, programme.settings, kocs=programme.kocs,
                     campaigns={campaign_id: campaign}, tasks=dict(tasks), contributions=approved)
    met: dict[str, set[str]] = defaultdict(set)
    for d in deliveries(view, campaign_id):
        if d.met:
            met[d.role].add(d.koc)
    result = []
    for role in campaign.roles:
        members = [m for m in campaign.members if m.role == role.id]
        accepted = sorted({m.koc for m in members if m.status == "accepted"})
        result.append(RoleDelivery(
            role=role.id,
            name=role.name,
            headcount=role.headcount,
            invited=sum(1 for m in members if m.status == "invited"),
            accepted=len(accepted),
            delivered=len(met[role.id]),
            approved=sum(len(approved[tid]) for tid, task in tasks if task.role == role.id),
            members=tuple(accepted),
            delivered_by=tuple(sorted(met[role.id])),
        ))
    return tuple(result)


def _due(tasks: Tasks, today: date, within_days: int) -> tuple[DueTask, ...]:
    if within_days < 0:
        raise ValueError("within_days must be 0 or more")
    horizon = today + timedelta(days=within_days)
    due = [
        DueTask(tid, task.title, task.status, task.role, task.due, (task.due - today).days, tuple(task.owners))
        for tid, task in tasks
        if task.due is not None and task.status not in CLOSED_TASK_STATUSES and task.due <= horizon
    ]
    return tuple(sorted(due, key=lambda d: (d.due, d.task)))
