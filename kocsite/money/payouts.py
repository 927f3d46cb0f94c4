"""The payout file finance pays from: one row per payee of a sealed campaign, reconciled to the pool.

Figures come from the sealed ledger (entries plus adjustments) — never recomputed — plus the cash of
the special awards (特殊贡献奖励) granted on the campaign's tasks. Amounts are in 元 (two decimals)
and 分; Σ campaign cash + unallocated = pool is checked and written as the reconciliation. Rows are
cut into batch files of at most `payouts.batch_rows` (WeChat Pay: 3000 detail rows per batch), and
rows below the merchant's minimum transfer or above the real-name threshold are flagged.
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction
from pathlib import Path
from typing import Any

from kocsite.money.credit import CreditBook
from kocsite.core.display import yuan
from kocsite.money.ledger import expected_figures
from kocsite.models.ledger import Ledger
from kocsite.models.programme import Programme
from kocsite.money.rewards import largest_remainder
from kocsite.money.shares import held_by_koc, held_cash


@dataclass(frozen=True)
class PayoutRow:
    koc: str
    name: str
    campaign_fen: int
    award_fen: int
    flags: tuple[str, ...]
    real_name: str | None = None
    wechat: str | None = None
    held_fen: int = 0
    """Campaign cash held back for shares not confirmed yet (not in `campaign_fen`; kocsite.money.shares)."""

    @property
    def total_fen(self) -> int:
        return self.campaign_fen + self.award_fen


@dataclass(frozen=True)
class PayoutFile:
    campaign: str
    seal: str
    closed: str
    pool_fen: int
    unallocated_fen: int
    award_fen: int
    rows: tuple[PayoutRow, ...]

    held_fen: int = 0
    """Cash held back for unconfirmed shares (no transfer until confirmed): pool = paid + held + unallocated."""

    @property
    def campaign_paid_fen(self) -> int:
        return sum(r.campaign_fen for r in self.rows)

    def batches(self, size: int) -> list[tuple[PayoutRow, ...]]:
        return [self.rows[i:i + size] for i in range(0, len(self.rows), size)] or [()]


FLAG_TEXT = {"below-minimum": ("低于单笔最低转账金额", "below the merchant's minimum transfer"),
             "needs-real-name": ("超过需实名校验的金额：须填收款人真实姓名", "above the real-name threshold: the payee's real name is required"),
             "real-name-given": ("超过需实名校验的金额：已附真实姓名，转账时一并提交", "above the real-name threshold: real name given, submit it with the transfer"),
             "no-real-name": ("缺少真实姓名（private.real_name）", "no real name (private.real_name)"),
             "no-wechat": ("缺少微信号（private.wechat）", "no WeChat id (private.wechat)")}


def award_cash(programme: Programme, book: CreditBook, campaign: str) -> dict[str, int]:
    """Each author's cash from special awards on the campaign's tasks, in whole 分 (largest remainder per award)."""
    per_award: dict[tuple[str, str], list[tuple[str, Fraction]]] = {}
    for line in book.awards:
        task = programme.tasks.get(line.task)
        if task is not None and task.campaign == campaign and line.cash_fen:
            per_award.setdefault((line.task, line.record), []).append((line.koc, line.cash_fen))
    cash: dict[str, int] = {}
    for key in sorted(per_award):
        parts = sorted(per_award[key])
        rounding = largest_remainder([c for _, c in parts], [(k,) for k, _ in parts])
        for i, (koc, _) in enumerate(parts):
            cash[koc] = cash.get(koc, 0) + rounding.floors[i] + (i in rounding.winners)
    return cash


def payout_file(programme: Programme, book: CreditBook, ledger: Ledger, private: bool = False) -> PayoutFile:
    figures, unallocated = expected_figures(ledger)
    awards = award_cash(programme, book, ledger.campaign)
    limits = programme.settings.payouts
    held = held_by_koc(held_cash(book, ledger.campaign, {koc: f.payout_fen for koc, f in figures.items()}))
    rows = []
    for koc in sorted(set(figures) | set(awards)):
        campaign_fen = (figures[koc].payout_fen if koc in figures else 0) - held.get(koc, 0)
        award_fen = awards.get(koc, 0)
        if campaign_fen + award_fen <= 0:
            continue  # nothing to transfer (a payout held back whole is in `held_fen`)
        profile = programme.kocs.get(koc)
        secret = profile.private if profile is not None else None
        flags = _flags(campaign_fen + award_fen, limits.min_transfer_fen, limits.real_name_above_fen)
        real_name = wechat = None
        if private:
            real_name = secret.real_name if secret else None
            wechat = secret.wechat if secret else None
            flags += tuple(f for f, missing in (("no-real-name", not real_name), ("no-wechat", not wechat)) if missing)
            if real_name and "needs-real-name" in flags:
                flags = tuple("real-name-given" if f == "needs-real-name" else f for f in flags)
        rows.append(PayoutRow(koc, profile.name if profile else koc, campaign_fen, award_fen, flags, real_name, wechat,
                              held.get(koc, 0)))
    rows.sort(key=lambda r: (-r.total_fen, r.koc))
    result = PayoutFile(ledger.campaign, ledger.seal, ledger.closed.isoformat(), ledger.pool_fen, unallocated,
                        sum(awards.values()), tuple(rows), sum(held.values()))
    if result.campaign_paid_fen + result.held_fen + unallocated != ledger.pool_fen:
        raise ArithmeticError("payout rows + held + unallocated != pool")  # the ledger check refuses such a ledger first
    return result


def _flags(total_fen: int, minimum: int, real_name_above: int) -> tuple[str, ...]:
    flags = []
    if total_fen < minimum:
        flags.append("below-minimum")
    if total_fen > real_name_above:
        flags.append("needs-real-name")
    return tuple(flags)


def columns(private: bool, lang: str) -> list[tuple[str, str]]:
    zh = lang != "en"
    cols = [("batch", "批次" if zh else "batch"), ("row", "序号" if zh else "row"), ("koc", "KOC"),
            ("name", "昵称" if zh else "nickname")]
    if private:
        cols += [("real_name", "真实姓名" if zh else "real name"), ("wechat", "微信号" if zh else "WeChat id")]
    cols += [("amount_yuan", "金额（元）" if zh else "amount (yuan)"), ("amount_fen", "金额（分）" if zh else "amount (fen)"),
             ("campaign_fen", "活动奖金（分）" if zh else "campaign cash (fen)"),
             ("award_fen", "特殊奖励（分）" if zh else "special awards (fen)"), ("flags", "提示" if zh else "flags")]
    return cols


def rows(result: PayoutFile, batch_size: int, lang: str) -> list[dict[str, Any]]:
    out = []
    for b, batch in enumerate(result.batches(batch_size), start=1):
        for i, r in enumerate(batch, start=1):
            out.append({"batch": b, "row": i, "koc": r.koc, "name": r.name, "real_name": r.real_name or "",
                        "wechat": r.wechat or "", "amount_yuan": yuan(r.total_fen), "amount_fen": r.total_fen,
                        "campaign_fen": r.campaign_fen, "award_fen": r.award_fen,
                        "flags": ("；" if lang != "en" else "; ").join(FLAG_TEXT[f][lang == "en"] for f in r.flags)})
    return out


def reconciliation(result: PayoutFile, lang: str) -> list[dict[str, Any]]:
    """Footer rows: Σ campaign cash (+ cash held back for unconfirmed shares) + unallocated = pool;
    special awards on top; the seal."""
    paid, held = result.campaign_paid_fen, result.held_fen
    if lang == "en":
        held_part = (f" + held back for unconfirmed shares {yuan(held)} (not transferred, paid once confirmed)", f" + {held}") if held else ("", "")
        check = (f"reconciliation: campaign cash {yuan(paid)}{held_part[0]} + unallocated {yuan(result.unallocated_fen)} = pool "
                 f"{yuan(result.pool_fen)} yuan ({paid}{held_part[1]} + {result.unallocated_fen} = {result.pool_fen} fen); "
                 f"special awards {yuan(result.award_fen)} yuan on top")
        seal = f"ledger ledgers/{result.campaign}.yaml closed {result.closed}, seal {result.seal}"
    else:
        held_part = (f" + 份额待确认暂扣 {yuan(held)} 元（不在本次转账里，确认后发放）", f" + {held}") if held else ("", "")
        check = (f"核对：活动奖金合计 {yuan(paid)} 元{held_part[0]} + 未分配 {yuan(result.unallocated_fen)} 元 = 奖金池 {yuan(result.pool_fen)} 元"
                 f"（{paid}{held_part[1]} + {result.unallocated_fen} = {result.pool_fen} 分）；另有特殊奖励 {yuan(result.award_fen)} 元")
        seal = f"账本 ledgers/{result.campaign}.yaml，封存于 {result.closed}，封印 {result.seal}"
    return [{"koc": check}, {"koc": seal}]


def batch_files(target: Path, body: list[dict[str, Any]]) -> list[tuple[Path, list[dict[str, Any]]]]:
    """Where each batch goes: one file when everything fits in one batch, else one file per batch
    (`payouts-1.csv`, `payouts-2.csv` …), since WeChat Pay takes at most 3000 transfers per upload."""
    batches = sorted({row["batch"] for row in body})
    if len(batches) <= 1:
        return [(target, body)]
    return [(target.with_name(f"{target.stem}-{b}{target.suffix}"), [row for row in body if row["batch"] == b])
            for b in batches]
