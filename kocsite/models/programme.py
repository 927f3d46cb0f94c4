"""The loaded whole: every entity by id, for everything downstream of checking (credit, site, diff)."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any

from kocsite.files.layout import discover
from kocsite.models.load import read_file, read_settings
from kocsite.models import Campaign, Contribution, ContributionBatch, Koc, Settings, Task
from kocsite.core.problems import Problem, sort_problems
from kocsite.core.nogc import no_cycle_collection


@dataclass(frozen=True)
class Record:
    """A contribution with where it came from: its task, file, and index inside a batch file."""

    task: str
    file: str
    index: int | None
    contribution: Contribution

    @property
    def kocs(self) -> list[str]:
        """Its author, or the authors of a joint byline."""
        c = self.contribution
        return [c.koc] if c.koc is not None else [a.koc for a in c.authors]

    @property
    def id(self) -> str:
        if self.contribution.id:
            return self.contribution.id
        stem = self.file.rsplit("/", 1)[-1].removesuffix(".yaml")
        return stem if self.index is None else f"{stem}-{self.index + 1}"


@dataclass
class Programme:
    root: Path
    settings: Settings
    kocs: dict[str, Koc] = field(default_factory=dict)
    campaigns: dict[str, Campaign] = field(default_factory=dict)
    tasks: dict[str, Task] = field(default_factory=dict)
    contributions: dict[str, list[Record]] = field(default_factory=dict)
    """Records by task id, in file order."""
    ledgers: dict[str, Any] = field(default_factory=dict)
    """Frozen ledgers of closed campaigns, by campaign id (kocsite.models.ledger.Ledger)."""
    insights: dict[str, Any] = field(default_factory=dict)
    """User insights routed to product teams, by id (kocsite.models.insight.Insight)."""
    problems: list[Problem] = field(default_factory=list)
    """Problems met reading and validating the files; `kocsite.checker.check` runs the rules too."""
    sentiment: dict[str, dict[str, Any]] = field(default_factory=dict)
    """Weeks of sentiment by campaign id, then by week (`2026-w45`), weeks in order
    (kocsite.models.sentiment.SentimentWeek)."""

    @cached_property
    def campaign_tasks(self) -> dict[str, list[str]]:
        """Task ids of each campaign, sorted: computed once, since every per-campaign figure needs it."""
        index: dict[str, list[str]] = {}
        for task_id in sorted(self.tasks):
            campaign = self.tasks[task_id].campaign
            if campaign is not None:
                index.setdefault(campaign, []).append(task_id)
        return index


@no_cycle_collection()
def load_programme(root: Path, only: set[str] | None = None) -> Programme:
    """Load every valid file (or those in `only`) into models; invalid files are left out and reported."""
    files, problems = discover(root)
    if only is not None:
        files = [f for f in files if f.rel in only or f.kind == "settings"]
    settings, settings_problems = read_settings(root, files)
    programme = Programme(root, settings, problems=problems + settings_problems)
    by_kind = {"koc": programme.kocs, "campaign": programme.campaigns, "task": programme.tasks, "ledger": programme.ledgers,
               "insight": programme.insights}
    for file in files:
        if file.kind == "settings":
            continue
        loaded = read_file(root, file)
        programme.problems += loaded.problems
        model = loaded.model
        if model is None:
            continue
        if file.kind in by_kind:
            by_kind[file.kind][file.stem] = model
        elif file.kind == "sentiment":  # files come sorted, so each campaign's weeks are in order
            programme.sentiment.setdefault(file.folder, {})[file.stem] = model
        elif isinstance(model, ContributionBatch):
            records = programme.contributions.setdefault(file.task_id, [])
            records += [Record(file.task_id, file.rel, i, c) for i, c in enumerate(model.contributions)]
        else:
            programme.contributions.setdefault(file.task_id, []).append(Record(file.task_id, file.rel, None, model))
    programme.problems = sort_problems(programme.problems)
    return programme


def without_dangling_records(programme: Programme) -> Programme:
    """The programme without the contributions whose task or KOC is not in it (unknown, or left out as
    invalid), for the reports that run on the valid part of data with errors: nobody is credited for
    them, and no goal counts them."""
    programme.contributions = {
        task: kept for task, records in programme.contributions.items() if task in programme.tasks
        for kept in [[r for r in records if all(koc in programme.kocs for koc in r.kocs)]] if kept}
    return programme
