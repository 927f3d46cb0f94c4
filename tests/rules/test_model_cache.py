"""Models from the cache: the same models, and the same bytes out, as reading every file's YAML."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from kocsite.checker import checked_programme
from kocsite.files.layout import discover
from kocsite.models.load import dump_model, model_from_dump, read_file
from kocsite.models.programme import load_programme
from kocsite.models.views import views_from_json, views_of
from tests.tests_support import REPO

DATA = ("kocs", "campaigns", "tasks", "insights", "ledgers", "redemptions", "sentiment", "kocsite.yml")
TODAY = "2026-05-20"


def sample_copy(target: Path) -> Path:
    for name in DATA:
        source = REPO / name
        (shutil.copytree if source.is_dir() else shutil.copy2)(source, target / name)
    return target


def test_every_sample_model_survives_its_cached_form():
    files, _ = discover(REPO)
    for file in files:
        model = read_file(REPO, file).model
        assert model is not None, file.rel
        name, raw = dump_model(model)
        again = model_from_dump(name, raw)
        assert again == model, file.rel
        assert again == type(model).model_validate_json(raw), file.rel  # as pydantic itself reads it
        assert again.model_dump_json(exclude_unset=True) == model.model_dump_json(exclude_unset=True), file.rel
        assert again.model_dump_json() == model.model_dump_json(), file.rel


def test_every_sample_contribution_has_the_same_views_from_its_cached_form_and_its_model():
    files, _ = discover(REPO)
    contributions = [f for f in files if f.kind == "contribution"]
    assert len(contributions) > 20
    for file in contributions:
        model = read_file(REPO, file).model
        from_json = views_from_json(*dump_model(model))
        assert from_json == views_of(model), file.rel
        records = getattr(model, "contributions", [model])
        assert [view.review.status for _, view in from_json] == [c.review.status for c in records]


def test_every_sample_koc_and_task_has_the_same_view_from_its_cached_form_and_its_model():
    files, _ = discover(REPO)
    entities = [f for f in files if f.kind in ("koc", "task")]
    assert {f.kind for f in entities} == {"koc", "task"}
    for file in entities:
        model = read_file(REPO, file).model
        view = views_from_json(*dump_model(model))
        assert view == views_of(model), file.rel
        assert view.id == model.id, file.rel
        if file.kind == "koc":
            assert (view.name, [s.skill for s in view.skills], view.owner) == (
                model.name, [s.skill for s in model.skills], model.owner), file.rel
        else:
            assert (view.points, view.campaign, view.due) == (model.points, model.campaign, model.due), file.rel


def test_a_loaded_programme_gives_the_same_views_from_the_cache_as_from_its_files(tmp_path):
    direct = load_programme(REPO)
    cached = checked_programme(REPO, cache_dir=tmp_path)[1]
    again = checked_programme(REPO, cache_dir=tmp_path)[1]  # now every view comes from the cache
    for programme in (cached, again):
        assert dict(programme.koc_views) == {k: views_of(m) for k, m in direct.kocs.items()}
        assert dict(programme.task_views) == {k: views_of(m) for k, m in direct.tasks.items()}
    assert again.kocs.built == 0 and again.tasks.built == 0  # nothing built to read the views


@pytest.mark.parametrize("raw", [
    b'{"title":"x","date":"2026-01-02","authors":[{"koc":"a","share":"150"}]}',  # a share over 100 %
    b'{"title":"x","date":"2026-13-02"}',  # no such day
    b'{"title":"","date":"2026-01-02"}',  # empty text
    b'{"title":"x","date":"2026-01-02","koc":"Not A Slug"}',
    b'{"title":"x","date":"2026-01-02","review":{"status":"paid"}}',
    b'{"date":"2026-01-02"}',  # a required field left out
    b'{"title":"x","date":"2026-01-02","chars":-1}',
])
def test_a_cached_model_of_the_wrong_shape_is_refused(raw):
    with pytest.raises(ValueError):
        model_from_dump("Contribution", raw)


def test_a_cached_model_that_does_not_validate_is_read_from_the_file(tmp_path):
    root = sample_copy(tmp_path / "p")
    cache = tmp_path / "cache"
    checked_programme(root, cache_dir=cache)
    planted = 0
    for shard in cache.rglob("models-*.json"):
        planted += shard.read_bytes().count(b'"name":"')
        shard.write_bytes(shard.read_bytes().replace(b'"name":"', b'"name":7,"x":"'))
    assert planted > 18
    _, cached = checked_programme(root, cache_dir=cache)
    _, direct = checked_programme(root, cache_dir=None)
    assert dict(cached.kocs) == dict(direct.kocs) and len(cached.kocs) == len(list((root / "kocs").glob("*.yaml")))


COMMANDS = [
    ["credit", "--format", "json"],
    ["--lang", "en", "credit", "--explain"],
    ["rewards", "cockpit-deep-experience", "--format", "csv"],
    ["rewards", "l9-mayday-road-trip", "--explain"],
    ["progress", "newbie-guide-2027", "--today", TODAY, "--format", "json"],
    ["due", "--within", "4w", "--today", TODAY, "--format", "json"],
    ["candidates", "--explain"],
    ["match", "cockpit-review-family", "--explain"],
    ["report", "--format", "json"],
]


def outputs(run, root: Path) -> list[tuple[int, str]]:
    return [(r.exit_code, r.output) for r in (run("-C", root, *args) for args in COMMANDS)]


def test_outputs_from_the_cache_are_byte_identical_to_reading_every_file(run, tmp_path, monkeypatch):
    root = sample_copy(tmp_path / "p")
    monkeypatch.setenv("KOCSITE_NO_CACHE", "1")
    uncached = outputs(run, root)
    assert all(code == 0 for code, _ in uncached), uncached
    monkeypatch.delenv("KOCSITE_NO_CACHE")
    assert outputs(run, root) == uncached  # cold: the check fills the cache
    assert outputs(run, root) == uncached  # warm: every model comes from it
    koc = root / "kocs/ningning-zijia.yaml"
    koc.write_text(koc.read_text(encoding="utf-8").replace("name: ", "name: 新", 1), encoding="utf-8")
    edited = outputs(run, root)
    assert edited != uncached
    monkeypatch.setenv("KOCSITE_NO_CACHE", "1")
    assert outputs(run, root) == edited


@pytest.mark.parametrize("kind", ["kocs", "tasks", "contributions"])
def test_a_model_is_built_only_when_a_command_uses_it(tmp_path, kind):
    root = sample_copy(tmp_path / "p")
    cache = tmp_path / "cache"
    checked_programme(root, cache_dir=cache)
    _, programme = checked_programme(root, cache_dir=cache)
    entities = getattr(programme, kind)
    first = next(iter(entities))
    assert len(entities) > 1 and first in entities and entities.built == 0
    assert entities[first] is entities[first] and entities.built == 1


def test_after_a_check_no_file_is_parsed_again(tmp_path, monkeypatch):
    root = sample_copy(tmp_path / "p")
    cache = tmp_path / "cache"
    checked_programme(root, cache_dir=cache)
    import kocsite.rules.model_cache as model_cache

    def parse_again(root, file, *args):
        raise AssertionError(f"{file.rel} parsed again")

    monkeypatch.setattr(model_cache, "read_file", parse_again)
    _, programme = checked_programme(root, cache_dir=cache)
    built = [programme.kocs, programme.tasks, programme.campaigns, programme.ledgers, programme.insights, programme.contributions]
    assert all(len(dict(entities)) > 0 for entities in built)



def test_a_deleted_file_leaves_no_model_in_the_cache(tmp_path):
    from kocsite.rules.cache import shard_of
    from kocsite.rules.model_cache import ModelCache

    root = sample_copy(tmp_path / "p")
    gone = "kocs/ningning-zijia.yaml"
    result, _ = checked_programme(root, cache_dir=tmp_path / "cache")
    assert gone in ModelCache(result.reader.models.cache)._shard(shard_of(gone))  # as saved on disk
    (root / gone).unlink()
    result, _ = checked_programme(root, cache_dir=tmp_path / "cache")
    assert gone not in ModelCache(result.reader.models.cache)._shard(shard_of(gone))
