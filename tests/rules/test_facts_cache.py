"""The check cache keeps each file's facts apart from its entry (facts-NN.json) and reads them only when
a rule needs them; facts that are not the ones the entry names are computed from the file again."""

from __future__ import annotations

import os
import time

import kocsite.rules.cache_format
from kocsite.checker import check


def _age(root):
    """Out of the cache's racy window, so entries are trusted by stat."""
    past = time.time() - 10
    for path in root.rglob("*.yaml"):
        os.utime(path, (past, past))


def _facts_files(cache_dir):
    return sorted(cache_dir.rglob("facts-*.json"))


def test_a_warm_check_after_a_title_edit_decodes_no_facts(programme, tmp_path, monkeypatch):
    root = programme()
    cache_dir = tmp_path / "c"
    _age(root)
    check(root, cache_dir=cache_dir)
    check(root, cache_dir=cache_dir)  # the ledgers' facts are now kept whole too
    assert _facts_files(cache_dir)
    target = root / "tasks/deep-review/li-lei.yaml"
    target.write_text(target.read_text(encoding="utf-8").replace("title: 座舱评测", "title: 座舱评测（修订）"), encoding="utf-8")
    with monkeypatch.context() as patched:
        patched.setattr(kocsite.rules.cache_format, "decode_facts", lambda *a: (_ for _ in ()).throw(AssertionError("decoded")))
        warm = check(root, cache_dir=cache_dir).problems
    assert warm == check(root, cache_dir=None).problems == []


def test_planted_facts_are_not_believed(programme, tmp_path):
    root = programme({"kocs/wang-wu.yaml": "name: 王五\n"})
    cache_dir = tmp_path / "c"
    _age(root)
    check(root, cache_dir=cache_dir)
    planted = 0
    for path in _facts_files(cache_dir):
        text = path.read_text(encoding="utf-8")
        planted += text.count('"li-lei"')
        path.write_text(text.replace('"li-lei"', '"li-lie"'), encoding="utf-8")  # an unknown KOC everywhere
    assert planted
    (root / "kocs/wang-wu.yaml").unlink()  # the programme rules run again, over every file's facts
    problems = check(root, cache_dir=cache_dir).problems
    assert problems == check(root, cache_dir=None).problems == []
    assert check(root, cache_dir=cache_dir).problems == []


def test_unreadable_facts_are_computed_again(programme, tmp_path):
    root = programme({"kocs/wang-wu.yaml": "name: 王五\n"})
    cache_dir = tmp_path / "c"
    check(root, cache_dir=cache_dir)
    for path in _facts_files(cache_dir):
        path.write_bytes(b"not json")
    (root / "tasks/deep-review/li-lei.yaml").write_text("koc: wang-wu\ntitle: 座舱评测\ndate: 2025-07-10\n",
                                                         encoding="utf-8")
    expected = check(root, cache_dir=None).problems
    assert check(root, cache_dir=cache_dir).problems == expected
    assert check(root, cache_dir=cache_dir).problems == expected
