"""JSON Schemas of the data files, for editors (yaml-language-server reads draft-07)."""

from __future__ import annotations

import json
from typing import Any

from pydantic import BaseModel

from kocsite.models import Campaign, Contribution, ContributionBatch, Koc, Settings, Task
from kocsite.models.insight import Insight
from kocsite.models.json_types import NOTE_KEY, quality
from kocsite.models.ledger import Ledger
from kocsite.models.redemption import RedemptionFile
from kocsite.models.sentiment import SentimentWeek

RULES: dict[tuple[str, str], dict[str, Any]] = {("Review", "quality"): quality()}
"""Bounds that `check` enforces as a rule rather than a field type, written into the field's schema."""

KINDS: dict[str, tuple[type[BaseModel], ...]] = {
    "campaign": (Campaign,), "koc": (Koc,), "task": (Task,),
    "contribution": (Contribution, ContributionBatch), "settings": (Settings,), "ledger": (Ledger,),
    "insight": (Insight,), "redemption": (RedemptionFile,), "sentiment": (SentimentWeek,),
}


def schema(kind: str) -> dict[str, Any]:
    models = KINDS[kind]
    if len(models) == 1:
        result = models[0].model_json_schema()
    else:
        parts = [m.model_json_schema() for m in models]
        defs: dict[str, Any] = {}
        for part in parts:
            defs.update(part.pop("$defs", {}))
        for part, model in zip(parts, models):
            defs[model.__name__] = part
        result = {"title": kind, "anyOf": [{"$ref": f"#/$defs/{m.__name__}"} for m in models], "$defs": defs}
    return _draft7(_with_conditions(_with_rules(_notes_into_descriptions(result))), kind)


def schema_json(kind: str) -> str:
    return json.dumps(schema(kind), ensure_ascii=False, indent=2, sort_keys=True) + "\n"


def _draft7(node: Any, kind: str | None = None) -> Any:
    """pydantic writes `$defs`; draft-07 readers look in `definitions`."""
    if isinstance(node, dict):
        out = {("definitions" if k == "$defs" else k): _draft7(v) for k, v in node.items()}
        if isinstance(out.get("$ref"), str):
            out["$ref"] = out["$ref"].replace("#/$defs/", "#/definitions/")
        if kind is not None:
            out = {"$schema": "http://json-schema.org/draft-07/schema#", **out}
        return out
    if isinstance(node, list):
        return [_draft7(v) for v in node]
    return node


def _notes_into_descriptions(document: dict[str, Any]) -> dict[str, Any]:
    """Move each type's note about what the schema cannot see into the description of its field."""
    for model in [document, *document.get("$defs", {}).values()]:
        for field in model.get("properties", {}).values():
            notes = _pop_notes(field)
            if notes:
                field["description"] = " ".join(filter(None, [field.get("description"), *notes]))
    return document


def _pop_notes(node: Any) -> list[str]:
    notes: list[str] = []
    if isinstance(node, dict):
        note = node.pop(NOTE_KEY, None)
        if note:
            notes.append(note)
        for key in ("anyOf", "items"):
            for part in node.get(key, []) if key == "anyOf" else [node.get(key)]:
                notes += [n for n in _pop_notes(part) if n not in notes]
    return notes


def _with_rules(document: dict[str, Any]) -> dict[str, Any]:
    """Replace the typed (non-null) branch of each ruled field by the rule's bounds."""
    for (model, field), rule in RULES.items():
        prop = document.get("$defs", {}).get(model, {}).get("properties", {}).get(field)
        if prop is not None:
            bounded = {"anyOf": rule["anyOf"]}
            prop["anyOf"] = [b if b.get("type") == "null" else bounded for b in prop["anyOf"]]
    return document


def _absent(*fields: str) -> dict[str, Any]:
    return {"properties": {f: {"type": "null"} for f in fields}}


def _given(*fields: str) -> dict[str, Any]:
    return {"required": list(fields), "properties": {f: {"not": {"type": "null"}} for f in fields}}


def _when(field: str, values: list[str], then: dict[str, Any], otherwise: dict[str, Any] | None = None) -> dict[str, Any]:
    rule: dict[str, Any] = {"if": {"properties": {field: {"enum": values}}}, "then": then}
    if otherwise is not None:
        rule["else"] = otherwise
    return rule


CONDITIONS: dict[str, list[dict[str, Any]]] = {
    # kocsite/rules/contribution.py: a pending review has no verdict yet; a decided one names who and when;
    # only approved work has a quality multiplier, anything else says why (an absent status is pending).
    "Review": [
        _when("status", ["pending"], _absent("reviewer", "date", "quality", "reason"), _given("reviewer", "date")),
        _when("status", ["changes-requested", "rejected"], {"required": ["reason"], "properties": {
            "quality": {"type": "null"}, "reason": {"not": {"type": "null"}}}}),
    ],
    # kocsite/rules/task.py: the blocks a quadrant needs, and only there.
    "Task": [
        _when("quadrant", ["project"], _given("campaign")),
        _when("quadrant", ["routine"], _given("routine"), _absent("routine")),
        _when("quadrant", ["exploration"], _given("exploration"), _absent("exploration")),
    ],
}
"""Rules between fields of one record that `check` enforces and draft-07 `if`/`then`/`else` can say."""


def _with_conditions(document: dict[str, Any]) -> dict[str, Any]:
    for model, rules in CONDITIONS.items():
        target = document if document.get("title") == model else document.get("$defs", {}).get(model)
        if target is not None:
            target["allOf"] = rules
    return document
