"""What a file rule may look at: the file, its node tree (for line numbers) and the settings."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from typing import Any

from yaml.nodes import Node

from kocsite.files.layout import DataFile
from kocsite.models import Settings
from kocsite.files.source import position


@dataclass
class FileContext:
    file: DataFile
    root: Node | None
    settings: Settings

    def line_of(self, loc: tuple[Any, ...]) -> int:
        return position(self.root, loc)[0]

    @cached_property
    def skills(self) -> set[str]:
        return {s.id for s in self.settings.skills}

    @cached_property
    def platforms(self) -> set[str]:
        return {p.id for p in self.settings.platforms}

    @cached_property
    def badges(self) -> set[str]:
        return {b.id for b in self.settings.badges}

    @cached_property
    def teams(self) -> set[str]:
        return {t.id for t in self.settings.teams}
