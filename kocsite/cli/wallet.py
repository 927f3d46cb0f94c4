"""`kocsite wallet`: points balances (积分) with reputation (贡献值) and level, or one KOC's history."""

from __future__ import annotations

import sys

import click

from kocsite.cli.options import existing_id, language, programme_path, programme_root, valid_programme


@click.command("wallet")
@click.argument("koc", required=False)
@programme_path
@click.option("--today", type=click.DateTime(["%Y-%m-%d"]), default=None,
              help="Levels as of this day (default: today in the timezone of kocsite.yml).")
@click.option("--format", "fmt", type=click.Choice(("text", "markdown", "csv", "json")), default="text", show_default=True)
@click.pass_context
def wallet_command(ctx: click.Context, koc: str | None, path: str, today, fmt: str) -> None:
    """Points wallets: every KOC's balance, or KOC's history of points earned and spent and of levels.

    Points (积分) are earned by approved work and rituals at the rates of `wallet.rates` in kocsite.yml and
    spent through redemptions/ records; reputation (贡献值) is never spent and decides the level.

    \b
    Example:
        kocsite wallet                                  # every KOC's balance and level
        kocsite wallet ningning-zijia                   # one KOC's history
        kocsite wallet ningning-zijia --format json
    """
    from kocsite.core.today import programme_today
    from kocsite.money.credit import compute_credit
    from kocsite.money.levels import compute_levels
    from kocsite.money.wallet import compute_wallets, earnings
    from kocsite.outputs import wallet as out
    from kocsite.outputs.tables import write_csv, write_json, write_table

    root = programme_root(ctx, path)
    programme = valid_programme(root, language(ctx))
    lang = language(ctx, programme.settings.language)
    if koc is not None:
        koc = existing_id(koc, programme.kocs, lang, " KOC", "KOC", "KOC")
    book = compute_credit(programme)
    earned = earnings(programme, book)
    wallets = compute_wallets(programme, book, earned)
    levels = compute_levels(earned, programme.settings.levels, programme_today(programme.settings, today))
    summary = out.summary_rows(programme, book, wallets, levels, koc)
    history = out.history_rows(wallets, koc, lang) if koc else []
    level_history = out.level_rows(levels, koc, lang) if koc else []
    if fmt == "json":
        write_json(out.wallet_document(summary, koc, history, level_history), sys.stdout)
    elif fmt == "markdown":
        click.echo(out.markdown_report(summary, koc, history, level_history, lang), nl=False)
    elif fmt == "csv":
        write_csv(out.HISTORY_COLUMNS[lang] if koc else out.SUMMARY_COLUMNS[lang], history if koc else summary, sys.stdout)
    elif koc is None:
        write_table(out.SUMMARY_COLUMNS[lang], out.terminal_rows(summary), sys.stdout, lang)
    else:
        click.echo(out.text_heading(summary[0] if summary else None, koc, lang))
        if history:
            click.echo()
            write_table(out.HISTORY_COLUMNS[lang], out.terminal_rows(history), sys.stdout, lang)
        if level_history:
            click.echo()
            write_table(out.LEVEL_COLUMNS[lang], out.terminal_rows(level_history), sys.stdout, lang)
