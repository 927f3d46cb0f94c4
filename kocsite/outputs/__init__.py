"""Stage 5, outputs: how results are written for people and tools — problems as text, JSON, GitHub
annotations and GitLab reports (`problems`), tables/CSV/JSON (`tables`), one module per report
(`credit`, `rewards`, `progress`, `due`, `match`, `operator`, `wallet`), and one escaping function per output
kind: `inert` (terminal and log text, GitHub annotations, GitHub Markdown) and `escape` (the site's
Markdown and HTML). Functions
here turn values into text; they compute nothing. May import kocsite.checker and the stages below."""
