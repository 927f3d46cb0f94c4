"""Build the sample programme's site for real (mkdocs --strict) and check the HTML against the engines."""

from __future__ import annotations

import html as htmllib
import json
import re
from pathlib import Path

import pytest

from kocsite.money.credit import compute_credit
from kocsite.core.display import yuan
from kocsite.ops.metrics import campaign_metrics
from kocsite.money.outcome import campaign_outcome
from kocsite.models.programme import load_programme
from kocsite.site.blocks import count

from site_support import TODAY, build, html
from tests_support import REPO

CAMPAIGN = "cockpit-deep-experience"


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    out = tmp_path_factory.mktemp("site")
    result = build(REPO, out)  # raises if `mkdocs build --strict` fails
    return result, out / "site", load_programme(REPO)


def test_every_kind_of_page_exists(built):
    result, site, programme = built
    expected = ["", "campaigns", "hall-of-fame", "directory", "skills", "tasks", "tasks/routine", "tasks/exploration",
                "tasks/project", "tasks/spontaneous", "tags"]
    for cid in programme.campaigns:
        expected += [f"campaigns/{cid}", f"campaigns/{cid}/board", f"campaigns/{cid}/honors"]
    expected += ["kocs/zuocang-laochen", "kocs/lanjie-s7", "kocs/susu-notes"]
    for path in expected:
        assert (site / path / "index.html").is_file(), path
    assert result.pages == len(list(result.docs_dir.rglob("*.md")))


def test_profiles_only_for_kocs_who_went_public(built):
    _, site, programme = built
    # junge-ev declined his only invitation and has no approved work: no page, not in the directory
    assert not (site / "kocs/junge-ev").exists()
    assert "junge-ev" not in html(site, "directory/h") if (site / "directory/h").exists() else True


def test_honor_roll_payouts_equal_the_rewards_engine(built):
    _, site, programme = built
    book = compute_credit(programme)
    for cid in programme.campaigns:
        page = html(site, f"campaigns/{cid}/honors")
        rows = re.findall(r"<tr>(.*?)</tr>", page, re.S)
        outcome = campaign_outcome(programme, book, cid)
        for payout in outcome.split.payouts:
            row = next(r for r in rows if f"kocs/{payout.koc}/" in r)
            assert f"<td>{yuan(payout.payout_fen)}</td>" in row, (cid, payout.koc)
        assert f"{yuan(outcome.split.unallocated_fen)} 元" in page
        if outcome.split.unallocated_fen:
            fen = outcome.split.unallocated_fen
            assert '>未分配</text>' in page and f">{fen // 100:,}.{fen % 100:02d} 元</text>" in htmllib.unescape(page)


def test_progress_board_goals_equal_the_metrics(built):
    _, site, programme = built
    for cid in programme.campaigns:
        page = html(site, f"campaigns/{cid}/board")
        metrics = campaign_metrics(programme, cid, TODAY)
        for goal in metrics.goals:
            assert f"{count(goal.achieved)} / {count(goal.target)}" in page, (cid, goal.id)
        assert f"{metrics.tasks_done}/{metrics.tasks_total}" in page
    board = html(site, f"campaigns/{CAMPAIGN}/board").split('class="md-content"', 1)[1]
    overdue = board.split("已逾期", 1)[1].split("两天内到期", 1)[0]
    for task in campaign_metrics(programme, CAMPAIGN, TODAY).overdue:
        assert programme.tasks[task].title in htmllib.unescape(overdue)


def test_kickoff_brief_has_every_section_and_diagrams(built):
    _, site, _ = built
    page = html(site, f"campaigns/{CAMPAIGN}")
    for heading in ("背景", "目标", "角色与交付标准", "成员", "协作流程", "时间线", "奖励规则"):
        assert f">{heading}<" in page, heading
    assert page.count('<figure class="kocsite-chart"><svg') == 2  # the step flow and the timeline, drawn at build time
    assert "mermaid" not in page and "flowchart LR" not in page and "unpkg" not in page


def test_internal_links_resolve(built):
    _, site, _ = built
    for page in site.rglob("*.html"):
        for href in re.findall(r'href="([^"#:]+)(?:#[^"]*)?"', page.read_text(encoding="utf-8")):
            href = htmllib.unescape(href)
            target = (site / href.lstrip("/") if href.startswith("/") else page.parent / href).resolve()
            assert target.exists() or (target / "index.html").exists(), (page, href)


def test_chinese_query_finds_the_campaign_in_the_search_index(built):
    """Material segments Chinese with jieba into words joined by U+200B; the worker splits on the
    separator (a JavaScript pattern with look-behind, which Python's re cannot compile: the real search
    runs in Chromium in test_site_search.py)."""
    _, site, _ = built
    index = json.loads((site / "search/search_index.json").read_text(encoding="utf-8"))
    assert "\\u200b" in index["config"]["separator"] and "stemmer" not in index["config"]["pipeline"]
    hits = [doc["location"] for doc in index["docs"] if "\u200b座舱\u200b" in doc["title"] + doc["text"]]
    assert any(location.startswith(f"campaigns/{CAMPAIGN}/") for location in hits)


def test_every_page_says_when_its_data_last_changed(built):
    _, site, _ = built
    for page in site.rglob("index.html"):
        text = page.read_text(encoding="utf-8")
        if "md-content" in text and "/assets/" not in str(page):
            assert re.search(r"数据最后更新：(\d{4}-\d{2}-\d{2}|尚未提交|无 git 记录)", text), page


def test_navigation_stays_small(built):
    """Profiles are outside the nav: a page's size does not grow with the number of KOCs."""
    _, site, _ = built
    page = html(site, "kocs/zuocang-laochen")
    nav = page.split('md-nav--primary', 1)[1].split('md-nav--secondary', 1)[0]
    assert "kocs/" not in nav and "campaigns/cockpit" not in nav


def test_build_refuses_data_with_errors(programme, run):
    root = programme({"tasks/deep-review/li-lei.yaml": "koc: li-lie\ntitle: x\ndate: 2025-07-10\n"})
    result = run("build", root)
    assert result.exit_code == 1 and "E104" in result.output
    assert not (Path(root) / "site").exists()


def test_board_shows_the_amplified_count_and_the_latest_sentiment_week(built):
    _, site, programme = built
    board = htmllib.unescape(html(site, f"campaigns/{CAMPAIGN}/board").split('class="md-content"', 1)[1])
    # approved works of the campaign: 15; amplified: the voice review (1 official repost, 2 shares) and the video
    # review (1 share) — 3 shares by che-shenghuo, nanjing-l9, jiajia-no-brake
    assert "2/16 篇通过审核的作品被转发 · 官方账号转发 1 次 · 3 位车主转发 3 次" in board
    latest = board.split(">最新一周舆情 · 2026-W47（2026-11-16 至 2026-11-22）<", 1)[1]  # the heading
    assert "仅主驾唤醒" in latest and "方言识别仍然不稳定" in latest and "（45 次）" in latest
    assert "后排屏亮度" not in latest and "家庭模式" not in latest  # keywords of earlier weeks only
    honors = htmllib.unescape(html(site, "campaigns/l9-mayday-road-trip/honors").split('class="md-content"', 1)[1])
    # typed keywords first; 补能排队 recorded 180 (W18) + 90 (W19); 露营模式 recorded only, appended
    assert ("补能排队（负面 270）、第三排空间（正面 140）、馈电油耗（负面 70）、高原动力（中性 60）、带娃长途（正面 150）、"
            "座椅舒适、露营模式（正面 40）") in honors


def test_sentiment_private_notes_are_never_published(built):
    _, site, programme = built
    notes = programme.sentiment[CAMPAIGN]["2026-w45"].private.notes
    for page in site.rglob("*"):
        if page.is_file() and page.suffix in (".html", ".json", ".xml", ".txt", ".ics"):
            assert "后台账号截图" not in page.read_text(encoding="utf-8", errors="replace"), page
    assert "后台账号截图" in notes


def test_auto_picks_zensical_only_where_it_is_installed_and_unknown_engines_are_refused():
    from kocsite.site.build import SiteError, chosen_engine, zensical_available

    assert chosen_engine("auto") == ("zensical" if zensical_available() else "mkdocs")
    assert chosen_engine("mkdocs") == "mkdocs" and chosen_engine("zensical") == "zensical"
    with pytest.raises(SiteError, match="auto、mkdocs、zensical"):
        chosen_engine("hugo")
