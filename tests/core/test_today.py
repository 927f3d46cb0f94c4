""""Today" comes from kocsite.yml's `timezone`: one library function decides it, every command that needs
it uses it, `--today` overrides it on each of them, and an unknown zone is a located problem."""

from __future__ import annotations

import json
import re
import socket
import subprocess
import sys
import time
from datetime import date, datetime, timezone
from pathlib import Path
from zoneinfo import ZoneInfo

import click
import pytest
import yaml

from kocsite.checker import check
from kocsite.cli import cli
from kocsite.models import Settings
from kocsite.core.today import DEFAULT_TIMEZONE, is_known_timezone, known_timezones, programme_today
from tests_support import REWARDS

from tests_support import REPO
# 25 hours apart: at every instant of the year the two dates differ, so a command that printed the
# machine's date (or UTC's) could not match both.
AHEAD, BEHIND = "Pacific/Kiritimati", "Pacific/Pago_Pago"
NEEDS_TODAY = ("due", "progress", "close", "build", "serve", "init")


def settings_file(zone: str) -> str:
    return f"brand: 测试品牌\ntimezone: {zone}\n"


def dates_in(zone: str, action) -> tuple[set[date], object]:
    """Run `action()` and return the dates it could have taken in `zone` (two around midnight), and its result."""
    before = datetime.now(ZoneInfo(zone)).date()
    result = action()
    return {before, datetime.now(ZoneInfo(zone)).date()}, result


# -- the library function -------------------------------------------------------------------------

def test_the_default_timezone_is_beijing():
    assert Settings().timezone == DEFAULT_TIMEZONE == "Asia/Shanghai"


@pytest.mark.parametrize("zone,expected", [
    ("Asia/Shanghai", date(2026, 12, 2)),      # 06:17 the next morning in Beijing
    ("UTC", date(2026, 12, 1)),
    ("America/Los_Angeles", date(2026, 12, 1)),
    (AHEAD, date(2026, 12, 2)),
])
def test_programme_today_is_the_date_in_the_programme_timezone(zone, expected):
    instant = datetime(2026, 12, 1, 22, 17, tzinfo=timezone.utc)
    assert programme_today(Settings.model_validate({"timezone": zone}), now=instant) == expected


def test_an_override_wins_as_a_date_or_as_what_click_parses():
    settings = Settings()
    assert programme_today(settings, date(2025, 7, 15)) == date(2025, 7, 15)
    assert programme_today(settings, datetime(2025, 7, 15, 0, 0)) == date(2025, 7, 15)


def test_without_an_override_it_is_now_in_the_zone():
    for zone in (AHEAD, BEHIND):
        possible, got = dates_in(zone, lambda: programme_today(Settings.model_validate({"timezone": zone})))
        assert got in possible
    assert programme_today(Settings.model_validate({"timezone": AHEAD})) != \
        programme_today(Settings.model_validate({"timezone": BEHIND}))


def test_no_module_reads_the_machine_clock_for_a_date():
    """Only kocsite/core/today.py turns the clock into a date; everything else asks it."""
    offenders = []
    for path in sorted((REPO / "kocsite").rglob("*.py")):
        if path.name == "today.py":
            continue
        text = path.read_text(encoding="utf-8")
        for pattern in (r"date\.today\(\)", r"datetime\.now\(", r"datetime\.today\(\)", r"time\.localtime\("):
            offenders += [f"{path.relative_to(REPO)}: {pattern}" for _ in re.findall(pattern, text)]
    assert offenders == []


# -- the setting ------------------------------------------------------------------------------------

@pytest.mark.parametrize("zone", ["Asia/Shanghai", "UTC", "Europe/Berlin", "America/New_York", AHEAD])
def test_a_known_zone_checks_clean(programme, zone):
    root = programme({"kocsite.yml": settings_file(zone)})
    assert check(root, cache_dir=None).problems == []


@pytest.mark.parametrize("zone,hint", [
    ("Asia/Shanghia", "Asia/Shanghai"),     # a typo: the nearest name
    ("asia/shanghai", "Asia/Shanghai"),     # the right name in the wrong case (found on macOS, not on Linux)
    ("utc", "UTC"),
    ("Beijing", None),
    ("Mars/Olympus_Mons", None),
    ("../../etc/passwd", None),             # never read as a file path
    ("+08:00", None),                       # an offset is not a zone: it has no summer time rules
])
def test_an_unknown_zone_is_e210_on_its_line_and_column(programme, zone, hint):
    root = programme({"kocsite.yml": f"brand: 测试品牌\ntimezone: \"{zone}\"\n"})
    (problem,) = check(root, cache_dir=None).problems
    assert (problem.file, problem.line, problem.column, problem.code) == ("kocsite.yml", 2, 11, "E210")
    zh, en = problem.message("zh"), problem.message("en")
    assert zone in zh and zone in en and "时区" in zh and "time zone" in en
    if hint:
        assert f"是不是 '{hint}'" in zh and f"did you mean '{hint}'" in en
    else:
        assert "是不是" not in zh and "did you mean" not in en


def test_a_known_zone_is_checked_without_walking_the_whole_database():
    """Listing every zone costs tens of ms (hundreds on a cold disk): a valid setting must not need it."""
    known_timezones.cache_clear()
    assert Settings.model_validate({"timezone": "Europe/Berlin"}).timezone == "Europe/Berlin"
    assert known_timezones.cache_info().currsize == 0
    assert is_known_timezone("asia/shanghai") is False and known_timezones.cache_info().currsize == 1


def test_an_empty_zone_is_an_empty_value_problem(programme):
    root = programme({"kocsite.yml": "timezone: \"\"\n"})
    assert [(p.line, p.code) for p in check(root, cache_dir=None).problems] == [(1, "E208")]


def test_the_check_command_reports_it_and_fails(programme, run):
    root = programme({"kocsite.yml": settings_file("Asia/Shanghia")})
    result = run("--lang", "en", "check", root)
    assert result.exit_code == 1
    assert "kocsite.yml:2:11: E210" in result.output and "did you mean 'Asia/Shanghai'" in result.output


def test_a_command_that_needs_today_refuses_a_bad_zone(programme, run):
    root = programme({"kocsite.yml": settings_file("Asia/Shanghia")})
    result = run("due", root, "--format", "json")
    assert result.exit_code == 1 and "E210" in result.output


# -- the commands -------------------------------------------------------------------------------------

@pytest.mark.parametrize("name", NEEDS_TODAY)
def test_every_command_that_needs_today_has_a_today_option(name):
    options = {o for p in command(name).params if isinstance(p, click.Option) for o in p.opts}
    assert "--today" in options


def test_close_keeps_date_as_another_name_for_today():
    (option,) = [p for p in command("close").params if "--today" in p.opts]
    assert "--date" in option.opts


def command(name: str) -> click.Command:
    """A command as the group loads it when it runs (kocsite.cli.main loads each on first use)."""
    found = cli.get_command(click.Context(cli), name)
    assert found is not None, name
    return found


@pytest.mark.parametrize("zone", [AHEAD, BEHIND])
def test_due_counts_from_today_in_the_timezone(programme, run, zone):
    root = programme({"kocsite.yml": settings_file(zone)})
    possible, result = dates_in(zone, lambda: run("due", root, "--format", "json"))
    assert result.exit_code == 0, result.output
    assert date.fromisoformat(json.loads(result.output)["today"]) in possible


def test_due_today_overrides_the_timezone(programme, run):
    root = programme({"kocsite.yml": settings_file(AHEAD)})
    result = run("due", root, "--format", "json", "--today", "2025-07-19", "--within", "1d")
    document = json.loads(result.output)
    assert document["today"] == "2025-07-19" and document["count"] == 1     # deep-review is due 07-20


@pytest.mark.parametrize("zone", [AHEAD, BEHIND])
def test_progress_counts_from_today_in_the_timezone(programme, run, zone):
    root = programme({"kocsite.yml": settings_file(zone)})
    possible, result = dates_in(zone, lambda: run("--lang", "en", "progress", "cockpit", "--path", root))
    assert result.exit_code == 0, result.output
    (line,) = [x for x in result.output.splitlines() if x.startswith("as of ")]
    assert date.fromisoformat(line.split()[2].rstrip(":")) in possible
    assert "deep-review" in line                                               # due 2025-07-20: overdue


def test_progress_today_overrides_the_timezone(programme, run):
    root = programme({"kocsite.yml": settings_file(AHEAD)})
    result = run("--lang", "en", "progress", "cockpit", "--path", root, "--today", "2025-07-19")
    assert "as of 2025-07-19: overdue —; due within 2 days deep-review" in result.output


@pytest.fixture
def closable(programme, two_officers):
    def build(zone: str) -> Path:
        campaign = two_officers + REWARDS + "retrospective:\n  summary: 完成\n"
        return programme({"kocsite.yml": settings_file(zone), "campaigns/cockpit.yaml": campaign})
    return build


@pytest.mark.parametrize("zone", [AHEAD, BEHIND])
def test_close_dates_the_ledger_today_in_the_timezone(closable, run, zone):
    root = closable(zone)
    possible, result = dates_in(zone, lambda: run("close", "cockpit", "--path", root, "--force", "--reason", "测试"))
    assert result.exit_code == 0, result.output
    ledger = yaml.safe_load((root / "ledgers/cockpit.yaml").read_text(encoding="utf-8"))
    assert date.fromisoformat(str(ledger["closed"])) in possible


@pytest.mark.parametrize("option", ["--today", "--date"])
def test_close_takes_the_date_by_either_name(closable, run, option):
    root = closable(AHEAD)
    assert run("close", "cockpit", "--path", root, option, "2025-08-01", "--force", "--reason", "测试").exit_code == 0
    assert "closed: 2025-08-01" in (root / "ledgers/cockpit.yaml").read_text(encoding="utf-8")


def board_date(docs: Path) -> str:
    """The "as of" date of the campaign's progress board in the generated pages."""
    text = "\n".join(p.read_text(encoding="utf-8") for p in sorted(docs.rglob("*.md")))
    found = set(re.findall(r"截至 (\d{4}-\d{2}-\d{2})", text))
    assert len(found) == 1, found
    return found.pop()


def not_the_machine_date() -> str:
    """AHEAD or BEHIND, whichever has another date than this machine's clock right now."""
    return AHEAD if datetime.now(ZoneInfo(AHEAD)).date() != datetime.now().date() else BEHIND


def site_programme(programme, zone: str) -> Path:
    """The minimal programme in `zone`, with this repository's mkdocs.yml (the site's theme and plugins)."""
    return programme({"kocsite.yml": settings_file(zone), "mkdocs.yml": (REPO / "mkdocs.yml").read_text(encoding="utf-8")})


def test_build_dates_the_boards_today_in_the_timezone(programme, run):
    zone = not_the_machine_date()
    root = site_programme(programme, zone)
    possible, result = dates_in(zone, lambda: run("build", root))
    assert result.exit_code == 0, result.output
    assert date.fromisoformat(board_date(root / "build/docs")) in possible
    assert run("build", root, "--today", "2025-07-19").exit_code == 0
    assert board_date(root / "build/docs") == "2025-07-19"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def serve_board_date(root: Path, zone: str, *extra: str) -> tuple[set[date], str]:
    """Start `kocsite serve`, wait for the pages it generates first, read the board's date, stop it."""
    docs = root / f"build/docs-{len(list(root.glob('build/docs-*')))}"        # a new folder for each run
    before = datetime.now(ZoneInfo(zone)).date()
    server = subprocess.Popen([sys.executable, "-m", "kocsite", "serve", str(root), "--dev-addr",
                               f"127.0.0.1:{_free_port()}", "--docs", str(docs), *extra], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        deadline = time.monotonic() + 60
        while not (docs.is_dir() and any(docs.rglob("campaigns/*.md"))):
            assert server.poll() is None and time.monotonic() < deadline, server.stderr.read().decode()
            time.sleep(0.2)
        time.sleep(0.5)                                   # the pages are written one after another
        return {before, datetime.now(ZoneInfo(zone)).date()}, board_date(docs)
    finally:
        server.terminate()
        server.wait(timeout=30)


def test_serve_dates_the_boards_today_in_the_timezone_or_the_given_day(programme):
    zone = not_the_machine_date()
    root = site_programme(programme, zone)
    possible, shown = serve_board_date(root, zone)
    assert date.fromisoformat(shown) in possible
    _, shown = serve_board_date(root, zone, "--today", "2025-07-19")
    assert shown == "2025-07-19"


def test_init_dates_the_sample_around_today_in_beijing(tmp_path, run):
    """Without --today, init writes exactly what --today <today in Beijing> writes."""
    possible, result = dates_in(DEFAULT_TIMEZONE, lambda: run("init", tmp_path / "plain", "--brand", "测试"))
    assert result.exit_code == 0, result.output
    if len(possible) > 1:
        pytest.skip("midnight in Beijing passed during the run")
    (beijing,) = possible
    assert run("init", tmp_path / "given", "--brand", "测试", "--today", beijing.isoformat()).exit_code == 0
    plain = {p.relative_to(tmp_path / "plain"): p.read_bytes() for p in (tmp_path / "plain").rglob("*") if p.is_file()}
    given = {p.relative_to(tmp_path / "given"): p.read_bytes() for p in (tmp_path / "given").rglob("*") if p.is_file()}
    assert plain == given
    other = beijing.replace(year=beijing.year - 1)
    assert run("init", tmp_path / "other", "--brand", "测试", "--today", other.isoformat()).exit_code == 0
    assert (tmp_path / "other/campaigns").exists() and any(
        (tmp_path / "other" / rel).read_bytes() != data for rel, data in plain.items() if rel.parts[0] == "campaigns")
