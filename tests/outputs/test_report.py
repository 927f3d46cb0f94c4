"""`kocsite report`: operator figures, equal to kocsite.ops.metrics on the sample programme."""

from __future__ import annotations

import csv
import io
import json

from kocsite.core.display import percent_text
from kocsite.core.labels import CAMPAIGN_STATUS, label
from kocsite.ops.metrics import all_campaign_metrics, campaign_metrics
from kocsite.outputs.operator import CSV_COLUMNS
from kocsite.models.programme import load_programme
from kocsite.outputs.progress import progress_document
from tests_support import REPO

HEADER = ("campaign,title,status,invitations,invited,accepted,declined,withdrawn,acceptance_rate,tasks_total,"
          "tasks_done,completion_rate,exposure,interactions,engagement_rate,leads,approved,pending,"
          "changes_requested,rejected,goals_total,goals_met,role_members,role_delivered")


def test_json_equals_campaign_metrics(run):
    result = run("report", "--path", REPO, "--format", "json")
    assert result.exit_code == 0, result.output
    document = json.loads(result.output)
    programme = load_programme(REPO)
    expected = [progress_document(campaign_metrics(programme, cid)) for cid in sorted(programme.campaigns)]
    assert document["campaigns"] == expected
    one = json.loads(run("report", "cockpit-deep-experience", "--path", REPO, "--format", "json").output)
    assert one["campaigns"] == [progress_document(campaign_metrics(programme, "cockpit-deep-experience"))]


def test_csv_header_is_stable_and_rows_match(run):
    result = run("report", "--path", REPO, "--format", "csv")
    assert result.exit_code == 0
    assert result.output.splitlines()[0] == "\ufeff" + HEADER == "\ufeff" + ",".join(key for key, _ in CSV_COLUMNS)
    rows = list(csv.DictReader(io.StringIO(result.output.removeprefix("\ufeff"), newline="")))
    metrics = all_campaign_metrics(load_programme(REPO))
    assert [r["campaign"] for r in rows] == list(metrics)
    for row in rows:
        m = metrics[row["campaign"]]
        assert int(row["invitations"]) == m.invitations and int(row["accepted"]) == m.accepted
        assert int(row["tasks_done"]) == m.tasks_done and int(row["tasks_total"]) == m.tasks_total
        assert int(row["exposure"]) == m.exposure and int(row["interactions"]) == m.interactions
        assert int(row["leads"]) == m.leads
        assert int(row["goals_met"]) == sum(g.met for g in m.goals)
        if m.engagement_rate is None:
            assert row["engagement_rate"] == ""
        else:
            assert abs(float(row["engagement_rate"]) - float(m.engagement_rate)) < 1e-6


def test_markdown_has_the_funnel_and_the_rates(run):
    output = run("report", "--path", REPO).output
    for m in all_campaign_metrics(load_programme(REPO)).values():
        status = label(CAMPAIGN_STATUS, m.status, "zh")
        assert f"| {m.title}（`{m.campaign}`） | {status} | {m.invitations} → {m.accepted} | {percent_text(m.acceptance_rate)} |" in output
        assert f"## {m.title}（`{m.campaign}`，{status}）" in output
        assert percent_text(m.completion_rate) in output
    assert output.count("### 招募漏斗") == 3
    english = run("--lang", "en", "report", "cockpit-deep-experience", "--path", REPO).output
    assert "### Recruitment funnel" in english and "### Delivery per role" in english
    assert english.count("## ") == 1 + english.count("### ")


def test_unknown_campaign_is_a_usage_error(run):
    result = run("report", "cockpit-deep", "--path", REPO)
    assert result.exit_code == 2 and "cockpit-deep-experience" in result.output
