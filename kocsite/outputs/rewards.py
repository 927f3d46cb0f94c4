"""`kocsite rewards`: the exact cash split of a campaign, with goods, badges and priority."""

from __future__ import annotations

from typing import Any

from kocsite.core.display import decimal_text, yuan
from kocsite.money.outcome import CampaignOutcome
from kocsite.models.programme import Programme

def payout_rows(programme: Programme, outcome: CampaignOutcome) -> list[dict[str, Any]]:
    """One row per KOC. Of a sealed campaign: the ledger's figures (with adjustments), and the
    recomputed payout beside them (`recomputed_*`) only where the data moved it."""
    met = {c.koc: c.deliverable_met for c in outcome.claimants}
    sealed = _sealed_figures(programme, outcome.campaign)
    rows = []
    for p in outcome.split.payouts:
        profile = programme.kocs.get(p.koc)
        row = {
            "koc": p.koc, "name": profile.name if profile else p.koc, "credit": decimal_text(p.credit),
            "cash_credit": decimal_text(p.credit if p.eligible else 0),
            "payout_fen": p.payout_fen, "payout_yuan": yuan(p.payout_fen), "eligible": p.eligible, "why_not": p.why_not,
            "capped": p.capped, "deliverable_met": met.get(p.koc, False), "badges": outcome.badges_of(p.koc),
            "goods": outcome.goods_of(p.koc), "priority": p.koc in outcome.priority,
            "held_fen": outcome.held_of(p.koc),
        }
        if sealed is not None:
            row.update(_sealed_row(row, sealed.get(p.koc)))
        rows.append(row)
    return rows


def _sealed_figures(programme: Programme, campaign: str):
    ledger = programme.ledgers.get(campaign)
    if ledger is None:
        return None
    from kocsite.money.ledger import expected_figures  # the ledger module computes outcomes; only for sealed campaigns
    return expected_figures(ledger)[0]


def _sealed_row(row: dict[str, Any], frozen) -> dict[str, Any]:
    """The sealed figures in the row's own columns; the recomputed payout and credit kept beside them."""
    from kocsite.money.ledger import ZERO_FIGURES
    frozen = frozen or ZERO_FIGURES
    recomputed = {"recomputed_credit": row["credit"], "recomputed_payout_fen": row["payout_fen"],
                  "recomputed_yuan": row["payout_yuan"]}
    moved = decimal_text(frozen.credit) != row["credit"] or frozen.payout_fen != row["payout_fen"]
    return {"credit": decimal_text(frozen.credit), "cash_credit": decimal_text(frozen.credit if row["eligible"] else 0),
            "payout_fen": frozen.payout_fen, "payout_yuan": yuan(frozen.payout_fen),
            "deliverable_met": frozen.deliverable_met, "badges": list(frozen.badges), "goods": list(frozen.goods),
            "priority": frozen.priority, **(recomputed if moved else {k: None for k in recomputed})}


def money_status(programme: Programme, campaign: str) -> dict[str, Any]:
    """暂定 / provisional while the campaign runs; 已封存 / sealed with the ledger's date once closed."""
    ledger = programme.ledgers.get(campaign)
    if ledger is None:
        return {"status": "provisional", "closed": None, "seal": None}
    return {"status": "sealed", "closed": ledger.closed.isoformat(), "seal": ledger.seal}


def status_line(programme: Programme, campaign: str, lang: str) -> str:
    status = money_status(programme, campaign)
    if status["status"] == "sealed":
        return (f"sealed on {status['closed']} (ledgers/{campaign}.yaml): the figures below are the ledger's" if lang == "en"
                else f"已封存（{status['closed']}，ledgers/{campaign}.yaml）：以下为账本里的数字")
    return ("provisional: the campaign is not sealed, figures may still change" if lang == "en"
            else "暂定：活动尚未封存，数字仍可能变化")


def rewards_document(programme: Programme, outcome: CampaignOutcome) -> dict[str, Any]:
    split = outcome.split
    rows = payout_rows(programme, outcome)
    status = money_status(programme, outcome.campaign)
    document = {"campaign": outcome.campaign, **status, "pool_fen": split.pool_fen,
                "unallocated_fen": split.unallocated_fen, "allocated_fen": split.pool_fen - split.unallocated_fen,
                "payouts": rows, "priority": list(outcome.priority),
                "held_fen": sum(h.held_fen for h in outcome.held)}
    if status["status"] == "sealed":
        from kocsite.money.ledger import expected_figures
        sealed_unallocated = expected_figures(programme.ledgers[outcome.campaign])[1]
        document.update(unallocated_fen=sealed_unallocated, allocated_fen=split.pool_fen - sealed_unallocated,
                        recomputed_unallocated_fen=split.unallocated_fen,
                        moved=any(r["recomputed_payout_fen"] is not None for r in rows)
                        or sealed_unallocated != split.unallocated_fen)
    return document


def summary(outcome: CampaignOutcome, lang: str, programme: Programme | None = None) -> str:
    split = outcome.split
    if programme is None:
        return _pool_line(split.pool_fen, split.unallocated_fen, lang)
    document = rewards_document(programme, outcome)
    line = status_line(programme, outcome.campaign, lang) + "\n" + _pool_line(split.pool_fen, document["unallocated_fen"], lang)
    line += held_lines(outcome, lang)
    if document.get("moved"):
        line += ("\nthe data moved since sealing: recomputed figures shown beside the sealed ones; "
                 "correct the ledger with kocsite adjust" if lang == "en" else
                 "\n封存后数据有变动：重新计算的数字列在账本数字旁边；请用 kocsite adjust 添加带理由的调整")
    return line


def held_lines(outcome: CampaignOutcome, lang: str) -> str:
    """Where held cash is: in each KOC's payout, not paid until their share is confirmed."""
    if not outcome.held:
        return ""
    total = sum(h.held_fen for h in outcome.held)
    if lang == "en":
        lines = [f"\nheld back {yuan(total)} yuan ({total} fen) of the payouts above for co-authors' shares not confirmed yet: "
                 "it stays theirs (not spread to others) and is paid once they confirm"]
        lines += [f"  {h.koc}: payout {yuan(h.payout_fen)} = pay now {yuan(h.paid_fen)} + held {yuan(h.held_fen)} yuan "
                  f"(pending credit {decimal_text(h.pending_credit)} of {decimal_text(h.credit)}: {', '.join(h.records)})"
                  for h in outcome.held]
        return "\n".join(lines)
    lines = [f"\n以上奖金中有 {yuan(total)} 元（{total} 分）因联合作者尚未确认份额而暂扣：仍归本人、不分给别人，确认后发放"]
    lines += [f"  {h.koc}：奖金 {yuan(h.payout_fen)} 元 = 现发 {yuan(h.paid_fen)} 元 + 暂扣 {yuan(h.held_fen)} 元"
              f"（待确认积分 {decimal_text(h.pending_credit)} / {decimal_text(h.credit)}：{'、'.join(h.records)}）"
              for h in outcome.held]
    return "\n".join(lines)


def _pool_line(pool_fen: int, unallocated_fen: int, lang: str) -> str:
    from types import SimpleNamespace
    split = SimpleNamespace(pool_fen=pool_fen, unallocated_fen=unallocated_fen)
    allocated = split.pool_fen - split.unallocated_fen
    if lang == "en":
        return (f"pool {yuan(split.pool_fen)} yuan = paid {yuan(allocated)} + unallocated {yuan(split.unallocated_fen)} "
                f"({split.pool_fen} = {allocated} + {split.unallocated_fen} fen)")
    return (f"奖金池 {yuan(split.pool_fen)} 元 = 已分配 {yuan(allocated)} 元 + 未分配 {yuan(split.unallocated_fen)} 元"
            f"（{split.pool_fen} = {allocated} + {split.unallocated_fen} 分）")


COLUMNS = {
    "zh": [("koc", "KOC"), ("name", "昵称"), ("credit", "积分"), ("cash_credit", "计入奖金的积分"), ("payout_yuan", "奖金（元）"),
           ("deliverable_met", "达标"),
           ("badges", "徽章"), ("goods", "实物奖励"), ("priority", "优先资格")],
    "en": [("koc", "KOC"), ("name", "name"), ("credit", "credit"), ("cash_credit", "credit in cash pools"),
           ("payout_yuan", "payout (yuan)"),
           ("deliverable_met", "deliverable"), ("badges", "badges"), ("goods", "goods"), ("priority", "priority")],
}
CSV_COLUMNS = [(k, k) for k in ("koc", "name", "credit", "cash_credit", "payout_fen", "eligible", "why_not", "capped", "deliverable_met",
                                "badges", "goods", "priority")]
SEALED_COLUMNS = {"zh": [("recomputed_credit", "重新计算积分"), ("recomputed_yuan", "重新计算奖金（元）")],
                  "en": [("recomputed_credit", "recomputed credit"), ("recomputed_yuan", "recomputed (yuan)")]}
SEALED_CSV_COLUMNS = [("recomputed_credit", "recomputed_credit"), ("recomputed_payout_fen", "recomputed_payout_fen")]
