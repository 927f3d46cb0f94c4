"""`kocsite wallet`: points balances (积分) beside reputation (贡献值) and level, and one KOC's history.

Rows are plain values for text, CSV and JSON (kocsite.outputs.tables); `markdown` writes a GitHub table
with every data string escaped (kocsite.outputs.inert), since a report may be posted to an issue.
"""

from __future__ import annotations

from typing import Any

from kocsite.core.display import decimal_text
from kocsite.models.programme import Programme
from kocsite.money.credit import CreditBook
from kocsite.money.levels import LevelBook
from kocsite.money.wallet import Wallets, points_text
from kocsite.outputs.inert import code, markdown as inert_md, terminal

WALLET_FORMATS = ("text", "markdown", "csv", "json")

SUMMARY_COLUMNS = {
    "zh": [("koc", "KOC"), ("name", "昵称"), ("level", "等级"), ("reputation", "贡献值"), ("earned", "累计积分"),
           ("spent", "已兑换"), ("balance", "积分余额")],
    "en": [("koc", "KOC"), ("name", "name"), ("level", "level"), ("reputation", "reputation"), ("earned", "points earned"),
           ("spent", "points spent"), ("balance", "balance")],
}
HISTORY_COLUMNS = {
    "zh": [("date", "日期"), ("kind", "类型"), ("what", "内容"), ("points", "积分"), ("balance", "余额")],
    "en": [("date", "date"), ("kind", "kind"), ("what", "what"), ("points", "points"), ("balance", "balance")],
}
LEVEL_COLUMNS = {
    "zh": [("date", "日期"), ("change", "变化"), ("level", "等级"), ("reputation", "贡献值"), ("recent", "近期贡献值"),
           ("active_days", "活跃天数")],
    "en": [("date", "date"), ("change", "change"), ("level", "level"), ("reputation", "reputation"),
           ("recent", "recent reputation"), ("active_days", "active days")],
}
_SOURCE = {"work": ("贡献", "work"), "streak": ("连续打卡奖励", "check-in streak"), "award": ("特殊贡献奖", "special award"),
           "redemption": ("兑换", "redemption")}
_CHANGE = {"start": ("起始", "start"), "rise": ("升级", "rise"), "drop": ("降级（评定日）", "drop (review date)")}


def _pick(pair: tuple[str, str], lang: str) -> str:
    return pair[1] if lang == "en" else pair[0]


def summary_rows(programme: Programme, book: CreditBook, wallets: Wallets, levels: LevelBook,
                 koc: str | None = None) -> list[dict[str, Any]]:
    """Every KOC with reputation or a wallet, highest balance first (ties by id)."""
    reputation = book.total_points()
    kocs = sorted(set(reputation) | set(wallets.history))
    kocs = [k for k in kocs if k in programme.kocs and (koc is None or k == koc)]
    kocs.sort(key=lambda k: (-wallets.balance(k), k))
    rows = []
    for k in kocs:
        level = levels.current(k)
        rows.append({"koc": k, "name": programme.kocs[k].name, "level": level.name if level else None,
                     "reputation": decimal_text(reputation.get(k, 0), 2), "earned": points_text(wallets.earned(k)),
                     "spent": points_text(wallets.spent(k)), "balance": points_text(wallets.balance(k))})
    return rows


def history_rows(wallets: Wallets, koc: str, lang: str) -> list[dict[str, Any]]:
    rows = []
    for e in wallets.history.get(koc, ()):
        what = e.title if e.source != "redemption" or e.quantity == 1 else f"{e.title} × {e.quantity}"
        rows.append({"date": e.day.isoformat(), "kind": _pick(_SOURCE[e.source], lang), "source": e.source,
                     "ref": e.ref, "what": what, "points": ("+" if e.points > 0 else "") + points_text(e.points),
                     "balance": points_text(e.balance)})
    return rows


def level_rows(levels: LevelBook, koc: str, lang: str) -> list[dict[str, Any]]:
    return [{"date": c.day.isoformat(), "change": _pick(_CHANGE[c.change], lang), "level": c.name, "level_id": c.level,
             "reputation": decimal_text(c.reputation, 2), "recent": decimal_text(c.recent, 2), "active_days": c.active_days}
            for c in levels.history.get(koc, ())]


def wallet_document(summary: list[dict[str, Any]], koc: str | None, history: list[dict[str, Any]],
                    level_history: list[dict[str, Any]]) -> dict[str, Any]:
    document: dict[str, Any] = {"wallets": summary}
    if koc is not None:
        document.update({"koc": koc, "history": history, "levels": level_history})
    return document


def text_heading(row: dict[str, Any] | None, koc: str, lang: str) -> str:
    if row is None:
        return terminal(f"{koc}：还没有积分" if lang != "en" else f"{koc}: no points yet")
    if lang == "en":
        line = f"{row['name']} ({koc}) · level {row['level'] or '—'} · reputation {row['reputation']} · balance {row['balance']}"
    else:
        line = f"{row['name']}（{koc}）· 等级 {row['level'] or '—'} · 贡献值 {row['reputation']} · 积分余额 {row['balance']}"
    return terminal(line)


def markdown_report(summary: list[dict[str, Any]], koc: str | None, history: list[dict[str, Any]],
                    level_history: list[dict[str, Any]], lang: str) -> str:
    en = lang == "en"
    out = ["# 积分钱包" if not en else "# Points wallets", ""]
    out += _md_table(SUMMARY_COLUMNS[lang], summary, ids=("koc",))
    if koc is not None:
        out += ["", f"## {'积分明细' if not en else 'Wallet history'} · {code(koc)}", ""]
        out += _md_table(HISTORY_COLUMNS[lang], history) if history else ["还没有积分记录。" if not en else "No entries yet."]
        if level_history:
            out += ["", f"## {'等级变化' if not en else 'Level history'} · {code(koc)}", ""]
            out += _md_table(LEVEL_COLUMNS[lang], level_history)
    return "\n".join(out) + "\n"


def _md_table(columns: list[tuple[str, str]], rows: list[dict[str, Any]], ids: tuple[str, ...] = ()) -> list[str]:
    out = ["| " + " | ".join(header for _, header in columns) + " |", "|" + "|".join(" --- " for _ in columns) + "|"]
    for row in rows:
        cells = [code(row.get(key), table=True) if key in ids else inert_md("" if row.get(key) is None else row.get(key)).replace("|", "\\|")
                 for key, _ in columns]
        out.append("| " + " | ".join(cells) + " |")
    return out


def terminal_rows(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Rows for a terminal: control characters in data shown, never run (kocsite.outputs.inert.terminal)."""
    return [{k: terminal(v) if isinstance(v, str) else v for k, v in row.items()} for row in rows]
