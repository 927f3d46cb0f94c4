"""`kocsite diff BASE [HEAD]` on real git repositories: entities, money, problems, privacy, exit codes."""

from __future__ import annotations

import html
import json
import os
from pathlib import Path

import git
import pytest

from kocsite.publish.diff_report import MARKDOWN_LIMIT, markdown
from kocsite.publish.diff import GitDiffError, diff, field_changes
from tests_support import DONE_TASK, RETROSPECTIVE, REWARDS, SECOND_REVIEW

JOINT = """\
authors:
  - koc: li-lei
    share: 50
  - koc: han-meimei
    share: 50
title: 联合评测
date: 2025-07-12
review:
  status: approved
  reviewer: 王运营
  date: 2025-07-13
"""
MARKER = "13800SECRET0042"


def commit_all(repo: git.Repo, message: str) -> str:
    repo.git.add("-A")
    repo.index.commit(message, author=git.Actor("t", "t@example.com"), committer=git.Actor("t", "t@example.com"))
    return repo.head.commit.hexsha


def edit(root: Path, rel: str, old: str, new: str) -> None:
    path = root / rel
    text = path.read_text(encoding="utf-8")
    assert old in text, (rel, old)
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def write(root: Path, rel: str, text: str) -> None:
    (root / rel).parent.mkdir(parents=True, exist_ok=True)
    (root / rel).write_text(text, encoding="utf-8")


@pytest.fixture
def repo_of(programme):
    """A git repository holding the programme (with `changes`), all committed on branch main."""

    def make(changes: dict | None = None) -> tuple[Path, git.Repo]:
        root = programme(changes)
        repo = git.Repo.init(root, initial_branch="main")
        commit_all(repo, "init")
        return root, repo

    return make


@pytest.fixture
def pooled(repo_of, two_officers):
    """Two tech officers, a cash pool of 1000 元 capped at 700 元 each; both have one approved review."""
    return repo_of({"campaigns/cockpit.yaml": two_officers + REWARDS + RETROSPECTIVE,
                    "tasks/deep-review/han-meimei.yaml": SECOND_REVIEW, "tasks/deep-review.yaml": DONE_TASK})


def as_json(run, *args) -> tuple[int, dict]:
    result = run("diff", *args, "--format", "json")
    return result.exit_code, json.loads(result.output)


def entity(document: dict, status: str, kind: str, ident: str) -> dict:
    found = [e for e in document["entities"][status] if e["kind"] == kind and e["id"] == ident]
    assert found, document["entities"]
    return found[0]


def money_of(document: dict, campaign: str) -> dict[str, tuple]:
    block = next(c for c in document["money"] if c["campaign"] == campaign)
    return {k["koc"]: (k["credit"]["before"], k["credit"]["after"], k["payout_fen"]["before"], k["payout_fen"]["after"])
            for k in block["kocs"]}


def test_added_koc_in_the_working_tree(repo_of, run):
    root, _ = repo_of()
    write(root, "kocs/zhang-san.yaml", "name: 张三\n")
    code, document = as_json(run, "HEAD", "--path", root)
    assert code == 0 and document["ok"] is True
    assert entity(document, "added", "koc", "zhang-san")["file"] == "kocs/zhang-san.yaml"
    assert document["entities"]["changed"] == [] and document["entities"]["removed"] == []
    assert document["head"]["working_tree"] is True and document["base"]["rev"] == "HEAD"


def test_changed_share_of_a_joint_byline_moves_credit_and_payout(pooled, run):
    root, repo = pooled
    write(root, "tasks/deep-review/joint.yaml", JOINT)
    base = commit_all(repo, "joint byline")
    repo.git.checkout("-b", "shares")
    edit(root, "tasks/deep-review/joint.yaml", "share: 50\n  - koc: han-meimei\n    share: 50",
         "share: 80\n  - koc: han-meimei\n    share: 20")
    commit_all(repo, "shares 80/20")
    code, document = as_json(run, base, "shares", "--path", root)
    assert code == 0
    changed = entity(document, "changed", "contribution", "deep-review/joint")
    assert {"path": "authors[0].share", "before": "50", "after": "80"} in changed["fields"] or \
        {"path": "authors[0].share", "before": 50, "after": 80} in changed["fields"]
    assert [f["path"] for f in changed["fields"]] == ["authors[0].share", "authors[1].share"]
    # credit 150/150 → 180/120 of 300: the pool of 100 000 分 follows, capped at 70 000 each
    assert money_of(document, "cockpit") == {"li-lei": ("150", "180", 50000, 60000),
                                             "han-meimei": ("150", "120", 50000, 40000)}


def test_payout_moves_from_one_koc_to_another(pooled, run):
    root, repo = pooled
    edit(root, "tasks/deep-review/han-meimei.yaml", "status: approved", "status: rejected")
    edit(root, "tasks/deep-review/han-meimei.yaml", "  date: 2025-07-16\n", "  date: 2025-07-16\n  reason: 内容重复\n")
    code, document = as_json(run, "main", "--path", root)
    assert code == 0, document["problems"]
    changed = entity(document, "changed", "contribution", "deep-review/han-meimei")
    assert {"path": "review.status", "before": "approved", "after": "rejected"} in changed["fields"]
    # han-meimei loses her credit; li-lei alone is capped at 70 000, the rest is unallocated
    figures = money_of(document, "cockpit")
    assert figures["han-meimei"] == ("100", "0", 50000, 0)  # still an accepted member: a claimant with nothing
    assert figures["li-lei"] == ("100", "100", 50000, 70000)
    assert document["money"][0]["unallocated_fen"] == {"before": 0, "after": 30000}
    text = run("diff", "main", "--path", root).output
    assert "li-lei  积分 100 → 100  奖金（元） 500.00 → 700.00" in text


def test_problem_introduced_and_problem_fixed(repo_of, run):
    root, repo = repo_of({"tasks/deep-review/li-lei.yaml": "koc: li-lie\ntitle: 座舱评测\ndate: 2025-07-10\n"})
    # HEAD fixes the unknown KOC and introduces an unknown campaign
    edit(root, "tasks/deep-review/li-lei.yaml", "koc: li-lie", "koc: li-lei")
    edit(root, "tasks/deep-review.yaml", "campaign: cockpit", "campaign: cockpitt")
    code, document = as_json(run, "HEAD", "--path", root)
    assert code == 1 and document["ok"] is False
    assert [p["code"] for p in document["problems"]["fixed"]] == ["E104"]
    assert "E101" in [p["code"] for p in document["problems"]["introduced"]]
    assert document["base"]["money_computed"] is False and document["head"]["money_computed"] is False
    assert "未比较积分与奖金" in run("diff", "HEAD", "--path", root).output


def test_private_values_never_appear_in_any_format(repo_of, run):
    root, repo = repo_of({"kocs/han-meimei.yaml": f"name: 韩梅梅\nprivate:\n  phone: '{MARKER}'\n  real_name: 韩某某\n"})
    edit(root, "kocs/han-meimei.yaml", MARKER, MARKER[::-1])
    edit(root, "kocs/han-meimei.yaml", "real_name: 韩某某", "real_name: 韩某")
    edit(root, "kocs/han-meimei.yaml", "name: 韩梅梅", "name: 韩梅梅 <b>")
    # a problem inside the private block must not quote its value either
    edit(root, "kocs/li-lei.yaml", "name: 李雷\n", f"name: 李雷\nprivate:\n  contact_log:\n    - date: '{MARKER}'\n"
                                                  "      channel: 电话\n      summary: 首次联系\n")
    outputs = {fmt: run("diff", "HEAD", "--path", root, "--format", fmt).output for fmt in ("text", "markdown", "json")}
    for fmt, output in outputs.items():
        assert MARKER not in output and MARKER[::-1] not in output, fmt
        assert "韩某" not in output, fmt
        shown = html.unescape(output)  # markdown entity-escapes punctuation
        assert "private.phone" in shown and "private.real_name" in shown, fmt
    document = json.loads(outputs["json"])
    fields = entity(document, "changed", "koc", "han-meimei")["fields"]
    assert {"path": "private.phone", "private": True} in fields
    assert any(p["private"] and p["file"] == "kocs/li-lei.yaml" for p in document["problems"]["introduced"])
    assert "&lt;b&gt;" in outputs["markdown"] and "<b>" not in outputs["markdown"]


def test_ledger_tampering_fails_with_E601(pooled, run):
    root, repo = pooled
    result = run("close", "cockpit", "--path", root, "--date", "2025-08-01")
    assert result.exit_code == 0, result.output
    commit_all(repo, "close cockpit")
    edit(root, "ledgers/cockpit.yaml", "payout_fen: 50000", "payout_fen: 60000")
    code, document = as_json(run, "HEAD", "--path", root)
    assert code == 1 and document["ok"] is False
    assert [p["code"] for p in document["problems"]["introduced"]] == ["E601"]
    assert any(f["path"].endswith("payout_fen") for f in entity(document, "changed", "ledger", "cockpit")["fields"])
    markdown_out = run("diff", "HEAD", "--path", root, "--format", "markdown")
    assert markdown_out.exit_code == 1 and "E601" in markdown_out.output and "❌" in markdown_out.output


def test_changing_a_closed_campaigns_inputs_is_E603(pooled, run):
    root, repo = pooled
    assert run("close", "cockpit", "--path", root, "--date", "2025-08-01").exit_code == 0
    commit_all(repo, "close cockpit")
    edit(root, "tasks/deep-review/han-meimei.yaml", "  date: 2025-07-16\n", "  date: 2025-07-16\n  quality: 2\n")
    code, document = as_json(run, "HEAD", "--path", root)
    assert code == 1 and {p["code"] for p in document["problems"]["introduced"]} == {"E603"}
    assert money_of(document, "cockpit")["han-meimei"][:2] == ("100", "200")  # ledger drift does not hide the money


def test_working_tree_against_head_1_and_two_commits(repo_of, run):
    root, repo = repo_of()
    first = repo.head.commit.hexsha
    write(root, "kocs/zhang-san.yaml", "name: 张三\n")
    commit_all(repo, "add zhang-san")
    edit(root, "kocs/li-lei.yaml", "name: 李雷", "name: 李雷雷")
    commit_all(repo, "rename li-lei")
    (root / "kocs/han-meimei.yaml").unlink()  # the working tree only
    _, wt = as_json(run, "HEAD~1", "--path", root)
    assert [e["id"] for e in wt["entities"]["changed"]] == ["li-lei"]
    assert [e["id"] for e in wt["entities"]["removed"]] == ["han-meimei"]
    assert wt["entities"]["added"] == []
    _, commits = as_json(run, first, "HEAD", "--path", root)
    assert [e["id"] for e in commits["entities"]["added"]] == ["zhang-san"]
    assert entity(commits, "changed", "koc", "li-lei")["fields"] == [{"path": "name", "before": "李雷", "after": "李雷雷"}]
    assert commits["entities"]["removed"] == [] and commits["head"]["commit"] == repo.head.commit.hexsha


def test_bad_revision_and_not_a_repository_are_usage_errors(repo_of, run, tmp_path, programme):
    root, _ = repo_of()
    result = run("diff", "no-such-branch", "--path", root)
    assert result.exit_code == 2 and "no-such-branch" in result.output
    assert run("diff", "HEAD", "no-such-branch", "--path", root).exit_code == 2
    plain = tmp_path / "plain"
    (plain / "kocs").mkdir(parents=True)
    (plain / "kocs/li-lei.yaml").write_text("name: 李雷\n", encoding="utf-8")
    result = run("diff", "HEAD", "--path", plain)
    assert result.exit_code == 2 and "git" in result.output


def test_the_working_tree_and_index_are_untouched(pooled, run):
    root, repo = pooled
    repo.git.checkout("-b", "feature")
    edit(root, "tasks/deep-review/han-meimei.yaml", "title: 座舱第二篇评测", "title: 座舱第二篇评测（修订）")
    commit_all(repo, "retitle")
    edit(root, "kocs/li-lei.yaml", "name: 李雷", "name: 李雷同学")  # uncommitted
    write(root, "kocs/wang-wu.yaml", "name: 王五\n")  # untracked

    def files():  # the working tree, the index, HEAD and the refs: bytes and mtimes
        paths = sorted(p for p in root.rglob("*") if p.is_file() and (".git" not in p.parts or "objects" not in p.parts))
        return [(p, p.stat().st_mtime_ns, p.read_bytes()) for p in paths], repo.head.commit.hexsha, repo.active_branch.name

    status = repo.git.status("--porcelain")
    before = files()
    for args in (("main",), ("main", "feature"), ("HEAD~1",)):
        for fmt in ("text", "json", "markdown"):
            assert run("diff", *args, "--path", root, "--format", fmt).exit_code == 0
    assert files() == before
    assert repo.git.status("--porcelain") == status == " M kocs/li-lei.yaml\n?? kocs/wang-wu.yaml"


def test_symlinks_in_a_commit_are_not_followed(repo_of, run, tmp_path):
    root, repo = repo_of()
    secret = tmp_path / "secret.yaml"
    secret.write_text(f"name: {MARKER}\n", encoding="utf-8")
    os.symlink(secret, root / "kocs/evil.yaml")
    commit_all(repo, "a symlink")
    code, document = as_json(run, "HEAD~1", "HEAD", "--path", root)
    assert code == 1 and [p["code"] for p in document["problems"]["introduced"]] == ["E012"]
    assert MARKER not in json.dumps(document)
    assert document["entities"] == {"added": [], "changed": [], "removed": []}


def test_programme_in_a_subfolder_of_the_repository(programme, run):
    root = programme()
    repo = git.Repo.init(root.parent, initial_branch="main")
    commit_all(repo, "init")
    edit(root, "kocs/li-lei.yaml", "name: 李雷", "name: 李雷雷")
    code, document = as_json(run, "HEAD", "--path", root)
    assert code == 0 and [e["file"] for e in document["entities"]["changed"]] == ["kocs/li-lei.yaml"]


def test_library_api_and_field_paths(repo_of):
    root, _ = repo_of()
    edit(root, "campaigns/cockpit.yaml", "status: accepted", "status: declined")
    report = diff(root, "HEAD")
    change = next(e for e in report.changed if e.kind == "campaign")
    assert [f.path for f in change.fields] == ["members[0].status"]
    with pytest.raises(GitDiffError):
        diff(root, "nope")
    paths = [f.path for f in field_changes({"a": [{"b": 1}], "private": {"x": "1"}}, {"a": [{"b": 2}, {"b": 3}], "private": {"x": "2"}})]
    assert paths == ["a[0].b", "a[1].b", "private.x"]


def test_markdown_stays_under_the_comment_limit(repo_of):
    root, _ = repo_of()
    for i in range(400):
        write(root, f"kocs/koc-{i:04d}.yaml", f"name: 很长的昵称{'*' * 150}{i}\nbio: {'<x>' * 60}\n")
    report = diff(root, "HEAD")
    text = markdown(report, "zh")
    assert len(text) <= MARKDOWN_LIMIT and len(report.added) == 400
    assert "kocsite diff" in text


def test_revisions_kept_in_the_cache_follow_every_change(repo_of, run, tmp_path):
    root, repo = repo_of()
    first = repo.head.commit.hexsha
    write(root, "kocs/zhang-san.yaml", "name: 张三\n")
    second = commit_all(repo, "add zhang-san")
    for base, head, added, removed in ((first, second, ["zhang-san"], []), (second, first, [], ["zhang-san"]),
                                       (first, second, ["zhang-san"], [])):
        _, document = as_json(run, base, head, "--path", root)
        assert [e["id"] for e in document["entities"]["added"]] == added
        assert [e["id"] for e in document["entities"]["removed"]] == removed
    # a file pruned from the kept copy behind kocsite's back is written again
    kept = [p for p in (tmp_path / "cache").glob("tree-*-base/tree/kocs/li-lei.yaml")]
    assert kept
    kept[0].unlink()
    _, document = as_json(run, first, second, "--path", root)
    assert document["problems"] == {"introduced": [], "fixed": []} and document["base"]["errors"] == 0


def test_sentiment_weeks_and_amplifications_show_in_the_diff_private_notes_never(repo_of, run):
    week = "keywords:\n  - word: 续航\n    count: 3\nprivate:\n  notes: 观察员后台截图甲\n"
    root, repo = repo_of({"sentiment/cockpit/2025-w28.yaml": week})
    edit(root, "sentiment/cockpit/2025-w28.yaml", "count: 3", "count: 5")
    edit(root, "sentiment/cockpit/2025-w28.yaml", "截图甲", "截图乙")
    write(root, "sentiment/cockpit/2025-w29.yaml", "summary: 第二周\n")
    write(root, "kocsite.yml", "amplification_points: 4\n")
    with (root / "tasks/deep-review/li-lei.yaml").open("a", encoding="utf-8") as f:
        f.write("amplified:\n  - koc: han-meimei\n    url: https://weibo.com/han/1\n    date: 2025-07-12\n")
    code, document = as_json(run, "HEAD", "--path", root)
    assert code == 0, document
    assert entity(document, "added", "sentiment", "cockpit/2025-w29")["file"] == "sentiment/cockpit/2025-w29.yaml"
    fields = entity(document, "changed", "sentiment", "cockpit/2025-w28")["fields"]
    assert [f for f in fields if f["path"] == "keywords[0].count"] == [
        {"path": "keywords[0].count", "before": 3, "after": 5}]
    assert {"path": "private.notes", "private": True} in fields
    assert entity(document, "changed", "contribution", "deep-review/li-lei")
    # han-meimei is no member of cockpit: credit 0 → 4 for the share, no cash
    assert money_of(document, "cockpit")["han-meimei"] == (None, "4", None, 0)
    for fmt in ("text", "markdown", "json"):
        output = run("diff", "HEAD", "--path", root, "--format", fmt).output
        assert "截图甲" not in output and "截图乙" not in output, fmt
    assert "舆情周报" in run("diff", "HEAD", "--path", root).output
