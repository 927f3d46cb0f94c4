"""`kocsite reference` (hidden): regenerate docs/reference/ — commands from Click, fields from the models."""

from __future__ import annotations

from pathlib import Path

import click

from kocsite.outputs.reference import write_reference


@click.command("reference", hidden=True)
@click.option("--out", "out", default="docs/reference", show_default=True, type=click.Path(file_okay=False),
              help="Where commands.md and fields.md go.")
@click.pass_context
def reference_command(ctx: click.Context, out: str) -> None:
    """Write the command and field reference (docs/reference/commands.md and fields.md).

    \b
    Example:
        kocsite reference --out docs/reference    # after adding a command, an option or a field
    """
    for path in write_reference(ctx.find_root().command, Path(out)):
        click.echo(str(path))
