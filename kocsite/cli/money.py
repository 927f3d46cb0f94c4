"""`kocsite credit`, `rewards` and `close`: credit per KOC, the exact cash split, and freezing it in a ledger."""

from __future__ import annotations

import sys
from io import StringIO
from pathlib import Path

import click

from kocsite.cli.memo import replayed_when_unchanged

from kocsite.outputs.tables import TABLE_FORMATS
from kocsite.cli.options import (SEAL, usage_error, DataError, known_campaign, known_koc, language, outcome_of, pick,
                                  programme_path, programme_root, valid_programme)


@click.command("credit")
@click.argument("campaign", required=False)
@programme_path
@click.option("--koc", help="Only this KOC.")
@click.option("--explain", is_flag=True, help="Show every contribution behind each figure.")
@click.option("--format", "fmt", type=click.Choice(TABLE_FORMATS), default="text", show_default=True)
@click.pass_context
@replayed_when_unchanged
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
    # imported once the check has run: a replayed report (kocsite.cli.memo) never needs them
    from kocsite.money.credit import compute_credit
    from kocsite.outputs.credit import ALL_TIME_COLUMNS, CAMPAIGN_COLUMNS, all_time_rows, campaign_rows, explain_lines, line_dict
    from kocsite.outputs.tables import write_csv, write_json, write_table

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
        write_table(columns[lang], rows, sys.stdout, lang)
        if explain:
            click.echo("\n" + "\n".join(explain_lines(book, koc, campaign, lang)))


@click.command("rewards")
@click.argument("campaign")
@programme_path
@click.option("--explain", is_flag=True, help="Show every step of the split: eligibility, rounds, remainders.")
@click.option("--koc", help="With --explain: only this KOC's steps.")
@click.option("--format", "fmt", type=click.Choice(TABLE_FORMATS), default="text", show_default=True)
@click.pass_context
@replayed_when_unchanged
def rewards_command(ctx: click.Context, campaign: str, path: str, explain: bool, koc: str | None, fmt: str) -> None:
    """The exact cash split of CAMPAIGN in 分, with goods, badges and priority.

    Payouts plus the unallocated remainder always add up to the pool, to the 分.

    \b
    Example:
        kocsite rewards cockpit-deep-experience
        kocsite rewards cockpit-deep-experience --explain --koc zuocang-laochen
        kocsite rewards cockpit-deep-experience --format csv > payouts.csv
    """
    if koc is not None and not explain:
        raise usage_error(ctx, "--koc 只和 --explain 一起用：它选出要展示哪位 KOC 的分配步骤",
                                    "--koc works only with --explain: it picks whose steps of the split to show")
    root = programme_root(ctx, path)
    programme = valid_programme(root, language(ctx), allow=("E603",))  # a sealed campaign's moved data is shown
    # imported once the check has run: a replayed report (kocsite.cli.memo) never needs them
    from kocsite.money.rewards_explain import explain_lines as rewards_explain
    from kocsite.outputs.rewards import COLUMNS as REWARDS_COLUMNS
    from kocsite.outputs.rewards import CSV_COLUMNS as REWARDS_CSV_COLUMNS
    from kocsite.outputs.rewards import SEALED_COLUMNS, SEALED_CSV_COLUMNS, payout_rows, rewards_document
    from kocsite.outputs.rewards import summary as rewards_summary
    from kocsite.outputs.tables import write_csv, write_json, write_table

    lang = language(ctx, programme.settings.language)
    koc = known_koc(programme, koc, lang)
    outcome = outcome_of(programme, known_campaign(programme, campaign, lang), lang)
    sealed = outcome.campaign in programme.ledgers
    rows = payout_rows(programme, outcome)
    moved = sealed and any(r["recomputed_payout_fen"] is not None for r in rows)
    if fmt == "json":
        document = rewards_document(programme, outcome)
        if explain:
            document["explain"] = rewards_explain(outcome.split, koc, lang)
        write_json(document, sys.stdout)
    elif fmt == "csv":
        write_csv(REWARDS_CSV_COLUMNS + (SEALED_CSV_COLUMNS if sealed else []), rows, sys.stdout)
    else:
        write_table(REWARDS_COLUMNS[lang] + (SEALED_COLUMNS[lang] if moved else []), rows, sys.stdout, lang)
        click.echo(rewards_summary(outcome, lang, programme))
        if explain:
            click.echo("\n" + "\n".join(rewards_explain(outcome.split, koc, lang)))


@click.command("close")
@click.argument("campaign")
@programme_path
@click.option("--today", "--date", "day", type=click.DateTime(["%Y-%m-%d"]), default=None,
              help="Closing date (default: today in the timezone of kocsite.yml); --date is the older name.")
@click.option("--dry-run", is_flag=True, help="Print exactly the ledger that would be frozen; write nothing.")
@click.option("--force", is_flag=True, help="Close although the campaign has not ended, reviews are pending or tasks are open.")
@click.option("--reason", default=None, help="With --force: why (written into the ledger as `forced`).")
@click.pass_context
def close_command(ctx: click.Context, campaign: str, path: str, day, dry_run: bool, force: bool, reason: str | None) -> None:
    """Freeze CAMPAIGN: write ledgers/CAMPAIGN.yaml and set its status to closed.

    Refused before the campaign's end date, while reviews are pending, tasks are open or the
    retrospective is missing, unless --force --reason TEXT. From then on `kocsite check` fails if
    the ledger is edited by hand, or if the data changes so that a KOC's figures would differ;
    corrections go in the ledger's `adjustments` (kocsite adjust), with a reason.

    \b
    Example:
        kocsite close cockpit-deep-experience --today 2026-12-01 --dry-run
        kocsite close cockpit-deep-experience --today 2026-12-01
        git add ledgers campaigns && git commit -m "封存智能座舱项目的奖励"
    """
    from kocsite.core.atomic import complete_pending
    from kocsite.core.today import programme_today
    from kocsite.money.closing import close_blockers
    from kocsite.money.ledger import close_campaign, close_preview, ledger_rel

    root = programme_root(ctx, path)
    if ledger_rel(campaign) in complete_pending(root):  # an interrupted close is finished first
        click.echo(f"已完成上次中断的封存 / finished the interrupted close: {ledger_rel(campaign)}")
        return
    programme = valid_programme(root, language(ctx), SEAL, allow=("E604",))
    lang = language(ctx, programme.settings.language)
    campaign = known_campaign(programme, campaign, lang)
    if (root / ledger_rel(campaign)).exists():
        raise DataError(f"活动 '{campaign}' 已经封存（{ledger_rel(campaign)}）：更正请添加 adjustments 条目" if lang != "en" else
                        f"campaign '{campaign}' is already closed ({ledger_rel(campaign)}): correct it with adjustments")
    if force and not (reason or "").strip():
        raise usage_error(ctx, "--force 需要 --reason 说明原因", "--force needs --reason TEXT")
    closed = programme_today(programme.settings, day)
    blockers = close_blockers(programme, campaign, closed)
    if blockers and not force:
        lines = [b[1] if lang == "en" else b[0] for b in blockers]
        raise DataError(("not closed: " if lang == "en" else "未封存：") + "; ".join(lines) +
                        (" (close anyway with --force --reason TEXT)" if lang == "en" else "（确需提前封存：--force --reason 原因）"))
    outcome_of(programme, campaign, lang)  # impossible reward rules fail here, before anything is written
    forced = reason.strip() if force and reason else None
    if dry_run:
        click.echo(close_preview(root, programme, campaign, closed, forced), nl=False)
        return
    written = close_campaign(root, programme, campaign, closed, forced)
    click.echo(pick(lang, "已封存：", "sealed: ") + written.relative_to(root).as_posix())


PAYOUT_FORMATS = ("csv", "xlsx")
DRIFT_CODES = ("E603",)
"""Problems `adjust` exists to resolve: data that moved sealed figures."""


@click.command("payouts")
@click.argument("campaign")
@programme_path
@click.option("--format", "fmt", type=click.Choice(PAYOUT_FORMATS), default="csv", show_default=True)
@click.option("--out", "out_file", type=click.Path(dir_okay=False),
              help="Write here (required for xlsx). With more than one batch, one file per batch: FILE-1.csv, FILE-2.csv …")
@click.option("--private", is_flag=True,
              help="Add each payee's real name and WeChat id from private: (for finance only; never in CI logs or on the site).")
@click.pass_context
def payouts_command(ctx: click.Context, campaign: str, path: str, fmt: str, out_file: str | None, private: bool) -> None:
    """The payout file of sealed CAMPAIGN for a WeChat Pay batch transfer (商家转账).

    One row per payee, amount in 元 and 分, campaign cash plus special-award cash, batches of at
    most `payouts.batch_rows` (3000) rows, rows below `payouts.min_transfer_fen` or above
    `payouts.real_name_above_fen` flagged (kocsite.yml), then the reconciliation (Σ rows +
    unallocated = pool) and the ledger's seal. Only from a ledger that verifies (kocsite check clean).

    \b
    Example:
        kocsite payouts l9-mayday-road-trip > payouts.csv
        kocsite payouts l9-mayday-road-trip --private --format xlsx --out 发放.xlsx
    """
    from kocsite.core.atomic import write_atomic
    from kocsite.money.credit import compute_credit
    from kocsite.money.ledger import ledger_rel
    from kocsite.money.payouts import batch_files, columns, payout_file, reconciliation, rows
    from kocsite.outputs.tables import write_csv, write_xlsx

    root = programme_root(ctx, path)
    programme = valid_programme(root, language(ctx))
    lang = language(ctx, programme.settings.language)
    campaign = known_campaign(programme, campaign, lang)
    ledger = programme.ledgers.get(campaign)
    if ledger is None:
        raise DataError(f"活动 '{campaign}' 还没有封存（没有 {ledger_rel(campaign)}）：先运行 kocsite close {campaign}"
                        if lang != "en" else f"campaign '{campaign}' is not sealed yet (no {ledger_rel(campaign)}): "
                                             f"run kocsite close {campaign} first")
    result = payout_file(programme, compute_credit(programme), ledger, private)
    size = programme.settings.payouts.batch_rows
    cols = columns(private, lang)
    body = rows(result, size, lang)
    footer = reconciliation(result, lang)
    if fmt == "xlsx" and not out_file:
        raise usage_error(ctx, "--format xlsx 需要 --out 文件名", "--format xlsx needs --out FILE")
    if not out_file:
        write_csv(cols, body + footer, sys.stdout)
        return
    for target, part in batch_files(Path(out_file), body):
        if fmt == "xlsx":
            write_xlsx(target, cols, part, footer)
        else:
            buffer = StringIO(newline="")
            write_csv(cols, part + footer, buffer)
            write_atomic(target, buffer.getvalue())
        click.echo(str(target), err=True)


@click.command("adjust")
@click.argument("campaign")
@programme_path
@click.option("--reason", required=True, help="Why the sealed figures are corrected (goes into every adjustment).")
@click.option("--by", "by", required=True, help="Who decided the correction.")
@click.option("--today", "--date", "day", type=click.DateTime(["%Y-%m-%d"]), default=None,
              help="Date of the correction (default: today in the timezone of kocsite.yml).")
@click.option("--dry-run", is_flag=True, help="Print the adjustments without writing them.")
@click.pass_context
def adjust_command(ctx: click.Context, campaign: str, path: str, reason: str, by: str, day, dry_run: bool) -> None:
    """Correct sealed CAMPAIGN: add a reasoned adjustment for every figure the data now moves.

    The frozen entries and the seal stay as they were; the ledger's `adjustments:` records each
    KOC's change (credit and payout as deltas, goods, badges, priority and deliverable as the new
    values) with REASON, BY and the date, so `kocsite check` passes and the history stays readable.

    \b
    Example:
        kocsite adjust l9-mayday-road-trip --reason "角色子奖池按成员全部积分分配（含无角色任务）" --by 王运营
    """
    from kocsite.checker import checked_programme
    from kocsite.core.atomic import write_atomic
    from kocsite.core.problems import ERROR
    from kocsite.core.today import programme_today
    from kocsite.money.credit import compute_credit
    from kocsite.money.ledger import adjustment_yaml, drift, ledger_rel, with_adjustments
    from kocsite.money.outcome import campaign_outcome
    from kocsite.money.rewards import RewardRuleError
    from kocsite.rules.cache import default_dir

    root = programme_root(ctx, path)
    lang = language(ctx)
    result, programme = checked_programme(root, cache_dir=default_dir())
    blocking = [p for p in result.problems if p.severity == ERROR and p.code not in DRIFT_CODES]
    if blocking:
        raise DataError(f"数据里有 {len(blocking)} 个 E603 以外的错误：请先用 kocsite check 修复" if lang != "en" else
                        f"the data has {len(blocking)} error(s) besides E603: fix them first (kocsite check)")
    campaign = known_campaign(programme, campaign, lang)
    model = programme.ledgers.get(campaign)
    if model is None:
        raise DataError(f"活动 '{campaign}' 没有账本 / campaign '{campaign}' has no ledger")
    try:
        outcome = campaign_outcome(programme, compute_credit(programme), campaign)
    except RewardRuleError as exc:
        raise DataError(f"{exc.message_zh} / {exc.message_en}") from None
    changed, unallocated = drift(model, outcome)
    if not changed and unallocated is None:
        click.echo("账本与数据一致，无需调整 / the ledger agrees with the data: nothing to adjust")
        return
    text = adjustment_yaml(changed, unallocated, reason, by, programme_today(programme.settings, day))
    if dry_run:
        click.echo(text, nl=False)
        return
    target = root / ledger_rel(campaign)
    write_atomic(target, with_adjustments(target.read_text(encoding="utf-8"), text))
    click.echo(f"已添加 {len(changed) + (unallocated is not None)} 条调整 / adjustments added: {ledger_rel(campaign)}")
