"""What each field type looks like in the exported JSON Schemas, as an editor's YAML parser sees it.

`kocsite check` reads every scalar as the text typed; an editor (yaml-language-server) or
check-jsonschema reads YAML 1.2 core types first: `12600` is a number, `"12600"` a string, `true` a
boolean, `2025-07-31` a string. So each schema below accepts the typed values whose text `check`
accepts, with the same bounds: a number field takes a number, or a quoted string of plain digits
(`points: "100"` is valid for check too). What JSON Schema cannot see — how a number was written —
goes into a note (`NOTE_KEY`) that `kocsite.models.schema` moves into the field's description.
"""

from __future__ import annotations

from typing import Any

WHOLE_DIGITS = 15
"""At most this many digits in a whole number; a decimal number has at most one more character."""
NOTE_KEY = "x-kocsite-note"
"""A note about what `check` enforces beyond the schema; kocsite.models.schema moves it into `description`."""

_MAX_WHOLE = 10**WHOLE_DIGITS - 1
_MAX_DECIMAL = 10 ** (WHOLE_DIGITS + 1) - 1
_DECIMAL_LENGTH = rf"(?=[0-9.]{{1,{WHOLE_DIGITS + 1}}}$)"

NUMBER_NOTE = (
    "kocsite check 还要求用普通十进制书写：不能以 0 开头（012600）、不能用指数（1.5e4）、"
    "不能用 0x/0o、.5、1.、.nan 或千位分隔符（1_000），最多 {digits} 个字符；编辑器把这些读成普通数字，标不出来。"
    " / kocsite check also requires plain decimal digits: no leading zero (012600), no exponent (1.5e4), "
    "no 0x/0o, .5, 1., .nan or separators (1_000), at most {digits} characters; an editor reads those as "
    "ordinary numbers and cannot flag them."
)


def whole(minimum: int | None, maximum: int | None) -> dict[str, Any]:
    """A whole number in [minimum, maximum] (None: up to the digit limit), or its digits quoted."""
    low = -_MAX_WHOLE if minimum is None else minimum
    high = _MAX_WHOLE if maximum is None else maximum
    return {
        "anyOf": [{"type": "integer", "minimum": low, "maximum": high},
                  {"type": "string", "pattern": _whole_pattern(low, high)}],
        NOTE_KEY: NUMBER_NOTE.format(digits=WHOLE_DIGITS),
    }


def _whole_pattern(low: int, high: int) -> str:
    if (low, high) == (1, 5):
        return r"^\+?[1-5]$"
    tail = rf"[0-9]{{0,{WHOLE_DIGITS - 1}}}"
    if low == 1:
        return rf"^\+?[1-9]{tail}$"
    sign = r"\+?" if low == 0 else r"[+-]?"
    return rf"^{sign}(0|[1-9]{tail})$"


def decimal(exclusive_minimum: int | None = None, maximum: int | None = None, text: str | None = None) -> dict[str, Any]:
    """A decimal number, or its text quoted (`text`: the pattern of the quoted form, for bounded ones)."""
    number: dict[str, Any] = {"type": "number", "minimum": -_MAX_DECIMAL, "maximum": _MAX_DECIMAL}
    if exclusive_minimum is not None:
        number.pop("minimum")
        number["exclusiveMinimum"] = exclusive_minimum
    if maximum is not None:
        number["maximum"] = maximum
    pattern = text or rf"^[+-]?{_DECIMAL_LENGTH}(0|[1-9][0-9]*)(\.[0-9]+)?$"
    return {
        "anyOf": [number, {"type": "string", "pattern": pattern}],
        NOTE_KEY: NUMBER_NOTE.format(digits=WHOLE_DIGITS + 1),
    }


def percent() -> dict[str, Any]:
    """A share in percent: above 0, at most 100."""
    text = rf"^\+?{_DECIMAL_LENGTH}(100(\.0+)?|[1-9][0-9]?(\.[0-9]+)?|0\.[0-9]*[1-9][0-9]*)$"
    return decimal(exclusive_minimum=0, maximum=100, text=text)


def quality() -> dict[str, Any]:
    """A review's quality multiplier: above 0, at most 5 (a rule of `check`, kocsite/rules/contribution.py)."""
    text = rf"^\+?{_DECIMAL_LENGTH}([1-4](\.[0-9]+)?|5(\.0+)?|0\.[0-9]*[1-9][0-9]*)$"
    return decimal(exclusive_minimum=0, maximum=5, text=text)


DATE_PATTERN = r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$"
DATE = {"type": "string", "format": "date", "pattern": DATE_PATTERN}
"""ISO YYYY-MM-DD, a day on the calendar (YAML 1.2 has no date type: an editor sees the text)."""

BOOL_TEXTS = ["true", "True", "TRUE", "false", "False", "FALSE"]
BOOL = {"anyOf": [{"type": "boolean"}, {"type": "string", "enum": BOOL_TEXTS}]}
"""true or false; `yes`, `no`, `on`, `off` are text in YAML 1.2 and refused by check."""

TEXT = {"type": ["string", "number", "boolean"], "minLength": 1}
"""Any scalar is text to check (`title: 2024` is "2024", `tags: [yes]` is "yes"); an empty string is not."""

URL = {"type": "string", "pattern": "^https?://"}


def slug(pattern: str) -> dict[str, Any]:
    """A lowercase id; `2024` is an id too, which an editor reads as a number."""
    return {"anyOf": [{"type": "string", "pattern": pattern, "maxLength": 64}, {"type": "integer", "minimum": 0}]}
