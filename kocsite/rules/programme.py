"""Rules across files: references resolve, dates fall inside campaigns, contributors are members.

They run over the facts of every file (see kocsite.rules.facts), never over the files themselves.
"""

from __future__ import annotations

from typing import Iterator

from kocsite.rules.finding import Finding, finding
from kocsite.rules.common import unknown, within
from kocsite.files.layout import DataFile
from kocsite.rules.facts import CampaignFacts, FileFacts
from kocsite.rules.fairplay import run_fairplay_rules


class Index:
    """Every file's facts, by kind and id. An invalid file has an id but no details (None)."""

    def __init__(self, facts: dict[DataFile, FileFacts]) -> None:
        self.facts = facts
        self.kocs: set[str] = set()
        self.campaigns: dict[str, tuple[DataFile, FileFacts]] = {}
        self.tasks: dict[str, tuple[DataFile, FileFacts]] = {}
        self.contributions: list[tuple[DataFile, FileFacts]] = []
        self.ledgers: dict[str, DataFile] = {}
        self.stages: dict[str, str] = {}
        self.insights: set[str] = set()
        self.weeks: list[tuple[DataFile, FileFacts]] = []
        for file, f in facts.items():
            if f.kind == "koc":
                self.kocs.add(f.id)
                if f.stage is not None:
                    self.stages[f.id] = f.stage
            elif f.kind == "campaign":
                self.campaigns[f.id] = (file, f)
            elif f.kind == "task":
                self.tasks[f.id] = (file, f)
            elif f.kind == "contribution":
                self.contributions.append((file, f))
            elif f.kind == "ledger":
                self.ledgers[f.id] = file
            elif f.kind == "insight":
                self.insights.add(f.id)
            elif f.kind == "sentiment":
                self.weeks.append((file, f))


    def window(self, campaign_id: str | None) -> CampaignFacts | None:
        """The campaign's facts when it is valid and its dates make sense (end ≥ start), else None."""
        entry = self.campaigns.get(campaign_id)
        if entry is None or entry[1].campaign is None or entry[1].campaign.end < entry[1].campaign.start:
            return None
        return entry[1].campaign


def check_koc_refs(index: Index) -> Iterator[Finding]:
    kocs = index.kocs
    for file, f in index.facts.items():
        for loc, koc in f.koc_refs:
            if koc not in kocs:
                yield unknown(file.rel, loc, "E104", koc, kocs)
        for _, _, _, authors in f.records:
            for loc, koc in authors:
                if koc not in kocs:
                    yield unknown(file.rel, loc, "E104", koc, kocs)


def check_task_refs(index: Index) -> Iterator[Finding]:
    """Tasks named by a campaign's goals exist and belong to that campaign."""
    for file, f in index.facts.items():
        for loc, task in f.task_refs:
            if task not in index.tasks:
                yield unknown(file.rel, loc, "E102", task, index.tasks)
                continue
            details = index.tasks[task][1].task
            if details is not None and details.campaign != f.id:
                owner = ((f"属于活动 '{details.campaign}'", f"belongs to campaign '{details.campaign}'") if details.campaign
                         else ("不属于任何活动", "belongs to no campaign"))
                yield finding(file.rel, loc, "E513", task=task, campaign=f.id, owner=owner[0], owner_en=owner[1])


def check_tasks(index: Index) -> Iterator[Finding]:
    for task_id, (file, f) in index.tasks.items():
        t = f.task
        if t is None or t.campaign is None:
            continue
        if t.campaign not in index.campaigns:
            yield unknown(file.rel, ("campaign",), "E101", t.campaign, index.campaigns)
            continue
        c = index.window(t.campaign)
        if c is None:
            continue
        if t.role is not None and t.role not in c.roles:
            yield unknown(file.rel, ("role",), "E103", t.role, c.roles, campaign=t.campaign)
        for loc, zh, en, day in t.dates:
            yield from within(file.rel, loc, (zh, en), day, t.campaign, c.start, c.end)
        if t.quadrant == "project":
            members = _members(c, t.role)
            role = (f"角色 '{t.role}' ", f" of role '{t.role}'") if t.role else ("", "")
            for loc, koc in f.koc_refs:
                if koc in index.kocs and koc not in members:
                    yield finding(file.rel, loc, "E512", koc=koc, campaign=t.campaign, role=role[0], role_en=role[1])


def check_contributions(index: Index) -> Iterator[Finding]:
    seen_ids: dict[tuple[str, str], str] = {}
    for file, f in index.contributions:
        task_id = file.task_id
        if task_id not in index.tasks:
            yield unknown(file.rel, (), "E107", task_id, index.tasks)
            continue
        t = index.tasks[task_id][1].task
        campaign = index.window(t.campaign) if t is not None else None
        members = _members(campaign, t.role) if campaign and t.quadrant == "project" else None
        for record_loc, record_id, day, authors in f.records:
            if record_id is not None:
                other = seen_ids.setdefault((task_id, record_id), file.rel)
                if other != file.rel:
                    yield finding(file.rel, record_loc + ("id",), "E302", what="贡献", what_en="contribution",
                                  id=record_id, other=other)
            if campaign is not None and not campaign.start <= day <= campaign.end:  # hot loop: no call when inside
                yield from within(file.rel, record_loc + ("date",), ("提交日期", "submission date"), day,
                                  t.campaign, campaign.start, campaign.end)
            if members is not None:
                for loc, koc in authors:
                    if koc in index.kocs and koc not in members:
                        if t.role is None:
                            yield finding(file.rel, loc, "W509", koc=koc, campaign=t.campaign)
                        else:
                            yield finding(file.rel, loc, "E511", task=task_id, campaign=t.campaign, role=t.role, koc=koc)


def _members(campaign: CampaignFacts, role: str | None) -> set[str]:
    return {koc for koc, r in campaign.accepted if role is None or r == role}


def check_ledgers(index: Index) -> Iterator[Finding]:
    """A ledger belongs to an existing, closed campaign; a closed campaign has its ledger."""
    for campaign_id, file in sorted(index.ledgers.items()):
        if campaign_id not in index.campaigns:
            yield unknown(file.rel, ("campaign",), "E101", campaign_id, index.campaigns)
            continue
        c = index.campaigns[campaign_id][1].campaign
        if c is not None and c.status != "closed":
            yield finding(file.rel, ("campaign",), "E602", campaign=campaign_id)
    for campaign_id, (file, f) in sorted(index.campaigns.items()):
        if f.campaign is not None and f.campaign.status == "closed" and campaign_id not in index.ledgers:
            yield finding(file.rel, ("status",), "E604", campaign=campaign_id)


def check_campaign_refs(index: Index) -> Iterator[Finding]:
    """Campaigns named outside tasks and ledgers (an insight's campaign) exist."""
    for file, f in index.facts.items():
        for loc, campaign in f.campaign_refs:
            if campaign not in index.campaigns:
                yield unknown(file.rel, loc, "E101", campaign, index.campaigns)


_NOT_READY = {"discovered": ("刚被发现，还没联系过", "only discovered, never contacted"),
              "alumni": ("已离开项目的校友", "an alumnus who left the programme")}


def check_accepted_stage(index: Index) -> Iterator[Finding]:
    """W925: an accepted member of a campaign still under way whose pipeline stage is discovered or alumni."""
    for campaign_id, (file, f) in sorted(index.campaigns.items()):
        c = f.campaign
        if c is None or c.status in ("closed", "cancelled"):
            continue  # acceptance is history there; the stage is today's
        for loc, koc in c.accepted_at:
            stage = index.stages.get(koc)
            if stage in _NOT_READY:
                zh, en = _NOT_READY[stage]
                yield finding(file.rel, loc, "W925", koc=koc, stage=stage, stage_zh=zh, stage_en=en)


def check_sentiment_weeks(index: Index) -> Iterator[Finding]:
    """A sentiment week overlaps its campaign (W940); the insights it routes to exist (E941)."""
    for file, f in index.weeks:
        for loc, insight in f.insight_refs:
            if insight not in index.insights:
                yield unknown(file.rel, loc, "E941", insight, index.insights)
        c = index.window(file.folder)
        if c is None or f.week is None:
            continue
        monday, sunday = f.week
        if sunday < c.start or monday > c.end:
            yield finding(file.rel, (), "W940", week=file.stem.upper(), start=monday, end=sunday, campaign=file.folder,
                          campaign_start=c.start, campaign_end=c.end)


PROGRAMME_RULES = (check_koc_refs, check_task_refs, check_tasks, check_contributions, check_ledgers, check_campaign_refs,
                   check_accepted_stage, check_sentiment_weeks)


def run_programme_rules(facts: dict[DataFile, FileFacts]) -> Iterator[Finding]:
    index = Index(facts)
    for rule in PROGRAMME_RULES:
        yield from rule(index)
    yield from run_fairplay_rules(facts)
