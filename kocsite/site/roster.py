"""The board's seats and kickoff attendance (counts from `kocsite.ops.roster`, no names)."""

from __future__ import annotations

from kocsite.models import Campaign
from kocsite.ops.roster import kickoff_attendance, role_seats
from kocsite.outputs.escape import md
from kocsite.site.blocks import SiteData, section, table


def seats_section(data: SiteData, campaign: Campaign) -> str:
    t = data.t
    rows = [[md(r.name), f"{r.accepted}/{r.headcount}", f"**{r.open}**" if r.open else "0", str(r.waitlisted), str(r.left)]
            for r in role_seats(campaign)]
    headers = [t("role"), t("accepted"), t("roster_open_seats"), t("roster_waitlisted"), t("roster_left_team")]
    return section(t("roster_seats"), table(headers, rows), _attendance(data, campaign))


def _attendance(data: SiteData, campaign: Campaign) -> str:
    if campaign.kickoff is None or campaign.kickoff.date is None:
        return ""
    a = kickoff_attendance(campaign)
    if a.total == 0 or a.unrecorded == a.total:
        return ""
    return f"**{data.t('roster_attendance', d=campaign.kickoff.date)}**：" + data.t(
        "roster_attendance_counts", attended=a.attended, total=a.total, absent=a.absent, excused=a.excused, unrecorded=a.unrecorded)
