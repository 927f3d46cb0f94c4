"""Helpers for the site tests: build a programme's site once, read the built files."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

from kocsite.models.programme import load_programme
from kocsite.site.build import build_site

from tests_support import REPO

TODAY = date(2026, 11, 23)
DATA = ("campaigns", "kocs", "tasks", "ledgers", "insights", "redemptions", "sentiment", "kocsite.yml", "mkdocs.yml")


def copy_sample(target: Path) -> Path:
    target.mkdir(parents=True, exist_ok=True)
    for name in DATA:
        source = REPO / name
        if source.is_dir():
            shutil.copytree(source, target / name)
        else:
            shutil.copy(source, target / name)
    return target


def build(root: Path, out: Path, engine: str = "mkdocs"):
    """The site built by MkDocs unless told otherwise: the tests read its search index and its HTML."""
    programme = load_programme(root)
    assert not [p for p in programme.problems if p.severity == "error"], programme.problems
    return build_site(programme, out / "site", out / "docs", TODAY, engine)


def html(site: Path, url_path: str) -> str:
    return (site / url_path / "index.html").read_text(encoding="utf-8")
