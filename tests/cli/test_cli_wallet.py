"""`kocsite wallet`: balances with reputation and level, one KOC's history, in every format."""

from __future__ import annotations

import csv
import io
import json

from site_support import copy_sample

SETTINGS = """\
wallet:
  rates:
    project: 2
  catalogue:
    - id: mug
      name: 马克杯
      cost: 150
      stock: 1
levels:
  review: monthly
  tiers:
    - id: newcomer
      name: 新人
    - id: core
      name: 核心
      reputation: 50
"""
REDEMPTION = """\
redemptions:
  - koc: li-lei
    item: mug
    date: 2025-07-12
    note: "@everyone <b>|**领取**|</b>"
"""


def _root(programme):
    return programme({"kocsite.yml": SETTINGS, "redemptions/2025-07.yaml": REDEMPTION})


def test_summary_text_and_json(programme, run):
    root = _root(programme)
    result = run("wallet", "--path", root, "--today", "2025-07-31")
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0].split() == ["KOC", "昵称", "等级", "贡献值", "累计积分", "已兑换", "积分余额"]
    assert lines[1].split() == ["li-lei", "李雷", "核心", "100", "200", "150", "50"]
    document = json.loads(run("wallet", "--path", root, "--today", "2025-07-31", "--format", "json").output)
    assert document == {"wallets": [{"koc": "li-lei", "name": "李雷", "level": "核心", "reputation": "100",
                                     "earned": "200", "spent": "150", "balance": "50"}]}


def test_one_koc_history_and_levels(programme, run):
    root = _root(programme)
    document = json.loads(run("wallet", "li-lei", "--path", root, "--today", "2025-07-31", "--format", "json").output)
    assert [(h["date"], h["source"], h["points"], h["balance"]) for h in document["history"]] == [
        ("2025-07-11", "work", "+200", "200"), ("2025-07-12", "redemption", "-150", "50")]
    assert [(c["date"], c["level_id"], c["change"]) for c in document["levels"]] == [("2025-07-11", "core", "起始")]
    text = run("--lang", "en", "wallet", "li-lei", "--path", root, "--today", "2025-07-31").output
    assert text.splitlines()[0] == "李雷 (li-lei) · level 核心 · reputation 100 · balance 50"
    assert "redemption" in text and "-150" in text


def test_csv_and_markdown_are_safe(programme, run):
    root = _root(programme)
    out = run("wallet", "li-lei", "--path", root, "--today", "2025-07-31", "--format", "csv").output
    rows = list(csv.reader(io.StringIO(out.lstrip("\ufeff"))))
    assert rows[0] == ["date", "kind", "what", "points", "balance"]
    assert rows[1][3] == "+200" and rows[2][3] == "-150"  # plain numbers stay numbers
    assert rows[2][2].startswith("马克杯（@everyone")
    md = run("wallet", "li-lei", "--path", root, "--today", "2025-07-31", "--format", "markdown").output
    assert "@everyone" not in md and "<b>" not in md
    assert "&lt;b&gt;" in md
    history_row = next(line for line in md.splitlines() if "马克杯" in line)
    assert history_row.count(" | ") == 4  # the note's pipes do not open cells


def test_unknown_koc_is_a_usage_error_with_a_hint(programme, run):
    result = run("wallet", "li-le", "--path", _root(programme))
    assert result.exit_code == 2
    assert "li-lei" in result.output


def test_an_overdrawn_wallet_is_refused_like_other_money(programme, run):
    root = programme({"kocsite.yml": SETTINGS, "redemptions/2025-07.yaml": REDEMPTION.replace("2025-07-12", "2025-07-01")})
    result = run("wallet", "--path", root)
    assert result.exit_code == 1
    assert "E801" in result.output


def test_the_sample(tmp_path, run):
    root = copy_sample(tmp_path / "sample")
    document = json.loads(run("wallet", "--path", root, "--today", "2026-11-23", "--format", "json").output)
    rows = {row["koc"]: row for row in document["wallets"]}
    # ningning-zijia: 672 points earned (project 608 + exploration 54 + routine 5 × 2), a car model (200) spent
    assert (rows["ningning-zijia"]["earned"], rows["ningning-zijia"]["spent"], rows["ningning-zijia"]["balance"]) == ("672", "200", "472")
    assert rows["ningning-zijia"]["reputation"] == "667"
    assert rows["laodeng-gouche"]["spent"] == "200"  # two event seats
    assert all(float(row["balance"]) >= 0 for row in rows.values())
