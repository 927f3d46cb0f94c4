"""Fair play's pure helpers, shared by `check` (rules) and the money (credit): one definition each.

- `url_key`: the form two links are compared in to find the same work submitted twice.
- `local_day`: the day a record counts on for daily caps, in the programme's time zone.
- `over_cap`: which records of a ritual exceed a KOC's daily cap (they count nothing).
- `has_disclosure`: whether a published title or excerpt carries an advertising label (广告 / 合作 / 赞助).
"""

from __future__ import annotations

from datetime import date, datetime, timezone as _tz
from functools import lru_cache
from typing import Hashable, Iterable, TypeVar
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit
from zoneinfo import ZoneInfo

TRACKING_PARAMS = frozenset({"spm", "spm_id_from", "from", "share_source", "share_medium", "share_from", "share_tag", "xsec_source",
                             "xsec_token", "app_platform", "app_version", "share_id", "shareredid", "apptime",
                             "fbclid", "gclid", "is_copy_url", "is_from_webapp", "vd_source", "timestamp"})
"""Query keys that say how a link was shared, not what it points to (besides every `utm_*`): the share
sheets of 小红书, 抖音, B站 and 微信 add them, so the same post pasted twice differs only by them."""

_DEFAULT_PORTS = {"http": "80", "https": "443"}


@lru_cache(maxsize=65536)
def url_key(url: str) -> str:
    """The link with what does not change the page removed, for comparing two submissions:
    scheme and host lower-cased, `www.` and the default port dropped, `http` read as `https`, the
    fragment dropped, a trailing `/` of the path dropped, tracking query keys (`utm_*` and
    TRACKING_PARAMS) dropped and the rest sorted. The path's case is kept (it is case-sensitive on
    most platforms: a 小红书 note id, a B站 BV id)."""
    parts = urlsplit(url.strip())
    host = (parts.hostname or "").lower().removeprefix("www.")
    port = parts.port if _has_port(parts.netloc) else None
    if port is not None and str(port) != _DEFAULT_PORTS.get(parts.scheme.lower()):
        host = f"{host}:{port}"
    path = parts.path.rstrip("/")
    query = sorted((k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True)
                   if not k.lower().startswith("utm_") and k.lower() not in TRACKING_PARAMS)
    return urlunsplit(("https", host, path, urlencode(query), ""))


def _has_port(netloc: str) -> bool:
    host = netloc.rsplit("@", 1)[-1]
    return ":" in host.rsplit("]", 1)[-1]


@lru_cache(maxsize=64)
def _zone(name: str) -> ZoneInfo:
    return ZoneInfo(name)


def local_day(day: date, at: datetime | None, timezone: str) -> date:
    """The day a record counts on: its time `at` (with its UTC offset) read in the programme's time zone
    when given, else its `date` as typed (already a day of the programme)."""
    if at is None:
        return day
    return at.astimezone(_zone(timezone)).date()


K = TypeVar("K", bound=Hashable)


def over_cap(entries: Iterable[tuple[K, Hashable, tuple, int]]) -> dict[K, tuple[int, K]]:
    """Entries (id, (koc, ritual, day), order, cap): those beyond the first `cap` of their KOC, ritual
    and day, in `order` (the time when given, then file and place in it), each with the cap and the
    first entry that counted. Deterministic: the same records exceed whichever file is read first."""
    groups: dict[Hashable, list[tuple[tuple, K, int]]] = {}
    for ident, group, order, cap in entries:
        groups.setdefault(group, []).append((order, ident, cap))
    over: dict[K, tuple[int, K]] = {}
    for items in groups.values():
        if len(items) < 2:
            continue
        items.sort(key=lambda item: item[0])
        cap = items[0][2]
        for _, ident, _ in items[cap:]:
            over[ident] = (cap, items[0][1])
    return over


def has_disclosure(texts: Iterable[str | None], labels: Iterable[str]) -> bool:
    """A label is present in any of the texts (case-folded, so `AD` and `ad` are one label)."""
    folded = [text.casefold() for text in texts if text]
    return any(label.casefold() in text for label in labels for text in folded)


def moment_of(at: datetime | None) -> str:
    """A record's time in UTC as ISO text ('' when it has none): orders the records of one day."""
    return at.astimezone(_tz.utc).isoformat() if at is not None else ""


def cap_order(moment: str, rel: str, index: int) -> tuple:
    """Records of a day in order: those with a time first, by time; then by file and place (-1: a file of its own)."""
    return (moment == "", moment, rel, index)
