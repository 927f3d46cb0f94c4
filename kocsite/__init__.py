"""kocsite: a KOC programme kept as validated YAML in a git repository."""

__version__ = "0.1.0"
