"""One consistent command line: -C DIR and the programme found upward, --lang anywhere, usage errors
in one language, no silent no-ops, progress on a terminal only, no jieba noise."""

from __future__ import annotations

import os
import pty
import re
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from kocsite.cli import cli
from kocsite.cli.progress import BUILD_PHASES, Progress
from site_support import copy_sample

CJK = re.compile(r"[\u4e00-\u9fff]")


@pytest.fixture
def run_env(monkeypatch):
    """Run the CLI in-process with extra environment variables."""
    monkeypatch.chdir(Path.cwd())

    def invoke(env: dict[str, str | None], *args: str):
        return CliRunner().invoke(cli, [str(a) for a in args], catch_exceptions=False, env=env)

    return invoke


# -- naming the programme ---------------------------------------------------------------------------

def test_dash_c_names_the_programme_for_every_command(programme, run):
    root = programme()
    for args in (("check",), ("due", "--today", "2025-07-15"), ("credit",), ("rewards", "cockpit"), ("report",),
                 ("progress", "cockpit"), ("candidates",)):
        with_c = run("-C", root, *args)
        assert with_c.exit_code == 0, (args, with_c.output)
        old = run(*args, root) if args[0] in ("check", "due") else run(*args, "--path", root)
        assert old.exit_code == 0 and old.stdout == with_c.stdout, args


def test_the_programme_is_found_from_a_folder_inside_it(programme, run, monkeypatch):
    root = programme()
    monkeypatch.chdir(root / "tasks" / "deep-review")
    inside = run("credit")
    assert inside.exit_code == 0 and "li-lei" in inside.stdout
    assert inside.stdout == run("-C", root, "credit").stdout
    monkeypatch.chdir(root / "tasks" / "deep-review")
    assert run("check").stdout == run("check", root).stdout


def test_dash_c_is_relative_like_git(programme, run, monkeypatch):
    root = programme()
    monkeypatch.chdir(root.parent)
    assert run("-C", f"{root.name}/kocs", "report", "--format", "csv").exit_code == 0


def test_no_programme_here_or_above_is_a_usage_error(tmp_path, run):
    empty = tmp_path / "empty"
    empty.mkdir()
    result = run("-C", empty, "due")
    assert result.exit_code == 2 and "-C" in result.stderr and "kocsite.yml" in result.stderr
    missing = run("-C", tmp_path / "nowhere", "check")
    assert missing.exit_code == 2 and "不是目录" in missing.stderr


def test_help_shows_dash_c_and_hides_the_old_path_option(run):
    assert "-C DIR" in run("--help").stdout
    assert "--path" not in run("credit", "--help").stdout


# -- the operator's language -------------------------------------------------------------------------

def test_lang_works_before_and_after_the_command(programme, run):
    root = programme({"tasks/deep-review/li-lei.yaml": "koc: li-lie\ntitle: x\ndate: 2025-07-10\n"})
    before, after = run("--lang", "en", "check", root), run("check", root, "--lang", "en")
    assert before.stdout == after.stdout and "unknown KOC 'li-lie'" in after.stdout
    assert "找不到 KOC" in run("--lang", "en", "check", root, "--lang", "zh").stdout  # the last one wins


def test_an_invalid_kocsite_lang_is_a_usage_error(programme, run_env):
    root = programme()
    result = run_env({"KOCSITE_LANG": "fr"}, "check", root)
    assert result.exit_code == 2 and "KOCSITE_LANG='fr'" in result.stderr and "zh" in result.stderr
    assert run_env({"KOCSITE_LANG": "en"}, "check", root).stdout.startswith("5 files checked")
    assert run_env({"KOCSITE_LANG": "fr"}, "--lang", "en", "check", root).exit_code == 0  # --lang decides


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_did_you_mean_is_in_one_language(programme, run, lang):
    root = programme()
    for args, hint in ((("rewards", "cockpti"), "cockpit"), (("match", "deep-reveiw"), "deep-review"),
                       (("credit", "--koc", "li-lie"), "li-lei"), (("chek",), "check")):
        result = run("--lang", lang, "-C", root, *args)
        assert result.exit_code == 2, (args, result.output)
        message = result.stderr.strip().splitlines()[-1]
        assert f"'{hint}'" in message, message
        if lang == "en":
            assert "did you mean" in message and not CJK.search(message), message
        else:
            assert "是不是" in message and "did you mean" not in message.lower(), message


# -- no silent no-ops ----------------------------------------------------------------------------------

def test_credit_for_an_unknown_koc_is_an_error(programme, run):
    result = run("-C", programme(), "credit", "--koc", "nobody")
    assert result.exit_code == 2 and "nobody" in result.stderr and result.stdout == ""


def test_rewards_koc_without_explain_is_a_usage_error(programme, run):
    root = programme()
    result = run("--lang", "en", "-C", root, "rewards", "cockpit", "--koc", "li-lei")
    assert result.exit_code == 2 and "--explain" in result.stderr and result.stdout == ""
    assert run("-C", root, "rewards", "cockpit", "--koc", "li-lei", "--explain").exit_code == 0
    unknown = run("-C", root, "rewards", "cockpit", "--koc", "li-lie", "--explain")
    assert unknown.exit_code == 2 and "li-lei" in unknown.stderr


# -- progress on a terminal only, and no jieba noise ------------------------------------------------

def _tty_stream():
    leader, follower = pty.openpty()
    return os.fdopen(leader, "rb", buffering=0), os.fdopen(follower, "w", encoding="utf-8")


def test_progress_is_written_to_a_terminal_and_cleared(monkeypatch):
    monkeypatch.delenv("CI", raising=False)
    reader, tty = _tty_stream()
    with reader, tty:
        progress = Progress("en", BUILD_PHASES, tty)
        progress("write", pages=49)
        progress.done()
        tty.flush()
        written = reader.read(4096).decode()
    assert "49 pages generated" in written and written.endswith("\r\x1b[K")


def test_no_progress_in_ci_or_on_a_pipe(monkeypatch, tmp_path):
    monkeypatch.setenv("CI", "true")
    reader, tty = _tty_stream()
    with reader, tty:
        progress = Progress("zh", BUILD_PHASES, tty)
        progress("write", pages=49)
        progress.done()
        assert not progress.active and not progress.shown
    monkeypatch.delenv("CI")
    with open(tmp_path / "log", "w", encoding="utf-8") as log:
        Progress("zh", BUILD_PHASES, log)("write", pages=49)
    assert (tmp_path / "log").read_text(encoding="utf-8") == ""


def test_build_shows_its_phases_on_a_terminal_without_jieba_noise(tmp_path):
    root = copy_sample(tmp_path / "sample")
    env = {k: v for k, v in os.environ.items() if k != "CI"}
    env["KOCSITE_CACHE_DIR"] = str(tmp_path / "cache")
    reader, tty = _tty_stream()
    with reader:
        with tty:
            proc = subprocess.run([sys.executable, "-m", "kocsite", "-C", str(root), "build", "--engine", "mkdocs",
                                   "--today", "2026-11-23"], stdout=subprocess.PIPE, stderr=tty, env=env, timeout=600)
        shown = b""
        while True:
            try:
                chunk = reader.read(65536)
            except OSError:
                break
            if not chunk:
                break
            shown += chunk
    terminal = shown.decode()
    assert proc.returncode == 0, terminal
    assert "正在检查数据" in terminal and "正在用 MkDocs 构建网站" in terminal and "已生成 " in terminal
    assert re.search(r"已生成 \d+ 页", terminal)
    assert proc.stdout.decode().splitlines()[-1].endswith("→ site")
    # mkdocs as kocsite runs it: jieba is silent (and is in use, as plain `python -m mkdocs` shows)
    from kocsite.site.build import _mkdocs
    config = next((root / "build").glob("*.yml"))
    quiet = subprocess.run(_mkdocs("build", config, "--strict"), capture_output=True, text=True, env=env, timeout=600)
    assert quiet.returncode == 0 and "prefix dict" not in quiet.stderr and "Loading model" not in quiet.stderr
    plain = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--config-file", str(config)],
                           capture_output=True, text=True, env=env, timeout=600)
    assert "prefix dict" in plain.stderr


def test_build_on_a_pipe_prints_only_its_final_line(programme, run):
    root = copy_sample(Path(programme()).parent / "sample")
    result = run("-C", root, "build", "--today", "2026-11-23")
    assert result.exit_code == 0 and result.stderr == ""
    assert result.stdout.count("\n") == 1 and "→ site" in result.stdout
