"""Data text → Markdown that shows the same text and is never markup.

Python-Markdown has no sanitiser: raw HTML, `javascript:` links and `{: attr }` lists would all be live.
`md()` entity-escapes every ASCII punctuation character (`<` → `&#60;`, `[` → `&#91;`, `{` → `&#123;` …)
and folds whitespace, so the reader sees the text exactly and the Markdown parser sees no syntax at all.
"""

from __future__ import annotations

import re
import string
from urllib.parse import quote, urlsplit

_PUNCTUATION = frozenset(string.punctuation)
_CJK = "\u3000-\u303f\u3400-\u9fff\uf900-\ufaff\uff00-\uffef"
_CJK_LINE_BREAK = re.compile(f"([{_CJK}])[ \\t]*\\r?\\n[ \\t]*([{_CJK}])")
_PLAIN_KEEP = frozenset("-_.,!?()/+#@")
"""The only ASCII punctuation `plain()` keeps: nothing that opens a tag, an entity, an attribute or a URL scheme."""


def _fold(text: object) -> str:
    """One line: every run of whitespace (newlines, tabs, U+2028 …) becomes one space, except that a
    line break between two Chinese characters disappears, as Chinese text has no spaces between
    words; control characters go."""
    cleaned = str(text)
    if not cleaned.isprintable():  # a printable string has no line break and nothing to drop
        cleaned = "".join(c for c in cleaned if c.isprintable() or c.isspace())
        cleaned = _CJK_LINE_BREAK.sub(r"\1\2", cleaned)
    return " ".join(cleaned.split())


_ENTITIES = str.maketrans({c: f"&#{ord(c)};" for c in _PUNCTUATION})


def md(text: object) -> str:
    """Inline Markdown for a data string: visible as typed, inert as markup."""
    return _fold(text).translate(_ENTITIES)


def md_paragraphs(text: object) -> str:
    """A multi-line data text as Markdown paragraphs (blank lines kept as paragraph breaks)."""
    paragraphs = [md(p) for p in str(text).replace("\r\n", "\n").split("\n\n")]
    return "\n\n".join(p for p in paragraphs if p)


def plain(text: object) -> str:
    """Text for places that are not Markdown and not escaped by the theme (site name, tags, nav):
    folded, and without ASCII punctuation other than `-_.,!?()/+#@` (so no `<`, `&`, `"`, `=`, `:`)."""
    kept = "".join(c for c in _fold(text) if c not in _PUNCTUATION or c in _PLAIN_KEEP)
    return " ".join(kept.split())


def safe_url(url: object) -> str | None:
    """An http(s) link, percent-encoded so it cannot close the Markdown link; None for anything else."""
    text = str(url).strip()
    parts = urlsplit(text)
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc:
        return None
    return quote(text, safe=":/?#@!$&*+,;=%-._~[]")


def link(text: object, url: object) -> str:
    """`[text](url)` when the url is http(s); otherwise the text alone (and a bad url is shown, not linked)."""
    target = safe_url(url) if url else None
    if target is None:
        return md(text)
    return f"[{md(text)}]({target})"
