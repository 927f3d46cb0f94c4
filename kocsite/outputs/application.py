"""What `kocsite apply` tells the applicant: Markdown for a comment on their (public) issue, both languages.

Every data string is made inert for GitHub (kocsite.outputs.inert.markdown): a hostile answer quoted back
in a message cannot mention anyone, link an issue, load an image or break the list.
"""

from __future__ import annotations

from kocsite.core.problems import Problem
from kocsite.outputs.inert import code, markdown

MARKER = "<!-- kocsite-apply -->"


def report_markdown(problems: list[Problem], written: str | None, koc: str | None = None) -> str:
    """The comment: what was written (or that nothing was), then every problem by line, zh then en."""
    lines = [MARKER]
    errors = [p for p in problems if p.severity == "error"]
    if written:
        lines += [f"已为你建好候选档案 {code(written)}，运营同学审核后合并。/ Your candidate profile {code(written)} is ready; "
                  "an operator reviews and merges it.", ""]
    elif errors:
        lines += [f"报名表里有 {len(errors)} 个问题，还没有建档：请编辑 issue 改正后，运营同学会重新处理。/ "
                  f"The application has {len(errors)} problem(s), nothing was created yet: edit the issue to fix "
                  "them and an operator will run it again.", ""]
    for p in problems:
        level = "错误 / error" if p.severity == "error" else "提示 / warning"
        lines.append(f"- 第 {p.line} 行 / line {p.line} · {level} {code(p.code)}：{markdown(p.message('zh'))}  ")
        lines.append(f"  {markdown(p.message('en'))}")
    return "\n".join(lines) + "\n"
