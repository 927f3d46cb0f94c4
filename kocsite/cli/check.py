"""`kocsite check` and `lint`: the data's problems and drafts' wording (`schema` is kocsite.cli.schema)."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import click

from kocsite.rules.cache import default_dir
from kocsite.checker import check
from kocsite.files.layout import SETTINGS_FILE
from kocsite.core.problems import ERROR
from kocsite.outputs.problems import FORMATS, WRITERS, step_summary, write_text

from kocsite.cli.options import (language, pick, usage_error, programme_argument, programme_path, programme_root)


@click.command("check")
@programme_argument
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="text", show_default=True,
              help="text for people, json for tools, github for workflow annotations, gitlab for code quality.")
@click.option("--strict", is_flag=True, help="Fail on warnings too.")
@click.option("--no-cache", is_flag=True, help="Check every file again, ignoring cached results.")
@click.option("--jobs", type=click.IntRange(min=1), default=None, help="Processes to use (default: all cores).")
@click.pass_context
def check_command(ctx: click.Context, path: str, fmt: str, strict: bool, no_cache: bool, jobs: int | None) -> None:
    """Check every file of the programme (PATH, or the one found here or above) and report all problems at once.

    \b
    Example:
        kocsite check                       # the programme in this directory
        kocsite check --format json demo/   # machine-readable
    """
    root = programme_root(ctx, path)
    result = check(root, cache_dir=None if no_cache else default_dir(), jobs=jobs)
    lang = language(ctx, result.language)
    out = sys.stdout
    if fmt == "text":
        write_text(result.problems, out, lang, result.files, colour=out.isatty() and "NO_COLOR" not in os.environ)
    else:
        WRITERS[fmt](result.problems, out, lang, result.files)
    if fmt == "github" and os.environ.get("GITHUB_STEP_SUMMARY"):
        with open(os.environ["GITHUB_STEP_SUMMARY"], "a", encoding="utf-8") as summary_file:
            summary_file.write(step_summary(result.problems, lang, result.files))
    for note_zh, note_en in result.notes:
        click.echo(pick(lang, f"注意：{note_zh}", f"note: {note_en}"), err=True)
    failing = [p for p in result.problems if strict or p.severity == ERROR]
    ctx.exit(1 if failing else 0)


@click.command("lint")
@click.argument("files", nargs=-1, required=True, type=click.Path(exists=True, dir_okay=False))
@programme_path
@click.option("--format", "fmt", type=click.Choice(("text", "json")), default="text", show_default=True,
              help="text for people, json for tools.")
@click.option("--campaign", "campaign_id", default=None, metavar="ID",
              help="The drafts are for this campaign: when it pays cash or goods, each draft's title (first line) or "
                   "first paragraph must carry a disclosure label (广告 / 合作 / 赞助, `disclosure` in kocsite.yml).")
@click.pass_context
def lint_command(ctx: click.Context, files: tuple[str, ...], path: str, fmt: str, campaign_id: str | None) -> None:
    """Content review before publishing: find wording that may break advertising law (绝对化用语 such as
    最、第一、国家级) in text or Markdown drafts, at file:line:column.

    The terms are `banned_terms` in the programme's kocsite.yml (the programme found here or above, or
    kocsite -C DIR), else the default list. Exit code 1 when any term is found (a pre-publication gate), 0 when the drafts are clean.
    `kocsite check` warns (W701) about the same terms in titles, excerpts, briefs and key points.

    \b
    Example:
        kocsite lint drafts/cockpit-review.md
        kocsite lint --format json drafts/*.md
        kocsite lint --campaign cockpit-deep-experience drafts/*.md   # paid: needs a 广告/合作/赞助 label
    """
    from kocsite.rules.wording import lint_text
    from kocsite.rules.fairplay import lint_disclosure
    from kocsite.files.layout import DataFile
    from kocsite.rules.engine import load_settings
    from kocsite.core.problems import sort_problems
    from kocsite.files.source import decode

    root = programme_root(ctx, path, required=False) or Path(".")
    settings_files = [DataFile(SETTINGS_FILE, "settings")] if (root / SETTINGS_FILE).is_file() else []
    loaded = load_settings(root, settings_files)
    lang = language(ctx, loaded.model.language)
    settings_errors = [p for p in loaded.problems if p.severity == ERROR]
    pays = _campaign_pays(ctx, root, campaign_id) if campaign_id else None
    problems = []
    for name in files:
        text, read_problems = decode(Path(name).read_bytes(), name)
        problems += read_problems
        if text is not None:
            problems += lint_text(text, name, loaded.model.banned_terms)
            if campaign_id:
                problems += lint_disclosure(text, name, loaded.model, campaign_id, pays)
    problems = sort_problems(problems)
    if fmt == "json":
        WRITERS["json"](problems, sys.stdout, lang, len(files))
    else:
        write_text(problems, sys.stdout, lang, len(files), colour=sys.stdout.isatty() and "NO_COLOR" not in os.environ)
    if settings_errors:
        write_text(settings_errors, sys.stderr, lang, 1)
        click.echo(pick(lang, "kocsite.yml 有错误：出错的设置用了默认值（禁用词列表出错时用默认列表）；运行 kocsite check 查看并修复",
                        "kocsite.yml has errors: the settings in error were replaced by their defaults (the default "
                        "banned terms if those are in error); run kocsite check to see and fix them"), err=True)
    ctx.exit(1 if problems or settings_errors else 0)


def _campaign_pays(ctx: click.Context, root: Path, campaign_id: str) -> str | None:
    """Whether the campaign pays cash or goods (kocsite.rules.fairplay.campaign_pays), read from its file."""
    from kocsite.core.ids import is_slug
    from kocsite.files.layout import DataFile
    from kocsite.models.load import read_file
    from kocsite.rules.fairplay import campaign_pays

    rel = f"campaigns/{campaign_id}.yaml"
    if not is_slug(campaign_id) or not (root / rel).is_file():
        raise usage_error(ctx, f"找不到活动 {rel}", f"no campaign {rel}")
    read = read_file(root, DataFile(rel, "campaign"))
    if read.model is None:
        raise usage_error(ctx, f"{rel} 有错误：先运行 kocsite check 修复", f"{rel} has errors: run kocsite check and fix them first")
    return campaign_pays(read.model)
