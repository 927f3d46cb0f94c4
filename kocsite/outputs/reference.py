"""docs/reference/: the command reference (from Click) and the field reference (from the models).

`kocsite reference --out docs/reference` writes them (and the problem codes, from the catalogue); tests/outputs/test_reference.py fails when the
committed files differ from what this writes now, so a new command, option or field is documented
in the same change that adds it.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from kocsite.outputs.commands_doc import commands_markdown
from kocsite.outputs.fields_doc import fields_markdown
from kocsite.outputs.problems_doc import problems_markdown

REGENERATE = "kocsite reference --out docs/reference"
"""The one command that regenerates docs/reference/ after a command or a field changes."""


def reference_pages(root_command: Any) -> dict[str, str]:
    """File name → Markdown, for the command group `root_command` (a click.Group)."""
    return {"commands.md": commands_markdown(root_command), "fields.md": fields_markdown(),
            "problems.md": problems_markdown()}


def write_reference(root_command: Any, out_dir: Path) -> list[Path]:
    out_dir.mkdir(parents=True, exist_ok=True)
    written = []
    for name, text in reference_pages(root_command).items():
        path = out_dir / name
        path.write_bytes(text.encode("utf-8"))
        written.append(path)
    return written
