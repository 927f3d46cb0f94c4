"""W111: a KOC id must not spell the private real name (陈默 → chen-mo): ids are public in every URL.

The real name's pinyin (pypinyin, without tones) is compared with the id's parts split at `-`/`_`:
the full name joined (`chenmo`), the given name alone (`mo` is too short to mean anything: at least
two syllables or five letters), and the id with separators removed, so `chen-mo`, `chenmo`,
`chen-mo-88`, `mo-chen` and `xiao-chenmo` are all found. Not a leak: an id part that the public name
spells as well (`xiao-lin` for 小林爱开车, whatever the real name), as the KOC published it themselves.
"""

from __future__ import annotations

import re
from typing import Iterator

from kocsite.rules.finding import Finding, finding
from kocsite.rules.context import FileContext
from kocsite.models import Koc


def _syllables(name: str) -> list[str]:
    from pypinyin import Style, lazy_pinyin

    han = "".join(c for c in name if "\u3400" <= c <= "\u9fff")
    return [s.lower() for s in lazy_pinyin(han, style=Style.NORMAL)] if han else []


def spelled_part(koc_id: str, real_name: str) -> str | None:
    """The part of the id that spells the real name's pinyin, or None."""
    syllables = _syllables(real_name)
    if len(syllables) < 2:
        return None
    parts = [p for p in re.split(r"[-_.]+", koc_id.lower()) if p]
    joined = "".join(parts)
    candidates = {"".join(syllables), "".join(syllables[1:]) + syllables[0], "".join(syllables[1:])}
    candidates = {c for c in candidates if len(c) >= 5 or c == "".join(syllables)}
    for size in range(len(parts), 0, -1):
        for start in range(len(parts) - size + 1):
            piece = "".join(parts[start:start + size])
            if piece in candidates:
                return "-".join(parts[start:start + size])
    full = "".join(syllables)
    return full if full in joined else None


def pinyin_of_real_name(k: Koc, ctx: FileContext) -> Iterator[Finding]:
    if k.private is None or not k.private.real_name:
        return
    koc_id = ctx.file.rel.rsplit("/", 1)[-1].removesuffix(".yaml")
    part = spelled_part(koc_id, k.private.real_name)
    if part and part.replace("-", "") not in "".join(_syllables(k.name)):  # spelled by the public nickname too (小林爱开车)
        yield finding(ctx.file.rel, ("private", "real_name"), "W111", koc=koc_id, part=part)
