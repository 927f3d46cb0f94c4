"""A campaign's retrospective: a sealed one's typed figures must agree with what the data computes; its
sentiment keywords are the typed ones merged with those the weekly sentiment records counted."""

from __future__ import annotations

from dataclasses import replace

from kocsite.models.programme import Programme
from kocsite.ops.sentiment import KeywordTotal, keyword_totals
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


def retrospective_keywords(programme: Programme, campaign: str) -> list[KeywordTotal]:
    """The retrospective's 舆情关键词: the keywords typed in `retrospective.sentiment_keywords` first, in
    their order (the operator's choice wins the top of the list), each with its recorded mentions when the
    weeks recorded it; then every other keyword the weekly sentiment records counted, most mentioned first."""
    retrospective = programme.campaigns[campaign].retrospective
    typed = list(dict.fromkeys(retrospective.sentiment_keywords)) if retrospective else []
    computed = {k.word: k for k in keyword_totals(programme, campaign)}
    merged = [replace(computed[word], typed=True) if word in computed else KeywordTotal(word, None, None, 0, typed=True)
              for word in typed]
    chosen = set(typed)
    return merged + [k for word, k in computed.items() if word not in chosen]
