"""`kocsite diff` written out: text for a terminal, Markdown for a PR comment or $GITHUB_STEP_SUMMARY, JSON.

Markdown escapes every data string for GitHub (kocsite.outputs.inert.markdown, ids as code spans) and stays under MARKDOWN_LIMIT
characters (a PR comment holds ~64 KB): long lists are cut, with a notice, until it fits.
Values under `private:` never reach any format: kocsite.publish.diff does not even keep them.
"""

from __future__ import annotations

from fractions import Fraction
from typing import Any

from kocsite.core.display import decimal_text, yuan
from kocsite.publish.diff import (CampaignMoney, KocMoney, DiffReport, EntityChange, FieldChange, LevelMove, ProblemChange,
                                   SideSummary)
from kocsite.outputs.inert import code as inert_code, markdown as md, terminal

DIFF_FORMATS = ("text", "markdown", "json")
MARKDOWN_LIMIT = 60_000
_VALUE_LIMIT = 200
_CAPS = (None, 500, 200, 100, 50, 20, 10, 5, 2)

_L = {
    "zh": {
        "title": "kocsite diff", "worktree": "工作区", "entities": "实体", "added": "新增", "changed": "修改",
        "removed": "删除", "money": "积分与奖金", "problems": "问题", "introduced": "新引入的问题", "fixed": "已修复的问题",
        "result": "结果", "ok": "通过", "fails": "不通过：HEAD 有 {n} 个错误", "none": "无", "private": "私密字段，不显示内容",
        "whole": "整体变化", "invalid-base": "BASE 中该文件无效", "invalid-head": "HEAD 中该文件无效",
        "rules-base": "BASE 中奖励规则无法执行", "rules-head": "HEAD 中奖励规则无法执行",
        "no-money": "{side} 有 {n} 个错误：未比较积分与奖金", "campaign": "活动", "credit": "积分", "payout": "奖金（元）",
        "pool": "奖金池", "unallocated": "未分配", "more": "……另有 {n} 项未列出", "koc": "KOC",
        "truncated": "内容过长，部分列表已截断；完整结果请在本地运行 `kocsite diff`。", "kind": "类型", "id": "id", "file": "文件",
        "fields": "变化的字段", "money_none": "没有 KOC 的积分或奖金发生变化", "kocs_affected": "积分或奖金变化的 KOC",
        "settings": "设置", "koc_kind": "KOC", "campaign_kind": "活动", "task": "任务", "contribution": "贡献", "ledger": "账本", "insight_kind": "用户洞察", "sentiment_kind": "舆情周报",
        "errors": "错误", "warnings": "警告", "item": "项目", "value": "数值", "status": "变化", "private_problem": "（位于 private 块内，不显示详情）",
        "ledger-edited": "账本文件本身被修改（手工编辑或调整条目）：以下为账本里封存数字的变化",
        "deliverable_met": "交付达标", "badges": "徽章", "goods": "实物奖励", "priority": "优先资格", "yes": "是", "no": "否",
        "redemption_kind": "积分兑换", "levels": "等级变化", "level": "等级", "up": "升级", "down": "降级", "level_changed": "等级定义变化",
        "no_level": "无等级",
        "shares": "份额确认", "confirmed": "已确认", "unconfirmed": "待确认（积分暂记为待定，奖金暂扣）",
    },
    "en": {
        "title": "kocsite diff", "worktree": "working tree", "entities": "entities", "added": "added", "changed": "changed",
        "removed": "removed", "money": "credit and payouts", "problems": "problems", "introduced": "problems introduced",
        "fixed": "problems fixed", "result": "result", "ok": "ok", "fails": "fails: HEAD has {n} error(s)", "none": "none",
        "private": "private field, value not shown", "whole": "changed as a whole", "invalid-base": "the file is invalid in BASE",
        "invalid-head": "the file is invalid in HEAD", "rules-base": "the reward rules cannot be applied in BASE",
        "rules-head": "the reward rules cannot be applied in HEAD",
        "no-money": "{side} has {n} error(s): credit and payouts not compared", "campaign": "campaign", "credit": "credit",
        "payout": "payout (yuan)", "pool": "pool", "unallocated": "unallocated", "more": "… {n} more not listed", "koc": "KOC",
        "truncated": "Too long for one comment: some lists are cut. Run `kocsite diff` locally for everything.",
        "kind": "kind", "id": "id", "file": "file", "fields": "changed fields", "money_none": "no KOC's credit or payout changes",
        "kocs_affected": "KOCs whose credit or payout changes", "settings": "settings", "koc_kind": "KOC",
        "campaign_kind": "campaign", "task": "task", "contribution": "contribution", "ledger": "ledger", "insight_kind": "insight", "sentiment_kind": "sentiment week", "errors": "errors",
        "warnings": "warnings", "item": "item", "value": "value", "status": "change", "private_problem": "(inside a private block: details withheld)",
        "ledger-edited": "the ledger file itself changed (edited by hand or adjusted): its sealed figures change as follows",
        "deliverable_met": "deliverable met", "badges": "badges", "goods": "goods", "priority": "priority", "yes": "yes", "no": "no",
        "redemption_kind": "redemptions", "levels": "level changes", "level": "level", "up": "rises", "down": "drops",
        "level_changed": "levels redefined", "no_level": "no level",
        "shares": "share confirmations", "confirmed": "confirmed", "unconfirmed": "not confirmed (credit pending, cash held back)",
    },
}


def _kind(kind: str, t: dict[str, str]) -> str:
    return t.get(f"{kind}_kind", t.get(kind, kind))


def side_label(side: SideSummary, lang: str) -> str:
    if side.label is None:
        return _L[lang]["worktree"]
    return f"{side.label} ({side.commit[:10]})" if side.commit else side.label


# -- JSON -----------------------------------------------------------------------------------------


def diff_document(report: DiffReport, lang: str) -> dict[str, Any]:
    def side(s: SideSummary) -> dict[str, Any]:
        return {"rev": s.label, "commit": s.commit, "working_tree": s.label is None, "errors": s.errors,
                "warnings": s.warnings, "money_computed": s.money_computed}

    return {
        "base": side(report.base), "head": side(report.head),
        "entities": {name: [_entity_dict(e) for e in items] for name, items in
                     (("added", report.added), ("changed", report.changed), ("removed", report.removed))},
        "money": [_money_dict(c) for c in report.money],
        "levels": [{"koc": m.koc, "name": m.name, "before": m.before, "after": m.after, "direction": m.direction}
                   for m in report.levels],
        "problems": {"introduced": [_problem_dict(p, lang) for p in report.introduced],
                     "fixed": [_problem_dict(p, lang) for p in report.fixed]},
        "ok": report.ok,
    }


def _entity_dict(e: EntityChange) -> dict[str, Any]:
    out: dict[str, Any] = {"kind": e.kind, "id": e.id, "file": e.file, "fields": [_field_dict(f) for f in e.fields]}
    if e.note:
        out["note"] = e.note
    if e.shares:
        out["shares"] = [{"koc": koc, "share": share, "confirmed": day} for koc, share, day in e.shares]
    return out


def _field_dict(f: FieldChange) -> dict[str, Any]:
    if f.private:
        return {"path": f.path, "private": True}
    if not f.shown:
        return {"path": f.path}
    return {"path": f.path, "before": f.before, "after": f.after}


def _credit(value: Fraction | None) -> str | None:
    return None if value is None else decimal_text(value)


def _plain(value: Any) -> Any:
    return list(value) if isinstance(value, tuple) else value


def _other_text(figure: str, before: Any, after: Any, t: dict[str, str]) -> str:
    def text(v: Any) -> str:
        if v is None:
            return t["none"]
        if isinstance(v, bool):
            return t["yes"] if v else t["no"]
        return "、".join(v) if v else t["none"]
    return f"{t[figure]} {text(before)} → {text(after)}"


def _money_dict(c: CampaignMoney) -> dict[str, Any]:
    out: dict[str, Any] = {
        "campaign": c.campaign, "pool_fen": {"before": c.pool_before, "after": c.pool_after},
        "unallocated_fen": {"before": c.unallocated_before, "after": c.unallocated_after},
        "kocs": [{"koc": k.koc, "credit": {"before": _credit(k.credit_before), "after": _credit(k.credit_after)},
                  "payout_fen": {"before": k.payout_before, "after": k.payout_after},
                  **{f: {"before": _plain(b), "after": _plain(a)} for f, b, a in k.others}} for k in c.kocs],
    }
    if c.note:
        out["note"] = c.note
    return out


def _problem_dict(change: ProblemChange, lang: str) -> dict[str, Any]:
    p = change.problem
    message = _L[lang]["private_problem"] if change.private else p.message(lang)
    return {"file": p.file, "line": p.line, "column": p.column, "code": p.code, "severity": p.severity,
            "message": message, "private": change.private}


# -- text -----------------------------------------------------------------------------------------


def _value_text(value: Any) -> str:
    if value is None:
        return "—"
    if isinstance(value, bool):
        return "true" if value else "false"
    text = " ".join(str(value).split())
    return text if len(text) <= _VALUE_LIMIT else text[:_VALUE_LIMIT] + "…"


def _field_text(f: FieldChange, t: dict[str, str]) -> str:
    if f.private:
        return f"{f.path} ({t['private']})"
    if not f.shown:
        return f"{f.path} ({t['whole']})"
    return f"{f.path}: {_value_text(f.before)} → {_value_text(f.after)}"


def _fen(value: int | None) -> str:
    return "—" if value is None else yuan(value)


def _credit_text(value: Fraction | None) -> str:
    return "—" if value is None else decimal_text(value)


def shares_text(shares: tuple[tuple[str, str, str | None], ...], t: dict[str, str]) -> str:
    return "; ".join(f"{koc} {share}% " + (f"{t['confirmed']} {day}" if day else t["unconfirmed"]) for koc, share, day in shares)


def text_lines(report: DiffReport, lang: str) -> list[str]:
    t = _L[lang]
    lines = [f"{t['title']}: {side_label(report.base, lang)} → {side_label(report.head, lang)}",
             f"{t['entities']}: {t['added']} {len(report.added)}, {t['changed']} {len(report.changed)}, "
             f"{t['removed']} {len(report.removed)}"]
    for mark, items in (("+", report.added), ("~", report.changed), ("-", report.removed)):
        for e in items:
            note = f" [{t[e.note]}]" if e.note else ""
            lines.append(f"  {mark} {_kind(e.kind, t)} {e.id} ({e.file}){note}")
            lines += [f"      {_field_text(f, t)}" for f in e.fields]
            if e.shares:
                lines.append(f"      {t['shares']}: {shares_text(e.shares, t)}")
    lines.append(f"{t['money']}:")
    lines += [f"  {note}" for note in _money_notes(report, t)]
    if report.base.money_computed and report.head.money_computed and not report.money:
        lines.append(f"  {t['money_none']}")
    for c in report.money:
        lines.append(f"  {t['campaign']} {c.campaign}" + (f" [{t[c.note]}]" if c.note else ""))
        for k in c.kocs:
            lines.append(f"    {k.koc}  {t['credit']} {_credit_text(k.credit_before)} → {_credit_text(k.credit_after)}  "
                         f"{t['payout']} {_fen(k.payout_before)} → {_fen(k.payout_after)}"
                         + "".join(f"  {_other_text(f, b, a, t)}" for f, b, a in k.others))
        if c.pool_before != c.pool_after:
            lines.append(f"    {t['pool']} {_fen(c.pool_before)} → {_fen(c.pool_after)}")
        if c.unallocated_before != c.unallocated_after:
            lines.append(f"    {t['unallocated']} {_fen(c.unallocated_before)} → {_fen(c.unallocated_after)}")
    if report.levels:
        lines.append(f"{t['levels']} ({len(report.levels)}):")
        lines += [f"  {_level_text(m, t)}" for m in report.levels]
    for key, items in (("introduced", report.introduced), ("fixed", report.fixed)):
        lines.append(f"{t[key]} ({len(items)}):")
        for change in items:
            p = change.problem
            message = t["private_problem"] if change.private else p.message(lang)
            lines.append(f"  {p.file}:{p.line}:{p.column}: {p.code} {message}")
    lines.append(f"{t['result']}: " + (t["ok"] if report.ok else t["fails"].format(n=report.head.errors)))
    return [terminal(line) for line in lines]


def _level_text(m: LevelMove, t: dict[str, str]) -> str:
    who = f"{m.koc} {m.name}" if m.name else m.koc
    return f"{who}  {t['level']} {_level_name(m.before, t)} → {_level_name(m.after, t)}  [{_direction(m, t)}]"


def _level_name(name: str | None, t: dict[str, str]) -> str:
    return t["no_level"] if name is None else name


def _direction(m: LevelMove, t: dict[str, str]) -> str:
    return t["level_changed"] if m.direction == "changed" else t[m.direction]


def _money_notes(report: DiffReport, t: dict[str, str]) -> list[str]:
    return [t["no-money"].format(side=name, n=side.errors)
            for name, side in (("BASE", report.base), ("HEAD", report.head)) if not side.money_computed]


# -- Markdown -------------------------------------------------------------------------------------


def markdown(report: DiffReport, lang: str) -> str:
    """The Markdown report, under MARKDOWN_LIMIT characters: lists are cut shorter until it fits."""
    for cap in _CAPS:
        text = _markdown(report, lang, cap)
        if len(text) <= MARKDOWN_LIMIT:
            return text
    return _markdown(report, lang, 0)[:MARKDOWN_LIMIT]


def _cut(items: list, cap: int | None) -> tuple[list, int]:
    if cap is None or len(items) <= cap:
        return items, 0
    return items[:cap], len(items) - cap


def _code(text: str) -> str:
    """Ids, file names and field paths as code spans (inside tables: a mention or `|` there is inert)."""
    return inert_code(text, table=True)


def _koc(k: KocMoney) -> str:
    """A KOC by nickname and id."""
    return f"{md(k.name)} {_code(k.koc)}" if k.name else _code(k.koc)


def _koc_level(m: LevelMove) -> str:
    return f"{md(m.name)} {_code(m.koc)}" if m.name else _code(m.koc)


def _md_value(value: Any) -> str:
    return "—" if value is None else md(_value_text(value))


def _md_field(f: FieldChange, t: dict[str, str]) -> str:
    if f.private:
        return f"{_code(f.path)} ({md(t['private'])})"
    if not f.shown:
        return f"{_code(f.path)} ({md(t['whole'])})"
    return f"{_code(f.path)}: {_md_value(f.before)} → {_md_value(f.after)}"


def _markdown(report: DiffReport, lang: str, cap: int | None) -> str:
    t = _L[lang]
    cut_any = False
    kocs = sum(len(c.kocs) for c in report.money)
    out = [f"### {t['title']}: {md(side_label(report.base, lang))} → {md(side_label(report.head, lang))}", "",
           f"| {t['item']} | {t['value']} |", "| --- | --- |",
           f"| {t['entities']} | {t['added']} {len(report.added)} · {t['changed']} {len(report.changed)} · "
           f"{t['removed']} {len(report.removed)} |",
           f"| {t['kocs_affected']} | {kocs} |",
           f"| {t['introduced']} | {len(report.introduced)} |",
           f"| {t['fixed']} | {len(report.fixed)} |",
           f"| {t['result']} | " + ("✅ " + t["ok"] if report.ok else "❌ " + md(t["fails"].format(n=report.head.errors))) + " |",
           ""]

    entities = [("added", e) for e in report.added] + [("changed", e) for e in report.changed] + \
               [("removed", e) for e in report.removed]
    if entities:
        out += [f"#### {t['entities']}", "", f"| {t['status']} | {t['kind']} | {t['id']} | {t['file']} | {t['fields']} |",
                "| --- | --- | --- | --- | --- |"]
        shown, more = _cut(entities, cap)
        for status, e in shown:
            fields, more_fields = _cut(list(e.fields), cap if cap is None else max(cap // 10, 3))
            cells = [_md_field(f, t) for f in fields]
            if more_fields:
                cells.append(md(t["more"].format(n=more_fields)))
                cut_any = True
            if e.note:
                cells.insert(0, f"**{md(t[e.note])}**")
            if e.shares:
                cells.append(f"{md(t['shares'])}: {md(shares_text(e.shares, t))}")
            out.append(f"| {t[status]} | {md(_kind(e.kind, t))} | {_code(e.id)} | {_code(e.file)} | {'<br>'.join(cells)} |")
        if more:
            out.append(f"| | | | | {md(t['more'].format(n=more))} |")
            cut_any = True
        out.append("")

    out += [f"#### {t['money']}", ""]
    out += [f"> {md(n)}" for n in _money_notes(report, t)]
    if report.base.money_computed and report.head.money_computed and not report.money:
        out.append(md(t["money_none"]))
    if report.money:
        rows = []
        for c in report.money:
            if c.note:
                rows.append(f"| {_code(c.campaign)} | **{md(t[c.note])}** | | |")
            for k in c.kocs:
                others = "".join(f"<br>{md(_other_text(f, b, a, t))}" for f, b, a in k.others)
                rows.append(f"| {_code(c.campaign)} | {_koc(k)} | {_credit_text(k.credit_before)} → "
                            f"{_credit_text(k.credit_after)} | {_fen(k.payout_before)} → {_fen(k.payout_after)}{others} |")
            if c.pool_before != c.pool_after:
                rows.append(f"| {_code(c.campaign)} | *{t['pool']}* | | {_fen(c.pool_before)} → {_fen(c.pool_after)} |")
            if c.unallocated_before != c.unallocated_after:
                rows.append(f"| {_code(c.campaign)} | *{t['unallocated']}* | | "
                            f"{_fen(c.unallocated_before)} → {_fen(c.unallocated_after)} |")
        shown, more = _cut(rows, cap)
        table = [f"| {t['campaign']} | {t['koc']} | {t['credit']} | {t['payout']} |", "| --- | --- | --- | --- |", *shown]
        if more:
            table.append(f"| {md(t['more'].format(n=more))} | | | |")
            cut_any = True
        out += _details(f"{t['kocs_affected']}: {kocs}", table, open_=len(rows) <= 20)
    out.append("")

    if report.levels:
        shown, more = _cut(report.levels, cap)
        rows = [f"| {_koc_level(m)} | {md(_level_name(m.before, t))} → {md(_level_name(m.after, t))} | {md(_direction(m, t))} |"
                for m in shown]
        if more:
            rows.append(f"| {md(t['more'].format(n=more))} | | |")
            cut_any = True
        out += [f"#### {t['levels']} ({len(report.levels)})", "", f"| {t['koc']} | {t['level']} | {t['status']} |",
                "| --- | --- | --- |", *rows, ""]

    for key, items in (("introduced", report.introduced), ("fixed", report.fixed)):
        if not items:
            continue
        shown, more = _cut(items, cap)
        lines = []
        for change in shown:
            p = change.problem
            message = t["private_problem"] if change.private else p.message(lang)
            lines.append(f"- {_code(f'{p.file}:{p.line}:{p.column}')} **{p.code}** {md(message)}")
        if more:
            lines.append(f"- {md(t['more'].format(n=more))}")
            cut_any = True
        out += [f"#### {t[key]} ({len(items)})", ""] + _details(t[key], lines, open_=len(items) <= 20) + [""]

    if cut_any:
        out += [f"> {md(t['truncated'])}", ""]
    return "\n".join(out)


def _details(summary: str, lines: list[str], open_: bool) -> list[str]:
    if open_:
        return lines
    return [f"<details><summary>{md(summary)}</summary>", "", *lines, "", "</details>"]
