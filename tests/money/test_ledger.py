"""The frozen ledger: `kocsite close` writes it; check refuses edits by hand and silent data changes."""

import re

import pytest
import yaml

from kocsite.checker import check
from kocsite.money.ledger import with_status_closed
from tests_support import DONE_TASK, REWARDS, SECOND_REVIEW



@pytest.fixture
def closed(programme, two_officers, run):
    """The minimal programme with a cash pool and two tech officers, closed on 2025-08-01."""
    campaign = two_officers + REWARDS + """retrospective:
  summary: 完成
"""
    root = programme({"campaigns/cockpit.yaml": campaign, "tasks/deep-review/han-meimei.yaml": SECOND_REVIEW,
                      "tasks/deep-review.yaml": DONE_TASK})
    result = run("close", "cockpit", "--path", root, "--date", "2025-08-01")
    assert result.exit_code == 0, result.output
    return root


def codes(root):
    return [(p.file, p.code) for p in check(root, cache_dir=None).problems]


def test_close_writes_a_sealed_ledger_and_sets_the_status(closed):
    ledger = yaml.safe_load((closed / "ledgers/cockpit.yaml").read_text(encoding="utf-8"))
    # both earn 100 points: 100 000 分 split evenly, under the 70 000 cap
    assert [(e["koc"], e["credit"], e["payout_fen"]) for e in ledger["entries"]] == [
        ("han-meimei", "100", 50000), ("li-lei", "100", 50000)]
    assert ledger["pool_fen"] == 100000 and ledger["unallocated_fen"] == 0
    assert "status: closed" in (closed / "campaigns/cockpit.yaml").read_text(encoding="utf-8")
    assert codes(closed) == []


def test_closing_twice_is_refused(closed, run):
    result = run("close", "cockpit", "--path", closed)
    assert result.exit_code == 1 and "adjustments" in result.output


def test_a_ledger_edited_by_hand_breaks_the_seal(closed):
    path = closed / "ledgers/cockpit.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("payout_fen: 50000", "payout_fen: 60000", 1), encoding="utf-8")
    assert ("ledgers/cockpit.yaml", "E601") in codes(closed)


def test_a_data_change_that_moves_money_names_the_kocs(closed):
    review = closed / "tasks/deep-review/han-meimei.yaml"
    review.write_text(review.read_text(encoding="utf-8").replace("  date: 2025-07-16\n", "  date: 2025-07-16\n  quality: 2\n"),
                      encoding="utf-8")
    problems = check(closed, cache_dir=None).problems
    drift = [p for p in problems if p.code == "E603"]
    messages = " ".join(p.message("en") for p in drift)
    # han-meimei: credit 100 → 200, payout 50 000 → 66 667; li-lei: 50 000 → 33 333
    assert "the credit of KOC 'han-meimei' ('韩梅梅') would change from 100 to 200:" in messages
    assert "the payout of KOC 'han-meimei' ('韩梅梅') would change from 500.00 yuan (50000 fen) to 666.67 yuan (66667 fen):" \
        in messages
    assert "the payout of KOC 'li-lei' ('李雷') would change from 500.00 yuan (50000 fen) to 333.33 yuan (33333 fen):" in messages
    # at the ledger's lines, and at the contribution whose review moved the credit (naming the ledger line)
    assert {(p.file, p.line) for p in drift} >= {("ledgers/cockpit.yaml", 13), ("ledgers/cockpit.yaml", 14),
                                                 ("ledgers/cockpit.yaml", 21), ("tasks/deep-review/han-meimei.yaml", 5)}
    zh = [p.message("zh") for p in drift if p.file.startswith("tasks/")]
    assert zh == ["按现在的数据重新计算，KOC han-meimei（韩梅梅） 的积分会从 100 变为 200（账本 ledgers/cockpit.yaml 的 "
                  "entries.0.credit）：账本已封存，请撤回这次数据修改，或在账本的 adjustments 下添加带理由的调整"]


def test_a_reasoned_adjustment_makes_the_change_acceptable(closed):
    review = closed / "tasks/deep-review/han-meimei.yaml"
    review.write_text(review.read_text(encoding="utf-8").replace("  date: 2025-07-16\n", "  date: 2025-07-16\n  quality: 2\n"),
                      encoding="utf-8")
    ledger = closed / "ledgers/cockpit.yaml"
    ledger.write_text(ledger.read_text(encoding="utf-8").replace("adjustments: []\n", """adjustments:
  - koc: han-meimei
    credit: "+100"
    payout_fen: 16667
    reason: 复核后质量系数由 1 调整为 2
    by: 王运营
    date: 2025-08-05
  - koc: li-lei
    payout_fen: -16667
    reason: 奖金池随之重新分配
    by: 王运营
    date: 2025-08-05
"""), encoding="utf-8")
    assert codes(closed) == []


def test_edits_that_do_not_change_the_outcome_are_fine(closed):
    campaign = closed / "campaigns/cockpit.yaml"
    campaign.write_text(campaign.read_text(encoding="utf-8").replace("summary: 完成", "summary: 圆满完成，目标达成"),
                        encoding="utf-8")
    assert codes(closed) == []


def test_ledger_of_a_campaign_that_is_not_closed(closed):
    campaign = closed / "campaigns/cockpit.yaml"
    campaign.write_text(campaign.read_text(encoding="utf-8").replace("status: closed", "status: running"), encoding="utf-8")
    assert ("ledgers/cockpit.yaml", "E602") in codes(closed)


def test_closed_campaign_without_ledger_is_a_warning(closed):
    (closed / "ledgers/cockpit.yaml").unlink()
    assert codes(closed) == [("campaigns/cockpit.yaml", "E604")]


def test_status_edit_keeps_every_other_byte():
    text = "# 注释\ntitle: 智能座舱\nstatus: running  # 进行中\r\nstart: 2025-07-01\n"
    assert with_status_closed(text) == text.replace("running", "closed")
    assert with_status_closed("title: 标题\nstart: 2025-07-01\n") == "title: 标题\nstatus: closed\nstart: 2025-07-01\n"
    assert re.search("status: closed", with_status_closed('title: "x"\nstatus: "planning"\n'))


def test_an_adjustment_that_is_not_a_number_is_reported_not_a_crash(closed):
    ledger = closed / "ledgers/cockpit.yaml"
    ledger.write_text(ledger.read_text(encoding="utf-8").replace("adjustments: []\n", """adjustments:
  - koc: li-lei
    credit: "30元"
    reason: 补分
    by: 王运营
    date: 2025-08-05
"""), encoding="utf-8")
    assert codes(closed) == [("ledgers/cockpit.yaml", "E205")]
