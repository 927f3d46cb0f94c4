"""Rules of a campaign's roster beyond invitations: the waitlist (a substitute for a member who declined
or dropped out), kickoff attendance, and the date a member dropped out."""

from __future__ import annotations

from collections import Counter
from typing import Iterator

from kocsite.models import Campaign
from kocsite.rules.common import not_before
from kocsite.rules.context import FileContext
from kocsite.rules.finding import Finding, finding

LEAVERS = ("declined", "dropped")
"""Statuses of a member whose seat a waitlisted KOC can take."""
ATTENDEES = ("accepted", "dropped")
"""Statuses of a member who was in the team at the kickoff, and so has an attendance."""
_LEFT = {"declined": ("拒绝了邀请", "declined"), "dropped": ("中途退出", "dropped out")}


def check_roster(c: Campaign, ctx: FileContext) -> Iterator[Finding]:
    yield from substitutes(c, ctx)
    yield from _attendance(c, ctx)
    yield from _dropped(c, ctx)


def open_seats(c: Campaign) -> dict[str, int]:
    """Role id → headcount − accepted members (never below 0)."""
    accepted = Counter(m.role for m in c.members if m.status == "accepted")
    return {r.id: max(0, r.headcount - accepted[r.id]) for r in c.roles}


def substitutes(c: Campaign, ctx: FileContext) -> Iterator[Finding]:
    """W924 at each member who declined or dropped out while their role has an open seat: the k-th such
    member (in file order) is offered the k-th waitlisted KOC of the role, for as many as there are seats."""
    seats = open_seats(c)
    for role_id, free in seats.items():
        if free == 0:
            continue
        waiting = [m.koc for m in c.members if m.role == role_id and m.status == "waitlisted"]
        leavers = [(i, m) for i, m in enumerate(c.members) if m.role == role_id and m.status in LEAVERS]
        for (i, m), suggestion in zip(leavers[:free], waiting):
            left = _LEFT[m.status]
            yield finding(ctx.file.rel, ("members", i, "status"), "W924", koc=m.koc, left=left[0], left_en=left[1],
                          role=role_id, open=free, suggestion=suggestion)


def _attendance(c: Campaign, ctx: FileContext) -> Iterator[Finding]:
    has_kickoff = c.kickoff is not None and c.kickoff.date is not None
    for i, m in enumerate(c.members):
        if m.attendance is None:
            continue
        loc = ("members", i, "attendance")
        if m.status not in ATTENDEES:
            yield finding(ctx.file.rel, loc, "E926",
                          detail=f"只记录已接受邀请（或之后退出）的成员：状态为 '{m.status}' 的成员不在团队里",
                          detail_en=f"is for accepted (or since dropped) members only: a member with status '{m.status}' "
                                    "is not on the team")
        elif not has_kickoff:
            yield finding(ctx.file.rel, loc, "E926", detail="需要先写启动会日期（kickoff.date）",
                          detail_en="needs the kickoff's date (kickoff.date) first")


def _dropped(c: Campaign, ctx: FileContext) -> Iterator[Finding]:
    for i, m in enumerate(c.members):
        if m.left is None:
            continue
        if m.status != "dropped":
            yield finding(ctx.file.rel, ("members", i, "left"), "E508", status=m.status,
                          detail="不应该有退出日期（left）：只有中途退出（dropped）的成员才有",
                          detail_en="there should be no 'left' date: only members who dropped out have one")
        yield from not_before(ctx.file.rel, ("members", i, "left"), ("退出日期", "left", m.left),
                              ("回复日期", "responded", m.responded))
