"""The dependency ranges pyproject.toml declares are bounded both ways and tested at their floor.

`constraints/lowest.txt` pins every direct dependency at its declared lower bound; `.ci/run` runs
the suite once with it. If pyproject's floor moves, the pin must move with it, or the lowest run
would test versions nobody declared.
"""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

from tests_support import REPO
_REQUIREMENT = re.compile(r"^([A-Za-z0-9][A-Za-z0-9._-]*)\s*(.*)$")
# Phrases that libraries print in their own words (pydantic, PyYAML/libyaml, click, jsonschema).
# They change between versions; a test must assert kocsite's codes and messages instead.
LIBRARY_PHRASES = [
    "Input should be", "Field required", "validation error for", "Extra inputs are not permitted",
    "mapping values are not allowed", "could not find expected", "while parsing a", "while scanning a",
    "maximum nesting depth", "found character that cannot",
    "No such option", "Invalid value for", "Missing argument", "Missing option", "No such command",
    "is a required property", "Additional properties are not allowed", "is not of type",
]


def _name(text: str) -> str:
    return re.sub(r"[-_.]+", "-", text).lower()


def _release(version: str) -> tuple[int, ...]:
    parts = [int(p) for p in version.split(".")]
    while len(parts) > 1 and parts[-1] == 0:
        parts.pop()
    return tuple(parts)


def declared() -> dict[str, str]:
    """Every direct dependency (runtime and the test extra) → its version specifier."""
    project = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    found = {}
    for requirement in project["dependencies"] + project["optional-dependencies"]["test"]:
        name, spec = _REQUIREMENT.match(requirement).groups()
        found[_name(name)] = spec.replace(" ", "")
    return found


def lowest_pins() -> dict[str, str]:
    pins = {}
    for line in (REPO / "constraints" / "lowest.txt").read_text(encoding="utf-8").splitlines():
        line = line.split("#", 1)[0].strip()
        if line:
            name, _, version = line.partition("==")
            pins[_name(name)] = version
    return pins


def test_every_dependency_has_a_lower_and_an_upper_bound():
    for name, spec in declared().items():
        clauses = spec.split(",")
        assert len([c for c in clauses if c.startswith(">=")]) == 1, (name, spec)
        assert len([c for c in clauses if c.startswith("<") and not c.startswith("<=")]) == 1, (name, spec)


def test_the_lowest_constraints_pin_exactly_the_declared_lower_bounds():
    pins = lowest_pins()
    floors = {name: next(c[2:] for c in spec.split(",") if c.startswith(">=")) for name, spec in declared().items()}
    assert set(pins) == set(floors)
    for name, floor in floors.items():
        assert _release(pins[name]) == _release(floor), f"{name}: pyproject says >={floor}, lowest.txt pins {pins[name]}"


def test_ci_runs_the_suite_on_the_newest_then_on_the_lowest_versions():
    script = (REPO / ".ci" / "run").read_text(encoding="utf-8")
    newest = script.index("python3 -m venv .venv && .venv/bin/pip install -q '.[test]' && .venv/bin/python -m pytest -q")
    lowest = script.index("-c constraints/lowest.txt")
    assert newest < lowest
    assert ".venv-lowest/" in (REPO / ".gitignore").read_text(encoding="utf-8").splitlines()


def test_no_test_depends_on_a_library_s_own_wording():
    me = Path(__file__).name
    for path in sorted((REPO / "tests").rglob("*.py")):
        if path.name == me:
            continue
        text = path.read_text(encoding="utf-8")
        for phrase in LIBRARY_PHRASES:
            assert phrase.lower() not in text.lower(), f"{path.name} quotes the library message {phrase!r}"
