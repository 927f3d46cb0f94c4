"""`kocsite progress`, `due` and `report`: how campaigns are going, what is due, the operators' report."""

from __future__ import annotations

import sys

import click

from kocsite.cli.memo import replayed_when_unchanged
from kocsite.cli.options import (WindowType, existing_id, usage_error, known_campaign, language, programme_argument, programme_path, programme_root,
                                  usable_programme)


@click.command("progress")
@click.argument("campaign")
@programme_path
@click.option("--today", type=click.DateTime(["%Y-%m-%d"]), default=None,
              help="Count overdue and due within 2 days from this date (default: today in the timezone of kocsite.yml).")
@click.option("--format", "fmt", type=click.Choice(("text", "json")), default="text", show_default=True)
@click.pass_context
@replayed_when_unchanged
def progress_command(ctx: click.Context, campaign: str, path: str, today, fmt: str) -> None:
    """Goal progress, task completion, reach, recruitment and delivery of CAMPAIGN.

    \b
    Example:
        kocsite progress cockpit-deep-experience --today 2026-11-23
        kocsite progress cockpit-deep-experience --format json
    """
    root = programme_root(ctx, path)
    programme = usable_programme(ctx, root)
    # imported once the check has run: a replayed report (kocsite.cli.memo) never needs them
    from kocsite.core.today import programme_today
    from kocsite.ops.metrics import campaign_metrics
    from kocsite.outputs.progress import progress_document, progress_lines
    from kocsite.outputs.tables import write_json

    lang = language(ctx, programme.settings.language)
    metrics = campaign_metrics(programme, known_campaign(programme, campaign, lang), programme_today(programme.settings, today))
    if fmt == "json":
        write_json(progress_document(metrics), sys.stdout)
    else:
        click.echo("\n".join(progress_lines(metrics, lang)))


@click.command("due")
@programme_argument
@click.option("--within", "within", type=WindowType(), default="2d", show_default=True,
              help="Window after today: 2d, 1w, 0d (only what is due today or overdue).")
@click.option("--today", type=click.DateTime(["%Y-%m-%d"]), default=None,
              help="Count from this day (default: today in the timezone of kocsite.yml).")
@click.option("--format", "fmt", type=click.Choice(("text", "markdown", "json")), default="text", show_default=True,
              help="text for people, markdown for an issue or job summary, json for tools.")
@click.option("--private", is_flag=True,
              help="Also list follow-ups from the KOCs' private contact logs (text and json only: "
                   "markdown may be posted publicly and never includes them).")
@click.pass_context
@replayed_when_unchanged
def due_command(ctx: click.Context, path: str, within: int, today, fmt: str, private: bool) -> None:
    """Overdue and soon-due tasks and role deliverables of the whole programme, by owner.

    Tasks that are not done or cancelled (with or without a campaign), and the role deliverables of
    accepted members who have not met them yet, due on or before today + WINDOW, overdue first.
    Exits 0 (it is a report, overdue items included); when the data has errors it still lists what
    the valid part holds, then prints the errors on stderr and exits 1. Private contact-log follow-ups
    are listed only with --private, and never in markdown.

    \b
    Example:
        kocsite due                                   # due within 2 days, and overdue
        kocsite due --within 1w --today 2026-11-23
        kocsite due --format markdown > due.md        # for the daily reminder issue
        kocsite due --private                         # with private follow-ups (operators only)
    """
    if private and fmt == "markdown":
        raise usage_error(ctx, "--private 不能和 --format markdown 一起用：Markdown 可能被公开发布",
                                    "--private cannot be used with --format markdown, which may be posted publicly")
    root = programme_root(ctx, path)
    programme = usable_programme(ctx, root)
    # imported once the check has run: a replayed report (kocsite.cli.memo) never needs them
    from kocsite.core.today import programme_today
    from kocsite.ops.due import due_list
    from kocsite.outputs.due import due_document, due_lines, due_markdown
    from kocsite.outputs.tables import write_json

    lang = language(ctx, programme.settings.language)
    day = programme_today(programme.settings, today)
    result = due_list(programme, day, within, private=private)
    if fmt == "json":
        write_json(due_document(result), sys.stdout)
    elif fmt == "markdown":
        click.echo(due_markdown(result, lang), nl=False)
    else:
        click.echo("\n".join(due_lines(result, lang)))


REPORT_FORMATS = ("markdown", "csv", "json")
"""`report --format`: named here, where the option is, so that loading this module imports no report."""


@click.command("report")
@click.argument("campaign", required=False)
@programme_path
@click.option("--format", "fmt", type=click.Choice(REPORT_FORMATS), default="markdown", show_default=True,
              help="markdown for a weekly email or PR, csv one row per campaign, json for tools.")
@click.option("--team", default=None, help="`report insights` only: just this product team (as in the insights' routed_to).")
@click.option("--since", type=click.DateTime(["%Y-%m-%d"]), default=None,
              help="`report insights` only: just the insights received on or after this day (YYYY-MM-DD).")
@click.pass_context
def report_command(ctx: click.Context, campaign: str | None, path: str, fmt: str, team: str | None, since) -> None:
    """Operators' report: recruitment funnel, task completion, engagement, exposure, interactions, leads,
    goals and delivery per role — of CAMPAIGN, or of every campaign.

    `kocsite report insights` is the insight report for the 用户声音分享会 instead: per product team the
    insights received, waiting, in progress, shipped, declined, and those not yet reported back to the
    KOCs (CSV: one row per team).

    \b
    Example:
        kocsite report > weekly.md
        kocsite report cockpit-deep-experience --format json
        kocsite report --format csv > campaigns.csv
        kocsite report insights --team 座舱产品组 --since 2026-11-01
    """
    from kocsite.ops.metrics import all_campaign_metrics, campaign_metrics
    from kocsite.outputs.operator import CSV_COLUMNS as REPORT_CSV_COLUMNS
    from kocsite.outputs.operator import csv_rows as report_csv_rows, report_document, report_markdown
    from kocsite.outputs.tables import write_csv, write_json

    root = programme_root(ctx, path)
    programme = usable_programme(ctx, root)
    lang = language(ctx, programme.settings.language)
    if campaign == INSIGHTS_REPORT:
        _insights_report(ctx, programme, lang, fmt, team, since.date() if since else None)
        return
    if team is not None or since is not None:
        raise usage_error(ctx, "--team 和 --since 只用于 kocsite report insights",
                          "--team and --since are for kocsite report insights only")
    if campaign is not None:
        metrics = [campaign_metrics(programme, known_campaign(programme, campaign, lang))]
    else:
        metrics = list(all_campaign_metrics(programme).values())
    if fmt == "json":
        write_json(report_document(metrics), sys.stdout)
    elif fmt == "csv":
        write_csv(REPORT_CSV_COLUMNS, report_csv_rows(metrics), sys.stdout)
    else:
        click.echo(report_markdown(metrics, lang), nl=False)


INSIGHTS_REPORT = "insights"
"""`kocsite report insights`: the word takes the place of a campaign id."""


def _insights_report(ctx: click.Context, programme, lang: str, fmt: str, team: str | None, since) -> None:
    from kocsite.ops.insight_report import insight_report, teams
    from kocsite.outputs import insights as out
    from kocsite.outputs.tables import write_csv, write_json

    if team is not None:
        team = existing_id(team, teams(programme), lang, "团队", "team", "--team")
    report = insight_report(programme, team, since)
    if fmt == "json":
        write_json(out.document(report, since), sys.stdout)
    elif fmt == "csv":
        write_csv(out.CSV_COLUMNS, out.csv_rows(report), sys.stdout)
    else:
        click.echo(out.report_markdown(report, lang, since), nl=False)
