"""A real build of the sample: the board shows open seats, the waitlist and kickoff attendance as counts;
hand-off notes, the contact log, tracking numbers, owners and teams reach no output file."""

from __future__ import annotations

import re

import pytest
import yaml

from site_support import build, copy_sample

MARK = {name: f"PRIVMARK{name.upper().replace('_', '')}Z3" for name in
        ("handoff_notes_event", "handoff_by", "owner", "log_summary", "log_next", "tracking")}


def _edit(path, change) -> None:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    change(data)
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")


def _plant_koc(d):
    d["owner"] = MARK["owner"]
    d["handoffs"][1]["notes"] = "第一行\n" + MARK["handoff_notes_event"]
    d["handoffs"][1]["by"] = MARK["handoff_by"]
    d["private"]["contact_log"][0]["summary"] = MARK["log_summary"]
    d["private"]["contact_log"][0]["next_step"] = MARK["log_next"]


def _plant_campaign(d):
    d["shipments"][0]["tracking"] = MARK["tracking"]


@pytest.fixture(scope="module")
def output(tmp_path_factory):
    root = copy_sample(tmp_path_factory.mktemp("roster") / "programme")
    _edit(root / "kocs/zuocang-laochen.yaml", _plant_koc)
    _edit(root / "campaigns/l9-mayday-road-trip.yaml", _plant_campaign)
    out = tmp_path_factory.mktemp("out")
    build(root, out)
    files = {p: p.read_bytes().decode("utf-8", "replace") for p in out.rglob("*") if p.is_file()}
    return out, files


def _text(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def test_no_hand_off_note_contact_log_tracking_number_or_owner_reaches_any_file(output):
    out, files = output
    assert len(files) > 50
    for path, text in files.items():
        folded = re.sub(r"[\W_]+", "", text).casefold()
        for marker in MARK.values():
            assert marker.casefold() not in folded, (marker, path)
    for number in ("SF1402365478929", "YT7788123456701"):  # the sample's own tracking numbers
        assert not any(number.casefold() in re.sub(r"[\W_]+", "", t).casefold() for t in files.values()), number


def test_the_goods_recipients_addresses_reach_no_file(output):
    out, files = output
    from tests_support import REPO

    ledger = yaml.safe_load((REPO / "ledgers/l9-mayday-road-trip.yaml").read_text(encoding="utf-8"))
    recipients = [e["koc"] for e in ledger["entries"] if e["goods"]]
    addresses = [yaml.safe_load((REPO / f"kocs/{koc}.yaml").read_text(encoding="utf-8")).get("private", {}).get("address")
                 for koc in recipients]
    assert len(recipients) == 8 and sum(1 for a in addresses if a) >= 4
    pages = ["".join(t.split()) for t in files.values()]
    for address in filter(None, addresses):
        assert not any("".join(address.split()) in page for page in pages), address


def test_the_board_counts_seats_waitlist_and_kickoff_attendance(output):
    out, files = output
    board = _text(files[out / "docs/campaigns/cockpit-deep-experience/board.md"])
    # tech-officer: headcount 5, accepted 4 → 1 open, junge-ev declined; atmosphere-builder: 8, accepted 5 → 3 open,
    # tongqin-riji declined; sentiment-observer: 2 of 2
    assert "| 技术体验官 | 4/5 | **1** | 0 | 1 |" in board
    assert "| 氛围营造者 | 5/8 | **3** | 0 | 1 |" in board
    assert "| 舆情观察员 | 2/2 | 0 | 0 | 0 |" in board
    # 11 accepted: 8 attended, jiajia-no-brake absent, kaiche-luying excused, laodeng-gouche (joined after) not recorded
    assert "**启动会出席（2026-11-02）**：出席 8 / 11 人 · 缺席 1 · 请假 1 · 未记录 1" in board
    html = _text(files[out / "site/campaigns/cockpit-deep-experience/board/index.html"])
    assert "名额与候补" in html and "出席 8 / 11 人" in html


def test_the_recruiting_board_shows_the_waitlist_and_a_drop_out_as_counts(output):
    out, files = output
    board = files[out / "docs/campaigns/newbie-guide-2027/board.md"]
    # guide-writer full (laodeng-gouche) with susu-notes waitlisted; tutorial-creator 1 of 2, ningning-zijia dropped
    assert "| 指南主笔 | 1/1 | 0 | 1 | 0 |" in board
    assert re.search(r"\| [^|]+ \| 1/2 \| \*\*1\*\* \| 0 \| 1 \|", board)
    assert "susu-notes" not in board.split("名额与候补")[1].split("##")[0]  # counts, not names
    assert "启动会出席" not in board  # the kickoff (2026-12-03) has no attendance yet


def test_no_label_key_is_written_twice():
    """A repeated key in the LABELS literal silently replaces the first label (it happened to open_seats)."""
    import ast
    from pathlib import Path

    import kocsite.site.labels as labels

    tree = ast.parse(Path(labels.__file__).read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if isinstance(node, ast.Dict):
            keys = [k.value for k in node.keys if isinstance(k, ast.Constant)]
            assert len(keys) == len(set(keys)), sorted({k for k in keys if keys.count(k) > 1})
