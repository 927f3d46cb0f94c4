"""Rename the sample's KOC ids that spell the private real name in pinyin (issue 14, point 5; check W111).

Rerunnable: ids already renamed are skipped, so running it again after a merge renames only what came
back. For each old id it renames every file whose name is the id or starts with `<id>-`, and replaces
every reference in the YAML data, the tests and the docs (README, *.md); then it recomputes each
ledger's `inputs` digest and `seal` (the data they cover changed only by the rename).

    python benchmarks/rename_ids.py            # in the repository root
    python benchmarks/rename_ids.py --dry-run  # list what would change
"""

from __future__ import annotations

import argparse
import re
import subprocess
import sys
from pathlib import Path

# pinyin of the real name → an id derived from the public nickname or a platform handle
MAPPING = {
    "bai-lu": "huache-art",             # 白露画车
    "chen-mo": "zuocang-laochen",       # 座舱老陈
    "deng-hao": "laodeng-gouche",       # 老邓的购车宝典
    "fang-ning": "ningning-zijia",      # 宁宁爱自驾
    "guo-xiaoman": "kaiche-luying",     # 小满开车去露营
    "he-jun": "junge-ev",               # 骏哥说电车
    "lin-xiaoyu": "che-shenghuo",       # 小雨的车生活
    "liu-jia": "jiajia-no-brake",       # 佳佳不踩刹车
    "luo-ping": "aiwenda",              # 罗平爱问答
    "ma-lan": "lanjie-s7",              # 兰姐开S7
    "shen-yue": "tongqin-riji",         # 悦悦的通勤日记
    "su-wen": "susu-notes",             # 苏苏的用车笔记
    "tang-lei": "leige-gaizhuang",      # 磊哥改装
    "wang-haoran": "nanjing-l9",        # 南京澜岳L9车友会（群主）/ 浩然开L9
    "xu-qing": "qingtian-guancha",      # 晴天观察
    "yu-chen": "chenguang-kaiche",      # 晨光开车
    "zhao-tiancheng": "tc-liaoche",     # 天成聊车
    "zhou-yiming": "shuju-kong",        # 一鸣数据控
}

DATA_DIRS = ("campaigns", "kocs", "tasks", "ledgers", "insights")
KEEP = {"benchmarks/rename_ids.py", "tests/rules/test_koc_names.py", "kocsite/rules/koc_names.py", "kocsite/site/guard.py"}
"""Files that talk about pinyin ids as such (examples of the problem), not about the sample's KOCs."""


def _pattern(old: str) -> re.Pattern[str]:
    # the id alone or as the start of a longer slug (su-wen-v1), never inside another word
    return re.compile(rf"(?<![A-Za-z0-9_-]){re.escape(old)}(?=$|[^A-Za-z0-9_]|-)")


PATTERNS = {old: _pattern(old) for old in MAPPING}


def replace_ids(text: str) -> str:
    for old, new in MAPPING.items():
        text = PATTERNS[old].sub(new, text)
    return text


def tracked_files(root: Path) -> list[str]:
    out = subprocess.run(["git", "ls-files"], cwd=root, capture_output=True, text=True, check=True).stdout
    return [line for line in out.splitlines() if line]


def wanted(rel: str) -> bool:
    if rel in KEEP:
        return False
    top = rel.split("/", 1)[0]
    if top in DATA_DIRS:
        return rel.endswith((".yaml", ".yml"))
    if top == "tests":
        return rel.endswith((".py", ".yaml", ".yml", ".md", ".txt", ".json"))
    if rel.endswith(".md"):
        return True
    return rel in ("kocsite/cli.py",) or re.fullmatch(r"kocsite/cli_[a-z_]+\.py", rel) is not None


def new_path(rel: str) -> str:
    parts = rel.split("/")
    parts[-1] = replace_ids(parts[-1])
    return "/".join(parts)


def rename(root: Path, dry_run: bool) -> list[str]:
    changed = []
    for rel in tracked_files(root):
        if not wanted(rel) or not (root / rel).is_file():
            continue
        try:
            text = (root / rel).read_text(encoding="utf-8")
        except UnicodeDecodeError:
            continue  # test fixtures in other encodings (UTF-16, invalid bytes) name no sample KOC
        updated = replace_ids(text)
        target = new_path(rel) if rel.split("/", 1)[0] in DATA_DIRS else rel
        if updated == text and target == rel:
            continue
        changed.append(rel if target == rel else f"{rel} → {target}")
        if dry_run:
            continue
        if target != rel:
            subprocess.run(["git", "mv", rel, target], cwd=root, check=True)
        (root / target).write_text(updated, encoding="utf-8")
    return changed


def reseal(root: Path) -> list[str]:
    """Recompute each ledger's inputs digest and seal after the rename (same figures, new ids)."""
    sys.path.insert(0, str(root))
    from kocsite.money.ledger import InputIndex, inputs_digest, ledger_dict, seal_of
    from kocsite.models.programme import load_programme

    programme = load_programme(root)
    rels = [p.relative_to(root).as_posix() for p in root.rglob("*.y*ml") if ".git" not in p.parts]
    index = InputIndex(rels, {tid: t.campaign for tid, t in programme.tasks.items()})
    done = []
    for cid, model in sorted(programme.ledgers.items()):
        ledger = ledger_dict(model)
        ledger["inputs"] = inputs_digest(root, index.files_of(cid))
        path = root / "ledgers" / f"{cid}.yaml"
        text = path.read_text(encoding="utf-8")
        text = re.sub(r'(?m)^inputs: "[0-9a-f]+"', f'inputs: "{ledger["inputs"]}"', text)
        text = re.sub(r'(?m)^seal: "[0-9a-f]+"', f'seal: "{seal_of(ledger)}"', text)
        path.write_text(text, encoding="utf-8")
        done.append(path.relative_to(root).as_posix())
    return done


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--root", default=".", help="the repository (default: the current directory)")
    parser.add_argument("--dry-run", action="store_true")
    args = parser.parse_args()
    root = Path(args.root).resolve()
    changed = rename(root, args.dry_run)
    print("\n".join(changed) or "nothing to rename")
    if not args.dry_run:
        print("resealed: " + ", ".join(reseal(root)))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
