"""Pure page generation: the loaded programme and its computed figures → {docs path: Markdown text}.

No file I/O here and nothing random: the same data gives the same bytes. Pages are built from an
explicit list of public fields; no `private:` block is ever read. Every data string goes through
`escape.md` (or `mermaid_label` inside diagrams); titles and nav labels come from the label catalogue.
"""

from __future__ import annotations

from datetime import date

from kocsite.money.credit import QUADRANTS, CreditBook
from kocsite.core.display import percent_text
from kocsite.ops.metrics import CampaignMetrics
from kocsite.money.outcome import CampaignOutcome
from kocsite.models.programme import Programme
from kocsite.site.blocks import (SiteData, bar, blocked_table, campaign_ref, count, entries, koc_page, koc_ref, last_changed, page,
                                 rel, section, table)
from kocsite.site.campaign_pages import campaign_pages
from kocsite.outputs.escape import md
from kocsite.site.history import History
from kocsite.site.insight_pages import INSIGHTS, insights_page
from kocsite.site.labels import Labels
from kocsite.site.next_steps import attention_home, calendar_files, recruiting_home
from kocsite.site.phone import CSS_PATH, STYLESHEET
from kocsite.site.people_pages import DIRECTORY, SKILLS, directory_pages, hall_of_fame, profile, skills_pages, special_awards
from kocsite.site.task_pages import INDEX as TASKS_INDEX
from kocsite.site.task_pages import quadrant_page, task_pages

CAMPAIGNS = "campaigns/index.md"
STATUS_ORDER = ("running", "recruiting", "planning", "closed", "cancelled")


def profiled_kocs(programme: Programme, book: CreditBook) -> frozenset[str]:
    """KOCs who are public by their own doing: approved work, a special award, or an accepted campaign role.

    Candidates who were only discovered, contacted or invited never get a page (10 000 pages of people
    who never agreed to anything would be neither useful nor fair).
    """
    public = {line.koc for line in book.lines if line.counted} | {award.koc for award in book.awards}
    public |= {m.koc for c in programme.campaigns.values() for m in c.members if m.status == "accepted"}
    return frozenset(k for k in public if k in programme.kocs)


def all_files(programme: Programme) -> set[str]:
    files = {"kocsite.yml"}
    files |= {f"campaigns/{c}.yaml" for c in programme.campaigns} | {f"kocs/{k}.yaml" for k in programme.kocs}
    files |= {f"tasks/{t}.yaml" for t in programme.tasks} | {f"ledgers/{c}.yaml" for c in programme.ledgers}
    files |= {r.file for records in programme.contributions.values() for r in records}
    return files


def render_pages(programme: Programme, book: CreditBook, outcomes: dict[str, CampaignOutcome],
                 metrics: dict[str, CampaignMetrics], history: History, today: date) -> dict[str, str]:
    data = SiteData(programme, book, outcomes, metrics, history, today, Labels(programme.settings.language),
                    profiled_kocs(programme, book))
    files = all_files(programme)
    pages = {"index.md": home(data, files), CAMPAIGNS: campaigns_index(data, files),
             "tags.md": tags_page(data, files)}
    pages.update(skills_pages(data, files))
    pages.update(hall_of_fame(data, files))
    pages.update(directory_pages(data, files))
    pages[INSIGHTS] = insights_page(data)
    pages.update(task_pages(data))
    for cid in sorted(programme.campaigns):
        pages.update(campaign_pages(data, cid))
    for koc in sorted(data.profiled):
        pages[koc_page(koc)] = profile(data, koc)
    pages[CSS_PATH] = STYLESHEET
    pages.update(calendar_files(data))
    from kocsite.site.api import api_files
    pages.update(api_files(data))
    return dict(sorted(pages.items()))


def _ordered_campaigns(data: SiteData) -> list[str]:
    campaigns = data.programme.campaigns
    return sorted(campaigns, key=lambda c: (STATUS_ORDER.index(campaigns[c].status), -campaigns[c].start.toordinal(), c))


def campaigns_index(data: SiteData, files: set[str]) -> str:
    t = data.t
    rows = [[campaign_ref(data, cid, CAMPAIGNS), t.value(c.status), f"{c.start} — {c.end}",
             f"[{t('board')}]({rel(CAMPAIGNS, f'campaigns/{cid}/board.md')}) · "
             f"[{t('honors')}]({rel(CAMPAIGNS, f'campaigns/{cid}/honors.md')})"]
            for cid in _ordered_campaigns(data) for c in [data.programme.campaigns[cid]]]
    return page(t("campaigns"), [blocked_table(entries(t), "##", [t("campaign"), t("status"), t("period"), ""], rows)],
                last_changed(data, files))


def home(data: SiteData, files: set[str]) -> str:
    t, here = data.t, "index.md"
    settings = data.programme.settings
    intro = md(settings.site.description) if settings.site.description else ""
    running = [cid for cid in _ordered_campaigns(data) if data.programme.campaigns[cid].status == "running"]
    blocks = []
    for cid in running:
        m = data.metrics[cid]
        rows = [[md(g.title), f"{bar(g.ratio)} {percent_text(g.ratio, 0)}", f"{count(g.achieved)} / {count(g.target)}"]
                for g in m.goals]
        c = data.programme.campaigns[cid]
        blocks.append(f"### {campaign_ref(data, cid, here)}\n\n{c.start} — {c.end} · "
                      f"[{t('board')}]({rel(here, f'campaigns/{cid}/board.md')})\n\n"
                      + table([t("goals"), t("progress"), t("achieved")], rows))
    quadrant_rows = [[f"[{t(f'quadrant_{q}')}]({rel(here, quadrant_page(q))})", t(f"quadrant_{q}_about")] for q in QUADRANTS]
    sections = [
        intro,
        attention_home(data, here),
        section(t("running"), "\n\n".join(blocks) or t("no_running")),
        recruiting_home(data, here),
        section(t("latest_honors"), _latest_honors(data, here)),
        section(t("quadrants"), table([t("tasks"), t("description")], quadrant_rows)),
        " · ".join(f"[{t(key)}]({rel(here, target)})" for key, target in
                   (("campaigns", CAMPAIGNS), ("hall_of_fame", "hall-of-fame.md"), ("directory", DIRECTORY),
                    ("skill_graph", SKILLS), ("tasks", TASKS_INDEX))),
    ]
    return page(settings.site.title or settings.brand, sections, last_changed(data, files))


def _latest_honors(data: SiteData, here: str) -> str:
    t, items = data.t, []
    for _, record in special_awards(data)[:5]:
        c = record.contribution
        who = t.comma.join(koc_ref(data, k, here) for k in ([c.koc] if c.koc else [a.koc for a in c.authors]))
        items.append(f"- {c.award.date} · **{md(c.award.title)}** · {who}")
    closed = [cid for cid in _ordered_campaigns(data) if data.programme.campaigns[cid].status == "closed"][:3]
    for cid in closed:
        payouts = sorted((p for p in data.outcomes[cid].split.payouts if p.credit > 0), key=lambda p: (-p.credit, p.koc))[:3]
        if payouts:
            items.append(f"- {campaign_ref(data, cid, here, 'honors')}：" + t.comma.join(koc_ref(data, p.koc, here) for p in payouts))
    return "\n".join(items)


def tags_page(data: SiteData, files: set[str]) -> str:
    """Material's tags plugin renders the tag listing where the marker comment stands. It lists every task
    page under its quadrant's tag: thousands of links in one section, which Zensical refuses to index (51 KB
    of search text at a quarter of the reference scale). The quadrant pages list the same tasks in blocks,
    so the tag listing stays out of the search index."""
    return page(data.t("tags"), ["<!-- material/tags -->"], last_changed(data, files), ["search:", "  exclude: true"])
