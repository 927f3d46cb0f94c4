"""`kocsite init` and `diff`: a new brand's repository, and what a change between two revisions does."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from kocsite.rules.cache import default_dir
from kocsite.publish.diff_report import DIFF_FORMATS, diff_document, markdown as diff_markdown, text_lines as diff_lines
from kocsite.publish.diff import GitDiffError, diff as git_diff
from kocsite.publish.install_source import local_warning, running_source, source_from_requirement
from kocsite.publish.init import DEFAULT_BRAND, check_brand, init_programme
from kocsite.outputs.tables import write_json

from kocsite.cli.options import (UsageError, language, pick, programme_path, programme_root)


@click.command("init")
@click.argument("directory", type=click.Path(file_okay=False))
@click.option("--brand", default=DEFAULT_BRAND, show_default=True, help="The brand's name, written into the sample data.")
@click.option("--today", type=click.DateTime(["%Y-%m-%d"]), default=None,
              help="The sample's dates are around this day (default: today).")
@click.option("--force", is_flag=True, help="Overwrite existing files that differ.")
@click.option("--requirement", "requirement", metavar="SPEC", default=None,
              help="What requirements.txt installs kocsite from, e.g. 'kocsite @ git+https://github.com/OWNER/kocsite@vX.Y.Z' "
                   "(default: where this kocsite was installed from).")
@click.pass_context
def init_command(ctx: click.Context, directory: str, brand: str, today, force: bool, requirement: str | None) -> None:
    """Write a new brand's programme repository into DIRECTORY: sample data, site settings, schemas,
    GitHub workflows, GitLab CI, pre-commit config and a README.

    Existing files are never overwritten without --force: each one is reported as skipped, and the
    exit code is then 1 (files that already have the new content are fine). It checks and builds as is.

    \b
    Example:
        kocsite init my-brand-koc --brand 澜岳汽车
        cd my-brand-koc && kocsite check && kocsite build
    """
    lang = language(ctx)
    try:
        brand = check_brand(brand)
    except ValueError as exc:
        raise click.BadParameter(str(exc), param_hint="--brand") from None
    target = Path(directory)
    if target.exists() and not target.is_dir():
        raise click.BadParameter(pick(lang, f"'{directory}' 不是目录", f"'{directory}' is not a directory"), param_hint="DIRECTORY")
    try:
        source = source_from_requirement(requirement) if requirement is not None else running_source()
    except ValueError as exc:
        raise click.BadParameter(str(exc), param_hint="--requirement") from None
    result = init_programme(target, brand, today.date() if today else None, force=force, source=source)
    en = lang == "en"
    if local_warning(source, lang):
        click.echo(local_warning(source, lang), err=True)
    for rel in result.written:
        click.echo(f"{'wrote' if en else '已写入'}  {rel}")
    for rel in result.overwritten:
        click.echo(f"{'overwrote' if en else '已覆盖'}  {rel}")
    for rel in result.skipped:
        click.echo(f"{'skipped (exists; --force overwrites)' if en else '已跳过（文件已存在，用 --force 覆盖）'}  {rel}",
                   err=True)
    if result.unchanged:
        click.echo(f"{len(result.unchanged)} {'files unchanged' if en else '个文件内容相同，未改动'}")
    if result.skipped:
        ctx.exit(1)
    click.echo((f"Next: cd {directory} && kocsite check && kocsite build" if en else
                f"下一步：cd {directory} && kocsite check && kocsite build"))


@click.command("diff")
@click.argument("base")
@click.argument("head", required=False)
@programme_path
@click.option("--format", "fmt", type=click.Choice(DIFF_FORMATS), default="text", show_default=True,
              help="text for people, markdown for a PR comment or $GITHUB_STEP_SUMMARY, json for tools.")
@click.option("--today", type=click.DateTime(["%Y-%m-%d"]), default=None,
              help="Compare KOC levels as of this day (default: today in the timezone of kocsite.yml).")
@click.pass_context
def diff_command(ctx: click.Context, base: str, head: str | None, path: str, fmt: str, today) -> None:
    """What the change from BASE to HEAD does: entities added, changed and removed, each KOC's credit and
    payout before → after, each KOC's level before → after, and the problems it introduces or fixes.

    Both revisions are read from git objects (nothing is checked out); HEAD defaults to the working
    tree. Exit code 1 when HEAD has errors (a closed campaign's ledger or inputs changed without an
    adjustment included), 0 otherwise.

    \b
    Example:
        kocsite diff main                          # main → the working tree
        kocsite diff origin/main HEAD --format markdown >> "$GITHUB_STEP_SUMMARY"
    """
    root = programme_root(ctx, path)
    try:
        report = git_diff(root, base, head, cache_dir=default_dir(), today=today.date() if today else None)
    except GitDiffError as exc:
        raise UsageError(exc.message(language(ctx)), language(ctx)) from None
    lang = language(ctx, report.settings_language)
    if fmt == "json":
        write_json(diff_document(report, lang), sys.stdout)
    elif fmt == "markdown":
        click.echo(diff_markdown(report, lang))
    else:
        click.echo("\n".join(diff_lines(report, lang)))
    ctx.exit(0 if report.ok else 1)
