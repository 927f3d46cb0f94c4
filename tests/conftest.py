"""Shared fixtures: write a small programme into a temp dir, run the CLI on it."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest
from click.testing import CliRunner

from kocsite.cli import cli


MINIMAL = {
    "kocs/li-lei.yaml": """\
        name: 李雷
        skills:
          - skill: tech-analysis
            level: 4
        """,
    "kocs/han-meimei.yaml": """\
        name: 韩梅梅
        """,
    "campaigns/cockpit.yaml": """\
        title: 智能座舱深度体验
        status: running
        start: 2025-07-01
        end: 2025-07-31
        background: 新车型上市
        goals:
          - id: deep-reviews
            title: 深度体验内容
            metric: approved_contributions
            target: 50
            deadline: 2025-07-31
        roles:
          - id: tech-officer
            name: 技术体验官
            duties: [产出深度评测]
            headcount: 2
        members:
          - koc: li-lei
            role: tech-officer
            status: accepted
            invited: 2025-06-20
            responded: 2025-06-21
        """,
    "tasks/deep-review.yaml": """\
        title: 深度评测
        quadrant: project
        campaign: cockpit
        role: tech-officer
        due: 2025-07-20
        points: 100
        """,
    "tasks/deep-review/li-lei.yaml": """\
        koc: li-lei
        title: 座舱评测
        date: 2025-07-10
        review:
          status: approved
          reviewer: 王运营
          date: 2025-07-11
        """,
}


def write_programme(root: Path, files: dict[str, str | bytes]) -> Path:
    for rel, content in files.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(textwrap.dedent(content), encoding="utf-8")
    return root


@pytest.fixture
def programme(tmp_path):
    """Build a programme: the minimal valid one, with files added, replaced (str) or removed (None)."""

    def build(changes: dict[str, str | bytes | None] | None = None, base: dict[str, str] | None = None) -> Path:
        files: dict[str, str | bytes | None] = dict(MINIMAL if base is None else base)
        files.update(changes or {})
        root = tmp_path / "programme"
        return write_programme(root, {k: v for k, v in files.items() if v is not None})

    return build


@pytest.fixture
def minimal() -> dict[str, str]:
    """The minimal valid programme's files, as text."""
    return {rel: textwrap.dedent(text) for rel, text in MINIMAL.items()}


@pytest.fixture
def two_officers(minimal) -> str:
    """The minimal campaign with han-meimei accepted as a second tech officer."""
    return minimal["campaigns/cockpit.yaml"] + """  - koc: han-meimei
    role: tech-officer
    status: accepted
    invited: 2025-06-20
    responded: 2025-06-22
"""


@pytest.fixture(autouse=True)
def _isolated_cache(tmp_path, monkeypatch):
    monkeypatch.setenv("KOCSITE_CACHE_DIR", str(tmp_path / "cache"))


@pytest.fixture
def run(monkeypatch):
    """Run the kocsite CLI in-process; returns the click Result."""
    monkeypatch.chdir(Path.cwd())  # `kocsite -C DIR` changes directory, like git: back after the test
    runner = CliRunner()

    def invoke(*args: str):
        return runner.invoke(cli, [str(a) for a in args], catch_exceptions=False)

    return invoke


def pytest_addoption(parser):
    parser.addoption("--snapshot-update", action="store_true",
                     help="Rewrite tests/snapshots/ from the current outputs (review the diff, then commit).")
