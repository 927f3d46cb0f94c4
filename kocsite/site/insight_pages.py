"""The page "你的声音" (insights.md): what changed because of KOC feedback.

Only insights marked `public: true` are shown, with their title, topic, status, the team they went to,
the outcome and the public display names of the KOCs they came from. The summary and the `private:`
block are never read here.
"""

from __future__ import annotations

from kocsite.site.blocks import SiteData, koc_ref, last_changed, page
from kocsite.outputs.escape import md

INSIGHTS = "insights.md"
_ORDER = ("shipped", "in-progress", "triaged", "received", "declined")


def insights_page(data: SiteData) -> str:
    t, here = data.t, INSIGHTS
    insights = data.programme.insights
    shown = [i for i in sorted(insights) if insights[i].public]
    shown.sort(key=lambda i: (_ORDER.index(insights[i].status),
                              -(insights[i].resolved or insights[i].received).toordinal(), i))
    blocks = []
    for insight_id in shown:
        insight = insights[insight_id]
        facts = [f"**{t('topic')}**：{md(insight.topic)}", f"**{t('status')}**：{t.value(insight.status)}",
                 f"**{t('team')}**：{md(insight.routed_to)}",
                 f"**{t('from_kocs')}**：" + t.comma.join(koc_ref(data, k, here) for k in dict.fromkeys(insight.kocs))]
        if insight.outcome:
            facts.append(f"**{t('outcome')}**：{md(insight.outcome)}")
        day = insight.resolved or insight.received
        blocks.append(f"## {md(insight.title)}\n\n{day} · " + "  \n".join(facts))
    files = [f"insights/{i}.yaml" for i in shown]
    return page(t("insights"), [t("insights_intro"), "\n\n".join(blocks) or t("no_insights")],
                last_changed(data, files))
