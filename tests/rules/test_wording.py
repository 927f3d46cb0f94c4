"""Content review: banned (absolute) terms found at their exact line:column, in data files and in drafts."""

from __future__ import annotations

import json

from kocsite.checker import check
from kocsite.rules.wording import lint_text, occurrences


def _w701(root):
    return [(p.file, p.line, p.column, p.params) for p in check(root, cache_dir=None).problems if p.code == "W701"]


def test_plain_quoted_and_block_scalars_are_located_exactly(programme):
    root = programme({"tasks/deep-review.yaml": (
        "title: 全网首发评测\n"                         # plain: 全 is the 8th character
        "quadrant: project\n"
        "campaign: cockpit\n"
        "role: tech-officer\n"
        "due: 2025-07-20\n"
        "points: 100\n"
        "description: \"写出“最”真实的体验\"\n"       # quoted: the quote mark counts
        "brief:\n"
        "  direction: |\n"
        "    第二行没有问题。\n"
        "      这里缩进更深，它是唯一的\n"            # literal block: the line inside the block
        "  key_messages:\n"
        "    - 'it''s 100% 真的'\n"                   # single-quoted with an escaped quote before the term
        "    - >-\n"
        "      折叠的第一行\n"
        "      顶级\n")})
    found = {(f, line, col, dict(params)["term"]) for f, line, col, params in _w701(root)}
    assert found == {
        ("tasks/deep-review.yaml", 1, 8, "全网"),
        ("tasks/deep-review.yaml", 7, 18, "最"),
        ("tasks/deep-review.yaml", 11, 16, "唯一"),
        ("tasks/deep-review.yaml", 13, 14, "100%"),
        ("tasks/deep-review.yaml", 15, 10, "第一"),
        ("tasks/deep-review.yaml", 16, 7, "顶级"),
    }


def test_contribution_title_and_excerpt_and_kickoff_key_points(programme, minimal):
    campaign = minimal["campaigns/cockpit.yaml"] + "kickoff:\n  key_points:\n    - 续航扎实\n    - 国家级认证\n"
    root = programme({
        "campaigns/cockpit.yaml": campaign,
        "tasks/deep-review/li-lei.yaml": "koc: li-lei\ntitle: 第一天 最近 最后\ndate: 2025-07-10\n"
                                         "excerpt: 这是最好的车机 # 最 in a comment\n",
    })
    found = {(f, line, col) for f, line, col, _ in _w701(root)}
    line = campaign.splitlines().index("    - 国家级认证") + 1
    assert found == {("campaigns/cockpit.yaml", line, 7), ("tasks/deep-review/li-lei.yaml", 4, 12)}


def test_fields_outside_content_review_are_not_scanned(programme):
    root = programme({"kocs/li-lei.yaml": "name: 最强李雷\nbio: 全网第一\n"})
    assert _w701(root) == []


def test_custom_banned_terms_replace_the_default(programme):
    root = programme({
        "kocsite.yml": "banned_terms:\n  - 吊打\n",
        "tasks/deep-review/li-lei.yaml": "koc: li-lei\ntitle: 最强座舱，吊打同级\ndate: 2025-07-10\n",
    })
    assert [(f, line, col, dict(p)["term"]) for f, line, col, p in _w701(root)] == [
        ("tasks/deep-review/li-lei.yaml", 2, 13, "吊打")]


def test_the_sample_programme_has_no_banned_terms():
    from tests_support import REPO

    assert [p for p in check(REPO, cache_dir=None).problems if p.code == "W701"] == []


def test_harmless_words_are_not_reported():
    assert occurrences("最近、最后、第一天", ["最", "第一"]) == []
    assert occurrences("最近最好", ["最"]) == [(2, "最")]


def test_lint_text_positions():
    problems = lint_text("\ufeff# 标题\n\n它是最好的，国家级\n", "d.md", ["最", "国家级"])
    assert [(p.line, p.column, dict(p.params)["term"]) for p in problems] == [(3, 3, "最"), (3, 7, "国家级")]


def test_kocsite_lint_on_a_markdown_draft(run, programme, tmp_path, monkeypatch):
    root = programme()
    draft = tmp_path / "draft.md"
    draft.write_text("---\ntitle: 草稿\n---\n\n# 全网最低价\n\n最近试驾了 S7，第一天就爱上了。\n", encoding="utf-8")
    monkeypatch.chdir(root)
    result = run("--lang", "en", "lint", draft)
    assert result.exit_code == 1, result.output
    lines = [line for line in result.output.splitlines() if " W701 " in line]
    assert [line.split(" W701 ")[0] for line in lines] == [f"{draft}:5:3:", f"{draft}:5:5:"]
    result = run("lint", "--format", "json", draft)
    assert result.exit_code == 1
    items = json.loads(result.output)
    assert [(i["line"], i["column"], i["code"], i["severity"]) for i in items] == [(5, 3, "W701", "warning"),
                                                                                  (5, 5, "W701", "warning")]


def test_kocsite_lint_clean_draft_and_custom_terms(run, programme, tmp_path):
    root = programme({"kocsite.yml": "banned_terms: [吊打]\n"})
    draft = tmp_path / "draft.md"
    draft.write_text("全网最好\n", encoding="utf-8")
    assert run("lint", "--path", root, draft).exit_code == 0
    draft.write_text("轻松吊打\n", encoding="utf-8")
    result = run("lint", "--path", root, draft)
    assert result.exit_code == 1 and f"{draft}:1:3: W701" in result.output
