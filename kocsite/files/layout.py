"""Which files make up a programme, and what kind each one is (docs/design.md §3).

    kocsite.yml                     settings (optional)
    campaigns/<id>.yaml             campaign
    kocs/<id>.yaml                  koc
    tasks/<id>.yaml                 task
    tasks/<task-id>/<name>.yaml     contributions to that task (one record or a batch)
    ledgers/<campaign-id>.yaml      a closed campaign's frozen payout ledger (written by kocsite close)
    insights/<id>.yaml              a user insight routed to a product team, tracked to an outcome
    redemptions/<name>.yaml         points spent on items of the redemption catalogue (a list of redemptions)
    sentiment/<campaign-id>/<year>-w<week>.yaml   a campaign week of sentiment (舆情周报)

Symlinks are refused, never followed: a link could pull /etc or private files into the site. Only
regular files are read: a FIFO, socket or device (which would hang the reader) is reported.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from kocsite.core.ids import is_reserved_name, is_slug
from kocsite.core.problems import Problem, problem

SETTINGS_FILE = "kocsite.yml"
ENTITY_DIRS = {"campaigns": "campaign", "kocs": "koc", "tasks": "task", "ledgers": "ledger", "insights": "insight",
               "redemptions": "redemption", "sentiment": "sentiment"}
SUBFOLDER_KINDS = {"task": "contribution", "sentiment": "sentiment"}
"""Kinds whose folder holds one subfolder per entity: tasks/<task-id>/, sentiment/<campaign-id>/."""
_IGNORED = {"README.md", ".gitkeep"}


@dataclass(frozen=True, order=True)
class DataFile:
    rel: str
    """Path relative to the programme root, with '/' separators."""
    kind: str
    """settings, campaign, koc, task or contribution."""

    @property
    def stem(self) -> str:
        return self.rel.rsplit("/", 1)[-1].removesuffix(".yaml").removesuffix(".yml")

    @property
    def folder(self) -> str:
        """For a file in a subfolder (a contribution, a sentiment week): the subfolder, i.e. the task or campaign id."""
        return self.rel.split("/")[1]

    @property
    def task_id(self) -> str:
        """For a contribution file: the task directory it sits in."""
        return self.rel.split("/")[1]


def discover(root: Path) -> tuple[list[DataFile], list[Problem]]:
    files: list[DataFile] = []
    problems: list[Problem] = []
    settings = root / SETTINGS_FILE
    if settings.is_symlink():
        problems.append(problem(SETTINGS_FILE, 1, 1, "E012"))
    elif settings.exists() and not settings.is_file():
        problems.append(problem(SETTINGS_FILE, 1, 1, "E017", name=SETTINGS_FILE))
    elif settings.is_file():
        files.append(DataFile(SETTINGS_FILE, "settings"))
    for misnamed in ("kocsite.yaml", "kocsite.json"):
        if (root / misnamed).exists():
            problems.append(problem(misnamed, 1, 1, "W015", name=misnamed, detail=f"设置文件应命名为 {SETTINGS_FILE}",
                                    detail_en=f"the settings file must be named {SETTINGS_FILE}"))
    for folder, kind in ENTITY_DIRS.items():
        base = root / folder
        if base.is_symlink():
            problems.append(problem(folder, 1, 1, "E012"))
        elif base.is_dir():
            _walk(str(base), folder, kind, files, problems, sub_kind=SUBFOLDER_KINDS.get(kind))
    files.sort(key=lambda f: f.rel)
    return files, problems


def _walk(base: str, rel: str, kind: str, files: list[DataFile], problems: list[Problem], sub_kind: str | None) -> None:
    with os.scandir(base) as entries:
        for entry in entries:
            name = entry.name
            path = f"{rel}/{name}"
            if name.startswith(".") or name in _IGNORED:
                continue
            if is_reserved_name(name):  # con, nul.yaml, COM1.txt: git for Windows cannot check it out
                problems.append(problem(path, 1, 1, "E014", name=name))
            elif entry.is_symlink():
                problems.append(problem(path, 1, 1, "E012"))
            elif entry.is_dir():
                if sub_kind is not None:
                    _walk(entry.path, path, sub_kind, files, problems, sub_kind=None)
                else:
                    problems.append(problem(path, 1, 1, "W015", name=path + "/", detail="这里不应有子目录",
                                            detail_en="this folder should have no subfolders"))
            elif not entry.is_file():  # a FIFO, socket or device: reading it would hang or never end
                problems.append(problem(path, 1, 1, "E017", name=path))
            elif name.endswith(".yaml"):
                file = DataFile(path, kind)
                if not is_slug(file.stem):
                    problems.append(problem(path, 1, 1, "E014", name=file.stem))
                    continue
                if kind == "sentiment" and sub_kind is not None:  # sentiment/<week>.yaml: no campaign folder
                    problems.append(problem(path, 1, 1, "E943", name=name))
                    continue
                files.append(file)
            elif name.endswith(".yml"):
                problems.append(problem(path, 1, 1, "W015", name=path, detail="数据文件以 .yaml 结尾，请改名",
                                        detail_en="data files end in .yaml: rename it"))
            else:
                problems.append(problem(path, 1, 1, "W015", name=path, detail="数据文件应以 .yaml 结尾",
                                        detail_en="data files end in .yaml"))
