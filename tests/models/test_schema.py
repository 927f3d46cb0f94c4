"""Exported JSON Schemas: valid draft-07, up to date in schemas/, and accepting the real data."""

import datetime
import json
from pathlib import Path

import jsonschema
import pytest
import yaml

from kocsite.models.schema import KINDS, schema, schema_json
from tests_support import REPO

KIND_OF_FOLDER = {"campaigns": "campaign", "kocs": "koc", "tasks": "task", "ledgers": "ledger", "insights": "insight", "redemptions": "redemption"}


def editor_view(path: Path):
    """What an editor's YAML parser sees: dates are strings there."""
    def plain(value):
        if isinstance(value, (datetime.date, datetime.datetime)):
            return value.isoformat()
        if isinstance(value, dict):
            return {str(k): plain(v) for k, v in value.items()}
        if isinstance(value, list):
            return [plain(v) for v in value]
        return value
    return plain(yaml.safe_load(path.read_text(encoding="utf-8")))


def data_files(root: Path):
    if (root / "kocsite.yml").is_file():
        yield "settings", root / "kocsite.yml"
    for folder, kind in KIND_OF_FOLDER.items():
        for path in sorted((root / folder).glob("*.yaml")):
            yield kind, path
    for path in sorted((root / "tasks").glob("*/*.yaml")):
        yield "contribution", path
    for path in sorted((root / "sentiment").glob("*/*.yaml")):
        yield "sentiment", path


@pytest.mark.parametrize("kind", sorted(KINDS))
def test_schema_is_valid_draft7_with_resolvable_refs(kind):
    document = schema(kind)
    jsonschema.Draft7Validator.check_schema(document)
    assert "$defs" not in json.dumps(document)


def test_empty_settings_are_valid():
    jsonschema.Draft7Validator(schema("settings")).validate({})


@pytest.mark.parametrize("kind", sorted(KINDS))
def test_committed_schemas_are_up_to_date(kind):
    committed = REPO / "schemas" / f"{kind}.schema.json"
    assert committed.read_text(encoding="utf-8") == schema_json(kind), "run: kocsite schema --out schemas"


def test_minimal_programme_matches_the_schemas(programme):
    root = programme()
    checked = 0
    for kind, path in data_files(root):
        jsonschema.Draft7Validator(schema(kind)).validate(editor_view(path))
        checked += 1
    assert checked == 5


def test_sample_programme_matches_the_schemas():
    files = list(data_files(REPO))
    assert {kind for kind, _ in files} == set(KINDS)
    validators = {kind: jsonschema.Draft7Validator(schema(kind)) for kind in KINDS}
    for kind, path in files:
        errors = [e.message for e in validators[kind].iter_errors(editor_view(path))]
        assert errors == [], path


def test_schema_rejects_unknown_fields_like_the_checker():
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate({"name": "李雷", "nmae": "x"}, schema("koc"))
