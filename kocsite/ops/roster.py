"""A campaign's roster in figures: per role the seats still open and the waitlist, and the kickoff
attendance of its members. Counts only: who declined or waits is nobody's business on the site."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from kocsite.models import Campaign

ATTENDANCE = ("attended", "absent", "excused")


@dataclass(frozen=True)
class RoleSeats:
    role: str
    name: str
    headcount: int
    accepted: int
    waitlisted: int
    left: int
    """Members who declined or dropped out."""

    @property
    def open(self) -> int:
        """Seats nobody has accepted yet (headcount − accepted, never below 0)."""
        return max(0, self.headcount - self.accepted)


@dataclass(frozen=True)
class Attendance:
    attended: int
    absent: int
    excused: int
    unrecorded: int
    """Accepted members without an attendance."""

    @property
    def total(self) -> int:
        return self.attended + self.absent + self.excused + self.unrecorded


def role_seats(campaign: Campaign) -> tuple[RoleSeats, ...]:
    """Every role in file order with its seats."""
    by_status = Counter((m.role, m.status) for m in campaign.members)
    return tuple(RoleSeats(r.id, r.name, r.headcount, by_status[(r.id, "accepted")], by_status[(r.id, "waitlisted")],
                           by_status[(r.id, "declined")] + by_status[(r.id, "dropped")]) for r in campaign.roles)


def kickoff_attendance(campaign: Campaign) -> Attendance:
    """Attendance of the members who were on the team (accepted, or since dropped, with an attendance)."""
    recorded = Counter(m.attendance for m in campaign.members if m.attendance is not None)
    unrecorded = sum(1 for m in campaign.members if m.status == "accepted" and m.attendance is None)
    return Attendance(recorded["attended"], recorded["absent"], recorded["excused"], unrecorded)
