"""Money a reader understands: whether a figure is provisional or sealed, and how each KOC's was computed.

Everything comes from the same computation as `kocsite rewards --explain` (the campaign's CashSplit
from kocsite.money.outcome, explained by kocsite.money.rewards_explain) and from the credit book's lines: the works
that counted (points × quality × share), the works that did not and why (their review status only,
never a reviewer's note), the pool a payout came from, whether the per-KOC cap applied, and for a 0.00
the reason in words (e.g. "舆情简报 2/5，未达交付标准"). Only ids, titles of works and numbers are
used: nothing under `private:`.
"""

from __future__ import annotations

from fractions import Fraction

from kocsite.core.display import decimal_text, number_text, yuan
from kocsite.money.rewards import GENERAL
from kocsite.money.rewards_explain import _REASONS, explain_lines
from kocsite.site.blocks import SiteData
from kocsite.outputs.escape import link, md


def figure_status(data: SiteData, cid: str) -> str:
    """暂定 for a campaign whose figures can still change; 已封存 · 账本 <date> once its ledger is written."""
    ledger = data.programme.ledgers.get(cid)
    if ledger is not None:
        return data.t("sealed_on", d=ledger.closed)
    return data.t("provisional")


def status_note(data: SiteData, cid: str) -> str:
    ledger = data.programme.ledgers.get(cid)
    if ledger is not None:
        return f'!!! success "{figure_status(data, cid)}"\n\n    {data.t("sealed_note", d=ledger.closed)}'
    return f'!!! warning "{figure_status(data, cid)}"\n\n    {data.t("provisional_note")}'


def _record_title(data: SiteData, task: str, record_id: str) -> tuple[str, str | None]:
    for record in data.programme.contributions.get(task, []):
        if record.id == record_id:
            return record.contribution.title, record.contribution.url
    return record_id, None


def _percent(share: Fraction) -> str:
    return f"{decimal_text(share * 100)}%"


def work_lines(data: SiteData, cid: str, koc: str) -> tuple[list[str], list[str]]:
    """(counted, not counted): one Markdown line per contribution of the KOC to the campaign."""
    t, zh = data.t, data.t.lang == "zh"
    counted, not_counted = [], []
    for line in data.book.lines_for(koc, cid):
        title, url = _record_title(data, line.task, line.record)
        work = link(title, url)
        if line.via == "share":
            work = t("shared_work", work=work)
        if line.counted:
            formula = t("line_formula", points=line.points, quality=number_text(line.quality, zh),
                        share=_percent(line.share), credit=number_text(line.credit, zh))
            counted.append(f"{work}：{formula}")
        else:
            not_counted.append(f"{work}：{t('not_counted_why', status=t.value(line.status))}")
    return counted, not_counted


def _pool_name(data: SiteData, cid: str, role: str | None) -> str:
    if role is GENERAL or role is None:
        return data.t("pool_general")
    campaign = data.programme.campaigns[cid]
    name = next((r.name for r in campaign.roles if r.id == role), role)
    return data.t("pool_role", role=md(name))


def delivery_words(data: SiteData, cid: str, koc: str) -> list[str]:
    """Per role of the KOC: 舆情简报 2/5 ✓/✗ — the deliverable progress in words."""
    t, campaign, outcome = data.t, data.programme.campaigns[cid], data.outcomes[cid]
    roles = {r.id: r for r in campaign.roles}
    words = []
    for d in outcome.deliveries:
        if d.koc != koc or d.role not in roles:
            continue
        role = roles[d.role]
        standard = role.deliverable
        parts = [md(role.name)]
        if standard is not None and standard.min_count:
            parts.append(f"{d.count}/{standard.min_count}")
        if standard is not None and standard.min_chars:
            parts.append(t("progress_chars", n=d.longest_chars, of=standard.min_chars))
        if "no-approved-work" in d.why_not and len(parts) == 1:
            parts.append(t("no_approved_work"))
        mark = '<span class="kocsite-done">✓</span>' if d.met else '<span class="kocsite-late">✗</span>'
        words.append(" ".join(parts) + f" {mark}")
    return words


def zero_reason(data: SiteData, cid: str, koc: str) -> str:
    """Why a payout is 0.00, in words; empty when it is not 0."""
    split = data.outcomes[cid].split
    payout = split.payout_of(koc)
    if payout is None or payout.payout_fen > 0:
        return ""
    zh = data.t.lang == "zh"
    if payout.why_not:
        min_credit = split.rules.min_credit
        reason = _REASONS[payout.why_not][0 if zh else 1].format(min=number_text(min_credit, zh) if min_credit is not None else "")
        if payout.why_not == "deliverable-not-met":
            missing = [w.split(" <span", 1)[0] for w in delivery_words(data, cid, koc) if "kocsite-late" in w]
            if missing:
                reason = "；".join(missing) + ("，" if zh else ", ") + reason
        return reason
    if split.pool_fen == 0:
        return "本活动不设现金奖励" if zh else "this campaign has no cash pool"
    return "积分份额不足 1 分" if zh else "the share is below 1 fen"


def summary(data: SiteData, cid: str, koc: str) -> list[str]:
    """The short explanation of one KOC's figures in one campaign (Markdown lines)."""
    t, outcome = data.t, data.outcomes[cid]
    split = outcome.split
    payout = split.payout_of(koc)
    items = []
    counted, not_counted = work_lines(data, cid, koc)
    items += [f"{t('works_counted')}：{w}" for w in counted]
    items += [f"{t('works_not_counted')}：{w}" for w in not_counted]
    delivered = delivery_words(data, cid, koc)
    if delivered:
        items.append(f"**{t('delivery_progress')}**：" + t.comma.join(delivered))
    if payout is not None:
        credit = decimal_text(payout.credit, 2)
        items.append(f"**{t('credit')}**：{credit} · **{t('payout')}**：{yuan(payout.payout_fen)}（{figure_status(data, cid)}）")
        pools = [f"{_pool_name(data, cid, pool.role)} {yuan(s.payout_fen)}" for pool in split.pools
                 for s in pool.shares if s.koc == koc and s.payout_fen > 0]
        if pools:
            items.append(f"**{t('paid_from')}**：" + t.comma.join(pools) + f"（{t('pool')} {yuan(split.pool_fen)}）")
        cap = split.rules.cap_fen
        if cap is not None and payout.payout_fen > 0:
            items.append(t("cap_applied" if payout.capped else "cap_not_applied", cap=yuan(cap)))
        reason = zero_reason(data, cid, koc)
        if reason:
            items.append(f"**{t('zero_because')}**：{reason}")
    return items


def steps(data: SiteData, cid: str, koc: str) -> str:
    """Every step of `kocsite rewards <campaign> --explain --koc <koc>`, as a numbered Markdown list."""
    lines = explain_lines(data.outcomes[cid].split, koc, "en" if data.t.lang == "en" else "zh")
    return "\n".join(f"{i}. {md(line)}" for i, line in enumerate(lines, 1))
