"""Rules inside one campaign file: its dates, roles, members, flow and rewards."""

from __future__ import annotations

from collections import Counter
from typing import Iterator

from kocsite.rules.finding import Finding, finding
from kocsite.rules.common import duplicates, not_before, unknown, within
from kocsite.rules.context import FileContext
from kocsite.models import Campaign
from kocsite.rules.roster import check_roster
from kocsite.rules.shipments import check_shipments


def check_campaign(c: Campaign, ctx: FileContext) -> Iterator[Finding]:
    yield from _window(c, ctx)
    yield from _ids(c, ctx)
    yield from _role_refs(c, ctx)
    yield from _members(c, ctx)
    yield from _flow(c, ctx)
    yield from _rewards(c, ctx)
    yield from check_roster(c, ctx)
    yield from check_shipments(c, ctx)
    if c.status == "closed" and c.retrospective is None:
        yield finding(ctx.file.rel, ("status",), "W510")


def _window(c: Campaign, ctx: FileContext) -> Iterator[Finding]:
    f, name = ctx.file.rel, ctx.file.stem
    yield from not_before(f, ("end",), ("结束日期", "end date", c.end), ("开始日期", "start date", c.start))
    if c.end < c.start:
        return
    for i, goal in enumerate(c.goals):
        yield from within(f, ("goals", i, "deadline"), ("目标截止日期", "goal deadline"), goal.deadline, name, c.start, c.end)
    for i, role in enumerate(c.roles):
        if role.deliverable:
            yield from within(f, ("roles", i, "deliverable", "due"), ("交付截止日期", "deliverable due date"),
                              role.deliverable.due, name, c.start, c.end)
    for i, step in enumerate(c.timeline):
        yield from within(f, ("timeline", i, "start"), ("里程碑开始日期", "milestone start"), step.start, name, c.start, c.end)
        yield from within(f, ("timeline", i, "end"), ("里程碑结束日期", "milestone end"), step.end, name, c.start, c.end)
        yield from not_before(f, ("timeline", i, "end"), ("里程碑结束日期", "milestone end", step.end),
                              ("里程碑开始日期", "milestone start", step.start))
    if c.kickoff and c.kickoff.date:
        yield from not_before(f, ("kickoff", "date"), ("结束日期", "end date", c.end), ("启动会日期", "kickoff date", c.kickoff.date))


def _ids(c: Campaign, ctx: FileContext) -> Iterator[Finding]:
    f = ctx.file.rel
    for field, what, what_en, items in (
        ("goals", "目标", "goal", c.goals), ("roles", "角色", "role", c.roles), ("flow", "协作步骤", "flow step", c.flow),
    ):
        yield from duplicates(f, (((field, i, "id"), x.id) for i, x in enumerate(items)), what, what_en, ctx.line_of)
    yield from duplicates(f, ((("members", i, "koc"), f"{m.koc} / {m.role}") for i, m in enumerate(c.members)),
                          "成员", "member", ctx.line_of)
    yield from duplicates(f, ((("rewards", "sub_pools", i, "role"), p.role) for i, p in enumerate(c.rewards.sub_pools)),
                          "角色奖金池", "role sub-pool", ctx.line_of)


def _role_refs(c: Campaign, ctx: FileContext) -> Iterator[Finding]:
    roles = [r.id for r in c.roles]
    refs: list[tuple[tuple, str | None]] = []
    refs += [(("goals", i, "role"), g.role) for i, g in enumerate(c.goals)]
    refs += [(("members", i, "role"), m.role) for i, m in enumerate(c.members)]
    refs += [(("flow", i, "role"), s.role) for i, s in enumerate(c.flow)]
    refs += [(("timeline", i, "role"), s.role) for i, s in enumerate(c.timeline)]
    refs += [(("rewards", "sub_pools", i, "role"), p.role) for i, p in enumerate(c.rewards.sub_pools)]
    refs += [(("rewards", "goods", i, "role"), g.role) for i, g in enumerate(c.rewards.goods)]
    refs += [(("rewards", "badges", i, "role"), b.role) for i, b in enumerate(c.rewards.badges)]
    for loc, ref in refs:
        if ref is not None and ref not in roles:
            yield unknown(ctx.file.rel, loc, "E103", ref, roles, campaign=ctx.file.stem)
    for i, role in enumerate(c.roles):
        for j, skill in enumerate(role.skills):
            if skill not in ctx.skills:
                yield unknown(ctx.file.rel, ("roles", i, "skills", j), "E106", skill, ctx.skills)


def _members(c: Campaign, ctx: FileContext) -> Iterator[Finding]:
    f = ctx.file.rel
    for i, m in enumerate(c.members):
        answered = m.status in ("accepted", "declined", "dropped")
        if m.status == "invited" and m.responded is not None:
            yield finding(f, ("members", i, "responded"), "E508", status=m.status,
                          detail="还不应该有回复日期（responded）：对方接受或拒绝后再填，并改状态",
                          detail_en="there should be no 'responded' date yet: set it with the answer and change the status")
        if answered and m.responded is None:
            yield finding(f, ("members", i), "E508", status=m.status,
                          detail="需要填写回复日期（responded）", detail_en="'responded' (the date of the answer) is required")
        yield from not_before(f, ("members", i, "responded"), ("回复日期", "responded", m.responded),
                              ("邀请日期", "invited", m.invited))
    if c.rewards.sub_pools:
        first_role: dict[str, str] = {}
        for i, m in enumerate(c.members):
            if m.status != "accepted":
                continue
            if m.koc in first_role and first_role[m.koc] != m.role:
                yield finding(f, ("members", i, "role"), "E514", koc=m.koc, role=m.role, first=first_role[m.koc])
            first_role.setdefault(m.koc, m.role)
    accepted = Counter(m.role for m in c.members if m.status == "accepted")
    for i, role in enumerate(c.roles):
        if accepted[role.id] > role.headcount:
            yield finding(f, ("roles", i, "headcount"), "E501", role=role.id, accepted=accepted[role.id],
                          headcount=role.headcount)


def _flow(c: Campaign, ctx: FileContext) -> Iterator[Finding]:
    steps = [s.id for s in c.flow]
    for i, step in enumerate(c.flow):
        for j, nxt in enumerate(step.next):
            if nxt not in steps:
                yield unknown(ctx.file.rel, ("flow", i, "next", j), "E108", nxt, steps, what="协作步骤", what_en="flow step")


def _rewards(c: Campaign, ctx: FileContext) -> Iterator[Finding]:
    f, r = ctx.file.rel, c.rewards
    total = sum(p.percent for p in r.sub_pools)
    if total > 100:
        yield finding(f, ("rewards", "sub_pools"), "E506", total=total)
    if r.sub_pools and total == 100 and r.pool_fen:
        pooled = {p.role for p in r.sub_pools}
        staffed = {m.role for m in c.members if m.status == "accepted"}
        for i, role in enumerate(c.roles):
            if role.id not in pooled and role.id in staffed:
                yield finding(f, ("roles", i, "id"), "W515", role=role.id)
    for i, rule in enumerate(r.badges):
        loc = ("rewards", "badges", i)
        if rule.badge not in ctx.badges:
            yield unknown(f, loc + ("badge",), "E105", rule.badge, ctx.badges)
        needs = {"top": ("top", rule.top), "threshold": ("min_credit", rule.min_credit), "manual": ("kocs", rule.kocs)}
        if rule.rule in needs and not needs[rule.rule][1]:
            field = needs[rule.rule][0]
            yield finding(f, loc, "E505", detail=f"徽章规则 '{rule.rule}' 需要填写 '{field}'",
                          detail_en=f"badge rule '{rule.rule}' needs '{field}'")
    if r.priority:
        for j, badge in enumerate(r.priority.badges):
            if badge not in ctx.badges:
                yield unknown(f, ("rewards", "priority", "badges", j), "E105", badge, ctx.badges)
