"""`kocsite report insights`: per product team the insights received, waiting, in progress, shipped,
declined and not reported back, in Markdown, CSV and JSON; --team and --since; hostile strings inert."""

from __future__ import annotations

import csv
import io
import json

HOSTILE_TEAM = '=HYPERLINK("http://evil.example","x")'


def insight(team: str, status: str, received: str, title: str = "洞察", extra: str = "") -> str:
    text = (f"title: '{title}'\nsummary: 摘要\ntopic: 座舱\nkocs: [li-lei]\nrouted_to: '{team}'\nstatus: {status}\n"
            f"received: {received}\n")
    if status != "received":
        text += f"triaged: {received}\n"
    if status in ("shipped", "declined"):
        text += f"resolved: {received}\noutcome: 已处理\n"
    return text + extra


INSIGHTS = {
    "insights/a-shipped-told.yaml": insight("座舱产品组", "shipped", "2025-07-02", extra="reported_back: 2025-07-03\n"),
    "insights/b-shipped-untold.yaml": insight("座舱产品组", "shipped", "2025-07-05"),
    "insights/c-declined-untold.yaml": insight("座舱产品组", "declined", "2025-07-08"),
    "insights/d-started.yaml": insight("座舱产品组", "in-progress", "2025-07-10", extra="started: 2025-07-11\n"),
    "insights/e-new.yaml": insight("座舱产品组", "received", "2025-07-12"),
    "insights/f-triaged.yaml": insight("补能服务团队", "triaged", "2025-06-01"),
    "insights/g-hostile.yaml": insight(HOSTILE_TEAM.replace("'", "''"), "received", "2025-07-01",
                                       title="@all <b>#12</b> | [x](http://evil.example)"),
}


def _rows(output: str) -> list[dict[str, str]]:
    assert output.startswith("\ufeff")
    return list(csv.DictReader(io.StringIO(output[1:])))


def test_counts_per_team_by_hand_in_csv(programme, run):
    result = run("report", "insights", "--path", programme(INSIGHTS), "--format", "csv")
    assert result.exit_code == 0, result.output
    rows = {r["team"]: r for r in _rows(result.output)}
    # 座舱产品组: 5 received; waiting 1 (e); in progress 1 (d); shipped 2 (a, b); declined 1 (c);
    # not reported back 2 (b, c: closed without reported_back; a was reported back)
    assert rows["座舱产品组"] == {"team": "座舱产品组", "received": "5", "waiting": "1", "in_progress": "1",
                               "shipped": "2", "declined": "1", "not_reported_back": "2",
                               "not_reported_back_ids": "b-shipped-untold c-declined-untold"}
    assert rows["补能服务团队"]["received"] == "1" and rows["补能服务团队"]["waiting"] == "1"
    # the hostile team name cannot start a formula in Excel
    assert "'" + HOSTILE_TEAM in rows and HOSTILE_TEAM not in rows
    assert list(rows) == sorted(rows)  # teams sorted by name


def test_team_and_since_filters(programme, run):
    root = programme(INSIGHTS)
    doc = json.loads(run("report", "insights", "--path", root, "--format", "json", "--team", "座舱产品组",
                         "--since", "2025-07-05").output)
    assert doc["since"] == "2025-07-05"
    [team] = doc["teams"]
    assert [i["id"] for i in team["insights"]] == ["b-shipped-untold", "c-declined-untold", "d-started", "e-new"]
    assert (team["received"], team["shipped"], team["not_reported_back"]) == (4, 1, ["b-shipped-untold",
                                                                                   "c-declined-untold"])
    # a known team with nothing since then: a row of zeros
    doc = json.loads(run("report", "insights", "--path", root, "--format", "json", "--team", "补能服务团队",
                         "--since", "2025-07-01").output)
    assert doc["teams"] == [{"team": "补能服务团队", "received": 0, "waiting": 0, "in_progress": 0, "shipped": 0,
                             "declined": 0, "not_reported_back": [], "insights": []}]


def test_unknown_team_suggests_the_nearest(programme, run):
    result = run("--lang", "en", "report", "insights", "--path", programme(INSIGHTS), "--team", "座舱产品")
    assert result.exit_code == 2
    assert "--team: unknown team '座舱产品' (did you mean '座舱产品组'?)" in result.output


def test_team_and_since_belong_to_the_insight_report(programme, run):
    result = run("--lang", "en", "report", "--path", programme(INSIGHTS), "--since", "2025-07-01")
    assert result.exit_code == 2 and "--team and --since are for kocsite report insights only" in result.output


def test_markdown_for_the_sharing_session(programme, run):
    out = run("report", "insights", "--path", programme(INSIGHTS)).output
    assert out.startswith("# 用户洞察 · 各团队进展\n")
    assert "| 座舱产品组 | 5 | 1 | 1 | 2 | 1 | 2 |" in out
    assert "| 补能服务团队 | 1 | 1 | 0 | 0 | 0 | 0 |" in out
    assert "**待反馈**" in out and "`b-shipped-untold`" in out
    # hostile title: no mention, no issue link, no HTML, no table break, no link
    assert "@all" not in out and "<b>" not in out and "[x](http" not in out
    assert "&lt;b&gt;" in out and "\\|" in out and "\\[x\\]" in out
    en = run("--lang", "en", "report", "insights", "--path", programme(INSIGHTS), "--since", "2025-07-05").output
    assert en.startswith("# User insights by team\n\nInsights received since 2025-07-05.\n")
    assert "| 座舱产品组 | 4 | 1 | 1 | 1 | 1 | 2 |" in en


def test_no_insights(programme, run):
    out = run("--lang", "en", "report", "insights", "--path", programme()).output
    assert "No insights yet." in out
    assert _rows(run("report", "insights", "--path", programme(), "--format", "csv").output) == []


def test_sample_report(run):
    from tests_support import REPO

    rows = {r["team"]: r for r in _rows(run("report", "insights", "--path", REPO, "--format", "csv").output)}
    assert rows["座舱产品组"]["not_reported_back_ids"] == "rear-screen-night-brightness"
    assert rows["座舱语音组"]["waiting"] == "1" and rows["补能服务团队"]["in_progress"] == "1"
