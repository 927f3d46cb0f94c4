"""`kocsite report`: the operators' weekly figures per campaign — recruitment funnel, task completion
rate (任务完成率), engagement rate (互动率), exposure, interactions, sales leads (销售线索), goal
progress and delivery per role. Every figure comes from `kocsite.ops.metrics`; this module only writes.

- Markdown: every data string escaped for GitHub (kocsite.outputs.inert.markdown, ids as code spans); a summary table (one row per campaign), then per campaign its funnel, goals and roles —
  for a weekly email or a PR comment.
- CSV: one row per campaign, columns `CSV_COLUMNS` (stable: append new ones at the end only); rates
  as decimals with 6 places (0.047375), empty when undefined.
- JSON: {"campaigns": [the full `kocsite progress --format json` document of each campaign]}.
"""

from __future__ import annotations

from typing import Any

from kocsite.core.display import decimal_text, percent_text
from kocsite.core.labels import CAMPAIGN_STATUS, METRIC, label
from kocsite.outputs.inert import code, markdown
from kocsite.ops.metrics import CampaignMetrics
from kocsite.outputs.progress import progress_document

CSV_COLUMNS = [(key, key) for key in (
    "campaign", "title", "status",
    "invitations", "invited", "accepted", "declined", "withdrawn", "acceptance_rate",
    "tasks_total", "tasks_done", "completion_rate",
    "exposure", "interactions", "engagement_rate", "leads",
    "approved", "pending", "changes_requested", "rejected",
    "goals_total", "goals_met", "role_members", "role_delivered",
)]


def _rate(value) -> str:
    return "" if value is None else decimal_text(value, 6)


def csv_rows(metrics: list[CampaignMetrics]) -> list[dict[str, Any]]:
    return [{
        "campaign": m.campaign, "title": m.title, "status": m.status,
        "invitations": m.invitations, "invited": m.invited, "accepted": m.accepted, "declined": m.declined,
        "withdrawn": m.withdrawn, "acceptance_rate": _rate(m.acceptance_rate),
        "tasks_total": m.tasks_total, "tasks_done": m.tasks_done, "completion_rate": _rate(m.completion_rate),
        "exposure": m.exposure, "interactions": m.interactions, "engagement_rate": _rate(m.engagement_rate),
        "leads": m.leads,
        "approved": m.approved, "pending": m.pending, "changes_requested": m.changes_requested, "rejected": m.rejected,
        "goals_total": len(m.goals), "goals_met": sum(1 for g in m.goals if g.met),
        "role_members": sum(r.accepted for r in m.roles), "role_delivered": sum(r.delivered for r in m.roles),
    } for m in metrics]


def report_document(metrics: list[CampaignMetrics]) -> dict[str, Any]:
    return {"campaigns": [progress_document(m) for m in metrics]}


class _Md(str):
    """A cell already written as Markdown (data inside it escaped)."""


def _named(title: str, ident: str, zh: bool, extra: str = "") -> _Md:
    """A data title with its id as a code span: `标题（`id`）`."""
    inside = code(ident, table=True) + (f"，{extra}" if zh and extra else f", {extra}" if extra else "")
    return _Md(f"{markdown(title)}（{inside}）" if zh else f"{markdown(title)} ({inside})")


def _cell(text: Any) -> str:
    return text if isinstance(text, _Md) else markdown(text)


def _table(header: list[str], rows: list[list[Any]]) -> list[str]:
    out = ["| " + " | ".join(header) + " |", "|" + "|".join(" --- " for _ in header) + "|"]
    out += ["| " + " | ".join(_cell(c) for c in row) + " |" for row in rows]
    return out


def report_markdown(metrics: list[CampaignMetrics], lang: str) -> str:
    zh = lang != "en"
    out = ["# KOC 运营周报" if zh else "# KOC programme report", ""]
    if not metrics:
        out.append("还没有活动。" if zh else "No campaigns yet.")
        return "\n".join(out) + "\n"
    header = (["活动", "状态", "邀请 → 接受", "接受率", "任务完成率", "曝光", "互动", "互动率", "销售线索", "目标达成"] if zh else
              ["campaign", "status", "invited → accepted", "acceptance", "task completion", "exposure", "interactions",
               "engagement", "leads", "goals met"])
    out += _table(header, [[
        _named(m.title, m.campaign, zh), label(CAMPAIGN_STATUS, m.status, lang),
        f"{m.invitations} → {m.accepted}", percent_text(m.acceptance_rate),
        f"{m.tasks_done}/{m.tasks_total} = {percent_text(m.completion_rate)}",
        f"{m.exposure:,}", f"{m.interactions:,}", percent_text(m.engagement_rate), f"{m.leads:,}",
        f"{sum(1 for g in m.goals if g.met)}/{len(m.goals)}",
    ] for m in metrics])
    for m in metrics:
        out += ["", f"## {_named(m.title, m.campaign, zh, label(CAMPAIGN_STATUS, m.status, lang))}", ""]
        out.append("### 招募漏斗" if zh else "### Recruitment funnel")
        out.append("")
        out += _table(["邀请", "接受", "拒绝", "撤回", "待回复", "接受率"] if zh else
                      ["invited", "accepted", "declined", "withdrawn", "awaiting answer", "acceptance rate"],
                      [[m.invitations, m.accepted, m.declined, m.withdrawn, m.invited, percent_text(m.acceptance_rate)]])
        out += ["", "### 任务与传播" if zh else "### Tasks and reach", ""]
        out += _table(["任务完成率", "曝光", "互动", "互动率", "销售线索", "审核：通过 / 待审 / 需修改 / 未通过"] if zh else
                      ["task completion", "exposure", "interactions", "engagement rate", "leads",
                       "reviews: approved / pending / changes / rejected"],
                      [[f"{m.tasks_done}/{m.tasks_total} = {percent_text(m.completion_rate)}", f"{m.exposure:,}",
                        f"{m.interactions:,}", percent_text(m.engagement_rate), f"{m.leads:,}",
                        f"{m.approved} / {m.pending} / {m.changes_requested} / {m.rejected}"]])
        if m.goals:
            out += ["", "### 目标进度" if zh else "### Goals", ""]
            out += _table(["目标", "指标", "完成", "目标值", "进度", "截止", "达成"] if zh else
                          ["goal", "metric", "achieved", "target", "progress", "deadline", "met"],
                          [[g.title, label(METRIC, g.metric, lang), f"{g.achieved:,}", f"{g.target:,}", percent_text(g.ratio, 0),
                            g.deadline.isoformat(), ("✓" if g.met else "")] for g in m.goals])
        if m.roles:
            out += ["", "### 角色交付" if zh else "### Delivery per role", ""]
            out += _table(["角色", "名额", "接受", "待回复", "达标", "通过的内容"] if zh else
                          ["role", "headcount", "accepted", "awaiting answer", "met the standard", "approved work"],
                          [[_named(r.name, r.role, zh), r.headcount, r.accepted,
                            r.invited, f"{r.delivered}/{r.accepted}", r.approved] for r in m.roles])
    return "\n".join(out) + "\n"
