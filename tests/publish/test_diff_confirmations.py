"""`kocsite diff` shows each co-author's confirmation status, and never a KOC's git identities."""

from __future__ import annotations

import json

import git

from tests.publish.test_gitdiff import commit_all, entity, write

JOINT_TASK = """\
title: 联合拆解
quadrant: project
campaign: cockpit
role: tech-officer
points: 100
byline:
  - koc: li-lei
    share: 60
  - koc: han-meimei
    share: 40
"""


def joint(han_confirmed: str = "") -> str:
    return ("title: 联合拆解 01\ndate: 2025-07-12\nauthors:\n  - koc: li-lei\n    share: 60\n    confirmed: 2025-07-12\n"
            "  - koc: han-meimei\n    share: 40\n" + han_confirmed
            + "review:\n  status: approved\n  reviewer: 王运营\n  date: 2025-07-13\n")


def test_diff_shows_who_confirmed_and_who_is_pending(programme, two_officers, run):
    root = programme({"campaigns/cockpit.yaml": two_officers, "tasks/joint.yaml": JOINT_TASK,
                      "kocs/han-meimei.yaml": "name: 韩梅梅\ngit:\n  - meimei@example.com\n"})
    repo = git.Repo.init(root, initial_branch="main")
    commit_all(repo, "kickoff")
    write(root, "tasks/joint/one.yaml", joint())
    text = run("diff", "HEAD", "--path", root).output
    assert "份额确认: li-lei 60% 已确认 2025-07-12; han-meimei 40% 待确认" in text
    write(root, "tasks/joint/one.yaml", joint("    confirmed: 2025-07-14\n"))
    document = json.loads(run("diff", "HEAD", "--path", root, "--format", "json", "--lang", "en").output)
    assert entity(document, "added", "contribution", "joint/one")["shares"] == [
        {"koc": "li-lei", "share": "60", "confirmed": "2025-07-12"},
        {"koc": "han-meimei", "share": "40", "confirmed": "2025-07-14"}]
    markdown = run("diff", "HEAD", "--path", root, "--format", "markdown", "--lang", "en").output
    assert "share confirmations" in markdown and "not confirmed" not in markdown


def test_git_identities_never_appear_in_a_diff(programme, run):
    root = programme({"kocs/han-meimei.yaml": "name: 韩梅梅\ngit:\n  - secret-mail-42@example.org\n"})
    repo = git.Repo.init(root, initial_branch="main")
    commit_all(repo, "init")
    write(root, "kocs/han-meimei.yaml", "name: 韩梅梅\ngit:\n  - secret-mail-43@example.org\n")
    for fmt in ("text", "markdown", "json"):
        output = run("diff", "HEAD", "--path", root, "--format", fmt).output
        assert "secret-mail" not in output and "git[0]" in output, fmt
