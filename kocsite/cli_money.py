"""Money commands of `kocsite`: `payouts` (the file finance pays from) and `adjust` (correct a sealed ledger).

Registered on the `kocsite` group at the end of kocsite/cli.py.
"""

from __future__ import annotations

import sys
from datetime import date
from io import StringIO
from pathlib import Path

import click

from kocsite.cli import DataError, _campaign_id, _language, _programme_root, _valid_programme, programme_path
from kocsite.checker import check
from kocsite.cache import default_dir
from kocsite.credit import compute_credit
from kocsite.display import decimal_text
from kocsite.ledger import FIGURES, drift, ledger_rel, write_atomic
from kocsite.outcome import campaign_outcome
from kocsite.payouts import columns, payout_file, reconciliation, rows
from kocsite.problems import ERROR
from kocsite.programme import load_programme
from kocsite.rewards import RewardRuleError
from kocsite.tables import safe_cell, write_csv

PAYOUT_FORMATS = ("csv", "xlsx")
DRIFT_CODES = ("E603",)
"""Problems `adjust` exists to resolve: data that moved sealed figures."""


@click.command("payouts")
@click.argument("campaign")
@programme_path
@click.option("--format", "fmt", type=click.Choice(PAYOUT_FORMATS), default="csv", show_default=True)
@click.option("--out", "out_file", type=click.Path(dir_okay=False),
              help="Write here (required for xlsx). With more than one batch, -N is added before the extension.")
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
    root = _programme_root(path)
    programme = _valid_programme(root, _language(ctx))
    lang = _language(ctx, programme.settings.language)
    campaign = _campaign_id(programme, campaign)
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
    if fmt == "xlsx":
        if not out_file:
            raise click.UsageError("--format xlsx 需要 --out 文件名 / --format xlsx needs --out FILE")
        _write_xlsx(Path(out_file), cols, body, footer)
        click.echo(out_file, err=True)
        return
    if out_file:
        buffer = StringIO(newline="")
        write_csv(cols, body + footer, buffer)
        Path(out_file).write_text(buffer.getvalue(), encoding="utf-8", newline="")
        click.echo(out_file, err=True)
    else:
        write_csv(cols, body + footer, sys.stdout)


def _write_xlsx(target: Path, cols, body, footer) -> None:
    try:
        from openpyxl import Workbook
    except ImportError:  # pragma: no cover - a dependency; message for a broken install
        raise DataError("需要 openpyxl 才能写 xlsx：pip install openpyxl / xlsx needs openpyxl") from None
    book = Workbook()
    sheet = book.active
    sheet.title = "payouts"
    sheet.append([header for _, header in cols])
    for row in body + footer:
        sheet.append([_xlsx_cell(row.get(key)) for key, _ in cols])
    for cell in sheet[chr(ord("A") + [k for k, _ in cols].index("amount_yuan"))][1:len(body) + 1]:
        cell.number_format = "0.00"
    book.save(target)


def _xlsx_cell(value):
    """Numbers as typed numbers; text neutralised like CSV (openpyxl would store '=…' as a formula)."""
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    if value is None:
        return None
    text = str(value)
    try:
        return float(text) if text.replace(".", "", 1).isdigit() and "." in text else safe_cell(text)
    except ValueError:
        return safe_cell(text)


@click.command("adjust")
@click.argument("campaign")
@programme_path
@click.option("--reason", required=True, help="Why the sealed figures are corrected (goes into every adjustment).")
@click.option("--by", "by", required=True, help="Who decided the correction.")
@click.option("--date", "day", type=click.DateTime(["%Y-%m-%d"]), default=None, help="Date of the correction (default: today).")
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
    root = _programme_root(path)
    lang = _language(ctx)
    result = check(root, cache_dir=default_dir())
    blocking = [p for p in result.problems if p.severity == ERROR and p.code not in DRIFT_CODES]
    if blocking:
        raise DataError(f"数据里有 {len(blocking)} 个 E603 以外的错误：请先用 kocsite check 修复" if lang != "en" else
                        f"the data has {len(blocking)} error(s) besides E603: fix them first (kocsite check)")
    programme = load_programme(root)
    campaign = _campaign_id(programme, campaign)
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
    text = adjustment_yaml(changed, unallocated, reason, by, (day.date() if day else date.today()))
    if dry_run:
        click.echo(text, nl=False)
        return
    target = root / ledger_rel(campaign)
    write_atomic(target, with_adjustments(target.read_text(encoding="utf-8"), text))
    click.echo(f"已添加 {len(changed) + (unallocated is not None)} 条调整 / adjustments added: {ledger_rel(campaign)}")


def adjustment_yaml(changed, unallocated, reason: str, by: str, day: date) -> str:
    import json
    q = lambda s: json.dumps(s, ensure_ascii=False)  # noqa: E731
    out = []
    tail = [f"    reason: {q(reason)}", f"    by: {q(by)}", f"    date: {day.isoformat()}"]
    for koc, expected, actual in changed:
        lines = [f"  - koc: {q(koc)}"]
        if actual.credit != expected.credit:
            delta = actual.credit - expected.credit
            lines.append(f"    credit: {q(('+' if delta > 0 else '') + decimal_text(delta))}")
        if actual.payout_fen != expected.payout_fen:
            lines.append(f"    payout_fen: {actual.payout_fen - expected.payout_fen}")
        for field in FIGURES[2:]:
            if getattr(actual, field) != getattr(expected, field):
                value = getattr(actual, field)
                lines.append(f"    {field}: " + (str(value).lower() if isinstance(value, bool) else
                                                 f"[{', '.join(q(v) for v in value)}]"))
        out += lines + tail
    if unallocated is not None:
        out += [f"  - unallocated_fen: {unallocated[1] - unallocated[0]}"] + tail
    return "\n".join(out) + "\n"


def with_adjustments(text: str, entries: str) -> str:
    """The ledger's text with `entries` appended under `adjustments:` (which is always last)."""
    if "\nadjustments: []" in text:
        return text.replace("\nadjustments: []", "\nadjustments:", 1).rstrip("\n") + "\n" + entries
    return text.rstrip("\n") + "\n" + entries


MONEY_COMMANDS = (payouts_command, adjust_command)
