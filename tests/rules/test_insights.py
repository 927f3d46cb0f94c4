"""User insights (用户洞察): validation, references, the report-back reminder, and the public page."""

from __future__ import annotations

from datetime import date

from kocsite.checker import check
from kocsite.ops.due import due_list
from kocsite.outputs.due import due_document, due_markdown
from kocsite.models.programme import load_programme
from kocsite.site.build import generate, nav
from kocsite.site.labels import Labels

SHIPPED = """\
title: 语音误唤醒
summary: 后排聊天时语音助手被误唤醒，一天六七次。
topic: 智能座舱
kocs: [li-lei]
campaign: cockpit
routed_to: 座舱产品组
status: shipped
received: 2025-07-05
triaged: 2025-07-06
started: 2025-07-08
resolved: 2025-07-20
outcome: OTA 更新了唤醒模型并新增仅主驾唤醒开关
reported_back: 2025-07-21
public: true
private:
  notes: 回归测试漏测，对外不提测试流程细节
"""

DECLINED = """\
title: 座椅加热太慢
summary: 冬天早上要五分钟才热。
topic: 舒适性
kocs: [han-meimei, li-lei]
routed_to: 车身产品组
status: declined
received: 2025-07-10
resolved: 2025-07-15
outcome: 受限于加热垫功率，本代车型暂不调整
public: false
private:
  notes: 供应商报价过高，内部决定下一代再议
"""

OPEN = """\
title: 充电口盖结冰打不开
summary: 冬天结冰后充电口盖打不开。
topic: 补能
kocs: [han-meimei]
routed_to: 车身产品组
status: in-progress
received: 2025-07-12
triaged: 2025-07-13
started: 2025-07-14
public: true
"""


def _codes(root):
    return [(p.file, p.line, p.column, p.code) for p in check(root, cache_dir=None).problems]


def test_valid_insights_check_clean(programme):
    root = programme({"insights/wake-word.yaml": SHIPPED, "insights/seat-heating.yaml": DECLINED,
                      "insights/charge-port.yaml": OPEN})
    assert _codes(root) == []
    loaded = load_programme(root)
    assert sorted(loaded.insights) == ["charge-port", "seat-heating", "wake-word"]
    assert loaded.insights["wake-word"].public is True and loaded.insights["seat-heating"].public is False


def test_outcome_is_required_once_shipped_or_declined(programme):
    root = programme({"insights/wake-word.yaml": SHIPPED.replace("outcome: OTA 更新了唤醒模型并新增仅主驾唤醒开关\n", "")})
    assert _codes(root) == [("insights/wake-word.yaml", 7, 9, "E505")]
    problem = check(root, cache_dir=None).problems[0]
    assert "outcome" in problem.message("en") and "结果" in problem.message("zh")


def test_references_resolve(programme):
    text = SHIPPED.replace("kocs: [li-lei]", "kocs: [li-lei, li-lie]").replace("campaign: cockpit", "campaign: cockpti")
    root = programme({"insights/wake-word.yaml": text})
    assert _codes(root) == [("insights/wake-word.yaml", 4, 16, "E104"), ("insights/wake-word.yaml", 5, 11, "E101")]


def test_dates_in_order(programme):
    root = programme({"insights/wake-word.yaml": SHIPPED.replace("reported_back: 2025-07-21", "reported_back: 2025-07-19")})
    assert _codes(root) == [("insights/wake-word.yaml", 13, 16, "E402")]


def test_due_lists_insights_not_reported_back(programme):
    root = programme({"insights/wake-word.yaml": SHIPPED, "insights/seat-heating.yaml": DECLINED,
                      "insights/charge-port.yaml": OPEN})
    result = due_list(load_programme(root), date(2025, 7, 22), 2)
    items = [(g.owner, i.kind, i.ref, i.days_left) for g in result.groups for i in g.items if i.kind == "insight"]
    # declined, not told: listed under both KOCs; shipped and told, or still open: not listed
    assert items == [("han-meimei", "insight", "seat-heating", -7), ("li-lei", "insight", "seat-heating", -7)]
    document = due_document(result)
    assert {i["ref"] for g in document["groups"] for i in g["items"] if i["kind"] == "insight"} == {"seat-heating"}
    markdown = due_markdown(result)
    assert "seat-heating" in markdown and "洞察待反馈" in markdown
    assert "座椅加热太慢" not in markdown, "a non-public insight's title stays out of the public Markdown"
    assert "供应商" not in markdown


def test_due_cli_lists_an_insight(run, programme):
    root = programme({"insights/seat-heating.yaml": DECLINED})
    result = run("due", root, "--today", "2025-07-22")
    assert result.exit_code == 0, result.output
    assert "seat-heating" in result.output and "座椅加热太慢" in result.output


def test_the_page_shows_public_insights_only_and_never_private_notes(programme):
    root = programme({"insights/wake-word.yaml": SHIPPED, "insights/seat-heating.yaml": DECLINED,
                      "insights/charge-port.yaml": OPEN})
    pages = generate(load_programme(root), date(2025, 7, 22))
    page = pages["insights.md"]
    assert "# 你的声音" in page
    assert "语音误唤醒" in page and "充电口盖结冰打不开" in page
    assert "座椅加热太慢" not in page, "public: false stays off the site"
    assert "OTA 更新了唤醒模型" in page and "座舱产品组" in page and "智能座舱" in page and "已上线" in page
    assert "李雷" in page and "韩梅梅" in page  # public display names
    assert "li-lei" not in page.replace("kocs/li-lei.md", "")
    everything = "\n".join(pages.values())
    for secret in ("回归测试漏测", "供应商报价过高", "一天六七次"):
        assert secret not in everything


def test_the_page_is_in_the_nav():
    assert {"你的声音": "insights.md"} in nav(Labels("zh"))
    assert {"Your voice": "insights.md"} in nav(Labels("en"))


def test_sample_programme_has_public_and_private_insights():
    from tests_support import REPO

    loaded = load_programme(REPO)
    assert loaded.insights and any(i.public for i in loaded.insights.values())
    assert any(not i.public for i in loaded.insights.values())
    page = generate(loaded, date(2026, 11, 23))["insights.md"]
    for insight in loaded.insights.values():
        assert (insight.title in page) == insight.public
        if insight.private and insight.private.notes:
            assert insight.private.notes not in page
