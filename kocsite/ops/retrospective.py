"""A sealed campaign's retrospective: the figures typed there must agree with what the data computes."""

from __future__ import annotations

from kocsite.models.programme import Programme
from kocsite.ops.metrics import campaign_metrics
from kocsite.rules.finding import Finding, finding


RETROSPECTIVE_FIGURES = {"exposure": ("曝光", "exposure"), "interactions": ("互动", "interactions"),
                         "leads": ("销售线索", "leads")}


def retrospective_findings(programme: Programme, campaign: str) -> list[Finding]:
    """W516 where a sealed campaign's typed retrospective figure disagrees with its approved contributions' metrics."""
    retrospective = programme.campaigns[campaign].retrospective
    if retrospective is None or retrospective.outcomes is None:
        return []
    metrics = campaign_metrics(programme, campaign)
    findings = []
    for field, (zh, en) in RETROSPECTIVE_FIGURES.items():
        typed = getattr(retrospective.outcomes, field)
        computed = getattr(metrics, field)
        if typed is not None and typed != computed:
            findings.append(finding(f"campaigns/{campaign}.yaml", ("retrospective", "outcomes", field), "W516",
                                    what=zh, what_en=en, typed=typed, computed=computed))
    return findings
