"""The site is rebuilt every Beijing morning, so a board's "overdue" and "due within 2 days" are never more
than a day old: on GitHub (site.yml, this repository's and the template's) and on GitLab (pages on schedules)."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
import yaml

from kocsite.models import Settings
from kocsite.core.today import programme_today

from tests_support import REPO
SITE_WORKFLOWS = [REPO / ".github/workflows/site.yml", REPO / "kocsite/publish/templates/programme/dot-github/workflows/site.yml"]
GITLAB = REPO / "kocsite/publish/templates/programme/dot-gitlab-ci.yml"
BEIJING = ZoneInfo("Asia/Shanghai")


def load(path: Path) -> dict:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def daily_runs(cron: str, day: datetime) -> list[datetime]:
    """The UTC instants on `day` at which a daily `M H * * *` cron fires (GitHub schedules are in UTC)."""
    minute, hour, dom, month, dow = cron.split()
    assert (dom, month, dow) == ("*", "*", "*"), f"'{cron}' is not every day"
    hours = [int(h) for h in hour.split(",")]
    return [day.replace(hour=h, minute=int(minute), second=0, microsecond=0, tzinfo=timezone.utc) for h in hours]


@pytest.mark.parametrize("path", SITE_WORKFLOWS, ids=["own", "template"])
def test_the_site_is_built_every_beijing_morning(path):
    on = load(path)[True]                                         # `on:` reads as True in YAML 1.1
    assert on["push"]["branches"] == ["main"] and "workflow_dispatch" in on
    (schedule,) = on["schedule"]
    (run,) = daily_runs(schedule["cron"], datetime(2026, 12, 1))
    local = run.astimezone(BEIJING)
    assert 5 <= local.hour < 9, f"{schedule['cron']} runs at {local:%H:%M} in Beijing"   # before the working day
    assert run.minute != 0                       # GitHub delays on-the-hour schedules the most


@pytest.mark.parametrize("path", SITE_WORKFLOWS, ids=["own", "template"])
def test_the_morning_build_counts_from_the_beijing_date_not_the_runners(path):
    """At 06:17 in Beijing the runner's UTC clock still shows yesterday; the build must not."""
    (schedule,) = load(path)[True]["schedule"]
    (run,) = daily_runs(schedule["cron"], datetime(2026, 12, 1))
    assert run.date() != run.astimezone(BEIJING).date()          # the case that matters
    assert programme_today(Settings(), now=run) == run.astimezone(BEIJING).date()
    # so two mornings in a row give two consecutive dates: no board is more than a day old
    later = programme_today(Settings(), now=run + timedelta(days=1))
    assert later - programme_today(Settings(), now=run) == timedelta(days=1)


@pytest.mark.parametrize("path", SITE_WORKFLOWS, ids=["own", "template"])
def test_the_build_does_not_rely_on_the_runners_tz(path):
    """Today comes from kocsite.yml's timezone; a TZ variable in the workflow would only mislead."""
    for job in load(path)["jobs"].values():
        for step in job.get("steps", []):
            assert "TZ" not in (step.get("env") or {}), step


def test_the_two_site_workflows_are_the_same():
    own, template = (p.read_text(encoding="utf-8") for p in SITE_WORKFLOWS)
    assert own == template


def test_gitlab_pages_also_run_on_schedules():
    gitlab = load(GITLAB)
    rules = gitlab["pages"]["rules"]
    assert rules == [{"if": "$CI_COMMIT_BRANCH == $CI_DEFAULT_BRANCH"}]       # pushes and the daily schedule
    assert gitlab["remind"]["rules"] == [{"if": '$CI_PIPELINE_SOURCE == "schedule"'}]
