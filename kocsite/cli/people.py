"""`kocsite candidates`, `import kocs` and `match`: finding KOCs, bringing them in, and forming teams."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from kocsite.money.credit import compute_credit
from kocsite.outputs.match import match_document, match_lines
from kocsite.people.matching import build_index, match as match_teams
from kocsite.outputs.tables import TABLE_FORMATS, write_csv, write_json, write_table
from kocsite.people import candidates as candidate_report
from kocsite.people.importer import COLUMN_HELP as IMPORT_COLUMN_HELP, CsvReadError, apply_plan, plan_import

from kocsite.core.atomic import complete_pending
from kocsite.outputs.problems import problem_line
from kocsite.cli.options import (DataError, known_task, language, pick, programme_path, programme_root, usable_programme)


STAGES = ("discovered", "contacted", "activated", "active", "paused", "alumni")


def _min_score(ctx: click.Context, param: click.Parameter, value: str | None):
    if value is None:
        return None
    from decimal import Decimal, InvalidOperation
    from fractions import Fraction
    try:
        number = Decimal(value)
        if not number.is_finite():
            raise InvalidOperation
        return Fraction(number)
    except InvalidOperation:
        raise click.BadParameter(pick(language(ctx), f"'{value}' 不是数字", f"'{value}' is not a number")) from None


@click.command("candidates")
@programme_path
@click.option("--stage", "stages", multiple=True, type=click.Choice(STAGES),
              help="Only candidates at this pipeline stage (repeat for several).")
@click.option("--min-score", "min_score", callback=_min_score, default=None, metavar="N",
              help="Only candidates scoring at least N.")
@click.option("--explain", is_flag=True, help="Show each weight × signal behind every score.")
@click.option("--format", "fmt", type=click.Choice(TABLE_FORMATS), default="text", show_default=True)
@click.pass_context
def candidates_command(ctx: click.Context, path: str, stages: tuple[str, ...], min_score, explain: bool, fmt: str) -> None:
    """Rank the KOCs of the candidate pipeline by their weighted signals.

    score = Σ weight × signal over pipeline.signals (posts, quality_interactions, answered_questions,
    tenure_months, followers, login_days, purchases) and the routine signals computed from the
    repository (check_ins: days with an approved check-in; longest_streak: the longest run of
    consecutive check-in days; routine_work: other approved routine work such as weekly topics), with
    the weights of `candidate_weights` in kocsite.yml; a typed signal not recorded counts 0. Highest score first, equal scores by id. Only KOCs
    with a `pipeline:` are listed; nothing under `private:` is ever shown.

    \b
    Example:
        kocsite candidates                                  # the whole pipeline, best first
        kocsite candidates --stage discovered --stage contacted --min-score 100
        kocsite candidates --explain --format json > candidates.json
    """
    root = programme_root(ctx, path)
    programme = usable_programme(ctx, root)
    lang = language(ctx, programme.settings.language)
    weight = candidate_report.weights(programme.settings)
    ranked = candidate_report.ranked_candidates(programme.koc_views, programme.settings, stages, min_score,
                                                candidate_report.routine_signals(programme))
    if fmt == "json":
        write_json(candidate_report.document(ranked, weight), sys.stdout)
    elif fmt == "csv":
        write_csv(candidate_report.columns(lang, weight, machine=True),
                  [candidate_report.row(n, c) for n, c in ranked], sys.stdout)
    else:
        write_table(candidate_report.columns(lang, weight), [candidate_report.row(n, c, lang) for n, c in ranked],
                    sys.stdout, lang)
        if explain:
            click.echo("\n" + "\n".join(candidate_report.explain_lines(ranked, lang)))


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


@click.command("match")
@click.argument("task")
@programme_path
@click.option("--size", type=click.IntRange(min=1), default=None,
              help="Team size (default: the task's team_size, else the number of skills it needs; at most 8).")
@click.option("--explain", is_flag=True, help="Show each member's skills, level, credit, load, availability and why.")
@click.option("--format", "fmt", type=click.Choice(("text", "json")), default="text", show_default=True)
@click.option("--today", type=click.DateTime(["%Y-%m-%d"]), default=None,
              help="KOC levels as of this day (default: today in the timezone of kocsite.yml).")
@click.pass_context
def match_command(ctx: click.Context, task: str, path: str, size: int | None, explain: bool, fmt: str, today) -> None:
    """Propose small teams of KOCs whose skills together cover composite TASK's `skills`.

    Only active or activated KOCs (or without a pipeline) who are not unavailable, and not below the
    min_level of the task's role, are proposed; available, higher-level, higher-credit and less-loaded
    KOCs first, ties by id.

    \b
    Example:
        kocsite match sichuan-west-crossing --explain
        kocsite match newbie-guide --size 3 --format json
    """
    root = programme_root(ctx, path)
    programme = usable_programme(ctx, root)
    lang = language(ctx, programme.settings.language)
    task = known_task(programme, task, lang)
    if not programme.tasks[task].skills:
        raise DataError(f"任务 '{task}' 没有写 skills：组合式任务需要列出所需技能" if lang != "en" else
                        f"task '{task}' lists no skills: a composite task needs `skills`")
    from kocsite.core.today import programme_today
    from kocsite.money.levels import compute_levels
    from kocsite.money.wallet import earnings

    book = compute_credit(programme)
    day = programme_today(programme.settings, today)
    rule = programme.settings.levels  # without tiers there are no levels to earn: skip the earnings
    levels = compute_levels(earnings(programme, book) if rule.tiers else [], rule, day)
    index = build_index(programme, book, levels, day)
    teams = match_teams(programme, task, size=size, index=index)
    if fmt == "json":
        write_json(match_document(programme, task, teams), sys.stdout)
    else:
        click.echo("\n".join(match_lines(programme, index, task, teams, lang, explain)))
