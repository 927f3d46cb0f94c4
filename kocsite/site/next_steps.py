""""What next" for a KOC and a way in: open tasks and role deliverables with days left, open seats of
recruiting campaigns and how to apply, what is overdue or due soon across campaigns, and the
iCalendar feeds (one per campaign, one per KOC) of those deadlines.

The feeds are built with `icalendar` (RFC 5545): one all-day VEVENT per deadline, with a stable UID
(so a phone's calendar updates an event instead of adding a copy) and DTSTAMP the day its data file
last changed in git ("last revised", RFC 5545 3.8.7.2), else the build's date. So the same data gives
the same bytes, and a feed does not change just because a day passed.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, timezone

from kocsite.site.blocks import SiteData, bullets, campaign_page, campaign_ref, entries, koc_ref, rel, section
from kocsite.outputs.escape import link, md, plain
from kocsite.site.phone import blocked_scan_table, days_text, scan_table
from kocsite.site.task_pages import task_ref

OPEN = ("todo", "in-progress", "review")
SOON_DAYS = 2


def calendar_path(cid: str | None = None, koc: str | None = None) -> str:
    return f"calendar/campaigns/{cid}.ics" if cid else f"calendar/kocs/{koc}.ics"


@dataclass(frozen=True)
class Deadline:
    uid: str
    title: str
    due: date
    campaign: str | None
    kind: str
    """task | deliverable | milestone"""
    source: str
    """The data file it comes from: its last change (git) is the event's DTSTAMP."""


def open_tasks_of(data: SiteData, koc: str) -> list[str]:
    return data.once("open_tasks", _open_tasks_by_koc).get(koc, [])  # one scan, not one per profile


def _open_tasks_by_koc(data: SiteData) -> dict[str, list[str]]:
    tasks = data.programme.tasks
    found: dict[str, list[str]] = {}
    for tid in sorted(tasks, key=lambda tid: (tasks[tid].due or date.min, tid)):
        task = tasks[tid]
        if task.status in OPEN and task.due:
            for koc in dict.fromkeys(task.owners):
                found.setdefault(koc, []).append(tid)
    return found


def role_deliverables_of(data: SiteData, koc: str) -> list[tuple[str, object, object]]:
    """(campaign id, role, delivery) for each accepted role of the KOC with a deliverable due date,
    in campaigns that are not closed or cancelled."""
    return data.once("role_deliverables", _role_deliverables_by_koc).get(koc, [])


def _role_deliverables_by_koc(data: SiteData) -> dict[str, list[tuple[str, object, object]]]:
    found: dict[str, list[tuple[str, object, object]]] = {}
    for cid in sorted(data.programme.campaigns):
        campaign = data.programme.campaigns[cid]
        if campaign.status in ("closed", "cancelled"):
            continue
        roles = {r.id: r for r in campaign.roles}
        deliveries: dict[tuple[str, str], object] = {}
        for d in data.outcomes[cid].deliveries:
            deliveries.setdefault((d.koc, d.role), d)
        for m in campaign.members:
            role = roles.get(m.role)
            if m.status == "accepted" and role is not None and role.deliverable is not None:
                found.setdefault(m.koc, []).append((cid, role, deliveries.get((m.koc, role.id))))
    return found


def _progress(role, delivery, t) -> str:
    standard = role.deliverable
    if delivery is None:
        return ""
    parts = []
    if standard.min_count:
        parts.append(f"{delivery.count}/{standard.min_count}")
    if standard.min_chars:
        parts.append(t("progress_chars", n=delivery.longest_chars, of=standard.min_chars))
    if not parts:
        parts.append(str(delivery.contributions))
    mark = '<span class="kocsite-done">✓</span>' if delivery.met else ""
    return " · ".join(parts) + (f" {mark}" if mark else "")


def what_next(data: SiteData, koc: str, here: str) -> str:
    t = data.t
    task_ids = open_tasks_of(data, koc)
    tasks = data.programme.tasks
    task_table = scan_table(
        [t("task"), t("due"), t("days_left")],
        [[task_ref(data, tid, here), str(tasks[tid].due), days_text((tasks[tid].due - data.today).days, t)] for tid in task_ids],
        [[(t("campaign"), campaign_ref(data, tasks[tid].campaign, here, "board") if tasks[tid].campaign else ""),
          (t("status"), t.value(tasks[tid].status))] for tid in task_ids])
    roles = role_deliverables_of(data, koc)
    role_rows, role_details = [], []
    for cid, role, delivery in roles:
        due = role.deliverable.due
        role_rows.append([md(role.name), _progress(role, delivery, t),
                          days_text((due - data.today).days, t) if due and not (delivery and delivery.met) else (str(due) if due else "")])
        role_details.append([(t("campaign"), campaign_ref(data, cid, here)), (t("deliverable"), md(role.deliverable.description)),
                             (t("due"), str(due) if due else "")])
    role_table = scan_table([t("role"), t("delivery_progress"), t("days_left")], role_rows, role_details)
    parts = []
    if task_table:
        parts.append(f"### {t('open_tasks')}\n\n{task_table}")
    if role_table:
        parts.append(f"### {t('role_deliverables')}\n\n{role_table}")
    if not parts:  # nothing counted in days: no "as of" date, so the page does not change as days pass
        return section(t("what_next"), t("nothing_open"))
    return section(t("what_next"), *parts, t("as_of", d=data.today))


def calendar_link(data: SiteData, here: str, cid: str | None = None, koc: str | None = None) -> str:
    t = data.t
    return f"[{t('calendar')}]({rel(here, calendar_path(cid, koc))})：{t('calendar_about')}"


# ------------------------------------------------------------------ recruiting and the home page


def apply_link(site) -> str | None:
    """Where a KOC applies: `site.apply_url`, else the open-call issue form of a github.com `site.repo_url`."""
    if getattr(site, "apply_url", None):
        return site.apply_url
    repo = getattr(site, "repo_url", None)
    if not repo:
        return None
    from urllib.parse import urlsplit
    parts = urlsplit(repo)
    segments = [s for s in parts.path.split("/") if s]
    if parts.scheme != "https" or parts.netloc.lower() not in ("github.com", "www.github.com") or len(segments) != 2:
        return None
    owner, name = segments[0], segments[1].removesuffix(".git")
    return f"https://github.com/{owner}/{name}/issues/new?template=apply.yml"


def how_to_apply(data: SiteData) -> str:
    t, site = data.t, data.programme.settings.site
    ways = []
    if apply_link(site):
        ways.append(link(t("apply_here"), apply_link(site)))
    if getattr(site, "contact", None):
        ways.append(t("apply_contact", c=md(site.contact)))
    return " · ".join(ways) or t("apply_none")


def open_seats(data: SiteData, cid: str) -> str:
    t, campaign = data.t, data.programme.campaigns[cid]
    rows = []
    for role in campaign.roles:
        taken = sum(1 for m in campaign.members if m.role == role.id and m.status == "accepted")
        rows.append(f"**{md(role.name)}**：{t('open_seats', n=max(0, role.headcount - taken), of=role.headcount)}")
    return bullets(rows)


def recruiting_block(data: SiteData, cid: str) -> str:
    """On a recruiting campaign's brief: the open seats per role and how to apply."""
    if data.programme.campaigns[cid].status != "recruiting":
        return ""
    t = data.t
    return section(t("recruiting"), open_seats(data, cid), f"**{t('how_to_apply')}**：{how_to_apply(data)}")


def recruiting_home(data: SiteData, here: str) -> str:
    t = data.t
    ids = [cid for cid in sorted(data.programme.campaigns) if data.programme.campaigns[cid].status == "recruiting"]
    if not ids:
        return ""
    blocks = [f"### {campaign_ref(data, cid, here)}\n\n{open_seats(data, cid)}" for cid in ids]
    return section(t("recruiting"), *blocks, f"**{t('how_to_apply')}**：{how_to_apply(data)}")


def attention_home(data: SiteData, here: str) -> str:
    """What is overdue or due within two days across campaigns, with counts."""
    t = data.t
    rows, details, late, soon = [], [], 0, 0
    for cid in sorted(data.metrics):
        m = data.metrics[cid]
        for tid in (*(m.overdue or ()), *(m.due_soon or ())):
            task = data.programme.tasks[tid]
            days = (task.due - data.today).days
            late, soon = late + (days < 0), soon + (days >= 0)
            rows.append([md(task.title), days_text(days, t)])
            details.append([(t("campaign"), campaign_ref(data, cid, here, "board")),
                            (t("owners"), t.comma.join(koc_ref(data, k, here) for k in task.owners)), (t("due"), str(task.due))])
    if not rows:
        return ""
    return section(t("attention"), t("attention_counts", late=late, soon=soon),
                   blocked_scan_table(entries(t), "###", [t("task"), t("days_left")], rows, details))


# ------------------------------------------------------------------ iCalendar


def campaign_deadlines(data: SiteData, cid: str) -> list[Deadline]:
    campaign = data.programme.campaigns[cid]
    found = [Deadline(f"task-{tid}", data.programme.tasks[tid].title, data.programme.tasks[tid].due, cid, "task",
                      _task_file(tid))
             for tid in data.programme.campaign_tasks.get(cid, [])
             if data.programme.tasks[tid].due and data.programme.tasks[tid].status in OPEN]
    found += [Deadline(f"deliverable-{cid}-{r.id}", f"{r.name} · {r.deliverable.description}", r.deliverable.due, cid, "deliverable",
                       _campaign_file(cid))
              for r in campaign.roles if r.deliverable is not None and r.deliverable.due]
    found += [Deadline(f"goal-{cid}-{i}", g.title, g.deadline, cid, "milestone", _campaign_file(cid)) for i, g in enumerate(campaign.goals, 1)]
    found.append(Deadline(f"end-{cid}", campaign.title, campaign.end, cid, "milestone", _campaign_file(cid)))
    return sorted(found, key=lambda d: (d.due, d.uid))


def koc_deadlines(data: SiteData, koc: str) -> list[Deadline]:
    tasks = data.programme.tasks
    found = [Deadline(f"task-{tid}", tasks[tid].title, tasks[tid].due, tasks[tid].campaign, "task", _task_file(tid)) for tid in open_tasks_of(data, koc)]
    found += [Deadline(f"deliverable-{cid}-{role.id}", f"{role.name} · {role.deliverable.description}", role.deliverable.due, cid,
                       "deliverable", _campaign_file(cid)) for cid, role, delivery in role_deliverables_of(data, koc)
              if role.deliverable.due and not (delivery is not None and delivery.met)]
    return sorted(found, key=lambda d: (d.due, d.uid))


def ics(data: SiteData, name: str, deadlines: list[Deadline]) -> str:
    from icalendar import Calendar, Event

    host = "kocsite"
    site_url = data.programme.settings.site.url
    calendar = Calendar()
    calendar.add("prodid", "-//kocsite//deadlines//ZH")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", plain(name))
    for d in deadlines:
        event = Event()
        event.add("uid", f"{d.uid}@{host}")
        event.add("dtstamp", _revised(data, d.source))
        event.add("dtstart", d.due)
        event.add("dtend", d.due + timedelta(days=1))
        event.add("summary", " ".join(str(d.title).split()))
        event.add("categories", [d.kind])
        if site_url and d.campaign:
            event.add("url", site_url.rstrip("/") + "/" + campaign_page(d.campaign).removesuffix("index.md"))
        calendar.add_component(event)
    return calendar.to_ical().decode("utf-8")


def _revised(data: SiteData, source: str) -> datetime:
    """When the data behind an event last changed: its file's last commit, else the build's day."""
    changed = data.history.last_changed([source])
    day = date.fromisoformat(changed) if changed else data.today
    return datetime.combine(day, time(0, 0), tzinfo=timezone.utc)


def _task_file(tid: str) -> str:
    return f"tasks/{tid}.yaml"


def _campaign_file(cid: str) -> str:
    return f"campaigns/{cid}.yaml"


def calendar_files(data: SiteData) -> dict[str, str]:
    files = {calendar_path(cid=cid): ics(data, data.programme.campaigns[cid].title, campaign_deadlines(data, cid))
             for cid in sorted(data.programme.campaigns)}
    for koc in sorted(data.profiled):
        files[calendar_path(koc=koc)] = ics(data, data.programme.kocs[koc].name, koc_deadlines(data, koc))
    return files
