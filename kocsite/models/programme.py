"""The loaded whole: every entity by id, for everything downstream of checking (credit, site, diff).

A file's model may come from a cache (kocsite.rules.model_cache) instead of its YAML: then it is
validated from its cached JSON only when a command first looks at it, so a report on one campaign
never builds the models of 10 000 KOC profiles it does not show.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any, Protocol

from kocsite.files.layout import DataFile, discover
from kocsite.models.load import ReadFile, read_file, settings_file
from kocsite.models import Campaign, Contribution, Koc, Settings, Task
from kocsite.models.views import ContributionView, FileViews, KocView, TaskView, views_of
from kocsite.core.problems import Problem, sort_problems
from kocsite.core.nogc import no_cycle_collection


class Record:
    """A contribution with where it came from: its task, file, and index inside a batch file.

    `view` holds what the programme-wide computations read (kocsite.models.views), ready at once;
    `contribution`, the whole model, is built from the file's model when first asked for."""

    __slots__ = ("task", "file", "index", "view", "_file_model", "_contribution", "_read_whole")

    def __init__(self, task: str, file: str, index: int | None, view: ContributionView | Contribution,
                 file_model: Callable[[], Any] | None = None, read_whole: Callable[[], None] | None = None) -> None:
        """Without `file_model`, `view` is the record's whole model (a record made by hand).
        `read_whole` notes that its file counts as read whole (kocsite.models.programme.Reads)."""
        self.task, self.file, self.index = task, file, index
        self._file_model, self._read_whole = file_model, read_whole
        self._contribution: Contribution | None = None
        if file_model is None:
            self._contribution, view = view, views_of(view)[0][1]
        self.view = view

    @property
    def contribution(self) -> Contribution:
        if self._contribution is None:
            model = self._file_model()
            self._contribution = model if self.index is None else model.contributions[self.index]
        return self._contribution

    @property
    def title(self) -> str:
        """The work's title, from its view; the file then counts as read whole (see Reads)."""
        if self._read_whole is not None:
            self._read_whole()
        return self.view.title_

    @property
    def kocs(self) -> list[str]:
        """Its author, or the authors of a joint byline."""
        c = self.view
        return [c.koc] if c.koc is not None else [a.koc for a in c.authors]

    @property
    def id(self) -> str:
        if self.view.id:
            return self.view.id
        stem = self.file.rsplit("/", 1)[-1].removesuffix(".yaml")
        return stem if self.index is None else f"{stem}-{self.index + 1}"


class Deferred(Mapping):
    """A read-only mapping whose values are built on first access: ids are known (and in file order)
    before any model is; `in` and `len` build nothing. `views`, when the loader gives them, are the
    values' light views (kocsite.models.views) under the same keys, also built on first access."""

    def __init__(self) -> None:
        self._values: dict[str, Any] = {}
        self._pending: dict[str, Callable[[], Any]] = {}
        self.views: Deferred | None = None

    def defer(self, key: str, build: Callable[[], Any]) -> None:
        self._values[key] = None
        self._pending[key] = build

    def __getitem__(self, key: str) -> Any:
        value = self._values[key]
        build = self._pending.pop(key, None)
        if build is not None:
            value = self._values[key] = build()
        return value

    def __contains__(self, key: object) -> bool:
        return key in self._values

    def __iter__(self) -> Iterator[str]:
        return iter(self._values)

    def __len__(self) -> int:
        return len(self._values)

    @property
    def built(self) -> int:
        """How many values have been built so far."""
        return len(self._values) - len(self._pending)


def views_in(models: Mapping[str, Any]) -> Mapping[str, Any]:
    """The light views of `models`, by the same keys: the loader's (decoded from the cache without
    building a model), else each made from its model when asked for."""
    views = getattr(models, "views", None)
    return views if views is not None else ViewsOfModels(models)


class ViewsOfModels(Mapping):
    """The views of models given as they are (a programme made by hand, or a part of one)."""

    def __init__(self, models: Mapping[str, Any]) -> None:
        self._models = models

    def __getitem__(self, key: str) -> Any:
        return views_of(self._models[key])

    def __contains__(self, key: object) -> bool:
        return key in self._models

    def __iter__(self) -> Iterator[str]:
        return iter(self._models)

    def __len__(self) -> int:
        return len(self._models)


class Cached(Protocol):
    """What a cache knows of a file without building its model."""

    problems: list[Problem]
    build: Callable[[], Any] | None
    """Builds the model; None when the file does not validate."""
    views: Callable[[], Any] | None
    """The file's views (kocsite.models.views: a contribution file's records, a KOC's or a task's),
    without building its model."""


class FileReader(Protocol):
    """Where `load_programme` gets each file's model: `cached` when a cache holds it, else `read`."""

    def cached(self, file: DataFile) -> Cached | None: ...

    def read(self, file: DataFile) -> ReadFile: ...


class DirectReader:
    """Every file read and validated from its YAML, now."""

    def __init__(self, root: Path) -> None:
        self.root = root

    def cached(self, file: DataFile) -> Cached | None:
        return None

    def read(self, file: DataFile) -> ReadFile:
        return read_file(self.root, file)


class Reads:
    """Which data files a run read, and how much of each: its light views (kocsite.models.views) or its
    whole model. Tracked are the files with views (KOCs, tasks, contribution files); a file of any
    other kind counts as read whole. A report is then replayed when what it read is unchanged, at
    this grain (kocsite.cli.memo): a contribution file's new metrics change no view, so no report
    that reads only views. Ids are file names, so which files exist always counts."""

    def __init__(self) -> None:
        self.tracked: set[str] = set()
        self.models: set[str] = set()
        self.views: dict[str, Any] = {}
        """The views read, by file: what a report's key is made of (`view_bytes`)."""

    def track(self, rel: str, build: Callable[[], Any], views: Callable[[], Any]) -> tuple[Callable[[], Any], ...]:
        """`build` and `views` of the file `rel`, noting it when either is called, and what notes that
        it was read whole without building it (a contribution's title: Record.title)."""
        self.tracked.add(rel)

        def whole() -> None:
            self.models.add(rel)

        def model() -> Any:
            self.models.add(rel)
            return build()

        def view() -> Any:
            found = self.views[rel] = views()
            return found

        return model, view, whole

    def read_whole(self, rel: str) -> bool:
        """True when the file counts as read whole: its whole model was built, or it is not tracked."""
        return rel in self.models or rel not in self.tracked


@dataclass(frozen=True)
class RedemptionRecord:
    """A redemption with where it came from: its file and index in the file's list."""

    file: str
    index: int
    redemption: Any
    """kocsite.models.redemption.Redemption."""


@dataclass
class Programme:
    root: Path
    settings: Settings
    kocs: Mapping[str, Koc] = field(default_factory=dict)
    campaigns: Mapping[str, Campaign] = field(default_factory=dict)
    tasks: Mapping[str, Task] = field(default_factory=dict)
    contributions: Mapping[str, list[Record]] = field(default_factory=dict)
    """Records by task id, in file order."""
    ledgers: Mapping[str, Any] = field(default_factory=dict)
    """Frozen ledgers of closed campaigns, by campaign id (kocsite.models.ledger.Ledger)."""
    insights: Mapping[str, Any] = field(default_factory=dict)
    """User insights routed to product teams, by id (kocsite.models.insight.Insight)."""
    redemptions: list[RedemptionRecord] = field(default_factory=list)
    """Points spent on catalogue items (redemptions/), in file order; kocsite.money.wallet orders them by date."""
    problems: list[Problem] = field(default_factory=list)
    """Problems met reading and validating the files; `kocsite.checker.check` runs the rules too."""
    reads: Reads = field(default_factory=Reads)
    """What has been read of the files so far (the loader's files only)."""
    sentiment: dict[str, dict[str, Any]] = field(default_factory=dict)
    """Weeks of sentiment by campaign id, then by week (`2026-w45`), weeks in order
    (kocsite.models.sentiment.SentimentWeek)."""

    @property
    def koc_views(self) -> Mapping[str, KocView]:
        """Every KOC's light view (kocsite.models.views), for the computations that walk all KOCs."""
        return views_in(self.kocs)

    @property
    def task_views(self) -> Mapping[str, TaskView]:
        """Every task's light view, for the computations that walk all tasks."""
        return views_in(self.tasks)

    @cached_property
    def campaign_tasks(self) -> dict[str, list[str]]:
        """Task ids of each campaign, sorted: computed once, since every per-campaign figure needs it."""
        index: dict[str, list[str]] = {}
        tasks = self.task_views
        for task_id in sorted(tasks):
            campaign = tasks[task_id].campaign
            if campaign is not None:
                index.setdefault(campaign, []).append(task_id)
        return index


ENTITY_FIELDS = {"koc": "kocs", "campaign": "campaigns", "task": "tasks", "ledger": "ledgers", "insight": "insights"}
"""The Programme field that holds each kind of entity file, by id (its file's stem)."""
VIEWED = ("koc", "task")
"""The kinds of entity file with light views (kocsite.models.views)."""


@no_cycle_collection()
def load_programme(root: Path, only: set[str] | None = None, reader: FileReader | None = None,
                   discovered: tuple[list[DataFile], list[Problem]] | None = None) -> Programme:
    """Load every valid file (or those in `only`) into models; invalid files are left out and reported.
    `reader` says where models come from (a cache); by default every file is read from its YAML.
    `discovered` is what kocsite.files.layout.discover found, when the caller already has it."""
    reader = reader if reader is not None else DirectReader(root)
    files, problems = discovered if discovered is not None else discover(root)
    problems = list(problems)
    if only is not None:
        files = [f for f in files if f.rel in only or f.kind == "settings"]
    settings, settings_problems = _settings(reader, files)
    entities = {kind: Deferred() for kind in ENTITY_FIELDS}
    for kind in VIEWED:
        entities[kind].views = Deferred()
    reads = Reads()
    contribution_files: dict[str, list[Callable[[], list[Record]]]] = {}
    redemptions: list[RedemptionRecord] = []
    sentiment: dict[str, dict[str, Any]] = {}
    for file in files:
        if file.kind == "settings":
            continue
        file_problems, build, views = _model_of(reader, file)
        problems += file_problems
        if build is None:
            continue
        if file.kind in VIEWED:
            build, views, _ = reads.track(file.rel, build, views)
            entities[file.kind].defer(file.stem, build)
            entities[file.kind].views.defer(file.stem, views)
        elif file.kind in entities:
            entities[file.kind].defer(file.stem, build)
        elif file.kind == "redemption":  # few, and every wallet figure needs them all
            redemptions += [RedemptionRecord(file.rel, i, r) for i, r in enumerate(build().redemptions)]
        elif file.kind == "sentiment":  # files come sorted, so each campaign's weeks are in order
            sentiment.setdefault(file.folder, {})[file.stem] = build()
        else:
            contribution_files.setdefault(file.task_id, []).append(_records_builder(file, *reads.track(file.rel, build, views)))
    contributions = Deferred()
    for task_id, builders in contribution_files.items():
        contributions.defer(task_id, lambda builders=builders: [r for build in builders for r in build()])
    return Programme(root, settings, contributions=contributions, redemptions=redemptions, sentiment=sentiment,
                     problems=sort_problems(problems + settings_problems), reads=reads,
                     **{ENTITY_FIELDS[kind]: mapping for kind, mapping in entities.items()})


def _settings(reader: FileReader, files: list[DataFile]) -> tuple[Settings, list[Problem]]:
    """The programme's settings (the defaults when kocsite.yml is missing, and for each setting in
    error) and the problems met reading them."""
    file = settings_file(files)
    if file is None:
        return Settings(), []
    problems, build, _ = _model_of(reader, file)
    model = build() if build is not None else None
    return (model if model is not None else Settings()), problems


def _model_of(reader: FileReader, file: DataFile) -> tuple[list[Problem], Callable[[], Any] | None,
                                                            Callable[[], Any] | None]:
    """The problems of reading `file`, what builds its model (None when it does not validate) and
    what gives its views (kocsite.models.views: a contribution file's records, a KOC's or a task's)."""
    cached = reader.cached(file)
    if cached is not None:
        return cached.problems, cached.build, cached.views
    read = reader.read(file)
    if read.model is None:
        return read.problems, None, None
    return (read.problems, *ready(read.model))


def ready(model: Any) -> tuple[Callable[[], Any], Callable[[], Any]]:
    """What gives a model read just now, and what gives its views: the pair a cached file also gives."""
    return (lambda: model), (lambda: views_of(model))


def _records_builder(file: DataFile, build: Callable[[], Any], views: Callable[[], FileViews],
                     read_whole: Callable[[], None]) -> Callable[[], list[Record]]:
    def records() -> list[Record]:
        task, rel = file.task_id, file.rel  # task_id is computed: once per file, not per record
        return [Record(task, rel, i, view, build, read_whole) for i, view in views()]

    return records


def without_dangling_records(programme: Programme) -> Programme:
    """The programme without the contributions whose task or KOC is not in it (unknown, or left out as
    invalid), for the reports that run on the valid part of data with errors: nobody is credited for
    them, and no goal counts them."""
    programme.contributions = {
        task: kept for task, records in programme.contributions.items() if task in programme.tasks
        for kept in [[r for r in records if all(koc in programme.kocs for koc in r.kocs)]] if kept}
    return programme
