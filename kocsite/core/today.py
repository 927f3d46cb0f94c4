""""Today" for a programme: the date in kocsite.yml's `timezone`, not on the machine that runs kocsite.

A GitHub runner's clock is UTC: at 06:00 in Beijing it is still yesterday there. Every command that
needs today's date (boards' overdue and due-soon, `due`, `close`, `build`, `serve`, `progress`)
asks `programme_today`, so one setting decides it; `--today` overrides it for a run.
"""

from __future__ import annotations

from datetime import date, datetime, timezone as utc_zone
from functools import lru_cache
from importlib import resources
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError, available_timezones

from pydantic_core import PydanticCustomError

from kocsite.core.suggest import hint

if TYPE_CHECKING:
    from kocsite.models import Settings

DEFAULT_TIMEZONE = "Asia/Shanghai"
TIMEZONE_PATTERN = r"^[A-Za-z][A-Za-z0-9_+-]*(/[A-Za-z0-9_+-]+)*$"


@lru_cache(maxsize=1)
def known_timezones() -> frozenset[str]:
    """The IANA zone names of the time zone database (the system's, else the `tzdata` package).
    Listing them walks the whole database (tens of ms): only needed for names `tzdata` does not list."""
    return frozenset(available_timezones())


@lru_cache(maxsize=1)
def _packaged_timezones() -> frozenset[str]:
    """The zone names the `tzdata` package lists in one small file (a dependency of kocsite)."""
    try:
        return frozenset(resources.files("tzdata").joinpath("zones").read_text(encoding="utf-8").split())
    except (ImportError, OSError):
        return frozenset()


def is_known_timezone(name: str) -> bool:
    """True for a zone name spelled exactly as in the database (`asia/shanghai` is not, even where the
    file system would find it), so that a programme checks the same on every machine."""
    if name not in _packaged_timezones() and name not in known_timezones():
        return False
    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError, OSError):
        return False
    return True


def check_timezone(value: str) -> str:
    """The `timezone` setting's validator: an unknown zone is problem E210, with the nearest name."""
    if not is_known_timezone(value):
        raise PydanticCustomError("E210", "unknown time zone", {"value": value, **_nearest(value)})
    return value


def _nearest(value: str) -> dict[str, str]:
    """'Did you mean' for a zone name: the same name in the right case first (utc → UTC), else the closest."""
    same = {name.lower(): name for name in known_timezones()}.get(value.lower())
    if same is None:
        return hint(value, sorted(known_timezones()))
    return {"hint": f"（是不是 '{same}'？）", "hint_en": f" (did you mean '{same}'?)"}


def programme_today(settings: Settings, override: date | datetime | None = None,
                    now: datetime | None = None) -> date:
    """Today's date for the programme: `override` (from --today) if given, else the date at `now`
    (default: this instant) in the programme's timezone."""
    if isinstance(override, datetime):
        return override.date()
    if override is not None:
        return override
    instant = now if now is not None else datetime.now(utc_zone.utc)
    return instant.astimezone(ZoneInfo(settings.timezone)).date()
