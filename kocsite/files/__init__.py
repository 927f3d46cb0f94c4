"""Stage 1, files: which files make a programme and what kind each is (`layout`), strict YAML text →
plain data plus a tree of positions (`source`). May import kocsite.core only."""
