"""`kocsite handoff KOC`: the private hand-off sheet for the team receiving a KOC (terminal only)."""

from __future__ import annotations

import sys

import click

from kocsite.cli.options import existing_id, language, programme_path, programme_root, usable_programme


@click.command("handoff")
@click.argument("koc")
@programme_path
@click.option("--format", "fmt", type=click.Choice(("text", "json")), default="text", show_default=True,
              help="text for people, json for tools. There is no markdown: the sheet is private.")
@click.pass_context
def handoff_command(ctx: click.Context, koc: str, path: str, fmt: str) -> None:
    """The hand-off sheet (移交单) of KOC for the team receiving them: account manager, team, every
    hand-off between teams with its notes, the standing hand-off notes and the contact log.

    Private: it prints hand-off notes and the contact log, which are never published (not on the site,
    not in any issue). A latest hand-off without notes is marked; `kocsite due` reminds its owner.

    \b
    Example:
        kocsite handoff zuocang-laochen
        kocsite handoff susu-notes --format json
    """
    from kocsite.ops.handoff import handoff_sheet
    from kocsite.outputs.handoff import handoff_document, handoff_lines
    from kocsite.outputs.tables import write_json

    root = programme_root(ctx, path)
    programme = usable_programme(ctx, root)
    lang = language(ctx, programme.settings.language)
    koc = existing_id(koc, programme.kocs, lang, " KOC", "KOC", "KOC")
    sheet = handoff_sheet(programme, koc)
    if fmt == "json":
        write_json(handoff_document(sheet), sys.stdout)
    else:
        click.echo("\n".join(handoff_lines(sheet, lang)))
