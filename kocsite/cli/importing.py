"""`kocsite import kocs`: bringing KOCs in from another tool's CSV export."""

from __future__ import annotations

from pathlib import Path

import click

from kocsite.core.atomic import complete_pending
from kocsite.outputs.problems import problem_line
from kocsite.people.importer import COLUMN_HELP as IMPORT_COLUMN_HELP, CsvReadError, apply_plan, plan_import
from kocsite.cli.options import DataError, language, pick, programme_path, programme_root


@click.group("import")
def import_group() -> None:
    """Bring data from other tools into the programme's YAML files.

    \b
    Example:
        kocsite import kocs candidates.csv            # dry run: what would be written
        kocsite import kocs candidates.csv --apply    # write kocs/<id>.yaml
    """


@import_group.command("kocs", epilog=IMPORT_COLUMN_HELP)
@click.argument("csv_file", metavar="FILE.csv", type=click.Path(exists=True, dir_okay=False))
@programme_path
@click.option("--apply", "apply_", is_flag=True, help="Write the files (without it: a dry run that writes nothing).")
@click.pass_context
def import_kocs_command(ctx: click.Context, csv_file: str, path: str, apply_: bool) -> None:
    """Create KOC profiles kocs/<id>.yaml from a CSV export (UTF-8, with or without BOM).

    Every row is validated exactly as `kocsite check` validates a KOC file, against the programme's
    skills and platforms; problems are reported as FILE.csv:row:column with check's codes. If any
    row is bad nothing is written (exit 1). Existing files are never overwritten. A dry run by
    default: add --apply to write.

    \b
    Example:
        kocsite import kocs watch-list.csv                 # dry run
        kocsite import kocs watch-list.csv --apply && kocsite check
    """
    root = programme_root(ctx, path)
    finished = complete_pending(root) if apply_ else []  # an interrupted import is finished first
    if finished:
        for rel in finished:
            click.echo(f"已完成上次中断的导入 / finished the interrupted import: {rel}")
        return
    try:
        plan = plan_import(root, Path(csv_file), csv_file)
    except CsvReadError as exc:
        lang = language(ctx)
        click.echo(problem_line(exc.problem, lang), err=True)
        raise DataError("CSV 不是 UTF-8 编码（Excel 请“另存为 → CSV UTF-8（逗号分隔）”），没有写入任何文件" if lang != "en" else
                        "the CSV is not UTF-8 (in Excel: Save As → CSV UTF-8 (Comma delimited)); nothing was written") from None
    lang = language(ctx, plan.language)
    en = lang == "en"
    if plan.problems:
        for p in plan.problems:
            click.echo(problem_line(p, lang), err=True)
        raise DataError(f"{len(plan.problems)} problem(s) in {plan.rows} row(s): nothing was written" if en else
                        f"{plan.rows} 行里有 {len(plan.problems)} 个问题：没有写入任何文件")
    if not apply_:
        for planned in plan.files:
            click.echo(f"==> {planned.rel} <==")
            click.echo(planned.preview, nl=False)
        click.echo((f"dry run: {len(plan.files)} file(s) would be written (private values shown as ***); "
                    "add --apply to write them") if en else
                   f"预演：将写入 {len(plan.files)} 个文件（私密字段显示为 ***）；加 --apply 才会写入")
        return
    try:
        written = apply_plan(root, plan)  # all or nothing (kocsite.core.atomic.Transaction)
    except FileExistsError as exc:
        raise DataError(pick(lang, f"已存在，不会覆盖：{exc}", f"exists, never overwritten: {exc}")) from None
    for file in written:
        click.echo(f"{'wrote' if en else '已写入'}  {file.relative_to(root).as_posix()}")
