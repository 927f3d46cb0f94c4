"""The four quadrants: an overview and one page each (routine and exploration in detail)."""

from __future__ import annotations

from kocsite.money.credit import QUADRANTS
from kocsite.core.display import yuan
from kocsite.site.blocks import SiteData, bullets, campaign_ref, count, koc_ref, last_changed, page, rel, section, table
from kocsite.outputs.escape import link, md, md_paragraphs

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
    return pages


def _quadrant(data: SiteData, quadrant: str) -> str:
    t, here = data.t, quadrant_page(quadrant)
    ids = _ids(data, quadrant)
    if quadrant == "project":
        rows = [[md(data.programme.tasks[tid].title), campaign_ref(data, data.programme.tasks[tid].campaign, here, "board")
                 if data.programme.tasks[tid].campaign else "", t.value(data.programme.tasks[tid].status),
                 str(data.programme.tasks[tid].due or "")] for tid in ids]
        body = [t(f"quadrant_{quadrant}_about"), table([t("task"), t("campaign"), t("status"), t("due")], rows)]
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
    parts = [f"## {md(task.title)}", md_paragraphs(task.description) if task.description else "", bullets(facts)]
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
