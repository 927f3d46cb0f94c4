"""Rules of a KOC's team and hand-offs: known teams, hand-offs in date order, each from the team the
previous one handed to, and the KOC's `team` where the latest hand-off left them."""

from __future__ import annotations

from typing import Iterator

from kocsite.models import Koc
from kocsite.rules.common import not_before, unknown
from kocsite.rules.context import FileContext
from kocsite.rules.finding import Finding, finding


def check_handoffs(k: Koc, ctx: FileContext) -> Iterator[Finding]:
    f = ctx.file.rel
    if k.team is not None and k.team not in ctx.teams:
        yield unknown(f, ("team",), "E920", k.team, ctx.teams)
    previous = None
    for i, h in enumerate(k.handoffs):
        loc = ("handoffs", i)
        for field in ("from_team", "to_team"):
            team = getattr(h, field)
            if team not in ctx.teams:
                yield unknown(f, loc + (field,), "E920", team, ctx.teams)
        if h.from_team == h.to_team:
            yield finding(f, loc + ("to_team",), "E921", team=h.to_team)
        if previous is not None:
            yield from not_before(f, loc + ("date",), ("移交日期", "hand-off date", h.date),
                                  ("上一次移交日期", "previous hand-off date", previous.date))
            if h.from_team != previous.to_team:
                yield finding(f, loc + ("from_team",), "W922", from_team=h.from_team, previous=previous.to_team)
        previous = h
    if previous is not None and k.team is not None and k.team != previous.to_team:
        yield finding(f, ("team",), "W923", team=k.team, to_team=previous.to_team, date=previous.date)
