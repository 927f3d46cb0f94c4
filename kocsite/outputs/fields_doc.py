"""docs/reference/fields.md: every field of every kind of file, from the JSON Schemas `kocsite schema`
exports (so the reference says exactly what editors and `check` are told).

Each model is a table: field, its type in plain words (with bounds, enum values, pattern), whether it
is required, its default, and its description (the field's docstring in the model). Nested models
follow the file's top model, each under its own anchor `<kind>-<model>`.
"""

from __future__ import annotations

import json
from typing import Any

from kocsite.core.ids import SLUG_PATTERN
from kocsite.outputs.commands_doc import cell, plain
from kocsite.models.json_types import DATE_PATTERN, NUMBER_NOTE, WHOLE_DIGITS
from kocsite.models.schema import KINDS, schema

FILES: dict[str, tuple[str, str]] = {
    "settings": ("kocsite.yml", "repository-wide settings (optional; every setting has a default)"),
    "koc": ("kocs/<id>.yaml", "one KOC: public profile, skills, platforms, pipeline, private block"),
    "campaign": ("campaigns/<id>.yaml", "one campaign (活动): goals, roles, members, kickoff, rewards, retrospective"),
    "task": ("tasks/<id>.yaml", "one task of the four quadrants"),
    "contribution": ("tasks/<task-id>/<name>.yaml",
                     "contributions to a task: one record (Contribution) or a batch under `contributions:`"),
    "insight": ("insights/<id>.yaml", "one 用户洞察 routed to a product team"),
    "sentiment": ("sentiment/<campaign-id>/<year>-w<week>.yaml",
                  "one campaign week of sentiment (舆情周报): keywords, complaints, misunderstandings"),
    "ledger": ("ledgers/<campaign-id>.yaml", "a closed campaign's sealed ledger, written by `kocsite close`"),
    "redemption": ("redemptions/<name>.yaml", "积分兑换: points spent on items of the catalogue in kocsite.yml"),
}
"""The kinds in the order the reference lists them, with where their files live."""

_NOTES = tuple(NUMBER_NOTE.format(digits=d) for d in (WHOLE_DIGITS, WHOLE_DIGITS + 1))
_MAX_WHOLE = 10**WHOLE_DIGITS - 1
_MAX_DECIMAL = 10 ** (WHOLE_DIGITS + 1) - 1
_NULL = {"type": "null"}
_TEXT_TYPES = ["string", "number", "boolean"]


def fields_markdown() -> str:
    missing = sorted(set(KINDS) - set(FILES))
    if missing:
        raise KeyError(f"kinds without a place in FILES: {missing}")
    lines = [
        "# Fields of the data files",
        "",
        "Generated from the models (`kocsite/models/`) by `kocsite reference --out docs/reference`;",
        "do not edit by hand. The same rules are in the JSON Schemas of `kocsite schema`.",
        "",
        "Every file refuses unknown keys. *Required* fields must be present; an optional field left out",
        "takes its default. Numbers are written as plain decimal digits: no leading zero (`012600`), no",
        "exponent (`1.5e4`), no `0x`/`0o`, `.5`, `1.`, `.nan` or separators (`1_000`); a whole number has",
        f"at most {WHOLE_DIGITS} digits. A date is `YYYY-MM-DD`; a boolean is `true` or `false`. An *id* is",
        "lowercase letters, digits and hyphens (`li-lei`), at most 64 characters. *Text* is any",
        "non-empty scalar, kept exactly as typed (`no` stays \"no\", `010` stays \"010\").",
        "",
    ]
    for kind, (path, what) in FILES.items():
        if kind in KINDS:
            lines += _kind_section(kind, path, what)
    return "\n".join(lines).rstrip("\n") + "\n"


def _kind_section(kind: str, path: str, what: str) -> list[str]:
    document = schema(kind)
    definitions = document.get("definitions", {})
    lines = [f"## {kind}: `{path}`", "", plain(what) + ".", ""]
    if "anyOf" in document:
        roots = [_ref_name(branch["$ref"]) for branch in document["anyOf"]]
        lines += ["A file holds one of: " + ", ".join(_link(kind, name) for name in roots) + ".", ""]
        models = [(name, definitions[name]) for name in _reachable(roots, definitions)]
    else:
        top = document.get("title", kind)
        models = [(top, document)] + [(n, definitions[n]) for n in _reachable(_refs_in(document), definitions)]
    for name, model in models:
        lines += _model_section(kind, name, model)
    return lines


def _reachable(roots: list[str], definitions: dict[str, Any]) -> list[str]:
    """Model names in the order a reader meets them: each model, then the ones it refers to."""
    seen: list[str] = []
    queue = list(roots)
    while queue:
        name = queue.pop(0)
        if name in seen:
            continue
        seen.append(name)
        queue += [n for n in _refs_in(definitions[name]) if n not in seen]
    return seen


def _refs_in(node: Any) -> list[str]:
    found: list[str] = []
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "definitions":
                continue
            if key == "$ref" and isinstance(value, str):
                found.append(_ref_name(value))
            else:
                found += [n for n in _refs_in(value) if n not in found]
    elif isinstance(node, list):
        for value in node:
            found += [n for n in _refs_in(value) if n not in found]
    return found


def _ref_name(ref: str) -> str:
    return ref.rsplit("/", 1)[-1]


def _anchor(kind: str, name: str) -> str:
    return f"{kind}-{name}".lower()


def _link(kind: str, name: str) -> str:
    return f"[{name}](#{_anchor(kind, name)})"


def _model_section(kind: str, name: str, model: dict[str, Any]) -> list[str]:
    lines = [f'<a id="{_anchor(kind, name)}"></a>', "", f"### {kind} · {name}", ""]
    if model.get("description"):
        lines += [plain(model["description"]), ""]
    required = set(model.get("required", []))
    lines += ["| field | type | required | default | description |", "| --- | --- | --- | --- | --- |"]
    for field, node in model.get("properties", {}).items():
        lines.append("| " + " | ".join([
            f"`{field}`", cell(type_words(node, kind)), "required" if field in required else "optional",
            "" if field in required else _default(node, kind), cell(_description(node)),
        ]) + " |")
    lines.append("")
    conditions = [_condition_words(rule) for rule in model.get("allOf", [])]
    if conditions:
        lines += ["Rules between fields:", ""] + [f"- {c}" for c in conditions] + [""]
    return lines


def type_words(node: dict[str, Any], kind: str) -> str:
    """A property's type in plain words, with its bounds, allowed values or pattern."""
    if "$ref" in node:
        return _link(kind, _ref_name(node["$ref"]))
    if "anyOf" in node:
        branches = [b for b in node["anyOf"] if b != _NULL]
        if len(branches) == 1:
            return type_words(branches[0], kind)
        return _alternatives(branches, kind)
    if "enum" in node:
        return "one of " + ", ".join(f"`{v}`" for v in node["enum"])
    kind_of = node.get("type")
    if kind_of == _TEXT_TYPES:
        return "text" + _length(node)
    if kind_of == "array":
        return "list of " + _plural(type_words(node.get("items", {}), kind)) + _items(node)
    if kind_of == "string":
        return _string_words(node)
    if kind_of == "integer":
        return "whole number" + _bounds(node, _MAX_WHOLE)
    if kind_of == "number":
        return "number" + _bounds(node, _MAX_DECIMAL)
    if kind_of == "boolean":
        return "true or false"
    if kind_of == "object":
        return "mapping"
    return "any value"


def _alternatives(branches: list[dict[str, Any]], kind: str) -> str:
    types = [b.get("type") for b in branches]
    if types == ["integer", "string"]:
        return type_words(branches[0], kind)  # the quoted form of the same whole number
    if types == ["number", "string"]:
        return "decimal " + type_words(branches[0], kind)
    if types == ["boolean", "string"]:
        return "true or false"
    if types == ["string", "integer"] and branches[0].get("pattern") == SLUG_PATTERN:
        return "id"
    return " or ".join(type_words(b, kind) for b in branches)


def _string_words(node: dict[str, Any]) -> str:
    pattern = node.get("pattern")
    if node.get("format") == "date" or pattern == DATE_PATTERN:
        return "date `YYYY-MM-DD`"
    if pattern == "^https?://":
        return "link (`https://…` or `http://…`)"
    if pattern == SLUG_PATTERN:
        return "id"
    if pattern == r"^[+-]?(0|[1-9][0-9]*)(\.[0-9]+)?$":
        return 'exact decimal number as quoted text (`"133.33"`, `"+30"`)'
    return "text" + (f" matching `{pattern}`" if pattern else "") + _length(node)


def _bounds(node: dict[str, Any], limit: int) -> str:
    parts = []
    if "exclusiveMinimum" in node:
        parts.append(f"> {node['exclusiveMinimum']}")
    elif node.get("minimum", -limit) != -limit:
        parts.append(f"≥ {node['minimum']}")
    if node.get("maximum", limit) != limit:
        parts.append(f"≤ {node['maximum']}")
    return (" " + ", ".join(parts)) if parts else ""


def _length(node: dict[str, Any]) -> str:
    if node.get("maxLength"):
        return f" (at most {node['maxLength']} characters)"
    return ""


def _items(node: dict[str, Any]) -> str:
    if node.get("minItems"):
        return f", at least {node['minItems']}"
    return ""


def _plural(words: str) -> str:
    for singular, plural in (("text", "texts"), ("id", "ids"), ("whole number", "whole numbers")):
        if words == singular or words.startswith(singular + " "):
            return plural + words[len(singular):]
    return words


def _default(node: dict[str, Any], kind: str) -> str:
    if "default" not in node:  # a default made when the file is read
        if node.get("type") == "array":
            return "empty list"
        if "$ref" in node:
            return "its fields' defaults"
        return ""
    value = node["default"]
    if value is None:
        return "none"
    if value == []:
        return "empty list"
    if isinstance(value, list) and all(isinstance(v, dict) and {"id", "name"} <= set(v) for v in value):
        return cell(", ".join(f"`{v['id']}` {v['name']}" for v in value))
    text = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False, sort_keys=True)
    return cell(f"`{text}`")


def _description(node: dict[str, Any]) -> str:
    text = node.get("description", "")
    for note in _NOTES:
        text = text.replace(note, "")
    return plain(text.strip())


def _condition_words(rule: dict[str, Any]) -> str:
    (field, test), = rule["if"]["properties"].items()
    values = " or ".join(f"`{v}`" for v in test["enum"])
    sentence = f"when `{field}` is {values}: {_requirement(rule['then'])}"
    if "else" in rule:
        sentence += f"; otherwise {_requirement(rule['else'])}"
    return sentence + "."


def _requirement(clause: dict[str, Any]) -> str:
    parts = []
    required = clause.get("required", [])
    if required:
        parts.append(", ".join(f"`{f}`" for f in required) + " required")
    absent = [f for f, test in clause.get("properties", {}).items() if test == _NULL]
    if absent:
        parts.append(", ".join(f"`{f}`" for f in absent) + " must be left out")
    return " and ".join(parts) or "no further rule"
