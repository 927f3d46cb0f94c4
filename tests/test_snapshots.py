"""Golden files: the reports and the generated pages of the sample programme, byte for byte.

A change that alters any output shows up here as a reviewable diff of tests/snapshots/. When the
change is intended, bless it:  python -m pytest tests/test_snapshots.py --snapshot-update
and commit the updated files with the change.
"""

from __future__ import annotations

import difflib
import shutil
from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner

from kocsite.cli import cli
from kocsite.models.programme import load_programme
from kocsite.site.build import generate
from tests_support import REPO

EXPECTED = REPO / "tests" / "snapshots"
TODAY = "2026-11-23"
DATA = ("kocs", "campaigns", "tasks", "insights", "ledgers", "redemptions", "sentiment", "kocsite.yml")
COMMANDS = {
    "check.txt": ["check", "."],
    "check-en.json": ["--lang", "en", "check", ".", "--format", "json"],
    "credit.txt": ["credit", "--path", "."],
    "credit-explain.txt": ["credit", "cockpit-deep-experience", "--explain", "--path", "."],
    "credit.csv": ["credit", "--format", "csv", "--path", "."],
    "rewards-cockpit.txt": ["rewards", "cockpit-deep-experience", "--explain", "--path", "."],
    "rewards-mayday.json": ["rewards", "l9-mayday-road-trip", "--format", "json", "--path", "."],
    "rewards-mayday-en.txt": ["--lang", "en", "rewards", "l9-mayday-road-trip", "--explain", "--path", "."],
    "progress-cockpit.txt": ["progress", "cockpit-deep-experience", "--today", TODAY, "--path", "."],
    "due.md": ["due", ".", "--within", "1w", "--today", TODAY, "--format", "markdown"],
    "due-en.txt": ["--lang", "en", "due", ".", "--within", "1w", "--today", TODAY],
    "report.md": ["report", "--path", "."],
    "candidates.txt": ["candidates", "--explain", "--path", "."],
    "match-sichuan.txt": ["match", "sichuan-west-crossing", "--explain", "--today", TODAY, "--path", "."],
    "wallet.txt": ["wallet", "--today", TODAY, "--path", "."],
    "wallet-ningning.md": ["wallet", "ningning-zijia", "--today", TODAY, "--format", "markdown", "--path", "."],
}


@pytest.fixture(scope="module")
def sample(tmp_path_factory) -> Path:
    """The sample programme copied out of git, so pages say "无 git 记录" whatever the history."""
    root = tmp_path_factory.mktemp("sample")
    for name in DATA:
        source = REPO / name
        if source.is_dir():
            shutil.copytree(source, root / name)
        elif source.exists():
            shutil.copy(source, root / name)
    return root


def outputs(sample: Path, monkeypatch) -> dict[str, str]:
    monkeypatch.chdir(sample)
    runner = CliRunner()
    found = {}
    for name, args in COMMANDS.items():
        result = runner.invoke(cli, args, catch_exceptions=False)
        found[f"cli/{name}"] = f"exit {result.exit_code}\n{result.output}"
    pages = generate(load_programme(sample), date.fromisoformat(TODAY))
    found.update({f"site/{rel}": text for rel, text in pages.items()})
    return found


def test_outputs_match_the_golden_files(sample, monkeypatch, request):
    found = outputs(sample, monkeypatch)
    if request.config.getoption("--snapshot-update"):
        bless(found)
        return
    expected = {p.relative_to(EXPECTED).as_posix(): p.read_bytes().decode("utf-8")  # CRLF kept (CSV, iCalendar)
                for p in sorted(EXPECTED.rglob("*")) if p.is_file()}
    assert sorted(found) == sorted(expected), "pages or reports appeared or went: run with --snapshot-update"
    changed = [name for name in sorted(found) if found[name] != expected[name]]
    diff = "".join(line for name in changed[:3] for line in difflib.unified_diff(
        expected[name].splitlines(True), found[name].splitlines(True), f"expected/{name}", f"now/{name}"))
    assert not changed, f"{len(changed)} output(s) changed (bless with --snapshot-update):\n{diff[:6000]}"


def bless(found: dict[str, str]) -> None:
    if EXPECTED.exists():
        shutil.rmtree(EXPECTED)
    for name, text in found.items():
        path = EXPECTED / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8", newline="")
