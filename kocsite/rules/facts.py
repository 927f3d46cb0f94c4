"""The few facts of a file that programme-wide rules need, small enough to cache for every file.

Checking references across 20 000 files must not need every model in memory: a file is reduced
once to its ids, dates and references (with their paths inside the file), and the programme rules
run over these facts alone. Dates are kept as ISO text (which sorts like the dates), and the
100 000-strong records as plain tuples: both load from the cache several times faster.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, NamedTuple

if TYPE_CHECKING:  # the facts are read from the cache without the models (a warm check builds none)
    from kocsite.models import Campaign, Contribution, Koc, Task

Loc = tuple[int | str, ...]


class CampaignFacts(NamedTuple):
    start: str
    end: str
    status: str
    roles: tuple[str, ...]
    accepted: tuple[tuple[str, str], ...]
    """(koc, role) of every accepted member."""
    accepted_at: tuple[tuple[Loc, str], ...] = ()
    """(loc of the member's status, koc) of every accepted member."""


class TaskFacts(NamedTuple):
    quadrant: str
    campaign: str | None
    role: str | None
    dates: tuple[tuple[Loc, str, str, str], ...]
    """(loc, label zh, label en, date) of every date that must fall inside the campaign."""


RecordFacts = tuple[Loc, "str | None", str, tuple[tuple[Loc, str], ...]]
"""(loc of the record, its id, its date, (loc, koc) of each author)."""


class FileFacts(NamedTuple):
    kind: str
    id: str | None
    koc_refs: tuple[tuple[Loc, str], ...] = ()
    campaign: CampaignFacts | None = None
    task: TaskFacts | None = None
    records: tuple[RecordFacts, ...] = ()
    task_refs: tuple[tuple[Loc, str], ...] = ()
    ledger_inputs: str | None = None
    """For a ledger: the digest of the inputs its figures were computed from."""
    campaign_refs: tuple[tuple[Loc, str], ...] = ()
    """Campaigns named by the file (an insight's campaign), checked by the programme rules."""
    stage: str | None = None
    """For a KOC: their pipeline stage, if they have one."""
    fair: "FairFacts | None" = None
    """What the fair-play rules need (kocsite.rules.fairplay): caps, links, disclosure, agreed shares."""
    insight_refs: tuple[tuple[Loc, str], ...] = ()
    """Insights named by the file (a sentiment week's routed items)."""
    week: tuple[str, str] | None = None
    """For a sentiment week: its Monday and Sunday (ISO text), None when the file name is no ISO week."""


def campaign_facts(stem: str, c: Campaign) -> FileFacts:
    refs: list[tuple[Loc, str]] = [(("members", i, "koc"), m.koc) for i, m in enumerate(c.members)]
    refs += [(("rewards", "goods", i, "kocs", j), k) for i, g in enumerate(c.rewards.goods) for j, k in enumerate(g.kocs)]
    refs += [(("rewards", "badges", i, "kocs", j), k) for i, b in enumerate(c.rewards.badges) for j, k in enumerate(b.kocs)]
    if c.rewards.priority:
        refs += [(("rewards", "priority", "kocs", j), k) for j, k in enumerate(c.rewards.priority.kocs)]
    refs += [(("shipments", i, "koc"), s.koc) for i, s in enumerate(c.shipments)]
    if c.retrospective:
        refs += [(("retrospective", "highlights", i, "koc"), h.koc) for i, h in enumerate(c.retrospective.highlights) if h.koc]
    accepted = tuple((m.koc, m.role) for m in c.members if m.status == "accepted")
    task_refs = tuple((("goals", i, "task"), g.task) for i, g in enumerate(c.goals) if g.task)
    accepted_at = tuple((("members", i, "status"), m.koc) for i, m in enumerate(c.members) if m.status == "accepted")
    window = CampaignFacts(c.start.isoformat(), c.end.isoformat(), c.status, tuple(r.id for r in c.roles), accepted,
                           accepted_at)
    return FileFacts("campaign", stem, tuple(refs), window,
                     task_refs=task_refs)


def koc_facts(stem: str, k: Koc) -> FileFacts:
    return FileFacts("koc", stem, stage=k.pipeline.stage if k.pipeline is not None else None)


def task_facts(stem: str, t: Task) -> FileFacts:
    dates = tuple((loc, zh, en, d.isoformat()) for loc, zh, en, d in (
        (("start",), "开始日期", "start date", t.start), (("due",), "截止日期", "due date", t.due)) if d is not None)
    refs = tuple((("owners", i), o) for i, o in enumerate(t.owners))
    refs += tuple((("byline", i, "koc"), a.koc) for i, a in enumerate(t.byline))
    return FileFacts("task", stem, refs, task=TaskFacts(t.quadrant, t.campaign, t.role, dates))


def record_facts(loc: Loc, record_id: str | None, c: Contribution) -> RecordFacts:
    if c.koc is not None:
        kocs: tuple[tuple[Loc, str], ...] = ((loc + ("koc",), c.koc),)
    else:
        kocs = tuple((loc + ("authors", i, "koc"), a.koc) for i, a in enumerate(c.authors))
    return (loc, record_id, c.date.isoformat(), kocs)


def amplifier_refs(loc: Loc, c: Contribution) -> tuple[tuple[Loc, str], ...]:
    """(loc, koc) of each KOC who shared the work (its `amplified` shares)."""
    return tuple((loc + ("amplified", i, "koc"), a.koc) for i, a in enumerate(c.amplified) if a.koc is not None)


def insight_facts(stem: str, i: Any) -> FileFacts:
    """An insight's KOCs and campaign (kocsite.models.insight.Insight)."""
    refs = tuple((("kocs", n), k) for n, k in enumerate(i.kocs))
    campaigns = ((("campaign",), i.campaign),) if i.campaign else ()
    return FileFacts("insight", stem, refs, campaign_refs=campaigns)


def redemption_facts(stem: str, r: Any) -> FileFacts:
    """The KOCs of a redemptions file (kocsite.models.redemption.RedemptionFile)."""
    refs = tuple((("redemptions", n, "koc"), x.koc) for n, x in enumerate(r.redemptions))
    return FileFacts("redemption", stem, refs)


ENTITY_KINDS = ("koc", "campaign", "task", "ledger")
def sentiment_facts(file: Any, week: Any) -> FileFacts:
    """A sentiment week's observers, campaign (its folder), routed insights and days (kocsite.models.sentiment)."""
    from kocsite.models.sentiment import week_span

    span = week_span(file.stem)
    refs = tuple((("observers", n), k) for n, k in enumerate(week.observers))
    insights: list[tuple[Loc, str]] = []
    for key, items in (("keywords", week.keywords), ("complaints", week.complaints),
                       ("misunderstandings", week.misunderstandings)):
        insights += [((key, n, "insight"), item.insight) for n, item in enumerate(items) if item.insight is not None]
    return FileFacts("sentiment", file.stem, refs, campaign_refs=(((), file.folder),), insight_refs=tuple(insights),
                     week=(span[0].isoformat(), span[1].isoformat()) if span else None)


ENTITY_KINDS = ("koc", "campaign", "task", "ledger", "insight")
"""Kinds whose file is an entity others refer to by its name."""

_KOC_PATHS = {
    "campaign": (("members", "*", "koc"), ("rewards", "goods", "*", "kocs", "*"), ("rewards", "badges", "*", "kocs", "*"),
                 ("rewards", "priority", "kocs", "*"), ("retrospective", "highlights", "*", "koc"),
                 ("shipments", "*", "koc")),
    "task": (("owners", "*"), ("byline", "*", "koc")),
    "insight": (("kocs", "*"),),
    "redemption": (("redemptions", "*", "koc"),),
    "contribution": (("koc",), ("authors", "*", "koc"), ("contributions", "*", "koc"),
                     ("contributions", "*", "authors", "*", "koc"), ("amplified", "*", "koc"),
                     ("contributions", "*", "amplified", "*", "koc")),
    "sentiment": (("observers", "*"),),
}
_TASK_PATHS = {"campaign": (("goals", "*", "task"),)}
_CAMPAIGN_PATHS = {"task": (("campaign",),), "insight": (("campaign",),)}


def reference_facts(file: Any, data: Any) -> FileFacts | None:
    """The facts of a file that does not validate: that its entity exists, and the references it makes,
    read from its plain data, so that an unknown KOC is reported together with the file's other errors
    instead of after they are fixed. Dates, members and records are left out: rules on them would judge
    invalid data."""
    if not isinstance(data, dict):
        return FileFacts(file.kind, file.stem) if file.kind in ENTITY_KINDS else None
    if file.kind not in ENTITY_KINDS and file.kind not in _KOC_PATHS:
        return None
    kind = file.kind
    return FileFacts(kind, file.stem, koc_refs=_refs(data, _KOC_PATHS.get(kind, ())),
                     task_refs=_refs(data, _TASK_PATHS.get(kind, ())), campaign_refs=_refs(data, _CAMPAIGN_PATHS.get(kind, ())))


def _refs(data: dict, paths: tuple[tuple[str, ...], ...]) -> tuple[tuple[Loc, str], ...]:
    from kocsite.core.ids import is_slug

    found: list[tuple[Loc, str]] = []
    for path in paths:
        found += [(loc, value) for loc, value in _walk(data, path, ()) if isinstance(value, str) and is_slug(value)]
    return tuple(sorted(found, key=lambda ref: tuple(str(part) for part in ref[0])))


def _walk(node: Any, path: tuple[str, ...], loc: Loc):
    if not path:
        yield loc, node
        return
    head, rest = path[0], path[1:]
    if head == "*":
        if isinstance(node, list):
            for i, item in enumerate(node):
                yield from _walk(item, rest, loc + (i,))
    elif isinstance(node, dict) and head in node:
        yield from _walk(node[head], rest, loc + (head,))


class FairRecord(NamedTuple):
    """One contribution record as the fair-play rules see it (kocsite.rules.fairplay)."""

    loc: Loc
    date: str
    day: str
    """The day it counts on for daily caps: its `at` time in the programme's time zone, else its date."""
    moment: str
    """Its `at` time in UTC (ISO), '' when not given: orders the records of one day."""
    index: int
    """Its place in a batch file (-1 for a file of its own)."""
    approved: bool
    url: str | None
    url_key: str | None
    disclosure: tuple[str, str, str] | None
    """(problem code, labels in zh, labels in en) when its title and excerpt carry no disclosure label, else None."""
    reviewer: str | None
    shares: tuple[tuple[str, str], ...]
    """(koc, share in percent as plain text) of each author; a solo work is (koc, '100')."""
    reasoned: bool
    """It gives a share_change_reason."""
    confirmations: tuple[tuple[Loc, str], ...]
    """(loc of `confirmed`, koc) of each co-author who confirmed their share."""


def confirmations_in(facts: FileFacts | None) -> list[tuple[Loc, str]]:
    """The share confirmations a contribution file holds: (loc of `confirmed`, koc), in file order."""
    if facts is None or facts.kind != "contribution" or facts.fair is None:
        return []
    return [confirmation for record in facts.fair.records for confirmation in record.confirmations]


class FairFacts(NamedTuple):
    records: tuple[FairRecord, ...] = ()
    ritual: str | None = None
    """A routine task's ritual kind."""
    cap: int | None = None
    """A routine task's daily cap (from kocsite.yml's daily_caps)."""
    plan: tuple[tuple[str, str], ...] = ()
    """A task's agreed byline: (koc, share)."""
    pays: str | None = None
    """A campaign that pays: 'cash', 'goods' or 'cash+goods'; None when it pays nothing."""
    git: tuple[str, ...] = ()
    """A KOC's git identities, case-folded."""
