"""`kocsite report insights`: the insight report per product team (kocsite.ops.insight_report) as Markdown
for the 用户声音分享会, CSV (one row per team, through tables.write_csv, which makes every cell inert for
Excel) or JSON. Markdown escapes every data string for GitHub (outputs.inert), ids as code spans."""

from __future__ import annotations

from datetime import date
from typing import Any

from kocsite.core.labels import INSIGHT_STATUS, label
from kocsite.outputs.inert import code, markdown
from kocsite.ops.insight_report import TeamInsights

CSV_COLUMNS = [(key, key) for key in (
    "team", "received", "waiting", "in_progress", "shipped", "declined", "not_reported_back", "not_reported_back_ids")]


def csv_rows(report: list[TeamInsights]) -> list[dict[str, Any]]:
    return [{"team": t.team, "received": t.received, "waiting": t.waiting, "in_progress": t.in_progress,
             "shipped": t.shipped, "declined": t.declined, "not_reported_back": len(t.not_reported_back),
             "not_reported_back_ids": " ".join(t.not_reported_back)} for t in report]


def document(report: list[TeamInsights], since: date | None) -> dict[str, Any]:
    return {"since": since.isoformat() if since else None, "teams": [{
        **{k: v for k, v in row.items() if k != "not_reported_back_ids"},
        "not_reported_back": team.not_reported_back,
        "insights": [{"id": iid, "title": i.title, "topic": i.topic, "status": i.status, "campaign": i.campaign,
                      "kocs": list(i.kocs), "received": i.received.isoformat(),
                      "resolved": i.resolved.isoformat() if i.resolved else None, "outcome": i.outcome,
                      "reported_back": i.reported_back.isoformat() if i.reported_back else None}
                     for iid, i in team.insights],
    } for team, row in zip(report, csv_rows(report))]}


def report_markdown(report: list[TeamInsights], lang: str, since: date | None) -> str:
    zh = lang != "en"
    out = ["# 用户洞察 · 各团队进展" if zh else "# User insights by team", ""]
    if since is not None:
        out += [f"{since} 起收到的洞察。" if zh else f"Insights received since {since}.", ""]
    if not report:
        out.append("还没有用户洞察。" if zh else "No insights yet.")
        return "\n".join(out) + "\n"
    head = (["团队", "收到", "待处理", "进行中", "已上线", "暂不采纳", "未反馈给车主"] if zh else
            ["team", "received", "waiting", "in progress", "shipped", "declined", "not reported back"])
    out += _table(head, [[markdown(t.team), t.received, t.waiting, t.in_progress, t.shipped, t.declined,
                          len(t.not_reported_back)] for t in report])
    for team in report:
        out += ["", f"## {markdown(team.team)}", ""]
        if not team.insights:
            out.append("这段时间没有收到洞察。" if zh else "No insights in this period.")
            continue
        out += _table(["洞察", "状态", "收到", "结论", "反馈给车主"] if zh else
                      ["insight", "status", "received", "resolved", "reported back"],
                      [[f"{markdown(i.title)}（{code(iid, table=True)}）" if zh else f"{markdown(i.title)} ({code(iid, table=True)})",
                        label(INSIGHT_STATUS, i.status, lang), i.received, i.resolved or "",
                        _reported(iid, i, team, zh)] for iid, i in team.insights])
    return "\n".join(out) + "\n"


def _reported(iid: str, insight: Any, team: TeamInsights, zh: bool) -> str:
    if insight.reported_back is not None:
        return str(insight.reported_back)
    if iid in team.not_reported_back:
        return "**待反馈**" if zh else "**due**"
    return ""


def _table(header: list[str], rows: list[list[Any]]) -> list[str]:
    out = ["| " + " | ".join(header) + " |", "|" + "|".join(" --- " for _ in header) + "|"]
    out += ["| " + " | ".join(str(c) if c != "" else "—" for c in row) + " |" for row in rows]
    return out
