"""Stage 4, operations: a campaign's figures for the people who run it — goal progress, completion,
reach and funnel (`metrics`), and what is due or overdue (`due`). May import kocsite.money and the
stages below it; not kocsite.people."""
