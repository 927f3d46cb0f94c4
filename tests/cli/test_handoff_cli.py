"""`kocsite handoff KOC`: the private hand-off sheet for the receiving team, on the sample and on hostile data."""

from __future__ import annotations

import json

from tests_support import REPO


def test_the_sheet_of_a_koc_with_two_hand_offs(run):
    result = run("-C", REPO, "handoff", "zuocang-laochen")
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0] == "移交单 · 座舱老陈（zuocang-laochen）· 仅限内部，请勿转发或公开"
    assert lines[1:3] == ["专属客户经理：周晴", "当前团队：内容策划（content-planning）"]
    hand_offs = lines[lines.index("移交记录") + 1:lines.index("长期移交备注（private.handoff_notes）") - 1]
    assert hand_offs == [
        "  2024-05-30  信息搜集 → 关系沟通 · 数据组 王浩",
        "    技术区连续半年答题最多的车主，回答里常附实测截图；私域高活跃用户名单第 1 位，先致谢再试探合作意愿。",
        "  2024-06-20  关系沟通 → 内容策划 · 周晴",
        "    已激活：6 月沙龙到场并答应先试一次深度评测。",
        "    合作前提是可以写缺点，稿件只做事实核对；技术问题直接请座舱产品经理答复。",
    ]
    assert "  性格：理性、直接，讨厌客套话；邀请时要讲清楚“为什么是你”。" in lines
    log = lines[lines.index("沟通记录") + 1:]
    assert log[0] == "  2024-06-03  品牌App私信 · 周晴" and log[-1] == "    下一步：约座舱语音组工程师周五线上答疑 2026-11-15"
    assert len([x for x in log if x.startswith("  20")]) == 3


def test_a_latest_hand_off_without_notes_is_marked(run):
    result = run("--lang", "en", "-C", REPO, "handoff", "laodeng-gouche")
    assert result.exit_code == 0, result.output
    assert "  2026-11-18  关系沟通 → 内容策划 · 周晴\n    ⚠ no hand-off notes: the account manager should add them" in result.output
    assert result.output.startswith("Hand-off sheet · 老邓的购车宝典 (laodeng-gouche) · internal only")


def test_json_for_tools(run):
    result = run("-C", REPO, "handoff", "laodeng-gouche", "--format", "json")
    doc = json.loads(result.output)
    assert doc["owner"] == "周晴" and doc["team"] == "content-planning" and doc["missing_notes"] is True
    assert [(h["from_team"], h["to_team"], h["notes"] is None) for h in doc["handoffs"]] == [
        ("scouting", "relationship", False), ("relationship", "content-planning", True)]
    assert doc["contact_log"] and all(e["summary"] for e in doc["contact_log"])


def test_there_is_no_markdown_to_post_by_mistake(run):
    result = run("-C", REPO, "handoff", "laodeng-gouche", "--format", "markdown")
    assert result.exit_code == 2


def test_an_unknown_koc_gets_a_suggestion(run):
    result = run("-C", REPO, "handoff", "laodeng-gouch")
    assert result.exit_code == 2
    assert "laodeng-gouche" in result.output


def test_a_koc_without_hand_offs_or_private_block(programme, run):
    result = run("--lang", "en", "-C", programme(), "handoff", "han-meimei")
    assert result.exit_code == 0, result.output
    assert "account manager: (none)" in result.output and "(no hand-offs yet)" in result.output


def test_hostile_notes_cannot_drive_the_terminal(programme, run):
    koc = ('name: 李雷\nhandoffs:\n  - date: 2025-07-01\n    from_team: scouting\n    to_team: relationship\n'
           '    notes: "\\e[2J\\e]0;pwned\\a清屏"\n')
    result = run("-C", programme({"kocs/li-lei.yaml": koc}), "handoff", "li-lei")
    assert result.exit_code == 0, result.output
    assert "\x1b" not in result.output and "\x07" not in result.output and "清屏" in result.output
