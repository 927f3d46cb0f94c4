"""The MkDocs page cache (kocsite.site.page_cache): a build that reuses the last build's pages writes
the same bytes as a clean build, and still sees every broken link, missing anchor and changed word.

Every build here is a real `mkdocs build --strict` in a child process, as `kocsite build` runs it.
"""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

from kocsite.site.build import PAGE_CACHE, run_mkdocs_build
from kocsite.site.page_cache import MANIFEST

from site_support import build, copy_sample


def _files(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def _reused(cache: Path) -> dict[str, int]:
    return json.loads((cache / MANIFEST).read_text(encoding="utf-8"))["reused"]


def test_a_cached_build_after_a_rename_equals_a_clean_build_byte_for_byte(tmp_path, monkeypatch):
    root = copy_sample(tmp_path / "p")
    cached = tmp_path / "cached"
    first = build(root, cached)
    cache = cached / PAGE_CACHE
    assert _reused(cache) == {"render": 0, "page": 0}
    koc = root / "kocs/zuocang-laochen.yaml"
    koc.write_text(koc.read_text(encoding="utf-8").replace("name: 座舱老陈", "name: 座舱陈师傅", 1), encoding="utf-8")
    build(root, cached)
    monkeypatch.setenv("KOCSITE_NO_CACHE", "1")
    build(root, tmp_path / "clean")
    assert not (tmp_path / "clean" / PAGE_CACHE).exists()

    assert _files(cached / "site") == _files(tmp_path / "clean" / "site")
    reused = _reused(cache)
    assert 0 < reused["page"] < first.pages and reused["render"] >= reused["page"]
    profile = (cached / "site/kocs/zuocang-laochen/index.html").read_text(encoding="utf-8")
    assert "<h1" in profile and "座舱陈师傅" in profile


def _project(folder: Path, pages: dict[str, str], words: str = "") -> Path:
    docs = folder / "docs"
    docs.mkdir(parents=True, exist_ok=True)
    for old in docs.glob("*.md"):
        old.unlink()
    for name, text in pages.items():
        (docs / name).write_text(text, encoding="utf-8")
    (folder / "words.txt").write_text(words, encoding="utf-8")
    config = folder / "mkdocs.yml"
    config.write_text(f"site_name: t\ndocs_dir: docs\nsite_dir: {folder / 'site'}\ntheme: {{name: material, language: zh}}\n"
                      f"plugins:\n  - search:\n      jieba_dict_user: {folder / 'words.txt'}\n  - tags\n"
                      "validation: {links: {anchors: warn}}\n", encoding="utf-8")
    return config


def _mkdocs_build(config: Path, cache: Path | None) -> subprocess.CompletedProcess:
    return run_mkdocs_build(config, cache)


def _built(tmp_path: Path, name: str, pages: dict[str, str], words: str, cache: Path | None) -> tuple[subprocess.CompletedProcess, Path]:
    config = _project(tmp_path / name, pages, words)
    return _mkdocs_build(config, cache), tmp_path / name / "site"


def test_a_warning_fails_the_build_as_kocsite_runs_mkdocs(tmp_path):
    """--strict counts warnings only when they are logged: MkDocs' --quiet would drop them first."""
    result, _ = _built(tmp_path, "p", {"index.md": "# 首页\n\n[不存在](missing.md)\n"}, "", None)
    assert result.returncode != 0 and "missing.md" in result.stderr


def test_an_unchanged_page_still_warns_when_the_page_it_links_to_is_gone(tmp_path):
    cache = tmp_path / "cache"
    pages = {"index.md": "# 首页\n\n[另一页](other.md)\n", "other.md": "# 另一页\n"}
    first, _ = _built(tmp_path, "p", pages, "", cache)
    assert first.returncode == 0, first.stderr
    second, _ = _built(tmp_path, "p", {"index.md": pages["index.md"]}, "", cache)
    assert second.returncode != 0 and "other.md" in second.stderr


def test_an_unchanged_page_still_warns_when_the_anchor_it_links_to_is_gone(tmp_path):
    cache = tmp_path / "cache"
    index = "# 首页\n\n[说明](other.md#shuo-ming)\n"
    first, _ = _built(tmp_path, "p", {"index.md": index, "other.md": "# 另一页\n\n## 说明 {#shuo-ming}\n"}, "", cache)
    assert first.returncode == 0, first.stderr
    second, _ = _built(tmp_path, "p", {"index.md": index, "other.md": "# 另一页\n\n## 别的\n"}, "", cache)
    assert second.returncode != 0 and "shuo-ming" in second.stderr


def test_a_page_is_indexed_again_when_a_word_in_it_changes_in_the_dictionary(tmp_path):
    """The rename case: one nickname leaves jieba's user dictionary and another comes in, with the
    same total frequency. The page holding either word is cut again; the others keep their entries."""
    cache = tmp_path / "cache"
    pages = {"index.md": "# 首页\n\n座舱陈师傅说车机很好\n", "other.md": "# 另一页\n\n续航测试的结果\n"}
    before, after = "座舱老陈 20000\n", "座舱陈师傅 20000\n"
    first, _ = _built(tmp_path, "p", pages, before, cache)
    assert first.returncode == 0, first.stderr
    second, site = _built(tmp_path, "p", pages, after, cache)
    assert second.returncode == 0, second.stderr
    clean, clean_site = _built(tmp_path, "clean", pages, after, None)
    assert clean.returncode == 0, clean.stderr

    index = json.loads((site / "search/search_index.json").read_text(encoding="utf-8"))["docs"]
    assert index == json.loads((clean_site / "search/search_index.json").read_text(encoding="utf-8"))["docs"]
    assert "座舱陈师傅" in next(e["text"] for e in index if e["location"] == "")
    assert _reused(cache)["page"] == 1  # other.md: none of its words changed


def test_a_build_with_a_plugin_the_cache_does_not_know_is_a_plain_build(tmp_path):
    config = _project(tmp_path / "p", {"index.md": "# 首页\n"})
    config.write_text(config.read_text(encoding="utf-8").replace("  - tags\n", "  - tags\n  - offline\n"), encoding="utf-8")
    cache = tmp_path / "cache"
    for _ in range(2):
        result = _mkdocs_build(config, cache)
        assert result.returncode == 0, result.stderr
    assert not cache.exists()


def test_a_page_removed_since_the_last_build_is_gone_from_the_site_as_after_a_clean_build(tmp_path):
    cache = tmp_path / "cache"
    pages = {"index.md": "# 首页\n\n[另一页](other.md)\n", "other.md": "# 另一页\n", "third.md": "# 第三页\n"}
    first, site = _built(tmp_path, "p", pages, "", cache)
    assert first.returncode == 0, first.stderr
    assert (site / "third/index.html").is_file()
    del pages["third.md"]
    second, site = _built(tmp_path, "p", pages, "", cache)
    clean, clean_site = _built(tmp_path, "clean", pages, "", None)
    assert second.returncode == 0 and clean.returncode == 0, second.stderr + clean.stderr
    assert not (site / "third").exists()
    assert _files(site) == _files(clean_site)
    # Without a `nav:` every page is in the navigation, which every page shows: their Markdown is reused,
    # their HTML is rendered again.
    assert _reused(cache) == {"render": 2, "page": 0}


def test_front_matter_read_from_the_cache_gives_the_same_pages(tmp_path):
    cache = tmp_path / "cache"
    pages = {"index.md": "---\ntitle: 首页标题\ntags: [车机, 续航]\n---\n# 首页\n",
             "other.md": "---\nday: 2025-07-01\n---\n# 另一页\n", "third.md": "---\n- not a mapping\n---\n# 第三页\n"}
    for _ in range(2):
        result, site = _built(tmp_path, "p", pages, "", cache)
        assert result.returncode == 0, result.stderr
    clean, clean_site = _built(tmp_path, "clean", pages, "", None)
    assert clean.returncode == 0, clean.stderr
    assert _files(site) == _files(clean_site)
    manifest = json.loads((cache / MANIFEST).read_text(encoding="utf-8"))
    assert list(manifest["front_matter"]) == ["title: 首页标题\ntags: [车机, 续航]\n"]  # a date stays YAML's to read
    assert "首页标题" in (site / "index.html").read_text(encoding="utf-8")


def test_a_damaged_manifest_is_a_build_without_the_cache(tmp_path):
    cache = tmp_path / "cache"
    pages = {"index.md": "---\ntitle: 首页\n---\n# 首页\n", "other.md": "# 另一页\n"}
    first, _ = _built(tmp_path, "p", pages, "", cache)
    assert first.returncode == 0, first.stderr
    manifest = json.loads((cache / MANIFEST).read_text(encoding="utf-8"))
    manifest["content"] = {key: {"title": 1} for key in manifest["content"]}
    manifest["pages"], manifest["front_matter"] = [], {header: 7 for header in manifest["front_matter"]}
    (cache / MANIFEST).write_text(json.dumps(manifest), encoding="utf-8")
    second, site = _built(tmp_path, "p", pages, "", cache)
    clean, clean_site = _built(tmp_path, "clean", pages, "", None)
    assert second.returncode == 0 and clean.returncode == 0, second.stderr + clean.stderr
    assert _files(site) == _files(clean_site) and _reused(cache) == {"render": 0, "page": 0}
    (cache / MANIFEST).write_bytes(b"\xff not json")
    third, site = _built(tmp_path, "p", pages, "", cache)
    assert third.returncode == 0 and _files(site) == _files(clean_site)


def test_a_cache_that_cannot_be_written_costs_the_cache_not_the_build(tmp_path):
    """As on a full disk: the store is a file, so no converted page can be kept; the manifest is a folder."""
    cache = tmp_path / "cache"
    cache.mkdir()
    (cache / "store").write_text("not a folder", encoding="utf-8")
    (cache / MANIFEST).mkdir()
    pages = {"index.md": "# 首页\n", "other.md": "# 另一页\n"}
    result, site = _built(tmp_path, "p", pages, "", cache)
    clean, clean_site = _built(tmp_path, "clean", pages, "", None)
    assert result.returncode == 0 and clean.returncode == 0, result.stderr + clean.stderr
    assert _files(site) == _files(clean_site)
    assert (cache / "store").read_text(encoding="utf-8") == "not a folder" and (cache / MANIFEST).is_dir()
