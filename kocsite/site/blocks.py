"""Small Markdown building blocks shared by the page modules. Cells are already-escaped Markdown."""

from __future__ import annotations

import posixpath
from functools import cached_property
from dataclasses import dataclass
from datetime import date
from fractions import Fraction
from collections.abc import Callable
from typing import TypeVar

from kocsite.money.credit import CreditBook
from kocsite.ops.metrics import CampaignMetrics
from kocsite.money.outcome import CampaignOutcome
from kocsite.models.programme import Programme
from kocsite.outputs.escape import md, plain
from kocsite.site.history import History
from kocsite.site.labels import Labels

T = TypeVar("T")


@dataclass(frozen=True)
class SiteData:
    """Everything a page may show: computed figures plus the public parts of the programme."""

    programme: Programme
    book: CreditBook
    outcomes: dict[str, CampaignOutcome]
    metrics: dict[str, CampaignMetrics]
    history: History
    today: date
    t: Labels
    profiled: frozenset[str]
    """KOCs with a public profile page: approved work, a special award, or an accepted campaign role."""

    @cached_property
    def memo(self) -> dict[str, object]:
        """Figures derived once per build and shared by many pages (e.g. the per-KOC indexes of the profiles),
        so that 10 000 profiles do not each rescan the whole programme."""
        return {}

    def once(self, key: str, build: Callable[[SiteData], T]) -> T:
        """`build(self)`, computed on first use and kept in `memo` under `key` for every later page."""
        if key not in self.memo:
            self.memo[key] = build(self)
        return self.memo[key]  # type: ignore[return-value]


def rel(from_page: str, to_page: str) -> str:
    """A relative link between two docs pages (MkDocs resolves and checks `.md` links)."""
    start, target = from_page.split("/")[:-1], to_page.split("/")
    if not _plain_parts(start) or not _plain_parts(target):
        return posixpath.relpath(to_page, posixpath.dirname(from_page) or ".")
    # posixpath.relpath without its abspath calls: a build makes 150 000 links at reference scale
    common = len(posixpath.commonprefix([start, target]))
    return "/".join([".."] * (len(start) - common) + target[common:]) or "."


def _plain_parts(parts: list[str]) -> bool:
    return all(part not in ("", ".", "..") for part in parts)


def koc_page(koc: str) -> str:
    return f"kocs/{koc}.md"


def campaign_page(cid: str, kind: str = "index") -> str:
    return f"campaigns/{cid}/{kind}.md"


def koc_name(data: SiteData, koc: str) -> str:
    profile = data.programme.kocs.get(koc)
    return profile.name if profile is not None else koc


def koc_ref(data: SiteData, koc: str, page: str) -> str:
    """The KOC's public name, linked to their profile when they have one."""
    name = md(koc_name(data, koc))
    return f"[{name}]({rel(page, koc_page(koc))})" if koc in data.profiled else name


def campaign_ref(data: SiteData, cid: str, page: str, kind: str = "index") -> str:
    campaign = data.programme.campaigns.get(cid)
    if campaign is None:
        return md(cid)
    return f"[{md(campaign.title)}]({rel(page, campaign_page(cid, kind))})"


def table(headers: list[str], rows: list[list[str]]) -> str:
    if not rows:
        return ""
    lines = ["| " + " | ".join(headers) + " |", "|" + "|".join(" --- " for _ in headers) + "|"]
    lines += ["| " + " | ".join(cell if cell else "—" for cell in row) + " |" for row in rows]
    return "\n".join(lines)


BLOCK_ROWS = 100
"""Rows (or names) under one sub-heading of a long listing, at most. The search engines index a page per
heading (a section: the text from one heading to the next)."""

BLOCK_BYTES = 6_000
"""Bytes of Markdown under one sub-heading of a long listing, at most. Zensical (0.0.73) refuses a section
whose search text passes 2³⁰ bytes divided by the number of sections of the site, rounded down to a power
of two: 32 KB for the 23 512 sections of a quarter-scale programme, 8 KB for the 94 647 of the reference
scale, 4 KB only past 131 072. The search text of a table or a list is its Markdown without the link
targets, plus `<li>` tags: 6 000 bytes of Markdown stay under 8 KB."""

SECTION_LIMIT = 7_500
"""No section of a generated page is longer, in UTF-8 bytes of Markdown, at any scale: the listings that
grow with the programme are cut into blocks (tests/site/test_site_sections.py checks it)."""

STEPS = (100, 50, 25, 20, 10, 5, 2, 1)


def blocks_of(sizes: list[int]) -> list[tuple[int, int]]:
    """(start, end) of consecutive blocks of one round number of items — the largest of STEPS whose every
    block stays within BLOCK_BYTES (one item alone when it is larger) — so that sub-headings read
    第 1–50 条, 第 51–100 条 … Deterministic: the same sizes give the same blocks."""
    for step in STEPS:
        found = [(a, min(a + step, len(sizes))) for a in range(0, len(sizes), step)]
        if step == 1 or all(sum(sizes[a:b]) <= BLOCK_BYTES for a, b in found):
            return found
    return []


def _size(text: str) -> int:
    return len(text.encode("utf-8")) + 1


def blocked_table(label: Callable[[int, int], str], level: str, headers: list[str], rows: list[list[str]],
                  first: int = 1) -> str:
    """A table, split under `level` sub-headings (`label(first, last)`, 1-based positions counted from
    `first`) in blocks of `blocks_of` when it is longer than BLOCK_ROWS rows or BLOCK_BYTES bytes."""
    chunks = blocks_of([_size(" | ".join(row)) + 4 * len(row) for row in rows])
    if len(chunks) <= 1:
        return table(headers, rows)
    return "\n\n".join(f"{level} {label(first + a, first + b - 1)}\n\n{table(headers, rows[a:b])}" for a, b in chunks)


def blocked_list(label: Callable[[int, int], str], level: str, items: list[str], separator: str) -> str:
    """Items joined by `separator`, split like `blocked_table` when they are more than one block."""
    chunks = blocks_of([_size(item) + len(separator.encode("utf-8")) for item in items])
    if len(chunks) <= 1:
        return separator.join(items)
    return "\n\n".join(f"{level} {label(a + 1, b)}\n\n" + separator.join(items[a:b]) for a, b in chunks)


def entries(t: Labels, prefix: str = "") -> Callable[[int, int], str]:
    """The sub-heading of a block of a long listing: 第 1–100 条 (after `prefix · ` when given)."""
    return lambda a, b: f"{prefix} · {t('rows_range', a=a, b=b)}" if prefix else t("rows_range", a=a, b=b)


def blocked_bullets(t: Labels, level: str, items: list[str]) -> str:
    """A bullet list, split under `level` sub-headings of 第 a–b 条 when it is long."""
    return blocked_list(entries(t), level, [f"- {item}" for item in items], "\n")


def bullets(items: list[str]) -> str:
    return "\n".join(f"- {item}" for item in items)


def bar(ratio: Fraction) -> str:
    """A native progress bar (our own markup, only a number from data): it never wraps on a phone."""
    percent = max(0, min(100, int(ratio * 100)))
    return f'<progress value="{percent}" max="100"></progress>'



def count(n: int) -> str:
    return f"{n:,}"


def last_changed(data: SiteData, files: set[str] | list[str]) -> str:
    t = data.t
    if not data.history.in_git:
        day = t("no_git")
    else:
        day = data.history.last_changed(sorted(files)) or t("uncommitted")
    return f"*{t('last_changed', d=day)}*"


def page(title: str, sections: list[str], footer: str, front_matter: list[str] | None = None) -> str:
    """A whole page: front matter, `# title`, the non-empty sections, the last-changed line.

    `title` is plain text (data or label). It becomes the `# heading` through `md()`, and the page title
    through `plain()` in front matter: MkDocs would otherwise take the heading, and the theme's
    `striptags` turns its entities back into raw `<…>` inside `<title>` and the header.
    """
    head = ["---", f'title: "{plain(title)}"', *(front_matter or []), "---", ""]
    body = [f"# {md(title)}", *[s for s in sections if s], "---", footer]
    return "\n".join(head) + "\n\n".join(body) + "\n"


def section(heading: str, *parts: str) -> str:
    content = [p for p in parts if p]
    return "\n\n".join([f"## {heading}", *content]) if content else ""


def deliverable_standard(t: Labels, deliverable) -> str:
    """A role's deliverable standard (交付标准) in one line: what, how long, how many, by when."""
    standard = [md(deliverable.description)]
    if deliverable.min_chars:
        standard.append(t("min_chars", n=deliverable.min_chars))
    if deliverable.min_count:
        standard.append(t("min_count", n=deliverable.min_count))
    if deliverable.due:
        standard.append(t("due_by", d=deliverable.due))
    return "；".join(standard)
