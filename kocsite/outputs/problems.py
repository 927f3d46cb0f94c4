"""Writing problems out: human text, JSON, GitHub annotations, GitLab code quality.

Each writer takes the problems (already sorted) and a stream, so tests capture output directly.
"""

from __future__ import annotations

import hashlib
import json
from typing import Callable, TextIO


from kocsite.outputs.inert import code as md_code, markdown, terminal, workflow_data, workflow_property
from kocsite.core.problems import ERROR, Problem, count

FORMATS = ("text", "json", "github", "gitlab")


def write_text(problems: list[Problem], stream: TextIO, lang: str, files: int, colour: bool = False) -> None:
    for p in problems:
        where = terminal(f"{p.file}:{p.line}:{p.column}:")
        code = _style(p.code, "31" if p.severity == ERROR else "33") if colour else p.code
        stream.write(f"{_style(where) if colour else where} {code} {terminal(p.message(lang))}\n")
    stream.write(summary(problems, lang, files) + "\n")


def problem_line(p: Problem, lang: str) -> str:
    """`file:line:col: CODE message` on one line, data shown escaped (for commands that print problems)."""
    return terminal(f"{p.file}:{p.line}:{p.column}: {p.code} {p.message(lang)}")


def summary(problems: list[Problem], lang: str, files: int) -> str:
    errors, warnings = count(problems)
    if lang == "en":
        if not problems:
            return f"{files} files checked, no problems."
        return f"{files} files checked: {errors} error(s), {warnings} warning(s)."
    if not problems:
        return f"已检查 {files} 个文件，没有发现问题。"
    return f"已检查 {files} 个文件：{errors} 个错误，{warnings} 个警告。"


def as_dicts(problems: list[Problem], lang: str) -> list[dict]:
    return [{"file": p.file, "line": p.line, "column": p.column, "code": p.code, "severity": p.severity,
             "message": p.message(lang)} for p in problems]


def write_json(problems: list[Problem], stream: TextIO, lang: str, files: int) -> None:
    json.dump(as_dicts(problems, lang), stream, ensure_ascii=False, indent=2)
    stream.write("\n")


def write_github(problems: list[Problem], stream: TextIO, lang: str, files: int) -> None:
    """Workflow commands; errors first, since GitHub shows only the first few of each kind."""
    for p in sorted(problems, key=lambda p: p.severity != ERROR):
        props = ",".join(f"{k}={workflow_property(v)}" for k, v in
                         (("file", p.file), ("line", p.line), ("col", p.column), ("title", p.code)))
        stream.write(f"::{p.severity} {props}::{workflow_data(p.message(lang))}\n")
    stream.write(summary(problems, lang, files) + "\n")


def write_gitlab(problems: list[Problem], stream: TextIO, lang: str, files: int) -> None:
    """A GitLab code-quality report; fingerprints stay the same when lines shift."""
    severities = {"error": "major", "warning": "minor"}
    seen: dict[str, int] = {}
    items = []
    for p in problems:
        base = f"{p.file}|{p.code}|{p.params}"
        seen[base] = seen.get(base, 0) + 1
        fingerprint = hashlib.sha256(f"{base}|{seen[base]}".encode()).hexdigest()
        items.append({"description": f"{p.code} {p.message(lang)}", "check_name": p.code, "fingerprint": fingerprint,
                      "severity": severities[p.severity], "location": {"path": p.file, "lines": {"begin": p.line}}})
    json.dump(items, stream, ensure_ascii=False, indent=2)
    stream.write("\n")


def step_summary(problems: list[Problem], lang: str, files: int, limit: int = 500) -> str:
    """Markdown for $GITHUB_STEP_SUMMARY: the full list, since annotations are capped."""
    lines = ["### kocsite check", "", summary(problems, lang, files), ""]
    if problems:
        lines += ["| 位置 | 代码 | 说明 |" if lang != "en" else "| where | code | message |", "| --- | --- | --- |"]
        for p in problems[:limit]:
            where = md_code(f"{p.file}:{p.line}:{p.column}", table=True)
            lines.append(f"| {where} | {p.code} | {markdown(p.message(lang))} |")
        if len(problems) > limit:
            lines.append(f"\n… {len(problems) - limit} more")
    return "\n".join(lines) + "\n"


WRITERS: dict[str, Callable[..., None]] = {"json": write_json, "github": write_github, "gitlab": write_gitlab}


def _style(text: str, colour: str | None = None) -> str:
    """Bold ANSI text, red (31) or yellow (33) when asked: the same bytes click.style writes."""
    return (f"\x1b[{colour}m" if colour else "") + f"\x1b[1m{text}\x1b[0m"
