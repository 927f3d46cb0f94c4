"""`kocsite diff` with an unchanged base side reads that side's check whole from the cache (keyed by
the git tree's blob ids), and its report is byte for byte the uncached one (issue 15)."""

from __future__ import annotations

import git

from kocsite.publish.diff import diff
from tests.publish.test_gitdiff import commit_all, edit


def _report(run, root, env_no_cache: bool, monkeypatch) -> str:
    with monkeypatch.context() as patched:
        if env_no_cache:
            patched.setenv("KOCSITE_NO_CACHE", "1")
        result = run("-C", str(root), "diff", "HEAD", "--format", "json")
    assert result.exit_code in (0, 1), result.output
    return result.output


def test_unchanged_base_is_read_whole_and_reports_the_same(programme, run, monkeypatch, tmp_path):
    root = programme()
    repo = git.Repo.init(root, initial_branch="main")
    commit_all(repo, "init")
    monkeypatch.setenv("KOCSITE_CACHE_DIR", str(tmp_path / "cache"))
    edit(root, "kocs/li-lei.yaml", "name: ", "name: 新")
    first = _report(run, root, False, monkeypatch)
    import kocsite.checker

    checked = []
    real = kocsite.checker._check_programme
    monkeypatch.setattr(kocsite.checker, "_check_programme", lambda root, *a: checked.append(root) or real(root, *a))
    edit(root, "kocs/li-lei.yaml", "name: 新", "name: 再新")
    second = _report(run, root, False, monkeypatch)
    assert len(checked) == 1 and checked[0].resolve() == root.resolve()  # only the working tree was checked
    uncached = _report(run, root, True, monkeypatch)
    assert second == uncached and "再新" in second and first != second


def test_a_planted_whole_result_is_ignored(programme, monkeypatch, tmp_path):
    root = programme()
    repo = git.Repo.init(root, initial_branch="main")
    commit_all(repo, "init")
    cache_dir = tmp_path / "cache"
    edit(root, "kocs/li-lei.yaml", "name: ", "name: 新")
    honest = diff(root, "HEAD", cache_dir=cache_dir)
    for whole in cache_dir.rglob("whole.json"):
        text = whole.read_text(encoding="utf-8")
        whole.write_text(text.replace('"kocs/', '"../../etc/'), encoding="utf-8")
    again = diff(root, "HEAD", cache_dir=cache_dir)
    assert again == honest


def test_a_contribution_edited_twice_reports_as_uncached(programme, run, monkeypatch, tmp_path):
    """The warm path: the base read whole, the working tree's check from shards whose facts stay unread."""
    root = programme()
    repo = git.Repo.init(root, initial_branch="main")
    commit_all(repo, "init")
    monkeypatch.setenv("KOCSITE_CACHE_DIR", str(tmp_path / "cache"))
    _report(run, root, False, monkeypatch)
    for title in ("座舱评测（一改）", "座舱评测（二改）"):
        edit(root, "tasks/deep-review/li-lei.yaml", "title: 座舱评测", f"title: {title}")
        cached = _report(run, root, False, monkeypatch)
        assert cached == _report(run, root, True, monkeypatch) and title in cached
        edit(root, "tasks/deep-review/li-lei.yaml", f"title: {title}", "title: 座舱评测")
