"""A release: one version (kocsite/__init__.py), a changelog entry for it, an MIT licence file."""

from __future__ import annotations

import re
import tomllib

import kocsite

from tests_support import REPO


def test_the_version_is_written_in_one_place():
    pyproject = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))
    assert "version" in pyproject["project"]["dynamic"] and "version" not in pyproject["project"]
    assert pyproject["tool"]["setuptools"]["dynamic"]["version"] == {"attr": "kocsite.__version__"}
    literal = re.compile(re.escape(kocsite.__version__) + r"(?![\d])")
    for path in sorted((REPO / "kocsite").rglob("*")):
        if path.is_file() and path.suffix in {".py", ".yml", ".yaml", ".txt", ".md", ".toml", ".json", ".html"}:
            if path == REPO / "kocsite" / "__init__.py":
                continue
            assert not literal.search(path.read_text(encoding="utf-8")), f"{path.relative_to(REPO)} hard-codes the version"


def test_the_changelog_has_unreleased_and_the_current_version():
    text = (REPO / "CHANGELOG.md").read_text(encoding="utf-8")
    headings = re.findall(r"^## \[([^\]]+)\]", text, re.MULTILINE)
    assert headings[0] == "Unreleased" and kocsite.__version__ in headings
    assert f"[{kocsite.__version__}]: " in text and "[Unreleased]: " in text


def test_the_licence_is_the_mit_licence_pyproject_names():
    pyproject = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))
    assert pyproject["project"]["license"] == "MIT" and pyproject["project"]["license-files"] == ["LICENSE"]
    text = (REPO / "LICENSE").read_text(encoding="utf-8")
    assert text.startswith("MIT License") and "kocsite authors" in text and "WITHOUT WARRANTY OF ANY KIND" in text


def test_the_readme_shows_how_to_install_a_tagged_release():
    assert "pip install 'kocsite @ git+https://github.com/OWNER/kocsite@v" in (REPO / "README.md").read_text(encoding="utf-8")
