"""The exported JSON Schemas, tested with the real client editors' CI uses: check-jsonschema.

(a) Every sample data file of this repository and every data file `kocsite init` writes validates.
(b) Single mutations of sample files: `kocsite check` and check-jsonschema give the same verdict,
    and it is the expected one. Reference problems (unknown ids) are not schema matters: a mutation
    never introduces one, and the E1xx codes are left out of check's verdict.
(c) What JSON Schema cannot see (how a number was written: 08200, 8.2e3, 1_000) is refused by check,
    accepted by the schema, and said in that field's description.

check-jsonschema runs as a subprocess, one call per schema kind, and only which files failed is
read from its JSON report — never its messages.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from kocsite.checker import check
from kocsite.publish.init import init_programme
from kocsite.core.problems import ERROR
from tests_support import REPO

CHECK_JSONSCHEMA = Path(sys.executable).with_name("check-jsonschema")
SAMPLE_FOLDERS = ("kocs", "campaigns", "tasks", "insights", "ledgers", "redemptions", "sentiment")
KIND_OF_FOLDER = {"campaigns": "campaign", "kocs": "koc", "tasks": "task", "ledgers": "ledger", "insights": "insight",
                  "redemptions": "redemption"}


def kind_of(rel: str) -> str:
    parts = rel.split("/")
    if rel == "kocsite.yml":
        return "settings"
    if parts[0] == "tasks" and len(parts) == 3:
        return "contribution"
    if parts[0] == "sentiment" and len(parts) == 3:
        return "sentiment"
    return KIND_OF_FOLDER[parts[0]]


def data_files(root: Path) -> list[str]:
    rels = ["kocsite.yml"] if (root / "kocsite.yml").is_file() else []
    for folder in SAMPLE_FOLDERS:
        rels += sorted(p.relative_to(root).as_posix() for p in (root / folder).rglob("*.yaml"))
    return rels


def schema_failures(root: Path, rels: list[str], schemas: Path = REPO / "schemas") -> set[str]:
    """The files check-jsonschema refuses, one run per kind."""
    by_kind: dict[str, list[str]] = {}
    for rel in rels:
        by_kind.setdefault(kind_of(rel), []).append(rel)
    failed: set[str] = set()
    for kind, files in sorted(by_kind.items()):
        run = subprocess.run(
            [str(CHECK_JSONSCHEMA), "--schemafile", str(schemas / f"{kind}.schema.json"), "-o", "json", *files],
            cwd=root, capture_output=True, text=True, timeout=120)
        assert run.returncode in (0, 1), run.stderr
        report = json.loads(run.stdout)
        failed |= {Path(e["filename"]).as_posix() for e in report.get("errors", []) + report.get("parse_errors", [])}
    return failed


def check_failures(root: Path, tmp_path: Path) -> set[str]:
    """The files `kocsite check` finds errors in, leaving out reference problems (E1xx)."""
    result = check(root, cache_dir=tmp_path / "cache")
    return {p.file for p in result.problems if p.severity == ERROR and not p.code.startswith("E1")}


def copy_sample(target: Path) -> Path:
    for folder in SAMPLE_FOLDERS:
        shutil.copytree(REPO / folder, target / folder)
    shutil.copy(REPO / "kocsite.yml", target / "kocsite.yml")
    return target


# --- (a) everything real validates -------------------------------------------------------------

def test_every_sample_file_validates_with_check_jsonschema(tmp_path):
    rels = data_files(REPO)
    assert len(rels) > 100 and {kind_of(r) for r in rels} == {
        "settings", "koc", "campaign", "task", "contribution", "insight", "ledger", "redemption", "sentiment"}
    assert schema_failures(REPO, rels) == set()


def test_every_file_init_writes_validates_with_check_jsonschema(tmp_path):
    init_programme(tmp_path / "brand")
    root = tmp_path / "brand"
    rels = data_files(root)
    assert {kind_of(r) for r in rels} >= {"settings", "koc", "campaign", "task", "contribution"}
    assert check_failures(root, tmp_path) == set()
    assert schema_failures(root, rels, schemas=root / "schemas") == set()


# --- (b) single mutations: the same verdict --------------------------------------------------------

KOC = "kocs/xiaobei-ev.yaml"
WORK = "tasks/cockpit-review-video/tc-liaoche.yaml"
TASK = "tasks/wechat-channels-live.yaml"
INSIGHT = "insights/charging-map-queue.yaml"
CAMPAIGN = "campaigns/cockpit-deep-experience.yaml"
SETTINGS = "kocsite.yml"
END = r"\Z"

VALID, INVALID = "valid", "invalid"

# (name, file, regex matched once, replacement, expected verdict of both)
MUTATIONS = [
    ("unknown top-level key", KOC, END, "nmae: 小北\n", INVALID),
    ("unknown nested key", KOC, r"  - platform: xiaohongshu\n", "  - platform: xiaohongshu\n    fans: 3\n", INVALID),
    ("unknown key in review", WORK, r"  quality: 1.2\n", "  quality: 1.2\n  score: 9\n", INVALID),
    ("negative followers", KOC, r"followers: 8200", "followers: -5", INVALID),
    ("level above 5", KOC, r"level: 3", "level: 6", INVALID),
    ("level 0", KOC, r"level: 3", "level: 0", INVALID),
    ("fractional count", KOC, r"followers: 8200", "followers: 8.5", INVALID),
    ("number of 16 digits", KOC, r"followers: 8200", "followers: 1234567890123456", INVALID),
    ("quoted count", KOC, r"followers: 8200", 'followers: "8200"', VALID),
    ("quoted leading zero", KOC, r"followers: 8200", 'followers: "08200"', INVALID),
    ("quoted exponent", KOC, r"followers: 8200", 'followers: "8.2e3"', INVALID),
    ("quoted thousands separator", WORK, r"chars: 3400", 'chars: "3,400"', INVALID),
    ("unquoted thousands separator", WORK, r"chars: 3400", "chars: 3,400", INVALID),
    ("exponent giving a fraction", WORK, r"chars: 3400", "chars: 34e-1", INVALID),
    ("a time in a number field", WORK, r"chars: 3400", "chars: 12:30", INVALID),
    ("negative quality", WORK, r"quality: 1.2", "quality: -1", INVALID),
    ("quality 0", WORK, r"quality: 1.2", "quality: 0", INVALID),
    ("quality above 5", WORK, r"quality: 1.2", "quality: 6", INVALID),
    ("quality 5", WORK, r"quality: 1.2", "quality: 5", VALID),
    ("quoted quality", WORK, r"quality: 1.2", 'quality: "1.5"', VALID),
    ("quoted quality above 5", WORK, r"quality: 1.2", 'quality: "5.5"', INVALID),
    ("negative exposure", WORK, r"exposure: 690000", "exposure: -1", INVALID),
    ("negative budget", TASK, r"budget_fen: 600000", "budget_fen: -100", INVALID),
    ("fractional fen", TASK, r"budget_fen: 600000", "budget_fen: 6000.5", INVALID),
    ("goal target 0", CAMPAIGN, r"target: 50", "target: 0", INVALID),
    ("availability not in the list", KOC, r"availability: available", "availability: holiday", INVALID),
    ("pipeline stage not in the list", KOC, r"stage: discovered", "stage: hired", INVALID),
    ("review status not in the list", WORK, r"status: approved", "status: done", INVALID),
    ("quadrant not in the list", TASK, r"quadrant: exploration", "quadrant: experiment", INVALID),
    ("campaign status not in the list", CAMPAIGN, r"status: running", "status: finished", INVALID),
    ("insight status not in the list", INSIGHT, r"status: in-progress", "status: doing", INVALID),
    ("missing name", KOC, r"name: 小北的电车日记\n", "", INVALID),
    ("missing contribution date", WORK, r"date: 2026-11-19\n", "", INVALID),
    ("missing pipeline source", KOC, r"  source: public-domain\n", "", INVALID),
    ("missing insight kocs", INSIGHT, r"kocs:\n  - ningning-zijia\n  - susu-notes\n", "", INVALID),
    ("empty name", KOC, r"name: 小北的电车日记", 'name: ""', INVALID),
    ("null name", KOC, r"name: 小北的电车日记", "name: ~", INVALID),
    ("a number as a name", KOC, r"name: 小北的电车日记", "name: 2024", VALID),
    ("a boolean word as text", KOC, r"city: 哈尔滨", "city: true", VALID),
    ("a number as a handle", KOC, r"handle: 小北的电车日记", "handle: 12345", VALID),
    ("no such day", KOC, r"discovered: 2026-11-10", "discovered: 2026-11-31", INVALID),
    ("slashes in a date", KOC, r"discovered: 2026-11-10", "discovered: 2026/11/10", INVALID),
    ("one-digit month", KOC, r"discovered: 2026-11-10", "discovered: 2026-1-10", INVALID),
    ("date with a time", WORK, r"date: 2026-11-19", "date: 2026-11-19T10:00:00", INVALID),
    ("quoted date", KOC, r"discovered: 2026-11-10", 'discovered: "2026-11-10"', VALID),
    ("yes as a boolean", TASK, r"failure_allowed: true", "failure_allowed: yes", INVALID),
    ("quoted boolean", TASK, r"failure_allowed: true", 'failure_allowed: "false"', VALID),
    ("a number as a boolean", INSIGHT, r"public: true", "public: 1", INVALID),
    ("uppercase id", KOC, r"skill: data-analysis", "skill: Data-Analysis", INVALID),
    ("underscore in an id", WORK, r"koc: tc-liaoche", "koc: zhao_tiancheng", INVALID),
    ("id of 65 characters", WORK, r"platform: bilibili", "platform: " + "b" * 65, INVALID),
    ("link without a scheme", KOC, r"url: https://www\.xiaohongshu\.com", "url: www.xiaohongshu.com", INVALID),
    ("ftp link", WORK, r"url: https://", "url: ftp://", INVALID),
    ("mapping where a list belongs", KOC, r"skills:\n  - skill: data-analysis\n    level: 3\n  - skill: copywriting\n    level: 2\n",
     "skills:\n  skill: data-analysis\n  level: 3\n", INVALID),
    ("text where a list belongs", KOC, r"interests:\n  - 冬季续航\n", "interests: 冬季续航\n", INVALID),
    ("list where a mapping belongs", KOC, r"private:\n  notes:", "private:\n  - notes:", INVALID),
    ("list where text belongs", WORK, r"excerpt: [^\n]*", "excerpt: [a, b]", INVALID),
    ("empty list that needs an item", INSIGHT, r"kocs:\n  - ningning-zijia\n  - susu-notes\n", "kocs: []\n", INVALID),
    ("pending review with a quality", WORK, r"status: approved", "status: pending", INVALID),
    ("rejected without a reason", WORK, r"status: approved\n  reviewer: 周晴\n  date: 2026-11-19\n  quality: 1.2\n",
     "status: rejected\n  reviewer: 周晴\n  date: 2026-11-19\n", INVALID),
    ("rejected with its reason", WORK, r"status: approved\n  reviewer: 周晴\n  date: 2026-11-19\n  quality: 1.2\n",
     "status: rejected\n  reviewer: 周晴\n  date: 2026-11-19\n  reason: 与主题无关\n", VALID),
    ("approved without a reviewer", WORK, r"  reviewer: 周晴\n", "", INVALID),
    ("an exploration block on another quadrant", TASK, r"quadrant: exploration", "quadrant: spontaneous", INVALID),
    ("settings: unknown key", SETTINGS, END, "colour: red\n", INVALID),
    ("settings: language not in the list", SETTINGS, r"language: zh", "language: fr", INVALID),
    ("settings: negative points", SETTINGS, r"check_in: 1", "check_in: -1", INVALID),
    ("settings: site link without a scheme", SETTINGS, r"url: https://koc", "url: koc", INVALID),
]

# How a number was written: check refuses it, an editor's YAML parser reads an ordinary number.
SCHEMA_CANNOT_SEE = [
    ("unquoted leading zero", KOC, r"followers: 8200", "followers: 08200", "PlatformAccount", "followers"),
    ("unquoted exponent", KOC, r"followers: 8200", "followers: 8.2e3", "PlatformAccount", "followers"),
    ("exponent in a decimal", WORK, r"quality: 1.2", "quality: 1.2e0", "Review", "quality"),
    ("underscore separator", TASK, r"budget_fen: 600000", "budget_fen: 600_000", "Exploration", "budget_fen"),
    ("hexadecimal", WORK, r"exposure: 690000", "exposure: 0x10", "Metrics", "exposure"),
]


def _mutated_name(rel: str, n: int) -> str:
    path = Path(rel)
    if rel == SETTINGS:
        return rel
    return (path.parent / f"m{n:02d}-{path.name}").as_posix()


def _mutate(root: Path, rel: str, target: str, pattern: str, replacement: str) -> None:
    text = (REPO / rel).read_text(encoding="utf-8")
    if pattern == END:
        mutated, found = text + replacement, 1
    else:
        mutated, found = re.subn(pattern, lambda _: replacement, text, count=1)
    assert found == 1, f"the sample file {rel} changed: {pattern!r} not found"
    if target != rel and rel.startswith("tasks/") and rel.count("/") == 2:
        # a copy of a contribution is the same work submitted twice (E822): give the copy its own link
        mutated = re.sub(r"(?m)^(\s*url: https?://\S+)$", rf"\1?copy={Path(target).stem}", mutated)
    (root / target).write_text(mutated, encoding="utf-8")


def _verdicts(tmp_path: Path, cases: list[tuple[str, str, str, str]]) -> dict[str, tuple[str, str]]:
    """name → (check's verdict, check-jsonschema's verdict), entity mutations batched in one programme."""
    verdicts: dict[str, tuple[str, str]] = {}
    batch = copy_sample(tmp_path / "batch")
    targets: dict[str, str] = {}
    for n, (name, rel, pattern, replacement) in enumerate(cases):
        if rel == SETTINGS:
            root = copy_sample(tmp_path / f"settings-{n}")
            _mutate(root, rel, rel, pattern, replacement)
            verdicts[name] = _verdict_of(root, tmp_path / f"settings-{n}-cache", rel)
        else:
            targets[name] = _mutated_name(rel, n)
            _mutate(batch, rel, targets[name], pattern, replacement)
    in_check = check_failures(batch, tmp_path)
    in_schema = schema_failures(batch, sorted(targets.values()))
    for name, target in targets.items():
        verdicts[name] = (INVALID if target in in_check else VALID, INVALID if target in in_schema else VALID)
    return verdicts


def _verdict_of(root: Path, cache: Path, rel: str) -> tuple[str, str]:
    return (INVALID if rel in check_failures(root, cache) else VALID,
            INVALID if rel in schema_failures(root, [rel]) else VALID)


@pytest.fixture(scope="module")
def mutation_verdicts(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("mutations")
    cases = [(m[0], m[1], m[2], m[3]) for m in MUTATIONS] + [(c[0], c[1], c[2], c[3]) for c in SCHEMA_CANNOT_SEE]
    return _verdicts(tmp, cases)


def test_the_table_covers_every_kind_of_mistake():
    assert len(MUTATIONS) >= 30
    assert len({m[0] for m in MUTATIONS}) == len(MUTATIONS)
    assert {m[4] for m in MUTATIONS} == {VALID, INVALID}


@pytest.mark.parametrize("name, rel, pattern, replacement, expected", MUTATIONS, ids=[m[0] for m in MUTATIONS])
def test_check_and_check_jsonschema_agree(mutation_verdicts, name, rel, pattern, replacement, expected):
    by_check, by_schema = mutation_verdicts[name]
    assert (by_check, by_schema) == (expected, expected), f"check: {by_check}, check-jsonschema: {by_schema}"


@pytest.mark.parametrize("name, rel, pattern, replacement, model, field", SCHEMA_CANNOT_SEE,
                         ids=[c[0] for c in SCHEMA_CANNOT_SEE])
def test_what_the_schema_cannot_see_is_said_in_the_description(mutation_verdicts, name, rel, pattern, replacement,
                                                               model, field):
    assert mutation_verdicts[name] == (INVALID, VALID)
    document = json.loads((REPO / "schemas" / f"{kind_of(rel)}.schema.json").read_text(encoding="utf-8"))
    description = document["definitions"][model]["properties"][field]["description"]
    assert "012600" in description and "1.5e4" in description and "1_000" in description


def test_the_unmutated_copies_are_valid(tmp_path):
    """The copies themselves (under new names) raise nothing: a verdict comes from the mutation alone."""
    root = copy_sample(tmp_path / "copies")
    targets = []
    for n, rel in enumerate(sorted({m[1] for m in MUTATIONS} - {SETTINGS})):
        targets.append(_mutated_name(rel, n))
        _mutate(root, rel, targets[-1], END, "")
    assert check_failures(root, tmp_path) & set(targets) == set()
    assert schema_failures(root, targets) == set()
