"""Stage 4, money: credit per KOC (`credit`), deliverable standards (`deliverables`), the exact cash
split in 分 (`rewards`, explained step by step in `rewards_explain`), goods, badges and priority
(`awards`), one campaign's whole result (`outcome`) and the frozen ledger — close, seal, verify
(`ledger`). May import the stages below (core, files, models, rules)."""
