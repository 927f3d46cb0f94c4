"""`kocsite build` and `serve`: the published site."""

from __future__ import annotations


import click

from kocsite.money.rewards import RewardRuleError
from kocsite.site.build import SiteError, build_site, serve_site

from kocsite.core.today import programme_today
from kocsite.models.programme import Programme
from kocsite.cli.progress import BUILD_PHASES, Progress
from kocsite.cli.options import (SITE, DataError, language, pick, programme_argument, programme_root, valid_programme)


@click.command("build")
@programme_argument
@click.option("--out", "out_dir", default="site", show_default=True, type=click.Path(file_okay=False),
              help="Where the built site goes (relative to the programme's folder unless absolute).")
@click.option("--docs", "docs_dir", default="build/docs", show_default=True, type=click.Path(file_okay=False),
              help="Where the generated Markdown pages go (relative to the programme's folder unless absolute; never committed).")
@click.option("--today", type=click.DateTime(["%Y-%m-%d"]), default=None,
              help="The date the progress boards count overdue and due-soon tasks from "
                   "(default: today in the timezone of kocsite.yml).")
@click.option("--engine", type=click.Choice(["auto", "mkdocs", "zensical"]), default="auto", show_default=True,
              help="Build with Zensical or with MkDocs (Material), from the same pages; auto: Zensical when it is "
                   "installed (pip install 'kocsite[zensical]'), else MkDocs.")
@click.pass_context
def build_command(ctx: click.Context, path: str, out_dir: str, docs_dir: str, today, engine: str) -> None:
    """Generate the site's pages from the data and build them with Zensical or Material for MkDocs (--strict).

    Refuses data with errors. Private fields never reach the pages, the search index or the sitemap.

    \b
    Example:
        kocsite build                        # pages in build/docs, site in site/
        kocsite build --out public/ --today 2026-11-23
        kocsite build --engine mkdocs        # MkDocs even where Zensical is installed
    """
    root = programme_root(ctx, path)
    progress = Progress(language(ctx), BUILD_PHASES)
    progress("check")
    try:
        programme = valid_programme(root, language(ctx), SITE)
    finally:
        progress.done()
    lang = progress.lang = language(ctx, programme.settings.language)
    try:
        result = build_site(programme, root / out_dir, root / docs_dir, programme_today(programme.settings, today), engine, progress)
    except RewardRuleError as exc:
        raise DataError(pick(lang, exc.message_zh, exc.message_en)) from None
    except SiteError as exc:
        raise DataError(str(exc)) from None
    finally:
        progress.done()
    click.echo(f"{result.pages} 页（{result.written} 个文件有变化）→ {result.site_dir}" if lang != "en" else
               f"{result.pages} pages ({result.written} files changed) → {result.site_dir}")


@click.command("serve")
@programme_argument
@click.option("--docs", "docs_dir", default="build/docs", show_default=True, type=click.Path(file_okay=False),
              help="Where the generated Markdown pages go (relative to the programme's folder unless absolute).")
@click.option("--dev-addr", default=None, help="IP:PORT to serve on (default: mkdocs' 127.0.0.1:8000).")
@click.option("--today", type=click.DateTime(["%Y-%m-%d"]), default=None,
              help="The date the progress boards count overdue and due-soon tasks from "
                   "(default: today in the timezone of kocsite.yml, on every reload).")
@click.pass_context
def serve_command(ctx: click.Context, path: str, docs_dir: str, dev_addr: str | None, today) -> None:
    """Preview the site with live reload: edit a data file, the page in the browser follows.

    \b
    Example:
        kocsite serve                        # then open http://127.0.0.1:8000/
        kocsite serve --dev-addr 0.0.0.0:8080
    """
    root = programme_root(ctx, path)
    lang = language(ctx)
    loaded: list[Programme] = []

    def load() -> Programme:
        loaded[:] = [valid_programme(root, lang)]
        return loaded[0]

    try:
        code = serve_site(root, root / docs_dir, load, lambda: programme_today(loaded[0].settings, today), dev_addr,
                          lambda text: click.echo(text, err=True))
    except SiteError as exc:
        raise DataError(str(exc)) from None
    ctx.exit(code)
