"""People: the hall of fame, the KOC directory, public profiles and the skill graph.

Only public fields are read here — name, city, bio, cars, skills, interests, platform accounts,
and the KOC's approved work and honors. Nothing under `private:` and nothing of the candidate
pipeline (stage, source, signals) is ever looked at.
"""

from __future__ import annotations

from collections import defaultdict
from fractions import Fraction

from kocsite.money.credit import QUADRANTS
from kocsite.core.display import decimal_text, yuan
from kocsite.site.blocks import (BLOCK_BYTES, BLOCK_ROWS, SiteData, blocked_bullets, blocked_list, blocked_table, bullets, campaign_ref, count,
                                 entries, koc_page, koc_ref, last_changed, page, rel, section, table)
from kocsite.outputs.escape import link, md, md_paragraphs
from kocsite.site import money
from kocsite.site.next_steps import calendar_link, what_next
from kocsite.site.phone import blocked_scan_table, more, scan_table
from kocsite.site.wallet_pages import level_text, standing, wallet_section

DIRECTORY = "directory/index.md"


def group_of(name: str) -> str:
    """The directory group of a public name: the first letter of its pinyin (or of the name), else '0'."""
    from pypinyin import Style, lazy_pinyin

    first = (name.strip() or "0")[0]
    letter = (lazy_pinyin(first, style=Style.FIRST_LETTER, errors="default") or ["0"])[0][:1].lower()
    return letter if "a" <= letter <= "z" else "0"


def _sort_name(name: str) -> str:
    from pypinyin import lazy_pinyin

    return "".join(lazy_pinyin(name.strip())).lower()


def group_page(group: str) -> str:
    return f"directory/{group}.md"


def badge_holders(data: SiteData) -> dict[str, list[tuple[str, str]]]:
    """badge id → [(koc, campaign)] over every campaign, in campaign then KOC order."""
    holders: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for cid in sorted(data.outcomes):
        for award in data.outcomes[cid].badges:
            holders[award.badge] += [(koc, cid) for koc in award.kocs]
    return {b: sorted(set(v), key=lambda kv: (kv[1], kv[0])) for b, v in holders.items()}


def special_awards(data: SiteData) -> list[tuple[str, object]]:
    """(task id, record) of every special award, newest first; found once per build (three pages list them)."""
    return data.once("special_awards", _special_awards)


def _special_awards(data: SiteData) -> list[tuple[str, object]]:
    found = [(tid, r) for tid in sorted(data.programme.contributions) for r in data.programme.contributions[tid]
             if r.contribution.award is not None]
    return sorted(found, key=lambda tr: (-tr[1].contribution.award.date.toordinal(), tr[0], tr[1].id))


def _authors(record) -> list[str]:
    c = record.contribution
    return [c.koc] if c.koc else [a.koc for a in c.authors]


class _ProfileIndex:
    """Per KOC, in the order the profile lists them: what `profile` would otherwise find by scanning the
    whole programme once per KOC (quadratic at 10 000 profiles). Built once per SiteData."""

    def __init__(self, data: SiteData) -> None:
        self.all_time = data.book.all_time()
        self.award_points = data.book.award_points()
        self.campaigns: dict[str, list[tuple[str, object]]] = defaultdict(list)
        for cid in sorted(data.programme.campaigns):
            for m in data.programme.campaigns[cid].members:
                if m.status == "accepted":
                    self.campaigns[m.koc].append((cid, m))
        self.works: dict[str, list[tuple[object, object]]] = defaultdict(list)
        for tid in sorted(data.programme.contributions):
            task = data.programme.tasks.get(tid)
            if task is None or task.quadrant == "routine":
                continue
            for record in data.programme.contributions[tid]:
                if record.contribution.review.status == "approved":
                    for koc in dict.fromkeys(_authors(record)):
                        self.works[koc].append((task, record))
        self.badges: dict[str, list[tuple[str, str]]] = defaultdict(list)
        for b, holders in sorted(badge_holders(data).items()):
            for k, cid in holders:
                self.badges[k].append((b, cid))
        self.titles: dict[str, list[object]] = defaultdict(list)
        for x in sorted(data.book.titles, key=lambda x: (x.period, x.title)):
            self.titles[x.koc].append(x)
        self.awards: dict[str, list[object]] = defaultdict(list)
        for _, record in special_awards(data):
            for koc in dict.fromkeys(_authors(record)):
                self.awards[koc].append(record)


def profile_index(data: SiteData) -> _ProfileIndex:
    return data.once("profiles", _ProfileIndex)


# ------------------------------------------------------------------ hall of fame


HALL = "hall-of-fame.md"
HALL_TOP = 100
"""All-time ranks on the hall of fame itself; the rest on ranking pages of HALL_PAGE ranks each, so a
phone never loads 10 000 rows at once and every KOC is listed on exactly one page."""
HALL_PAGE = 500


def hall_page(number: int) -> str:
    return f"hall-of-fame/page-{number}.md"


def _all_time(data: SiteData) -> list[tuple[str, int, str, str]]:
    """(koc, rank, total, details line) in ranking order; ties share a rank. Built once per SiteData."""
    return data.once("all_time", _ranked_all_time)


def _ranked_all_time(data: SiteData) -> list[tuple[str, int, str, str]]:
    t = data.t
    quadrants = data.book.quadrant_credit()
    awards = data.book.award_points()
    totals = data.book.all_time()
    ranked = sorted(set(totals) | set(awards), key=lambda k: (-(totals.get(k, 0) + awards.get(k, 0)), k))
    found, rank, previous = [], 0, None
    for position, koc in enumerate(ranked, 1):
        total = totals.get(koc, Fraction(0)) + awards.get(koc, Fraction(0))
        if total != previous:
            rank, previous = position, total
        parts = quadrants.get(koc, {q: Fraction(0) for q in QUADRANTS})
        details = more([*[(t(f"quadrant_{q}"), decimal_text(parts[q], 2)) for q in QUADRANTS if parts[q]],
                        (t("award_points"), decimal_text(awards[koc], 2) if awards.get(koc) else "")])
        found.append((koc, rank, decimal_text(total, 2), details))
    return found


def _ranking_pages(count: int) -> list[tuple[str, int, int]]:
    """(page, first position, last position) of the ranking pages after the hall's top HALL_TOP."""
    return [(hall_page(n), first, min(first + HALL_PAGE - 1, count))
            for n, first in enumerate(range(HALL_TOP + 1, count + 1, HALL_PAGE), 2)]


def _ranking_links(data: SiteData, here: str, count: int) -> str:
    t = data.t
    links = [f"[{t('ranks_range', a=1, b=min(HALL_TOP, count))}]({rel(here, HALL)})"]
    links += [f"[{t('ranks_range', a=a, b=b)}]({rel(here, target)})" for target, a, b in _ranking_pages(count)]
    return f"**{t('full_ranking')}**：" + " · ".join(links)


def _ranking(data: SiteData, here: str, first: int, last: int) -> str:
    """Positions first..last (1-based) of the all-time ranking, under sub-headings of at most BLOCK_ROWS ranks."""
    t = data.t
    merged = [[koc_ref(data, koc, here) + details, str(rank), total] for koc, rank, total, details in _all_time(data)[first - 1:last]]
    return blocked_table(lambda a, b: t("ranks_range", a=a, b=b), "###", [t("koc"), t("rank"), t("total")], merged, first)


def hall_of_fame(data: SiteData, files: set[str]) -> dict[str, str]:
    """The hall of fame and, when more than HALL_TOP KOCs rank, its ranking pages."""
    t, here = data.t, HALL
    count = len(_all_time(data))
    pages_after = _ranking_pages(count)
    titles = sorted(data.book.titles, key=lambda x: (-x.until.toordinal(), x.title, x.period, x.koc))
    title_rows = [[md(x.name), md(x.period), koc_ref(data, x.koc, here), str(x.until)] for x in titles]
    sections = [
        section(t("special_awards"), _award_list(data, here)),
        section(t("all_time"), _ranking(data, here, 1, min(HALL_TOP, count)),
                _ranking_links(data, here, count) if pages_after else ""),
        section(t("titles"), blocked_table(lambda a, b: t("rows_range", a=a, b=b), "###",
                                           [t("title"), t("period"), t("koc"), t("until")], title_rows)),
        section(t("badges"), _badges(data, here)),
    ]
    footer = last_changed(data, files)
    pages = {HALL: page(t("hall_of_fame"), sections, footer)}
    for target, a, b in pages_after:
        pages[target] = page(f"{t('hall_of_fame')} · {t('ranks_range', a=a, b=b)}",
                             [f"[{t('hall_of_fame')}]({rel(target, HALL)})", _ranking_links(data, target, count),
                              _ranking(data, target, a, b)], footer)
    return pages


def _badges(data: SiteData, here: str) -> str:
    """One table row per badge; when the holders are many (or the table long), one sub-heading per badge
    instead, its holders in blocks under sub-sub-headings (a table cell of 1 000 names would be one search entry)."""
    t = data.t
    names = {b.id: b.name for b in data.programme.settings.badges}
    holders = badge_holders(data)
    cells = {b: [f"{koc_ref(data, k, here)}（{campaign_ref(data, c, here, 'honors')}）" for k, c in holders[b]] for b in sorted(holders)}
    small = table([t("badges"), t("holders")], [[md(names.get(b, b)), t.comma.join(v)] for b, v in cells.items()])
    if sum(len(v) for v in cells.values()) <= BLOCK_ROWS and len(small.encode("utf-8")) <= BLOCK_BYTES:
        return small
    return "\n\n".join(f"### {md(names.get(b, b))}\n\n" + blocked_list(lambda a, z: t("rows_range", a=a, b=z), "####", v, t.comma)
                        for b, v in cells.items())


def _award_list(data: SiteData, here: str) -> str:
    t, parts = data.t, []
    for tid, record in special_awards(data):
        c = record.contribution
        a = c.award
        who = t.comma.join(koc_ref(data, k, here) for k in _authors(record))
        facts = [f"**{t('date')}**：{a.date}", f"**{t('points')}**：{count(a.points)}", f"**{t('cash')}**：{yuan(a.cash_fen)}",
                 f"**{t('granted_by')}**：{md(a.granted_by)}", f"**{t('work')}**：{link(c.title, c.url)}"]
        parts.append(f"### {md(a.title)}\n\n{who}\n\n> {md(a.citation)}\n\n" + bullets(facts))
    return "\n\n".join(parts)


# ------------------------------------------------------------------ directory


def directory_pages(data: SiteData, files: set[str]) -> dict[str, str]:
    t = data.t
    groups: dict[str, list[str]] = defaultdict(list)
    for koc in sorted(data.profiled, key=lambda k: (_sort_name(data.programme.kocs[k].name), k)):
        groups[group_of(data.programme.kocs[koc].name)].append(koc)
    index_rows = [[f"[{g.upper()}]({rel(DIRECTORY, group_page(g))})", t("kocs_count", n=len(groups[g]))] for g in sorted(groups)]
    pages = {DIRECTORY: page(t("directory"), [t("directory_intro"), table([t("directory"), t("koc")], index_rows)],
                             last_changed(data, files))}
    names = {s.id: s.name for s in data.programme.settings.skills}
    with_levels = standing(data)[1].enabled
    level_header = [t("level")] if with_levels else []

    def levels(koc: str) -> list[str]:
        return [level_text(data, koc)] if with_levels else []

    for g in sorted(groups):
        here = group_page(g)
        rows = []
        for koc in groups[g]:
            profile = data.programme.kocs[koc]
            skills = sorted(profile.skills, key=lambda s: (-s.level, s.skill))[:3]
            rows.append([koc_ref(data, koc, here), md(profile.city or ""),
                         t.comma.join(md(names.get(s.skill, s.skill)) for s in skills)] + levels(koc))
        pages[here] = page(f"{t('directory')} · {g.upper()}", [f"[{t('directory')}]({rel(here, DIRECTORY)})",
                                                                 blocked_table(entries(t), "##", [t("koc"), t("city"), t("skills")]
                                                                               + level_header, rows)],
                           last_changed(data, {f"kocs/{k}.yaml" for k in groups[g]}))
    return pages


# ------------------------------------------------------------------ profiles


def profile(data: SiteData, koc: str) -> str:
    t, k, here = data.t, data.programme.kocs[koc], koc_page(koc)
    skill_names = {s.id: s.name for s in data.programme.settings.skills}
    platform_names = {p.id: p.name for p in data.programme.settings.platforms}
    facts = []
    if k.city:
        facts.append(f"**{t('city')}**：{md(k.city)}")
    if k.joined:
        facts.append(f"**{t('joined')}**：{k.joined}")
    if k.cars:
        facts.append(f"**{t('cars')}**：" + t.comma.join(md(c.model) for c in k.cars))
    if k.interests:
        facts.append(f"**{t('interests')}**：" + t.comma.join(md(i) for i in k.interests))
    skill_rows = [[f"[{md(skill_names.get(s.skill, s.skill))}]({rel(here, skill_page(s.skill))})", "★" * s.level]
                  for s in sorted(k.skills, key=lambda s: (-s.level, s.skill))]
    platform_rows = [[md(platform_names.get(p.platform, p.platform)), link(p.handle, p.url),
                      count(p.followers) if p.followers is not None else ""] for p in k.platforms]
    files = {f"kocs/{koc}.yaml"}
    sections = [
        md_paragraphs(k.bio) if k.bio else "",
        bullets(facts),
        what_next(data, koc, here),
        calendar_link(data, here, koc=koc),
        section(t("skills"), table([t("skills"), t("level")], skill_rows)),
        section(t("platforms"), table([t("platforms"), t("handle"), t("followers")], platform_rows)),
        section(t("campaigns"), _campaigns_of(data, koc, here, files)),
        section(t("how_mine"), _explained_of(data, koc, here)),
        section(t("works"), _works_of(data, koc, here, files)),
        section(t("honors_of"), _honors_of(data, koc, here)),
        section(t("standing"), wallet_section(data, koc)),
    ]
    files |= {r.file for r in data.programme.redemptions if r.redemption.koc == koc}
    return page(k.name, sections, last_changed(data, files))


def _campaigns_of(data: SiteData, koc: str, here: str, files: set[str]) -> str:
    t, rows, details = data.t, [], []
    for cid, m in profile_index(data).campaigns.get(koc, ()):
        campaign = data.programme.campaigns[cid]
        files.add(f"campaigns/{cid}.yaml")
        role = next((r.name for r in campaign.roles if r.id == m.role), m.role)
        payout = data.outcomes[cid].split.payout_of(koc)
        held = data.outcomes[cid].held_of(koc)
        rows.append([campaign_ref(data, cid, here), md(role),
                     f"{yuan(payout.payout_fen)}（{money.figure_status(data, cid)}）" if payout else ""])
        if held:
            rows[-1][2] += f" · {md(t('held_back', amount=yuan(held)))}"
        details.append([(t("status"), t.value(campaign.status))])
    return scan_table([t("campaign"), t("role"), t("payout")], rows, details)


def _explained_of(data: SiteData, koc: str, here: str) -> str:
    """Per campaign the KOC is a claimant of: the summary and every step of `rewards --explain --koc`."""
    t, parts = data.t, []
    for cid in _paid_campaigns(data).get(koc, ()):
        summary, steps = blocked_bullets(t, "####", money.summary(data, cid, koc)), money.steps(data, cid, koc)
        # the steps under a sub-heading of their own when the summary was split or both would pass a block's size
        alone = summary.startswith("#### ") or len(f"{summary}{steps}".encode("utf-8")) > BLOCK_BYTES
        title = f"#### {t('steps')}" if alone else f"**{t('steps')}**"
        parts.append(f"### {campaign_ref(data, cid, here, 'honors')}\n\n{summary}\n\n{title}\n\n{steps}")
    return "\n\n".join(parts)


def _paid_campaigns(data: SiteData) -> dict[str, list[str]]:
    """Per KOC, the campaigns whose split has a payout for them, in id order: built once, not a scan of
    every campaign per profile (2 000 000 lookups at reference scale)."""
    return data.once("paid_campaigns", _campaigns_by_paid_koc)


def _campaigns_by_paid_koc(data: SiteData) -> dict[str, list[str]]:
    paid: dict[str, list[str]] = {}
    for cid in sorted(data.outcomes):
        for koc in dict.fromkeys(payout.koc for payout in data.outcomes[cid].split.payouts):
            paid.setdefault(koc, []).append(cid)
    return paid


def _confirmation(t, task, author) -> str:
    """Whether a co-author confirmed their share, for bylines agreed at kickoff (the task's `byline`)."""
    if author.confirmed is not None:
        return f" · {md(t('share_confirmed', day=author.confirmed.isoformat()))}"
    return f" · {md(t('share_pending'))}" if task.byline else ""


def _works_of(data: SiteData, koc: str, here: str, files: set[str]) -> str:
    """Approved work only: drafts, rejected work and its review reasons stay between the KOC and the operators."""
    t, rows = data.t, []
    for task, record in profile_index(data).works.get(koc, ()):
        c = record.contribution
        files.add(record.file)
        share = next((f"{decimal_text(Fraction(a.share))}%" + (f" · {md(a.part)}" if a.part else "")
                      + _confirmation(t, task, a) for a in c.authors if a.koc == koc), "")
        where = campaign_ref(data, task.campaign, here) if task.campaign else t(f"quadrant_{task.quadrant}")
        rows.append((str(c.date), link(c.title, c.url), where, share))
    rows.sort(key=lambda row: row[0], reverse=True)
    return blocked_scan_table(entries(t), "###", [t("work"), t("date")], [[w, d] for d, w, _, _ in rows],
                              [[(t("campaign"), where), (t("share"), share)] for _, _, where, share in rows])


def _honors_of(data: SiteData, koc: str, here: str) -> str:
    t = data.t
    names = {b.id: b.name for b in data.programme.settings.badges}
    index = profile_index(data)
    total = index.all_time.get(koc, Fraction(0)) + index.award_points.get(koc, Fraction(0))
    items = [f"**{t('all_time')}**：{decimal_text(total, 2)}"]
    for b, cid in index.badges.get(koc, ()):
        items.append(f"{t('badges')}：{md(names.get(b, b))}（{campaign_ref(data, cid, here, 'honors')}）")
    for x in index.titles.get(koc, ()):
        items.append(f"{t('title')}：{md(x.name)}（{md(x.period)}，{t('until')} {x.until}）")
    for record in index.awards.get(koc, ()):
        items.append(f"{t('special_awards')}：{md(record.contribution.award.title)}（{record.contribution.award.date}）")
    return bullets(items)


# ------------------------------------------------------------------ skill graph


SKILLS = "skills.md"


def skill_page(skill: str) -> str:
    return f"skills/{skill}.md"  # a skill id is a validated slug (kocsite.yml): safe in a path


def skills_pages(data: SiteData, files: set[str]) -> dict[str, str]:
    """The skill graph: an index of the skills with their counts and the composite tasks that join them,
    and a page per skill with its holders and the tasks that need it. One page per skill, not one
    page of every holder: a phone loads only the skill it asked for, and a renamed KOC changes only
    the pages of their own skills (the whole graph was 1.2 MB of Markdown at reference scale)."""
    t, programme = data.t, data.programme
    people: dict[str, list[tuple[int, str]]] = defaultdict(list)
    for koc in sorted(data.profiled):
        for s in programme.kocs[koc].skills:
            people[s.skill].append((s.level, koc))
    needed: dict[str, list[str]] = defaultdict(list)
    for tid in sorted(programme.tasks):
        for s in programme.tasks[tid].skills:
            needed[s].append(tid)
    rows = [[f"[{md(s.name)}]({rel(SKILLS, skill_page(s.id))})", str(len(people[s.id])), str(len(needed[s.id]))]
            for s in programme.settings.skills]
    index = [t("skill_intro"), table([t("skills"), t("koc"), t("needed_by")], rows), section(t("skill_map"), _skill_map(data, needed))]
    footer = last_changed(data, files)  # it sorts every data file: once for all the skill pages
    pages = {SKILLS: page(t("skill_graph"), index, footer)}
    for s in programme.settings.skills:
        here = skill_page(s.id)
        holders = sorted(people[s.id], key=lambda lk: (-lk[0], lk[1]))
        parts = [f"[{md(t('skill_graph'))}]({rel(here, SKILLS)})"]
        if s.description:
            parts.append(md(s.description))
        if holders:
            parts.append(section(t("koc"), blocked_list(entries(t), "###", [f"{koc_ref(data, k, here)} {'★' * level}"
                                                                            for level, k in holders], t.comma)))
        if needed[s.id]:
            parts.append(_needed_by(data, needed[s.id]))
        pages[here] = page(s.name, parts, footer)
    return pages


def _needed_by(data: SiteData, tids: list[str]) -> str:
    """## 需要它的任务 — a, b, … under sub-headings of its own when the tasks are many."""
    t = data.t
    titles = [md(data.programme.tasks[tid].title) for tid in tids]
    return section(t("needed_by"), blocked_list(entries(t, t("needed_by")), "###", titles, t.comma))


MAP_LIMIT = 40


def _skill_map(data: SiteData, needed: dict[str, list[str]]) -> str:
    """Skills linked to the composite tasks (two or more skills) that need them; the newest MAP_LIMIT tasks."""
    programme = data.programme
    composite = sorted((tid for tid, task in programme.tasks.items() if len(set(task.skills)) >= 2),
                       key=lambda tid: (-(programme.tasks[tid].start or programme.tasks[tid].due or data.today).toordinal(), tid))
    composite = sorted(composite[:MAP_LIMIT])
    if not composite:
        return ""
    names = {s.id: s.name for s in programme.settings.skills}
    return bullets([f"**{md(programme.tasks[tid].title)}**：" + data.t.comma.join(
        f"[{md(names.get(s, s))}]({rel(SKILLS, skill_page(s))})" for s in sorted(set(programme.tasks[tid].skills))) for tid in composite])
