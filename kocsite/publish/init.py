"""`kocsite init`: a new brand's programme repository, ready to check, build and publish.

The files come from the package's `kocsite/publish/templates/programme/` folder (shipped in the wheel):
a small sample programme in Chinese (three KOCs, one running campaign with roles, goals and rewards,
a routine check-in task, a project task with contributions), `kocsite.yml`, `mkdocs.yml`, the GitHub
workflows (check, site, remind), a GitLab CI file, a pre-commit config, `requirements.txt`, a
README and `.gitignore`; `schemas/` is generated from the models (`kocsite.models.schema`).
`requirements.txt` and the pre-commit hook name where kocsite comes from (`kocsite.publish.install_source`:
by default the source of the running kocsite).

Template names starting with `dot-` become dot files (`dot-github/` → `.github/`), since packaging
tools skip hidden files. Placeholders: `__BRAND__`, `__SITE_TITLE__`, `__VERSION__` and
`__DATE+N__` / `__DATE-N__` (the init day plus or minus N days, so the sample campaign is running
and something is due soon whenever the repository is created).

An existing file is never overwritten unless `force`: it is reported as skipped (or as unchanged,
when it already has exactly the new content).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, timedelta
from importlib import resources
from importlib.resources.abc import Traversable
from pathlib import Path

from kocsite import __version__
from kocsite.publish.install_source import LOCAL_HOOK, InstallSource, precommit_hook, requirements_block, running_source
from kocsite.models.schema import KINDS, schema_json
from kocsite.models import Settings
from kocsite.core.today import programme_today

DEFAULT_BRAND = "示例品牌"
_DATE = re.compile(r"__DATE([+-]\d+)__")
_FORBIDDEN = set(":#{}[],&*!|>'\"%@`\\<=")
"""Characters that would change the meaning of the YAML (or the Markdown) the brand is written into."""


@dataclass
class InitResult:
    written: list[str] = field(default_factory=list)
    overwritten: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    """Existing files with other content, left alone because `force` was not given."""


def check_brand(brand: str) -> str:
    """The brand, stripped; ValueError if it is empty, multi-line or holds YAML syntax characters."""
    text = brand.strip()
    if not text or len(text) > 60:
        raise ValueError("the brand name must be 1 to 60 characters")
    bad = sorted({c for c in text if c in _FORBIDDEN or not c.isprintable()})
    if bad:
        raise ValueError("the brand name must not contain " + " ".join(repr(c) for c in bad))
    return text


def template_files(brand: str = DEFAULT_BRAND, today: date | None = None,
                   source: InstallSource | None = None) -> dict[str, str]:
    """Every file of the new repository: relative POSIX path → text, in path order."""
    brand = check_brand(brand)
    today = today or programme_today(Settings())   # the template's kocsite.yml keeps the default timezone
    source = source or running_source()
    files: dict[str, str] = {}
    root = resources.files("kocsite.publish").joinpath("templates", "programme")
    for rel, node in _walk(root, ""):
        text = node.read_text(encoding="utf-8")
        text = (text.replace("__SITE_TITLE__", f"{brand}车主共创计划").replace("__BRAND__", brand)
                .replace("__VERSION__", __version__)
                .replace("__KOCSITE_REQUIREMENT__\n", requirements_block(source))
                .replace(LOCAL_HOOK, precommit_hook(source)))
        text = _DATE.sub(lambda m: (today + timedelta(days=int(m.group(1)))).isoformat(), text)
        files[rel] = text
    for kind in sorted(KINDS):
        files[f"schemas/{kind}.schema.json"] = schema_json(kind)
    return dict(sorted(files.items()))


def init_programme(target: Path, brand: str = DEFAULT_BRAND, today: date | None = None,
                   force: bool = False, source: InstallSource | None = None) -> InitResult:
    """Write the new repository into `target` (created if missing)."""
    files = template_files(brand, today, source)
    result = InitResult()
    for rel, text in files.items():
        path = target / rel
        if path.is_file() and path.read_text(encoding="utf-8", errors="replace") == text:
            result.unchanged.append(rel)
            continue
        if path.exists() and (not force or not path.is_file()):  # a folder in the way is never replaced
            result.skipped.append(rel)
            continue
        existed = path.exists()
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8", newline="\n")
        (result.overwritten if existed else result.written).append(rel)
    return result


def _walk(node: Traversable, prefix: str):
    for child in sorted(node.iterdir(), key=lambda c: c.name):
        if child.name in ("__pycache__",) or child.name.endswith((".pyc", "~")):
            continue
        name = "." + child.name[len("dot-"):] if child.name.startswith("dot-") else child.name
        rel = f"{prefix}{name}"
        if child.is_dir():
            yield from _walk(child, rel + "/")
        else:
            yield rel, child
