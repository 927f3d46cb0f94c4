"""What an id may look like: the one definition shared by file names, models and the git diff."""

from __future__ import annotations

import re

SLUG_PATTERN = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"
MAX_ID_LENGTH = 64
_SLUG = re.compile(SLUG_PATTERN)


def is_slug(text: str) -> bool:
    return bool(_SLUG.fullmatch(text)) and len(text) <= MAX_ID_LENGTH
