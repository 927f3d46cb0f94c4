"""Rules inside one insight file: an outcome once closed, dates in order, no KOC listed twice."""

from __future__ import annotations

from typing import Iterator

from kocsite.rules.finding import Finding, finding
from kocsite.rules.common import duplicates, not_before
from kocsite.rules.context import FileContext
from kocsite.models.insight import CLOSED_INSIGHT_STATUSES, Insight

_DATES = (("received", "收到日期", "received date"), ("triaged", "分诊日期", "triage date"),
          ("started", "开始处理日期", "start date"), ("resolved", "结论日期", "resolution date"),
          ("reported_back", "反馈给车主的日期", "reported-back date"))


def check_insight(i: Insight, ctx: FileContext) -> Iterator[Finding]:
    f = ctx.file.rel
    if i.status in CLOSED_INSIGHT_STATUSES and i.outcome is None:
        yield finding(f, ("status",), "E505", detail=f"状态为 '{i.status}' 的用户洞察必须写明结果（outcome）：改了什么，或者为什么不改",
                      detail_en=f"an insight with status '{i.status}' needs its 'outcome': what changed, or why not")
    if i.status not in CLOSED_INSIGHT_STATUSES and i.resolved is not None:
        yield finding(f, ("resolved",), "E505", detail=f"状态为 '{i.status}' 时不能有结论日期（resolved）：结论要等到 shipped 或 declined",
                      detail_en=f"with status '{i.status}' there can be no 'resolved' date: it belongs to shipped or declined")
    # every date on or after the latest earlier one that is given
    given = [(key, zh, en, getattr(i, key)) for key, zh, en in _DATES]
    for n, (key, zh, en, day) in enumerate(given):
        if day is None:
            continue
        earlier = next(((ezh, een, d) for _, ezh, een, d in reversed(given[:n]) if d is not None), None)
        if earlier is not None:
            yield from not_before(f, (key,), (zh, en, day), earlier)
    yield from duplicates(f, ((("kocs", n), k) for n, k in enumerate(i.kocs)), "KOC", "KOC", ctx.line_of)
