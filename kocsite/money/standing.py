"""The checks of wallets and levels over the whole programme, for `kocsite check`: redemptions that
overdraw a balance (E801) or oversell a stock (E802), and invitations into a role below its minimum
level (W800). They need every KOC's earnings, so they run on the loaded programme, not on file facts."""

from __future__ import annotations

from datetime import date
from typing import Iterator

from kocsite.models.programme import Programme
from kocsite.money.credit import compute_credit
from kocsite.money.levels import LevelBook, compute_levels
from kocsite.money.wallet import compute_wallets, earnings, refusal_findings
from kocsite.rules.finding import Finding, finding


def standing_findings(programme: Programme) -> list[Finding]:
    book = compute_credit(programme)
    earned = earnings(programme, book)
    found = refusal_findings(compute_wallets(programme, book, earned))
    if programme.settings.levels.tiers:
        levels = compute_levels(earned, programme.settings.levels, _latest_date(programme))
        found += list(invitation_findings(programme, levels))
    return found


def _latest_date(programme: Programme) -> date:
    days = [date(2000, 1, 1)]
    for c in programme.campaigns.values():
        days += [c.start] + [d for m in c.members for d in (m.invited, m.responded) if d is not None]
    return max(days)


def invitation_findings(programme: Programme, levels: LevelBook) -> Iterator[Finding]:
    """W800 for each member whose level, on the day of the invitation (or of the acceptance), is below
    their role's min_level; an invitation without a date is judged on the campaign's start."""
    for cid in sorted(programme.campaigns):
        campaign = programme.campaigns[cid]
        roles = {r.id: r for r in campaign.roles}
        known = {t.id for t in levels.tiers}
        for i, m in enumerate(campaign.members):
            role = roles.get(m.role)
            if role is None or role.min_level not in known or m.koc not in programme.kocs:
                continue
            minimum = levels.rank(role.min_level)
            moments = [(m.invited or campaign.start, "invite", "邀请")]
            if m.status == "accepted":
                moments.append((m.responded or m.invited or campaign.start, "accept", "接受"))
            for day, action_en, action in moments:
                level = levels.level_on(m.koc, day)
                if levels.rank(level.id) < minimum:
                    yield finding(f"campaigns/{cid}.yaml", ("members", i, "koc"), "W800", koc=m.koc, date=str(day),
                                  level=level.name, role=role.name, min_level=levels.tiers[minimum].name,
                                  action=f"{action}这位 KOC 加入该角色", action_en=f"{action_en} them into this role")
                    break
