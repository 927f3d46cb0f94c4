"""The content-keyed cache: a re-check sees every change and reuses everything else."""

import os
import time

from kocsite.rules.cache import Cache
from kocsite.checker import check


def codes(result):
    return sorted((p.file, p.code) for p in result.problems)


def age(path, seconds=10):
    """Make a file look older than the cache's racy window."""
    past = time.time() - seconds
    os.utime(path, (past, past))


def test_recheck_sees_a_change_and_reuses_the_rest(programme, tmp_path):
    root = programme()
    cache_dir = tmp_path / "c"
    for path in root.rglob("*.yaml"):
        age(path)
    assert check(root, cache_dir=cache_dir).problems == []
    assert list(cache_dir.iterdir())
    target = root / "tasks/deep-review/li-lei.yaml"
    target.write_text(target.read_text(encoding="utf-8").replace("koc: li-lei", "koc: li-lie"), encoding="utf-8")
    assert codes(check(root, cache_dir=cache_dir)) == [("tasks/deep-review/li-lei.yaml", "E104")]
    target.unlink()
    assert check(root, cache_dir=cache_dir).problems == []


def test_cross_file_problems_follow_changes_in_other_files(programme, tmp_path):
    root = programme()
    cache_dir = tmp_path / "c"
    assert check(root, cache_dir=cache_dir).problems == []
    (root / "kocs/li-lei.yaml").unlink()
    assert ("tasks/deep-review/li-lei.yaml", "E104") in codes(check(root, cache_dir=cache_dir))


def test_same_size_same_mtime_edit_is_not_missed_when_racy(programme, tmp_path):
    root = programme()
    cache_dir = tmp_path / "c"
    target = root / "kocs/han-meimei.yaml"
    check(root, cache_dir=cache_dir)
    before = os.stat(target)
    target.write_bytes(b"nome: ABCDEF\n"[: before.st_size].ljust(before.st_size, b" "))
    os.utime(target, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert ("kocs/han-meimei.yaml", "E201") in codes(check(root, cache_dir=cache_dir))


def test_cache_from_another_version_or_settings_is_ignored(programme, tmp_path):
    root = programme()
    cache_dir = tmp_path / "c"
    check(root, cache_dir=cache_dir)
    assert Cache.for_programme(root, "defaults", cache_dir).digest_of("kocs/han-meimei.yaml") is not None
    assert Cache.for_programme(root, "other-settings", cache_dir).digest_of("kocs/han-meimei.yaml") is None


def test_shards_are_read_when_first_asked_for(programme, tmp_path):
    root = programme()
    cache_dir = tmp_path / "c"
    check(root, cache_dir=cache_dir)
    cache = Cache.for_programme(root, "defaults", cache_dir)
    assert cache.shards == [None] * len(cache.shards)
    assert cache.digest_of("kocs/han-meimei.yaml") is not None
    assert sum(shard is not None for shard in cache.shards) == 1


def test_corrupt_cache_is_ignored(programme, tmp_path):
    root = programme()
    cache_dir = tmp_path / "c"
    check(root, cache_dir=cache_dir)
    shards = [p for p in cache_dir.rglob("*.json")]
    assert shards
    for path in shards:
        path.write_bytes(b"not json")
    assert check(root, cache_dir=cache_dir).problems == []


def test_touched_but_unchanged_files_are_not_checked_again(programme, tmp_path, monkeypatch):
    root = programme()
    cache_dir = tmp_path / "c"
    check(root, cache_dir=cache_dir)
    for path in root.rglob("*.yaml"):
        path.write_bytes(path.read_bytes())  # new mtime, same content
        age(path)
    import kocsite.rules.engine

    def must_not_run(*args, **kwargs):
        raise AssertionError("a file with unchanged content was checked again")

    monkeypatch.setattr(kocsite.rules.engine, "load_file", must_not_run)  # the checker imports it when it runs
    assert check(root, cache_dir=cache_dir).problems == []


def test_one_edit_rewrites_one_shard(programme, tmp_path):
    root = programme()
    cache_dir = tmp_path / "c"
    for path in root.rglob("*.yaml"):
        age(path)
    check(root, cache_dir=cache_dir)
    before = {p: p.stat().st_mtime_ns for p in cache_dir.rglob("*.json")}
    time.sleep(0.01)
    (root / "kocs/han-meimei.yaml").write_text("name: 韩梅梅（改）\n", encoding="utf-8")
    check(root, cache_dir=cache_dir)
    after = {p: p.stat().st_mtime_ns for p in cache_dir.rglob("*.json")}
    rewritten = sorted(p.name for p, t in after.items() if before.get(p) != t)
    assert len(rewritten) == 2 and rewritten[1] == f"models-{rewritten[0]}"  # its check shard and its model shard


def test_parallel_and_serial_agree(programme, tmp_path):
    files = {f"kocs/koc-{i}.yaml": f"name: 用户{i}\nskills:\n  - skill: video-editng\n" for i in range(450)}
    root = programme(files)
    serial = check(root, cache_dir=None, jobs=1).problems
    parallel = check(root, cache_dir=None, jobs=2).problems
    assert serial == parallel and len(serial) == 450


def test_programme_rules_rerun_only_when_facts_change(programme, tmp_path, monkeypatch):
    import kocsite.rules.programme
    root = programme()
    cache_dir = tmp_path / "c"
    check(root, cache_dir=cache_dir)
    calls = []
    real = kocsite.rules.programme.run_programme_rules
    monkeypatch.setattr(kocsite.rules.programme, "run_programme_rules", lambda facts: calls.append(1) or real(facts))
    target = root / "tasks/deep-review/li-lei.yaml"
    target.write_text(target.read_text(encoding="utf-8").replace("座舱评测", "座舱评测（修订）"), encoding="utf-8")
    assert check(root, cache_dir=cache_dir).problems == [] and calls == []
    target.write_text(target.read_text(encoding="utf-8").replace("koc: li-lei", "koc: li-lie"), encoding="utf-8")
    assert codes(check(root, cache_dir=cache_dir)) == [("tasks/deep-review/li-lei.yaml", "E104")] and calls == [1]


def test_located_problems_follow_their_file_and_are_reused_while_it_is_unchanged(programme, tmp_path, monkeypatch):
    root = programme({"tasks/deep-review/li-lei.yaml": "koc: li-lie\ntitle: 座舱评测\ndate: 2025-07-10\n"})
    cache_dir = tmp_path / "c"
    first = [(p.code, p.line) for p in check(root, cache_dir=cache_dir).problems]
    assert ("E104", 1) in first  # the unknown KOC, a programme rule's finding located in the file
    import kocsite.checker

    def must_not_parse(*args, **kwargs):
        raise AssertionError("a file whose content and findings are unchanged was parsed to locate them")

    with monkeypatch.context() as patched:
        patched.setattr(kocsite.checker, "parse_bytes", must_not_parse)
        assert [(p.code, p.line) for p in check(root, cache_dir=cache_dir).problems] == first
    contribution = root / "tasks/deep-review/li-lei.yaml"
    contribution.write_text("# 先写一行注释\n" + contribution.read_text(encoding="utf-8"), encoding="utf-8")
    shifted = [(p.code, p.line) for p in check(root, cache_dir=cache_dir).problems]
    assert ("E104", 2) in shifted and shifted == [(p.code, p.line) for p in check(root, cache_dir=None).problems]
