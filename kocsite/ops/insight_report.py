"""The insight report per product team (用户声音分享会): for each team the insights routed to it (`routed_to`),
how many are waiting (received or triaged), in progress, shipped, declined, and how many closed ones
were not yet reported back to the KOCs (`reported_back` missing) — the follow-up 内部协同 owes them.

`since` keeps the insights received on or after that day; `team` keeps one team. Teams are sorted by
name, insights by received date then id. Nothing here reads `private:`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from kocsite.models.insight import CLOSED_INSIGHT_STATUSES, Insight
from kocsite.models.programme import Programme

WAITING = frozenset({"received", "triaged"})


@dataclass
class TeamInsights:
    team: str
    insights: list[tuple[str, Insight]] = field(default_factory=list)
    """(id, insight) routed to the team, by received date then id."""

    def _count(self, statuses: frozenset[str] | set[str]) -> int:
        return sum(1 for _, i in self.insights if i.status in statuses)

    @property
    def received(self) -> int:
        """Every insight the team received (in the period)."""
        return len(self.insights)

    @property
    def waiting(self) -> int:
        """Received or triaged, work not started."""
        return self._count(WAITING)

    @property
    def in_progress(self) -> int:
        return self._count({"in-progress"})

    @property
    def shipped(self) -> int:
        return self._count({"shipped"})

    @property
    def declined(self) -> int:
        return self._count({"declined"})

    @property
    def not_reported_back(self) -> list[str]:
        """Ids of the shipped or declined insights whose outcome the KOCs have not been told yet."""
        return [iid for iid, i in self.insights if i.status in CLOSED_INSIGHT_STATUSES and i.reported_back is None]


def teams(programme: Programme) -> list[str]:
    """Every team an insight is routed to, sorted."""
    return sorted({i.routed_to for i in programme.insights.values()})


def insight_report(programme: Programme, team: str | None = None, since: date | None = None) -> list[TeamInsights]:
    by_team: dict[str, TeamInsights] = {}
    for iid in sorted(programme.insights, key=lambda k: (programme.insights[k].received, k)):
        insight = programme.insights[iid]
        if (team is not None and insight.routed_to != team) or (since is not None and insight.received < since):
            continue
        by_team.setdefault(insight.routed_to, TeamInsights(insight.routed_to)).insights.append((iid, insight))
    if team is not None and team not in by_team:
        by_team[team] = TeamInsights(team)  # a known team with nothing in the period: a row of zeros
    return [by_team[name] for name in sorted(by_team)]
