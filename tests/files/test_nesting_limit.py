"""Deep nesting is E009 whichever libyaml PyYAML ships, including one that stops by itself at 1000 levels.

Newer libyaml raises its own depth error before any event of the deep part
arrives; kocsite must still report E009 (not a syntax error with an English fragment) at the same
place as for a file only a little too deep.
"""

from __future__ import annotations

import json
import re

import git
import pytest

from kocsite.files.source import MAX_DEPTH, parse


def _flow(depth: int) -> str:
    return "name: 韩梅梅\nx: " + "[" * depth + "]" * depth + "\n"


def _block(depth: int) -> str:
    return "name: 韩梅梅\nx:\n" + "".join("  " * (i + 1) + f"k{i}:\n" for i in range(depth)) + "  " * (depth + 1) + "v\n"


def _flow_mapping(depth: int) -> str:
    return "name: 韩梅梅\nx: " + "{a: " * depth + "v" + "}" * depth + "\n"


@pytest.mark.parametrize("form", [_flow, _block, _flow_mapping], ids=["flow", "block", "flow-mapping"])
@pytest.mark.parametrize("depth", [999, 1000, 1001, 5000])
def test_around_libyaml_limit_the_problem_is_e009_where_level_33_opens(form, depth):
    reference = parse(form(MAX_DEPTH + 5), "f.yaml").problems
    problems = parse(form(depth), "f.yaml").problems
    assert [p.code for p in reference] == ["E009"]
    assert [(p.code, p.line, p.column) for p in problems] == [(p.code, p.line, p.column) for p in reference]


def test_the_message_is_the_deep_nesting_one_in_each_language():
    (p,) = parse(_flow(5000), "f.yaml").problems
    assert p.message("zh") == f"嵌套层级过深（超过 {MAX_DEPTH} 层）"
    assert not re.search(r"[A-Za-z]", p.message("zh"))
    assert p.message("en") == f"nesting is too deep (more than {MAX_DEPTH} levels)"


def test_other_problems_before_the_deep_part_are_still_reported():
    text = "a: &anchor 1\nx: " + "[" * 3000 + "]" * 3000 + "\n"
    assert [p.code for p in parse(text, "f.yaml").problems] == ["E006", "E009"]


def test_diff_reports_the_deep_file_as_e009(programme, run):
    """`kocsite diff` reads the files from git objects; the same limit applies there."""
    root = programme()
    repo = git.Repo.init(root, initial_branch="main")
    actor = git.Actor("t", "t@example.com")
    repo.git.add("-A")
    repo.index.commit("init", author=actor, committer=actor)
    (root / "kocs" / "han-meimei.yaml").write_text(_flow(5000), encoding="utf-8")
    repo.git.add("-A")
    repo.index.commit("deep", author=actor, committer=actor)
    result = run("diff", "HEAD~1", "HEAD", "--path", root, "--format", "json")
    introduced = json.loads(result.output)["problems"]["introduced"]
    assert [(p["file"], p["code"]) for p in introduced] == [("kocs/han-meimei.yaml", "E009")]
