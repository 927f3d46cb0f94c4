"""Stage 6, the published site: data → Markdown pages (pure: `pages` and the `*_pages` modules with
`blocks`, `labels`, `mermaid`), the privacy guard (`guard`), page history from git (`history`),
and `build`, the only module that writes files and runs MkDocs. May import kocsite.outputs and
the stages below."""
