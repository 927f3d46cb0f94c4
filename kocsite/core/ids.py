"""What an id may look like: the one definition shared by file names, models and the git diff."""

from __future__ import annotations

import re

SLUG_PATTERN = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"
MAX_ID_LENGTH = 64
_SLUG = re.compile(SLUG_PATTERN)


WINDOWS_RESERVED = frozenset({"con", "prn", "aux", "nul", *(f"com{i}" for i in range(10)), *(f"lpt{i}" for i in range(10))})
"""Names Windows cannot have as a file, in any case and with any extension (git for Windows cannot
check them out): `con`, `nul.yaml`, `COM1.txt` …"""


def is_reserved_name(name: str) -> bool:
    """A Windows device name, whatever its case or extension (`nul`, `Con.yaml`, `lpt1.tar.gz`)."""
    return name.split(".", 1)[0].rstrip(" ").lower() in WINDOWS_RESERVED


def is_slug(text: str) -> bool:
    """An id that is also a file name on every system: the pattern, at most 64 characters (well under
    the file systems' 255 bytes), and not a Windows device name."""
    return bool(_SLUG.fullmatch(text)) and len(text) <= MAX_ID_LENGTH and text not in WINDOWS_RESERVED
