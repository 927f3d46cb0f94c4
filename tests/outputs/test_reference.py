"""docs/reference/: the committed command and field reference is what the generator writes now, and it
names every command, option and field, so nothing is added without its documentation."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import click
import pytest

from kocsite.cli import cli
from kocsite.core.problems import CATALOGUE
from kocsite.models.schema import KINDS, schema
from kocsite.outputs.commands_doc import command_paths, commands_markdown
from kocsite.outputs.fields_doc import FILES, type_words
from kocsite.outputs.reference import REGENERATE, reference_pages, write_reference
from tests_support import REPO

DOCS = Path(REPO) / "docs" / "reference"
PAGES = reference_pages(cli)


@pytest.mark.parametrize("name", sorted(PAGES))
def test_committed_reference_is_up_to_date(name):
    committed = (DOCS / name).read_text(encoding="utf-8") if (DOCS / name).is_file() else ""
    assert committed == PAGES[name], (
        f"docs/reference/{name} is out of date with the code: regenerate it with `{REGENERATE}` and commit it")


def _sections(markdown: str) -> dict[str, str]:
    """Anchor id → the text up to the next anchor."""
    parts = re.split(r'<a id="([^"]+)"></a>', markdown)
    return dict(zip(parts[1::2], parts[2::2]))


def _visible_commands(command: click.Command, path: str):
    yield path, command
    if isinstance(command, click.Group):
        for name in command.list_commands(None):
            sub = command.get_command(None, name)
            if not sub.hidden:
                yield from _visible_commands(sub, f"{path} {name}")


def test_every_command_and_option_is_documented():
    sections = _sections(PAGES["commands.md"])
    commands = list(_visible_commands(cli, "kocsite"))
    assert len(commands) >= 18 and sorted(p for p, _ in commands) == sorted(command_paths(cli))
    for path, command in commands:
        section = sections[path.replace(" ", "-")]
        assert f"## `{path}`\n" in section
        assert f"```text\n{path} [OPTIONS]" in section, path
        for param in command.params:
            if isinstance(param, click.Option) and not param.hidden:
                for opt in param.opts:
                    assert re.search(rf"\| `[^|`]*{re.escape(opt)}\b", section), (path, opt)
                if param.help:
                    assert " ".join(param.help.split())[:40].replace("<", "&lt;").replace(">", "&gt;") in section
            elif isinstance(param, click.Argument):
                assert f"| `{param.metavar or param.name.upper()}" in section, (path, param.name)


def test_hidden_commands_stay_out_of_the_reference():
    assert cli.get_command(None, "reference").hidden
    assert "kocsite reference`" not in PAGES["commands.md"].replace("kocsite reference --out", "")


def test_every_command_and_subcommand_has_an_example():
    for path, command in _visible_commands(cli, "kocsite"):
        if path != "kocsite":
            assert command.help and "Example" in command.help, path
    assert "```text\nExample:\n    kocsite check" in PAGES["commands.md"]


def test_a_new_command_and_option_appear_without_other_changes():
    @click.group()
    def root():
        """Root."""

    @root.command("hello")
    @click.option("--times", type=click.IntRange(min=1), default=3, help="How often | to greet.")
    def hello(times):
        """Greet.

        \b
        Example:
            root hello --times 2
        """

    text = commands_markdown(root, prog_name="root")
    assert "## `root hello`" in text and "root hello [OPTIONS]" in text
    assert "| `--times INTEGER ≥ 1` | How often \\| to greet. | `3` |" in text
    assert "```text\nExample:\n    root hello --times 2\n```" in text


def test_every_field_of_every_kind_is_documented():
    sections = _sections(PAGES["fields.md"])
    assert set(FILES) == set(KINDS)
    for kind in KINDS:
        document = schema(kind)
        models = dict(document.get("definitions", {}))
        if "properties" in document:
            models[document["title"]] = document
        for name, model in models.items():
            section = sections[f"{kind}-{name}".lower()]
            required = set(model.get("required", []))
            for field, node in model["properties"].items():
                row = next((line for line in section.splitlines() if line.startswith(f"| `{field}` |")), None)
                assert row is not None, (kind, name, field)
                assert ("| required |" in row) == (field in required), row
                assert "any value" not in row and "mapping" not in row, row


def test_types_bounds_and_descriptions_are_in_plain_words():
    fields = PAGES["fields.md"]
    assert "| `level` | whole number ≥ 1, ≤ 5 | optional | `3` |" in fields
    assert "| `share` | decimal number > 0, ≤ 100 |" in fields
    assert "| `quality` | decimal number > 0, ≤ 5 | optional |" in fields
    assert "| `status` | one of `planning`, `recruiting`, `running`, `closed`, `cancelled` | optional | `planning` |" in fields
    assert "| `goals` | list of [Goal](#campaign-goal), at least 1 | required |" in fields
    assert "when `quadrant` is `project`: `campaign` required." in fields
    assert "Public display name or nickname" in fields  # a field's docstring
    assert "kocsite check also requires plain decimal digits" not in fields  # said once at the top instead
    assert type_words({"anyOf": [{"type": "string", "pattern": "^x$"}, {"type": "null"}]}, "k") == "text matching `^x$`"


def test_the_batch_and_the_single_contribution_are_both_described():
    section = PAGES["fields.md"].split("## contribution:")[1].split("\n## ")[0]
    assert "[Contribution](#contribution-contribution), [ContributionBatch](#contribution-contributionbatch)" in section
    assert "| `contributions` | list of [Contribution](#contribution-contribution), at least 1 | required |" in section


def test_the_hidden_command_writes_both_files(tmp_path, run):
    result = run("reference", "--out", tmp_path / "ref")
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in (tmp_path / "ref").iterdir()) == ["commands.md", "fields.md", "problems.md"]
    assert (tmp_path / "ref" / "fields.md").read_text(encoding="utf-8") == PAGES["fields.md"]
    assert write_reference(cli, tmp_path / "again")[0].read_text(encoding="utf-8") == PAGES["commands.md"]


def test_every_problem_code_is_documented():
    rows = [line for line in PAGES["problems.md"].splitlines() if line.startswith("| `")]
    assert sorted(row.split("`")[1] for row in rows) == sorted(CATALOGUE)
    assert "| `E104` | error | 找不到 KOC '{ref}'" in PAGES["problems.md"]


def test_the_generators_do_not_import_click():
    code = ("import sys; import kocsite.outputs.reference; "
            "sys.exit(1 if 'click' in sys.modules else 0)")
    assert subprocess.run([sys.executable, "-c", code], cwd=REPO).returncode == 0


def _github_anchor(heading: str) -> str:
    return re.sub(r"[^\w\- ]", "", heading.strip().lower()).replace(" ", "-")


def test_the_readme_cites_sections_of_the_design_that_exist():
    readme = (Path(REPO) / "README.md").read_text(encoding="utf-8")
    design = (Path(REPO) / "docs" / "design.md").read_text(encoding="utf-8")
    assert "DESIGN.md" not in readme
    headings = {m.group(1): m.group(0)[3:] for m in re.finditer(r"^## (\d+)\. .+$", design, re.MULTILINE)}
    citations = re.findall(r"\[docs/design\.md §(\d+)\]\(docs/design\.md#([^)]+)\)", readme)
    assert len(citations) >= 5
    for number, anchor in citations:
        assert number in headings, number
        assert _github_anchor(headings[number]) == anchor, (number, anchor)
    for target in re.findall(r"\]\((docs/[^)#]+)", readme):
        assert (Path(REPO) / target).is_file(), target


def test_the_design_links_to_its_own_sections():
    design = (Path(REPO) / "docs" / "design.md").read_text(encoding="utf-8")
    anchors = {_github_anchor(h) for h in re.findall(r"^#{2,3} (.+)$", design, re.MULTILINE)}
    links = re.findall(r"\]\(#([^)]+)\)", design)
    assert len(links) >= 10 and set(links) <= anchors, set(links) - anchors


def test_every_field_has_a_description():
    undocumented = []
    for kind in KINDS:
        document = schema(kind)
        models = {**document.get("definitions", {}), **({document["title"]: document} if "properties" in document else {})}
        for name, model in models.items():
            for field, node in model["properties"].items():
                if not node.get("description", "").strip():
                    undocumented.append(f"{name}.{field}")
    assert not undocumented, (
        f"fields without a description: {sorted(set(undocumented))} — write a docstring under each field in "
        f"kocsite/models/, then run `{REGENERATE}` and `kocsite schema --out schemas`")
