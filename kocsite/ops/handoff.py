"""The hand-off sheet (移交单) of one KOC, for the team receiving them: who they are, who owns them, how
they moved between teams with each hand-off's notes, the standing hand-off notes and the contact log.

Everything here is private (notes, contact log): the sheet is for the terminal (`kocsite handoff`) and
is never rendered for the site or for a public issue.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from kocsite.models.koc import ContactEntry
from kocsite.models.programme import Programme


@dataclass(frozen=True)
class Step:
    date: date
    from_team: str
    from_name: str
    to_team: str
    to_name: str
    by: str | None
    notes: str | None


@dataclass(frozen=True)
class HandoffSheet:
    koc: str
    name: str
    owner: str | None
    """The KOC's account manager (专属客户经理)."""
    team: str | None
    team_name: str | None
    receiving: str | None
    """The team the latest hand-off gave the KOC to (else their `team`): who the sheet is for."""
    steps: tuple[Step, ...]
    """Hand-offs oldest first."""
    standing_notes: str | None
    """private.handoff_notes: what any receiving team should know."""
    contact_log: tuple[ContactEntry, ...]
    """private.contact_log, oldest first."""

    @property
    def missing_notes(self) -> bool:
        """The latest hand-off has no notes (`kocsite due` reminds the owner)."""
        return bool(self.steps) and self.steps[-1].notes is None


def handoff_sheet(programme: Programme, koc_id: str) -> HandoffSheet:
    """The sheet of KOC `koc_id` (KeyError when there is no such KOC)."""
    koc = programme.kocs[koc_id]
    teams = {t.id: t.name for t in programme.settings.teams}
    ordered = [h for _, h in sorted(enumerate(koc.handoffs), key=lambda pair: (pair[1].date, pair[0]))]
    steps = tuple(Step(h.date, h.from_team, teams.get(h.from_team, h.from_team), h.to_team, teams.get(h.to_team, h.to_team),
                       h.by, h.notes) for h in ordered)
    receiving = steps[-1].to_team if steps else koc.team
    private = koc.private
    log = tuple(e for _, e in sorted(enumerate(private.contact_log if private else []), key=lambda pair: (pair[1].date, pair[0])))
    return HandoffSheet(koc_id, koc.name, koc.owner, koc.team, teams.get(koc.team) if koc.team else None,
                        receiving, steps, private.handoff_notes if private else None, log)
