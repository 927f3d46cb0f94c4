"""What every command shares: finding the programme folder, loading it only when it checks clean,
ids with a did-you-mean hint, the operator's language, and the option types."""

from __future__ import annotations

import functools
import os
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable, Iterable

import click

from kocsite.files.layout import ENTITY_DIRS, SETTINGS_FILE, DataFile
from kocsite.core.problems import ERROR, LANGUAGES
from kocsite.core.suggest import closest

if TYPE_CHECKING:  # the library is imported by the command that needs it, when it runs
    from kocsite.checker import CheckResult
    from kocsite.models.programme import Programme
    from kocsite.money.outcome import CampaignOutcome


def pick(lang: str, zh: str, en: str) -> str:
    """The message in the operator's language."""
    return en if lang == "en" else zh


class UsageError(click.UsageError):
    """A usage error (exit 2) told wholly in the operator's language: click's "Usage:" and "Error:"
    lines in Chinese too."""

    def __init__(self, message: str, lang: str, ctx: click.Context | None = None) -> None:
        super().__init__(message, ctx if ctx is not None else click.get_current_context(silent=True))
        self.lang = lang

    def show(self, file=None) -> None:
        if self.lang == "en":
            return super().show(file)
        if self.ctx is not None:
            usage = self.ctx.get_usage().removeprefix("Usage: ")
            click.echo(f"用法：{usage}\n运行 '{self.ctx.command_path} --help' 查看帮助。\n", err=True)
        click.echo(f"错误：{self.format_message()}", err=True)


def usage_error(ctx: click.Context, zh: str, en: str) -> UsageError:
    lang = language(ctx)
    return UsageError(pick(lang, zh, en), lang, ctx)


def is_programme(folder: Path) -> bool:
    return (folder / SETTINGS_FILE).is_file() or any((folder / d).is_dir() for d in ENTITY_DIRS)


def programme_root(ctx: click.Context, path: str | None = None, required: bool = True) -> Path | None:
    """The programme's folder: `path` when a command was given one (the old PATH argument or --path),
    else the nearest folder holding kocsite.yml or campaigns/, kocs/, tasks/, searched from the current
    directory (after -C DIR) upwards, the way git finds .git. None when there is none and it is not `required`."""
    lang = language(ctx)
    if path is not None:
        root = Path(path)
        if not root.is_dir():
            raise UsageError(pick(lang, f"'{path}' 不是目录", f"'{path}' is not a directory"), lang)
        if not is_programme(root):
            raise UsageError(pick(lang, f"'{path}' 里没有 campaigns/、kocs/、tasks/ 或 kocsite.yml，不是 KOC 项目目录",
                                  f"'{path}' holds no campaigns/, kocs/, tasks/ or kocsite.yml: not a KOC programme"), lang)
        return root
    here = Path.cwd()
    for folder in (here, *here.parents):
        if is_programme(folder):
            return Path(os.path.relpath(folder, here))
    if not required:
        return None
    raise UsageError(pick(lang, f"{here} 和它的上级目录里都没有 KOC 项目（kocsite.yml，或 campaigns/、kocs/、tasks/）："
                                      "进入项目目录，或用 kocsite -C 目录 指定",
                                f"no KOC programme (kocsite.yml, or campaigns/, kocs/, tasks/) in {here} or any folder "
                                "above it: cd into the programme, or name it with kocsite -C DIR"), lang)


programme_path = click.option("--path", "path", default=None, hidden=True, type=click.Path(file_okay=False),
                              help="The programme's folder (the old spelling of kocsite -C DIR).")
"""The --path option of the commands whose argument is a campaign: kept so old scripts work; -C is the way."""

programme_argument = click.argument("path", required=False, default=None, type=click.Path(file_okay=False))
"""The optional PATH argument of check, build, serve and due: the same as kocsite -C PATH."""


Refusal = tuple[str, str]
"""Why a command refuses data with errors, in Chinese and English."""

MONEY = ("积分和奖金只在数据没有错误时计算", "credit and cash are computed only from data without errors")
SEAL = ("账本只从没有错误的数据封存", "a ledger is sealed only from data without errors")
SITE = ("网站只发布没有错误的数据", "the site publishes only data without errors")


def valid_programme(root: Path, lang: str, refusal: Refusal = MONEY, allow: tuple[str, ...] = ()) -> Programme:
    """The programme, loaded only when it checks without errors (other than the `allow`ed codes): money
    commands and the site refuse bad data, saying why (`refusal`)."""
    from kocsite.checker import check, programme_of
    from kocsite.rules.cache import default_dir

    result = check(root, cache_dir=default_dir())
    errors = [p for p in result.problems if p.severity == ERROR and p.code not in allow]
    if errors:
        click.echo("\n".join(error_lines(errors, lang)), err=True)
        why = refusal[1] if lang == "en" else refusal[0]
        message = (f"the data has {len(errors)} error(s) and {why}: fix them first (kocsite check)" if lang == "en" else
                   f"数据里有 {len(errors)} 个错误，{why}：请先修复（kocsite check）")
        raise DataError(message)
    _replay_or_record(root, result)
    return _watched(programme_of(root, result))


def usable_programme(ctx: click.Context, root: Path) -> Programme:
    """The valid part of the programme, for the commands that pay nobody: invalid files are left out
    (kocsite.models.programme) and the errors are reported on stderr after the command's output, which
    then exits 1 (`report_data_errors`, called by the command group)."""
    from kocsite.checker import check, programme_of
    from kocsite.models.programme import without_dangling_records
    from kocsite.rules.cache import default_dir

    result = check(root, cache_dir=default_dir())
    errors = [p for p in result.problems if p.severity == ERROR]
    if not errors:
        _replay_or_record(root, result)
        return _watched(programme_of(root, result))
    programme = without_dangling_records(programme_of(root, result))
    root_ctx = ctx.find_root()
    root_ctx.ensure_object(dict)["data_errors"] = (errors, language(ctx, programme.settings.language))
    root_ctx.call_on_close(lambda: report_data_errors(root_ctx))  # when the command fails before its output
    return programme


def _replay_or_record(root: Path, result: CheckResult) -> None:
    """A report command (`@replayed_when_unchanged`) ends here with its last output when nothing it
    reads has changed (kocsite.cli.memo)."""
    from kocsite.cli.memo import MEMO, replay_or_record
    from kocsite.core.today import programme_today
    from kocsite.rules.cache import default_dir

    ctx = click.get_current_context()
    if MEMO not in ctx.meta:
        return
    if result.reader is not None:
        result.reader.models.save()  # what the check put there, as the loading of the programme would
    lang = language(ctx, result.language)
    replay_or_record(root, default_dir(), result.digests, lang, programme_today(result.settings).isoformat(),
                     _views_now(result))


def _views_now(result: CheckResult) -> Callable[[str], Any]:
    """A data file's views as the check just read it (None when its model is not in the cache). The
    files are indexed only when a changed file's views are asked for: a replay by key needs none."""

    @functools.cache
    def files() -> dict[str, DataFile]:
        return {file.rel: file for file in result.discovered[0]} if result.discovered else {}

    def views(rel: str) -> Any:
        file = files().get(rel)
        cached = result.reader.cached(file) if result.reader is not None and file is not None else None
        return cached.views() if cached is not None and cached.views is not None else None

    return views


def _watched(programme: Programme) -> Programme:
    """The programme, with what a report command reads of it noted for its slot (kocsite.cli.memo)."""
    from kocsite.cli.memo import watch

    watch(programme.reads)
    return programme


def report_data_errors(ctx: click.Context) -> bool:
    """Print the errors `usable_programme` met (at most 20, then their count and a hint); True if any."""
    errors, lang = ctx.find_root().ensure_object(dict).pop("data_errors", ([], "zh"))
    if not errors:
        return False
    en = lang == "en"
    lines = error_lines(errors, lang)
    lines.append((f"kocsite: the data has {len(errors)} error(s); the output leaves out what they make invalid. "
                  "Run kocsite check to see and fix them.") if en else
                 f"kocsite：数据里有 {len(errors)} 个错误，结果里不含出错的部分。运行 kocsite check 查看并修复。")
    click.echo("\n".join(lines), err=True)
    return True


SHOWN_ERRORS = 20


def error_lines(errors: list, lang: str) -> list[str]:
    """The first errors at file:line:column, and how many more there are."""
    from kocsite.outputs.problems import problem_line

    lines = [problem_line(p, lang) for p in errors[:SHOWN_ERRORS]]
    if len(errors) > SHOWN_ERRORS:
        lines.append(pick(lang, f"… 还有 {len(errors) - SHOWN_ERRORS} 个", f"… and {len(errors) - SHOWN_ERRORS} more"))
    return lines


class DataError(click.ClickException):
    """A problem in the data that stops the command: exit 1, the message (already in the operator's
    language) after "kocsite:", not after click's English "Error:"."""

    exit_code = 1

    def show(self, file=None) -> None:
        click.echo(f"kocsite: {self.format_message()}", err=True)


def existing_id(value: str, known: Iterable[str], lang: str, what_zh: str, what_en: str, param: str) -> str:
    """`value` when it is one of `known`, else a usage error (exit 2) with the nearest id as a hint."""
    if value not in known:
        close = closest(value, known)
        raise UsageError(pick(lang, f"{param}：没有{what_zh} '{value}'" + (f"（是不是 '{close}'？）" if close else ""),
                              f"{param}: unknown {what_en} '{value}'" + (f" (did you mean '{close}'?)" if close else "")), lang)
    return value


def known_campaign(programme: Programme, campaign: str, lang: str) -> str:
    _not_left_out(programme, f"campaigns/{campaign}.yaml", lang)
    return existing_id(campaign, programme.campaigns, lang, "活动", "campaign", "CAMPAIGN")


def known_task(programme: Programme, task: str, lang: str) -> str:
    _not_left_out(programme, f"tasks/{task}.yaml", lang)
    return existing_id(task, programme.tasks, lang, "任务", "task", "TASK")


def _not_left_out(programme: Programme, rel: str, lang: str) -> None:
    """A named campaign or task whose file has errors is a data error (exit 1), not an unknown id."""
    if any(p.file == rel and p.severity == ERROR for p in programme.problems):
        raise DataError(pick(lang, f"{rel} 有错误：修复后才能对它运行这个命令（kocsite check）",
                             f"{rel} has errors: fix them before running this command on it (kocsite check)"))


def known_koc(programme: Programme, koc: str | None, lang: str) -> str | None:
    return None if koc is None else existing_id(koc, programme.kocs, lang, " KOC", "KOC", "--koc")


def language(ctx: click.Context, settings_language: str = "zh") -> str:
    """--lang (before or after the command), else KOCSITE_LANG, else the programme's `language`
    setting (zh by default). An invalid KOCSITE_LANG is a usage error, not a silent default."""
    chosen = ctx.find_root().ensure_object(dict).get("lang")
    if chosen:
        return chosen
    env = os.environ.get("KOCSITE_LANG", "").strip()
    if env and env not in LANGUAGES:
        raise click.UsageError(f"KOCSITE_LANG='{env}' 不是支持的语言，可选：{'、'.join(LANGUAGES)} / "
                               f"KOCSITE_LANG='{env}' is not a supported language, choose one of: {', '.join(LANGUAGES)}")
    return env or settings_language


def outcome_of(programme: Programme, campaign: str, lang: str) -> CampaignOutcome:
    """The campaign's outcome, computed from its own files as its ledger is (kocsite.money.outcome.campaign_view)."""
    from kocsite.money.credit import compute_credit
    from kocsite.money.outcome import campaign_outcome, campaign_view
    from kocsite.money.rewards import RewardRuleError

    view = campaign_view(programme, campaign)
    try:
        return campaign_outcome(view, compute_credit(view), campaign)
    except RewardRuleError as exc:
        raise DataError(pick(lang, exc.message_zh, exc.message_en)) from None


class WindowType(click.ParamType):
    """`2d`, `1w`, `0d` → days."""

    name = "WINDOW"

    def convert(self, value, param, ctx):
        if isinstance(value, int):
            return value
        from kocsite.ops.due import parse_window

        try:
            return parse_window(value)
        except ValueError:
            self.fail(pick(language(ctx) if ctx else "zh", f"'{value}' 不是时间窗口（例如 2d、1w、0d）",
                           f"'{value}' is not a window like 2d, 1w or 0d"), param, ctx)
