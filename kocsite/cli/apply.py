"""`kocsite apply ISSUE_BODY_FILE`: an open-call application issue → kocs/<id>.yaml (stage discovered)."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from kocsite.cli.options import DataError, language, pick, programme_path, programme_root


@click.command("apply")
@click.argument("body_file", metavar="ISSUE_BODY_FILE", required=False,
                type=click.Path(dir_okay=False, allow_dash=True))
@programme_path
@click.option("--issue", default=None, metavar="N", help="The issue's number (names the channel, and the id if nothing else can).")
@click.option("--issue-url", default=None, metavar="URL", help="The issue's address, kept under pipeline.application.issue.")
@click.option("--id", "wanted_id", default=None, metavar="ID", help="Use this KOC id (refused if taken) instead of deriving a free one.")
@click.option("--dry-run", is_flag=True, help="Check and print the file; write nothing.")
@click.option("--report", "report_file", type=click.Path(dir_okay=False, writable=True), default=None, metavar="FILE",
              help="Also write a Markdown report for the applicant (both languages, inert for GitHub) to FILE.")
@click.option("--today", type=click.DateTime(["%Y-%m-%d"]), default=None,
              help="The application's day (default: today in the timezone of kocsite.yml).")
@click.option("--format", "fmt", type=click.Choice(("text", "json")), default="text", show_default=True)
@click.option("--print-form", is_flag=True, help="Print the issue form (.github/ISSUE_TEMPLATE/apply.yml) for this programme and exit.")
@click.pass_context
def apply_command(ctx: click.Context, body_file: str | None, path: str | None, issue: str | None, issue_url: str | None,
                  wanted_id: str | None, dry_run: bool, report_file: str | None, today, fmt: str, print_form: bool) -> None:
    """Turn an open-call application (the rendered body of an apply.yml issue) into kocs/<id>.yaml.

    The body is GitHub's Markdown of the issue form: `### Label` headings, the answers under them,
    `_No response_`, checkbox lists. Every field is checked and every bad one reported (file:line:col,
    zh + en); then the new KOC goes through what `kocsite check` runs on a KOC file. The file is written
    atomically at pipeline stage `discovered`, source `open-call`, with a free id from the public
    nickname or a handle (never a real name); an existing file is never overwritten.

    \b
    Example:
        kocsite apply issue-body.md --issue 42 --dry-run
        kocsite apply issue-body.md --issue 42 --report comment.md --format json
        kocsite apply --print-form > .github/ISSUE_TEMPLATE/apply.yml
    """
    from kocsite.core.atomic import WriteError, create_atomic
    from kocsite.core.today import programme_today
    from kocsite.models.programme import load_programme
    from kocsite.outputs.application import report_markdown
    from kocsite.outputs.problems import problem_line
    from kocsite.people.application import application_form, plan_application

    root = programme_root(ctx, path)
    programme = load_programme(root)
    lang = language(ctx, programme.settings.language)
    if print_form:
        click.echo(application_form(programme.settings), nl=False)
        return
    if body_file is None:
        raise click.UsageError(pick(lang, "缺少 ISSUE_BODY_FILE（或用 --print-form）", "missing ISSUE_BODY_FILE (or use --print-form)"))
    if issue is not None and not (issue.isascii() and issue.isdigit() and 0 < int(issue) < 10**9):
        raise click.UsageError(pick(lang, f"--issue 应为 issue 编号（正整数），'{issue}' 不是", f"--issue should be an issue number, not '{issue}'"))
    if body_file != "-" and not Path(body_file).is_file():
        raise click.UsageError(pick(lang, f"找不到文件 '{body_file}'", f"no such file '{body_file}'"))
    raw = sys.stdin.buffer.read() if body_file == "-" else Path(body_file).read_bytes()
    body = raw.decode("utf-8-sig", errors="replace")
    label = "ISSUE_BODY" if body_file == "-" else body_file
    plan = plan_application(root, programme.settings, programme.kocs, body, label,
                            programme_today(programme.settings, today), int(issue) if issue else None, issue_url, wanted_id)
    written = None
    if not plan.errors and not dry_run:
        (root / "kocs").mkdir(parents=True, exist_ok=True)
        try:
            create_atomic(root / plan.rel, plan.text)
        except FileExistsError:
            raise DataError(pick(lang, f"已存在，不会覆盖：{plan.rel}", f"exists, never overwritten: {plan.rel}")) from None
        except WriteError as exc:
            raise DataError(exc.message(lang)) from None
        written = plan.rel
    if report_file:
        Path(report_file).write_text(report_markdown(plan.problems, written, plan.koc), encoding="utf-8")
    for p in plan.problems:
        click.echo(problem_line(p, lang), err=True)
    if fmt == "json":
        json.dump({"ok": not plan.errors, "id": plan.koc, "file": plan.rel, "written": written is not None,
                   "problems": [{"line": p.line, "column": p.column, "code": p.code, "severity": p.severity,
                                 "message": p.message(lang)} for p in plan.problems]},
                  sys.stdout, ensure_ascii=False, indent=2)
        click.echo()
    if plan.errors:
        raise DataError(pick(lang, f"报名表里有 {len(plan.errors)} 个错误：没有写入任何文件",
                             f"{len(plan.errors)} error(s) in the application: nothing was written"))
    if fmt == "text":
        if dry_run:
            click.echo(f"==> {plan.rel} <==")
            click.echo(plan.text, nl=False)
            click.echo(pick(lang, "预演：没有写入文件；去掉 --dry-run 才会写入", "dry run: nothing written; leave out --dry-run to write"))
        else:
            click.echo(pick(lang, f"已写入  {written}", f"wrote  {written}"))
