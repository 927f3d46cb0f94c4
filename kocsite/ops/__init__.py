"""Stage 4, operations: a campaign's figures for the people who run it — goal progress, completion,
reach and funnel (`metrics`), what is due or overdue (`due`), and whether a sealed campaign's
typed retrospective agrees with its data (`retrospective`). May import kocsite.money and the
stages below it; not kocsite.people."""
