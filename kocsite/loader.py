"""One data file → its model(s), located problems, and the facts programme rules need."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable

from pydantic import BaseModel

from kocsite import facts as F
from kocsite.checks import Finding
from kocsite.checks.campaign import check_campaign
from kocsite.checks.common import duplicates
from kocsite.checks.context import FileContext
from kocsite.checks.contribution import check_contribution
from kocsite.checks.insight import check_insight
from kocsite.checks.koc import check_koc
from kocsite.checks.ledger import check_ledger_file
from kocsite.checks.settings import check_settings
from kocsite.checks.task import check_task
from kocsite.checks.wording import check_wording
from kocsite.discover import DataFile
from kocsite.models import Campaign, Contribution, ContributionBatch, Koc, Settings, Task
from kocsite.models.insight import Insight
from kocsite.models.ledger import Ledger
from kocsite.problems import Problem, problem
from kocsite.source import parse_bytes, position
from kocsite.validate import describe, validate

MODELS: dict[str, type[BaseModel]] = {"settings": Settings, "campaign": Campaign, "koc": Koc, "task": Task, "ledger": Ledger,
                                     "insight": Insight}


@dataclass
class Loaded:
    """A file read and validated: `model` is None when the file could not be validated."""

    file: DataFile
    model: Any = None
    problems: list[Problem] = field(default_factory=list)
    facts: F.FileFacts | None = None


def load_file(root: Path, file: DataFile, settings: Settings, raw: bytes | None = None) -> Loaded:
    """Read (unless `raw` is given), parse, validate and run the file rules on one file."""
    loaded = _load(root, file, settings, raw)
    if loaded.facts is None and file.kind in ("koc", "campaign", "task", "ledger"):
        # The entity exists though it is invalid: references to it are not also reported as unknown.
        loaded.facts = F.FileFacts(file.kind, file.stem)
    return loaded


def _load(root: Path, file: DataFile, settings: Settings, raw: bytes | None) -> Loaded:
    loaded = Loaded(file)
    if raw is None:
        try:
            raw = (root / file.rel).read_bytes()
        except OSError as exc:
            loaded.problems.append(problem(file.rel, 1, 1, "E004", detail=f"无法读取文件：{exc.strerror}",
                                           detail_en=f"cannot read the file: {exc.strerror}"))
            return loaded
    parsed = parse_bytes(raw, file.rel)
    loaded.problems += parsed.problems
    if parsed.root is None:
        if not parsed.problems and file.kind != "settings":  # an empty or comment-only kocsite.yml is fine
            loaded.problems.append(problem(file.rel, 1, 1, "E011", found="空文件", found_en="an empty file"))
        return loaded
    if not isinstance(parsed.data, dict):
        found, found_en = describe(parsed.data)
        loaded.problems.append(problem(file.rel, 1, 1, "E011", found=found, found_en=found_en))
        return loaded
    ctx = FileContext(file, parsed.root, settings)
    model_type = _model_type(file, parsed.data)
    model, errors = validate(model_type, parsed.data, parsed.root, file.rel)
    loaded.problems += errors
    if model is None:
        return loaded
    loaded.model = model
    loaded.problems += locate(_file_rules(model, ctx), ctx)
    if file.kind in ("contribution", "task", "campaign"):
        loaded.problems += check_wording(model, parsed.root, raw, file.rel, settings.banned_terms)
    loaded.facts = _facts(file, model)
    return loaded


def load_settings(root: Path, files: Iterable[DataFile]) -> Loaded:
    for file in files:
        if file.kind == "settings":
            loaded = load_file(root, file, Settings())
            if loaded.model is None:
                loaded.model = Settings()
            return loaded
    return Loaded(DataFile("kocsite.yml", "settings"), Settings())


def locate(findings: Iterable[Finding], ctx: FileContext) -> list[Problem]:
    result = []
    for f in findings:
        line, column = position(ctx.root, f.loc, f.at_key)
        result.append(problem(f.file, line, column, f.code, **f.params))
    return result


def _model_type(file: DataFile, data: dict[str, Any]) -> type[BaseModel]:
    if file.kind == "contribution":
        return ContributionBatch if "contributions" in data else Contribution
    return MODELS[file.kind]


def _file_rules(model: Any, ctx: FileContext) -> Iterable[Finding]:
    file = ctx.file
    if getattr(model, "id", None) is not None and model.id != file.stem:
        yield Finding(file.rel, ("id",), "E301", {"id": model.id, "stem": file.stem})
    if isinstance(model, Campaign):
        yield from check_campaign(model, ctx)
    elif isinstance(model, Koc):
        yield from check_koc(model, ctx)
    elif isinstance(model, Task):
        yield from check_task(model, ctx)
    elif isinstance(model, Contribution):
        yield from check_contribution(model, ctx)
    elif isinstance(model, ContributionBatch):
        for i, record in enumerate(model.contributions):
            yield from check_contribution(record, ctx, ("contributions", i))
        ids = ((("contributions", i, "id"), r.id) for i, r in enumerate(model.contributions) if r.id is not None)
        yield from duplicates(file.rel, ids, "贡献 id", "contribution id", ctx.line_of)
    elif isinstance(model, Settings):
        yield from check_settings(model, ctx)
    elif isinstance(model, Ledger):
        yield from check_ledger_file(model, ctx)
    elif isinstance(model, Insight):
        yield from check_insight(model, ctx)


def _facts(file: DataFile, model: Any) -> F.FileFacts | None:
    if isinstance(model, Campaign):
        return F.campaign_facts(file.stem, model)
    if isinstance(model, Koc):
        return F.koc_facts(file.stem, model)
    if isinstance(model, Ledger):
        return F.FileFacts("ledger", file.stem, ledger_inputs=model.inputs)
    if isinstance(model, Task):
        return F.task_facts(file.stem, model)
    if isinstance(model, Insight):
        return F.insight_facts(file.stem, model)
    if isinstance(model, Contribution):
        return F.FileFacts("contribution", file.stem, records=(F.record_facts((), model.id or file.stem, model),))
    if isinstance(model, ContributionBatch):
        records = tuple(F.record_facts(("contributions", i), r.id, r) for i, r in enumerate(model.contributions))
        return F.FileFacts("contribution", file.stem, records=records)
    return None
