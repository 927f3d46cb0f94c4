"""'Did you mean …' hints for near misses, in both languages."""

from __future__ import annotations

import difflib
from typing import Iterable


def closest(word: str, candidates: Iterable[str]) -> str | None:
    matches = difflib.get_close_matches(word, list(candidates), n=1, cutoff=0.6)
    return matches[0] if matches else None


def hint(word: str, candidates: Iterable[str]) -> dict[str, str]:
    """Params `hint` / `hint_en` for a problem message; empty when nothing is close."""
    match = closest(word, candidates)
    if match is None:
        return {"hint": "", "hint_en": ""}
    return {"hint": f"（是不是 '{match}'？）", "hint_en": f" (did you mean '{match}'?)"}
