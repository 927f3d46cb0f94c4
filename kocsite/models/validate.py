"""Plain data → a pydantic model, with every validation error turned into a located Problem."""

from __future__ import annotations

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
