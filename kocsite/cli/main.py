"""The `kocsite` command group and its entry point; the commands live in one module per group.

Exit codes: 0 clean, 1 problems in the data, 2 usage or internal error. No traceback reaches an
operator: an unexpected error is reported in one line (set KOCSITE_DEBUG=1 to see the traceback).
"""

from __future__ import annotations

import os
import sys

import click

from kocsite import __version__
from kocsite.cli import campaigns, check, money, people, publish, reference, site
from kocsite.core.problems import LANGUAGES


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="kocsite")
@click.option("--lang", type=click.Choice(LANGUAGES), default=None,
              help="Language of messages: zh or en (default: KOCSITE_LANG, else `language` in kocsite.yml, else zh).")
@click.pass_context
def cli(ctx: click.Context, lang: str | None) -> None:
    """kocsite: 用 git 里的 YAML 管理 KOC 项目 / a KOC programme kept as validated YAML in git."""
    ctx.ensure_object(dict)
    ctx.obj["lang"] = lang


COMMANDS = (check.check_command, check.lint_command, check.schema_command,
            money.credit_command, money.rewards_command, money.close_command,
            campaigns.progress_command, campaigns.due_command, campaigns.report_command,
            people.candidates_command, people.import_group, people.match_command,
            site.build_command, site.serve_command, publish.init_command, publish.diff_command,
            reference.reference_command)
for command in COMMANDS:
    cli.add_command(command)


def main() -> None:
    try:
        cli.main(prog_name="kocsite", standalone_mode=True)
    except (KeyboardInterrupt, BrokenPipeError):
        sys.exit(2)
    except Exception as exc:  # noqa: BLE001 - the promise is: never a traceback
        if os.environ.get("KOCSITE_DEBUG"):
            raise
        click.echo(f"kocsite: 内部错误 / internal error: {type(exc).__name__}: {exc}", err=True)
        sys.exit(2)
