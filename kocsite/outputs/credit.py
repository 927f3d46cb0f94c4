"""`kocsite credit`: who earned what, per campaign or all-time, and (--explain) from which work."""

from __future__ import annotations

from collections import defaultdict
from typing import Any, Mapping

from kocsite.money.credit import CreditBook, Line
from kocsite.core.display import decimal_text
from kocsite.core.exact import ranked
from kocsite.core.labels import REVIEW_STATUS, label
from kocsite.money.deliverables import deliveries, met_by_koc
from kocsite.models.programme import Programme
from kocsite.models.views import KocView

def campaign_rows(programme: Programme, book: CreditBook, campaign: str, koc: str | None) -> list[dict[str, Any]]:
    names = programme.koc_views
    credit = book.campaign_credit(campaign)
    met = met_by_koc(deliveries(programme, campaign))
    members = sorted({m.koc for m in programme.campaigns[campaign].members if m.status == "accepted"} | set(credit))
    ranked = sorted(members, key=lambda k: (-credit.get(k, 0), k))
    return [{"rank": i + 1, "koc": k, "name": _name(names, k), "credit": decimal_text(credit.get(k, 0)),
             "deliverable_met": met.get(k, False)} for i, k in enumerate(ranked) if koc is None or k == koc]


def all_time_rows(programme: Programme, book: CreditBook, koc: str | None) -> list[dict[str, Any]]:
    table = book.quadrant_credit()
    awards = book.award_points()
    totals = book.total_points()  # 总积分 includes special-award points, as on the site
    kocs = [k for k, _ in ranked(totals)]
    names = programme.koc_views
    titles: dict[str, list[str]] = defaultdict(list)
    for title in book.titles:
        titles[title.koc].append(title.name)
    rows = []
    for i, k in enumerate(kocs):
        parts = table.get(k, {})
        row = {"rank": i + 1, "koc": k, "name": _name(names, k), "credit": decimal_text(totals[k])}
        row.update({q: decimal_text(parts.get(q, 0)) for q in ("routine", "project", "exploration", "spontaneous")})
        row["award_points"] = decimal_text(awards.get(k, 0))
        row["titles"] = titles.get(k, [])
        if koc is None or k == koc:
            rows.append(row)
    return rows


def explain_lines(book: CreditBook, koc: str | None, campaign: str | None, lang: str) -> list[str]:
    """Every contribution behind a figure: counted with its arithmetic, or excluded and why."""
    out = []
    for line in book.lines_for(koc, campaign):
        out.append(_explain(line, lang))
    if campaign is None:
        for bonus in book.streaks:
            if koc is None or bonus.koc == koc:
                out.append(f"{bonus.koc}  连续签到 {bonus.start} 至 {bonus.end}：+{bonus.points}" if lang != "en"
                           else f"{bonus.koc}  check-in streak {bonus.start} to {bonus.end}: +{bonus.points}")
        for award in book.awards:
            if koc is None or award.koc == koc:
                out.append(f"{award.koc}  特殊贡献奖「{award.title}」（{award.task}/{award.record}）：另计 {decimal_text(award.points)} 分"
                           if lang != "en" else
                           f"{award.koc}  special award '{award.title}' ({award.task}/{award.record}): {decimal_text(award.points)} points, apart")
    return out


def line_dict(line: Line) -> dict[str, Any]:
    return {"koc": line.koc, "task": line.task, "record": line.record, "file": line.file, "date": line.day.isoformat(),
            "status": line.status, "counted": line.counted, "points": line.points, "quality": decimal_text(line.quality),
            "share": decimal_text(line.share), "credit": decimal_text(line.credit), "capped": line.capped,
            "pending": line.pending}


def _explain(line: Line, lang: str) -> str:
    where = f"{line.koc}  {line.file}"
    if line.via == "share":
        return _explain_share(line, where, lang)
    if lang == "en":
        if line.counted:
            return (f"{where} ({line.day}): {line.points} points × quality {decimal_text(line.quality)} × share "
                    f"{decimal_text(line.share * 100)}% = {decimal_text(line.credit)}"
                    + (" (pending: share not confirmed yet, cash held back)" if line.pending else ""))
        if line.capped:
            return f"{where} ({line.day}): not counted, beyond the daily cap of this ritual (daily_caps in kocsite.yml)"
        return f"{where} ({line.day}): not counted, review is {label(REVIEW_STATUS, line.status, lang)}"
    if line.counted:
        return (f"{where}（{line.day}）：{line.points} 分 × 质量系数 {decimal_text(line.quality)} × 署名份额 "
                f"{decimal_text(line.share * 100)}% = {decimal_text(line.credit)}"
                + ("（待确认：份额本人尚未确认，奖金暂扣）" if line.pending else ""))
    if line.capped:
        return f"{where}（{line.day}）：不计分，超过本项日常任务的每日上限（kocsite.yml 的 daily_caps）"
    return f"{where}（{line.day}）：不计分，审核状态为「{label(REVIEW_STATUS, line.status, lang)}」"


def _explain_share(line: Line, where: str, lang: str) -> str:
    """A share of someone's work (放大): amplification_points once the work is approved."""
    if lang == "en":
        if line.counted:
            return f"{where} ({line.day}): shared it, {line.points} points per share = {decimal_text(line.credit)}"
        return f"{where} ({line.day}): shared it, not counted, the work's review is {label(REVIEW_STATUS, line.status, lang)}"
    if line.counted:
        return f"{where}（{line.day}）：转发了这篇作品，每次转发 {line.points} 分 = {decimal_text(line.credit)}"
    return f"{where}（{line.day}）：转发了这篇作品，不计分，作品审核状态为「{label(REVIEW_STATUS, line.status, lang)}」"


def _name(kocs: Mapping[str, KocView], koc: str) -> str:
    profile = kocs.get(koc)
    return profile.name if profile else koc


CAMPAIGN_COLUMNS = {
    "zh": [("rank", "名次"), ("koc", "KOC"), ("name", "昵称"), ("credit", "积分"), ("deliverable_met", "达到交付标准")],
    "en": [("rank", "rank"), ("koc", "KOC"), ("name", "name"), ("credit", "credit"), ("deliverable_met", "deliverable met")],
}
ALL_TIME_COLUMNS = {
    "zh": [("rank", "名次"), ("koc", "KOC"), ("name", "昵称"), ("credit", "总积分"), ("routine", "常规"), ("project", "项目"),
           ("exploration", "探索"), ("spontaneous", "自发"), ("award_points", "特殊贡献奖"), ("titles", "限时头衔")],
    "en": [("rank", "rank"), ("koc", "KOC"), ("name", "name"), ("credit", "total"), ("routine", "routine"),
           ("project", "project"), ("exploration", "exploration"), ("spontaneous", "spontaneous"),
           ("award_points", "special awards"), ("titles", "titles")],
}
