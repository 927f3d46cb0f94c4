"""The command line: formats, exit codes, languages, and never a traceback."""

import json

import pytest

import kocsite
from kocsite import cli as cli_module
from kocsite.cli import check as check_commands

BROKEN = {"tasks/deep-review/li-lei.yaml": """\
    koc: li-lie
    title: 座舱评测
    date: 2025-07-10
    """}


def test_clean_programme_exits_0_with_a_summary(programme, run):
    result = run("check", programme())
    assert result.exit_code == 0
    assert result.output == "已检查 5 个文件，没有发现问题。\n"


def test_text_format_matches_the_design_example(programme, run):
    result = run("--lang", "en", "check", programme(BROKEN))
    assert result.exit_code == 1
    assert "tasks/deep-review/li-lei.yaml:1:6: E104 unknown KOC 'li-lie' (did you mean 'li-lei'?)" in result.output


def test_chinese_is_the_default_language(programme, run):
    result = run("check", programme(BROKEN))
    assert "E104 找不到 KOC 'li-lie'（是不是 'li-lei'？）" in result.output


def test_json_format(programme, run):
    result = run("check", "--format", "json", programme(BROKEN))
    assert result.exit_code == 1
    items = json.loads(result.output)
    assert items == [{"file": "tasks/deep-review/li-lei.yaml", "line": 1, "column": 6, "code": "E104",
                      "severity": "error", "message": "找不到 KOC 'li-lie'（是不是 'li-lei'？）"}]


def test_github_format_escapes_and_writes_the_job_summary(programme, run, tmp_path, monkeypatch):
    summary = tmp_path / "summary.md"
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(summary))
    result = run("--lang", "en", "check", "--format", "github", programme(BROKEN))
    assert result.exit_code == 1
    first = result.output.splitlines()[0]
    assert first == ("::error file=tasks/deep-review/li-lei.yaml,line=1,col=6,title=E104::"
                     "unknown KOC 'li-lie' (did you mean 'li-lei'?)")
    assert "| `tasks/deep-review/li-lei.yaml:1:6` | E104 |" in summary.read_text(encoding="utf-8")


def test_github_property_escaping():
    from kocsite.outputs.inert import workflow_data as _escape_data, workflow_property as _escape_property
    assert _escape_property("a:b,c%") == "a%3Ab%2Cc%25"
    assert _escape_data("line1\nline2\r") == "line1%0Aline2%0D"


def test_gitlab_fingerprints_are_unique_and_ignore_line_shifts(programme, run):
    changes = {"campaigns/cockpit.yaml": None, "tasks/deep-review.yaml": None, "tasks/other.yaml": None}
    first = json.loads(run("check", "--format", "gitlab", programme({**BROKEN, **changes})).output)
    shifted = {"tasks/deep-review/li-lei.yaml": "\n\n" + BROKEN["tasks/deep-review/li-lei.yaml"]}
    second = json.loads(run("check", "--format", "gitlab", programme({**shifted, **changes})).output)
    assert len({i["fingerprint"] for i in first}) == len(first)
    assert {i["fingerprint"] for i in first} == {i["fingerprint"] for i in second}
    assert [i["location"]["lines"]["begin"] for i in first] != [i["location"]["lines"]["begin"] for i in second]


def test_warnings_pass_unless_strict(programme, run, minimal):
    worded = programme({"tasks/deep-review/li-lei.yaml": minimal["tasks/deep-review/li-lei.yaml"].replace(
        "title: 座舱评测", "title: 最好的座舱评测")})  # W701, a warning (closed without a ledger is now E604)
    assert run("check", worded).exit_code == 0
    assert run("check", "--strict", worded).exit_code == 1


def test_usage_errors_exit_2(run, tmp_path):
    assert run("check", tmp_path / "missing").exit_code == 2
    assert run("check", tmp_path).exit_code == 2  # a directory with no programme in it
    assert run("check", "--format", "xml", ".").exit_code == 2


def test_version(run):
    result = run("--version")
    assert result.exit_code == 0 and kocsite.__version__ in result.output


def test_internal_error_is_one_line_exit_2(programme, monkeypatch, capsys):
    def explode(*args, **kwargs):
        raise RuntimeError("boom")

    monkeypatch.setattr(check_commands, "check", explode)
    monkeypatch.setattr("sys.argv", ["kocsite", "check", str(programme())])
    with pytest.raises(SystemExit) as exit_info:
        cli_module.main()
    assert exit_info.value.code == 2
    err = capsys.readouterr().err
    assert "internal error: RuntimeError: boom" in err and "Traceback" not in err


def test_every_command_has_help_with_an_example(run):
    for name, command in cli_module.cli.commands.items():
        assert command.help and "Example" in command.help, name
        assert run(name, "--help").exit_code == 0


def test_settings_language_is_the_default(programme, run, monkeypatch):
    monkeypatch.delenv("KOCSITE_LANG", raising=False)
    root = programme({**BROKEN, "kocsite.yml": "language: en\n"})
    assert "unknown KOC 'li-lie'" in run("check", root).output
    assert "找不到 KOC" in run("--lang", "zh", "check", root).output


def test_output_is_byte_identical_whatever_the_hash_seed(programme):
    """Same data, same bytes: sets and dicts must never leak their order into a report."""
    import os
    import subprocess
    import sys

    files = {f"kocs/k{i}.yaml": f"name: 用户{i}\nskills:\n  - skill: video-editng\n" for i in range(30)}
    files["campaigns/cockpit.yaml"] = None
    root = programme({**files, **BROKEN})
    outputs = set()
    for seed in ("0", "1", "12345", "random"):
        env = {**os.environ, "PYTHONHASHSEED": seed}
        for fmt in ("json", "text"):
            result = subprocess.run([sys.executable, "-m", "kocsite", "check", "--no-cache", "--format", fmt, str(root)],
                                    capture_output=True, env=env, check=False)
            assert result.returncode == 1, result.stderr
            outputs.add((fmt, result.stdout))
    assert len(outputs) == 2
