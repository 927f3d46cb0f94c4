"""`kocsite due` for hand-offs without notes (under the KOC's owner) and goods not shipped after closing
(under the campaign's owner): hand-computed days, on the minimal programme and on the sample's ledger."""

from __future__ import annotations

import json
from datetime import date

import yaml

from kocsite.models.programme import load_programme
from kocsite.ops.due import due_list
from kocsite.outputs.due import due_document, due_lines, due_markdown
from site_support import copy_sample

LI_LEI = """\
name: 李雷
skills:
  - skill: tech-analysis
    level: 4
owner: 王运营
team: content-planning
handoffs:
  - date: 2025-07-01
    from_team: scouting
    to_team: relationship
  - date: 2025-07-10
    from_team: relationship
    to_team: content-planning
"""
HAN_MEIMEI_WITH_NOTES = """\
name: 韩梅梅
owner: 王运营
handoffs:
  - date: 2025-07-12
    from_team: relationship
    to_team: content-planning
    notes: 喜欢先看提纲再动笔，周末不回消息
"""
HAN_MEIMEI_NO_OWNER = """\
name: 韩梅梅
handoffs:
  - date: 2025-07-14
    from_team: scouting
    to_team: relationship
"""


def _items(result, kind):
    return [(g.owner, g.operator, i.ref, i.due, i.days_left) for g in result.groups for i in g.items if i.kind == kind]


def test_the_latest_hand_off_without_notes_is_due_for_the_kocs_owner(programme):
    loaded = load_programme(programme({"kocs/li-lei.yaml": LI_LEI, "kocs/han-meimei.yaml": HAN_MEIMEI_WITH_NOTES}))
    assert loaded.problems == []
    result = due_list(loaded, date(2025, 7, 15), within_days=0)
    # li-lei: latest hand-off 2025-07-10 without notes → 5 days overdue; the earlier one (also without notes) is
    # history and not listed; han-meimei's latest has notes → nothing
    assert _items(result, "handoff") == [("王运营", True, "li-lei", date(2025, 7, 10), -5)]
    text = "\n".join(due_lines(result))
    assert "王运营（运营）" in text and "移交待补备注  li-lei  李雷：关系沟通 → 内容策划" in text
    assert "Hand-off" not in text
    assert "hand-off notes  li-lei" in "\n".join(due_lines(result, "en"))


def test_a_hand_off_in_the_future_waits_and_one_without_an_owner_is_unassigned(programme):
    loaded = load_programme(programme({"kocs/li-lei.yaml": LI_LEI, "kocs/han-meimei.yaml": HAN_MEIMEI_NO_OWNER}))
    assert _items(due_list(loaded, date(2025, 7, 9), within_days=0), "handoff") == []  # 07-10 is after today
    items = _items(due_list(loaded, date(2025, 7, 15), within_days=0), "handoff")
    assert items == [("王运营", True, "li-lei", date(2025, 7, 10), -5), (None, False, "han-meimei", date(2025, 7, 14), -1)]


def test_operator_groups_are_named_in_markdown_and_marked_in_json(programme):
    loaded = load_programme(programme({"kocs/li-lei.yaml": LI_LEI}))
    result = due_list(loaded, date(2025, 7, 15), within_days=0)
    markdown = due_markdown(result)
    assert "### 王运营（运营）" in markdown and "移交待补备注" in markdown
    group = next(g for g in due_document(result)["groups"] if g["owner"] == "王运营")
    assert group["operator"] is True and group["items"][0]["kind"] == "handoff" and group["items"][0]["koc"] == "li-lei"


def _sample(tmp_path, ship_days=None):
    root = copy_sample(tmp_path / "programme")
    if ship_days is not None:
        settings = root / "kocsite.yml"
        text = settings.read_text(encoding="utf-8")
        assert "\ngoods_ship_days: 7\n" in text
        settings.write_text(text.replace("\ngoods_ship_days: 7\n", f"\ngoods_ship_days: {ship_days}\n"), encoding="utf-8")
    loaded = load_programme(root)
    assert [p for p in loaded.problems if p.severity == "error"] == []
    return root, loaded


def test_goods_not_shipped_are_due_goods_ship_days_after_closing(tmp_path):
    _, loaded = _sample(tmp_path)
    # the ledger closed l9-mayday-road-trip on 2026-06-05; goods_ship_days 7 → due 2026-06-12. Of its 8 goods
    # recipients 6 received and tongqin-riji's cup is shipped; only chenguang-kaiche's camping set is to ship.
    assert _items(due_list(loaded, date(2026, 6, 11), within_days=0), "goods") == []
    expected = [("李想", True, "l9-mayday-road-trip/chenguang-kaiche/澜岳 × 山系户外露营装备套装", date(2026, 6, 12), 0)]
    assert _items(due_list(loaded, date(2026, 6, 12), within_days=0), "goods") == expected
    assert _items(due_list(loaded, date(2026, 6, 10), within_days=2), "goods") == [expected[0][:4] + (2,)]
    line = next(x for x in due_lines(due_list(loaded, date(2026, 6, 12), within_days=0)) if "实物待寄出" in x)
    assert "澜岳 L9 五一长途自驾季 · 澜岳 × 山系户外露营装备套装 → 晨光开车" in line
    assert "SF" not in line and "YT" not in line  # tracking numbers never reach a reminder


def test_the_days_come_from_kocsite_yml_and_a_shipment_clears_the_reminder(tmp_path):
    root, loaded = _sample(tmp_path, ship_days=30)
    assert loaded.settings.goods_ship_days == 30
    assert _items(due_list(loaded, date(2026, 7, 4), within_days=0), "goods") == []
    assert [i[3] for i in _items(due_list(loaded, date(2026, 7, 5), within_days=0), "goods")] == [date(2026, 7, 5)]

    path = root / "campaigns/l9-mayday-road-trip.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    camping = next(s for s in data["shipments"] if s["koc"] == "chenguang-kaiche")
    camping.update(status="shipped", shipped="2026-07-01")
    # tongqin-riji's cup goes back to to-ship: now it is the one listed
    cup = next(s for s in data["shipments"] if s["koc"] == "tongqin-riji")
    cup.update(status="to-ship")
    del cup["shipped"]
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    reloaded = load_programme(root)
    assert [p for p in reloaded.problems if p.severity == "error"] == []
    refs = [i[2] for i in _items(due_list(reloaded, date(2026, 7, 5), within_days=0), "goods")]
    assert refs == ["l9-mayday-road-trip/tongqin-riji/澜岳定制保温杯"]


def test_the_cli_lists_both_kinds_for_the_sample(tmp_path, run):
    root, _ = _sample(tmp_path)
    result = run("due", root, "--today", "2026-11-23", "--within", "0d", "--format", "json")
    assert result.exit_code == 0, result.output
    doc = json.loads(result.output)
    kinds = {(g["owner"], i["kind"], i["ref"]) for g in doc["groups"] for i in g["items"] if i["kind"] in ("handoff", "goods")}
    assert kinds == {("周晴", "handoff", "laodeng-gouche"),
                     ("李想", "goods", "l9-mayday-road-trip/chenguang-kaiche/澜岳 × 山系户外露营装备套装")}
