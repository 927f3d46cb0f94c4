"""Amplification (放大) of a campaign's works: how many approved pieces were passed on, by whom."""

from __future__ import annotations

from dataclasses import dataclass

from kocsite.models.programme import Programme


@dataclass(frozen=True)
class Amplified:
    pieces: int
    """Approved works of the campaign with at least one repost or share."""
    approved: int
    """Approved works of the campaign."""
    official_reposts: int
    """Reposts by the brand's official accounts."""
    shares: int
    """Shares by KOCs (氛围营造者)."""
    sharers: int
    """Distinct KOCs who shared."""


def campaign_amplified(programme: Programme, campaign: str) -> Amplified:
    pieces = approved = official = shares = 0
    sharers: set[str] = set()
    for task_id in programme.campaign_tasks.get(campaign, []):
        for record in programme.contributions.get(task_id, ()):
            c = record.contribution
            if c.review.status != "approved":
                continue
            approved += 1
            pieces += bool(c.amplified)
            for a in c.amplified:
                if a.kind == "official-repost":
                    official += 1
                else:
                    shares += 1
                    sharers.update([a.koc] if a.koc else [])
    return Amplified(pieces, approved, official, shares, len(sharers))
