"""Guard rails of `kocsite close`: what must be finished before a campaign's money is frozen.

A campaign is closed after its end date, with every review of its contributions decided and every
task done or cancelled, and with a retrospective (so `check --strict` stays clean). `--force
--reason TEXT` closes anyway and writes the reason into the ledger.
"""

from __future__ import annotations

from datetime import date

from kocsite.models.programme import Programme

OPEN_TASK = ("todo", "in-progress", "review")
UNDECIDED_REVIEW = ("pending", "changes-requested")


def close_blockers(programme: Programme, campaign_id: str, today: date) -> list[tuple[str, str]]:
    """Why the campaign may not be closed today, in Chinese and English; empty when it may."""
    campaign = programme.campaigns[campaign_id]
    blockers = []
    if today < campaign.end:
        blockers.append((f"活动 {campaign.end} 才结束（今天 {today}），状态为 {campaign.status}",
                         f"the campaign ends on {campaign.end} (today is {today}); its status is {campaign.status}"))
    tasks = {t: task for t, task in programme.tasks.items() if task.campaign == campaign_id}
    open_tasks = sorted(t for t, task in tasks.items() if task.status in OPEN_TASK)
    if open_tasks:
        blockers.append((f"{len(open_tasks)} 个任务还没有完成或取消：{'、'.join(open_tasks)}",
                         f"{len(open_tasks)} task(s) are neither done nor cancelled: {', '.join(open_tasks)}"))
    undecided = sorted(r.file for t in tasks for r in programme.contributions.get(t, ())
                       if r.contribution.review.status in UNDECIDED_REVIEW)
    if undecided:
        shown = "、".join(undecided[:5]) + ("…" if len(undecided) > 5 else "")
        blockers.append((f"{len(undecided)} 条贡献还在等待审核（pending / changes-requested）：{shown}",
                         f"{len(undecided)} contribution(s) still await review (pending / changes-requested): "
                         f"{shown.replace('、', ', ')}"))
    if campaign.retrospective is None:
        blockers.append(("活动还没有复盘（retrospective）：先写下 retrospective.summary",
                         "the campaign has no retrospective yet: write retrospective.summary first"))
    return blockers
