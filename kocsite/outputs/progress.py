"""`kocsite progress`: a campaign's goals, delivery, reach and what is due, for operators."""

from __future__ import annotations

import dataclasses
from datetime import date
from fractions import Fraction
from typing import Any

from kocsite.core.display import decimal_text, percent_text
from kocsite.core.labels import CAMPAIGN_STATUS, joined, label
from kocsite.ops.metrics import CampaignMetrics

_BAR = 20


def progress_lines(m: CampaignMetrics, lang: str) -> list[str]:
    zh = lang != "en"
    status = label(CAMPAIGN_STATUS, m.status, lang)
    out = [f"{m.title}（{m.campaign}，{status}）" if zh else f"{m.title} ({m.campaign}, {status})", ""]
    out.append("目标" if zh else "Goals")
    for g in m.goals:
        mark = "✓" if g.met else " "
        due = f"截止 {g.deadline}" if zh else f"due {g.deadline}"
        out.append(f"  {mark} {_bar(g.ratio)} {g.achieved}/{g.target}  {percent_text(g.ratio, 0)}  {g.title}  {due}")
    out.append("")
    if zh:
        out += [f"任务完成率：{m.tasks_done}/{m.tasks_total} = {percent_text(m.completion_rate)}",
                f"内容审核：通过 {m.approved} · 待审 {m.pending} · 需修改 {m.changes_requested} · 未通过 {m.rejected}",
                f"传播：曝光 {m.exposure:,} · 互动 {m.interactions:,} · 互动率 {percent_text(m.engagement_rate)} · 销售线索 {m.leads:,}",
                f"招募：邀请 {m.invitations} · 接受 {m.accepted} · 拒绝 {m.declined} · 撤回 {m.withdrawn} · 接受率 {percent_text(m.acceptance_rate)}",
                "角色交付："]
    else:
        out += [f"tasks done: {m.tasks_done}/{m.tasks_total} = {percent_text(m.completion_rate)}",
                f"reviews: approved {m.approved} · pending {m.pending} · changes requested {m.changes_requested} · rejected {m.rejected}",
                f"reach: exposure {m.exposure:,} · interactions {m.interactions:,} · engagement {percent_text(m.engagement_rate)} · leads {m.leads:,}",
                f"recruitment: invited {m.invitations} · accepted {m.accepted} · declined {m.declined} · withdrawn {m.withdrawn} · "
                f"acceptance {percent_text(m.acceptance_rate)}",
                "delivery by role:"]
    for r in m.roles:
        out.append(f"  {r.name}（{r.role}）：{r.delivered}/{r.accepted} 达标，名额 {r.headcount}，通过的内容 {r.approved}" if zh else
                   f"  {r.name} ({r.role}): {r.delivered}/{r.accepted} met the standard, headcount {r.headcount}, approved work {r.approved}")
    if m.today is not None:
        out.append("")
        out.append(f"截至 {m.today}：逾期 {_ids(m.overdue, lang)}；两天内到期 {_ids(m.due_soon, lang)}" if zh else
                   f"as of {m.today}: overdue {_ids(m.overdue, lang)}; due within 2 days {_ids(m.due_soon, lang)}")
    return out


def progress_document(m: CampaignMetrics) -> dict[str, Any]:
    """JSON-ready: rates as exact fractions ("803/16950") and decimals, dates as ISO text."""
    return _plain(dataclasses.asdict(m))


def _plain(value: Any) -> Any:
    if isinstance(value, Fraction):
        return {"fraction": f"{value.numerator}/{value.denominator}", "decimal": decimal_text(value, 6)}
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    return value


def _bar(ratio: Fraction) -> str:
    filled = min(_BAR, int(ratio * _BAR))
    return "█" * filled + "░" * (_BAR - filled)


def _ids(ids: tuple[str, ...] | None, lang: str) -> str:
    return joined(ids, lang) if ids else "—"
