"""Waitlist substitutes (W924) and the pipeline stage of accepted members (W925), hand-computed."""

from __future__ import annotations

from kocsite.checker import check

CAMPAIGN = """\
title: 智能座舱深度体验
status: {status}
start: 2025-07-01
end: 2025-07-31
background: 新车型上市
goals:
  - id: deep-reviews
    title: 深度体验内容
    metric: approved_contributions
    target: 50
    deadline: 2025-07-31
roles:
  - id: tech-officer
    name: 技术体验官
    duties: [产出深度评测]
    headcount: {headcount}
members:
  - koc: li-lei
    role: tech-officer
    status: accepted
    invited: 2025-06-20
    responded: 2025-06-21
"""
KOCS = {f"kocs/{k}.yaml": f"name: {k}\n" for k in ("a-one", "b-two", "c-three", "d-four", "e-five")}


def member(koc: str, status: str) -> str:
    responded = "    responded: 2025-06-22\n" if status in ("declined", "dropped") else ""
    return f"  - koc: {koc}\n    role: tech-officer\n    status: {status}\n{responded}"


def suggestions(programme, headcount: int, members: list[tuple[str, str]], status: str = "running", kocs=None):
    text = CAMPAIGN.format(status=status, headcount=headcount) + "".join(member(k, s) for k, s in members)
    root = programme({"campaigns/cockpit.yaml": text, **KOCS, **(kocs or {})})
    return [(p.line, dict(p.params)) for p in check(root).problems if p.code in ("W924", "W925")]


def test_each_leaver_is_offered_the_next_waitlisted_koc_while_seats_last(programme):
    # headcount 3, li-lei accepted → 2 open seats. Leavers in file order: a-one (declined, status on line 25),
    # c-three (dropped, line 32), e-five (declined, line 39) — only the first two fit the 2 seats. Waitlist:
    # b-two, d-four, in that order.
    found = suggestions(programme, 3, [("a-one", "declined"), ("b-two", "waitlisted"), ("c-three", "dropped"),
                                       ("d-four", "waitlisted"), ("e-five", "declined")])
    assert [(line, p["koc"], p["suggestion"], p["open"], p["left_en"]) for line, p in found] == [
        (25, "a-one", "b-two", "2", "declined"), (32, "c-three", "d-four", "2", "dropped out")]


def test_no_suggestion_when_the_role_is_full_or_nobody_waits(programme):
    assert suggestions(programme, 1, [("a-one", "declined"), ("b-two", "waitlisted")]) == []  # 1 of 1 taken
    assert suggestions(programme, 3, [("a-one", "declined"), ("b-two", "invited")]) == []     # nobody waitlisted


def test_accepting_a_discovered_or_alumni_koc_warns_while_the_campaign_runs(programme):
    for stage in ("discovered", "alumni"):
        li_lei = {"kocs/li-lei.yaml": f"name: 李雷\npipeline:\n  stage: {stage}\n  source: private-domain\n"}
        found = suggestions(programme, 2, [], kocs=li_lei)
        assert [(line, p["koc"], p["stage"]) for line, p in found] == [(20, "li-lei", stage)]  # status: accepted
    for stage in ("contacted", "activated", "active", "paused"):
        li_lei = {"kocs/li-lei.yaml": f"name: 李雷\npipeline:\n  stage: {stage}\n  source: private-domain\n"}
        assert suggestions(programme, 2, [], kocs=li_lei) == []


def test_a_closed_campaigns_members_are_history(programme):
    li_lei = {"kocs/li-lei.yaml": "name: 李雷\npipeline:\n  stage: alumni\n  source: private-domain\n"}
    assert suggestions(programme, 2, [], status="cancelled", kocs=li_lei) == []
