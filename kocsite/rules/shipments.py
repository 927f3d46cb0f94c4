"""Rules of a campaign's goods fulfilment (实物寄送): each shipment names one of the campaign's goods,
appears once per KOC and item, and its status and dates go to-ship → shipped → received in order."""

from __future__ import annotations

from typing import Iterator

from kocsite.models import Campaign
from kocsite.models.campaign import Shipment
from kocsite.rules.common import duplicates, not_before, unknown
from kocsite.rules.context import FileContext
from kocsite.rules.finding import Finding, finding

SENT = ("shipped", "received")
"""Fulfilment statuses of goods that left the warehouse."""


def check_shipments(c: Campaign, ctx: FileContext) -> Iterator[Finding]:
    f = ctx.file.rel
    names = sorted({g.name for g in c.rewards.goods})
    for i, s in enumerate(c.shipments):
        loc = ("shipments", i)
        if s.goods not in names:
            yield unknown(f, loc + ("goods",), "E108", s.goods, names, what="实物奖励", what_en="goods reward")
        yield from _dates(f, loc, s)
        yield from not_before(f, loc + ("shipped",), ("寄出日期", "shipped", s.shipped), ("活动开始日期", "campaign start", c.start))
    yield from duplicates(f, (((("shipments", i, "goods")), f"{s.koc} / {s.goods}") for i, s in enumerate(c.shipments)),
                          "实物寄送", "shipment", ctx.line_of)


def _dates(f: str, loc: tuple, s: Shipment) -> Iterator[Finding]:
    def wrong(field: str, zh: str, en: str) -> Finding:
        return finding(f, loc + (field,) if getattr(s, field, None) is not None else loc, "E927", status=s.status,
                       detail=zh, detail_en=en)

    if s.status != "received" and s.received is not None:
        yield wrong("received", "还不应该有签收日期（received）：签收后再填，并把状态改为 received",
                    "there should be no 'received' date yet: set it when it arrives, with status received")
    if s.status == "to-ship" and s.shipped is not None:
        yield wrong("shipped", "还不应该有寄出日期（shipped）：寄出后再填，并把状态改为 shipped",
                    "there should be no 'shipped' date yet: set it when it is sent, with status shipped")
    if s.status in SENT and s.shipped is None:
        yield wrong("status", "需要填写寄出日期（shipped）", "'shipped' (the day it was sent) is required")
    if s.status == "received" and s.received is None:
        yield wrong("status", "需要填写签收日期（received）", "'received' (the day it arrived) is required")
    yield from not_before(f, loc + ("received",), ("签收日期", "received", s.received), ("寄出日期", "shipped", s.shipped))
