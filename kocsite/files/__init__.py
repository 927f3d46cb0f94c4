"""Stage 1, files: which files make a programme and what kind each is (`layout`), strict YAML text →
plain data plus a tree of positions (`source`), and the content-keyed cache of per-file results
outside the data tree (`cache`). May import kocsite.core only."""
