"""Phone-first views: the two or three columns a reader scans, the rest of each row on a second line.

A wide Markdown table on a 390 px phone is cut or hidden in a scroll box. `scan_table` keeps only the
columns that are scanned and writes the other facts of the row under its first cell (`label：value ·
…`), so everything is visible without scrolling. `STYLESHEET` is the site's own CSS (docs/assets),
served from the site itself: tables fill the column and wrap, text is at least 14 px, content links
are underlined (distinguishable without colour), overdue dates are red *and* say 逾期.
"""

from __future__ import annotations

from collections.abc import Callable

from kocsite.site.blocks import blocked_table, table

CSS_PATH = "assets/kocsite.css"

STYLESHEET = """\
/* kocsite: phone-first tables and charts (generated; edit kocsite/site/phone.py) */
.md-typeset { font-size: .8rem; }
.md-typeset table:not([class]) { display: table; width: 100%; max-width: 100%; font-size: .7rem; table-layout: auto; }
.md-typeset table:not([class]) th, .md-typeset table:not([class]) td { padding: .5em .6em; overflow-wrap: anywhere; word-break: normal; }
.md-typeset__scrollwrap { overflow: visible; margin: 1em 0; }
.md-typeset__table { display: block; padding: 0; }
.md-typeset table:not([class]) th { min-width: 0; }
.md-typeset table:has(.kocsite-more) td:not(:first-child) { white-space: nowrap; width: 1%; }
.md-typeset .kocsite-more { display: block; color: #374151; font-size: .7rem; margin-top: .25em; }
.md-typeset .kocsite-late { color: #b71c1c; font-weight: 600; }
.md-typeset .kocsite-soon { color: #8a4b00; font-weight: 600; }
.md-typeset .kocsite-done { color: #1b5e20; font-weight: 600; }
.md-typeset .kocsite-chart { display: block; margin: 1em 0; padding: 0; width: 100%; max-width: 24rem; }
.md-typeset .kocsite-chart svg { display: block; width: 100%; height: auto; }
.md-typeset a:not(.headerlink):not(.md-button) { text-decoration: underline; text-underline-offset: .15em; }
.md-typeset progress { width: 5em; max-width: 40%; vertical-align: middle; }
.md-typeset small { font-size: .7rem; }
.md-typeset .kocsite-copy { -webkit-user-select: all; user-select: all; cursor: copy; margin: .6em 0; padding: .6em .8em; border: 1px dashed #9ca3af; border-left: .25rem solid #3f51b5; border-radius: .2rem; background: #f5f7ff; color: #111827; overflow-wrap: anywhere; }
"""


def more(facts: list[tuple[str, str]]) -> str:
    """The second line of a row: `label：value · label：value`, empty values left out (escaped Markdown in)."""
    shown = [f"{label}：{value}" if label else value for label, value in facts if value]
    return f'<span class="kocsite-more">{" · ".join(shown)}</span>' if shown else ""


def scan_table(headers: list[str], rows: list[list[str]], details: list[list[tuple[str, str]]]) -> str:
    """A table of the scanned columns; each row's details go on a second line inside its first cell."""
    return table(headers, _merged(rows, details))


def blocked_scan_table(label: Callable[[int, int], str], level: str, headers: list[str], rows: list[list[str]],
                       details: list[list[tuple[str, str]]]) -> str:
    """`scan_table`, split under `level` sub-headings like `blocks.blocked_table` when it is long."""
    return blocked_table(label, level, headers, _merged(rows, details))


def _merged(rows: list[list[str]], details: list[list[tuple[str, str]]]) -> list[list[str]]:
    return [[row[0] + more(extra), *row[1:]] for row, extra in zip(rows, details)]


def days_text(days: int, t) -> str:
    """Days left as words with a colour class: 逾期 3 天 (red), 今天到期, 还剩 2 天 — never a negative number."""
    if days < 0:
        return f'<span class="kocsite-late">{t("overdue_days", n=-days)}</span>'
    if days == 0:
        return f'<span class="kocsite-soon">{t("due_today")}</span>'
    css = "kocsite-soon" if days <= 2 else ""
    text = t("days_left_n", n=days)
    return f'<span class="{css}">{text}</span>' if css else text
