"""Every text output in the chosen language: no machine values in Chinese, no 是/否/、 in English.

Runs each report command of the sample through the CLI in both languages. Data text (titles,
nicknames, goods) is the operators' own and stays as written: it is removed before the English
outputs are searched, so only what kocsite itself writes is judged."""

from __future__ import annotations

import json
import re

import pytest
import yaml

from kocsite.core.labels import TABLES, joined, label, yes_no
from kocsite.outputs.match import _why_not
from tests_support import REPO

TODAY = "2026-11-23"
COMMANDS = [
    ["rewards", "l9-mayday-road-trip", "--explain"],
    ["rewards", "cockpit-deep-experience", "--explain"],
    ["progress", "cockpit-deep-experience", "--today", TODAY],
    ["progress", "l9-mayday-road-trip", "--today", TODAY],
    ["progress", "newbie-guide-2027", "--today", TODAY],
    ["report"],
    ["due", "--today", TODAY, "--within", "1w"],
    ["due", "--today", TODAY, "--within", "1w", "--format", "markdown"],
    ["candidates", "--explain"],
    ["match", "sichuan-west-crossing", "--explain"],
    ["match", "xiaohongshu-camping-series", "--explain"],
    ["credit", "--explain"],
    ["credit", "cockpit-deep-experience", "--explain"],
]
WHY_NOT = ("no-credit", "below-min-credit", "deliverable-not-met", "not-member", "no-pool-credit")
MACHINE_VALUES = {value for table in TABLES.values() for value in table} | set(WHY_NOT)
TOKEN = re.compile(r"[A-Za-z0-9_][A-Za-z0-9_-]*")  # an id such as cockpit-review-family is one token


def _strings(node) -> list[str]:
    if isinstance(node, str):
        return [node]
    if isinstance(node, dict):
        return [s for v in node.values() for s in _strings(v)]
    if isinstance(node, list):
        return [s for v in node for s in _strings(v)]
    return []


@pytest.fixture(scope="module")
def data_text() -> list[str]:
    """Every string of the sample's YAML that holds Chinese, longest first; whitespace as outputs show it."""
    found = set()
    for path in [REPO / "kocsite.yml", *REPO.glob("campaigns/*.yaml"), *REPO.glob("kocs/*.yaml"),
                 *REPO.glob("tasks/**/*.yaml"), *REPO.glob("insights/*.yaml")]:
        for text in _strings(yaml.safe_load(path.read_text(encoding="utf-8"))):
            if re.search(r"[\u3000-\u303f\u4e00-\u9fff]", text):
                found |= {text, " ".join(text.split())}
    return sorted(found, key=len, reverse=True)


def _output(run, lang: str, command: list[str]) -> str:
    result = run("--lang", lang, "-C", REPO, *command)
    assert result.exit_code == 0, result.output
    assert result.output.strip()
    return result.output


@pytest.mark.parametrize("command", COMMANDS, ids=" ".join)
def test_english_output_has_no_chinese_yes_no_or_list_separator(run, data_text, command):
    text = _output(run, "en", command)
    for data in data_text:
        text = text.replace(data, "<data>")
    for mark in ("是", "否", "、"):
        assert mark not in text, [line for line in text.splitlines() if mark in line]


@pytest.mark.parametrize("command", COMMANDS, ids=" ".join)
def test_chinese_output_names_machine_values(run, command):
    text = _output(run, "zh", command)
    raw = sorted(set(TOKEN.findall(text)) & MACHINE_VALUES)
    assert not raw, [line for line in text.splitlines() if set(TOKEN.findall(line)) & set(raw)]


def test_the_sample_shows_the_enums_the_tables_name(run):
    """The outputs above do show statuses and metrics, so the tests above judge something."""
    report = _output(run, "zh", ["report"])
    assert "| 进行中 |" in report and "| 招募中 |" in report and "通过审核的内容" in report
    assert "（sichuan-west-crossing，已完成）" in _output(run, "zh", ["match", "sichuan-west-crossing"])
    assert "审核状态为「需修改」" in _output(run, "zh", ["credit", "--explain"])
    english = _output(run, "en", ["rewards", "l9-mayday-road-trip"])
    assert "co-creator, core-creator" in english and " yes " in english


def test_json_keeps_the_machine_values(run):
    progress = json.loads(_output(run, "en", ["progress", "cockpit-deep-experience", "--format", "json"]))
    assert progress["status"] == "running"
    assert {g["metric"] for g in progress["goals"]} >= {"approved_contributions"}
    candidates = json.loads(_output(run, "zh", ["candidates", "--format", "json"]))
    assert {c["stage"] for c in candidates["candidates"]} <= set(TABLES["stage"])


def test_every_table_names_each_value_in_both_languages():
    for name, table in TABLES.items():
        for value, (zh, en) in table.items():
            assert label(table, value, "zh") == zh and re.search(r"[\u4e00-\u9fff]", zh), (name, value)
            assert label(table, value, "en") == en and not re.search(r"[\u4e00-\u9fff]", en), (name, value)
    assert label(TABLES["campaign status"], "someday", "zh") == "someday"  # a new value is shown, never a crash
    assert (yes_no(True, "en"), yes_no(False, "zh"), joined(["a", "b"], "en"), joined(["a", "b"], "zh")) == \
        ("yes", "否", "a, b", "a、b")


def test_why_a_koc_cannot_be_proposed_is_named():
    assert _why_not("stage paused", "zh") == "阶段：暂停"
    assert _why_not("stage paused", "en") == "stage paused"
    assert _why_not("unavailable", "zh") == "没空"
