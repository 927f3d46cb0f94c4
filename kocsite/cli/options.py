"""What every command shares: finding the programme folder, loading it only when it checks clean,
ids with a did-you-mean hint, the operator's language, and the option types."""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Iterable

import click

from kocsite.rules.cache import default_dir
from kocsite.checker import check
from kocsite.money.credit import compute_credit
from kocsite.files.layout import ENTITY_DIRS, SETTINGS_FILE
from kocsite.ops.due import parse_window
from kocsite.money.outcome import CampaignOutcome, campaign_outcome
from kocsite.core.problems import ERROR
from kocsite.models.programme import Programme, load_programme
from kocsite.outputs.problems import write_text
from kocsite.money.rewards import RewardRuleError
from kocsite.core.suggest import closest



def programme_root(path: str) -> Path:
    root = Path(path)
    if not root.is_dir():
        raise click.BadParameter(f"'{path}' 不是目录 / is not a directory", param_hint="PATH")
    if not any((root / d).is_dir() for d in ENTITY_DIRS) and not (root / SETTINGS_FILE).is_file():
        raise click.BadParameter(
            f"'{path}' 里没有 campaigns/、kocs/、tasks/ 或 kocsite.yml，不是 KOC 项目目录 / "
            "holds no campaigns/, kocs/, tasks/ or kocsite.yml", param_hint="PATH")
    return root


programme_path = click.option("--path", "path", default=".", type=click.Path(file_okay=False),
                              help="The programme's folder (default: here).")
"""The --path option of the commands whose argument is a campaign."""


def valid_programme(root: Path, lang: str, allow: tuple[str, ...] = ()) -> Programme:
    """The programme, loaded only when it checks without errors (other than the `allow`ed codes):
    no money is computed on bad data."""
    result = check(root, cache_dir=default_dir())
    errors = [p for p in result.problems if p.severity == ERROR and p.code not in allow]
    if errors:
        write_text(errors[:20], sys.stderr, lang, result.files)
        message = (f"数据里有 {len(errors)} 个错误：请先用 kocsite check 修复，再计算积分和奖金" if lang != "en" else
                   f"the data has {len(errors)} error(s): fix them (kocsite check) before computing credit and cash")
        raise DataError(message)
    return load_programme(root)


class DataError(click.ClickException):
    exit_code = 1


def existing_id(value: str, known: Iterable[str], what_zh: str, what_en: str, param: str) -> str:
    """`value` when it is one of `known`, else a usage error (exit 2) with the nearest id as a hint."""
    if value not in known:
        close = closest(value, known)
        raise click.BadParameter(f"没有{what_zh} '{value}' / unknown {what_en}" + (f"（是不是 '{close}'？）" if close else ""),
                                 param_hint=param)
    return value


def known_campaign(programme: Programme, campaign: str) -> str:
    return existing_id(campaign, programme.campaigns, "活动", "campaign", "CAMPAIGN")


def language(ctx: click.Context, settings_language: str = "zh") -> str:
    """--lang, else KOCSITE_LANG, else the programme's `language` setting (zh by default)."""
    return ctx.obj.get("lang") or os.environ.get("KOCSITE_LANG") or settings_language


def outcome_of(programme: Programme, campaign: str) -> CampaignOutcome:
    try:
        return campaign_outcome(programme, compute_credit(programme), campaign)
    except RewardRuleError as exc:
        raise DataError(f"{exc.message_zh} / {exc.message_en}") from None


class WindowType(click.ParamType):
    """`2d`, `1w`, `0d` → days."""

    name = "WINDOW"

    def convert(self, value, param, ctx):
        if isinstance(value, int):
            return value
        try:
            return parse_window(value)
        except ValueError:
            self.fail(f"'{value}' 不是时间窗口（例如 2d、1w、0d）/ is not a window like 2d, 1w or 0d", param, ctx)


def known_task(programme: Programme, task: str) -> str:
    return existing_id(task, programme.tasks, "任务", "task", "TASK")
