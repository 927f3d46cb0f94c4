"""Where `kocsite build` may write and delete: never the programme's data, never someone's folder.

mkdocs builds with --clean, which empties the site folder first. So the site folder (--out) and the
pages folder (--docs) must not be, contain or lie inside a data folder (campaigns/, kocs/, tasks/,
ledgers/, insights/, kocsite.yml) or .git, nor overlap each other; and an existing, non-empty site
folder is emptied only when it holds kocsite's marker file (written when kocsite creates it).
"""

from __future__ import annotations

from pathlib import Path

from kocsite.core.atomic import write_atomic
from kocsite.files.layout import ENTITY_DIRS, SETTINGS_FILE

SITE_MARKER = ".kocsite-site"
"""In a site folder kocsite created; mkdocs --clean keeps dot files, so it stays."""


class UnsafeOutput(Exception):
    """The message says which folder and why (for an operator)."""


def _protected(root: Path) -> list[Path]:
    return [(root / name).resolve() for name in (*ENTITY_DIRS, SETTINGS_FILE, ".git", "mkdocs.yml")]


def _overlaps(a: Path, b: Path) -> bool:
    return a == b or a.is_relative_to(b) or b.is_relative_to(a)


def check_output_dirs(root: Path, out: Path, docs: Path) -> None:
    """UnsafeOutput when `out` or `docs` would put the programme's data at risk."""
    out_r, docs_r = out.resolve(), docs.resolve()
    for label, target in (("--out", out_r), ("--docs", docs_r)):
        for data in _protected(root):
            if _overlaps(target, data):
                raise UnsafeOutput(f"{label} {target} 与数据目录 {data.name} 重叠，kocsite 不会在这里写入或删除 / "
                                   f"overlaps the programme's {data.name}: kocsite never writes or deletes there")
    if _overlaps(out_r, docs_r):
        raise UnsafeOutput(f"--out {out_r} 与 --docs {docs_r} 重叠 / --out and --docs overlap: choose separate folders")
    if out_r.is_file():
        raise UnsafeOutput(f"--out {out_r} 是一个文件 / is a file")


def claim_site_dir(out: Path) -> None:
    """Create the site folder with kocsite's marker, or accept one that holds it; refuse any other
    non-empty folder (mkdocs --clean would delete its files)."""
    if out.is_dir() and any(out.iterdir()) and not (out / SITE_MARKER).is_file():
        raise UnsafeOutput(f"{out} 不是 kocsite 生成的目录（没有 {SITE_MARKER}），不会清空它；请换一个 --out，或删掉这个目录 / "
                           f"is not a folder kocsite built (no {SITE_MARKER}): it is never emptied; choose another --out "
                           "or delete the folder")
    out.mkdir(parents=True, exist_ok=True)
    marker = out / SITE_MARKER
    if not marker.is_file():
        marker.write_text("built by kocsite build: everything else here is deleted on the next build\n", encoding="utf-8")


def mirror(source: Path, target: Path) -> int:
    """Make `target` hold exactly the files of `source` (kocsite's marker kept): a file is replaced,
    atomically, only when its bytes differ; files that `source` lacks are deleted, then emptied
    folders. Returns how many files were written."""
    wanted = {path.relative_to(source) for path in source.rglob("*") if path.is_file()}
    written = 0
    for rel in sorted(wanted):
        data = (source / rel).read_bytes()
        copy = target / rel
        if copy.is_file() and copy.stat().st_size == len(data) and copy.read_bytes() == data:
            continue
        copy.parent.mkdir(parents=True, exist_ok=True)
        write_atomic(copy, data, durable=False)
        written += 1
    for path in sorted(target.rglob("*"), reverse=True):  # children before their folders
        rel = path.relative_to(target)
        if path.is_dir() and not path.is_symlink():
            if not any(path.iterdir()):
                path.rmdir()
        elif rel not in wanted and rel != Path(SITE_MARKER):
            path.unlink()
    return written
