"""A last guard before publishing: no page may contain a private value, whatever field it was typed in.

Pages are built from public fields only, but an operator can still type a KOC's real name or phone
number into a public description or citation. Before anything is written, every page is searched for
every KOC's real name, phone, WeChat id, address and git identities, every campaign's and insight's private notes, and
every redemption's tracking number and notes, all at once
with an Aho-Corasick automaton (one pass over each page, however many values there are).

Two things are not leaks: a real name the KOC shows in their own display name (e.g. the nickname
"白露的车"), which they published themselves; and a real name found inside another KOC's display
name shown on the same page (the real name 汪宇 inside the nickname 汪宇梅), which is that nickname.
Phones, WeChat ids and addresses have no such exception.

Internal text is guarded too: a KOC's private notes, standing hand-off notes, contact log (summaries and
next steps) and the notes of each hand-off between teams, as a whole and line by line (a line pasted into
a public bio is as much a leak as the whole note); and each goods shipment's tracking number, compared
by its letters and digits only (`SF 1402-3654 7891` = `sf140236547891`).

Values are matched in normalised form, as people retype them: pages are read with their HTML entities
decoded (escaped Markdown shows `-` as `&#45;`), then compared without whitespace and case-folded
(`WX_Chen Mo` = `wx_chenmo`, `上海市 徐汇区` = `上海市徐汇区`); a phone number is compared by its digits
only, so `138 0013 8101`, `13800138101`, `138-0013-8101` and `+86 138 0013 8101` are one number.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import hashlib
import html
import json
import re

import ahocorasick

from kocsite.models.programme import Programme

_KOC_FIELDS = ("real_name", "phone", "wechat", "address")
MIN_NOTE = 8
"""Normalised characters a note (or a line of it) needs to be guarded: shorter ones are common words."""
MIN_TRACKING = 8
"""Letters and digits a tracking number needs to be guarded (real ones have 10 to 15)."""
_NOT_ALNUM = re.compile(r"[\W_]+")
_DIGIT_RUN = re.compile(r"\d[\d\s\-–—.()（）/]*\d")


def normalised(text: str) -> str:
    """Entities decoded, whitespace removed, case-folded: the form every value and page is compared in."""
    return "".join(html.unescape(text).split()).casefold()


def phone_digits(value: str) -> str:
    """The digits of a phone number without the country code (+86 / 0086): '' when too short to be one."""
    digits = re.sub(r"\D", "", value)
    for prefix in ("0086", "86"):
        if digits.startswith(prefix) and len(digits) - len(prefix) == 11:
            digits = digits[len(prefix):]
    return digits if len(digits) >= 7 else ""


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
        for identity in getattr(koc, "git", ()):  # commit emails and names: never published
            value = normalised(identity)
            if len(value) >= 2 and value not in normalised(koc.name):
                values.setdefault(value, (koc_id, "git"))
        if koc.private is None:
            continue
        for field in _KOC_FIELDS:
            value = normalised(getattr(koc.private, field) or "")
            if field == "phone":
                value = phone_digits(value)
            if len(value) >= 2 and not (field == "real_name" and value in normalised(koc.name)):
                values.setdefault(value, (koc_id, field))
        for field, text in _koc_texts(koc):
            for value in _note_values(text):
                values.setdefault(value, (koc_id, field))
    for campaign_id in sorted(programme.campaigns):
        private = programme.campaigns[campaign_id].private
        if private is not None and private.notes and len(normalised(private.notes)) >= 8:
            values.setdefault(normalised(private.notes), (campaign_id, "notes"))
    for koc_id in sorted(programme.kocs):  # an open-call application's own words (kocsite apply): not for the site
        application = programme.kocs[koc_id].pipeline.application if programme.kocs[koc_id].pipeline else None
        if application is not None and application.why and len(normalised(application.why)) >= 8:
            values.setdefault(normalised(application.why), (koc_id, "application.why"))
    insights = getattr(programme, "insights", {})
    for insight_id in sorted(insights):
        private = insights[insight_id].private
        if private is not None and private.notes and len(normalised(private.notes)) >= 8:
            values.setdefault(normalised(private.notes), (insight_id, "notes"))
    for record in getattr(programme, "redemptions", ()):
        private = record.redemption.private
        for field in ("tracking", "notes"):
            value = normalised(getattr(private, field) or "") if private is not None else ""
            if len(value) >= 6:
                values.setdefault(value, (record.file, field))
    return values


def _koc_texts(koc) -> list[tuple[str, str]]:
    """(field, text) of every internal text of a KOC: private notes, hand-off notes, contact log."""
    texts = [("handoffs.notes", h.notes) for h in getattr(koc, "handoffs", []) if h.notes]
    private = koc.private
    if private is not None:
        texts += [(field, getattr(private, field)) for field in ("notes", "handoff_notes") if getattr(private, field)]
        for entry in private.contact_log:
            texts += [("contact_log", text) for text in (entry.summary, entry.next_step) if text]
    return texts


def _note_values(text: str) -> list[str]:
    """The note as a whole and each of its lines, normalised, when long enough to mean something."""
    values = [normalised(text)] + [normalised(line) for line in text.splitlines()]
    return [value for value in dict.fromkeys(values) if len(value) >= MIN_NOTE]


def alnum(text: str) -> str:
    """Letters and digits only, case-folded: the form tracking numbers are compared in."""
    return _NOT_ALNUM.sub("", html.unescape(text)).casefold()


def tracking_numbers(programme: Programme) -> dict[str, tuple[str, str]]:
    """Tracking number (letters and digits) → (campaign id, field), of every goods shipment."""
    values: dict[str, tuple[str, str]] = {}
    for campaign_id in sorted(programme.campaigns):
        for shipment in getattr(programme.campaigns[campaign_id], "shipments", []):
            value = alnum(shipment.tracking or "")
            if len(value) >= MIN_TRACKING:
                values.setdefault(value, (campaign_id, "shipments.tracking"))
    for campaign_id, weeks in sorted(getattr(programme, "sentiment", {}).items()):
        for week_id, week in sorted(weeks.items()):
            private = week.private
            if private is not None and private.notes and len(normalised(private.notes)) >= 8:
                values.setdefault(normalised(private.notes), (f"{campaign_id}/{week_id}", "notes"))
    return values


def find_leaks(programme: Programme, pages: dict[str, str]) -> list[Leak]:
    leaks = set(_tracking_leaks(programme, pages))
    private = private_values(programme)
    automaton = _automaton(private, _names_holding_a_real_name(programme, private))
    if automaton is None:
        return sorted(leaks)
    phones = _automaton({value: owner for value, owner in private.items() if owner[1] == "phone"}, set())
    for path, page in pages.items():
        decoded = html.unescape(page)
        if phones is not None:
            for run in _DIGIT_RUN.findall(decoded):
                digits = re.sub(r"\D", "", run)
                leaks.update(Leak(path, owner, field) for _, (_, (owner, field), _) in phones.iter(digits))
        text = normalised(decoded)
        shown_names: list[tuple[int, int]] = []
        found: list[tuple[int, int, tuple[str, str]]] = []
        for end, (length, private, is_display_name) in automaton.iter(text):
            start = end - length + 1
            if is_display_name:
                shown_names.append((start, end))
            if private is not None:
                found.append((start, end, private))
        for start, end, (owner, field) in found:
            if field == "real_name" and any(s <= start and end <= e for s, e in shown_names):
                continue
            leaks.add(Leak(path, owner, field))
    return sorted(leaks)


def guard_key(programme: Programme) -> str:
    """Changes whenever find_leaks could judge an unchanged page differently: the private values, the
    tracking numbers, the display names that hold a real name, or this module's code."""
    private = private_values(programme)
    inputs = [sorted(private.items()), sorted(tracking_numbers(programme).items()),
              sorted(_names_holding_a_real_name(programme, private))]
    digest = hashlib.blake2b(json.dumps(inputs, ensure_ascii=False).encode("utf-8"), digest_size=16)
    digest.update(Path(__file__).read_bytes())
    return digest.hexdigest()


def _tracking_leaks(programme: Programme, pages: dict[str, str]) -> list[Leak]:
    numbers = tracking_numbers(programme)
    automaton = _automaton(numbers, set())
    if automaton is None:
        return []
    return [Leak(path, owner, field) for path, page in pages.items()
            for _, (_, (owner, field), _) in automaton.iter(alnum(page))]


def _names_holding_a_real_name(programme: Programme, private: dict[str, tuple[str, str]]) -> set[str]:
    """The display names that contain somebody's real name: the only ones the exemption needs."""
    real_names = {value: owner for value, owner in private.items() if owner[1] == "real_name"}
    if not real_names:
        return set()
    automaton = _automaton(real_names, set())
    names = {normalised(koc.name) for koc in programme.kocs.values()}
    return {name for name in names if next(automaton.iter(name), None) is not None}


def _automaton(private: dict[str, tuple[str, str]], display_names: set[str]) -> "ahocorasick.Automaton | None":
    if not private:
        return None
    automaton = ahocorasick.Automaton()
    for word in sorted(set(private) | {name for name in display_names if len(name) >= 2}):
        automaton.add_word(word, (len(word), private.get(word), word in display_names))
    automaton.make_automaton()
    return automaton
