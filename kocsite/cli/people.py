"""`kocsite candidates` and `match`: finding KOCs and forming teams."""

from __future__ import annotations

import sys

import click

from kocsite.cli.memo import replayed_when_unchanged
from kocsite.cli.options import DataError, known_task, language, pick, programme_path, programme_root, usable_programme
from kocsite.outputs.tables import TABLE_FORMATS


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
@replayed_when_unchanged
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
    # imported once the check has run: a replayed report (kocsite.cli.memo) never needs them
    from kocsite.outputs.tables import write_csv, write_json, write_table
    from kocsite.people import candidates as candidate_report

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
@replayed_when_unchanged
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
    from kocsite.money.credit import compute_credit
    from kocsite.money.levels import compute_levels
    from kocsite.money.wallet import earnings
    from kocsite.outputs.match import match_document, match_lines
    from kocsite.outputs.tables import write_json
    from kocsite.people.matching import build_index, match as match_teams

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
