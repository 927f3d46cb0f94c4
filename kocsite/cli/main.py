"""The `kocsite` command group and its entry point; the commands live in one module per group.

Exit codes: 0 clean, 1 problems in the data, 2 usage or internal error. No traceback reaches an
operator: an unexpected error is reported in one line (set KOCSITE_DEBUG=1 to see the traceback).
"""

from __future__ import annotations

import errno
import os
import sys

import click

from kocsite import __version__
from kocsite.cli import campaigns, check, money, people, publish, reference, site
from kocsite.cli.apply import apply_command
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


class KocsiteGroup(click.Group):
    """The command group, with an unknown command's did-you-mean in the operator's language."""

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


COMMANDS = (check.check_command, check.lint_command, check.schema_command,
            money.credit_command, money.rewards_command, money.close_command, money.payouts_command,
            money.adjust_command,
            campaigns.progress_command, campaigns.due_command, campaigns.report_command,
            people.candidates_command, people.import_group, people.match_command,
            site.build_command, site.serve_command, publish.init_command, publish.diff_command,
            reference.reference_command, apply_command)


def _add_lang_option(command: click.Command) -> None:
    command.params.append(lang_option(hidden=False))
    for sub in getattr(command, "commands", {}).values():
        _add_lang_option(sub)


for command in COMMANDS:
    _add_lang_option(command)
    cli.add_command(command)


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
