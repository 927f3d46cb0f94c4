"""`kocsite diff` reports each KOC whose level changes, in a real git repository."""

from __future__ import annotations

import json
from datetime import date

import git

from kocsite.publish.diff import diff
from kocsite.publish.diff_report import diff_document, markdown, text_lines

LEVELS = """\
levels:
  review: monthly
  tiers:
    - id: newcomer
      name: 新人
    - id: core
      name: 核心
      reputation: 150
"""
SECOND = """\
koc: li-lei
title: 座舱第二篇评测
date: 2025-07-15
review:
  status: approved
  reviewer: 王运营
  date: 2025-07-16
"""


def _commit(repo: git.Repo, message: str) -> str:
    repo.git.add("-A")
    actor = git.Actor("t", "t@example.com")
    repo.index.commit(message, author=actor, committer=actor)
    return repo.head.commit.hexsha


def test_a_new_approved_contribution_raises_a_level(programme, run):
    root = programme({"kocsite.yml": LEVELS})
    repo = git.Repo.init(root, initial_branch="main")
    base = _commit(repo, "base: li-lei has 100 reputation, below core (150)")
    (root / "tasks/deep-review/li-lei-2.yaml").write_text(SECOND, encoding="utf-8")
    head = _commit(repo, "a second review: 200 reputation")
    report = diff(root, base, head, today=date(2025, 7, 31))
    assert [(m.koc, m.name, m.before, m.after, m.direction) for m in report.levels] == [("li-lei", "李雷", "新人", "核心", "up")]
    assert "  li-lei 李雷  等级 新人 → 核心  [升级]" in text_lines(report, "zh")
    assert "| 李雷 `li-lei` | 新人 → 核心 | rises |" in markdown(report, "en")
    assert diff_document(report, "en")["levels"] == [
        {"koc": "li-lei", "name": "李雷", "before": "新人", "after": "核心", "direction": "up"}]
    # as of a day before the second review was approved, nothing changes
    assert diff(root, base, head, today=date(2025, 7, 15)).levels == []
    result = run("diff", base, head, "--path", root, "--today", "2025-07-31", "--format", "json")
    assert json.loads(result.output)["levels"][0]["after"] == "核心"


def test_a_stricter_rule_lowers_a_level_and_no_level_change_reports_nothing(programme):
    root = programme({"kocsite.yml": LEVELS.replace("reputation: 150", "reputation: 100")})
    repo = git.Repo.init(root, initial_branch="main")
    base = _commit(repo, "base: core at 100")
    (root / "kocsite.yml").write_text(LEVELS, encoding="utf-8")
    head = _commit(repo, "core asks 150")
    report = diff(root, base, head, today=date(2025, 7, 31))
    assert [(m.koc, m.before, m.after, m.direction) for m in report.levels] == [("li-lei", "核心", "新人", "down")]
    (root / "kocs/han-meimei.yaml").write_text("name: 韩梅梅\ncity: 上海\n", encoding="utf-8")
    later = _commit(repo, "a profile edit: no level input changed")
    assert diff(root, head, later, today=date(2025, 7, 31)).levels == []


def test_a_redemption_change_is_an_entity_and_its_private_values_stay_out(programme):
    settings = """\
wallet:
  catalogue:
    - id: mug
      name: 马克杯
      cost: 50
"""
    redemption = """\
redemptions:
  - koc: li-lei
    item: mug
    date: 2025-07-12
    private:
      tracking: SF0000SECRET01
"""
    root = programme({"kocsite.yml": settings, "redemptions/2025-07.yaml": redemption})
    repo = git.Repo.init(root, initial_branch="main")
    base = _commit(repo, "base")
    (root / "redemptions/2025-07.yaml").write_text(
        redemption.replace("SF0000SECRET01", "SF0000SECRET02").replace("2025-07-12", "2025-07-13"), encoding="utf-8")
    head = _commit(repo, "tracking and date changed")
    report = diff(root, base, head, today=date(2025, 7, 31))
    assert [(e.kind, e.id, [(f.path, f.private) for f in e.fields]) for e in report.changed] == [
        ("redemption", "2025-07", [("redemptions[0].date", False), ("redemptions[0].private.tracking", True)])]
    everything = "\n".join(text_lines(report, "zh")) + markdown(report, "en") + json.dumps(diff_document(report, "en"))
    assert "SECRET" not in everything and "2025-07-13" in everything
