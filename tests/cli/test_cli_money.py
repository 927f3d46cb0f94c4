"""`credit`, `rewards` and `progress` from the command line, on the repository's sample programme."""

import json
import os
import subprocess
import sys

from tests_support import REPO

CAMPAIGN = "cockpit-deep-experience"


def test_rewards_json_adds_up_to_the_pool(run):
    result = run("rewards", CAMPAIGN, "--path", REPO, "--format", "json")
    assert result.exit_code == 0, result.output
    doc = json.loads(result.output)
    assert doc["campaign"] == CAMPAIGN and doc["pool_fen"] == 5_000_000
    assert sum(p["payout_fen"] for p in doc["payouts"]) + doc["unallocated_fen"] == doc["pool_fen"]
    first = doc["payouts"][0]
    assert isinstance(first["payout_fen"], int) and isinstance(first["credit"], str)
    assert {"koc", "credit", "payout_fen"} <= set(first)


def test_rewards_text_ends_with_the_exact_sum(run):
    output = run("--lang", "en", "rewards", CAMPAIGN, "--path", REPO).output
    assert "pool 50000.00 yuan = paid" in output and "(5000000 = " in output


def test_rewards_explain_for_one_koc(run):
    output = run("rewards", CAMPAIGN, "--path", REPO, "--explain", "--koc", "zuocang-laochen").output
    assert "zuocang-laochen 合计：1500000 分（15000.00 元）" in output


def test_credit_csv_and_explain(run):
    csv_text = run("credit", CAMPAIGN, "--path", REPO, "--format", "csv").output
    assert csv_text.splitlines()[0] == "\ufeffrank,koc,name,credit,deliverable_met"  # BOM for Excel
    explain = run("credit", CAMPAIGN, "--path", REPO, "--koc", "zuocang-laochen", "--explain").output
    assert "100 分 × 质量系数 1.5 × 署名份额 100% = 150" in explain
    assert "不计分，审核状态为「待审核」" in explain


def test_money_commands_refuse_data_with_errors(programme, run):
    root = programme({"tasks/deep-review/li-lei.yaml": "koc: li-lie\ntitle: x\ndate: 2025-07-10\n"})
    result = run("rewards", "cockpit", "--path", root)
    assert result.exit_code == 1
    assert "E104" in result.output and "kocsite check" in result.output


def test_unknown_campaign_is_a_usage_error_with_a_hint(run):
    result = run("rewards", "cockpit-deep-experiense", "--path", REPO)
    assert result.exit_code == 2 and f"'{CAMPAIGN}'" in result.output


def test_progress_shows_goals_and_what_is_due(run):
    output = run("progress", CAMPAIGN, "--path", REPO, "--today", "2026-11-23").output
    assert "10/50" in output and "逾期 cockpit-review-ecosystem、cockpit-review-family" in output


def test_money_output_is_byte_identical_whatever_the_hash_seed():
    outputs = set()
    for seed in ("0", "1", "4242"):
        env = {**os.environ, "PYTHONHASHSEED": seed}
        for args in (["rewards", CAMPAIGN, "--format", "json", "--explain"], ["credit", "--format", "csv"]):
            result = subprocess.run([sys.executable, "-m", "kocsite", *args, "--path", str(REPO)],
                                    capture_output=True, env=env, check=True)
            outputs.add((args[0], result.stdout))
    assert len(outputs) == 2
