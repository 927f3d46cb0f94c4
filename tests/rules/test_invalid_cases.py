"""Bad input, case by case: every problem at its exact place, and nothing more.

Each directory under tests/data/invalid/ is one case: the files that differ from the minimal valid
programme (tests/conftest.py MINIMAL), copied over it byte for byte, an optional `delete.txt`
(MINIMAL files to remove, one per line) and `expected.txt`, one expected problem per line as
`path:line:column: CODE`. The problems found must equal expected.txt exactly, as a multiset: two
problems at the same place with the same code (e.g. two missing fields of one mapping) are two lines.

A few cases cannot be committed as files (a 4 MiB file, 100 KB of brackets, symbolic links): their
directory holds expected.txt only and GENERATORS below writes the files. The deepest nesting cases
run in a child process, so a crash of libyaml fails the test instead of killing the test run.

tests/data/valid/ holds programmes that must check clean (text that YAML 1.1 would have turned into
booleans or numbers, a BOM, CRLF line endings, document markers).
"""

from __future__ import annotations

import builtins
import io
import json
import os
import re
import subprocess
import sys
from collections import Counter
from pathlib import Path
from typing import Callable

import pytest

from kocsite.checker import check
from kocsite.core.problems import CATALOGUE
from kocsite.models.programme import load_programme
from kocsite.files.source import MAX_FILE_BYTES
from tests_support import REPO

DATA = REPO / "tests" / "data"
INVALID = sorted(p for p in (DATA / "invalid").iterdir() if p.is_dir())
VALID = sorted(p for p in (DATA / "valid").iterdir() if p.is_dir())
META = {"expected.txt", "delete.txt"}
_LINE = re.compile(r"^(?P<file>.+):(?P<line>\d+):(?P<column>\d+): (?P<code>[EW]\d{3})$")
_PLACEHOLDER = re.compile(r"\{[A-Za-z_][A-Za-z0-9_]*\}")

Found = tuple[str, int, int, str]


# ------------------------------------------------------------------ files the test writes itself

def _too_large(root: Path) -> None:
    head = "name: 王五\nbio: ".encode()
    (root / "kocs/wang-wu.yaml").write_bytes(head + b"x" * (MAX_FILE_BYTES + 1 - len(head) - 1) + b"\n")
    assert (root / "kocs/wang-wu.yaml").stat().st_size == MAX_FILE_BYTES + 1


def _deep_flow(root: Path) -> None:
    depth = 50_000
    (root / "kocs/han-meimei.yaml").write_text(
        "name: 韩梅梅\ninterests: " + "[" * depth + "]" * depth + "\n", encoding="utf-8")
    (root / "kocs/wang-wu.yaml").write_text("{a: " * depth + "}" * depth + "\n", encoding="utf-8")


def _deep_block(root: Path) -> None:
    (root / "kocs/han-meimei.yaml").write_text(
        "name: 韩梅梅\ninterests:\n  " + "- " * 50_000 + "x\n", encoding="utf-8")


def _secret(root: Path) -> Path:
    """A file outside the programme that must never be read: reading it would give E004."""
    secret = root.parent / "outside" / "secret.yaml"
    secret.parent.mkdir(parents=True, exist_ok=True)
    secret.write_text("password: [hunter2\n", encoding="utf-8")
    return secret


def _links_to_outside(root: Path) -> None:
    os.symlink("/etc/passwd", root / "kocs/evil.yaml")
    os.symlink(_secret(root), root / "tasks/deep-review/leak.yaml")


def _linked_dir_and_relative_link(root: Path) -> None:
    os.symlink("/etc", root / "tasks/deep-review/etc", target_is_directory=True)
    os.symlink("../kocs/li-lei.yaml", root / "campaigns/copy.yaml")


def _not_regular_files(root: Path) -> None:
    import socket

    os.mkfifo(root / "kocs/pipe.yaml")
    os.mkfifo(root / "tasks/deep-review/pipe.yaml")
    with socket.socket(socket.AF_UNIX) as sock:
        sock.bind(str(root / "campaigns/sock.yaml"))


def _interrupted_close(root: Path) -> None:
    (root / ".kocsite-tmp-journal-close-cockpit.json").write_text('{"moves": []}', encoding="utf-8")


def _confirmations_in_git(root: Path) -> None:
    """A real git repository: li-lei confirms their own share (fine), then also han-meimei's (E826), and a
    third confirmation is left uncommitted (W827)."""
    import git

    def joint(li: str = "", han: str = "") -> str:
        return ("title: 联合拆解 01\ndate: 2025-07-10\nauthors:\n  - koc: li-lei\n    share: 60\n" + li
                + "  - koc: han-meimei\n    share: 40\n" + han
                + "review:\n  status: approved\n  reviewer: 王运营\n  date: 2025-07-11\n")

    def commit(name: str, email: str) -> None:
        repo.git.add(A=True)
        repo.index.commit(name, author=git.Actor(name, email), committer=git.Actor(name, email))

    one = root / "tasks" / "joint" / "one.yaml"
    one.parent.mkdir(parents=True, exist_ok=True)
    one.write_text(joint(), encoding="utf-8")
    repo = git.Repo.init(root)
    commit("运营", "ops@example.com")
    one.write_text(joint(li="    confirmed: 2025-07-12\n"), encoding="utf-8")
    commit("Li Lei", "lilei@example.com")
    one.write_text(joint(li="    confirmed: 2025-07-12\n", han="    confirmed: 2025-07-12\n"), encoding="utf-8")
    commit("Li Lei", "lilei@example.com")
    (root / "tasks" / "joint" / "two.yaml").write_text(
        joint(han="    confirmed: 2025-07-13\n").replace("联合拆解 01", "联合拆解 02"), encoding="utf-8")


GENERATORS: dict[str, Callable[[Path], None]] = {
    "share-confirmed-by-someone-else": _confirmations_in_git,
    "not-a-regular-file": _not_regular_files,
    "interrupted-close": _interrupted_close,
    "file-too-large": _too_large,
    "nesting-50000-deep-flow": _deep_flow,
    "nesting-50000-deep-block": _deep_block,
    "symlink-to-etc-passwd": _links_to_outside,
    "symlink-directory-and-relative-link": _linked_dir_and_relative_link,
}
IN_CHILD_PROCESS = {"nesting-50000-deep-flow", "nesting-50000-deep-block"}


# ------------------------------------------------------------------ helpers

def build(root: Path, minimal: dict[str, str], case: Path) -> Path:
    """The minimal programme, minus delete.txt, plus the case's files byte for byte."""
    deleted = set()
    if (case / "delete.txt").is_file():
        deleted = {line.strip() for line in (case / "delete.txt").read_text(encoding="utf-8").splitlines() if line.strip()}
        assert deleted <= set(minimal), f"delete.txt names files that are not in MINIMAL: {deleted - set(minimal)}"
    for rel, text in minimal.items():
        if rel in deleted:
            continue
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    for source in sorted(case.rglob("*")):
        rel = source.relative_to(case).as_posix()
        if source.is_dir() or rel in META:
            continue
        target = root / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(source.read_bytes())
    if case.name in GENERATORS:
        GENERATORS[case.name](root)
    return root


def expected_of(case: Path) -> Counter[Found]:
    found: Counter[Found] = Counter()
    for number, line in enumerate((case / "expected.txt").read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        match = _LINE.match(line)
        assert match, f"{case.name}/expected.txt:{number}: not 'path:line:column: CODE': {line!r}"
        found[(match["file"], int(match["line"]), int(match["column"]), match["code"])] += 1
    return found


CHILD_STACK = 1 << 20
"""The child checks on a thread with a 1 MiB stack: what a thread gets on macOS (512 KiB) or musl, or a
CI runner with `ulimit -s 1024`, must not crash libyaml either; Linux's 8 MiB main thread hides it."""

_CHILD = """
import json, sys, threading
from pathlib import Path
from kocsite.checker import check
out = []
def run():
    result = check(Path(sys.argv[1]), cache_dir=None)
    out.extend([p.file, p.line, p.column, p.code, p.message("zh"), p.message("en")] for p in result.problems)
threading.stack_size(int(sys.argv[2]))
worker = threading.Thread(target=run)
worker.start()
worker.join()
json.dump(out, sys.stdout)
"""


def problems_of(root: Path, in_child: bool = False) -> list[tuple[str, int, int, str, str, str]]:
    """(file, line, column, code, zh message, en message) of every problem `check` finds."""
    if not in_child:
        return [(p.file, p.line, p.column, p.code, p.message("zh"), p.message("en"))
                for p in check(root, cache_dir=None).problems]
    done = subprocess.run([sys.executable, "-c", _CHILD, str(root), str(CHILD_STACK)],
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, f"check crashed (exit {done.returncode}): {done.stderr[-2000:]}"
    return [tuple(item) for item in json.loads(done.stdout)]


def _show(found: Counter[Found]) -> str:
    return "\n".join(f"{f}:{line}:{col}: {code}" + (f"  (x{n})" if n > 1 else "")
                     for (f, line, col, code), n in sorted(found.items()))


@pytest.fixture(scope="module")
def all_results(tmp_path_factory) -> dict[str, list[tuple[str, int, int, str, str, str]]]:
    """Every invalid case checked once (in-process cases only), for the tests about messages."""
    minimal = _minimal_texts()
    results = {}
    for case in INVALID:
        if case.name in IN_CHILD_PROCESS:
            continue
        root = build(tmp_path_factory.mktemp(case.name) / "programme", minimal, case)
        results[case.name] = problems_of(root)
    return results


def _minimal_texts() -> dict[str, str]:
    import textwrap

    from conftest import MINIMAL

    return {rel: textwrap.dedent(text) for rel, text in MINIMAL.items()}


# ------------------------------------------------------------------ the cases

def test_there_are_enough_cases():
    assert len(INVALID) >= 45
    assert set(GENERATORS) <= {c.name for c in INVALID}, "a generator has no case directory"
    for case in INVALID:
        assert (case / "expected.txt").is_file(), f"{case.name} has no expected.txt"


@pytest.mark.parametrize("case", INVALID, ids=lambda p: p.name)
def test_invalid_case(case, tmp_path, minimal):
    root = build(tmp_path / "programme", minimal, case)
    problems = problems_of(root, in_child=case.name in IN_CHILD_PROCESS)
    found = Counter((f, line, col, code) for f, line, col, code, _, _ in problems)
    expected = expected_of(case)
    assert found == expected, (
        f"\nmissing:\n{_show(expected - found) or '-'}\nunexpected:\n{_show(found - expected) or '-'}\n"
        "messages:\n" + "\n".join(f"  {f}:{line}:{col}: {code} {en}" for f, line, col, code, _, en in problems))
    for f, line, col, code, zh, en in problems:
        for lang, message in (("zh", zh), ("en", en)):
            assert message.strip(), f"{f}:{line}:{col}: {code} has an empty {lang} message"
            assert not _PLACEHOLDER.search(message), f"{f}:{line}:{col}: {code} {lang} message not filled in: {message}"


def test_every_code_of_the_catalogue_is_exercised():
    covered = set()
    for case in INVALID:
        covered |= {code for _, _, _, code in expected_of(case)}
    for case in sorted(p for p in (DATA / "apply").iterdir() if p.is_dir()):  # kocsite apply (tests/people/test_application.py)
        covered |= {code for _, _, _, code in expected_of(case)}
    assert covered >= set(CATALOGUE), f"codes no case expects: {sorted(set(CATALOGUE) - covered)}"
    assert covered <= set(CATALOGUE), f"expected.txt names codes that do not exist: {sorted(covered - set(CATALOGUE))}"


@pytest.mark.parametrize("case", VALID, ids=lambda p: p.name)
def test_valid_case(case, tmp_path, minimal):
    root = build(tmp_path / "programme", minimal, case)
    problems = problems_of(root)
    assert problems == [], "\n".join(f"{f}:{line}:{col}: {code} {en}" for f, line, col, code, _, en in problems)


def test_text_fields_keep_exactly_what_was_typed(tmp_path, minimal):
    """`no`, `on`, `yes`, `010`, `12:30`, `1e3` and dates in text fields stay the text typed."""
    root = build(tmp_path / "programme", minimal, DATA / "valid" / "text-keeps-what-was-typed")
    loaded = load_programme(root)
    assert loaded.problems == []
    koc = loaded.kocs["han-meimei"]
    assert (koc.name, koc.city, koc.bio) == ("no", "on", "yes")
    assert koc.interests == ["no", "off", "y", "n", "true", "null", "010", "12:30", "1e3", "2025-07-01", "0x1F"]
    assert koc.cars[0].model == "010"
    assert koc.platforms[0].handle == "0123456"
    assert (koc.private.phone, koc.private.wechat, koc.private.notes) == ("13800138000", "12:30", "NO")
    task = loaded.tasks["other"]
    assert (task.title, task.description, task.points) == ("010", "yes", 100)
    assert task.exploration.failure_allowed is False and task.exploration.hypothesis == "on"
    assert task.tags == ["yes", "no", "on", "off"]


def test_deep_nesting_in_a_small_file_does_not_crash(tmp_path, minimal):
    """8 000 levels fit in 16 KB, under the size below which source.py composes without a depth scan."""
    root = tmp_path / "programme"
    for rel, text in minimal.items():
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_text(text, encoding="utf-8")
    (root / "kocs/han-meimei.yaml").write_text("name: 韩梅梅\ninterests: " + "[" * 8000 + "]" * 8000 + "\n",
                                               encoding="utf-8")
    assert (root / "kocs/han-meimei.yaml").stat().st_size < 16 * 1024
    found = {(f, line, col, code) for f, line, col, code, _, _ in problems_of(root, in_child=True)}
    assert ("kocs/han-meimei.yaml", 2, 43, "E009") in found


# ------------------------------------------------------------------ symbolic links are never followed

def test_a_symlinked_file_is_never_opened(tmp_path, minimal, monkeypatch):
    root = build(tmp_path / "programme", minimal, DATA / "invalid" / "symlink-to-etc-passwd")
    links = {root / "kocs/evil.yaml", root / "tasks/deep-review/leak.yaml"}
    forbidden = {Path("/etc/passwd").resolve(), (tmp_path / "outside" / "secret.yaml").resolve()}
    opened: list[Path] = []

    def spy(real):
        def wrapper(file, *args, **kwargs):
            if isinstance(file, (str, bytes, os.PathLike)):
                path = Path(os.fsdecode(file))
                opened.append(path)
                opened.append(path.resolve())
            return real(file, *args, **kwargs)
        return wrapper

    monkeypatch.setattr(builtins, "open", spy(builtins.open))
    monkeypatch.setattr(io, "open", spy(io.open))
    monkeypatch.setattr(os, "open", spy(os.open))
    problems = check(root, cache_dir=tmp_path / "cache").problems
    assert {(p.file, p.code) for p in problems} == {("kocs/evil.yaml", "E012"), ("tasks/deep-review/leak.yaml", "E012")}
    assert opened, "the spy saw no file being opened at all: it is not watching the right function"
    assert not [p for p in opened if p in forbidden or p in links]


# ------------------------------------------------------------------ messages an operator understands

_CJK = re.compile(r"[\u3000-\u303f\u3400-\u9fff\uff00-\uffef]")
_QUOTED = re.compile(r"'[^']*'")
_ENGLISH_PHRASE = re.compile(r"[A-Za-z]{2,} [A-Za-z]{2,} [A-Za-z]{2,}")


def _unquoted(message: str) -> str:
    """The message without the quoted data values it repeats ('li-lie', 'name：韩梅梅' …)."""
    return _QUOTED.sub("''", message)


def _offenders(results, test: Callable[[str, str, str], bool]) -> list[str]:
    return [f"{case}: {f}:{line}:{col}: {code} | zh: {zh} | en: {en}"
            for case, problems in sorted(results.items())
            for f, line, col, code, zh, en in problems if test(code, zh, en)]


def test_english_messages_are_english(all_results):
    bad = _offenders(all_results, lambda code, zh, en: bool(_CJK.search(_unquoted(en))))
    assert not bad, "English messages with Chinese text outside the quoted values:\n" + "\n".join(bad)


def test_english_messages_use_an_before_a_vowel(all_results):
    bad = _offenders(all_results, lambda code, zh, en: bool(re.search(r"\ba [aeiou]", _unquoted(en))))
    assert not bad, "'a' before a vowel:\n" + "\n".join(bad)


def test_chinese_messages_are_chinese(all_results):
    """Choice lists and YAML syntax details are translated too, not left in English."""
    def english_left(code, zh, en):
        return "' or '" in zh or bool(_ENGLISH_PHRASE.search(_unquoted(zh)))
    bad = _offenders(all_results, english_left)
    assert not bad, "Chinese messages with untranslated English:\n" + "\n".join(bad)


def test_messages_do_not_leak_python_internals(all_results):
    leaks = ("Value error", "sys.set_int_max_str_digits", "Traceback", "pydantic", "<unicode string>")
    bad = _offenders(all_results, lambda code, zh, en: any(x in zh or x in en for x in leaks))
    assert not bad, "messages that show Python internals to an operator:\n" + "\n".join(bad)


def test_a_too_long_id_is_called_too_long(all_results):
    """'wang-wang-…-wu' is lowercase letters and hyphens: the message must say what is wrong (length)."""
    (problem,) = all_results["slug-too-long"]
    assert "64" in problem[5] and "64" in problem[4], problem
