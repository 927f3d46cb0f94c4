"""Fuzzing: whatever is in a data file, `check` reports problems and never throws.

Three kinds of input, each written over one file of the minimal programme:
- arbitrary bytes, and real files with a few bytes changed (invalid UTF-8, NULs, truncation …);
- YAML-ish text built from YAML's own tokens (keys, `:`, `-`, brackets, quotes, anchors, aliases,
  tags, merge keys, document markers, tabs, CR/LF, numbers like 010 / 12:30 / 1e3, odd dates);
- well-formed YAML of random shape with the models' field names and tricky scalars, so that the
  models and the cross-file rules run on it too.

Every problem must sit at line ≥ 1 and column ≥ 1, carry a code from the catalogue and render
in both languages. The CLI's JSON output must stay valid JSON with a fixed set of keys, with exit
code 0 or 1 (2 means an internal error). Last, `check` must never write into the data tree.
"""

from __future__ import annotations

import json
import os
import re
import textwrap
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kocsite.checker import check
from kocsite.cli import cli
from kocsite.core.problems import CATALOGUE

from conftest import MINIMAL

FUZZ = settings(max_examples=200, deadline=None,
                suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow,
                                       HealthCheck.data_too_large])

TARGETS = {
    "campaign": "campaigns/cockpit.yaml",
    "koc": "kocs/li-lei.yaml",
    "task": "tasks/deep-review.yaml",
    "contribution": "tasks/deep-review/li-lei.yaml",
    "settings": "kocsite.yml",
    "new koc": "kocs/wang-wu.yaml",
}
ORIGINAL = {rel: textwrap.dedent(text).encode() for rel, text in MINIMAL.items()}
JSON_KEYS = {"file", "line", "column", "code", "severity", "message"}
_PLACEHOLDER = re.compile(r"\{[A-Za-z_][A-Za-z0-9_]*\}")


@pytest.fixture(scope="module")
def base(tmp_path_factory) -> Path:
    """The minimal programme, written once; each example overwrites one file and puts it back."""
    root = tmp_path_factory.mktemp("fuzz") / "programme"
    for rel, raw in ORIGINAL.items():
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_bytes(raw)
    return root


class Written:
    """Write `raw` at `rel` inside the programme for the duration of a `with` block."""

    def __init__(self, root: Path, rel: str, raw: bytes) -> None:
        self.path, self.rel, self.raw = root / rel, rel, raw

    def __enter__(self) -> Path:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self.path.write_bytes(self.raw)
        return self.path

    def __exit__(self, *exc) -> None:
        if self.rel in ORIGINAL:
            self.path.write_bytes(ORIGINAL[self.rel])
        else:
            self.path.unlink()


def assert_well_formed(problems, root: Path) -> None:
    for p in problems:
        where = f"{p.file}:{p.line}:{p.column}: {p.code}"
        assert isinstance(p.line, int) and p.line >= 1, where
        assert isinstance(p.column, int) and p.column >= 1, where
        assert p.code in CATALOGUE, where
        assert not Path(p.file).is_absolute() and ".." not in Path(p.file).parts, where
        assert (root / p.file).exists() or (root / p.file).is_symlink(), f"{where}: no such file"
        for lang in ("zh", "en"):
            message = p.message(lang)
            assert message.strip(), f"{where}: empty {lang} message"
            assert not _PLACEHOLDER.search(message), f"{where}: {lang} message not filled in: {message}"


# ------------------------------------------------------------------ strategies

kinds = st.sampled_from(sorted(TARGETS))


@st.composite
def mutated(draw) -> tuple[str, bytes]:
    """A real file of the minimal programme with a few bytes inserted, deleted or replaced."""
    rel = draw(st.sampled_from(sorted(ORIGINAL)))
    raw = bytearray(ORIGINAL[rel])
    for _ in range(draw(st.integers(1, 8))):
        at = draw(st.integers(0, len(raw)))
        action = draw(st.sampled_from(["insert", "delete", "replace", "truncate"]))
        byte = draw(st.one_of(st.integers(0, 255), st.sampled_from(list(b"\t\r\n :-[]{}&*!|>'\"#%@`,?"))))
        if action == "insert":
            raw[at:at] = bytes([byte])
        elif action == "delete" and at < len(raw):
            del raw[at]
        elif action == "replace" and at < len(raw):
            raw[at] = byte
        elif action == "truncate":
            del raw[at:]
    return rel, bytes(raw)


KEYS = ["name", "title", "koc", "date", "id", "status", "review", "reviewer", "quality", "reason", "authors",
        "share", "part", "points", "quadrant", "campaign", "role", "roles", "goals", "members", "start", "end",
        "due", "deadline", "target", "metric", "headcount", "duties", "skills", "skill", "level", "platforms",
        "platform", "handle", "interests", "contributions", "owners", "routine", "exploration", "budget_fen",
        "failure_allowed", "rewards", "sub_pools", "percent", "badges", "badge", "rule", "top", "kocs",
        "retrospective", "summary", "flow", "next", "timeline", "kickoff", "private", "contact_log",
        "next_date", "invited", "responded", "background", "url", "metrics", "exposure", "award",
        "<<", "? a", "'quoted'", '"dq"', "1", "true", "~", "名字", "citty", "-", "a b", "[k]", "{k: v}"]
SCALARS = ["li-lei", "han-meimei", "li-lie", "cockpit", "deep-review", "tech-officer", "approved", "pending",
           "rejected", "accepted", "invited", "project", "routine", "exploration", "check-in", "top", "manual",
           "010", "12:30", "1:30:45", "1e3", "0x1F", "0o17", "1,000", "1_000", "1.5", "-1", "0", "100", "101",
           "99.99", ".inf", ".nan", "9" * 40,
           "2025-07-10", "2025-7-1", "2025-02-30", "2025/07/01", "20250701", "2025-07-10 10:00", "2025-07-10T10:00:00Z",
           "yes", "no", "on", "off", "y", "n", "true", "false", "True", "null", "~", "", "韩梅梅", "座舱：评测",
           "'quoted text'", '"双引号"', '"\\t\\u00e9"', "'it''s'", "&a x", "*a", "&a", "!!binary aGk=",
           "!custom x", "!!python/object:os.system x", "!!str 010", "!<tag:yaml.org,2002:int> 1", "! x",
           "|", ">-", "|+", "[a, b]", "{a: 1}", "[]", "{}", "[", "{", "]", "}", "[[[[[[", "- - -",
           "#comment", "@x", "`x`", "%x", "https://example.com/a?b=c#d", "javascript:alert(1)"]
_RISKY = ("&", "*", "!", "|", ">", "[", "{", "]", "}", "-", "#", "@", "`", "%", "'", '"')
SAFE_SCALARS = [s for s in SCALARS if s and not s.startswith(_RISKY)]
TOKENS = KEYS + SCALARS + [":", ": ", "- ", "-", ",", "?", "? ", "&a ", "*a", "!!int ", "<<: ", "---", "...",
                           "---\n", "...\n", "%YAML 1.1\n", "%TAG ! tag:x,2000:\n", "\n", "\r\n", "\r", "\t",
                           " ", "  ", "    ", "\ufeff", "'", '"', "#", "\\", "\x00", "\x85", "\u3000"]


@st.composite
def yaml_lines(draw) -> str:
    """Lines shaped like YAML: indentation, sequence dashes, `key: value`, flow collections."""
    lines = []
    level = 0
    for _ in range(draw(st.integers(0, 25))):
        level = draw(st.integers(0, level + 1))  # mostly consistent nesting, two spaces a level
        indent = " " * (2 * level + (draw(st.integers(0, 3)) if draw(st.integers(0, 10)) == 0 else 0))
        if draw(st.integers(0, 60)) == 0:
            indent = draw(st.sampled_from(["\t", " \t", "\t  "])) + indent
        dashes = "- " * draw(st.integers(0, 3))
        scalars = st.sampled_from(SCALARS if draw(st.integers(0, 4)) == 0 else SAFE_SCALARS)
        shape = draw(st.integers(0, 4))
        if shape == 0:
            body = draw(scalars)
        elif shape == 1:
            body = f"{draw(st.sampled_from(KEYS))}:"
        elif shape == 2:
            items = draw(st.lists(scalars, max_size=4))
            body = f"{draw(st.sampled_from(KEYS))}: [{', '.join(items)}]"
        else:
            body = f"{draw(st.sampled_from(KEYS))}: {draw(scalars)}"
        if draw(st.integers(0, 10)) == 0:
            body += " # " + draw(st.sampled_from(SCALARS))
        lines.append(indent + dashes + body)
    newline = draw(st.sampled_from(["\n", "\n", "\r\n", "\r"]))
    head = draw(st.sampled_from(["", "", "---\n", "\ufeff", "%YAML 1.1\n---\n", "# yaml-language-server: $schema=x\n"]))
    tail = draw(st.sampled_from(["", "", "\n---\n", "\n...\n", "\n---\nname: x\n"]))
    return head + newline.join(lines) + tail


token_soup = st.lists(st.sampled_from(TOKENS), max_size=60).map("".join)

_scalar = st.one_of(st.sampled_from(SCALARS), st.text(max_size=12))
_shaped = st.recursive(
    _scalar | st.none(),
    lambda inner: st.one_of(st.lists(inner, max_size=4),
                            st.dictionaries(st.sampled_from(KEYS), inner, max_size=6)),
    max_leaves=30,
)


@st.composite
def well_formed(draw) -> str:
    """Valid YAML: a random mapping with the models' keys, in block or flow style."""
    data = draw(st.dictionaries(st.sampled_from(KEYS), _shaped, min_size=0, max_size=10))
    return yaml.safe_dump(data, allow_unicode=True, default_flow_style=draw(st.sampled_from([False, None, True])),
                          sort_keys=False)


@st.composite
def near_valid(draw) -> tuple[str, str]:
    """A minimal-programme file with one value replaced by a tricky scalar (so the rules run often)."""
    rel = draw(st.sampled_from(sorted(ORIGINAL)))
    lines = ORIGINAL[rel].decode().splitlines()
    for _ in range(draw(st.integers(1, 3))):
        i = draw(st.integers(0, len(lines) - 1))
        key, sep, _ = lines[i].partition(": ")
        if sep:
            lines[i] = f"{key}: {draw(st.sampled_from(SCALARS))}"
    return rel, "\n".join(lines) + "\n"


yamlish = st.one_of(yaml_lines(), token_soup, well_formed())


# ------------------------------------------------------------------ (a) arbitrary bytes

@FUZZ
@given(kind=kinds, raw=st.binary(max_size=2048))
def test_arbitrary_bytes_never_raise(base, kind, raw):
    with Written(base, TARGETS[kind], raw):
        assert_well_formed(check(base, cache_dir=None).problems, base)


@FUZZ
@given(target=mutated())
def test_mutated_files_never_raise(base, target):
    rel, raw = target
    with Written(base, rel, raw):
        assert_well_formed(check(base, cache_dir=None).problems, base)


@FUZZ
@given(target=near_valid())
def test_tricky_values_in_real_files_never_raise(base, target):
    rel, text = target
    with Written(base, rel, text.encode()):
        assert_well_formed(check(base, cache_dir=None).problems, base)


# ------------------------------------------------------------------ (b) YAML-ish text

@FUZZ
@given(kind=kinds, text=yamlish)
def test_yamlish_text_never_raises(base, kind, text):
    with Written(base, TARGETS[kind], text.encode("utf-8", "surrogatepass")):
        assert_well_formed(check(base, cache_dir=None).problems, base)


@FUZZ
@given(kind=kinds, text=yaml_lines())
def test_problems_point_inside_the_file(base, kind, text):
    """Lines are counted the way git and GitHub count them: a problem never points past the end."""
    rel = TARGETS[kind]
    with Written(base, rel, text.encode()):
        problems = check(base, cache_dir=None).problems
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    for p in problems:
        if p.file == rel:
            assert p.line <= len(lines) + 1, f"{p.file}:{p.line}:{p.column}: {p.code} — the file has {len(lines)} lines"


# ------------------------------------------------------------------ (c) the CLI's JSON

@FUZZ
@given(kind=kinds, text=yamlish)
def test_cli_json_is_always_valid(base, kind, text):
    runner = CliRunner()
    with Written(base, TARGETS[kind], text.encode("utf-8", "surrogatepass")):
        result = runner.invoke(cli, ["check", "--format", "json", str(base)], catch_exceptions=False)
    assert result.exit_code in (0, 1), result.output
    items = json.loads(result.stdout)
    assert isinstance(items, list)
    assert (result.exit_code == 1) == any(item["severity"] == "error" for item in items)
    for item in items:
        assert set(item) == JSON_KEYS, item
        assert isinstance(item["line"], int) and item["line"] >= 1, item
        assert isinstance(item["column"], int) and item["column"] >= 1, item
        assert item["code"] in CATALOGUE and item["severity"] == CATALOGUE[item["code"]].severity, item
        assert isinstance(item["message"], str) and item["message"].strip(), item


@FUZZ
@given(raw=st.binary(max_size=512))
def test_cli_json_survives_arbitrary_bytes(base, raw):
    runner = CliRunner()
    with Written(base, TARGETS["contribution"], raw):
        result = runner.invoke(cli, ["--lang", "en", "check", "--format", "json", "--no-cache", str(base)],
                               catch_exceptions=False)
    assert result.exit_code in (0, 1), result.output
    for item in json.loads(result.stdout):
        assert set(item) == JSON_KEYS, item


# ------------------------------------------------------------------ check never writes into the data tree

def snapshot(root: Path) -> dict[str, tuple]:
    """Every entry under root: kind, bytes (files), link target (links) and mtime."""
    state = {}
    for dirpath, dirnames, filenames in os.walk(root):
        for name in dirnames + filenames:
            path = Path(dirpath) / name
            rel = path.relative_to(root).as_posix()
            info = os.lstat(path)
            if path.is_symlink():
                state[rel] = ("link", os.readlink(path), info.st_mtime_ns)
            elif path.is_dir():
                state[rel] = ("dir", sorted(os.listdir(path)), info.st_mtime_ns)
            else:
                state[rel] = ("file", path.read_bytes(), info.st_mtime_ns, info.st_mode)
    state["."] = ("dir", sorted(os.listdir(root)), os.lstat(root).st_mtime_ns)
    return state


@pytest.mark.parametrize("broken", [False, True], ids=["clean", "broken"])
def test_check_never_writes_into_the_data_tree(tmp_path, minimal, broken, monkeypatch):
    root = tmp_path / "programme"
    files = dict(minimal)
    if broken:
        files.update({
            "kocs/wang-wu.yaml": "name: [\n",
            "kocs/han-meimei.yaml": "name: 韩梅梅\ncitty: 上海\n",
            "tasks/deep-review/li-lei.yaml": "koc: li-lie\ntitle: x\ndate: 2025-08-10\n",
            "tasks/orphan/x.yaml": "koc: li-lei\ntitle: x\ndate: 2025-07-10\n",
            "kocs/notes.txt": "x\n",
            "kocsite.yml": "brand: 示例\n",
        })
    for rel, text in files.items():
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_text(text, encoding="utf-8")
    os.symlink("/etc/passwd", root / "kocs/evil.yaml")
    before = snapshot(root)
    cache = tmp_path / "cache-elsewhere"
    monkeypatch.setenv("KOCSITE_CACHE_DIR", str(cache))
    monkeypatch.chdir(root)  # a tool that writes into the working directory would write into the tree
    for _ in range(2):  # a cold and a warm cache
        check(root, cache_dir=cache)
        check(root, cache_dir=None)
    runner = CliRunner()
    for fmt in ("text", "json", "github", "gitlab"):
        result = runner.invoke(cli, ["check", "--format", fmt, str(root)], catch_exceptions=False)
        assert result.exit_code == 1  # the symlink is an error
    result = runner.invoke(cli, ["check", "--format", "json"], catch_exceptions=False)
    assert result.exit_code == 1
    assert snapshot(root) == before
    assert cache.is_dir() and list(cache.iterdir()), "the cache should have been written, outside the tree"


def test_fuzz_targets_exist_in_the_minimal_programme():
    assert {rel for rel in TARGETS.values()} - set(ORIGINAL) == {"kocsite.yml", "kocs/wang-wu.yaml"}
