"""Mermaid diagrams (gantt, flowchart, pie) whose data text can neither break nor alter the diagram.

Mermaid reads the diagram's text: data in a label could close it (`"]`), add edges or `click` handlers,
or set the configuration (`%%{init: …}%%`). Node ids are generated here (n1, n2 …), and every data
character other than letters, digits and spaces is written as a Mermaid entity code (`#60;`), which
Mermaid turns back into the character only when it draws the text.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta


def mermaid_text(text: object) -> str:
    folded = " ".join(str(text).split())
    encoded = "".join(c if c.isalnum() or c == " " else f"#{ord(c)};" for c in folded if c.isprintable())
    return encoded or "#8212;"


def mermaid_label(text: object) -> str:
    """A quoted label for a node, an edge or a pie slice."""
    return f'"{mermaid_text(text)}"'


def fence(lines: list[str]) -> str:
    return "```mermaid\n" + "\n".join(lines) + "\n```"


@dataclass(frozen=True)
class Bar:
    section: str
    name: str
    start: date
    end: date | None
    """Inclusive; None draws a one-day milestone."""


def gantt(bars: list[Bar]) -> str:
    lines = ["gantt", "    dateFormat YYYY-MM-DD", "    axisFormat %m-%d"]
    section = None
    for number, bar in enumerate(bars, 1):
        if bar.section != section:
            section = bar.section
            lines.append(f"    section {mermaid_text(section)}")
        if bar.end is None:
            lines.append(f"    {mermaid_text(bar.name)} :milestone, t{number}, {bar.start.isoformat()}, 0d")
        else:
            end = max(bar.end, bar.start) + timedelta(days=1)  # Mermaid's end date is exclusive
            lines.append(f"    {mermaid_text(bar.name)} :t{number}, {bar.start.isoformat()}, {end.isoformat()}")
    return fence(lines)


def flowchart(steps: list[tuple[str, str]], edges: list[tuple[str, str]], direction: str = "LR") -> str:
    """steps: (key, label) in order; edges: (from key, to key). Keys never reach the diagram."""
    ids = {key: f"n{number}" for number, (key, _) in enumerate(steps, 1)}
    lines = [f"flowchart {direction}"]
    lines += [f"    {ids[key]}[{mermaid_label(label)}]" for key, label in steps]
    lines += [f"    {ids[a]} --> {ids[b]}" for a, b in edges if a in ids and b in ids]
    return fence(lines)


def pie(title: str, slices: list[tuple[str, str]]) -> str:
    """slices: (label, value as a decimal string); `title` is a UI label, encoded all the same."""
    lines = ["pie showData", f"    title {mermaid_text(title)}"]
    lines += [f"    {mermaid_label(label)} : {value}" for label, value in slices]
    return fence(lines)
