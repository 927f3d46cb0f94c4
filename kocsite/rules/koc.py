"""Rules inside one KOC profile: known skills and platforms, a sane contact log."""

from __future__ import annotations

from typing import Iterator

from kocsite.rules.finding import Finding
from kocsite.rules.common import duplicates, not_before, unknown
from kocsite.rules.context import FileContext
from kocsite.models import Koc
from kocsite.rules.koc_names import pinyin_of_real_name
from kocsite.rules.handoff import check_handoffs


def check_koc(k: Koc, ctx: FileContext) -> Iterator[Finding]:
    f = ctx.file.rel
    for i, s in enumerate(k.skills):
        if s.skill not in ctx.skills:
            yield unknown(f, ("skills", i, "skill"), "E106", s.skill, ctx.skills)
    yield from duplicates(f, ((("skills", i, "skill"), s.skill) for i, s in enumerate(k.skills)), "技能", "skill", ctx.line_of)
    for i, account in enumerate(k.platforms):
        if account.platform not in ctx.platforms:
            yield unknown(f, ("platforms", i, "platform"), "E108", account.platform, ctx.platforms,
                          what="平台", what_en="platform")
    yield from pinyin_of_real_name(k, ctx)
    yield from check_handoffs(k, ctx)
    if k.private:
        for i, entry in enumerate(k.private.contact_log):
            yield from not_before(f, ("private", "contact_log", i, "next_date"),
                                  ("下次跟进日期", "next follow-up", entry.next_date), ("沟通日期", "contact date", entry.date))
