"""`kocsite import kocs FILE.csv`: KOC profile files from a CSV export of the shared candidate database.

Each row becomes the dict a `kocs/<id>.yaml` file would give, with a node tree whose positions are the
row's CSV line and the 1-based column of each cell; it then goes through exactly what `kocsite check`
runs on a KOC file (kocsite.models.validate with the Koc model, then the KOC file rules against the
programme's skill and platform catalogues). So every problem carries the same code and message as in
check, at `FILE.csv:row:column`. Nothing is written unless every row is valid.
"""

from __future__ import annotations

import csv
import io
import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from yaml.error import Mark
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from kocsite.rules.context import FileContext
from kocsite.rules.koc import check_koc
from kocsite.files.layout import DataFile, discover
from kocsite.core.atomic import Transaction, WriteError
from kocsite.rules.engine import load_settings, locate
from kocsite.models import Koc, Settings
from kocsite.core.ids import is_reserved_name, is_slug
from kocsite.core.problems import Problem, problem, sort_problems
from kocsite.core.suggest import hint
from kocsite.models.validate import validate

MODELINE = "# yaml-language-server: $schema=../schemas/koc.schema.json"

PROFILE_COLUMNS = ("id", "name", "city", "bio", "joined", "availability", "skills", "interests")
PIPELINE_COLUMNS = ("source", "channel", "stage", "discovered", "representative_work")
PLATFORM_COLUMNS = ("platform", "handle", "url", "followers")
SIGNAL_COLUMNS = ("posts", "quality_interactions", "answered_questions", "tenure_months", "login_days", "purchases")
PRIVATE_COLUMNS = ("real_name", "phone", "wechat", "address", "notes")
COLUMNS = PROFILE_COLUMNS + PIPELINE_COLUMNS + PLATFORM_COLUMNS + SIGNAL_COLUMNS + PRIVATE_COLUMNS
REQUIRED_COLUMNS = ("id", "name", "source")
DEFAULT_STAGE = "discovered"

COLUMN_HELP = """\b
Columns (first row = header, in any order; only id, name and source are required; empty cells are left out):
  id                    the KOC id and file name: kocs/<id>.yaml (lowercase letters, digits, hyphens)
  name                  public display name or nickname
  city, bio             public profile
  joined                YYYY-MM-DD
  availability          available | busy | unavailable
  skills                skill ids of kocsite.yml, optionally with a level 1-5: video-editing:4;photography
  interests             separated by ; or 、
  source                private-domain (私域) | public-domain (公域)
  channel               where exactly, e.g. 车主群 or 小红书关键词观察列表
  stage                 discovered (default) | contacted | activated | active | paused | alumni
  discovered            YYYY-MM-DD
  representative_work   a link (https://…)
  platform, handle, url one platform account: a platform id of kocsite.yml, the handle, a link
  followers             that account's followers (also recorded as the followers signal)
  posts, quality_interactions, answered_questions, tenure_months, login_days, purchases
                        whole numbers ≥ 0: the pipeline signals candidate scoring weighs
  real_name, phone, wechat, address, notes
                        PRIVATE: written under private:, never published"""

_INVISIBLE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u2028\u2029]")  # as kocsite.files.source: E016
_LIST_SEPARATORS = re.compile(r"[;；、]")
_LEVEL_SEPARATOR = re.compile(r"[:：]")
_STR_TAG, _SEQ_TAG, _MAP_TAG = "tag:yaml.org,2002:str", "tag:yaml.org,2002:seq", "tag:yaml.org,2002:map"


class CsvReadError(Exception):
    """The file cannot be read at all (not UTF-8): one problem, nothing else to report."""

    def __init__(self, found: Problem) -> None:
        super().__init__(found.code)
        self.problem = found


@dataclass
class Planned:
    koc: str
    rel: str
    """kocs/<id>.yaml, relative to the programme root."""
    text: str
    preview: str
    """The same YAML with private values masked, for the dry run."""


@dataclass
class ImportPlan:
    files: list[Planned] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    rows: int = 0
    language: str = "zh"
    """The programme's `language` setting."""


def plan_import(root: Path, csv_path: Path, label: str | None = None) -> ImportPlan:
    """Read and validate the whole CSV; the files to write, or the problems (then nothing may be written)."""
    label = label or str(csv_path)
    files, _ = discover(root)
    settings = load_settings(root, files).model
    text = decode_csv(csv_path.read_bytes(), label)
    plan = plan_from_text(root, settings, text, label)
    plan.language = settings.language
    return plan


def decode_csv(raw: bytes, label: str) -> str:
    """UTF-8, with or without a BOM. Anything else (GBK from Excel …) is refused with E002 at the bad byte."""
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line_start = raw.rfind(b"\n", 0, exc.start) + 1
        column = len(raw[line_start:exc.start].decode("utf-8", errors="replace")) + 1
        raise CsvReadError(problem(label, raw.count(b"\n", 0, exc.start) + 1, column, "E002", offset=exc.start)) from None


def plan_from_text(root: Path, settings: Settings, text: str, label: str) -> ImportPlan:
    plan = ImportPlan()
    reader = csv.reader(io.StringIO(text, newline=""))
    header = next(reader, None)
    if header is None:
        plan.problems.append(problem(label, 1, 1, "E011", found="空文件", found_en="an empty file"))
        return plan
    index, header_problems = _header(header, label)
    if header_problems:
        plan.problems = sort_problems(header_problems)
        return plan
    seen: dict[str, int] = {}
    line = reader.line_num + 1
    for cells in reader:
        row_line, line = line, reader.line_num + 1
        if not any(c.strip() for c in cells):
            continue
        plan.rows += 1
        planned, found = _row(root, settings, label, row_line, cells, index, len(header), seen)
        plan.problems += found
        if planned is not None:
            plan.files.append(planned)
    plan.problems = sort_problems(plan.problems)
    return plan


def apply_plan(root: Path, plan: ImportPlan) -> list[Path]:
    """Write every planned file, all or nothing (kocsite.core.atomic.Transaction: an import interrupted
    after its commit point is finished by complete_pending); only ever called on a plan without problems."""
    if plan.problems:
        raise ValueError("a plan with problems is never written")
    existing = [p.rel for p in plan.files if (root / p.rel).exists()]
    if existing:  # created since the plan was made: still never overwritten
        raise FileExistsError(", ".join(existing))
    try:
        (root / "kocs").mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise WriteError(root / "kocs", exc) from None
    transaction = Transaction(root, "import-kocs")
    for planned in plan.files:
        transaction.stage(root / planned.rel, planned.text)
    transaction.commit()
    return [root / planned.rel for planned in plan.files]


# -- one row -------------------------------------------------------------------------------------

def _header(header: list[str], label: str) -> tuple[dict[str, int], list[Problem]]:
    """Column name → 0-based index; unknown, repeated or missing columns are problems on line 1."""
    index: dict[str, int] = {}
    found = []
    for i, raw_name in enumerate(header):
        name = raw_name.strip()
        if name in index:
            found.append(problem(label, 1, i + 1, "E504", what="列", what_en="column", ref=name, first_line=1))
        elif name not in COLUMNS:
            found.append(problem(label, 1, i + 1, "E201", key=name, **hint(name, COLUMNS)))
        else:
            index[name] = i
    for name in REQUIRED_COLUMNS:
        if name not in index:
            found.append(problem(label, 1, len(header) + 1, "E202", key=name))
    return index, found


class _Row:
    """Cells of one row as plain data and, alongside, nodes that point at their CSV cells."""

    def __init__(self, label: str, line: int, cells: list[str], index: dict[str, int]) -> None:
        self.label, self.line, self.index = label, line, index
        self.values = {name: cells[i].strip() if i < len(cells) else "" for name, i in index.items()}

    def col(self, name: str) -> int:
        return self.index.get(name, 0) + 1

    def mark(self, name: str) -> Mark:
        return Mark(self.label, 0, self.line - 1, self.col(name) - 1, None, None)

    def scalar(self, name: str, text: str | None = None) -> tuple[str, Node]:
        value = self.values[name] if text is None else text
        return value, ScalarNode(_STR_TAG, value, start_mark=self.mark(name), end_mark=self.mark(name))

    def mapping(self, items: list[tuple[str, tuple[Any, Node]]], at: str) -> tuple[dict[str, Any], Node]:
        """`at`: the column a missing required key of this mapping is reported on."""
        pairs = [(ScalarNode(_STR_TAG, key, start_mark=node.start_mark, end_mark=node.start_mark), node)
                 for key, (_, node) in items]
        return {k: v for k, (v, _) in items}, MappingNode(_MAP_TAG, pairs, start_mark=self.mark(at), end_mark=self.mark(at))

    def sequence(self, items: list[tuple[Any, Node]], at: str) -> tuple[list[Any], Node]:
        return [v for v, _ in items], SequenceNode(_SEQ_TAG, [n for _, n in items], start_mark=self.mark(at), end_mark=self.mark(at))

    def present(self, names: tuple[str, ...]) -> list[str]:
        return [n for n in names if self.values.get(n)]


_RESERVED_ZH = "这是 Windows 的保留设备名（con、nul、aux、com1、lpt1 等），不能用作文件名，请换一个"
_RESERVED_EN = "a Windows device name (con, nul, aux, com1, lpt1 …) cannot be a file name: choose another"


def _row(root: Path, settings: Settings, label: str, line: int, cells: list[str], index: dict[str, int],
         width: int, seen: dict[str, int]) -> tuple[Planned | None, list[Problem]]:
    row = _Row(label, line, cells, index)
    found: list[Problem] = []
    if len(cells) > width:
        found.append(problem(label, line, width + 1, "E505",
                             detail=f"这一行有 {len(cells)} 个单元格，表头只有 {width} 列（值里有逗号时请加引号）",
                             detail_en=f"this row has {len(cells)} cells but the header has {width} columns "
                                       "(quote values that contain commas)"))
    for name, value in row.values.items():
        bad = _INVISIBLE.search(value)
        if bad:
            found.append(problem(label, line, row.col(name), "E016", char=f"U+{ord(bad.group()):04X}"))
    koc_id = row.values["id"]
    if not koc_id:
        found.append(problem(label, line, row.col("id"), "E202", key="id"))
    data, tree = _tree(row)
    model, errors = validate(Koc, data, tree, label)
    found += errors
    if model is not None:
        ctx = FileContext(DataFile(label, "koc"), tree, settings)
        found += locate(check_koc(model, ctx), ctx)
    rel = f"kocs/{koc_id}.yaml"
    if koc_id and not is_slug(koc_id):  # never a path: too long for the file system, or a device name
        if is_reserved_name(koc_id):
            found.append(problem(label, line, row.col("id"), "E207", value=koc_id, detail=_RESERVED_ZH, detail_en=_RESERVED_EN))
        elif not any(p.code == "E207" for p in found):
            found.append(problem(label, line, row.col("id"), "E207", value=koc_id,
                                 detail="只能用小写字母、数字和连字符，最长 64 个字符",
                                 detail_en="lowercase letters, digits and hyphens, at most 64 characters"))
    elif koc_id in seen:
        found.append(problem(label, line, row.col("id"), "E302", what="KOC", what_en="KOC", id=koc_id,
                             other=f"{label}:{seen[koc_id]}"))
    elif koc_id:
        seen[koc_id] = line
        for existing in (rel, f"kocs/{koc_id}.yml"):
            if (root / existing).exists():
                found.append(problem(label, line, row.col("id"), "E302", what="KOC", what_en="KOC", id=koc_id, other=existing))
    if found or model is None:
        return None, _one_per_cell(found)
    dumped = model.model_dump(exclude_unset=True)
    dumped.pop("id", None)  # the file name is the id
    preview = dict(dumped)
    if "private" in preview:
        preview["private"] = {k: "***" for k in preview["private"]}
    return Planned(koc_id, rel, to_yaml(dumped), to_yaml(preview)), []


def _one_per_cell(found: list[Problem]) -> list[Problem]:
    """`followers` feeds both the platform account and the signal: one problem per cell and code."""
    seen, kept = set(), []
    for p in found:
        if (p.line, p.column, p.code) not in seen:
            seen.add((p.line, p.column, p.code))
            kept.append(p)
    return kept


def _tree(row: _Row) -> tuple[dict[str, Any], Node]:
    """The dict a KOC file with this row's values would give, and its node tree (positions = cells)."""
    v = row.values
    top: list[tuple[str, tuple[Any, Node]]] = []
    if v.get("id"):
        top.append(("id", row.scalar("id")))
    for name in ("name", "city", "bio", "joined"):
        if v.get(name):
            top.append((name, row.scalar(name)))
    if v.get("skills"):
        skills = []
        for part in _split(v["skills"]):
            skill, level = _skill_parts(part)
            entry = [("skill", row.scalar("skills", skill))]
            if level:
                entry.append(("level", row.scalar("skills", level)))
            skills.append(row.mapping(entry, "skills"))
        top.append(("skills", row.sequence(skills, "skills")))
    if v.get("interests"):
        top.append(("interests", row.sequence([row.scalar("interests", t) for t in _split(v["interests"])], "interests")))
    platform = row.present(PLATFORM_COLUMNS)
    if platform:
        account = [(n, row.scalar(n)) for n in PLATFORM_COLUMNS if v.get(n)]
        missing = [n for n in ("platform", "handle") if not v.get(n)]
        at = missing[0] if missing and missing[0] in row.index else platform[0]
        top.append(("platforms", row.sequence([row.mapping(account, at)], platform[0])))
    if v.get("availability"):
        top.append(("availability", row.scalar("availability")))
    pipeline = [(n, row.scalar(n)) for n in ("stage",) if v.get(n)]
    if not pipeline:
        pipeline = [("stage", row.scalar("stage", DEFAULT_STAGE))]
    pipeline += [(n, row.scalar(n)) for n in ("source", "channel", "discovered", "representative_work") if v.get(n)]
    signals = [(n, row.scalar(n)) for n in ("posts", "quality_interactions", "answered_questions", "tenure_months",
                                             "followers", "login_days", "purchases") if v.get(n)]
    if signals:
        pipeline.append(("signals", row.mapping(signals, signals[0][0])))
    top.append(("pipeline", row.mapping(pipeline, "source")))
    private = [(n, row.scalar(n)) for n in PRIVATE_COLUMNS if v.get(n)]
    if private:
        top.append(("private", row.mapping(private, private[0][0])))
    return row.mapping(top, "name")


def _split(text: str) -> list[str]:
    return [part.strip() for part in _LIST_SEPARATORS.split(text) if part.strip()]


def _skill_parts(part: str) -> tuple[str, str]:
    """`video-editing:4` → ('video-editing', '4'); the level is optional."""
    pieces = _LEVEL_SEPARATOR.split(part, maxsplit=1)
    return pieces[0].strip(), (pieces[1].strip() if len(pieces) > 1 else "")


# -- writing YAML --------------------------------------------------------------------------------

def to_yaml(data: dict[str, Any]) -> str:
    """Deterministic block YAML: every string double-quoted (a JSON string is a valid YAML one),
    numbers and dates as typed in hand-written files, the schema modeline first."""
    lines = [MODELINE]
    _emit_mapping(data, 0, lines)
    return "\n".join(lines) + "\n"


def _emit_mapping(data: dict[str, Any], indent: int, lines: list[str], first_prefix: str | None = None) -> None:
    pad = " " * indent
    for i, (key, value) in enumerate(data.items()):
        prefix = first_prefix if (i == 0 and first_prefix is not None) else pad
        if isinstance(value, dict):
            lines.append(f"{prefix}{key}:")
            _emit_mapping(value, indent + 2, lines)
        elif isinstance(value, list):
            lines.append(f"{prefix}{key}:")
            for item in value:
                if isinstance(item, dict):
                    _emit_mapping(item, indent + 4, lines, first_prefix=pad + "  - ")
                else:
                    lines.append(f"{pad}  - {_scalar(item)}")
        else:
            lines.append(f"{prefix}{key}: {_scalar(value)}")


def _scalar(value: Any) -> str:
    if isinstance(value, str):
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, bool):
        return "true" if value else "false"
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return str(value)
