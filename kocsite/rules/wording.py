"""Wording that may break advertising law (《广告法》第九条: 绝对化用语 such as 最、第一、国家级).

Content review (内容审核) is a pre-publication step: every banned term (`banned_terms` in kocsite.yml,
a default list otherwise) found in the public copy of a file is a warning W701 at the exact line and
column where the term starts, so the editor jumps straight to it:

- contributions: `title`, `excerpt`
- tasks: `title`, `description`, `brief.direction`, `brief.key_messages`, `routine.prompt` (the weekly
  topic is published on the site as the brand's own words)
- campaigns: `kickoff.key_points`

The column is found in the file's text: the occurrences of the term inside the scalar's source span
(plain, quoted, literal or folded) are matched one for one with those in the value. When they cannot be
matched (an escape sequence or a line fold splits the term) the warning falls back to the value's start.

A few everyday words contain a banned character without being a claim (最近 "recently", 最后 "last",
第一天 "the first day"): occurrences inside them are not reported.

`kocsite lint FILE…` runs the same search over any text or Markdown draft.
"""

from __future__ import annotations

from typing import Any, Iterable, Iterator

from yaml.nodes import Node, ScalarNode

from kocsite.models import Campaign, Contribution, ContributionBatch, Task
from kocsite.core.problems import Problem, problem
from kocsite.files.source import _child, position

CODE = "W701"

HARMLESS = ("最近", "最后", "最终", "最初", "第一天", "第一次", "第一步", "第一周", "第一站", "第一章", "第一期")
"""Everyday words that contain a banned term but claim nothing; a match inside one is not reported."""


def occurrences(text: str, terms: Iterable[str]) -> list[tuple[int, str]]:
    """(offset, term) of every banned term in `text`, in order; matches inside HARMLESS words are left out."""
    found = []
    for term in dict.fromkeys(t for t in terms if t):
        start = text.find(term)
        while start != -1:
            if not _harmless(text, start, term):
                found.append((start, term))
            start = text.find(term, start + len(term))
    return sorted(found)


def _harmless(text: str, at: int, term: str) -> bool:
    for word in HARMLESS:
        j = word.find(term)
        while j != -1:
            if at - j >= 0 and text.startswith(word, at - j):
                return True
            j = word.find(term, j + 1)
    return False


def _line_col(text: str, offset: int) -> tuple[int, int]:
    line = text.count("\n", 0, offset) + 1
    return line, offset - text.rfind("\n", 0, offset)


def lint_text(text: str, file: str, terms: Iterable[str]) -> list[Problem]:
    """W701 for every banned term in a text or Markdown file, at its line and column."""
    if text.startswith("\ufeff"):
        text = text[1:]
    return [problem(file, *_line_col(text, offset), CODE, term=term) for offset, term in occurrences(text, terms)]


def public_texts(model: Any) -> Iterator[tuple[tuple[Any, ...], str]]:
    """(loc, value) of every public text of a model that content review covers."""
    if isinstance(model, Contribution):
        yield from _contribution((), model)
    elif isinstance(model, ContributionBatch):
        for i, record in enumerate(model.contributions):
            yield from _contribution(("contributions", i), record)
    elif isinstance(model, Task):
        yield ("title",), model.title
        if model.description:
            yield ("description",), model.description
        if model.brief is not None:
            if model.brief.direction:
                yield ("brief", "direction"), model.brief.direction
            for i, message in enumerate(model.brief.key_messages):
                yield ("brief", "key_messages", i), message
        if model.routine is not None and model.routine.prompt:
            yield ("routine", "prompt"), model.routine.prompt
    elif isinstance(model, Campaign) and model.kickoff is not None:
        for i, point in enumerate(model.kickoff.key_points):
            yield ("kickoff", "key_points", i), point


def _contribution(loc: tuple[Any, ...], c: Contribution) -> Iterator[tuple[tuple[Any, ...], str]]:
    yield loc + ("title",), c.title
    if c.excerpt:
        yield loc + ("excerpt",), c.excerpt


def check_wording(model: Any, root: Node | None, raw: bytes, file: str, terms: Iterable[str]) -> list[Problem]:
    """W701 for every banned term in the model's public texts, located inside the file's text (`raw`,
    decoded only when a term is found: most files have none)."""
    terms = list(terms)
    if not terms:
        return []
    result: list[Problem] = []
    text = ""
    for loc, value in public_texts(model):
        found = occurrences(value, terms)
        if not found:
            continue
        if not text:
            text = raw.decode("utf-8", errors="replace").removeprefix("\ufeff")
        node = _node(root, loc)
        for (line, column), term in zip(_locate(node, value, found, text, root, loc), (t for _, t in found)):
            result.append(problem(file, line, column, CODE, term=term))
    return result


def _node(root: Node | None, loc: tuple[Any, ...]) -> Node | None:
    node = root
    for part in loc:
        node = _child(node, part, False) if node is not None else None
    return node


def _locate(node: Node | None, value: str, found: list[tuple[int, str]], text: str, root: Node | None,
            loc: tuple[Any, ...]) -> list[tuple[int, int]]:
    fallback = position(root, loc)
    if not isinstance(node, ScalarNode) or node.end_mark.index > len(text):
        return [fallback] * len(found)
    start, end = node.start_mark.index, node.end_mark.index
    span = text[start:end]
    places = []
    for offset, term in found:
        k = sum(1 for o, t in found if t == term and o < offset)  # the k-th occurrence of this term
        in_value = [o for o, t in found if t == term]
        in_source = [o for o, t in occurrences(span, [term])]
        if len(in_value) == len(in_source):
            places.append(_line_col(text, start + in_source[k]))
        else:
            places.append(fallback)
    return places
