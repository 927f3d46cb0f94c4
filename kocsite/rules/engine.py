"""The rules of one file: its model read (kocsite.models.load), the file rules run on it, its problems
located, and the facts the programme rules need. The checker runs this for every file, in parallel."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable

from kocsite.rules import facts as F
from kocsite.rules.finding import Finding
from kocsite.rules.campaign import check_campaign
from kocsite.rules.common import duplicates
from kocsite.rules.context import FileContext
from kocsite.rules.contribution import check_contribution
from kocsite.rules.fairplay import check_byline, with_fair_facts
from kocsite.rules.insight import check_insight
from kocsite.rules.sentiment import check_sentiment
from kocsite.rules.koc import check_koc
from kocsite.rules.ledger import check_ledger_file
from kocsite.rules.settings import check_settings
from kocsite.rules.task import check_task
from kocsite.rules.wording import check_wording
from kocsite.rules.wallet import check_redemptions, check_role_levels, check_wallet_settings
from kocsite.files.layout import DataFile
from kocsite.models import Campaign, Contribution, ContributionBatch, Koc, Settings, Task
from kocsite.models.insight import Insight
from kocsite.models.ledger import Ledger
from kocsite.models.redemption import RedemptionFile
from kocsite.models.sentiment import SentimentWeek
from kocsite.core.problems import Problem, problem
from kocsite.files.source import position
from kocsite.models.load import read_file, settings_file


@dataclass
class Loaded:
    """A file read and validated: `model` is None when the file could not be validated."""

    file: DataFile
    model: Any = None
    problems: list[Problem] = field(default_factory=list)
    facts: F.FileFacts | None = None
    read_problems: list[Problem] = field(default_factory=list)
    """The problems of reading and validating the file alone, before any rule ran (what
    kocsite.models.programme.load_programme reports)."""


def load_file(root: Path, file: DataFile, settings: Settings, raw: bytes | None = None) -> Loaded:
    """Read (unless `raw` is given), parse, validate and run the file rules on one file."""
    loaded = _load(root, file, settings, raw)
    if loaded.facts is None and file.kind in F.ENTITY_KINDS:
        # The entity exists though it is invalid: references to it are not also reported as unknown.
        loaded.facts = F.FileFacts(file.kind, file.stem)
    return loaded


def _load(root: Path, file: DataFile, settings: Settings, raw: bytes | None) -> Loaded:
    read = read_file(root, file, raw)
    loaded = Loaded(file, read.model, list(read.problems), read_problems=read.problems)
    if read.model is None:
        loaded.facts = F.reference_facts(file, read.data)
        return loaded
    if read.items_dropped:  # a partial kocsite.yml: its rules would point at the wrong items
        return loaded
    ctx = FileContext(file, read.tree, settings)
    loaded.problems += locate(_file_rules(read.model, ctx), ctx)
    if file.kind in ("contribution", "task", "campaign"):
        loaded.problems += check_wording(read.model, read.tree, read.raw, file.rel, settings.banned_terms)
    loaded.facts = with_fair_facts(_facts(file, read.model), read.model, settings)
    return loaded


def load_settings(root: Path, files: Iterable[DataFile]) -> Loaded:
    """kocsite.yml read, validated and checked; the defaults stand in when it is missing, and for each
    setting in error."""
    file = settings_file(files)
    if file is None:
        return Loaded(DataFile("kocsite.yml", "settings"), Settings())
    loaded = load_file(root, file, Settings())
    if loaded.model is None:
        loaded.model = Settings()
    return loaded


def locate(findings: Iterable[Finding], ctx: FileContext) -> list[Problem]:
    result = []
    for f in findings:
        line, column = position(ctx.root, f.loc, f.at_key)
        result.append(problem(f.file, line, column, f.code, **f.params))
    return result


def _file_rules(model: Any, ctx: FileContext) -> Iterable[Finding]:
    file = ctx.file
    if getattr(model, "id", None) is not None and model.id != file.stem:
        yield Finding(file.rel, ("id",), "E301", {"id": model.id, "stem": file.stem})
    if isinstance(model, Campaign):
        yield from check_campaign(model, ctx)
        yield from check_role_levels(model, ctx)
    elif isinstance(model, Koc):
        yield from check_koc(model, ctx)
    elif isinstance(model, Task):
        yield from check_task(model, ctx)
        yield from check_byline(model, ctx)
    elif isinstance(model, Contribution):
        yield from check_contribution(model, ctx)
    elif isinstance(model, ContributionBatch):
        for i, record in enumerate(model.contributions):
            yield from check_contribution(record, ctx, ("contributions", i))
        ids = ((("contributions", i, "id"), r.id) for i, r in enumerate(model.contributions) if r.id is not None)
        yield from duplicates(file.rel, ids, "贡献 id", "contribution id", ctx.line_of)
    elif isinstance(model, Settings):
        yield from check_settings(model, ctx)
        yield from check_wallet_settings(model, ctx)
    elif isinstance(model, Ledger):
        yield from check_ledger_file(model, ctx)
    elif isinstance(model, Insight):
        yield from check_insight(model, ctx)
    elif isinstance(model, RedemptionFile):
        yield from check_redemptions(model, ctx)
    elif isinstance(model, SentimentWeek):
        yield from check_sentiment(model, ctx)


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
    if isinstance(model, RedemptionFile):
        return F.redemption_facts(file.stem, model)
    if isinstance(model, SentimentWeek):
        return F.sentiment_facts(file, model)
    if isinstance(model, Contribution):
        return F.FileFacts("contribution", file.stem, F.amplifier_refs((), model),
                           records=(F.record_facts((), model.id or file.stem, model),))
    if isinstance(model, ContributionBatch):
        records = tuple(F.record_facts(("contributions", i), r.id, r) for i, r in enumerate(model.contributions))
        sharers = tuple(ref for i, r in enumerate(model.contributions) for ref in F.amplifier_refs(("contributions", i), r))
        return F.FileFacts("contribution", file.stem, sharers, records=records)
    return None
