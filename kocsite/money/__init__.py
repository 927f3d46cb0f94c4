"""Stage 4, money: credit per KOC (`credit`), deliverable standards (`deliverables`), the exact cash
split in 分 (`rewards`, explained step by step in `rewards_explain`), goods, badges and priority
(`awards`), one campaign's whole result (`outcome`) and the frozen ledger — close, seal, verify
(`ledger`); the points wallet kept apart from reputation (`wallet`), KOC levels (`levels`) and
their whole-programme checks for `kocsite check` (`standing`). May import the stages below (core, files,
models, rules)."""
