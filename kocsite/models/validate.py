"""Plain data → a pydantic model, with every validation error turned into a located Problem."""

from __future__ import annotations

import copy
import re
import types
import typing
from typing import Any

from pydantic import BaseModel, ValidationError
from yaml.nodes import Node

from kocsite.core.problems import Problem, problem
from kocsite.files.source import position
from kocsite.core.suggest import hint

_EXPECTED = {
    "string_type": ("文本", "text"),
    "int_type": ("整数", "a whole number"),
    "bool_type": ("true 或 false", "true or false"),
    "date_type": ("日期", "a date"),
    "decimal_type": ("数字", "a number"),
    "list_type": ("列表（每项以 '- ' 开头）", "a list (items start with '- ')"),
    "dict_type": ("“字段: 值”的映射", "a mapping of 'field: value' pairs"),
    "model_type": ("“字段: 值”的映射", "a mapping of 'field: value' pairs"),
    "model_attributes_type": ("“字段: 值”的映射", "a mapping of 'field: value' pairs"),
}
_QUOTED = re.compile(r"'[^']*'")
_CUSTOM_CODES = frozenset({"E205", "E206", "E207", "E208", "E209", "E210"})


def validate(model: type[BaseModel], data: Any, root: Node | None, file: str) -> tuple[BaseModel | None, list[Problem]]:
    try:
        return model.model_validate(data), []
    except ValidationError as exc:
        return None, [_problem(model, error, root, file) for error in exc.errors(include_url=False)]


def validate_keeping_valid_parts(model: type[BaseModel], data: dict[str, Any], root: Node | None,
                                 file: str) -> tuple[BaseModel | None, list[Problem], bool]:
    """Like `validate`, but when only some fields (or some items of list fields) are wrong, the model of
    the rest, those parts at their defaults: one bad key in kocsite.yml does not throw the other settings
    away. The problems are those of the whole data; the flag says whether list items were dropped (the
    positions of the items left then no longer match the file)."""
    try:
        return model.model_validate(data), [], False
    except ValidationError as exc:
        errors = exc.errors(include_url=False)
    problems = [_problem(model, error, root, file) for error in errors]
    kept, items_dropped = data, False
    for _ in range(_SALVAGE_ROUNDS):
        kept, dropped = _without_errors(kept, errors)
        items_dropped = items_dropped or dropped
        if kept is None:
            return None, problems, False
        try:
            return model.model_validate(kept), problems, items_dropped
        except ValidationError as exc:
            errors = exc.errors(include_url=False)
    return None, problems, False


_SALVAGE_ROUNDS = 8


def _without_errors(data: dict[str, Any], errors: list[Any]) -> tuple[dict[str, Any] | None, bool]:
    """`data` without the values the errors are about (a missing field: without what holds it); None
    when an error is about the whole (a missing top-level field, a rule across fields). The flag says
    whether items of lists were dropped."""
    kept = copy.deepcopy(data)
    drop: set[tuple[Any, ...]] = set()
    for error in errors:
        loc = tuple(error["loc"])
        if error["type"] == "missing":
            loc = loc[:-1]
        if not loc:
            return None, False
        drop.add(loc)
    items_dropped = False
    for loc in sorted(drop, key=lambda path: (-len(path), tuple(str(part) for part in path)), reverse=False):
        holder = _at(kept, loc[:-1])
        if isinstance(holder, dict):
            holder.pop(loc[-1], None)
        elif isinstance(holder, list) and isinstance(loc[-1], int) and loc[-1] < len(holder):
            holder[loc[-1]] = _DROPPED
            items_dropped = True
    return _compact(kept), items_dropped


_DROPPED = object()


def _at(data: Any, loc: tuple[Any, ...]) -> Any:
    for part in loc:
        if isinstance(data, dict) and part in data:
            data = data[part]
        elif isinstance(data, list) and isinstance(part, int) and part < len(data):
            data = data[part]
        else:
            return None
    return data


def _compact(data: Any) -> Any:
    """Dropped list items removed (they are marked first, so that indices stay right while dropping)."""
    if isinstance(data, dict):
        return {k: _compact(v) for k, v in data.items()}
    if isinstance(data, list):
        return [_compact(v) for v in data if v is not _DROPPED]
    return data


def describe(value: Any) -> tuple[str, str]:
    """How a value looks to an operator, in Chinese and English."""
    if value is None:
        return "空值", "an empty value"
    if isinstance(value, dict):
        return "映射", "a mapping"
    if isinstance(value, list):
        return "列表", "a list"
    return f"文本 '{value}'", f"the text '{value}'"


def field_path(loc: tuple[Any, ...]) -> str:
    text = ""
    for part in loc:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text or "(整个文件)"


def _problem(model: type[BaseModel], error: Any, root: Node | None, file: str) -> Problem:
    kind, loc, ctx = error["type"], tuple(error["loc"]), error.get("ctx") or {}
    name = field_path(loc)
    if kind == "extra_forbidden":
        line, column = position(root, loc, at_key=True)
        return problem(file, line, column, "E201", key=loc[-1], **hint(str(loc[-1]), _fields_at(model, loc[:-1])))
    if kind == "missing":
        line, column = position(root, loc[:-1])
        return problem(file, line, column, "E202", key=name)
    line, column = position(root, loc)
    if kind in _CUSTOM_CODES:
        return problem(file, line, column, kind, field=name, **ctx)
    if kind == "string_pattern_mismatch":
        return problem(file, line, column, "E207", value=error["input"], detail="只能用小写字母、数字和连字符，例如 li-lei",
                       detail_en="use lowercase letters, digits and hyphens, e.g. li-lei")
    if kind == "string_too_long":
        limit = ctx.get("max_length")
        return problem(file, line, column, "E207", value=error["input"], detail=f"最长 {limit} 个字符",
                       detail_en=f"at most {limit} characters")
    if kind == "literal_error":
        choices = _QUOTED.findall(str(ctx.get("expected", "")))
        return problem(file, line, column, "E204", field=name, value=error["input"],
                       choices="、".join(choices), choices_en=", ".join(choices))
    if kind in _EXPECTED:
        expected, expected_en = _EXPECTED[kind]
        found, found_en = describe(error["input"])
        return problem(file, line, column, "E203", field=name, expected=expected, expected_en=expected_en,
                       found=found, found_en=found_en)
    detail, detail_en = _constraint(kind, ctx, error["msg"])
    return problem(file, line, column, "E208", field=name, detail=detail, detail_en=detail_en)


def _constraint(kind: str, ctx: dict[str, Any], msg: str) -> tuple[str, str]:
    if kind in ("too_short", "string_too_short"):
        return "不能为空", "must not be empty"
    if kind == "greater_than_equal":
        return f"不能小于 {ctx['ge']}", f"must be at least {ctx['ge']}"
    if kind == "greater_than":
        return f"必须大于 {ctx['gt']}", f"must be more than {ctx['gt']}"
    if kind == "less_than_equal":
        return f"不能大于 {ctx['le']}", f"must be at most {ctx['le']}"
    return msg, msg


def _fields_at(model: type[BaseModel], loc: tuple[Any, ...]) -> list[str]:
    """Field names of the model found at `loc` inside `model`, for 'did you mean' on unknown keys."""
    current: Any = model
    for part in loc:
        if isinstance(part, int):
            continue
        if not (isinstance(current, type) and issubclass(current, BaseModel)) or part not in current.model_fields:
            return []
        current = _model_in(current.model_fields[part].annotation)
    if isinstance(current, type) and issubclass(current, BaseModel):
        return list(current.model_fields)
    return []


def _model_in(annotation: Any) -> Any:
    """The BaseModel inside `X | None`, `list[X]` or `Annotated[X, ...]`, if any."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    args = typing.get_args(annotation)
    if isinstance(annotation, types.UnionType) or typing.get_origin(annotation) in (typing.Union, list, typing.Annotated):
        for arg in args:
            found = _model_in(arg)
            if found is not None:
                return found
    return None
