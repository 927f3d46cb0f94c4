"""A last guard before publishing: no page may contain a private value, whatever field it was typed in.

Pages are built from public fields only, but an operator can still type a KOC's real name or phone
number into a public description or citation. Before anything is written, every page is searched
for every KOC's real name, phone, WeChat id and address, and a campaign's private notes. A real
name the KOC shows in their own public display name (e.g. the nickname "白露的车") was published by
them and is allowed.
"""

from __future__ import annotations

from dataclasses import dataclass

from kocsite.programme import Programme

_KOC_FIELDS = ("real_name", "phone", "wechat", "address")


@dataclass(frozen=True, order=True)
class Leak:
    page: str
    owner: str
    """The KOC or campaign id whose private value the page contains (the value itself is never shown)."""
    field: str


def private_values(programme: Programme) -> dict[str, tuple[str, str]]:
    """Private value → (owner id, field), for values long enough to be meaningful."""
    values: dict[str, tuple[str, str]] = {}
    for koc_id in sorted(programme.kocs):
        koc = programme.kocs[koc_id]
        if koc.private is None:
            continue
        for field in _KOC_FIELDS:
            value = getattr(koc.private, field)
            if value and len(value.strip()) >= 2 and not (field == "real_name" and value in koc.name):
                values.setdefault(value.strip(), (koc_id, field))
    for campaign_id in sorted(programme.campaigns):
        private = programme.campaigns[campaign_id].private
        if private is not None and private.notes and len(private.notes.strip()) >= 8:
            values.setdefault(private.notes.strip(), (campaign_id, "notes"))
    return values


def find_leaks(programme: Programme, pages: dict[str, str]) -> list[Leak]:
    values = private_values(programme)
    leaks = {Leak(path, owner, field) for path, text in pages.items()
             for value, (owner, field) in values.items() if value in text}
    return sorted(leaks)
