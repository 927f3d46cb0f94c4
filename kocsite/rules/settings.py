"""Rules inside kocsite.yml: catalogue ids are unique."""

from __future__ import annotations

from typing import Iterator

from kocsite.rules.finding import Finding
from kocsite.rules.common import duplicates
from kocsite.rules.context import FileContext
from kocsite.models import Settings


def check_settings(s: Settings, ctx: FileContext) -> Iterator[Finding]:
    for field, what, what_en in (("skills", "技能", "skill"), ("platforms", "平台", "platform"),
                                 ("badges", "徽章", "badge"), ("titles", "头衔", "title"),
                                 ("teams", "团队", "team")):
        items = getattr(s, field)
        yield from duplicates(ctx.file.rel, (((field, i, "id"), x.id) for i, x in enumerate(items)), what, what_en, ctx.line_of)
