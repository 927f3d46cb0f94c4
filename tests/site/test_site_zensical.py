"""`kocsite build --engine zensical`: the same pages, the same guard, built by Material's successor.

Skipped where Zensical cannot be installed (0.0.73 is the newest this registry serves; later versions
need `zensical-ui`).
"""

from __future__ import annotations

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
    config = (root / "zensical.generated.yml").read_text(encoding="utf-8")
    assert "INHERIT" not in config and "docs_dir: build/docs" in config and "site_dir: site" in config
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
    assert (root / "zensical.generated.yml").is_file() and not (root / "build/mkdocs.generated.yml").exists()
    assert (root / "site/index.html").is_file() and (root / "site/search.json").is_file()
