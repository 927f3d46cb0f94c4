"""Per campaign: the kickoff brief, the progress board and the honor roll."""

from __future__ import annotations

from fractions import Fraction

from kocsite.core.display import decimal_text, percent_text, yuan
from kocsite.models import Campaign
from kocsite.site.blocks import (SiteData, bar, blocked_bullets, bullets, campaign_page, count, deliverable_standard, entries,
                                 koc_name, koc_ref, last_changed, page, rel, section, table)
from kocsite.outputs.escape import link, md, md_paragraphs, plain
from kocsite.site import money
from kocsite.site.phone import blocked_scan_table, days_text, scan_table
from kocsite.site.next_steps import calendar_link, recruiting_block
from kocsite.site.charts import Span, Step, payout_bars, step_flow, timeline
from kocsite.site.roster import seats_section
from kocsite.site.task_pages import task_ref
from kocsite.models.sentiment import week_label, week_span
from kocsite.ops.amplification import campaign_amplified
from kocsite.ops.retrospective import retrospective_keywords
from kocsite.ops.sentiment import latest_week


def campaign_files(data: SiteData, cid: str) -> set[str]:
    files = {f"campaigns/{cid}.yaml", "kocsite.yml"}
    for tid in data.programme.campaign_tasks.get(cid, []):
        files.add(f"tasks/{tid}.yaml")
        files.update(r.file for r in data.programme.contributions.get(tid, []))
    if cid in data.programme.ledgers:
        files.add(f"ledgers/{cid}.yaml")
    files.update(f"sentiment/{cid}/{week}.yaml" for week in data.programme.sentiment.get(cid, {}))
    return files


def campaign_pages(data: SiteData, cid: str) -> dict[str, str]:
    return {campaign_page(cid, "index"): kickoff(data, cid),
            campaign_page(cid, "board"): board(data, cid),
            campaign_page(cid, "honors"): honors(data, cid)}


def _tabs(data: SiteData, cid: str, here: str) -> str:
    t = data.t
    parts = [f"[{t(label)}]({rel(here, campaign_page(cid, kind))})" if kind != here.rsplit("/", 1)[-1][:-3] else f"**{t(label)}**"
             for kind, label in (("index", "kickoff"), ("board", "board"), ("honors", "honors"))]
    return " · ".join(parts)


def _front(campaign: Campaign) -> list[str]:
    tags = sorted({plain(tag) for tag in campaign.tags} - {""})
    return ["tags:", *[f"  - {_yaml_string(tag)}" for tag in tags]] if tags else []


def _yaml_string(text: str) -> str:
    """A YAML double-quoted scalar (plain() already removed quotes and backslashes)."""
    return '"' + text + '"'


def _role_name(campaign: Campaign, role: str | None) -> str:
    return next((r.name for r in campaign.roles if r.id == role), role or "")


def _title(data: SiteData, campaign: Campaign, label: str) -> str:
    return f"{campaign.title} · {data.t(label)}"


# ------------------------------------------------------------------ kickoff brief


def kickoff(data: SiteData, cid: str) -> str:
    t, campaign = data.t, data.programme.campaigns[cid]
    here = campaign_page(cid)
    facts = [f"**{t('status')}**：{t.value(campaign.status)}", f"**{t('period')}**：{campaign.start} — {campaign.end}"]
    if campaign.product:
        facts.append(f"**{t('product')}**：{md(campaign.product)}")
    if campaign.owner:
        facts.append(f"**{t('owner')}**：{md(campaign.owner)}")
    sections = [
        _tabs(data, cid, here),
        bullets(facts),
        calendar_link(data, here, cid=cid),
        recruiting_block(data, cid),
        section(t("background"), md_paragraphs(campaign.background)),
        section(t("goals"), _goals(data, campaign)),
        section(t("roles"), _roles(data, campaign)),
        section(t("members"), _members(data, campaign, here)),
        section(t("kickoff_meeting"), _meeting(data, campaign)),
        section(t("flow"), _flow(data, campaign)),
        section(t("timeline"), _timeline(data, campaign)),
        section(t("reward_rules"), _rules(data, campaign)),
    ]
    return page(_title(data, campaign, "kickoff"), sections, last_changed(data, campaign_files(data, cid)), _front(campaign))


def _goals(data: SiteData, campaign: Campaign) -> str:
    t = data.t
    rows = [[md(g.title), count(g.target), str(g.deadline)] for g in campaign.goals]
    details = [[(t("metric"), t.value(g.metric)), (t("role"), md(_role_name(campaign, g.role)))] for g in campaign.goals]
    return scan_table([t("goals"), t("target"), t("deadline")], rows, details)


def _roles(data: SiteData, campaign: Campaign) -> str:
    t, parts = data.t, []
    names = {s.id: s.name for s in data.programme.settings.skills}
    for role in campaign.roles:
        lines = [f"### {md(role.name)}", f"{t('headcount')}：{role.headcount}"]
        if role.skills:
            lines.append(f"{t('skills')}：" + t.comma.join(md(names.get(s, s)) for s in role.skills))
        lines.append(f"**{t('duties')}**\n\n" + bullets([md(d) for d in role.duties]))
        if role.deliverable:
            lines.append(f"**{t('deliverable')}**：" + deliverable_standard(t, role.deliverable))
        parts.append("\n\n".join(lines))
    return "\n\n".join(parts)


def _members(data: SiteData, campaign: Campaign, here: str) -> str:
    """Accepted members only: who was invited, declined or not asked yet is nobody's business."""
    t = data.t
    rows = [[md(_role_name(campaign, m.role)), koc_ref(data, m.koc, here)]
            for m in sorted(campaign.members, key=lambda m: ([r.id for r in campaign.roles].index(m.role)
                                                              if m.role in [r.id for r in campaign.roles] else 99, m.koc))
            if m.status == "accepted"]
    return table([t("role"), t("koc")], rows)


def _meeting(data: SiteData, campaign: Campaign) -> str:
    t, k = data.t, campaign.kickoff
    if k is None:
        return ""
    parts = []
    facts = [f"**{t('date')}**：{k.date}"] if k.date else []
    if k.format:
        facts.append(md(k.format))
    if facts:
        parts.append(" · ".join(facts))
    if k.agenda:
        parts.append(f"**{t('agenda')}**\n\n" + "\n".join(f"{i}. {md(a)}" for i, a in enumerate(k.agenda, 1)))
    if k.key_points:
        parts.append(f"**{t('key_points')}**\n\n" + bullets([md(p) for p in k.key_points]))
    if k.notes:
        parts.append(md_paragraphs(k.notes))
    return "\n\n".join(parts)


def _flow(data: SiteData, campaign: Campaign) -> str:
    if not campaign.flow:
        return ""
    steps = [Step(step.id, step.name, _role_name(campaign, step.role)) for step in campaign.flow]
    edges = [(step.id, target) for step in campaign.flow for target in step.next]
    names = {s.id: s.name for s in campaign.flow}
    items = []
    for i, s in enumerate(campaign.flow, 1):
        role = _role_name(campaign, s.role)
        text = f"**{md(s.name)}**" + (f"（{md(role)}）" if role else "") + (f"：{md(s.description)}" if s.description else "")
        jumps = [names[b] for b in s.next if b in names and b != (campaign.flow[i].id if i < len(campaign.flow) else None)]
        if jumps:
            text += " → " + data.t.comma.join(md(j) for j in jumps)
        items.append(f"{i}. {text}")
    return step_flow(data.t("flow"), steps, edges) + "\n\n" + "\n".join(items)


def _timeline(data: SiteData, campaign: Campaign) -> str:
    if not campaign.timeline:
        return ""
    everyone = data.t("everyone")
    ordered = sorted(campaign.timeline, key=lambda m: (m.start, m.end or m.start))
    spans = [Span(m.name, m.start, m.end, _role_name(campaign, m.role) if m.role else everyone) for m in ordered]
    rows = [[md(m.name), f"{m.start}" + (f" — {m.end}" if m.end else ""), md(_role_name(campaign, m.role)) or everyone]
            for m in ordered]
    return timeline(data.t("timeline"), spans, data.today, data.t("today")) + "\n\n" + table([data.t("timeline"), data.t("period"), data.t("role")], rows)


def _rules(data: SiteData, campaign: Campaign) -> str:
    t, r = data.t, campaign.rewards
    badge_names = {b.id: b.name for b in data.programme.settings.badges}
    facts = [f"**{t('pool')}**：{t('yuan', v=yuan(r.pool_fen))}"]
    if r.cap_fen is not None:
        facts.append(f"**{t('cap')}**：{t('yuan', v=yuan(r.cap_fen))}")
    if r.min_credit is not None:
        facts.append(f"**{t('min_credit')}**：{decimal_text(Fraction(r.min_credit))}")
    if r.require_deliverable:
        facts.append(t("require_deliverable"))
    if r.sub_pools:
        facts.append(f"**{t('sub_pools')}**：" + t.comma.join(
            f"{md(_role_name(campaign, p.role))} {decimal_text(Fraction(p.percent))}%" for p in r.sub_pools))
    parts = [bullets(facts)]
    if r.goods:
        rows = [[md(g.name), str(g.quantity), _who(data, campaign, g.top, g.role)] for g in r.goods]
        parts.append(f"**{t('goods')}**\n\n" + table([t("goods"), t("quantity"), t("rule")], rows))
    if r.badges:
        rows = [[md(badge_names.get(b.badge, b.badge)), _badge_rule(data, campaign, b)] for b in r.badges]
        parts.append(f"**{t('badges')}**\n\n" + table([t("badges"), t("rule")], rows))
    if r.priority:
        p = r.priority
        text = [t("top_n", n=p.top)] if p.top else []
        text += [md(badge_names.get(b, b)) for b in p.badges]
        parts.append(f"**{t('priority')}**：" + t.comma.join(text) + (f"。{md(p.note)}" if p.note else ""))
    return "\n\n".join(parts)


def _who(data: SiteData, campaign: Campaign, top: int | None, role: str | None) -> str:
    t, who = data.t, []
    if role:
        who.append(md(_role_name(campaign, role)))
    if top:
        who.append(t("top_n", n=top))
    return " · ".join(who) or t("rule_manual")


def _badge_rule(data: SiteData, campaign: Campaign, rule) -> str:
    t = data.t
    text = {"top": t("rule_top", n=rule.top), "deliverable": t("rule_deliverable"), "manual": t("rule_manual"),
            "threshold": t("rule_threshold", n=decimal_text(Fraction(rule.min_credit)) if rule.min_credit is not None else "—")}[rule.rule]
    return f"{md(_role_name(campaign, rule.role))} · {text}" if rule.role else text


# ------------------------------------------------------------------ progress board


def board(data: SiteData, cid: str) -> str:
    t, campaign, m = data.t, data.programme.campaigns[cid], data.metrics[cid]
    here = campaign_page(cid, "board")
    goal_rows = [[md(g.title), f"{bar(g.ratio)} {percent_text(g.ratio, 0)}", f"{count(g.achieved)} / {count(g.target)}"]
                 for g in m.goals]
    goal_details = [[(t("deadline"), str(g.deadline)), ("", t("met") if g.met else "")] for g in m.goals]
    stats = [f"**{t('task_completion')}**：{m.tasks_done}/{m.tasks_total} = {percent_text(m.completion_rate)}",
             f"**{t('reviews')}**：{t.value('approved')} {m.approved} · {t.value('pending')} {m.pending} · "
             f"{t.value('changes-requested')} {m.changes_requested} · {t.value('rejected')} {m.rejected}",
             f"**{t('reach')}**：{t('exposure')} {count(m.exposure)} · {t('interactions')} {count(m.interactions)} · "
             f"{t('engagement')} {percent_text(m.engagement_rate)} · {t('leads')} {count(m.leads)}"]
    a = campaign_amplified(data.programme, cid)
    if a.approved:
        stats.append(f"**{t('amplified')}**：" + t("amplified_text", pieces=a.pieces, approved=a.approved,
                                                    official=a.official_reposts, shares=a.shares, sharers=a.sharers))
    role_rows = [[md(r.name), f"{r.accepted}/{r.headcount}", f"{r.delivered}/{r.accepted}", str(r.approved)] for r in m.roles]
    sections = [
        _tabs(data, cid, here),
        section(t("goal_progress"), scan_table([t("goals"), t("progress"), t("achieved")], goal_rows, goal_details)),
        bullets(stats),
        section(t("delivery_by_role"), table([t("role"), t("accepted"), t("delivered"), t("contributions")], role_rows)),
        seats_section(data, campaign),
        _due_sections(data, cid, here),
        section(t("tasks_by_status"), _tasks_by_status(data, cid, here)),
        _sentiment_week(data, cid, here),
    ]
    return page(_title(data, campaign, "board"), sections, last_changed(data, campaign_files(data, cid)), _front(campaign))


def _task_row(data: SiteData, tid: str, here: str, campaign: Campaign, days: bool = False) -> tuple[list[str], list[tuple[str, str]]]:
    """(scanned cells, details): task and due date (and days left as words), then role and owners."""
    t, task = data.t, data.programme.tasks[tid]
    row = [task_ref(data, tid, here), str(task.due) if task.due else ""]
    if days:
        row.append(days_text((task.due - data.today).days, t) if task.due else "")
    details = [(t("role"), md(_role_name(campaign, task.role))),
               (t("owners"), t.comma.join(koc_ref(data, k, here) for k in task.owners))]
    return row, details


def _task_table(data: SiteData, ids, here: str, campaign: Campaign, days: bool = False) -> str:
    t = data.t
    made = [_task_row(data, tid, here, campaign, days) for tid in ids]
    headers = [t("task"), t("due"), *([t("days_left")] if days else [])]
    return scan_table(headers, [r for r, _ in made], [d for _, d in made])


def _due_sections(data: SiteData, cid: str, here: str) -> str:
    t, m, campaign = data.t, data.metrics[cid], data.programme.campaigns[cid]
    parts = [t("as_of", d=data.today)] if m.overdue or m.due_soon else []  # the date only beside day counts
    for key, ids in (("overdue", m.overdue or ()), ("due_soon", m.due_soon or ())):
        parts.append(f"### {t(key)}\n\n" + (_task_table(data, ids, here, campaign, days=True) if ids else t("nothing")))
    return "\n\n".join(parts)


def _tasks_by_status(data: SiteData, cid: str, here: str) -> str:
    t, m, campaign = data.t, data.metrics[cid], data.programme.campaigns[cid]
    tasks = data.programme.campaign_tasks.get(cid, [])
    parts = []
    for status, n in m.tasks_by_status.items():
        ids = sorted((tid for tid in tasks if data.programme.tasks[tid].status == status),
                     key=lambda tid: (data.programme.tasks[tid].due is None, data.programme.tasks[tid].due, tid))
        if ids:
            parts.append(f"### {t.value(status)}（{n}）\n\n" + _task_table(data, ids, here, campaign))
    return "\n\n".join(parts)


def _sentiment_week(data: SiteData, cid: str, here: str) -> str:
    """The latest week of sentiment: keywords, frequent complaints, misunderstandings with the facts to answer."""
    latest = latest_week(data.programme, cid, data.today)
    if latest is None:
        return ""
    t, (stem, week) = data.t, latest
    span = week_span(stem)
    heading = t("sentiment_week") + " · " + (t("sentiment_week_of", week=week_label(stem), start=span[0], end=span[1])
                                            if span else md(stem))
    parts = [md_paragraphs(week.summary)] if week.summary else []
    if week.observers:
        parts.append(f"**{t('observers')}**：" + t.comma.join(koc_ref(data, k, here) for k in week.observers))
    parts.append(table([t("keyword"), t("polarity"), t("mentions")],
                       [[md(k.word), t.value(k.polarity), count(k.count)] for k in week.keywords]))
    if week.complaints:
        parts.append(f"### {t('complaints')}\n\n" + bullets(
            [md(c.text) + (f"（{t('times', n=count(c.count))}）" if c.count is not None else "") for c in week.complaints]))
    if week.misunderstandings:
        parts.append(f"### {t('misunderstandings')}\n\n" + bullets(
            [md(m.text) + (f" → **{t('clarification')}**：{md(m.clarification)}" if m.clarification else "")
             for m in week.misunderstandings]))
    return section(heading, *parts)


# ------------------------------------------------------------------ honor roll


def honors(data: SiteData, cid: str) -> str:
    t, campaign, outcome = data.t, data.programme.campaigns[cid], data.outcomes[cid]
    here = campaign_page(cid, "honors")
    split = outcome.split
    sections = [_tabs(data, cid, here)]
    sections.append(money.status_note(data, cid))
    sections.append(section(t("honors"), _roll(data, cid, here)))
    paid = split.pool_fen - split.unallocated_fen
    summary = t("pool_sum", pool=yuan(split.pool_fen), paid=yuan(paid), left=yuan(split.unallocated_fen))
    sections.append(section(t("payout_split"), _payout_pie(data, cid), summary))
    sections.append(section(t("how_computed"), _explained(data, cid, here)))
    sections.append(_adjustments(data, cid, here))
    sections.append(section(t("joint_bylines"), _bylines(data, cid, here)))
    sections.append(section(t("retrospective"), _retrospective(data, cid, here)))
    return page(_title(data, campaign, "honors"), sections, last_changed(data, campaign_files(data, cid)), _front(campaign))


def _roll(data: SiteData, cid: str, here: str) -> str:
    t, outcome = data.t, data.outcomes[cid]
    badge_names = {b.id: b.name for b in data.programme.settings.badges}
    met = {c.koc: c.deliverable_met for c in outcome.claimants}
    ranked = sorted(outcome.split.payouts, key=lambda p: (-p.credit, p.koc))
    rows, details, rank, previous = [], [], 0, None
    for position, p in enumerate(ranked, 1):
        if p.credit != previous:
            rank, previous = position, p.credit
        rows.append([koc_ref(data, p.koc, here), str(rank), decimal_text(p.credit, 2), yuan(p.payout_fen)])
        details.append([(t("deliverable_met"), t("yes") if met.get(p.koc) else t("no")),
                        (t("badges"), t.comma.join(md(badge_names.get(b, b)) for b in outcome.badges_of(p.koc))),
                        (t("goods"), t.comma.join(md(g) for g in outcome.goods_of(p.koc))),
                        (t("priority"), t("yes") if p.koc in outcome.priority else "")])
    payout = f"{t('payout')} · {money.figure_status(data, cid)}"
    return blocked_scan_table(entries(t), "###", [t("koc"), t("rank"), t("credit"), payout], rows, details)


def _explained(data: SiteData, cid: str, here: str) -> str:
    """Per KOC, from the same split `kocsite rewards --explain` shows: works, pool, cap, a 0's reason."""
    split = data.outcomes[cid].split
    parts = []
    for p in sorted(split.payouts, key=lambda p: (-p.credit, p.koc)):
        parts.append(f"### {koc_ref(data, p.koc, here)}\n\n" + blocked_bullets(data.t, "####", money.summary(data, cid, p.koc)))
    return "\n\n".join(parts)


def _payout_pie(data: SiteData, cid: str) -> str:
    split = data.outcomes[cid].split
    paid = sorted((p for p in split.payouts if p.payout_fen > 0), key=lambda p: (-p.payout_fen, p.koc))
    names = [koc_name(data, p.koc) for p in paid]
    bars = [(name if names.count(name) == 1 else f"{name} · {p.koc}", p.payout_fen) for name, p in zip(names, paid)]
    if split.unallocated_fen:
        bars.append((data.t("unallocated"), split.unallocated_fen))
    return payout_bars(data.t("payout_split"), bars) if bars else ""


def _adjustments(data: SiteData, cid: str, here: str) -> str:
    ledger = data.programme.ledgers.get(cid)
    if ledger is None or not ledger.adjustments:
        return ""
    t = data.t
    rows = [[koc_ref(data, a.koc, here) if a.koc else "", str(a.date), yuan(a.payout_fen)] for a in ledger.adjustments]
    details = [[(t("credit"), md(a.credit or "")), (t("description"), md(a.reason))] for a in ledger.adjustments]
    return section(t("adjustments"), scan_table([t("koc"), t("date"), t("payout")], rows, details))


def _bylines(data: SiteData, cid: str, here: str) -> str:
    t, rows = data.t, []
    for tid in data.programme.campaign_tasks.get(cid, []):
        for record in data.programme.contributions.get(tid, []):
            c = record.contribution
            if c.authors and c.review.status == "approved":
                names = t.comma.join(f"{koc_ref(data, a.koc, here)}（{md(a.part) + ' · ' if a.part else ''}{decimal_text(Fraction(a.share))}%）"
                                     for a in c.authors)
                rows.append([link(c.title, c.url), names, str(c.date)])
    return table([t("work"), t("authors"), t("date")], rows)


def _retrospective(data: SiteData, cid: str, here: str) -> str:
    campaign = data.programme.campaigns[cid]
    t, r = data.t, campaign.retrospective
    if r is None or campaign.status != "closed":
        return t("not_closed")
    parts = [md_paragraphs(r.summary)]
    if r.outcomes:
        o = r.outcomes
        figures = [(t("exposure"), o.exposure), (t("interactions"), o.interactions), (t("leads"), o.leads),
                   (t("contents"), o.contents)]
        parts.append(" · ".join(f"{label} {count(v)}" for label, v in figures if v is not None))
    goal_rows = [[md(g.title), f"{count(g.achieved)} / {count(g.target)}", t("met") if g.met else ""]
                 for g in data.metrics[cid].goals]
    parts.append(table([t("goals"), t("achieved"), t("met")], goal_rows))
    keywords = retrospective_keywords(data.programme, cid)
    if keywords:
        parts.append(f"**{t('sentiment')}**：" + t.comma.join(
            md(k.word) + (f"（{t.value(k.polarity)} {count(k.count)}）" if k.count is not None else "") for k in keywords))
    for key, items in (("went_well", r.went_well), ("to_improve", r.to_improve), ("lessons", r.lessons)):
        if items:
            parts.append(f"### {t(key)}\n\n" + bullets([md(i) for i in items]))
    if r.highlights:
        parts.append(f"### {t('highlights')}\n\n" + bullets(
            [(koc_ref(data, h.koc, here) + "：" if h.koc else "") + md(h.text) for h in r.highlights]))
    return "\n\n".join(parts)

