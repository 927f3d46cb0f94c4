"""docs/reference/problems.md: every problem code `kocsite check` can report, from the catalogue
(kocsite.core.problems), with its severity and its message in Chinese and English."""

from __future__ import annotations

from kocsite.core.problems import CATALOGUE, ERROR
from kocsite.outputs.commands_doc import cell, plain

FAMILIES = (
    ("0", "reading the file: size, encoding, YAML syntax, what YAML may not do, file names"),
    ("1", "references to campaigns, tasks, roles, KOCs, badges, skills, platforms"),
    ("2", "schema: unknown or missing fields, wrong types, numbers, dates, ids, booleans"),
    ("3", "ids: the id and the file name, duplicates"),
    ("4", "dates: inside the campaign window, an end before its start"),
    ("5", "consistency: headcounts, byline shares, review and invitation status, quadrants, membership"),
    ("6", "ledgers of closed campaigns: sealed, closed, figures that would change"),
    ("7", "content review: advertising-law wording (广告法)"),
    ("8", "rewards and fair play: the points wallet, redemptions and stock, KOC levels, daily caps, reviewers, "
          "duplicate links, ad disclosure, agreed and confirmed shares"),
    ("9", "the operating pipeline: open-call applications read by `kocsite apply`, teams and hand-offs, waitlists and "
          "kickoff attendance, goods fulfilment, weekly sentiment and amplification"),
)
"""Problem families by the code's first digit."""


def problems_markdown() -> str:
    lines = [
        "# Problem codes",
        "",
        "Generated from `kocsite/core/problems.py` by `kocsite reference --out docs/reference`; do not",
        "edit by hand. A code never changes its meaning; `E` is an error (exit 1), `W` a warning (exit 0",
        "unless `kocsite check --strict`). `{name}` is filled in from the problem when it is written.",
        "",
    ]
    for digit, what in FAMILIES:
        codes = sorted((c for c in CATALOGUE.values() if c.code[1] == digit), key=lambda c: c.code[1:])
        if not codes:
            continue
        lines += [f"## {digit}xx — {what}", "", "| code | severity | 中文 | English |", "| --- | --- | --- | --- |"]
        lines += [f"| `{c.code}` | {'error' if c.severity == ERROR else 'warning'} | {cell(plain(c.zh))} | {cell(plain(c.en))} |"
                  for c in codes]
        lines.append("")
    return "\n".join(lines).rstrip("\n") + "\n"
