"""The hand-off sheet (`kocsite.ops.handoff.HandoffSheet`) as terminal text or JSON.

Private by nature (hand-off notes, contact log): there is deliberately no Markdown writer, so the sheet
cannot be posted to an issue or a page by mistake. Every data string passes `inert.terminal`.
"""

from __future__ import annotations

from typing import Any

from kocsite.ops.handoff import HandoffSheet
from kocsite.outputs.inert import terminal

_NONE = ("（未填写）", "(none)")


def _pick(lang: str, zh: str, en: str) -> str:
    return en if lang == "en" else zh


def _block(text: str | None, lang: str, indent: str = "    ") -> list[str]:
    if not text:
        return [indent + _pick(lang, *_NONE)]
    return [indent + line for line in text.strip().splitlines()]


def handoff_lines(sheet: HandoffSheet, lang: str = "zh") -> list[str]:
    p = lambda zh, en: _pick(lang, zh, en)  # noqa: E731
    team = f"{sheet.team_name}（{sheet.team}）" if sheet.team else p(*_NONE)
    lines = [p(f"移交单 · {sheet.name}（{sheet.koc}）· 仅限内部，请勿转发或公开",
               f"Hand-off sheet · {sheet.name} ({sheet.koc}) · internal only, do not forward or publish"),
             p(f"专属客户经理：{sheet.owner or _NONE[0]}", f"account manager: {sheet.owner or _NONE[1]}"),
             p(f"当前团队：{team}", f"team now: {team}")]
    if sheet.steps and sheet.steps[-1].to_team != sheet.team:
        latest = sheet.steps[-1]
        lines.append(p(f"接收团队（最近一次移交）：{latest.to_name}（{latest.to_team}）",
                       f"receiving team (latest hand-off): {latest.to_name} ({latest.to_team})"))
    lines += ["", p("移交记录", "Hand-offs")]
    if not sheet.steps:
        lines.append("  " + p("（还没有移交）", "(no hand-offs yet)"))
    for step in sheet.steps:
        by = f" · {step.by}" if step.by else ""
        lines.append(f"  {step.date.isoformat()}  {step.from_name} → {step.to_name}{by}")
        if step.notes is None:
            lines.append("    " + p("⚠ 没有移交备注：请客户经理补上（kocsite due 会提醒）",
                                   "⚠ no hand-off notes: the account manager should add them (kocsite due reminds)"))
        else:
            lines += _block(step.notes, lang)
    lines += ["", p("长期移交备注（private.handoff_notes）", "Standing hand-off notes (private.handoff_notes)")]
    lines += _block(sheet.standing_notes, lang, "  ")
    lines += ["", p("沟通记录", "Contact log")]
    if not sheet.contact_log:
        lines.append("  " + p(*_NONE))
    for entry in sheet.contact_log:
        by = f" · {entry.by}" if entry.by else ""
        lines.append(f"  {entry.date.isoformat()}  {entry.channel}{by}")
        lines += _block(entry.summary, lang)
        if entry.next_step or entry.next_date:
            when = entry.next_date.isoformat() if entry.next_date else ""
            lines.append("    " + p(f"下一步：{entry.next_step or ''} {when}", f"next: {entry.next_step or ''} {when}").rstrip())
    return [terminal(line) for line in lines]


def handoff_document(sheet: HandoffSheet) -> dict[str, Any]:
    return {
        "koc": sheet.koc, "name": sheet.name, "owner": sheet.owner, "team": sheet.team, "receiving_team": sheet.receiving,
        "missing_notes": sheet.missing_notes, "standing_notes": sheet.standing_notes,
        "handoffs": [{"date": s.date.isoformat(), "from_team": s.from_team, "to_team": s.to_team, "by": s.by,
                      "notes": s.notes} for s in sheet.steps],
        "contact_log": [{"date": e.date.isoformat(), "channel": e.channel, "summary": e.summary, "by": e.by,
                         "next_step": e.next_step, "next_date": e.next_date.isoformat() if e.next_date else None}
                        for e in sheet.contact_log],
    }
