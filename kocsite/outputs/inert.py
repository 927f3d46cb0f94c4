"""One escaping function per output kind, so no data string becomes a command, markup or a mention.

- `terminal(text)`: terminals and logs (check's text output, every printed problem). Control
  characters, line breaks (CR, LF, U+2028/9, NEL) and bidi overrides are shown escaped the way
  Python's `repr` shows them (`\\n`, `\\x1b`, `\\u2028`), so one problem stays one line and no ESC
  sequence or `::command::` reaches the terminal or the Actions log.
- `workflow_data(text)` / `workflow_property(text)`: GitHub Actions workflow commands, escaped like
  `@actions/core` (`%`, CR, LF; in properties also `:` and `,`); other control characters as `terminal()`.
- `markdown(text)`: GitHub-flavoured Markdown (PR comments, issues, job summaries): one line (line
  breaks folded to spaces, other control characters as `terminal()`), Markdown punctuation
  backslash-escaped, `<`/`>`/`&` as entities, and a zero-width joiner after `@` and before the
  digits of `#123` / `GH-123`, since GitHub decodes `&#64;` and `\\@` before linking. Ordinary
  punctuation (`.`, `(`, `-` inside a line) stays as typed, readable in raw views (`gh pr view`, mail).
- `code(text)`: a code span for ids, file names and paths (mentions inside are inert); `table=True`
  for a GFM table cell, where even a code span's `|` must be `\\|`.

The site has its own escaper for Python-Markdown (kocsite.outputs.escape), which has no sanitiser; CSV
for spreadsheets has its own safe writer.
"""

from __future__ import annotations

import re

_NAMED = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}
_UNSAFE = re.compile("[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069\ufeff]")


def _repr_char(match: re.Match[str]) -> str:
    c = match.group()
    if c in _NAMED:
        return _NAMED[c]
    return f"\\x{ord(c):02x}" if ord(c) < 0x100 else f"\\u{ord(c):04x}"


def terminal(text: object) -> str:
    """`text` on one line, every control or line-breaking character shown escaped."""
    return _UNSAFE.sub(_repr_char, str(text))


def workflow_data(text: object) -> str:
    """A workflow command's message: CR and LF as `@actions/core` escapes them (the annotation keeps
    its line breaks, the log line does not break), every other control character as `terminal()`."""
    shown = _UNSAFE.sub(lambda m: m.group() if m.group() in "\r\n" else _repr_char(m), str(text))
    return shown.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def workflow_property(text: object) -> str:
    return workflow_data(text).replace(":", "%3A").replace(",", "%2C")


ZWJ = "\u200d"
_MD_BACKSLASH = re.compile(r"([\\`*_\[\]|~])")
_LINE_START = re.compile(r"^(#{1,6}(?=\s|$)|[-+](?=\s|$)|>|\d{1,9}(?=[.)](?:\s|$)))")
_MENTION = re.compile(r"@(?=\w)")
_ISSUE_REF = re.compile(r"(#|\bGH-)(?=\d)", re.IGNORECASE)


def _escape_line_start(match: re.Match[str]) -> str:
    """`# x` → `\\# x`, `1. x` → `1\\. x`: data never opens a heading, quote or list."""
    text = match.group()
    return text + "\\" if text[-1].isdigit() else text[:-1] + "\\" + text[-1]


def markdown(text: object) -> str:
    """Inline GitHub Markdown that shows `text` as typed and is neither markup, a mention nor a link."""
    one_line = terminal(" ".join(str(text).split()))  # line breaks fold to spaces, as Markdown shows them
    out = _MD_BACKSLASH.sub(r"\\\1", one_line)
    out = out.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    out = _LINE_START.sub(_escape_line_start, out, count=1)
    out = _MENTION.sub("@" + ZWJ, out)
    return _ISSUE_REF.sub(lambda m: m.group(1) + ZWJ, out)


def code(text: object, table: bool = False) -> str:
    """A code span holding `text` (on one line); a fence longer than any backtick run inside it."""
    inner = " ".join(terminal(text).split())
    if table:
        inner = inner.replace("|", "\\|")
    longest = max((len(run) for run in re.findall(r"`+", inner)), default=0)
    fence = "`" * (longest + 1)
    pad = " " if inner.startswith("`") or inner.endswith("`") or not inner.strip() else ""
    return f"{fence}{pad}{inner}{pad}{fence}"
