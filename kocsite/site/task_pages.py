"""The four quadrants: an overview and one page each (routine and exploration in detail)."""

from __future__ import annotations

from kocsite.money.credit import QUADRANTS
from kocsite.core.display import yuan
from kocsite.site.blocks import (SiteData, blocked_table, bullets, campaign_ref, count, deliverable_standard, entries, koc_ref,
                                 last_changed, page, rel, section, table)
from kocsite.outputs.escape import link, md, md_paragraphs
from kocsite.site.phone import blocked_scan_table, days_text

INDEX = "tasks/index.md"


def quadrant_page(quadrant: str) -> str:
    return f"tasks/{quadrant}.md"


def task_files(data: SiteData, ids: list[str]) -> set[str]:
    files = {f"tasks/{tid}.yaml" for tid in ids} | {"kocsite.yml"}
    for tid in ids:
        files.update(r.file for r in data.programme.contributions.get(tid, []))
    return files


def _ids(data: SiteData, quadrant: str) -> list[str]:
    return [tid for tid in sorted(data.programme.tasks) if data.programme.tasks[tid].quadrant == quadrant]


def task_pages(data: SiteData) -> dict[str, str]:
    t = data.t
    rows = [[f"[{t(f'quadrant_{q}')}]({rel(INDEX, quadrant_page(q))})", t(f"quadrant_{q}_about"), str(len(_ids(data, q)))]
            for q in QUADRANTS]
    every = sorted(data.programme.tasks)
    pages = {INDEX: page(t("tasks"), [section(t("quadrants"), table([t("task"), t("description"), t("task_count", n="")], rows))],
                         last_changed(data, task_files(data, every)))}
    for q in QUADRANTS:
        pages[quadrant_page(q)] = _quadrant(data, q)
    pages.update(single_task_pages(data))
    return pages


def _quadrant(data: SiteData, quadrant: str) -> str:
    t, here = data.t, quadrant_page(quadrant)
    ids = _ids(data, quadrant)
    if quadrant == "project":
        rows = [[task_ref(data, tid, here), campaign_ref(data, data.programme.tasks[tid].campaign, here, "board")
                 if data.programme.tasks[tid].campaign else "", t.value(data.programme.tasks[tid].status),
                 str(data.programme.tasks[tid].due or "")] for tid in ids]
        body = [t(f"quadrant_{quadrant}_about"), blocked_table(entries(t), "##", [t("task"), t("campaign"), t("status"), t("due")], rows)]
    else:
        body = [t(f"quadrant_{quadrant}_about"), *[_task(data, tid, here) for tid in ids]]
    tag = t(f"quadrant_{quadrant}")
    return page(tag, body, last_changed(data, task_files(data, ids)), ["tags:", f'  - "{tag}"'])


def _task(data: SiteData, tid: str, here: str) -> str:
    t, task = data.t, data.programme.tasks[tid]
    facts = [f"**{t('status')}**：{t.value(task.status)}"]
    if task.start or task.due:
        facts.append(f"**{t('period')}**：{task.start or ''} — {task.due or ''}")
    if task.points:
        facts.append(f"**{t('points')}**：{task.points}")
    if task.owners:
        facts.append(f"**{t('owners')}**：" + t.comma.join(koc_ref(data, k, here) for k in task.owners))
    if task.campaign:
        facts.append(f"**{t('campaign')}**：{campaign_ref(data, task.campaign, here)}")
    if task.routine:
        facts.append(f"**{t('cadence')}**：{t.value(task.routine.cadence)}")
        if task.routine.prompt:
            facts.append(f"**{t('prompt')}**：{md(task.routine.prompt)}")
    if task.exploration:
        e = task.exploration
        facts.append(f"**{t('budget')}**：{t('yuan', v=yuan(e.budget_fen))}")
        facts.append(f"**{t('failure_allowed')}**：{t('yes') if e.failure_allowed else t('no')}")
        if e.hypothesis:
            facts.append(f"**{t('hypothesis')}**：{md(e.hypothesis)}")
        facts.append(f"**{t('outcome')}**：{t.value(e.outcome)}")
        if e.findings:
            facts.append(f"**{t('findings')}**：{md(e.findings)}")
    parts = [f"## {md(task.title)}", md_paragraphs(task.description) if task.description else "", bullets(facts),
             f"[{t('task_page_link')}]({rel(here, task_page(tid))})"]
    approved = [r for r in data.programme.contributions.get(tid, []) if r.contribution.review.status == "approved"]
    if approved and task.quadrant != "routine":
        rows = [[str(r.contribution.date), link(r.contribution.title, r.contribution.url),
                 t.comma.join(koc_ref(data, k, here) for k in ([r.contribution.koc] if r.contribution.koc else
                                                              [a.koc for a in r.contribution.authors]))]
                for r in approved]
        parts.append(table([t("date"), t("work"), t("authors")], rows))
    elif approved:
        people = {r.contribution.koc for r in approved if r.contribution.koc}  # a count: 10 000 names help nobody
        parts.append(f"**{t('contributions')}**：{count(len(approved))} · {t('kocs_count', n=count(len(people)))}")
    return "\n\n".join(p for p in parts if p)


# ------------------------------------------------------------------ one page per task


TASK_DIR = "tasks/all"
"""Task pages live in their own folder (outside the nav): a task id can never collide with a quadrant page."""


TASK_SEARCH_BOOST = 0.1
"""Material's per-page search boost (front matter `search.boost`) of task pages."""


def task_page(tid: str) -> str:
    return f"{TASK_DIR}/{tid}.md"


def task_ref(data: SiteData, tid: str, here: str) -> str:
    """The task's title, linked to its page."""
    task = data.programme.tasks.get(tid)
    if task is None:
        return md(tid)
    return f"[{md(task.title)}]({rel(here, task_page(tid))})"


def copy_block(text: str) -> str:
    """A key message as a box whose whole text one tap or long-press selects (CSS `user-select: all`):
    no script, no code block, nothing loaded from another host; the text inside is `md()`-escaped."""
    return f'<p class="kocsite-copy">{md(text)}</p>'


def single_task_pages(data: SiteData) -> dict[str, str]:
    return {task_page(tid): single_task_page(data, tid) for tid in sorted(data.programme.tasks)}


def single_task_page(data: SiteData, tid: str) -> str:
    t, task, here = data.t, data.programme.tasks[tid], task_page(tid)
    lead = " · ".join(x for x in (f"[{t(f'quadrant_{task.quadrant}')}]({rel(here, quadrant_page(task.quadrant))})",
                                  campaign_ref(data, task.campaign, here) if task.campaign else "") if x)
    sections = [lead, md_paragraphs(task.description) if task.description else "",
                section(t("task_details"), bullets(_details(data, tid, here))),
                section(t("creative_brief"), _brief(data, tid)),
                section(t("deliverable"), _deliverable(data, tid)),
                section(t("works_submitted"), _works(data, tid, here))]
    tag = t(f"quadrant_{task.quadrant}")
    # a task page names every author of its works: a search for a KOC's name should find their profile first
    return page(task.title, sections, last_changed(data, task_files(data, [tid])),
                ["tags:", f'  - "{tag}"', "search:", f"  boost: {TASK_SEARCH_BOOST}"])


def _details(data: SiteData, tid: str, here: str) -> list[str]:
    t, task = data.t, data.programme.tasks[tid]
    facts = [f"**{t('status')}**：{t.value(task.status)}"]
    if task.due:
        left = f"（{days_text((task.due - data.today).days, t)}）" if task.status not in ("done", "cancelled") else ""
        facts.append(f"**{t('due')}**：{task.due}{left}")
    if task.start:
        facts.append(f"**{t('period')}**：{task.start} — {task.due or ''}")
    if task.owners:
        facts.append(f"**{t('owners')}**：" + t.comma.join(koc_ref(data, k, here) for k in task.owners))
    if task.role and task.campaign in data.programme.campaigns:
        role = next((r for r in data.programme.campaigns[task.campaign].roles if r.id == task.role), None)
        facts.append(f"**{t('role')}**：{md(role.name if role else task.role)}")
    if task.points:
        facts.append(f"**{t('points')}**：{task.points}")
    if task.skills:
        names = {s.id: s.name for s in data.programme.settings.skills}
        facts.append(f"**{t('skills_needed')}**：" + t.comma.join(md(names.get(s, s)) for s in task.skills))
    if task.routine:
        facts.append(f"**{t('cadence')}**：{t.value(task.routine.cadence)}")
        if task.routine.prompt:
            facts.append(f"**{t('prompt')}**：{md(task.routine.prompt)}")
    if task.exploration:
        e = task.exploration
        facts.append(f"**{t('budget')}**：{t('yuan', v=yuan(e.budget_fen))}")
        if e.hypothesis:
            facts.append(f"**{t('hypothesis')}**：{md(e.hypothesis)}")
        facts.append(f"**{t('outcome')}**：{t.value(e.outcome)}")
    return facts


def _brief(data: SiteData, tid: str) -> str:
    t, brief = data.t, data.programme.tasks[tid].brief
    if brief is None or not (brief.direction or brief.key_messages or brief.resources or brief.channels):
        return t("no_brief")
    parts = []
    if brief.direction:
        parts.append(f"**{t('brief_direction')}**：{md(brief.direction)}")
    if brief.key_messages:
        parts.append(f"### {t('copy_messages')}\n\n{t('copy_hint')}\n\n" + "\n\n".join(copy_block(m) for m in brief.key_messages))
    if brief.resources:
        parts.append(f"**{t('resources')}**\n\n" + bullets([md(r) for r in brief.resources]))
    if brief.channels:
        parts.append(f"**{t('channels')}**\n\n" + bullets([md(c) for c in brief.channels]))
    return "\n\n".join(parts)


def _deliverable(data: SiteData, tid: str) -> str:
    """The standard of the campaign role the task is for (交付标准), as the kickoff brief states it."""
    t, task = data.t, data.programme.tasks[tid]
    campaign = data.programme.campaigns.get(task.campaign) if task.campaign else None
    role = next((r for r in campaign.roles if r.id == task.role), None) if campaign and task.role else None
    if role is None or role.deliverable is None:
        return ""
    return f"**{t('for_role', role=md(role.name))}**：" + deliverable_standard(t, role.deliverable)


_SHOWN_REVIEWS = ("approved", "pending")
"""Works in review are shown (so a builder can amplify them once approved); rejected ones and requested
changes are between the KOC and the reviewer."""


def _works(data: SiteData, tid: str, here: str) -> str:
    t, task = data.t, data.programme.tasks[tid]
    records = [r for r in data.programme.contributions.get(tid, []) if r.contribution.review.status in _SHOWN_REVIEWS]
    if not records:
        return t("no_works")
    if task.quadrant == "routine":  # thousands of check-ins: a count, as on the quadrant page
        approved = [r for r in records if r.contribution.review.status == "approved"]
        people = {r.contribution.koc for r in approved if r.contribution.koc}
        return f"**{t('contributions')}**：{count(len(approved))} · {t('kocs_count', n=count(len(people)))}"
    records = sorted(records, key=lambda r: (r.contribution.date, r.file), reverse=True)
    rows = [[link(r.contribution.title, r.contribution.url), t.value(r.contribution.review.status)] for r in records]
    details = [[(t("date"), str(r.contribution.date)),
                (t("authors"), t.comma.join(koc_ref(data, k, here) for k in ([r.contribution.koc] if r.contribution.koc else
                                                                               [a.koc for a in r.contribution.authors])))]
               for r in records]
    return blocked_scan_table(entries(t), "###", [t("work"), t("review_status")], rows, details)
