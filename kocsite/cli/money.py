"""`kocsite credit`, `rewards` and `close`: credit per KOC, the exact cash split, and freezing it in a ledger."""

from __future__ import annotations

import sys
from datetime import date

import click

from kocsite.money.credit import compute_credit
from kocsite.outputs.credit import ALL_TIME_COLUMNS, CAMPAIGN_COLUMNS, all_time_rows, campaign_rows, explain_lines, line_dict
from kocsite.money.ledger import close_campaign, ledger_rel
from kocsite.money.rewards_explain import explain_lines as rewards_explain
from kocsite.outputs.rewards import COLUMNS as REWARDS_COLUMNS
from kocsite.outputs.rewards import CSV_COLUMNS as REWARDS_CSV_COLUMNS
from kocsite.outputs.rewards import payout_rows, rewards_document
from kocsite.outputs.rewards import summary as rewards_summary
from kocsite.outputs.tables import TABLE_FORMATS, write_csv, write_json, write_table

from kocsite.cli.options import (SEAL, usage_error, DataError, known_campaign, known_koc, language, outcome_of, pick,
                                  programme_path, programme_root, valid_programme)


@click.command("credit")
@click.argument("campaign", required=False)
@programme_path
@click.option("--koc", help="Only this KOC.")
@click.option("--explain", is_flag=True, help="Show every contribution behind each figure.")
@click.option("--format", "fmt", type=click.Choice(TABLE_FORMATS), default="text", show_default=True)
@click.pass_context
def credit_command(ctx: click.Context, campaign: str | None, path: str, koc: str | None, explain: bool, fmt: str) -> None:
    """Credit per KOC: in one CAMPAIGN, or all-time per quadrant.

    Only approved work counts: task points × review quality × the KOC's share.

    \b
    Example:
        kocsite credit                                  # all-time, every KOC
        kocsite credit cockpit-deep-experience --explain
        kocsite credit --koc li-lei --format json
    """
    root = programme_root(ctx, path)
    programme = valid_programme(root, language(ctx))
    lang = language(ctx, programme.settings.language)
    koc = known_koc(programme, koc, lang)
    book = compute_credit(programme)
    if campaign is not None:
        campaign = known_campaign(programme, campaign, lang)
        rows, columns = campaign_rows(programme, book, campaign, koc), CAMPAIGN_COLUMNS
    else:
        rows, columns = all_time_rows(programme, book, koc), ALL_TIME_COLUMNS
    if fmt == "json":
        document: dict = {"campaign": campaign, "credits": rows}
        if explain:
            document["lines"] = [line_dict(line) for line in book.lines_for(koc, campaign)]
        write_json(document, sys.stdout)
    elif fmt == "csv":
        write_csv(columns[lang], rows, sys.stdout)
    else:
        write_table(columns[lang], rows, sys.stdout)
        if explain:
            click.echo("\n" + "\n".join(explain_lines(book, koc, campaign, lang)))


@click.command("rewards")
@click.argument("campaign")
@programme_path
@click.option("--explain", is_flag=True, help="Show every step of the split: eligibility, rounds, remainders.")
@click.option("--koc", help="With --explain: only this KOC's steps.")
@click.option("--format", "fmt", type=click.Choice(TABLE_FORMATS), default="text", show_default=True)
@click.pass_context
def rewards_command(ctx: click.Context, campaign: str, path: str, explain: bool, koc: str | None, fmt: str) -> None:
    """The exact cash split of CAMPAIGN in 分, with goods, badges and priority.

    Payouts plus the unallocated remainder always add up to the pool, to the 分.

    \b
    Example:
        kocsite rewards cockpit-deep-experience
        kocsite rewards cockpit-deep-experience --explain --koc chen-mo
        kocsite rewards cockpit-deep-experience --format csv > payouts.csv
    """
    if koc is not None and not explain:
        raise usage_error(ctx, "--koc 只和 --explain 一起用：它选出要展示哪位 KOC 的分配步骤",
                                    "--koc works only with --explain: it picks whose steps of the split to show")
    root = programme_root(ctx, path)
    programme = valid_programme(root, language(ctx))
    lang = language(ctx, programme.settings.language)
    koc = known_koc(programme, koc, lang)
    outcome = outcome_of(programme, known_campaign(programme, campaign, lang), lang)
    if fmt == "json":
        document = rewards_document(programme, outcome)
        if explain:
            document["explain"] = rewards_explain(outcome.split, koc, lang)
        write_json(document, sys.stdout)
    elif fmt == "csv":
        write_csv(REWARDS_CSV_COLUMNS, payout_rows(programme, outcome), sys.stdout)
    else:
        write_table(REWARDS_COLUMNS[lang], payout_rows(programme, outcome), sys.stdout)
        click.echo(rewards_summary(outcome, lang))
        if explain:
            click.echo("\n" + "\n".join(rewards_explain(outcome.split, koc, lang)))

@click.command("close")
@click.argument("campaign")
@programme_path
@click.option("--date", "day", type=click.DateTime(["%Y-%m-%d"]), default=None, help="Closing date (default: today).")
@click.pass_context
def close_command(ctx: click.Context, campaign: str, path: str, day) -> None:
    """Freeze CAMPAIGN: write ledgers/CAMPAIGN.yaml and set its status to closed.

    From then on `kocsite check` fails if the ledger is edited by hand, or if the data changes so
    that a KOC's figures would differ; corrections go in the ledger's `adjustments`, with a reason.

    \b
    Example:
        kocsite close cockpit-deep-experience --date 2026-12-01
        git add ledgers campaigns && git commit -m "封存智能座舱项目的奖励"
    """
    root = programme_root(ctx, path)
    programme = valid_programme(root, language(ctx), SEAL)
    lang = language(ctx, programme.settings.language)
    campaign = known_campaign(programme, campaign, lang)
    if (root / ledger_rel(campaign)).exists():
        raise DataError(f"活动 '{campaign}' 已经封存（{ledger_rel(campaign)}）：更正请添加 adjustments 条目" if lang != "en" else
                        f"campaign '{campaign}' is already closed ({ledger_rel(campaign)}): correct it with adjustments")
    outcome_of(programme, campaign, lang)  # impossible reward rules fail here, before anything is written
    written = close_campaign(root, programme, campaign, (day.date() if day else date.today()))
    click.echo(pick(lang, "已封存：", "sealed: ") + written.relative_to(root).as_posix())
