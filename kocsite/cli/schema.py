"""`kocsite schema`: the JSON Schemas editors use (its own module: it needs every model, `check` does not)."""

from __future__ import annotations

from pathlib import Path

import click

from kocsite.cli.options import usage_error
from kocsite.core.atomic import write_atomic
from kocsite.models.schema import KINDS, schema_json


@click.command("schema")
@click.argument("kind", required=False, type=click.Choice(sorted(KINDS)))
@click.option("--out", "out_dir", type=click.Path(file_okay=False), help="Write <kind>.schema.json files here.")
@click.pass_context
def schema_command(ctx: click.Context, kind: str | None, out_dir: str | None) -> None:
    """Export JSON Schemas so editors autocomplete and underline mistakes.

    \b
    Example:
        kocsite schema --out schemas/
        # then start a data file with:
        # yaml-language-server: $schema=../schemas/koc.schema.json
    """
    kinds = [kind] if kind else sorted(KINDS)
    if out_dir is None:
        if len(kinds) != 1:
            raise usage_error(ctx, "请指定要打印的 KIND，或用 --out 目录 写出全部", "name a KIND to print, or give --out DIR to write all of them")
        click.echo(schema_json(kinds[0]), nl=False)
        return
    target = Path(out_dir)
    target.mkdir(parents=True, exist_ok=True)
    for name in kinds:
        write_atomic(target / f"{name}.schema.json", schema_json(name))
        click.echo(str(target / f"{name}.schema.json"))
