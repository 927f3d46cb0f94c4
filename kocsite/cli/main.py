"""The `kocsite` command group and its entry point; the commands live in one module per group.

Exit codes: 0 clean, 1 problems in the data, 2 usage or internal error. No traceback reaches an
operator: an unexpected error is reported in one line (set KOCSITE_DEBUG=1 to see the traceback).
"""

from __future__ import annotations

import errno
import os
import sys

import click

import importlib

from kocsite import __version__
from kocsite.core.atomic import WriteError
from kocsite.cli.options import UsageError, language, pick, report_data_errors, usage_error
from kocsite.core.problems import LANGUAGES
from kocsite.core.suggest import closest


def _remember_lang(ctx: click.Context, param: click.Parameter, value: str | None) -> None:
    if value is not None:
        ctx.find_root().ensure_object(dict)["lang"] = value


def lang_option(hidden: bool) -> click.Option:
    """--lang, accepted before the command (shown in `kocsite -h`) and after it (`kocsite check --lang en`)."""
    return click.Option(["--lang"], type=click.Choice(LANGUAGES), default=None, expose_value=False, is_eager=True,
                        callback=_remember_lang, hidden=hidden,
                        help="Language of messages: zh or en (default: KOCSITE_LANG, else `language` in kocsite.yml, "
                             "else zh).")


def _change_directory(ctx: click.Context, param: click.Parameter, value: str | None) -> None:
    """-C DIR: run as if kocsite was started in DIR, like git -C."""
    if value is None:
        return
    try:
        os.chdir(value)
    except OSError:
        raise usage_error(ctx, f"-C：'{value}' 不是目录", f"-C: '{value}' is not a directory") from None


COMMANDS = {
    "check": "check:check_command", "lint": "check:lint_command", "schema": "schema:schema_command",
    "credit": "money:credit_command", "rewards": "money:rewards_command", "close": "money:close_command",
    "payouts": "money:payouts_command", "adjust": "money:adjust_command",
    "progress": "campaigns:progress_command", "due": "campaigns:due_command", "report": "campaigns:report_command",
    "candidates": "people:candidates_command", "import": "importing:import_group", "match": "people:match_command",
    "build": "site:build_command", "serve": "site:serve_command", "init": "publish:init_command",
    "diff": "publish:diff_command", "reference": "reference:reference_command", "wallet": "wallet:wallet_command",
    "handoff": "handoff:handoff_command", "apply": "apply:apply_command",
}
"""Each command's module in kocsite.cli and its name there: a command's module (and the library it
needs) is imported only when that command runs, so `kocsite --version` starts in a blink."""


class KocsiteGroup(click.Group):
    """The command group: commands loaded when used, an unknown command's did-you-mean in the
    operator's language."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(COMMANDS)

    def get_command(self, ctx: click.Context, name: str) -> click.Command | None:
        if name not in self.commands and name in COMMANDS:
            module, attr = COMMANDS[name].split(":")
            command = getattr(importlib.import_module(f"kocsite.cli.{module}"), attr)
            _add_lang_option(command)
            self.add_command(command, name)
        return self.commands.get(name)

    def resolve_command(self, ctx: click.Context, args: list[str]):
        name = args[0] if args else None
        if name is not None and not name.startswith("-") and self.get_command(ctx, name) is None:
            close = closest(name, self.list_commands(ctx))
            lang = language(ctx)
            raise UsageError(pick(lang, f"没有命令 '{name}'" + (f"（是不是 '{close}'？）" if close else ""),
                                  f"no such command '{name}'" + (f" (did you mean '{close}'?)" if close else "")),
                             lang, ctx)
        return super().resolve_command(ctx, args)


@click.group(cls=KocsiteGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="kocsite")
@click.option("-C", "directory", metavar="DIR", default=None, expose_value=False, is_eager=True,
              callback=_change_directory,
              help="Run as if kocsite was started in DIR (like git -C). Without it, the programme is the nearest "
                   "folder holding kocsite.yml or campaigns/, kocs/, tasks/, here or above.")
@click.pass_context
def cli(ctx: click.Context) -> None:
    """kocsite: 用 git 里的 YAML 管理 KOC 项目 / a KOC programme kept as validated YAML in git."""
    ctx.ensure_object(dict)


cli.params.append(lang_option(hidden=False))


@cli.result_callback()
@click.pass_context
def _after_command(ctx: click.Context, result, **params) -> None:
    """A command that ran on the valid part of the data reports the errors it left out, then exits 1."""
    if report_data_errors(ctx):
        ctx.exit(1)


def _add_lang_option(command: click.Command) -> None:
    command.params.append(lang_option(hidden=False))
    for sub in getattr(command, "commands", {}).values():
        _add_lang_option(sub)


def main() -> None:
    try:
        cli.main(prog_name="kocsite", standalone_mode=True)
    except (KeyboardInterrupt, BrokenPipeError):
        sys.exit(2)
    except Exception as exc:  # noqa: BLE001 - the promise is: never a traceback
        if os.environ.get("KOCSITE_DEBUG"):
            raise
        if isinstance(exc, WriteError):  # kocsite.core.atomic: nothing was changed
            click.echo(f"kocsite: {exc.message('zh')} / {exc.message('en')}", err=True)
            sys.exit(1)
        if isinstance(exc, OSError) and exc.errno in (errno.ENOSPC, errno.EDQUOT):
            click.echo(f"kocsite: 磁盘已满，无法写入 {exc.filename or ''} / the disk is full: could not write "
                       f"{exc.filename or ''}", err=True)
            sys.exit(1)
        click.echo(f"kocsite: 内部错误 / internal error: {type(exc).__name__}: {exc}", err=True)
        sys.exit(2)
