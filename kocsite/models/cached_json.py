"""A model from the JSON kocsite cached of it: every type and bound checked in C, the model assembled
without running pydantic's validators a second time.

The cache holds pydantic's own JSON of a model that validated (kocsite.models.load.dump_model). To
use it again, each model class has a msgspec mirror built from its fields: the same names, the same
types (nested models, lists, literals, dates, decimals) and the same bounds (pattern, length, ≥, >).
msgspec decodes an entry into the mirror, refusing anything of the wrong shape, and the pydantic model
is then put together as `model_construct` would, keeping which fields the file set. At reference scale this
built the 20 140 cached models in 1.9–2.2 s against `model_validate_json`'s 2.5–4.2 s: pydantic's
field types run kocsite's Python parsers (dates, numbers) once per value. Those parsers read the
operator's *text*; an entry is not text typed by an operator but JSON those parsers already accepted.
"""

from __future__ import annotations

import copy
import datetime as dt
import types
from decimal import Decimal
from functools import lru_cache
from typing import Annotated, Any, Callable, Literal, TypedDict, Union, get_args, get_origin

import annotated_types
import msgspec
from pydantic import BaseModel
from pydantic.fields import FieldInfo
from pydantic.types import StringConstraints
from pydantic_core import PydanticUndefined

Convert = Callable[[Any], Any] | None
"""What turns a decoded value into the model's value; None when it is the value itself."""

_LEAVES = (str, int, bool, float, Decimal, dt.date, dt.datetime, type(None))
_BOUNDS = {annotated_types.Ge: "ge", annotated_types.Gt: "gt", annotated_types.Le: "le", annotated_types.Lt: "lt",
           annotated_types.MinLen: "min_length", annotated_types.MaxLen: "max_length"}


def decode(model: type[BaseModel], raw: bytes) -> BaseModel:
    """`model` from its cached JSON; ValueError when the JSON is not of its shape."""
    decoder, assemble = _plan(model)
    try:
        return assemble(decoder.decode(raw))
    except (msgspec.ValidationError, msgspec.DecodeError, ValueError) as error:
        raise ValueError(str(error)) from None


@lru_cache(maxsize=None)
def _plan(model: type[BaseModel]) -> tuple[msgspec.json.Decoder, Callable[[Any], BaseModel]]:
    mirror, assemble = _model(model)
    return msgspec.json.Decoder(mirror), assemble


@lru_cache(maxsize=None)
def _model(model: type[BaseModel]) -> tuple[Any, Callable[[Any], BaseModel]]:
    """The msgspec mirror of `model` (a TypedDict: the cached JSON holds only the fields the file set,
    and decodes to a dict of just those) and what builds the model from a decoded mirror."""
    kinds, converts = {}, []
    for name, info in model.model_fields.items():
        kinds[name], convert = _type(info.annotation, tuple(info.metadata))
        if convert is not None:
            converts.append((name, convert))
    mirror = TypedDict(f"{model.__name__}Json", kinds, total=False)
    template, factories, required = _defaults(model)
    new, set_attribute = model.__new__, object.__setattr__

    def assemble(values: dict[str, Any]) -> BaseModel:
        for name, convert in converts:
            if name in values:
                values[name] = convert(values[name])
        given = set(values)
        if not required <= given:
            raise ValueError(f"{model.__name__}: missing {sorted(required - given)}")
        fields = template.copy()
        fields.update(values)  # keys already in the template keep their place: the fields' order
        for name, factory in factories:
            if name not in given:
                fields[name] = factory()
        instance = new(model)
        set_attribute(instance, "__dict__", fields)
        set_attribute(instance, "__pydantic_fields_set__", given)
        set_attribute(instance, "__pydantic_extra__", None)
        set_attribute(instance, "__pydantic_private__", None)
        return instance

    return mirror, assemble


def _defaults(model: type[BaseModel]) -> tuple[dict[str, Any], list[tuple[str, Callable[[], Any]]], set[str]]:
    """Every field in order with its default (as `model_construct` would give it: a factory is called,
    a mutable default copied, per instance), and the fields without one."""
    template, factories, required = {}, [], set()
    for name, info in model.model_fields.items():
        template[name] = info.default
        if info.default_factory is not None:
            factories.append((name, info.default_factory))
        elif info.default is PydanticUndefined:
            required.add(name)
        elif isinstance(info.default, (list, dict, set, BaseModel)):
            factories.append((name, lambda value=info.default: copy.deepcopy(value)))
    return template, factories, required


def _type(annotation: Any, metadata: tuple[Any, ...] = ()) -> tuple[Any, Convert]:
    """The msgspec type of a field's annotation (with its bounds), and its Convert."""
    origin, args = get_origin(annotation), get_args(annotation)
    if origin is Annotated:
        return _type(args[0], (*args[1:], *metadata))
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        mirror, assemble = _model(annotation)
        return mirror, assemble
    if origin in (Union, types.UnionType):
        return _union(args)
    if origin is list:
        item, convert = _type(args[0])
        return list[item], (None if convert is None else lambda values: [convert(v) for v in values])
    if origin is dict:
        key, _ = _type(args[0])
        value, convert = _type(args[1])
        return dict[key, value], (None if convert is None else lambda values: {k: convert(v) for k, v in values.items()})
    if origin is Literal or annotation is Any:
        return annotation, None
    if annotation is Decimal:  # msgspec bounds only whole and float numbers
        return Decimal, _decimal_within(_bounds(metadata))
    if annotation in _LEAVES:
        bounds = _bounds(metadata)
        return (Annotated[annotation, msgspec.Meta(**bounds)] if bounds else annotation), None
    raise TypeError(f"no cached form for {annotation!r}")


def _union(args: tuple[Any, ...]) -> tuple[Any, Convert]:
    """`X | None` (the only unions the models use, checked here): None stays None."""
    members = [a for a in args if a is not type(None)]
    if len(members) != 1:
        raise TypeError(f"no cached form for the union of {args!r}")
    kind, convert = _type(members[0])
    return kind | None, (None if convert is None else lambda value: None if value is None else convert(value))


def _decimal_within(bounds: dict[str, Any]) -> Convert:
    if not bounds:
        return None
    checks = {"ge": Decimal.__ge__, "gt": Decimal.__gt__, "le": Decimal.__le__, "lt": Decimal.__lt__}
    tests = [(checks[name], limit) for name, limit in bounds.items()]

    def within(value: Decimal) -> Decimal:
        if not all(test(value, limit) for test, limit in tests):
            raise ValueError(f"{value} is out of bounds {bounds}")
        return value

    return within


def _bounds(metadata: tuple[Any, ...]) -> dict[str, Any]:
    bounds: dict[str, Any] = {}
    for item in metadata:
        if isinstance(item, FieldInfo):
            bounds.update(_bounds(tuple(item.metadata)))
        elif isinstance(item, StringConstraints):
            bounds.update({k: v for k, v in (("pattern", item.pattern), ("max_length", item.max_length),
                                             ("min_length", item.min_length)) if v is not None})
        elif type(item) in _BOUNDS:
            bounds[_BOUNDS[type(item)]] = getattr(item, _BOUNDS[type(item)])
    return bounds
