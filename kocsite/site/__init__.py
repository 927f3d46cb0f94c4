"""The published site: data → Markdown pages (pure) → Material for MkDocs (build.py, the only I/O)."""
