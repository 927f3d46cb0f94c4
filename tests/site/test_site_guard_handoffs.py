"""The privacy guard knows hand-off notes, the contact log and goods tracking numbers, in any spelling."""

from __future__ import annotations

import pytest

from kocsite.models.programme import load_programme
from kocsite.site.guard import find_leaks

KOC = """\
name: 李雷
handoffs:
  - date: 2025-06-01
    from_team: scouting
    to_team: relationship
    notes: |
      性格内向，先私信再打电话
      Prefers WeChat voice after 8pm
  - date: 2025-06-10
    from_team: relationship
    to_team: content-planning
    notes: 短
private:
  notes: 内部备注：合作意向强烈但要求保密
  handoff_notes: 交接时提醒他稿费按月结算
  contact_log:
    - date: 2025-06-02
      channel: 微信
      summary: 第一次聊了改装计划，约下周看车
      next_step: 寄送改装件清单给他确认
"""
SHIPMENTS = """\
rewards:
  goods:
    - name: 定制车模
      kocs: [li-lei]
shipments:
  - koc: li-lei
    goods: 定制车模
    status: shipped
    shipped: 2025-07-02
    tracking: SF1402-3654-7891
"""


@pytest.fixture
def loaded(programme, minimal):
    root = programme({"kocs/li-lei.yaml": KOC, "campaigns/cockpit.yaml": minimal["campaigns/cockpit.yaml"] + SHIPMENTS})
    result = load_programme(root)
    assert result.problems == []
    return result


def leaks(loaded, text):
    return sorted({(leak.owner, leak.field) for leak in find_leaks(loaded, {"page.md": text})})


@pytest.mark.parametrize("text, field", [
    ("介绍：性格内向，先私信再打电话", "handoffs.notes"),                  # one line of a hand-off note
    ("prefers  wechat VOICE after 8PM", "handoffs.notes"),                # case and spacing
    ("性格&#20869;向，先私信 再打电话", "handoffs.notes"),                   # an HTML entity and a space
    ("内部备注：合作意向强烈但要求保密", "notes"),
    ("交接时提醒他稿费按月结算", "handoff_notes"),
    ("第一次聊了改装计划，约下周看车", "contact_log"),
    ("寄送改装件清单 给他确认", "contact_log"),
])
def test_internal_text_is_found_in_any_spelling(loaded, text, field):
    assert leaks(loaded, text) == [("li-lei", field)]


@pytest.mark.parametrize("text", ["单号 SF140236547891", "sf 1402 3654 7891", "SF-1402-3654-7891",
                                  "SF1402&#45;3654&#45;7891"])
def test_a_tracking_number_is_found_by_its_letters_and_digits(loaded, text):
    assert leaks(loaded, text) == [("cockpit", "shipments.tracking")]


def test_short_notes_and_unrelated_text_are_not_leaks(loaded):
    # "短" (one character) is too short to mean anything; 1402 alone is not the tracking number
    assert leaks(loaded, "短 评测很短，1402 个字，SF 快递") == []


def test_a_built_site_refuses_a_pasted_hand_off_note(programme, minimal, run, tmp_path):
    bio = "name: 李雷\nbio: 先私信再打电话！性格内向，先私信再打电话\n" + KOC.split("\n", 1)[1]
    root = programme({"kocs/li-lei.yaml": bio})
    out, docs = tmp_path / "site", tmp_path / "docs"
    result = run("--lang", "en", "build", root, "--out", out, "--docs", docs)
    assert result.exit_code == 1
    assert "private handoffs.notes of li-lei" in result.output and "先私信再打电话" not in result.output
    assert not out.exists() and not docs.exists()
