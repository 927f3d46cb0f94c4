"""Progress of long commands, on a terminal only: one status line on stderr, rewritten in place and
cleared at the end. Nothing on a pipe, in a file or in CI logs (CI set), where only the command's
final line is written."""

from __future__ import annotations

import os
import sys
from typing import TextIO

BUILD_PHASES = {
    "check": ("正在检查数据…", "checking the data…"),
    "generate": ("正在从数据生成页面…", "generating the pages from the data…"),
    "write": ("已生成 {pages} 页，正在写入有变化的页面…", "{pages} pages generated, writing the changed ones…"),
    "engine": ("{pages} 页（{written} 个文件有变化），正在用 {engine} 构建网站…", "{pages} pages ({written} files changed), "
               "building the site with {engine}…"),
}


def wanted(stream: TextIO) -> bool:
    """A person is watching: the stream is a terminal and this is not a CI job."""
    return not os.environ.get("CI") and hasattr(stream, "isatty") and stream.isatty()


class Progress:
    """Reports phases as a transient line: `Progress(lang, phases)(phase, **counts)`, then `.done()`."""

    def __init__(self, lang: str, phases: dict[str, tuple[str, str]], stream: TextIO | None = None) -> None:
        self.stream = stream if stream is not None else sys.stderr
        self.active = wanted(self.stream)
        self.lang = lang
        self.phases = phases
        self.shown = False

    def __call__(self, phase: str, **counts: int | str) -> None:
        if not self.active or phase not in self.phases:
            return
        zh, en = self.phases[phase]
        self.stream.write("\r\033[K" + (en if self.lang == "en" else zh).format(**counts))
        self.stream.flush()
        self.shown = True

    def done(self) -> None:
        if self.shown:
            self.stream.write("\r\033[K")
            self.stream.flush()
            self.shown = False
