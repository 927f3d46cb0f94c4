"""`kocsite check`: every file read and validated, then the programme rules, all problems sorted.

Files are checked on all cores when there are many, and each file's result is cached by its
content, so a re-check after one change reads and validates that one file only.
"""

from __future__ import annotations

import gc
import os
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable, Iterable

from kocsite.core.atomic import JOURNAL_PREFIX, pending
from kocsite.core.nogc import no_cycle_collection
from kocsite.core.problems import Problem, problem, sort_problems
from kocsite.files.layout import DataFile, discover
from kocsite.files.source import parse_bytes, position
from kocsite.rules import cache_format
from kocsite.rules.cache import digest
from kocsite.rules.cache_format import BadEntry
from kocsite.rules.facts import FileFacts, confirmations_in

if TYPE_CHECKING:  # the rules, models and cache are imported when a check has files to look at
    from kocsite.models import Settings
    from kocsite.models.programme import Programme
    from kocsite.rules.cache import Cache
    from kocsite.rules.finding import Finding
    from kocsite.rules.model_cache import CachedReader, ModelCache

DEFAULT_LANGUAGE = "zh"
"""kocsite.models.settings.Settings.language's default (a test keeps them equal): what an empty
programme's check reports in, without building the settings model."""

_PARALLEL_FROM = 400
_CHUNK = 250

FileResult = tuple[tuple[Problem, ...], Any, str, bool]
"""A file's own problems, its facts for the programme rules (FileFacts or None; kocsite.rules.cache.STORED
when read from the cache, which keeps them apart), a digest of those facts, and whether they hold share
confirmations."""
ComputedModel = tuple[tuple[Problem, ...], str | None, bytes]
"""What a file computed by the check gives the model cache: the problems of reading it, and its
model's class name and JSON (None and null when it does not validate)."""


@dataclass
class CheckResult:
    problems: list[Problem]
    files: int
    settings_model: Settings | None
    """kocsite.yml's model; None for the defaults, built when first asked for (`settings`)."""
    digests: dict[str, str] = field(default_factory=dict)
    """Each data file's content digest, as this check saw it."""
    reader: CachedReader | None = None
    """The files' models, from the cache the check filled (and those it already built for the ledgers):
    what `checked_programme` loads from."""
    notes: list[tuple[str, str]] = field(default_factory=list)
    """(zh, en) notes about what the check could not do, e.g. verify confirmations outside git."""
    discovered: tuple[list[DataFile], list[Problem]] | None = None
    """What kocsite.files.layout.discover found (for load_programme, which then need not look again)."""
    blamed: bool = False
    """Share confirmations were judged from git history: the result depends on more than the files."""
    settings_loader: Callable[[], Settings] | None = field(default=None, repr=False)
    """Builds `settings` when first asked for (a result read whole from the cache)."""

    @property
    def settings(self) -> Settings:
        if self.settings_model is None:
            if self.settings_loader is not None:
                self.settings_model = self.settings_loader()
            else:
                from kocsite.models.settings import Settings

                self.settings_model = Settings()
        return self.settings_model

    @property
    def language(self) -> str:
        """The programme's `language` setting, without building the default settings' model."""
        if self.settings_model is None and self.settings_loader is None:
            return DEFAULT_LANGUAGE
        return self.settings.language


def checked_programme(root: Path, cache_dir: Path | None = None, only: set[str] | None = None,
                      jobs: int | None = None, cache_key: str | None = None) -> tuple[CheckResult, Programme]:
    """The check's result and the programme's models (those in `only`, when given), each file's
    model built from the cache the check just filled, when a command first uses it: in one run,
    no file is parsed twice."""
    result = check(root, cache_dir=cache_dir, jobs=jobs, cache_key=cache_key)
    return result, programme_of(root, result, only)


def programme_of(root: Path, result: CheckResult, only: set[str] | None = None) -> Programme:
    """The programme `result` checked, each file's model from the cache the check filled (see
    checked_programme), which is then saved."""
    from kocsite.models.programme import load_programme

    programme = load_programme(root, only=only, reader=result.reader, discovered=result.discovered)
    if result.reader is not None:
        result.reader.models.save()
    return programme


@no_cycle_collection()
def check(root: Path, cache_dir: Path | None = None, jobs: int | None = None, cache_key: str | None = None,
          tree_key: str | None = None) -> CheckResult:
    """Every problem of the programme at `root`; `cache_key` names the cache instead of root's path
    (for trees materialised from git into temporary folders, see kocsite.publish.diff). `tree_key`
    names the content of every file under root (a digest of a git tree's paths, modes and blob ids):
    the result of a check of the very same tree is then read whole from the cache."""
    if tree_key is not None and cache_dir is not None:
        whole = _whole_result(root, cache_dir, cache_key, tree_key)
        if whole is not None:
            return whole
    files, found = discover(root)
    problems = found + _interrupted_writes(root)
    if not files:  # no settings and no entity: no rule has anything to look at, the defaults stand
        return CheckResult(sort_problems(problems), 0, None, discovered=(files, found))
    result = _check_programme(root, files, problems, cache_dir, jobs, cache_key)
    result.discovered = (files, found)
    if tree_key is not None and cache_dir is not None and not result.blamed:
        _store_whole(root, cache_dir, cache_key, tree_key, result)
    return result


_WHOLE = "whole"
"""The cache slot of a whole check result (kocsite.rules.cache_format.Whole)."""


def _whole_result(root: Path, cache_dir: Path, cache_key: str | None, tree_key: str) -> CheckResult | None:
    from kocsite.rules.cache import Cache
    from kocsite.rules.model_cache import CachedReader, ModelCache

    stored = Cache.for_programme(root, _WHOLE, cache_dir, cache_key).load_slot(_WHOLE, cache_format.Whole)
    if stored is None or stored[0] != tree_key:
        return None
    try:
        _, count, problems, digests, notes, files, found, settings_key = cache_format.checked_whole(stored)
    except BadEntry:
        return None
    discovered = [DataFile(rel, kind) for rel, kind in files]
    models = ModelCache(Cache.for_programme(root, settings_key, cache_dir, cache_key))

    def settings() -> Settings:
        from kocsite.rules.engine import load_settings

        return load_settings(root, discovered).model

    return CheckResult(problems, count, None, digests, CachedReader(root, models, dict(digests)), notes,
                       (discovered, found), settings_loader=settings)


def _store_whole(root: Path, cache_dir: Path, cache_key: str | None, tree_key: str, result: CheckResult) -> None:
    from kocsite.rules.cache import Cache

    files, found = result.discovered
    value = (tree_key, result.files, result.problems, result.digests, result.notes, [(f.rel, f.kind) for f in files],
             found, _settings_key(root, files))
    Cache.for_programme(root, _WHOLE, cache_dir, cache_key).store_slot(_WHOLE, value)


def _check_programme(root: Path, files: list[DataFile], problems: list[Problem], cache_dir: Path | None,
                     jobs: int | None, cache_key: str | None) -> CheckResult:
    from kocsite.rules.cache import Cache
    from kocsite.rules.engine import load_settings
    from kocsite.rules.model_cache import CachedReader, ModelCache

    settings_loaded = load_settings(root, files)
    problems += settings_loaded.problems
    settings: Settings = settings_loaded.model
    entities = [f for f in files if f.kind != "settings"]
    settings_key = _settings_key(root, files)
    cache = Cache.for_programme(root, settings_key, cache_dir, cache_key)
    models = ModelCache(cache)
    results, digests = _file_results(root, entities, settings, cache, models, jobs)
    keep = {f.rel for f in entities}
    models.forget(cache.save(keep))  # deleted files: their results and their models
    _cache_settings_model(files, settings_key, settings_loaded, models, digests)
    for file in entities:
        problems += results[file.rel][0]
    facts = _Facts(root, entities, results, settings, cache)
    locator = _Locator(root, cache, digests)
    problems += locator.locate(_programme_findings(facts, results, cache))
    reader = CachedReader(root, models, dict(digests))
    problems += locator.locate(_ledger_findings(root, files, facts, digests, cache, reader))
    problems += locator.locate(_standing_findings(root, files, problems, settings, digests, cache, reader))
    models.save()
    confirmed, notes, blamed = _confirmation_findings(root, facts)
    problems += locator.locate(confirmed)
    locator.save()
    if cache.dirty:  # entries whose facts did not decode are forgotten
        cache.save(keep)
    return CheckResult(sort_problems(problems), len(files), settings, digests, reader, notes, blamed=blamed)


def _cache_settings_model(files: list[DataFile], settings_digest: str, loaded: Any, models: ModelCache,
                          digests: dict[str, str]) -> None:
    """kocsite.yml's model, for the command that loads the programme after the check; `settings_digest`
    is its content digest (`_settings_key`)."""
    from kocsite.models.load import settings_file
    from kocsite.rules.model_cache import entry

    file = settings_file(files)
    if file is None or settings_digest == _UNREADABLE:
        return
    digests[file.rel] = settings_digest
    if models.get(file.rel, settings_digest) is None:
        models.put(file.rel, entry(settings_digest, loaded.read_problems, loaded.model))


def _interrupted_writes(root: Path) -> list[Problem]:
    """A journal of a committed but unfinished `close` or `import --apply` (kocsite.core.atomic)."""
    found = []
    for journal in pending(root):
        what = journal.name.removeprefix(JOURNAL_PREFIX).removesuffix(".json")
        command = "kocsite close" if what.startswith("close-") else "kocsite import kocs --apply"
        found.append(problem(journal.name, 1, 1, "E605", what=command))
    return found


class _Facts:
    """Each file's facts, read from the cache and decoded when a rule first asks for them: a warm check
    whose facts did not change reads none. Facts that are missing, not those the file's entry names by
    digest, or do not decode (a corrupt or planted cache) are computed from the file again, and the
    file's entry is forgotten."""

    def __init__(self, root: Path, entities: list[DataFile], results: dict[str, FileResult], settings: Settings,
                 cache: Cache) -> None:
        self.root, self.settings, self.cache, self.results = root, settings, cache, results
        self.files = entities
        self.stored: dict[DataFile, Any] = {}
        """Facts as far as read: FileFacts, None, or kocsite.rules.cache.STORED."""
        self.confirming = [file for file in entities if results[file.rel][3]]
        """The files whose facts hold share confirmations."""

    def __getitem__(self, file: DataFile) -> FileFacts | None:
        from kocsite.rules.cache import STORED

        value = self.stored.get(file, STORED)
        if value is STORED:
            value = self.results[file.rel][1]
            if value is STORED:
                value = self._read(file)
            self.stored[file] = value
        return value

    def _read(self, file: DataFile) -> FileFacts | None:
        encoded = self.cache.facts_of(file.rel)
        if encoded is not None and digest(bytes(encoded)) == self.results[file.rel][2]:
            try:
                return cache_format.decode_facts(encoded)
            except BadEntry:
                pass
        self.cache.forget(file.rel)
        return _check_files(self.root, [file], self.settings)[0][2][1]

    def of_kind(self, *kinds: str) -> dict[DataFile, FileFacts]:
        """The facts of the files of these kinds (as kocsite.files.layout names them)."""
        found = {file: self[file] for file in self.files if file.kind in kinds}
        return {file: f for file, f in found.items() if f is not None}

    def every(self) -> dict[DataFile, FileFacts]:
        found = {file: self[file] for file in self.files}
        return {file: f for file, f in found.items() if f is not None}


def _ledger_findings(root: Path, files: list[DataFile], facts: _Facts,
                     digests: dict[str, str], cache: Cache, reader: CachedReader) -> list[Finding]:
    """Every sealed campaign is recomputed and compared with each figure of its ledger, whatever its
    seal says; whether its inputs changed since closing tells a data change (E603) from an edit (E601)."""
    sealed, task_campaigns = _ledger_facts(facts, cache)
    if not sealed:
        return []
    from kocsite.money import ledger  # computing outcomes is needed only when there are ledgers

    index = ledger.InputIndex([f.rel for f in files], task_campaigns)
    key = _ledger_key(root, sealed, index, digests)
    cached = cache.programme_findings(key, slot="ledgers")
    if cached is not None:
        return cached
    findings = _verify_ledgers(root, sealed, index, digests, reader)
    cache.store_programme_findings(key, findings, slot="ledgers")
    return findings


def _ledger_facts(facts: _Facts, cache: Cache) -> tuple[dict[DataFile, str], dict[str, str | None]]:
    """Each sealed ledger's inputs digest, and each task's campaign: from the cache (slot "ledger-facts")
    while the facts of no ledger and no task changed, so that a warm check reads no facts."""
    files = [f for f in facts.files if f.kind in ("ledger", "task")]
    key = digest("\n".join(f"{f.rel}\t{facts.results[f.rel][2]}" for f in files).encode())
    stored = cache.load_slot("ledger-facts", cache_format.LedgerFacts)
    by_rel = {f.rel: f for f in files}
    if stored is not None and stored[0] == key and all(rel in by_rel for rel in stored[1]):
        return {by_rel[rel]: inputs for rel, inputs in stored[1].items()}, stored[2]
    sealed = {file: f.ledger_inputs for file, f in facts.of_kind("ledger").items() if f.ledger_inputs}
    task_campaigns = {f.id: f.task.campaign for f in facts.of_kind("task").values() if f.task is not None}
    cache.store_slot("ledger-facts", (key, {file.rel: inputs for file, inputs in sealed.items()}, task_campaigns))
    return sealed, task_campaigns


_STANDING_INPUTS = frozenset({"settings", "koc", "campaign", "task", "contribution", "redemption"})


def _standing_findings(root: Path, files: list[DataFile], problems: list[Problem], settings: Settings,
                       digests: dict[str, str], cache: Cache, reader: CachedReader) -> list[Finding]:
    """Wallets and levels over the whole programme (kocsite.money.standing): only when there are
    redemptions or levels, and only on data without errors in the files earnings come from (an invalid
    contribution left out would make a balance look short). A redemption left out as invalid only
    leaves more points and stock to the others, so it blocks nothing."""
    if not settings.levels.tiers and not any(f.kind == "redemption" for f in files):
        return []
    kinds = {f.rel: f.kind for f in files}
    if any(p.severity == "error" and kinds.get(p.file) in _STANDING_INPUTS - {"redemption"} for p in problems):
        return []
    from kocsite.models.programme import load_programme
    from kocsite.money.standing import standing_findings

    inputs = sorted(f.rel for f in files if f.kind in _STANDING_INPUTS)
    key = _inputs_key(root, inputs, digests, "standing")
    cached = cache.programme_findings(key, slot="standing")
    if cached is not None:
        return cached
    findings = standing_findings(load_programme(root, reader=reader))
    cache.store_programme_findings(key, findings, slot="standing")
    return findings


def _ledger_key(root: Path, sealed: dict[DataFile, str], index: Any, digests: dict[str, str]) -> str:
    """Digest of every file a ledger's verification reads: the ledgers, their inputs, the KOCs (for
    nicknames), and kocsite's version — the verification runs again whenever any of them changes."""
    rels = {file.rel for file in sealed} | {rel for file in sealed for rel in index.files_of(file.stem)}
    rels |= {rel for rel in index.rels if rel.startswith("kocs/")}
    return _inputs_key(root, sorted(rels), digests)


def _inputs_key(root: Path, rels: list[str], digests: dict[str, str], *tags: str) -> str:
    """Digest of kocsite's version, `tags` and the content of each of `rels`: whole-programme findings
    computed from those files are reused while it is unchanged."""
    from kocsite import __version__

    lines = [__version__, *tags] + [f"{rel}\t{digests.get(rel) or digest((root / rel).read_bytes())}" for rel in rels]
    return digest("\n".join(lines).encode())


def _verify_ledgers(root: Path, sealed: dict[DataFile, str], index: Any, digests: dict[str, str],
                    reader: CachedReader) -> list[Finding]:
    from kocsite.models.settings import Settings
    from kocsite.money import ledger
    from kocsite.ops.retrospective import retrospective_findings
    from kocsite.rules.engine import load_file

    models, changed, broken = {}, set(), set()
    for file, inputs in sealed.items():
        loaded = load_file(root, file, Settings())
        if loaded.model is None:
            continue
        if loaded.problems:
            continue  # a ledger with problems of its own: fix those first
        models[file.stem] = loaded.model
        if ledger.seal_of(ledger.ledger_dict(loaded.model)) != loaded.model.seal:
            broken.add(file.stem)
        if ledger.inputs_digest(root, index.files_of(file.stem), digests) != inputs:
            changed.add(file.stem)
    return ledger.verify(root, index, models, changed, broken, sealed_checks=retrospective_findings, reader=reader)


def _confirmation_findings(root: Path, facts: _Facts) -> tuple[list[Finding], list[tuple[str, str]], bool]:
    """Each share confirmation was committed by the KOC themselves: the git blame of the files that hold
    confirmations (one `git blame` each, only those files), judged by kocsite.rules.fairplay; and
    whether there were any to judge."""
    if not facts.confirming:
        return [], [], False
    from kocsite.rules.fairplay import confirmation_findings, confirmations_of

    files = confirmations_of({file: facts[file] for file in facts.confirming})
    if not files:
        return [], [], False
    findings, notes = _blamed_confirmations(root, facts.of_kind("koc"), files, confirmation_findings)
    return findings, notes, True


def _blamed_confirmations(root: Path, facts: dict[DataFile, FileFacts], files: dict[DataFile, Any],
                          confirmation_findings: Callable[..., Iterable[Finding]]) -> tuple[list[Finding], list[tuple[str, str]]]:
    import git

    try:
        repo = git.Repo(root, search_parent_directories=True)
        top = Path(repo.working_tree_dir or root).resolve()
    except (git.InvalidGitRepositoryError, git.NoSuchPathError, git.GitCommandNotFound):
        return [], [(f"没有核对 {sum(len(c) for c in files.values())} 条份额确认是谁提交的：这个项目目录不在 git 仓库里",
                     f"{sum(len(c) for c in files.values())} share confirmation(s) were not verified: the programme is not in a git repository")]
    kocs = {f.id: f.fair for f in facts.values() if f.kind == "koc" and f.fair is not None}
    cut = _shallow_boundary(repo)
    findings: list[Finding] = []
    unknown = 0
    for file in sorted(files, key=lambda f: f.rel):
        parsed = parse_bytes((root / file.rel).read_bytes(), file.rel)
        blame = _blame(repo, (root / file.rel).resolve().relative_to(top).as_posix())
        if blame is not None and cut:  # a shallow clone: who wrote the lines of its first commit is not known
            unknown += sum(1 for origin in blame.values() if origin is not None and origin[0] in cut)
            blame = {line: origin for line, origin in blame.items() if origin is None or origin[0] not in cut}
        findings += confirmation_findings(file, files[file], lambda loc: position(parsed.root, loc)[0], blame, kocs)
    notes = [("这是浅克隆（git clone --depth）：较早提交的份额确认没有核对是谁提交的，请完整克隆（CI 里 fetch-depth: 0）",
              "a shallow clone (git clone --depth): confirmations from before its first commit were not verified; "
              "clone in full (fetch-depth: 0 in CI)")] if unknown else []
    return findings, notes


def _shallow_boundary(repo: Any) -> set[str]:
    """The commits a shallow clone starts from (.git/shallow): their lines' authors are not theirs."""
    try:
        return set((Path(repo.git_dir) / "shallow").read_text(encoding="ascii").split())
    except OSError:
        return set()


def _blame(repo: Any, path: str) -> dict[int, tuple[str, str, str] | None] | None:
    """Line → (sha, author email, author name) of the working tree's file, None for a line not committed;
    None for a file git does not track."""
    import git

    try:
        blamed = repo.blame(None, path)
    except git.GitCommandError:
        return None
    lines: dict[int, tuple[str, str, str] | None] = {}
    number = 1
    for commit, chunk in blamed or ():
        origin = None if set(commit.hexsha) == {"0"} else (commit.hexsha, commit.author.email or "", commit.author.name or "")
        for _ in chunk:
            lines[number] = origin
            number += 1
    return lines


def _programme_findings(facts: _Facts, results: dict[str, FileResult], cache: Cache) -> list[Finding]:
    """The programme rules' findings, reused when no file's facts changed (an edited title, say)."""
    key = digest("\n".join(f"{rel}\t{results[rel][2]}" for rel in sorted(results)).encode())
    findings = cache.programme_findings(key)
    if findings is None:
        from kocsite.rules.programme import run_programme_rules

        findings = list(run_programme_rules(facts.every()))
        cache.store_programme_findings(key, findings)
    return findings


def _file_results(root: Path, files: list[DataFile], settings: Settings, cache: Cache, models: ModelCache,
                  jobs: int | None) -> tuple[dict[str, FileResult], dict[str, str]]:
    """Each file's result (from the cache when its stat or content is unchanged, else computed),
    and the content digests known on the way."""
    results: dict[str, FileResult] = {}
    digests: dict[str, str] = {}
    todo: list[DataFile] = []
    stats: dict[str, os.stat_result] = {}
    base = os.path.join(str(root), "")
    for file in files:
        path = base + file.rel
        try:
            stats[file.rel] = stat = os.stat(path)
        except OSError:
            todo.append(file)
            continue
        hit, known = cache.lookup(file.rel, stat.st_size, stat.st_mtime_ns)
        if hit is None and known is not None:
            hit = _same_content(cache, file.rel, path, known, stat)
        if hit is None:
            todo.append(file)
        else:
            results[file.rel] = hit
            digests[file.rel] = known
    for rel, file_digest, result, model in _compute(root, todo, settings, jobs):
        results[rel] = result
        if file_digest is not None and rel in stats:
            cache.store(rel, stats[rel].st_size, stats[rel].st_mtime_ns, file_digest, result)
            digests[rel] = file_digest
            problems, name, model_json = model
            models.put(rel, (file_digest, problems, name, cache_format.raw(model_json)))
    return results, digests


def _same_content(cache: Cache, rel: str, path: str, old_digest: str, stat: os.stat_result) -> FileResult | None:
    """A touched but unchanged file (a checkout, a save without edits) keeps its cached result."""
    try:
        with open(path, "rb") as stream:
            file_digest = digest(stream.read())
    except OSError:
        return None
    if file_digest != old_digest:
        return None
    hit = cache.result_for(rel, file_digest)
    cache.store(rel, stat.st_size, stat.st_mtime_ns, file_digest, hit)
    return hit


Computed = tuple[str, str | None, FileResult, ComputedModel]
"""A file checked: its path, content digest, result and model."""


def _compute(root: Path, files: list[DataFile], settings: Settings, jobs: int | None) -> Iterable[Computed]:
    jobs = jobs or os.cpu_count() or 1
    if jobs == 1 or len(files) < _PARALLEL_FROM:
        return _check_files(root, files, settings)
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    chunks = [files[i:i + _CHUNK] for i in range(0, len(files), _CHUNK)]
    context = multiprocessing.get_context("fork") if "fork" in multiprocessing.get_all_start_methods() else None
    gc.freeze()  # forked workers then share the parent's objects instead of touching them
    try:
        with ProcessPoolExecutor(max_workers=jobs, mp_context=context) as pool:
            done = pool.map(_check_files, [root] * len(chunks), chunks, [settings] * len(chunks))
            return [item for chunk in done for item in chunk]
    finally:
        gc.unfreeze()


def _check_files(root: Path, files: list[DataFile], settings: Settings) -> list[Computed]:
    from kocsite.rules.engine import load_file
    from kocsite.rules.model_cache import model_json

    out = []
    for file in files:
        try:
            raw = (root / file.rel).read_bytes()
        except OSError:
            raw = None
        loaded = load_file(root, file, settings, raw)
        facts_digest = digest(cache_format.facts_bytes(loaded.facts))
        name, dumped = model_json(loaded.model)
        result = (tuple(loaded.problems), loaded.facts, facts_digest, bool(confirmations_in(loaded.facts)))
        out.append((file.rel, digest(raw) if raw is not None else None, result, (tuple(loaded.read_problems), name, dumped)))
    return out


class _Locator:
    """Programme rules know paths inside files; the files are read again to turn paths into lines. A
    file's located problems are kept (cache slot "located") and reused while its content and its
    findings are both unchanged, so a warm check parses none of the files its warnings are in."""

    def __init__(self, root: Path, cache: Cache, digests: dict[str, str]) -> None:
        self.root, self.cache, self.digests = root, cache, digests
        stored = cache.load_slot("located", cache_format.Located)
        try:
            self.stored = cache_format.checked_located(stored) if stored is not None else {}
        except BadEntry:
            self.stored = {}
        self.used: cache_format.Located = {}

    def locate(self, findings: Iterable[Finding]) -> list[Problem]:
        by_file: dict[str, list[Finding]] = defaultdict(list)
        for f in findings:
            by_file[f.file].append(f)
        problems = []
        for rel, items in by_file.items():
            key = f"{rel}\t{digest(cache_format.findings_bytes(items))}"
            file_digest = self.digests.get(rel) or _digest_of(self.root / rel)
            hit = self.stored.get(key)
            located = hit[1] if hit is not None and hit[0] == file_digest else self._located(rel, items)
            self.used[key] = (file_digest, located)
            problems += located
        return problems

    def save(self) -> None:
        if self.used != self.stored:
            self.cache.store_slot("located", self.used)

    def _located(self, rel: str, items: list[Finding]) -> tuple[Problem, ...]:
        parsed = parse_bytes((self.root / rel).read_bytes(), rel)
        return tuple(problem(rel, *position(parsed.root, f.loc, f.at_key), f.code, **f.params) for f in items)


def _digest_of(path: Path) -> str:
    try:
        return digest(path.read_bytes())
    except OSError:
        return "unreadable"


def _settings_key(root: Path, files: list[DataFile]) -> str:
    for file in files:
        if file.kind == "settings":
            try:
                return digest((root / file.rel).read_bytes())
            except OSError:
                return _UNREADABLE
    return "defaults"


_UNREADABLE = "unreadable"
