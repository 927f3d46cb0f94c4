"""One bad file does not stop the programme: the reports run on the valid part and exit 1 after their
output; money and the site refuse, saying why; problems neither cascade nor hide each other; a shallow
clone's missing base is a usage error that says how to fetch it."""

from __future__ import annotations

import json
import re
import subprocess
from pathlib import Path

import pytest
from site_support import copy_sample

CAMPAIGN = "cockpit-deep-experience"
BROKEN_CONTRIBUTION = "tasks/cockpit-discussion/ningning-zijia.yaml"


@pytest.fixture
def broken_sample(tmp_path) -> Path:
    """The sample with one unknown KOC id planted in one contribution."""
    root = copy_sample(tmp_path / "sample")
    path = root / BROKEN_CONTRIBUTION
    text = path.read_text(encoding="utf-8")
    assert "koc: ningning-zijia\n" in text
    path.write_text(text.replace("koc: ningning-zijia\n", "koc: fang-ningg\n"), encoding="utf-8")
    return root


def test_due_still_lists_what_is_due_and_reports_the_problem_after(broken_sample, run, tmp_path):
    clean = copy_sample(tmp_path / "clean")
    expected = run("-C", clean, "due", "--within", "2d", "--today", "2026-11-23")
    assert expected.exit_code == 0 and expected.stderr == ""
    result = run("-C", broken_sample, "due", "--within", "2d", "--today", "2026-11-23")
    assert result.exit_code == 1
    assert result.stdout == expected.stdout and "cockpit-discussion" in result.stdout
    assert f"{BROKEN_CONTRIBUTION}:2:6: E104" in result.stderr and "fang-ningg" in result.stderr
    assert "1 个错误" in result.stderr and "kocsite check" in result.stderr


@pytest.mark.parametrize("args", [("progress", CAMPAIGN, "--today", "2026-11-23"), ("report",), ("candidates",),
                                  ("match", "sichuan-west-crossing"), ("due", "--format", "json")])
def test_reports_run_on_the_valid_part_in_the_operators_language(broken_sample, run, args):
    result = run("--lang", "en", "-C", broken_sample, *args)
    assert result.exit_code == 1, result.output
    assert result.stdout.strip()
    assert "E104 unknown KOC 'fang-ningg'" in result.stderr
    assert "1 error(s)" in result.stderr and "kocsite check" in result.stderr
    assert not re.search(r"[\u4e00-\u9fff]", result.stderr)


def test_the_unknown_kocs_contribution_is_left_out_of_the_figures(broken_sample, run, tmp_path):
    clean = run("-C", copy_sample(tmp_path / "clean"), "progress", CAMPAIGN, "--format", "json")
    broken = run("-C", broken_sample, "progress", CAMPAIGN, "--format", "json")
    assert clean.exit_code == 0 and broken.exit_code == 1
    assert clean.stdout != broken.stdout  # the contribution by 'fang-ningg' counts for no one


@pytest.mark.parametrize("args, why", [
    (("credit",), "积分和奖金只在数据没有错误时计算"),
    (("rewards", CAMPAIGN), "积分和奖金只在数据没有错误时计算"),
    (("close", CAMPAIGN, "--date", "2026-12-01"), "账本只从没有错误的数据封存"),
    (("build",), "网站只发布没有错误的数据"),
])
def test_money_and_the_site_refuse_saying_why(broken_sample, run, args, why):
    result = run("-C", broken_sample, *args)
    assert result.exit_code == 1 and result.stdout == ""
    assert "E104" in result.stderr and why in result.stderr and "kocsite check" in result.stderr
    assert not (broken_sample / "site").exists() and not (broken_sample / "ledgers" / f"{CAMPAIGN}.yaml").exists()


def test_a_campaign_whose_file_is_invalid_is_a_data_error_not_an_unknown_id(tmp_path, run):
    root = copy_sample(tmp_path / "sample")
    with (root / "campaigns" / f"{CAMPAIGN}.yaml").open("a", encoding="utf-8") as stream:
        stream.write("bogus: 1\n")
    result = run("-C", root, "progress", CAMPAIGN)
    assert result.exit_code == 1
    assert f"campaigns/{CAMPAIGN}.yaml" in result.stderr and "E201" in result.stderr
    assert "没有活动" not in result.stderr


def test_lint_uses_the_valid_settings_and_reports_the_bad_one(tmp_path, run):
    root = copy_sample(tmp_path / "sample")
    with (root / "kocsite.yml").open("a", encoding="utf-8") as stream:
        stream.write("colour: blue\n")
    draft = root / "draft.md"
    draft.write_text("这是最好的座舱。\n", encoding="utf-8")
    result = run("-C", root, "lint", "draft.md")
    assert result.exit_code == 1
    assert "draft.md:1:3: W701" in result.stdout
    assert "kocsite.yml" in result.stderr and "E201" in result.stderr and "colour" in result.stderr


# -- problems never cascade or hide each other ---------------------------------------------------

def test_one_unknown_settings_key_is_one_problem(tmp_path, run):
    root = copy_sample(tmp_path / "sample")
    with (root / "kocsite.yml").open("a", encoding="utf-8") as stream:
        stream.write("colour: blue\n")
    result = run("check", root, "--format", "json")
    problems = json.loads(result.stdout)
    assert [(p["file"], p["code"]) for p in problems] == [("kocsite.yml", "E201")]


def test_a_bad_field_inside_a_skill_keeps_the_skill(tmp_path, run):
    root = copy_sample(tmp_path / "sample")
    settings = root / "kocsite.yml"
    text = settings.read_text(encoding="utf-8")
    assert "  - id: video-editing\n" in text
    settings.write_text(text.replace("  - id: video-editing\n", "  - id: video-editing\n    colour: 2\n", 1), encoding="utf-8")
    problems = json.loads(run("check", root, "--format", "json").stdout)
    assert [(p["file"], p["code"]) for p in problems] == [("kocsite.yml", "E201")]


def test_a_settings_value_of_the_wrong_type_falls_back_alone(tmp_path, run):
    root = copy_sample(tmp_path / "sample")
    settings = root / "kocsite.yml"
    settings.write_text(settings.read_text(encoding="utf-8").replace("brand: 澜岳汽车", "brand: [澜岳汽车]"),
                        encoding="utf-8")
    problems = json.loads(run("check", root, "--format", "json").stdout)
    assert [(p["file"], p["code"]) for p in problems] == [("kocsite.yml", "E203")]


def test_an_unknown_koc_is_reported_with_the_files_schema_error(programme, run):
    root = programme({"tasks/deep-review/li-lei.yaml": "koc: li-lie\ntitle: 座舱评测\ndate: 2025-07-10\ncolour: 1\n"})
    result = run("--lang", "en", "check", root)
    assert result.exit_code == 1
    assert "tasks/deep-review/li-lei.yaml:1:6: E104 unknown KOC 'li-lie'" in result.stdout
    assert "tasks/deep-review/li-lei.yaml:4:1: E201" in result.stdout


def test_an_invalid_campaign_still_has_its_members_checked(programme, minimal, run):
    campaign = minimal["campaigns/cockpit.yaml"].replace("koc: li-lei", "koc: li-lie").replace("headcount: 2", "headcount: two")
    result = run("check", programme({"campaigns/cockpit.yaml": campaign}), "--format", "json")
    codes = {(p["file"], p["code"]) for p in json.loads(result.stdout)}
    # both in one run, and no spurious membership errors from the campaign that did not validate
    assert codes == {("campaigns/cockpit.yaml", "E104"), ("campaigns/cockpit.yaml", "E205")}


# -- a shallow clone -------------------------------------------------------------------------------

def _git(cwd: Path, *args: str) -> str:
    return subprocess.run(["git", *args], cwd=cwd, check=True, capture_output=True, text=True,
                          env={"GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.com", "GIT_COMMITTER_NAME": "t",
                               "GIT_COMMITTER_EMAIL": "t@example.com", "HOME": str(cwd), "PATH": "/usr/bin:/bin"}).stdout


def test_diff_in_a_shallow_clone_says_how_to_fetch_the_base(programme, run, tmp_path):
    origin = programme()
    _git(origin, "init", "-q", "-b", "main")
    _git(origin, "add", "-A")
    _git(origin, "commit", "-q", "-m", "one")
    base = _git(origin, "rev-parse", "HEAD").strip()
    (origin / "kocs" / "han-meimei.yaml").write_text("name: 韩梅梅\nbio: 车主\n", encoding="utf-8")
    _git(origin, "commit", "-q", "-am", "two")
    clone = tmp_path / "clone"
    _git(tmp_path, "clone", "-q", "--depth", "1", f"file://{origin}", str(clone))
    assert _git(clone, "rev-parse", "--is-shallow-repository").strip() == "true"
    for rev in ("HEAD~1", base):
        result = run("--lang", "en", "-C", clone, "diff", rev)
        assert result.exit_code == 2, result.output
        assert "shallow clone" in result.stderr and "fetch-depth: 0" in result.stderr
        assert "git fetch --unshallow" in result.stderr and "internal error" not in result.output
    typo = run("-C", clone, "diff", "mian")
    assert typo.exit_code == 2 and "浅克隆" in typo.stderr and "fetch-depth: 0" in typo.stderr
    _git(clone, "fetch", "-q", "--unshallow")
    assert run("-C", clone, "diff", base).exit_code == 0


@pytest.mark.parametrize("workflow", [".github/workflows/remind.yml",
                                      "kocsite/publish/templates/programme/dot-github/workflows/remind.yml"])
def test_the_daily_reminder_step_still_goes_out_with_a_broken_reference(broken_sample, tmp_path, workflow):
    """The reminder workflow's step, run as GitHub runs it (bash -e), on the sample with one bad reference."""
    import os
    import sys

    import yaml
    from tests_support import REPO

    jobs = yaml.safe_load((REPO / workflow).read_text(encoding="utf-8"))["jobs"]
    step = next(s for job in jobs.values() for s in job["steps"] if s.get("name") == "What is due")
    summary = tmp_path / "summary.md"
    env = {**os.environ, "RUNNER_TEMP": str(tmp_path), "GITHUB_STEP_SUMMARY": str(summary),
           "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}", **step.get("env", {})}
    done = subprocess.run(["bash", "-e", "-c", step["run"]], cwd=broken_sample, env=env, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert "cockpit-discussion" in summary.read_text(encoding="utf-8")
    assert json.loads((tmp_path / "due.json").read_text(encoding="utf-8"))["count"] > 0
    assert "::warning" in done.stdout and "E104" in done.stderr
