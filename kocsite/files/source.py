"""YAML text → plain data, strictly, keeping the node tree for positions.

Plain data is made of dicts, lists, str and None only: every scalar stays the text the operator
typed, and the models decide per field what that text means (so `no` in a text field stays "no",
`010` is never 8 and `12:30` never 750). Everything YAML can do silently (anchors, aliases, merge
keys, tags, duplicate keys, several documents) is reported instead, with its line and column.

libyaml's composer recurses in C and crashes the process on absurdly deep nesting, so a file that
could be that deep is first walked as a flat stream of parser events, which cannot crash. Newer
libyaml (PyYAML >= 6.0.2 wheels) also stops by itself at 1000 levels, before any event of the
deep part reaches us; that is the same problem (E009) as deeper than MAX_DEPTH, reported where
the level MAX_DEPTH + 1 opens.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from kocsite.core.problems import Problem, problem

MAX_FILE_BYTES = 4 * 1024 * 1024
MAX_DEPTH = 32
_NULL_VALUES = frozenset({"", "~", "null", "Null", "NULL"})
_NULL_TAG = "tag:yaml.org,2002:null"  # resolved only for plain scalars: empty, ~, null
_MERGE_TAG = "tag:yaml.org,2002:merge"  # resolved only for a plain <<
_STR_TAG = "tag:yaml.org,2002:str"
_SEQ_TAG = "tag:yaml.org,2002:seq"
_MAP_TAG = "tag:yaml.org,2002:map"
_TAB_IN_INDENT = re.compile(r"^[ -]*\t", re.MULTILINE)
# Control characters, and the line breaks that libyaml (YAML 1.1) takes for line breaks although
# editors, git and GitHub do not (U+2028, U+2029, and a bare CR inside a file of LF or CRLF lines):
# both would shift or change what the operator sees. A file with CR line endings only (classic Mac)
# is read as lines.
_INVISIBLE_IN_LINE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u2028\u2029]")
_INVISIBLE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u2028\u2029]|\r(?!\n)")
_BLOCK_PREFIX = re.compile(r"^[ \-?:]+", re.MULTILINE)
# Anchors (&), aliases (*) and tags (!) can only start a token: after a space, a flow or block
# indicator, or at a line start. A '&' inside a link or a '!' after a word cannot be one.
_TOKEN_START = re.compile(r"(?:^|[\s\[\]{},:?-])[&*!]", re.MULTILINE)

_LIBYAML_PROBLEMS_ZH = {
    "mapping values are not allowed in this context": "这里不能出现“键: 值”。值里有“冒号+空格”时，请给整个值加引号",
    "mapping values are not allowed here": "这里不能出现“键: 值”。值里有“冒号+空格”时，请给整个值加引号",
    "could not find expected ':'": "缺少冒号 ':'，或者上一行的引号没有闭合",
    "found character that cannot start any token": "这里的字符不能作为值的开头（如 @、` 或 %），请给值加引号",
    "did not find expected key": "缩进没有对齐，或者缺少字段名",
    "did not find expected '-' indicator": "列表项的缩进没有对齐",
    "found unexpected end of stream": "文件意外结束：引号或括号没有闭合",
    "found unknown escape character": "双引号里有无效的反斜杠转义，请改用单引号",
    "did not find expected node content": "这里缺少值",
    "did not find expected ',' or ']'": "方括号列表没有正确闭合",
    "did not find expected ',' or '}'": "花括号映射没有正确闭合",
    "found a tab character that violates indentation": "缩进里有制表符（Tab）",
    "found undefined tag handle": "未定义的类型标签",
    "expected <block end>, but found '<block mapping start>'": "缩进没有对齐",
    "expected <block end>, but found '<block sequence start>'": "缩进没有对齐",
    "expected <block end>, but found '-'": "列表项的缩进没有对齐",
    "expected <block end>, but found '<scalar>'": "缩进没有对齐，或者值里有需要加引号的字符",
    "found unexpected ':'": "多了一个冒号，请给值加引号",
    "control characters are not allowed": "文件里有不可见的控制字符",
}


class _Loader(yaml.CSafeLoader):
    """libyaml's parser and composer with a minimal resolver.

    PyYAML resolves every plain scalar against YAML 1.1's regexes in Python, which is half the
    cost of composing; the models decide what text means, so only null and `<<` matter here.
    """

    def resolve(self, kind: type, value: Any, implicit: tuple[bool, bool]) -> str:
        if kind is ScalarNode:
            if implicit[0] and value in _NULL_VALUES:
                return _NULL_TAG
            if implicit[0] and value == "<<":
                return _MERGE_TAG
            return _STR_TAG
        return _SEQ_TAG if kind is SequenceNode else _MAP_TAG

    def descend_resolver(self, current_node: Any, current_index: Any) -> None:
        pass

    def ascend_resolver(self) -> None:
        pass


@dataclass
class Parsed:
    """A file's plain data and the node tree it came from (None when the file could not be read)."""

    data: Any
    root: Node | None
    problems: list[Problem]


def decode(raw: bytes, file: str) -> tuple[str | None, list[Problem]]:
    if len(raw) > MAX_FILE_BYTES:
        return None, [problem(file, 1, 1, "E001", size=len(raw), limit=MAX_FILE_BYTES)]
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line, column = _line_col_of_byte(raw, exc.start)
        return None, [problem(file, line, column, "E002", offset=exc.start)]
    if text.startswith("\ufeff"):
        text = text[1:]
    return text, []


def parse(text: str, file: str) -> Parsed:
    """Strictly parse one YAML document into plain data (dict/list/str/None); None for an empty one."""
    invisible: list[Problem] = []
    pattern = _INVISIBLE if "\n" in text else _INVISIBLE_IN_LINE
    if pattern.search(text):
        invisible = [_at_offset(text, m.start(), file, "E016", char=f"U+{ord(m.group()):04X}") for m in pattern.finditer(text)]
        text = pattern.sub("_", text)  # a visible stand-in, to read on and report the other problems too
    parsed = _parse_clean(text, file)
    parsed.problems[:0] = invisible
    return parsed


def _parse_clean(text: str, file: str) -> Parsed:
    problems = _tab_problems(text, file)
    if problems:
        return Parsed(None, None, problems)
    if _needs_event_scan(text):
        problems = _scan_events(text, file)
        if problems:
            return Parsed(None, None, problems)
    try:
        root = yaml.compose(text, Loader=_Loader)
    except yaml.MarkedYAMLError as exc:
        return Parsed(None, None, [_syntax_problem(exc, file)])
    except (yaml.YAMLError, ValueError) as exc:  # libyaml reports a few problems without a mark
        return Parsed(None, None, [problem(file, 1, 1, "E004", detail=str(exc).splitlines()[0])])
    if root is None:
        return Parsed(None, None, [])
    builder = _Builder(file)
    data = builder.build(root, 1)
    return Parsed(data, root, builder.problems)


def parse_bytes(raw: bytes, file: str) -> Parsed:
    text, problems = decode(raw, file)
    if text is None:
        return Parsed(None, None, problems)
    return parse(text, file)


def position(root: Node | None, loc: tuple[Any, ...], at_key: bool = False) -> tuple[int, int]:
    """1-based (line, column) of `loc` inside the tree; a missing key points at its parent mapping."""
    if root is None:
        return 1, 1
    node = root
    for part in loc:
        child = _child(node, part, at_key and part == loc[-1])
        if child is None:
            break
        node = child
    return node.start_mark.line + 1, node.start_mark.column + 1


def _child(node: Node, part: Any, want_key: bool) -> Node | None:
    if isinstance(node, MappingNode):
        for key_node, value_node in node.value:
            if isinstance(key_node, ScalarNode) and key_node.value == part:
                return key_node if want_key else value_node
    elif isinstance(node, SequenceNode) and isinstance(part, int) and 0 <= part < len(node.value):
        return node.value[part]
    return None


class _Builder:
    """Turns composed nodes into plain data, reporting what YAML would otherwise do silently."""

    def __init__(self, file: str) -> None:
        self.file = file
        self.problems: list[Problem] = []
        self._seen: set[int] = set()

    def build(self, node: Node, depth: int) -> Any:
        if isinstance(node, ScalarNode):
            if node.tag == _NULL_TAG:
                return None
            return node.value
        if depth > MAX_DEPTH:
            self._report(node, "E009", limit=MAX_DEPTH)
            return None
        if id(node) in self._seen:  # only an alias can reach the same collection twice
            self._report(node, "E006", what="*")
            return None
        self._seen.add(id(node))
        if isinstance(node, SequenceNode):
            return [self.build(item, depth + 1) for item in node.value]
        return self._mapping(node, depth)

    def _mapping(self, node: MappingNode, depth: int) -> dict[str, Any]:
        result: dict[str, Any] = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, ScalarNode):
                self._report(key_node, "E013")
                continue
            key = key_node.value
            if key_node.tag == _MERGE_TAG:
                self._report(key_node, "E007")
                continue
            if key in result:
                first = next(k for k, _ in node.value if isinstance(k, ScalarNode) and k.value == key)
                self._report(key_node, "E010", key=key, first_line=first.start_mark.line + 1)
                continue
            result[key] = self.build(value_node, depth + 1)
        return result

    def _report(self, node: Node, code: str, **params: object) -> None:
        mark = node.start_mark
        self.problems.append(problem(self.file, mark.line + 1, mark.column + 1, code, **params))


def _needs_event_scan(text: str) -> bool:
    if ("&" in text or "*" in text or "!" in text) and _TOKEN_START.search(text):
        return True
    return _nesting_upper_bound(text) > MAX_DEPTH


def _nesting_upper_bound(text: str) -> int:
    """Cheap bound: every flow level needs a bracket, every two block levels a column or indicator."""
    flow = text.count("[") + text.count("{")
    block_prefix = max((len(m) for m in _BLOCK_PREFIX.findall(text)), default=0)
    return flow + 2 * block_prefix + 2


def _scan_events(text: str, file: str) -> list[Problem]:
    problems: list[Problem] = []
    depth = 0
    documents = 0
    try:
        for event in yaml.parse(text, Loader=yaml.CSafeLoader):
            mark = event.start_mark
            where = (file, mark.line + 1, mark.column + 1)
            if isinstance(event, yaml.AliasEvent):
                problems.append(problem(*where, "E006", what=f"*{event.anchor}"))
                continue
            if isinstance(event, yaml.DocumentStartEvent):
                documents += 1
                if documents == 2:
                    problems.append(problem(*where, "E005"))
                continue
            anchor = getattr(event, "anchor", None)
            if anchor is not None:
                problems.append(problem(*where, "E006", what=f"&{anchor}"))
            tag = getattr(event, "tag", None)
            if tag is not None and tag != "!":
                problems.append(problem(*where, "E008", tag=tag.replace("tag:yaml.org,2002:", "!!")))
            if isinstance(event, (yaml.MappingStartEvent, yaml.SequenceStartEvent)):
                depth += 1
                if depth > MAX_DEPTH:
                    problems.append(problem(*where, "E009", limit=MAX_DEPTH))
                    return problems
            elif isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
                depth -= 1
    except yaml.MarkedYAMLError as exc:
        if _is_libyaml_nesting_limit(exc):
            return problems + _too_deep_before(text, exc, file)
        problems.append(_syntax_problem(exc, file))
    except (yaml.YAMLError, ValueError) as exc:
        problems.append(problem(file, 1, 1, "E004", detail=str(exc).splitlines()[0]))
    return problems


def _is_libyaml_nesting_limit(exc: yaml.MarkedYAMLError) -> bool:
    """libyaml's own depth limit ("exceeded maximum nesting depth", libyaml >= 0.2.5 in PyYAML's wheels)."""
    return "nesting depth" in (exc.problem or "") and exc.problem_mark is not None


def _too_deep_before(text: str, exc: yaml.MarkedYAMLError, file: str) -> list[Problem]:
    """E009 at the level MAX_DEPTH + 1, found by scanning the text up to where libyaml gave up.

    That prefix is at most libyaml's limit deep, so its events do arrive, and the level MAX_DEPTH + 1
    opens in it; if it somehow does not, E009 points where libyaml stopped.
    """
    mark = exc.problem_mark
    line_start = 0
    for _ in range(mark.line):
        line_start = text.index("\n", line_start) + 1
    prefix = text[:line_start + mark.column]
    found = [p for p in _scan_events(prefix, file) if p.code == "E009"] if len(prefix) < len(text) else []
    return found or [problem(file, mark.line + 1, mark.column + 1, "E009", limit=MAX_DEPTH)]


def _syntax_problem(exc: yaml.MarkedYAMLError, file: str) -> Problem:
    mark = exc.problem_mark or exc.context_mark
    line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
    detail = (exc.problem or exc.context or "").strip()
    if "expected a single document" in (exc.context or ""):
        return problem(file, line, column, "E005")
    return problem(file, line, column, "E004", detail=_LIBYAML_PROBLEMS_ZH.get(detail, detail), detail_en=detail)


def _tab_problems(text: str, file: str) -> list[Problem]:
    if "\t" not in text:
        return []
    problems = []
    for match in _TAB_IN_INDENT.finditer(text):
        line = text.count("\n", 0, match.start()) + 1
        problems.append(problem(file, line, match.end() - match.start(), "E003"))
    return problems


def _at_offset(text: str, offset: int, file: str, code: str, **params: object) -> Problem:
    line = text.count("\n", 0, offset) + 1
    return problem(file, line, offset - text.rfind("\n", 0, offset), code, **params)


def _line_col_of_byte(raw: bytes, offset: int) -> tuple[int, int]:
    line_start = raw.rfind(b"\n", 0, offset) + 1
    good_prefix = raw[line_start:offset].decode("utf-8", errors="replace")
    return raw.count(b"\n", 0, offset) + 1, len(good_prefix) + 1
