"""Start-up: a command imports what it needs when it runs, so `--version` and a check of an empty
programme start in a blink (issue 15). Each case runs kocsite in a fresh interpreter and lists the
modules it loaded."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import kocsite
from kocsite.checker import DEFAULT_LANGUAGE, check
from kocsite.models.settings import Settings

_HEAVY = ("pydantic", "kocsite.models", "kocsite.rules.engine", "kocsite.rules.model_cache", "git", "kocsite.rules.programme")
_PROBE = """
import atexit, json, runpy, sys
heavy = {heavy!r}
atexit.register(lambda: print("MODULES " + json.dumps(sorted(m for m in heavy if m in sys.modules))))
sys.argv = ["kocsite", *{args!r}]
runpy.run_module("kocsite", run_name="__main__", alter_sys=True)
"""


def _loaded(args: list[str], cwd: Path, tmp_path: Path) -> tuple[int, str, list[str]]:
    env = dict(os.environ, KOCSITE_CACHE_DIR=str(tmp_path / "cache"), PYTHONPATH=str(Path(kocsite.__file__).parents[1]))
    done = subprocess.run([sys.executable, "-c", _PROBE.format(heavy=_HEAVY, args=args)], cwd=cwd, env=env,
                          capture_output=True, text=True, timeout=120)
    lines = done.stdout.splitlines()
    modules = json.loads(lines[-1].removeprefix("MODULES "))
    return done.returncode, "\n".join(lines[:-1]), modules


def test_version_loads_no_library(tmp_path):
    code, output, modules = _loaded(["--version"], tmp_path, tmp_path)
    assert code == 0 and kocsite.__version__ in output
    assert modules == []


def test_check_of_an_empty_programme_builds_no_model(tmp_path):
    (tmp_path / "kocs").mkdir()
    code, output, modules = _loaded(["-C", str(tmp_path), "check"], tmp_path, tmp_path)
    assert code == 0, output
    assert output == "已检查 0 个文件，没有发现问题。"
    assert modules == [], f"an empty check imported {modules}"


def test_check_of_an_empty_programme_still_reports_stray_files(tmp_path):
    (tmp_path / "kocs").mkdir()
    (tmp_path / "kocs" / "notes.txt").write_text("x", encoding="utf-8")
    code, output, modules = _loaded(["-C", str(tmp_path), "check", "--lang", "en"], tmp_path, tmp_path)
    assert code == 0 and "W015" in output and "kocs/notes.txt" in output
    assert modules == []


def test_a_programme_with_files_is_checked_in_full(tmp_path):
    (tmp_path / "kocs").mkdir()
    (tmp_path / "kocs" / "li-lei.yaml").write_text("id: wang-fang\n", encoding="utf-8")
    code, output, modules = _loaded(["-C", str(tmp_path), "check"], tmp_path, tmp_path)
    assert code == 1 and "E202" in output
    assert "pydantic" in modules


def test_empty_result_speaks_the_default_language_and_builds_default_settings():
    assert DEFAULT_LANGUAGE == Settings().language
    result = check(Path("/nonexistent-kocsite-programme"), cache_dir=None)
    assert result.files == 0 and result.problems == [] and result.language == DEFAULT_LANGUAGE
    assert result.settings == Settings()
