"""`kocsite rewards`: the exact cash split of a campaign, with goods, badges and priority."""

from __future__ import annotations

from typing import Any

from kocsite.core.display import decimal_text, yuan
from kocsite.money.outcome import CampaignOutcome
from kocsite.models.programme import Programme

WHY_NOT_ZH = {"no-credit": "没有积分", "below-min-credit": "积分未达门槛", "deliverable-not-met": "未达到交付标准"}


def payout_rows(programme: Programme, outcome: CampaignOutcome) -> list[dict[str, Any]]:
    met = {c.koc: c.deliverable_met for c in outcome.claimants}
    rows = []
    for p in outcome.split.payouts:
        profile = programme.kocs.get(p.koc)
        rows.append({
            "koc": p.koc, "name": profile.name if profile else p.koc, "credit": decimal_text(p.credit),
            "payout_fen": p.payout_fen, "payout_yuan": yuan(p.payout_fen), "eligible": p.eligible, "why_not": p.why_not,
            "capped": p.capped, "deliverable_met": met.get(p.koc, False), "badges": outcome.badges_of(p.koc),
            "goods": outcome.goods_of(p.koc), "priority": p.koc in outcome.priority,
        })
    return rows


def rewards_document(programme: Programme, outcome: CampaignOutcome) -> dict[str, Any]:
    split = outcome.split
    return {"campaign": outcome.campaign, "pool_fen": split.pool_fen, "unallocated_fen": split.unallocated_fen,
            "allocated_fen": split.pool_fen - split.unallocated_fen, "payouts": payout_rows(programme, outcome),
            "priority": list(outcome.priority)}


def summary(outcome: CampaignOutcome, lang: str) -> str:
    split = outcome.split
    allocated = split.pool_fen - split.unallocated_fen
    if lang == "en":
        return (f"pool {yuan(split.pool_fen)} yuan = paid {yuan(allocated)} + unallocated {yuan(split.unallocated_fen)} "
                f"({split.pool_fen} = {allocated} + {split.unallocated_fen} fen)")
    return (f"奖金池 {yuan(split.pool_fen)} 元 = 已分配 {yuan(allocated)} 元 + 未分配 {yuan(split.unallocated_fen)} 元"
            f"（{split.pool_fen} = {allocated} + {split.unallocated_fen} 分）")


COLUMNS = {
    "zh": [("koc", "KOC"), ("name", "昵称"), ("credit", "积分"), ("payout_yuan", "奖金（元）"), ("deliverable_met", "达标"),
           ("badges", "徽章"), ("goods", "实物奖励"), ("priority", "优先资格")],
    "en": [("koc", "KOC"), ("name", "name"), ("credit", "credit"), ("payout_yuan", "payout (yuan)"),
           ("deliverable_met", "deliverable"), ("badges", "badges"), ("goods", "goods"), ("priority", "priority")],
}
CSV_COLUMNS = [(k, k) for k in ("koc", "name", "credit", "payout_fen", "eligible", "why_not", "capped", "deliverable_met",
                                "badges", "goods", "priority")]
