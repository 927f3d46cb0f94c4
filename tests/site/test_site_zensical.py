"""`kocsite build --engine zensical`: the same pages, the same guard, built by Material's successor.

Skipped where Zensical cannot be installed (0.0.73 is the newest this registry serves; later versions
need `zensical-ui`).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from kocsite.cli import cli
from kocsite.site.build import zensical_available

from site_support import copy_sample

pytestmark = pytest.mark.skipif(not zensical_available(), reason="zensical is not installed (pip install zensical==0.0.73)")


def test_zensical_builds_the_same_page_set_with_a_flat_relative_config(tmp_path):
    root = copy_sample(tmp_path / "p")
    result = CliRunner().invoke(cli, ["build", str(root), "--engine", "zensical", "--today", "2026-11-23"])
    assert result.exit_code == 0, result.output
    site = root / "site"
    pages = sorted(p.relative_to(root / "build/docs").as_posix()[:-3] for p in (root / "build/docs").rglob("*.md"))
    for page in pages:
        target = page.removesuffix("index").rstrip("/")
        assert (site / target / "index.html").is_file() or (site / "index.html").is_file() and target == "", page
    config = (root / "build/zensical.generated.yml").read_text(encoding="utf-8")
    assert "INHERIT" not in config and "docs_dir: docs" in config and "site_dir: zensical-site" in config
    brief = (site / "campaigns/cockpit-deep-experience/index.html").read_text(encoding="utf-8")
    assert brief.count('<figure class="kocsite-chart">') == 2 and "unpkg" not in brief and "mermaid" not in brief
    assert (site / "api/campaigns.json").is_file() and (site / "calendar/kocs/zuocang-laochen.ics").is_file()


def test_zensical_build_is_refused_when_a_private_value_is_public(tmp_path):
    root = copy_sample(tmp_path / "p")
    koc = root / "kocs/zuocang-laochen.yaml"
    koc.write_text(koc.read_text(encoding="utf-8").replace("\nbio: ", "\nbio: 电话 138-0013-8101 ", 1), encoding="utf-8")
    result = CliRunner().invoke(cli, ["build", str(root), "--engine", "zensical", "--today", "2026-11-23"])
    assert result.exit_code != 0 and "private" in result.output and not (root / "site").exists()


def test_auto_is_the_default_and_builds_with_zensical_when_it_is_installed(tmp_path):
    root = copy_sample(tmp_path / "p")
    result = CliRunner().invoke(cli, ["build", str(root), "--today", "2026-11-23"])
    assert result.exit_code == 0, result.output
    assert (root / "build/zensical.generated.yml").is_file() and not (root / "build/mkdocs.generated.yml").exists()
    assert (root / "site/index.html").is_file() and (root / "site/search.json").is_file()


def test_zensical_leaves_nothing_in_the_programme_folder_and_rewrites_only_what_changed(tmp_path):
    root = copy_sample(tmp_path / "p")
    before = sorted(p.name for p in root.iterdir())
    build = ["build", str(root), "--engine", "zensical", "--today", "2026-11-23"]
    assert CliRunner().invoke(cli, build).exit_code == 0
    assert sorted(p.name for p in root.iterdir()) == sorted(before + ["build", "site"])
    page = root / "site/kocs/zuocang-laochen/index.html"
    untouched = root / "site/404.html"
    stamp = untouched.stat().st_mtime_ns
    koc = root / "kocs/zuocang-laochen.yaml"
    koc.write_text(koc.read_text(encoding="utf-8").replace("\nname: ", "\nname: 改名了", 1), encoding="utf-8")
    stale = root / "site/stale/index.html"
    stale.parent.mkdir()
    stale.write_text("left over", encoding="utf-8")
    assert CliRunner().invoke(cli, build).exit_code == 0
    assert "改名了" in page.read_text(encoding="utf-8") and untouched.stat().st_mtime_ns == stamp
    assert not stale.parent.exists() and (root / "site/.kocsite-site").is_file()
    built = {p.relative_to(root / "build/zensical-site") for p in (root / "build/zensical-site").rglob("*") if p.is_file()}
    mirrored = {p.relative_to(root / "site") for p in (root / "site").rglob("*") if p.is_file()}
    assert mirrored == built | {Path(".kocsite-site")}
