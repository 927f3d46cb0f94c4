"""A static JSON API under /api/: the same public figures as the pages, for the brand's app or mini-program.

Documents (each with a JSON Schema under /api/schema/, generated from the pydantic models below):

- `api/index.json`            what is here;
- `api/campaigns.json`        every campaign: dates, status, roles with open seats, whether figures are final;
- `api/tasks.json`            every task: quadrant, status, campaign, role, due date, owners (ids);
- `api/honors/<campaign>.json` the honor roll: credit, payout in 分, 暂定 or 已封存 with the ledger date;
- `api/kocs/<koc>.json`       a public profile (only KOCs who have a page): public fields only.

Every document is built from an explicit list of public fields, written as sorted, indented JSON,
and passes through the same privacy guard as the pages (the build searches every generated file).
"""

from __future__ import annotations

import json
from datetime import date
from typing import Literal

from pydantic import BaseModel, ConfigDict

from kocsite.core.display import decimal_text
from kocsite.site.blocks import SiteData

VERSION = 1


class _Doc(BaseModel):
    model_config = ConfigDict(extra="forbid")


class RoleSeats(_Doc):
    id: str
    name: str
    headcount: int
    accepted: int
    open_seats: int


class CampaignDoc(_Doc):
    id: str
    title: str
    status: Literal["planning", "recruiting", "running", "closed", "cancelled"]
    start: date
    end: date
    product: str | None
    figures: Literal["provisional", "sealed"]
    sealed_on: date | None
    pool_fen: int
    roles: list[RoleSeats]
    page: str
    calendar: str


class Campaigns(_Doc):
    version: int
    campaigns: list[CampaignDoc]


class TaskDoc(_Doc):
    id: str
    title: str
    quadrant: str
    status: str
    campaign: str | None
    role: str | None
    start: date | None
    due: date | None
    owners: list[str]


class Tasks(_Doc):
    version: int
    as_of: date
    tasks: list[TaskDoc]


class HonorEntry(_Doc):
    koc: str
    name: str
    rank: int
    credit: str
    """Exact decimal text (credit is a fraction; shown to 2 places on the pages)."""
    payout_fen: int
    eligible: bool
    capped: bool
    deliverable_met: bool
    badges: list[str]
    goods: list[str]
    priority: bool


class Honors(_Doc):
    version: int
    campaign: str
    figures: Literal["provisional", "sealed"]
    sealed_on: date | None
    pool_fen: int
    unallocated_fen: int
    entries: list[HonorEntry]


class Skill(_Doc):
    skill: str
    level: int


class Account(_Doc):
    platform: str
    handle: str
    url: str | None
    followers: int | None


class Membership(_Doc):
    campaign: str
    role: str
    payout_fen: int | None
    figures: Literal["provisional", "sealed"]


class Profile(_Doc):
    version: int
    id: str
    name: str
    city: str | None
    bio: str | None
    cars: list[str]
    skills: list[Skill]
    platforms: list[Account]
    campaigns: list[Membership]
    credit_total: str
    page: str
    calendar: str
    level: str | None = None
    """The KOC's level today (its id in levels.tiers), when the programme has levels."""
    points_balance: str | None = None
    """Points (积分) left to spend, when the programme has a redemption catalogue or redemptions."""


DOCUMENTS: dict[str, type[_Doc]] = {"campaigns": Campaigns, "tasks": Tasks, "honors": Honors, "profile": Profile}


def _dump(doc: _Doc) -> str:
    return json.dumps(doc.model_dump(mode="json"), ensure_ascii=False, indent=1, sort_keys=True) + "\n"


def _figures(data: SiteData, cid: str) -> tuple[str, date | None]:
    ledger = data.programme.ledgers.get(cid)
    return ("sealed", ledger.closed) if ledger is not None else ("provisional", None)


def campaigns_doc(data: SiteData) -> Campaigns:
    docs = []
    for cid in sorted(data.programme.campaigns):
        c = data.programme.campaigns[cid]
        figures, sealed = _figures(data, cid)
        roles = []
        for r in c.roles:
            accepted = sum(1 for m in c.members if m.role == r.id and m.status == "accepted")
            roles.append(RoleSeats(id=r.id, name=r.name, headcount=r.headcount, accepted=accepted,
                                   open_seats=max(0, r.headcount - accepted)))
        docs.append(CampaignDoc(id=cid, title=c.title, status=c.status, start=c.start, end=c.end, product=c.product,
                                figures=figures, sealed_on=sealed, pool_fen=c.rewards.pool_fen, roles=roles,
                                page=f"campaigns/{cid}/", calendar=f"calendar/campaigns/{cid}.ics"))
    return Campaigns(version=VERSION, campaigns=docs)


def tasks_doc(data: SiteData) -> Tasks:
    tasks = data.programme.tasks
    return Tasks(version=VERSION, as_of=data.today, tasks=[
        TaskDoc(id=tid, title=tasks[tid].title, quadrant=tasks[tid].quadrant, status=tasks[tid].status,
                campaign=tasks[tid].campaign, role=tasks[tid].role, start=tasks[tid].start, due=tasks[tid].due,
                owners=[k for k in tasks[tid].owners if k in data.profiled]) for tid in sorted(tasks)])


def honors_doc(data: SiteData, cid: str) -> Honors:
    outcome = data.outcomes[cid]
    split = outcome.split
    met = {c.koc: c.deliverable_met for c in outcome.claimants}
    figures, sealed = _figures(data, cid)
    ranked = sorted(split.payouts, key=lambda p: (-p.credit, p.koc))
    entries, rank, previous = [], 0, None
    for position, p in enumerate(ranked, 1):
        if p.credit != previous:
            rank, previous = position, p.credit
        koc = data.programme.kocs.get(p.koc)
        entries.append(HonorEntry(koc=p.koc, name=koc.name if koc else p.koc, rank=rank, credit=decimal_text(p.credit),
                                  payout_fen=p.payout_fen, eligible=p.eligible, capped=p.capped,
                                  deliverable_met=met.get(p.koc, False), badges=outcome.badges_of(p.koc),
                                  goods=outcome.goods_of(p.koc), priority=p.koc in outcome.priority))
    return Honors(version=VERSION, campaign=cid, figures=figures, sealed_on=sealed, pool_fen=split.pool_fen,
                  unallocated_fen=split.unallocated_fen, entries=entries)


def profile_doc(data: SiteData, koc: str) -> Profile:
    from kocsite.site.people_pages import profile_index

    k = data.programme.kocs[koc]
    index = profile_index(data)
    memberships = []
    for cid, m in index.campaigns.get(koc, ()):
        payout = data.outcomes[cid].split.payout_of(koc)
        memberships.append(Membership(campaign=cid, role=m.role, payout_fen=payout.payout_fen if payout else None,
                                      figures=_figures(data, cid)[0]))
    total = index.all_time.get(koc, 0) + index.award_points.get(koc, 0)
    return Profile(version=VERSION, id=koc, name=k.name, city=k.city, bio=k.bio, cars=[c.model for c in k.cars],
                   skills=[Skill(skill=s.skill, level=s.level) for s in k.skills],
                   platforms=[Account(platform=p.platform, handle=p.handle, url=p.url, followers=p.followers) for p in k.platforms],
                   campaigns=memberships, credit_total=decimal_text(total) if total else "0", page=f"kocs/{koc}/",
                   calendar=f"calendar/kocs/{koc}.ics", **_standing_of(data, koc))


def _standing_of(data: SiteData, koc: str) -> dict[str, str]:
    from kocsite.money.wallet import points_text
    from kocsite.site.wallet_pages import standing, wallet_shown

    wallets, levels = standing(data)
    found = {}
    level = levels.current(koc)
    if level is not None:
        found["level"] = level.id
    if wallet_shown(data):
        found["points_balance"] = points_text(wallets.balance(koc))
    return found


def schemas() -> dict[str, str]:
    return {f"api/schema/{name}.schema.json": json.dumps(
        {"$schema": "https://json-schema.org/draft/2020-12/schema", **model.model_json_schema()},
        ensure_ascii=False, indent=1, sort_keys=True) + "\n" for name, model in DOCUMENTS.items()}


def api_files(data: SiteData) -> dict[str, str]:
    files = {"api/campaigns.json": _dump(campaigns_doc(data)), "api/tasks.json": _dump(tasks_doc(data))}
    for cid in sorted(data.programme.campaigns):
        files[f"api/honors/{cid}.json"] = _dump(honors_doc(data, cid))
    for koc in sorted(data.profiled):
        files[f"api/kocs/{koc}.json"] = _dump(profile_doc(data, koc))
    files.update(schemas())
    index = {"version": VERSION, "documents": {
        "campaigns": {"path": "api/campaigns.json", "schema": "api/schema/campaigns.schema.json"},
        "tasks": {"path": "api/tasks.json", "schema": "api/schema/tasks.schema.json"},
        "honors": {"path": "api/honors/{campaign}.json", "schema": "api/schema/honors.schema.json"},
        "profile": {"path": "api/kocs/{koc}.json", "schema": "api/schema/profile.schema.json"}}}
    files["api/index.json"] = json.dumps(index, ensure_ascii=False, indent=1, sort_keys=True) + "\n"
    return files
