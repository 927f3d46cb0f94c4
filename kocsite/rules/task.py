"""Rules inside one task file: the fields its quadrant needs, dates, skills."""

from __future__ import annotations

from typing import Iterator

from kocsite.rules.finding import Finding, finding
from kocsite.rules.common import duplicates, not_before, unknown
from kocsite.rules.context import FileContext
from kocsite.models import Task

QUADRANT_NAMES = {"routine": ("常规", "a routine"), "project": ("项目", "a project"),
                  "exploration": ("探索", "an exploration"), "spontaneous": ("自发", "a spontaneous")}


def check_task(t: Task, ctx: FileContext) -> Iterator[Finding]:
    f = ctx.file.rel
    yield from _quadrant(t, f)
    yield from not_before(f, ("due",), ("截止日期", "due date", t.due), ("开始日期", "start date", t.start))
    for i, skill in enumerate(t.skills):
        if skill not in ctx.skills:
            yield unknown(f, ("skills", i), "E106", skill, ctx.skills)
    yield from duplicates(f, ((("owners", i), o) for i, o in enumerate(t.owners)), "负责人", "owner", ctx.line_of)
    if t.exploration and t.exploration.platform and t.exploration.platform not in ctx.platforms:
        yield unknown(f, ("exploration", "platform"), "E108", t.exploration.platform, ctx.platforms,
                      what="平台", what_en="platform")


def _quadrant(t: Task, f: str) -> Iterator[Finding]:
    name, name_en = QUADRANT_NAMES[t.quadrant]

    def wrong(loc: tuple, zh: str, en: str) -> Finding:
        return finding(f, loc, "E507", quadrant=name, quadrant_en=name_en, detail=zh, detail_en=en)

    if t.quadrant == "project" and t.campaign is None:
        yield wrong(("quadrant",), "需要填写所属活动（campaign）", "needs the campaign it belongs to ('campaign')")
    if t.role is not None and t.campaign is None:
        yield wrong(("role",), "填写了角色（role），但没有所属活动（campaign）", "names a role but no campaign")
    if t.quadrant == "routine" and t.routine is None:
        yield wrong(("quadrant",), "需要 'routine' 部分（kind: check-in 或 weekly-topic）",
                    "needs a 'routine' block (kind: check-in or weekly-topic)")
    if t.quadrant != "routine" and t.routine is not None:
        yield wrong(("routine",), "不能有 'routine' 部分：它只属于常规任务", "cannot have a 'routine' block: it belongs to routine tasks")
    if t.quadrant == "exploration" and t.exploration is None:
        yield wrong(("quadrant",), "需要 'exploration' 部分（预算 budget_fen、是否允许失败 failure_allowed）",
                    "needs an 'exploration' block (budget_fen, failure_allowed)")
    if t.quadrant != "exploration" and t.exploration is not None:
        yield wrong(("exploration",), "不能有 'exploration' 部分：它只属于探索任务",
                    "cannot have an 'exploration' block: it belongs to exploration tasks")
