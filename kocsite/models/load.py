"""One data file → its model, with the problems met reading and validating it.

No rule runs here: the rules (kocsite.rules) look at what this returns. Computations load the
whole programme through kocsite.models.programme, which uses this.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable

from pydantic import BaseModel
from yaml.nodes import Node

from kocsite.core.problems import Problem, problem
from kocsite.files.layout import DataFile
from kocsite.files.source import parse_bytes
from kocsite.models import cached_json
from kocsite.models import Campaign, Contribution, ContributionBatch, Koc, Settings, Task
from kocsite.models.insight import Insight
from kocsite.models.ledger import Ledger
from kocsite.models.redemption import RedemptionFile
from kocsite.models.sentiment import SentimentWeek
from kocsite.models.validate import describe, validate, validate_keeping_valid_parts

MODELS: dict[str, type[BaseModel]] = {"settings": Settings, "campaign": Campaign, "koc": Koc, "task": Task, "ledger": Ledger,
                                     "insight": Insight, "redemption": RedemptionFile, "sentiment": SentimentWeek}


@dataclass
class ReadFile:
    """A file read and validated: `model` is None when the file could not be validated; `tree` is
    the YAML node tree the model came from (positions for the rules) and `raw` its bytes."""

    file: DataFile
    model: Any = None
    problems: list[Problem] = field(default_factory=list)
    tree: Node | None = None
    raw: bytes | None = None
    data: Any = None
    """The parsed data, also when it does not validate (the rules still find its references)."""
    items_dropped: bool = False
    """kocsite.yml only: its model keeps the valid settings, but some list items were dropped."""


def read_file(root: Path, file: DataFile, raw: bytes | None = None) -> ReadFile:
    """Read (unless `raw` is given), parse and validate one file."""
    read = ReadFile(file)
    if raw is None:
        try:
            raw = (root / file.rel).read_bytes()
        except OSError as exc:
            read.problems.append(problem(file.rel, 1, 1, "E004", detail=f"无法读取文件：{exc.strerror}",
                                         detail_en=f"cannot read the file: {exc.strerror}"))
            return read
    read.raw = raw
    parsed = parse_bytes(raw, file.rel)
    read.problems += parsed.problems
    if parsed.root is None:
        if not parsed.problems and file.kind != "settings":  # an empty or comment-only kocsite.yml is fine
            read.problems.append(problem(file.rel, 1, 1, "E011", found="空文件", found_en="an empty file"))
        return read
    if not isinstance(parsed.data, dict):
        found, found_en = describe(parsed.data)
        read.problems.append(problem(file.rel, 1, 1, "E011", found=found, found_en=found_en))
        return read
    read.tree, read.data = parsed.root, parsed.data
    if file.kind == "settings":  # every valid setting is kept: a bad one must not make other files wrong
        read.model, errors, read.items_dropped = validate_keeping_valid_parts(Settings, parsed.data, parsed.root, file.rel)
    else:
        read.model, errors = validate(_model_type(file, parsed.data), parsed.data, parsed.root, file.rel)
    read.problems += errors
    return read


MODEL_CLASSES: dict[str, type[BaseModel]] = {cls.__name__: cls for cls in (*MODELS.values(), Contribution, ContributionBatch)}
"""Every file model by class name: the name a cached model is stored under."""


def dump_model(model: BaseModel) -> tuple[str, bytes]:
    """A validated model as data only: its class name and pydantic's JSON of the fields the file set."""
    return type(model).__name__, model.model_dump_json(exclude_unset=True).encode()


def model_from_dump(name: str, raw: bytes) -> BaseModel:
    """The model `dump_model` wrote, its every type and bound checked again (a cached copy is never
    trusted as it is, kocsite.models.cached_json); ValueError when the name is unknown or the JSON is
    not of the model's shape."""
    model = MODEL_CLASSES.get(name)
    if model is None:
        raise ValueError(f"unknown model {name!r}")
    return cached_json.decode(model, raw)


def settings_file(files: Iterable[DataFile]) -> DataFile | None:
    return next((f for f in files if f.kind == "settings"), None)


def _model_type(file: DataFile, data: dict[str, Any]) -> type[BaseModel]:
    if file.kind == "contribution":
        return ContributionBatch if "contributions" in data else Contribution
    return MODELS[file.kind]
