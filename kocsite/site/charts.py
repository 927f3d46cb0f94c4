"""Charts drawn when the site is built: inline SVG that needs no JavaScript and no other host.

Laid out for a 390 px phone (the viewBox is 340 units wide, a little less than the 358 px column and scales with the column, text is 14
units or more); every chart is `role="img"` with a `<title>`, and the page always carries the same
facts as text next to it (a numbered list or a table) for screen readers and for search.

- `step_flow`: a vertical step flow (one box per step, arrows down; a branch is named under its box);
- `timeline`: one row per task or milestone on a shared date axis, the label above its bar;
- `payout_bars`: payouts as horizontal bars with the name and amount above each bar.

No charting library: pygal (tried, 3.1.3) draws no step flow or timeline, and its HorizontalBar cut
names and values at 360 units; it also writes a random id, a date comment and a `<script>` that
would have to be stripped. All data text is XML-escaped here (`xml_text`).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
import string

_PUNCTUATION = frozenset(string.punctuation)
WIDTH = 340
FONT = 'font-family="system-ui,-apple-system,PingFang SC,Microsoft YaHei,Noto Sans CJK SC,sans-serif"'
INK, MUTED, ACCENT, FILL, LATE = "#1f2937", "#4b5563", "#3f51b5", "#e8eaf6", "#b71c1c"


def xml_text(text: object) -> str:
    """Data text for an SVG text node or attribute: one line, printable, every ASCII punctuation
    character as a numeric entity (`<` → `&#60;`, `=` → `&#61;`), as `escape.md` does for Markdown:
    the reader sees the text, no parser sees markup, an attribute or a URL."""
    folded = " ".join("".join(c for c in str(text) if c.isprintable() or c.isspace()).split())
    return "".join(f"&#{ord(c)};" if c in _PUNCTUATION else c for c in folded)


def _wrap(text: str, per_line: int) -> list[str]:
    """Split into lines of at most `per_line` wide characters (a CJK character counts 1, ASCII ½)."""
    lines, current, width = [], "", 0.0
    for c in text:
        w = 0.55 if ord(c) < 128 else 1.0
        if width + w > per_line and current:
            lines.append(current)
            current, width = "", 0.0
        current += c
        width += w
    return [*lines, current] if current else lines or [""]


def _figure(svg: str, caption: str = "") -> str:
    """A raw HTML block (one line, so Markdown never splits it) holding the chart."""
    cap = f"<figcaption>{xml_text(caption)}</figcaption>" if caption else ""
    return f'<figure class="kocsite-chart">{svg}{cap}</figure>'


def _svg(height: int, title: str, body: list[str]) -> str:
    return (f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {height}" width="100%" role="img" '
            f'{FONT}><title>{xml_text(title)}</title>' + "".join(body) + "</svg>")


# ------------------------------------------------------------------ vertical step flow


@dataclass(frozen=True)
class Step:
    key: str
    label: str
    note: str = ""
    """e.g. the role doing it, shown on a second line."""


def step_flow(title: str, steps: list[Step], edges: list[tuple[str, str]]) -> str:
    """Steps top to bottom. An edge to the next step is an arrow; any other edge is named under its box
    (→ 3. 复核), so loops and branches stay readable at 390 px without crossing lines."""
    if not steps:
        return ""
    number = {s.key: i for i, s in enumerate(steps, 1)}
    body, y = [], 4
    for i, step in enumerate(steps, 1):
        lines = _wrap(f"{i}. {step.label}", 22)
        if step.note:
            lines += _wrap(step.note, 24)
        jumps = [b for a, b in edges if a == step.key and b in number and number[b] != i + 1]
        if jumps:
            lines.append("→ " + "、".join(f"{number[b]}. {steps[number[b] - 1].label}" for b in jumps))
        height = 14 + 20 * len(lines)
        body.append(f'<rect x="20" y="{y}" width="{WIDTH - 40}" height="{height}" rx="8" fill="{FILL}" stroke="{ACCENT}"/>')
        for n, line in enumerate(lines):
            weight = ' font-weight="600"' if n == 0 else ""
            colour = INK if n == 0 else MUTED
            body.append(f'<text x="32" y="{y + 26 + 20 * n}" font-size="15" fill="{colour}"{weight}>{xml_text(line)}</text>')
        y += height
        if i < len(steps):
            has_next = any(a == step.key and number.get(b) == i + 1 for a, b in edges)
            if has_next:
                mid = WIDTH // 2
                body.append(f'<path d="M{mid} {y} V{y + 18}" stroke="{ACCENT}" stroke-width="2"/>'
                            f'<path d="M{mid - 6} {y + 12} L{mid} {y + 20} L{mid + 6} {y + 12} Z" fill="{ACCENT}"/>')
            y += 24
    return _figure(_svg(y + 4, title, body))


# ------------------------------------------------------------------ timeline


@dataclass(frozen=True)
class Span:
    name: str
    start: date
    end: date | None
    """Inclusive; None is a one-day milestone (a diamond)."""
    group: str = ""


def timeline(title: str, spans: list[Span], today: date | None = None, today_label: str = "今天") -> str:
    """One row per span: the name (and group) above, the bar below on a shared axis from the first
    start to the last end; the first and last dates label the axis, a red line marks today."""
    if not spans:
        return ""
    first = min(s.start for s in spans)
    last = max(max(s.end or s.start, s.start) for s in spans)
    days = (last - first).days + 1
    left, right = 12, WIDTH - 12

    def x(day: date) -> float:
        return round(left + (right - left) * (day - first).days / days, 1)

    body, y = [], 22
    body.append(f'<text x="{left}" y="16" font-size="14" fill="{MUTED}">{first.isoformat()}</text>')
    body.append(f'<text x="{right}" y="16" font-size="14" fill="{MUTED}" text-anchor="end">{last.isoformat()}</text>')
    for span in spans:
        label = f"{span.group} · {span.name}" if span.group else span.name
        for line in _wrap(label, 23)[:2]:
            y += 18
            body.append(f'<text x="{left}" y="{y}" font-size="14" fill="{INK}">{xml_text(line)}</text>')
        y += 6
        if span.end is None:
            cx = x(span.start)
            body.append(f'<path d="M{cx} {y} L{cx + 7} {y + 7} L{cx} {y + 14} L{cx - 7} {y + 7} Z" fill="{ACCENT}"/>')
        else:
            end = max(span.end, span.start) + timedelta(days=1)
            body.append(f'<rect x="{x(span.start)}" y="{y}" width="{max(3.0, round(x(end) - x(span.start), 1))}" '
                        f'height="14" rx="3" fill="{ACCENT}"/>')
        y += 16
    if today is not None and first <= today <= last:
        tx = x(today)
        body.append(f'<path d="M{tx} 22 V{y + 4}" stroke="{LATE}" stroke-width="2" stroke-dasharray="4 3"/>')
        anchor = "end" if tx > WIDTH / 2 else "start"
        body.append(f'<text x="{tx + (-4 if anchor == "end" else 4)}" y="{y + 18}" font-size="14" fill="{LATE}" '
                    f'text-anchor="{anchor}">{xml_text(today_label)} {today.isoformat()}</text>')
        y += 18
    return _figure(_svg(y + 8, title, body))


# ------------------------------------------------------------------ payouts


def payout_bars(title: str, bars: list[tuple[str, int]], unit: str = "元") -> str:
    """Horizontal bars in the given order: (label, amount in 分); the label and the amount on the line
    above each bar, so neither is cut on a phone. (pygal's HorizontalBar was tried: at 360 units it cut
    Chinese names on the axis and clipped the value labels at the right edge.)"""
    if not bars:
        return ""
    top = max(fen for _, fen in bars) or 1
    left, right = 12, WIDTH - 12
    body, y = [], 0
    for label, fen in bars:
        y += 20
        amount = f"{fen // 100:,}.{fen % 100:02d} {unit}"
        name = _wrap(label, 14)[0]
        body.append(f'<text x="{left}" y="{y}" font-size="15" fill="{INK}">{xml_text(name)}</text>')
        body.append(f'<text x="{right}" y="{y}" font-size="15" fill="{INK}" text-anchor="end" font-weight="600">'
                    f'{xml_text(amount)}</text>')
        y += 6
        width = max(2.0, round((right - left) * fen / top, 1))
        body.append(f'<rect x="{left}" y="{y}" width="{right - left}" height="12" rx="3" fill="{FILL}"/>'
                    f'<rect x="{left}" y="{y}" width="{width}" height="12" rx="3" fill="{ACCENT}"/>')
        y += 16
    return _figure(_svg(y + 6, title, body))
