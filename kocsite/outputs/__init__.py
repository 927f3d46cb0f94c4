"""Stage 5, outputs: how results are written for people and tools — problems as text, JSON, GitHub
annotations and GitLab reports (`problems`), tables/CSV/JSON (`tables`), one module per report
(`credit`, `rewards`, `progress`, `due`, `match`, `operator`), and escaping (`escape`). Functions
here turn values into text; they compute nothing. May import kocsite.checker and the stages below."""
