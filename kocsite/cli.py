"""The `kocsite` command: parse options, call the library, write the report, return an exit code.

Exit codes: 0 clean, 1 problems in the data, 2 usage or internal error. No traceback reaches an
operator: an unexpected error is reported in one line (set KOCSITE_DEBUG=1 to see the traceback).
"""

from __future__ import annotations

import os
import sys
from datetime import date
from pathlib import Path
from typing import Iterable

import click

from kocsite import __version__
from kocsite.cache import default_dir
from kocsite.checker import check
from kocsite.credit import compute_credit
from kocsite.credit_report import all_time_rows, campaign_rows, explain_lines, line_dict
from kocsite.diff_report import DIFF_FORMATS, diff_document, markdown as diff_markdown, text_lines as diff_lines
from kocsite.discover import ENTITY_DIRS, SETTINGS_FILE
from kocsite.due import due_list, parse_window
from kocsite.gitdiff import GitDiffError, diff as git_diff
from kocsite.due_report import due_document, due_lines, due_markdown
from kocsite.init import DEFAULT_BRAND, check_brand, init_programme
from kocsite.ledger import close_campaign, ledger_rel
from kocsite.match_report import match_document, match_lines
from kocsite.matching import build_index, match as match_teams
from kocsite.metrics import all_campaign_metrics
from kocsite.operator_report import CSV_COLUMNS as REPORT_CSV_COLUMNS
from kocsite.operator_report import REPORT_FORMATS, csv_rows as report_csv_rows, report_document, report_markdown
from kocsite.metrics import campaign_metrics
from kocsite.outcome import CampaignOutcome, campaign_outcome
from kocsite.problems import ERROR, LANGUAGES
from kocsite.programme import Programme, load_programme
from kocsite.progress_report import progress_document, progress_lines
from kocsite.report import FORMATS, WRITERS, step_summary, write_text
from kocsite.rewards import RewardRuleError
from kocsite.rewards_explain import explain_lines as rewards_explain
from kocsite.rewards_report import COLUMNS as REWARDS_COLUMNS
from kocsite.rewards_report import CSV_COLUMNS as REWARDS_CSV_COLUMNS
from kocsite.rewards_report import payout_rows, rewards_document
from kocsite.rewards_report import summary as rewards_summary
from kocsite.schema import KINDS, schema_json
from kocsite.site.build import SiteError, build_site, serve_site
from kocsite.suggest import closest
from kocsite.tables import TABLE_FORMATS, write_csv, write_json, write_table
from kocsite import candidates as candidate_report
from kocsite.importer import COLUMN_HELP as IMPORT_COLUMN_HELP, CsvReadError, apply_plan, plan_import


def _programme_root(path: str) -> Path:
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


def _valid_programme(root: Path, lang: str) -> Programme:
    """The programme, loaded only when it checks without errors: no money is computed on bad data."""
    result = check(root, cache_dir=default_dir())
    errors = [p for p in result.problems if p.severity == ERROR]
    if errors:
        write_text(errors[:20], sys.stderr, lang, result.files)
        message = (f"数据里有 {len(errors)} 个错误：请先用 kocsite check 修复，再计算积分和奖金" if lang != "en" else
                   f"the data has {len(errors)} error(s): fix them (kocsite check) before computing credit and cash")
        raise DataError(message)
    return load_programme(root)


class DataError(click.ClickException):
    exit_code = 1


def _existing(value: str, known: Iterable[str], what_zh: str, what_en: str, param: str) -> str:
    """`value` when it is one of `known`, else a usage error (exit 2) with the nearest id as a hint."""
    if value not in known:
        close = closest(value, known)
        raise click.BadParameter(f"没有{what_zh} '{value}' / unknown {what_en}" + (f"（是不是 '{close}'？）" if close else ""),
                                 param_hint=param)
    return value


def _campaign_id(programme: Programme, campaign: str) -> str:
    return _existing(campaign, programme.campaigns, "活动", "campaign", "CAMPAIGN")


def _language(ctx: click.Context, settings_language: str = "zh") -> str:
    """--lang, else KOCSITE_LANG, else the programme's `language` setting (zh by default)."""
    return ctx.obj.get("lang") or os.environ.get("KOCSITE_LANG") or settings_language


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="kocsite")
@click.option("--lang", type=click.Choice(LANGUAGES), default=None,
              help="Language of messages: zh or en (default: KOCSITE_LANG, else `language` in kocsite.yml, else zh).")
@click.pass_context
def cli(ctx: click.Context, lang: str | None) -> None:
    """kocsite: 用 git 里的 YAML 管理 KOC 项目 / a KOC programme kept as validated YAML in git."""
    ctx.ensure_object(dict)
    ctx.obj["lang"] = lang


@cli.command("check")
@click.argument("path", default=".", type=click.Path(file_okay=False))
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="text", show_default=True,
              help="text for people, json for tools, github for workflow annotations, gitlab for code quality.")
@click.option("--strict", is_flag=True, help="Fail on warnings too.")
@click.option("--no-cache", is_flag=True, help="Check every file again, ignoring cached results.")
@click.option("--jobs", type=click.IntRange(min=1), default=None, help="Processes to use (default: all cores).")
@click.pass_context
def check_command(ctx: click.Context, path: str, fmt: str, strict: bool, no_cache: bool, jobs: int | None) -> None:
    """Check every file of the programme at PATH and report all problems at once.

    \b
    Example:
        kocsite check                       # the programme in this directory
        kocsite check --format json demo/   # machine-readable
    """
    root = _programme_root(path)
    result = check(root, cache_dir=None if no_cache else default_dir(), jobs=jobs)
    lang = _language(ctx, result.settings.language)
    out = sys.stdout
    if fmt == "text":
        write_text(result.problems, out, lang, result.files, colour=out.isatty() and "NO_COLOR" not in os.environ)
    else:
        WRITERS[fmt](result.problems, out, lang, result.files)
    if fmt == "github" and os.environ.get("GITHUB_STEP_SUMMARY"):
        with open(os.environ["GITHUB_STEP_SUMMARY"], "a", encoding="utf-8") as summary_file:
            summary_file.write(step_summary(result.problems, lang, result.files))
    failing = [p for p in result.problems if strict or p.severity == ERROR]
    ctx.exit(1 if failing else 0)


@cli.command("credit")
@click.argument("campaign", required=False)
@programme_path
@click.option("--koc", help="Only this KOC.")
@click.option("--explain", is_flag=True, help="Show every contribution behind each figure.")
@click.option("--format", "fmt", type=click.Choice(TABLE_FORMATS), default="text", show_default=True)
@click.pass_context
def credit_command(ctx: click.Context, campaign: str | None, path: str, koc: str | None, explain: bool, fmt: str) -> None:
    """Credit per KOC: in one CAMPAIGN, or all-time per quadrant.

    Only approved work counts: task points × review quality × the KOC's share.

    \b
    Example:
        kocsite credit                                  # all-time, every KOC
        kocsite credit cockpit-deep-experience --explain
        kocsite credit --koc li-lei --format json
    """
    root = _programme_root(path)
    programme = _valid_programme(root, _language(ctx))
    lang = _language(ctx, programme.settings.language)
    book = compute_credit(programme)
    if campaign is not None:
        campaign = _campaign_id(programme, campaign)
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
        write_table(columns[lang], rows, sys.stdout)
        if explain:
            click.echo("\n" + "\n".join(explain_lines(book, koc, campaign, lang)))


CAMPAIGN_COLUMNS = {
    "zh": [("rank", "名次"), ("koc", "KOC"), ("name", "昵称"), ("credit", "积分"), ("deliverable_met", "达到交付标准")],
    "en": [("rank", "rank"), ("koc", "KOC"), ("name", "name"), ("credit", "credit"), ("deliverable_met", "deliverable met")],
}
ALL_TIME_COLUMNS = {
    "zh": [("rank", "名次"), ("koc", "KOC"), ("name", "昵称"), ("credit", "总积分"), ("routine", "常规"), ("project", "项目"),
           ("exploration", "探索"), ("spontaneous", "自发"), ("award_points", "特殊贡献奖"), ("titles", "限时头衔")],
    "en": [("rank", "rank"), ("koc", "KOC"), ("name", "name"), ("credit", "total"), ("routine", "routine"),
           ("project", "project"), ("exploration", "exploration"), ("spontaneous", "spontaneous"),
           ("award_points", "special awards"), ("titles", "titles")],
}


@cli.command("rewards")
@click.argument("campaign")
@programme_path
@click.option("--explain", is_flag=True, help="Show every step of the split: eligibility, rounds, remainders.")
@click.option("--koc", help="With --explain: only this KOC's steps.")
@click.option("--format", "fmt", type=click.Choice(TABLE_FORMATS), default="text", show_default=True)
@click.pass_context
def rewards_command(ctx: click.Context, campaign: str, path: str, explain: bool, koc: str | None, fmt: str) -> None:
    """The exact cash split of CAMPAIGN in 分, with goods, badges and priority.

    Payouts plus the unallocated remainder always add up to the pool, to the 分.

    \b
    Example:
        kocsite rewards cockpit-deep-experience
        kocsite rewards cockpit-deep-experience --explain --koc chen-mo
        kocsite rewards cockpit-deep-experience --format csv > payouts.csv
    """
    root = _programme_root(path)
    programme = _valid_programme(root, _language(ctx))
    lang = _language(ctx, programme.settings.language)
    outcome = _outcome(programme, _campaign_id(programme, campaign))
    if fmt == "json":
        document = rewards_document(programme, outcome)
        if explain:
            document["explain"] = rewards_explain(outcome.split, koc, lang)
        write_json(document, sys.stdout)
    elif fmt == "csv":
        write_csv(REWARDS_CSV_COLUMNS, payout_rows(programme, outcome), sys.stdout)
    else:
        write_table(REWARDS_COLUMNS[lang], payout_rows(programme, outcome), sys.stdout)
        click.echo(rewards_summary(outcome, lang))
        if explain:
            click.echo("\n" + "\n".join(rewards_explain(outcome.split, koc, lang)))


@cli.command("progress")
@click.argument("campaign")
@programme_path
@click.option("--today", type=click.DateTime(["%Y-%m-%d"]), default=None, help="Show what is overdue or due within 2 days of this date.")
@click.option("--format", "fmt", type=click.Choice(("text", "json")), default="text", show_default=True)
@click.pass_context
def progress_command(ctx: click.Context, campaign: str, path: str, today, fmt: str) -> None:
    """Goal progress, task completion, reach, recruitment and delivery of CAMPAIGN.

    \b
    Example:
        kocsite progress cockpit-deep-experience --today 2026-11-23
        kocsite progress cockpit-deep-experience --format json
    """
    root = _programme_root(path)
    programme = _valid_programme(root, _language(ctx))
    lang = _language(ctx, programme.settings.language)
    metrics = campaign_metrics(programme, _campaign_id(programme, campaign), today.date() if today else None)
    if fmt == "json":
        write_json(progress_document(metrics), sys.stdout)
    else:
        click.echo("\n".join(progress_lines(metrics, lang)))


@cli.command("close")
@click.argument("campaign")
@programme_path
@click.option("--date", "day", type=click.DateTime(["%Y-%m-%d"]), default=None, help="Closing date (default: today).")
@click.pass_context
def close_command(ctx: click.Context, campaign: str, path: str, day) -> None:
    """Freeze CAMPAIGN: write ledgers/CAMPAIGN.yaml and set its status to closed.

    From then on `kocsite check` fails if the ledger is edited by hand, or if the data changes so
    that a KOC's figures would differ; corrections go in the ledger's `adjustments`, with a reason.

    \b
    Example:
        kocsite close cockpit-deep-experience --date 2026-12-01
        git add ledgers campaigns && git commit -m "封存智能座舱项目的奖励"
    """
    root = _programme_root(path)
    programme = _valid_programme(root, _language(ctx))
    lang = _language(ctx, programme.settings.language)
    campaign = _campaign_id(programme, campaign)
    if (root / ledger_rel(campaign)).exists():
        raise DataError(f"活动 '{campaign}' 已经封存（{ledger_rel(campaign)}）：更正请添加 adjustments 条目" if lang != "en" else
                        f"campaign '{campaign}' is already closed ({ledger_rel(campaign)}): correct it with adjustments")
    _outcome(programme, campaign)  # impossible reward rules fail here, before anything is written
    written = close_campaign(root, programme, campaign, (day.date() if day else date.today()))
    click.echo(f"已封存 / sealed: {written.relative_to(root).as_posix()}")


@cli.command("build")
@click.argument("path", default=".", type=click.Path(file_okay=False))
@click.option("--out", "out_dir", default="site", show_default=True, type=click.Path(file_okay=False),
              help="Where the built site goes (relative to PATH unless absolute).")
@click.option("--docs", "docs_dir", default="build/docs", show_default=True, type=click.Path(file_okay=False),
              help="Where the generated Markdown pages go (relative to PATH unless absolute; never committed).")
@click.option("--today", type=click.DateTime(["%Y-%m-%d"]), default=None,
              help="The date the progress boards count overdue and due-soon tasks from (default: today).")
@click.option("--engine", type=click.Choice(["mkdocs", "zensical"]), default="mkdocs", show_default=True,
              help="Build with MkDocs (Material) or with Zensical, from the same pages.")
@click.pass_context
def build_command(ctx: click.Context, path: str, out_dir: str, docs_dir: str, today, engine: str) -> None:
    """Generate the site's pages from the data and build it with Material for MkDocs (--strict).

    Refuses data with errors. Private fields never reach the pages, the search index or the sitemap.

    \b
    Example:
        kocsite build                        # pages in build/docs, site in site/
        kocsite build --out public/ --today 2026-11-23
    """
    root = _programme_root(path)
    programme = _valid_programme(root, _language(ctx))
    lang = _language(ctx, programme.settings.language)
    try:
        result = build_site(programme, root / out_dir, root / docs_dir, today.date() if today else date.today(), engine)
    except RewardRuleError as exc:
        raise DataError(f"{exc.message_zh} / {exc.message_en}") from None
    except SiteError as exc:
        raise DataError(str(exc)) from None
    click.echo(f"{result.pages} 页（{result.written} 页有变化）→ {result.site_dir}" if lang != "en" else
               f"{result.pages} pages ({result.written} changed) → {result.site_dir}")


@cli.command("serve")
@click.argument("path", default=".", type=click.Path(file_okay=False))
@click.option("--docs", "docs_dir", default="build/docs", show_default=True, type=click.Path(file_okay=False),
              help="Where the generated Markdown pages go (relative to PATH unless absolute).")
@click.option("--dev-addr", default=None, help="IP:PORT to serve on (default: mkdocs' 127.0.0.1:8000).")
@click.pass_context
def serve_command(ctx: click.Context, path: str, docs_dir: str, dev_addr: str | None) -> None:
    """Preview the site with live reload: edit a data file, the page in the browser follows.

    \b
    Example:
        kocsite serve                        # then open http://127.0.0.1:8000/
        kocsite serve --dev-addr 0.0.0.0:8080
    """
    root = _programme_root(path)
    lang = _language(ctx)
    try:
        code = serve_site(root, root / docs_dir, lambda: _valid_programme(root, lang), date.today, dev_addr,
                          lambda text: click.echo(text, err=True))
    except SiteError as exc:
        raise DataError(str(exc)) from None
    ctx.exit(code)


def _outcome(programme: Programme, campaign: str) -> CampaignOutcome:
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


def _today_in(timezone: str) -> date:
    """Today where the programme is run (kocsite.yml `timezone`), not where the CI runner is."""
    from datetime import datetime
    from zoneinfo import ZoneInfo, ZoneInfoNotFoundError
    try:
        return datetime.now(ZoneInfo(timezone)).date()
    except (ZoneInfoNotFoundError, ValueError):
        return date.today()


@cli.command("due")
@click.argument("path", default=".", type=click.Path(file_okay=False))
@click.option("--within", "within", type=WindowType(), default="2d", show_default=True,
              help="Window after today: 2d, 1w, 0d (only what is due today or overdue).")
@click.option("--today", type=click.DateTime(["%Y-%m-%d"]), default=None,
              help="Count from this day (default: today in the timezone of kocsite.yml).")
@click.option("--format", "fmt", type=click.Choice(("text", "markdown", "json")), default="text", show_default=True,
              help="text for people, markdown for an issue or job summary, json for tools.")
@click.option("--private", is_flag=True,
              help="Also list follow-ups from the KOCs' private contact logs (text and json only: "
                   "markdown may be posted publicly and never includes them).")
@click.pass_context
def due_command(ctx: click.Context, path: str, within: int, today, fmt: str, private: bool) -> None:
    """Overdue and soon-due tasks and role deliverables of the whole programme, by owner.

    Tasks that are not done or cancelled (with or without a campaign), and the role deliverables of
    accepted members who have not met them yet, due on or before today + WINDOW, overdue first.
    Always exits 0 (it is a report), 1 on data errors. Private contact-log follow-ups are listed
    only with --private, and never in markdown.

    \b
    Example:
        kocsite due                                   # due within 2 days, and overdue
        kocsite due --within 1w --today 2026-11-23
        kocsite due --format markdown > due.md        # for the daily reminder issue
        kocsite due --private                         # with private follow-ups (operators only)
    """
    if private and fmt == "markdown":
        raise click.UsageError("--private 不能和 --format markdown 一起用：Markdown 可能被公开发布 / "
                               "--private cannot be used with --format markdown, which may be posted publicly")
    root = _programme_root(path)
    programme = _valid_programme(root, _language(ctx))
    lang = _language(ctx, programme.settings.language)
    day = today.date() if today else _today_in(programme.settings.timezone)
    result = due_list(programme, day, within, private=private)
    if fmt == "json":
        write_json(due_document(result), sys.stdout)
    elif fmt == "markdown":
        click.echo(due_markdown(result, lang), nl=False)
    else:
        click.echo("\n".join(due_lines(result, lang)))


@cli.command("init")
@click.argument("directory", type=click.Path(file_okay=False))
@click.option("--brand", default=DEFAULT_BRAND, show_default=True, help="The brand's name, written into the sample data.")
@click.option("--today", type=click.DateTime(["%Y-%m-%d"]), default=None,
              help="The sample's dates are around this day (default: today).")
@click.option("--force", is_flag=True, help="Overwrite existing files that differ.")
@click.pass_context
def init_command(ctx: click.Context, directory: str, brand: str, today, force: bool) -> None:
    """Write a new brand's programme repository into DIRECTORY: sample data, site settings, schemas,
    GitHub workflows, GitLab CI, pre-commit config and a README.

    Existing files are never overwritten without --force: each one is reported as skipped, and the
    exit code is then 1 (files that already have the new content are fine). It checks and builds as is.

    \b
    Example:
        kocsite init my-brand-koc --brand 澜岳汽车
        cd my-brand-koc && kocsite check && kocsite build
    """
    lang = _language(ctx)
    try:
        brand = check_brand(brand)
    except ValueError as exc:
        raise click.BadParameter(str(exc), param_hint="--brand") from None
    target = Path(directory)
    if target.exists() and not target.is_dir():
        raise click.BadParameter(f"'{directory}' 不是目录 / is not a directory", param_hint="DIRECTORY")
    result = init_programme(target, brand, today.date() if today else None, force=force)
    en = lang == "en"
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


@cli.command("diff")
@click.argument("base")
@click.argument("head", required=False)
@programme_path
@click.option("--format", "fmt", type=click.Choice(DIFF_FORMATS), default="text", show_default=True,
              help="text for people, markdown for a PR comment or $GITHUB_STEP_SUMMARY, json for tools.")
@click.pass_context
def diff_command(ctx: click.Context, base: str, head: str | None, path: str, fmt: str) -> None:
    """What the change from BASE to HEAD does: entities added, changed and removed, each KOC's credit and
    payout before → after, and the problems it introduces or fixes.

    Both revisions are read from git objects (nothing is checked out); HEAD defaults to the working
    tree. Exit code 1 when HEAD has errors (a closed campaign's ledger or inputs changed without an
    adjustment included), 0 otherwise.

    \b
    Example:
        kocsite diff main                          # main → the working tree
        kocsite diff origin/main HEAD --format markdown >> "$GITHUB_STEP_SUMMARY"
    """
    root = _programme_root(path)
    try:
        report = git_diff(root, base, head, cache_dir=default_dir())
    except GitDiffError as exc:
        raise click.UsageError(str(exc)) from None
    lang = _language(ctx, report.settings_language)
    if fmt == "json":
        write_json(diff_document(report, lang), sys.stdout)
    elif fmt == "markdown":
        click.echo(diff_markdown(report, lang))
    else:
        click.echo("\n".join(diff_lines(report, lang)))
    ctx.exit(0 if report.ok else 1)


def _task_id(programme: Programme, task: str) -> str:
    return _existing(task, programme.tasks, "任务", "task", "TASK")


@cli.command("match")
@click.argument("task")
@programme_path
@click.option("--size", type=click.IntRange(min=1), default=None,
              help="Team size (default: the task's team_size, else the number of skills it needs; at most 8).")
@click.option("--explain", is_flag=True, help="Show each member's skills, level, credit, load, availability and why.")
@click.option("--format", "fmt", type=click.Choice(("text", "json")), default="text", show_default=True)
@click.pass_context
def match_command(ctx: click.Context, task: str, path: str, size: int | None, explain: bool, fmt: str) -> None:
    """Propose small teams of KOCs whose skills together cover composite TASK's `skills`.

    Only active or activated KOCs (or without a pipeline) who are not unavailable are proposed;
    available, higher-level, higher-credit and less-loaded KOCs first, ties by id.

    \b
    Example:
        kocsite match sichuan-west-crossing --explain
        kocsite match newbie-guide --size 3 --format json
    """
    root = _programme_root(path)
    programme = _valid_programme(root, _language(ctx))
    lang = _language(ctx, programme.settings.language)
    task = _task_id(programme, task)
    if not programme.tasks[task].skills:
        raise DataError(f"任务 '{task}' 没有写 skills：组合式任务需要列出所需技能" if lang != "en" else
                        f"task '{task}' lists no skills: a composite task needs `skills`")
    index = build_index(programme, compute_credit(programme))
    teams = match_teams(programme, task, size=size, index=index)
    if fmt == "json":
        write_json(match_document(programme, task, teams), sys.stdout)
    else:
        click.echo("\n".join(match_lines(programme, index, task, teams, lang, explain)))


@cli.command("report")
@click.argument("campaign", required=False)
@programme_path
@click.option("--format", "fmt", type=click.Choice(REPORT_FORMATS), default="markdown", show_default=True,
              help="markdown for a weekly email or PR, csv one row per campaign, json for tools.")
@click.pass_context
def report_command(ctx: click.Context, campaign: str | None, path: str, fmt: str) -> None:
    """Operators' report: recruitment funnel, task completion, engagement, exposure, interactions, leads,
    goals and delivery per role — of CAMPAIGN, or of every campaign.

    \b
    Example:
        kocsite report > weekly.md
        kocsite report cockpit-deep-experience --format json
        kocsite report --format csv > campaigns.csv
    """
    root = _programme_root(path)
    programme = _valid_programme(root, _language(ctx))
    lang = _language(ctx, programme.settings.language)
    if campaign is not None:
        metrics = [campaign_metrics(programme, _campaign_id(programme, campaign))]
    else:
        metrics = list(all_campaign_metrics(programme).values())
    if fmt == "json":
        write_json(report_document(metrics), sys.stdout)
    elif fmt == "csv":
        write_csv(REPORT_CSV_COLUMNS, report_csv_rows(metrics), sys.stdout)
    else:
        click.echo(report_markdown(metrics, lang), nl=False)


STAGES = ("discovered", "contacted", "activated", "active", "paused", "alumni")


def _min_score(ctx: click.Context, param: click.Parameter, value: str | None):
    if value is None:
        return None
    from decimal import Decimal, InvalidOperation
    from fractions import Fraction
    try:
        number = Decimal(value)
        if not number.is_finite():
            raise InvalidOperation
        return Fraction(number)
    except InvalidOperation:
        raise click.BadParameter(f"'{value}' 不是数字 / is not a number") from None


@cli.command("candidates")
@programme_path
@click.option("--stage", "stages", multiple=True, type=click.Choice(STAGES),
              help="Only candidates at this pipeline stage (repeat for several).")
@click.option("--min-score", "min_score", callback=_min_score, default=None, metavar="N",
              help="Only candidates scoring at least N.")
@click.option("--explain", is_flag=True, help="Show each weight × signal behind every score.")
@click.option("--format", "fmt", type=click.Choice(TABLE_FORMATS), default="text", show_default=True)
@click.pass_context
def candidates_command(ctx: click.Context, path: str, stages: tuple[str, ...], min_score, explain: bool, fmt: str) -> None:
    """Rank the KOCs of the candidate pipeline by their weighted signals.

    score = Σ weight × signal over pipeline.signals (posts, quality_interactions, answered_questions,
    tenure_months, followers, login_days, purchases), with the weights of `candidate_weights` in
    kocsite.yml; a signal not recorded counts 0. Highest score first, equal scores by id. Only KOCs
    with a `pipeline:` are listed; nothing under `private:` is ever shown.

    \b
    Example:
        kocsite candidates                                  # the whole pipeline, best first
        kocsite candidates --stage discovered --stage contacted --min-score 100
        kocsite candidates --explain --format json > candidates.json
    """
    root = _programme_root(path)
    programme = _valid_programme(root, _language(ctx))
    lang = _language(ctx, programme.settings.language)
    weight = candidate_report.weights(programme.settings)
    ranked = candidate_report.ranked_candidates(programme.kocs, programme.settings, stages, min_score)
    if fmt == "json":
        write_json(candidate_report.document(ranked, weight), sys.stdout)
    elif fmt == "csv":
        write_csv(candidate_report.columns(lang, weight, machine=True),
                  [candidate_report.row(n, c) for n, c in ranked], sys.stdout)
    else:
        write_table(candidate_report.columns(lang, weight), [candidate_report.row(n, c, lang) for n, c in ranked],
                    sys.stdout)
        if explain:
            click.echo("\n" + "\n".join(candidate_report.explain_lines(ranked, lang)))


@cli.group("import")
def import_group() -> None:
    """Bring data from other tools into the programme's YAML files.

    \b
    Example:
        kocsite import kocs candidates.csv            # dry run: what would be written
        kocsite import kocs candidates.csv --apply    # write kocs/<id>.yaml
    """


@import_group.command("kocs", epilog=IMPORT_COLUMN_HELP)
@click.argument("csv_file", metavar="FILE.csv", type=click.Path(exists=True, dir_okay=False))
@programme_path
@click.option("--apply", "apply_", is_flag=True, help="Write the files (without it: a dry run that writes nothing).")
@click.pass_context
def import_kocs_command(ctx: click.Context, csv_file: str, path: str, apply_: bool) -> None:
    """Create KOC profiles kocs/<id>.yaml from a CSV export (UTF-8, with or without BOM).

    Every row is validated exactly as `kocsite check` validates a KOC file, against the programme's
    skills and platforms; problems are reported as FILE.csv:row:column with check's codes. If any
    row is bad nothing is written (exit 1). Existing files are never overwritten. A dry run by
    default: add --apply to write.

    \b
    Example:
        kocsite import kocs watch-list.csv                 # dry run
        kocsite import kocs watch-list.csv --apply && kocsite check
    """
    root = _programme_root(path)
    try:
        plan = plan_import(root, Path(csv_file), csv_file)
    except CsvReadError as exc:
        lang = _language(ctx)
        click.echo(f"{exc.problem.file}:{exc.problem.line}:{exc.problem.column}: {exc.problem.code} "
                   f"{exc.problem.message(lang)}", err=True)
        raise DataError("CSV 不是 UTF-8 编码（Excel 请“另存为 → CSV UTF-8（逗号分隔）”），没有写入任何文件" if lang != "en" else
                        "the CSV is not UTF-8 (in Excel: Save As → CSV UTF-8 (Comma delimited)); nothing was written") from None
    lang = _language(ctx, plan.language)
    en = lang == "en"
    if plan.problems:
        for p in plan.problems:
            click.echo(f"{p.file}:{p.line}:{p.column}: {p.code} {p.message(lang)}", err=True)
        raise DataError(f"{len(plan.problems)} problem(s) in {plan.rows} row(s): nothing was written" if en else
                        f"{plan.rows} 行里有 {len(plan.problems)} 个问题：没有写入任何文件")
    if not apply_:
        for planned in plan.files:
            click.echo(f"==> {planned.rel} <==")
            click.echo(planned.preview, nl=False)
        click.echo((f"dry run: {len(plan.files)} file(s) would be written (private values shown as ***); "
                    "add --apply to write them") if en else
                   f"预演：将写入 {len(plan.files)} 个文件（私密字段显示为 ***）；加 --apply 才会写入")
        return
    try:
        written = apply_plan(root, plan)
    except FileExistsError as exc:
        raise DataError(f"已存在，不会覆盖 / exists, never overwritten: {exc}") from None
    for file in written:
        click.echo(f"{'wrote' if en else '已写入'}  {file.relative_to(root).as_posix()}")


@cli.command("lint")
@click.argument("files", nargs=-1, required=True, type=click.Path(exists=True, dir_okay=False))
@programme_path
@click.option("--format", "fmt", type=click.Choice(("text", "json")), default="text", show_default=True,
              help="text for people, json for tools.")
@click.pass_context
def lint_command(ctx: click.Context, files: tuple[str, ...], path: str, fmt: str) -> None:
    """Content review before publishing: find wording that may break advertising law (绝对化用语 such as
    最、第一、国家级) in text or Markdown drafts, at file:line:column.

    The terms are `banned_terms` in the programme's kocsite.yml (--path, default: here), else the default
    list. Exit code 1 when any term is found (a pre-publication gate), 0 when the drafts are clean.
    `kocsite check` warns (W701) about the same terms in titles, excerpts, briefs and key points.

    \b
    Example:
        kocsite lint drafts/cockpit-review.md
        kocsite lint --format json drafts/*.md
    """
    from kocsite.checks.wording import lint_text
    from kocsite.discover import DataFile
    from kocsite.loader import load_settings
    from kocsite.problems import sort_problems
    from kocsite.source import decode

    root = Path(path)
    settings_files = [DataFile(SETTINGS_FILE, "settings")] if (root / SETTINGS_FILE).is_file() else []
    loaded = load_settings(root, settings_files)
    lang = _language(ctx, loaded.model.language)
    if any(p.severity == ERROR for p in loaded.problems):
        write_text([p for p in loaded.problems if p.severity == ERROR], sys.stderr, lang, 1)
        raise DataError("kocsite.yml 有错误，无法读取禁用词列表" if lang != "en" else
                        "kocsite.yml has errors: the banned terms cannot be read")
    problems = []
    for name in files:
        text, read_problems = decode(Path(name).read_bytes(), name)
        problems += read_problems
        if text is not None:
            problems += lint_text(text, name, loaded.model.banned_terms)
    problems = sort_problems(problems)
    if fmt == "json":
        WRITERS["json"](problems, sys.stdout, lang, len(files))
    else:
        write_text(problems, sys.stdout, lang, len(files), colour=sys.stdout.isatty() and "NO_COLOR" not in os.environ)
    ctx.exit(1 if problems else 0)


@cli.command("schema")
@click.argument("kind", required=False, type=click.Choice(sorted(KINDS)))
@click.option("--out", "out_dir", type=click.Path(file_okay=False), help="Write <kind>.schema.json files here.")
def schema_command(kind: str | None, out_dir: str | None) -> None:
    """Export JSON Schemas so editors autocomplete and underline mistakes.

    \b
    Example:
        kocsite schema --out schemas/
        # then start a data file with:
        # yaml-language-server: $schema=../schemas/koc.schema.json
    """
    kinds = [kind] if kind else sorted(KINDS)
    if out_dir is None:
        if len(kinds) != 1:
            raise click.UsageError("name a KIND to print, or give --out DIR to write all of them")
        click.echo(schema_json(kinds[0]), nl=False)
        return
    target = Path(out_dir)
    target.mkdir(parents=True, exist_ok=True)
    for name in kinds:
        _write_atomic(target / f"{name}.schema.json", schema_json(name))
        click.echo(str(target / f"{name}.schema.json"))


def _write_atomic(path: Path, text: str) -> None:
    tmp = path.with_name(f".{path.name}.tmp")
    tmp.write_text(text, encoding="utf-8")
    os.replace(tmp, path)


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
