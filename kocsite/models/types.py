"""Field types that read the operator's text the way the field means it.

The source layer hands every scalar over as the exact text typed in the file. Each type here decides
what that text may be: a number field refuses `010` (YAML 1.1 would read 8) and `12:30` (750), a date
is ISO `YYYY-MM-DD` only, a boolean is `true` or `false`, and a text field keeps `no` as "no".
Errors are raised with the problem code as their type, so the loader can report them precisely.
"""

from __future__ import annotations

import re
from datetime import date, datetime
from functools import lru_cache
from decimal import Decimal
from typing import Annotated, Any

from pydantic import AfterValidator, BeforeValidator, ConfigDict, Field, StringConstraints, WithJsonSchema
from pydantic import BaseModel
from pydantic_core import PydanticCustomError

from kocsite.core.ids import MAX_ID_LENGTH, SLUG_PATTERN
from kocsite.models import json_types as _json

_INT = re.compile(r"[+-]?(?:0|[1-9][0-9]*)")
_DECIMAL = re.compile(r"[+-]?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?")
_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
_TRUE = frozenset({"true", "True", "TRUE"})
_FALSE = frozenset({"false", "False", "FALSE"})


class Model(BaseModel):
    """Base of every data model: unknown keys are errors, no silent type coercion."""

    model_config = ConfigDict(extra="forbid", strict=True, use_attribute_docstrings=True, defer_build=True)


def _number_error(value: str, expected: str, expected_en: str) -> PydanticCustomError:
    reason = reason_en = ""
    if re.fullmatch(r"[+-]?0[0-9]+(\.[0-9]+)?", value):
        reason = "：数字不能以 0 开头（如果它是文本，请加引号）"
        reason_en = ": numbers cannot start with 0 (quote it if it is text)"
    elif ":" in value:
        reason = "：含冒号的值是时间或文本，不是数字"
        reason_en = ": a value with a colon is a time or text, not a number"
    elif "," in value or "_" in value:
        reason = "：不要用千位分隔符"
        reason_en = ": leave out thousands separators"
    return PydanticCustomError(
        "E205", "not a number",
        {"value": value, "expected": expected, "expected_en": expected_en, "reason": reason, "reason_en": reason_en},
    )


_MAX_DIGITS = _json.WHOLE_DIGITS


def _too_long(value: str) -> PydanticCustomError:
    return PydanticCustomError("E208", "number too long", {
        "detail": f"数字太长（最多 {_MAX_DIGITS} 位）", "detail_en": f"the number is too long (at most {_MAX_DIGITS} digits)"})


def _number_parser(pattern: re.Pattern[str], convert: Any, max_chars: int, expected: str, expected_en: str) -> Any:
    def parse(value: Any) -> Any:
        if not isinstance(value, str):
            return value  # pydantic reports the wrong type
        if not pattern.fullmatch(value):
            raise _number_error(value, expected, expected_en)
        if len(value.lstrip("+-")) > max_chars:
            raise _too_long(value)
        return convert(value)

    return parse


parse_int = _number_parser(_INT, int, _MAX_DIGITS, "整数", "a whole number")
parse_decimal = _number_parser(_DECIMAL, Decimal, _MAX_DIGITS + 1, "数字", "a number")


def parse_date(value: Any) -> Any:
    if isinstance(value, str):
        if not _DATE.fullmatch(value):
            raise PydanticCustomError("E206", "not a date", {"value": value})
        try:
            day = _iso_date(value)
        except ValueError:
            raise PydanticCustomError(
                "E206", "not a date",
                {"value": value, "reason": "：日历上没有这一天", "reason_en": ": there is no such day"},
            ) from None
        if not DATE_WINDOW[0] <= day <= DATE_WINDOW[1]:
            raise PydanticCustomError("E206", "not a date", {"value": value, **_OUTSIDE_WINDOW})
        return day
    return value


DATE_WINDOW = (date(1900, 1, 1), date(2199, 12, 31))
"""Dates check accepts: every later computation (credit decay, due windows, the site) stays in range
(9999-12-31 would pass the calendar, then `credit` and `build` would die on year 10000)."""
_OUTSIDE_WINDOW = {"reason": f"一个合理的日期（应在 {DATE_WINDOW[0].year} 年到 {DATE_WINDOW[1].year} 年之间）",
                   "reason_en": f" a plausible date (between {DATE_WINDOW[0].year} and {DATE_WINDOW[1].year})"}


_iso_date = lru_cache(maxsize=8192)(date.fromisoformat)  # a programme uses a few thousand dates


def parse_bool(value: Any) -> Any:
    if isinstance(value, str):
        if value in _TRUE:
            return True
        if value in _FALSE:
            return False
        raise PydanticCustomError("E209", "not a boolean", {"value": value})
    return value


def check_url(value: str) -> str:
    if not value.startswith(("https://", "http://")):
        raise PydanticCustomError(
            "E208", "not a link",
            {"detail": "链接必须以 https:// 或 http:// 开头", "detail_en": "a link must start with https:// or http://"},
        )
    return value


Int = Annotated[int, BeforeValidator(parse_int), WithJsonSchema(_json.whole(None, None))]
Count = Annotated[int, BeforeValidator(parse_int), Field(ge=0), WithJsonSchema(_json.whole(0, None))]
"""A whole number ≥ 0 (people, views, characters)."""
Positive = Annotated[int, BeforeValidator(parse_int), Field(ge=1), WithJsonSchema(_json.whole(1, None))]
Fen = Annotated[int, BeforeValidator(parse_int), Field(ge=0), WithJsonSchema(_json.whole(0, None))]
"""Money in integer 分 (1 元 = 100 分); never a fraction."""
Number = Annotated[Decimal, BeforeValidator(parse_decimal), WithJsonSchema(_json.decimal())]
Percent = Annotated[Decimal, BeforeValidator(parse_decimal), Field(gt=0, le=100), WithJsonSchema(_json.percent())]
Date = Annotated[date, BeforeValidator(parse_date), WithJsonSchema(_json.DATE)]
Bool = Annotated[bool, BeforeValidator(parse_bool), WithJsonSchema(_json.BOOL)]
Text = Annotated[str, Field(min_length=1), WithJsonSchema(_json.TEXT)]
Slug = Annotated[str, StringConstraints(pattern=SLUG_PATTERN, max_length=MAX_ID_LENGTH), WithJsonSchema(_json.slug(SLUG_PATTERN))]
"""A lowercase id: letters, digits and hyphens, e.g. li-lei (checked in pydantic's Rust core)."""
Url = Annotated[str, AfterValidator(check_url), WithJsonSchema(_json.URL)]
LooseText = Annotated[str, Field(min_length=1), WithJsonSchema(_json.TEXT)]
"""Text that often looks like a number (phone, WeChat id, handle): read as text, as typed."""
Level = Annotated[int, BeforeValidator(parse_int), Field(ge=1, le=5), WithJsonSchema(_json.whole(1, 5))]
"""A skill level from 1 (beginner) to 5 (expert)."""

_TIMESTAMP = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}[T ][0-9]{2}:[0-9]{2}(:[0-9]{2})?(Z|[+-][0-9]{2}:[0-9]{2})")


def parse_timestamp(value: Any) -> Any:
    """An ISO 8601 time with its UTC offset (2026-11-16T23:40:00+08:00 or …Z): without the offset the
    day it falls on would depend on the machine that reads it."""
    if isinstance(value, str):
        bad = PydanticCustomError("E208", "not a time", {
            "detail": f"'{value}' 应为带时区偏移的时间，如 2026-11-16T23:40:00+08:00 或 2026-11-16T15:40:00Z",
            "detail_en": f"'{value}' should be a time with its UTC offset, e.g. 2026-11-16T23:40:00+08:00 or 2026-11-16T15:40:00Z"})
        if not _TIMESTAMP.fullmatch(value):
            raise bad
        try:
            moment = datetime.fromisoformat(value.replace("Z", "+00:00"))
        except ValueError:
            raise bad from None
        if not DATE_WINDOW[0] <= moment.date() <= DATE_WINDOW[1]:
            raise bad
        return moment
    return value


Timestamp = Annotated[datetime, BeforeValidator(parse_timestamp),
                      WithJsonSchema({"type": "string", "pattern": "^" + _TIMESTAMP.pattern + "$"})]
"""A moment with its UTC offset, e.g. 2026-11-16T23:40:00+08:00."""
