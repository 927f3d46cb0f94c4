"""The built sample site shows each KOC's level and wallet history; redemptions' private values never reach it."""

from __future__ import annotations

import html as html_lib
import re

import pytest

from site_support import build, copy_sample, html


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("wallet-site")
    root = copy_sample(tmp / "sample")
    result = build(root, tmp / "out")
    return result.site_dir


def _text(page: str) -> str:
    return html_lib.unescape(re.sub(r"<[^>]+>", " ", page))


def test_profile_shows_level_and_wallet_history(site):
    page = _text(html(site, "kocs/ningning-zijia"))
    assert "等级与积分" in page
    assert "活跃（2026-10-01 起）" in page  # rose to 核心 on 05-15, dropped at the 10-01 review
    assert re.search(r"2026-10-01\s+降级（评定日）\s+活跃", page)
    assert re.search(r"积分余额\s*：\s*472", page)
    assert re.search(r"2026-06-01\s+兑换\s+澜岳 L9 定制车模（五一自驾集结一等奖之外，用积分加换一台）\s+-200\s+408", page)
    assert re.search(r"累计贡献值\s*：\s*667", page)  # reputation is not lowered by the redemption


def test_directory_shows_levels(site):
    page = _text(html(site, "directory/n"))
    assert re.search(r"等级.{0,400}?宁宁爱自驾\s+杭州\s+航拍摄影、摄影、路线规划\s+活跃（2026-10-01 起）", page, re.S)


def test_redemption_tracking_numbers_and_notes_stay_private(site):
    secrets = ("SF1402263055817", "YT7730019264551", "CD-0610-02")
    for path in site.rglob("*"):
        if path.is_file() and path.suffix in (".html", ".json", ".xml", ".txt", ".ics", ".js"):
            text = path.read_text(encoding="utf-8", errors="replace")
            assert not any(s in text for s in secrets), path


def test_the_guard_knows_redemption_private_values(tmp_path):
    from kocsite.models.programme import load_programme
    from kocsite.site.guard import find_leaks

    programme = load_programme(copy_sample(tmp_path / "sample"))
    leaks = find_leaks(programme, {"kocs/x.md": "快递单号 SF 1402263055817 已发出"})
    assert [(leak.owner, leak.field) for leak in leaks] == [("redemptions/2026-06.yaml", "tracking")]
