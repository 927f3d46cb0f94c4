"""The strict YAML layer: text kept as typed, everything YAML does silently reported with a place."""

import pytest

from kocsite.files.source import MAX_DEPTH, decode, parse, parse_bytes, position


def codes(text: str) -> list[tuple[int, int, str]]:
    return [(p.line, p.column, p.code) for p in parse(text, "f.yaml").problems]


@pytest.mark.parametrize("typed, kept", [
    ("no", "no"), ("on", "on"), ("yes", "yes"), ("010", "010"), ("12:30", "12:30"), ("1.10", "1.10"),
    ("2024-01-05", "2024-01-05"), ("0x1F", "0x1F"), ("true", "true"), ("'null'", "null"), ('"~"', "~"),
])
def test_scalars_stay_the_text_typed(typed, kept):
    assert parse(f"a: {typed}\n", "f.yaml").data == {"a": kept}


@pytest.mark.parametrize("typed", ["", "~", "null", "Null", "NULL"])
def test_plain_nulls_are_none(typed):
    assert parse(f"a: {typed}\n", "f.yaml").data == {"a": None}


def test_duplicate_key_points_at_the_second_and_names_the_first():
    parsed = parse("a: 1\nb: 2\na: 3\n", "f.yaml")
    assert codes("a: 1\nb: 2\na: 3\n") == [(3, 1, "E010")]
    assert "first on line 1" in parsed.problems[0].message("en")
    assert parsed.data == {"a": "1", "b": "2"}


@pytest.mark.parametrize("text, expected", [
    ("a: &x 1\nb: *x\n", [(1, 4, "E006"), (2, 4, "E006")]),
    ("a: 1\n<<: {b: 2}\n", [(2, 1, "E007")]),
    ("a: !!binary aGk=\n", [(1, 4, "E008")]),
    ("a: !!python/object:os.system x\n", [(1, 4, "E008")]),
    ("a: 1\n---\nb: 2\n", [(2, 1, "E005")]),
    ("a:\n\tb: 1\n", [(2, 1, "E003")]),
    ("a: b: c\n", [(1, 5, "E004")]),
    ("? [a]\n: 1\n", [(1, 3, "E013")]),
])
def test_silent_yaml_features_are_errors(text, expected):
    assert codes(text) == expected


def test_tags_are_reported_as_typed():
    assert "!!binary" in parse("a: !!binary aGk=\n", "f.yaml").problems[0].message("en")


def test_alias_bomb_is_refused_before_it_expands():
    bomb = "a: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(
        f"{chr(98 + i)}: &{chr(98 + i)} [{', '.join(['*' + chr(97 + i)] * 9)}]\n" for i in range(9))
    parsed = parse(bomb, "f.yaml")
    assert parsed.data is None and {p.code for p in parsed.problems} == {"E006"}


@pytest.mark.parametrize("depth", [MAX_DEPTH + 1, 200, 50_000])
@pytest.mark.parametrize("form", ["flow", "block"])
def test_absurd_nesting_is_an_error_not_a_crash(depth, form):
    text = "[" * depth + "]" * depth if form == "flow" else "- " * depth + "x\n"
    assert [p.code for p in parse(text, "f.yaml").problems] == ["E009"]


def test_nesting_up_to_the_limit_is_fine():
    depth = MAX_DEPTH - 1
    assert parse("a: " + "[" * depth + "]" * depth + "\n", "f.yaml").problems == []


def test_invalid_utf8_is_located():
    text, problems = decode("a: 好\nb: 好".encode() + b"\xff\n", "f.yaml")
    assert text is None
    assert [(p.line, p.column, p.code) for p in problems] == [(2, 5, "E002")]


def test_bom_is_accepted_and_crlf_keeps_lines():
    parsed = parse_bytes("\ufeffa: 1\r\nb: x\r\n".encode(), "f.yaml")
    assert parsed.problems == [] and parsed.data == {"a": "1", "b": "x"}
    assert position(parsed.root, ("b",)) == (2, 4)


def test_too_large_file():
    from kocsite.files.source import MAX_FILE_BYTES
    _, problems = decode(b"a: " + b"x" * MAX_FILE_BYTES, "f.yaml")
    assert [p.code for p in problems] == ["E001"]


def test_position_of_missing_key_is_its_parent_and_of_keys_on_request():
    parsed = parse("top:\n  inner:\n    - a: 1\n      b: 2\n", "f.yaml")
    assert position(parsed.root, ("top", "inner", 0, "b")) == (4, 10)
    assert position(parsed.root, ("top", "inner", 0, "b"), at_key=True) == (4, 7)
    assert position(parsed.root, ("top", "inner", 0, "missing")) == (3, 7)
