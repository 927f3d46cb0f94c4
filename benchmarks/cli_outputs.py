#!/usr/bin/env python3
"""Run every kocsite command, in every output format, on one programme and keep what each printed.

Used to prove that a change of layout changes no output: run it before and after, then
`diff -r BEFORE AFTER`. Each command's stdout, stderr and exit code go to one file under OUT; the
built site is copied to OUT/site (its sitemap.xml.gz is unpacked, since gzip stores a time).

    python benchmarks/cli_outputs.py . /tmp/before            # the sample programme
    python benchmarks/cli_outputs.py benchmarks/data/scale-0.1 /tmp/before-0.1 --today 2026-11-23
"""

from __future__ import annotations

import argparse
import gzip
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import yaml

DATA = ("kocs", "campaigns", "tasks", "insights", "ledgers", "kocsite.yml", "mkdocs.yml")


def commands(root: Path, today: str) -> list[tuple[str, list[str]]]:
    campaigns = sorted(p.stem for p in (root / "campaigns").glob("*.yaml"))
    composite = sorted(p.stem for p in (root / "tasks").glob("*.yaml")
                       if "skills" in (yaml.safe_load(p.read_text(encoding="utf-8")) or {}))
    some_koc = sorted(p.stem for p in (root / "kocs").glob("*.yaml"))[:1]
    runs: list[tuple[str, list[str]]] = [("version", ["--version"]), ("help", ["--help"])]
    for fmt in ("text", "json", "github", "gitlab"):
        runs.append((f"check-{fmt}", ["check", ".", "--no-cache", "--format", fmt]))
    for lang in ("zh", "en"):
        for fmt in ("text", "json", "csv"):
            runs.append((f"credit-{lang}-{fmt}", ["--lang", lang, "credit", "--format", fmt]))
        runs.append((f"credit-{lang}-explain", ["--lang", lang, "credit", "--explain", *(["--koc", *some_koc] if some_koc else [])]))
        for campaign in campaigns[:12]:
            for fmt in ("text", "json", "csv"):
                runs.append((f"credit-{lang}-{campaign}-{fmt}", ["--lang", lang, "credit", campaign, "--format", fmt]))
                runs.append((f"rewards-{lang}-{campaign}-{fmt}", ["--lang", lang, "rewards", campaign, "--format", fmt]))
            runs.append((f"rewards-{lang}-{campaign}-explain", ["--lang", lang, "rewards", campaign, "--explain"]))
            for fmt in ("text", "json"):
                runs.append((f"progress-{lang}-{campaign}-{fmt}",
                             ["--lang", lang, "progress", campaign, "--today", today, "--format", fmt]))
        for fmt in ("text", "markdown", "json"):
            runs.append((f"due-{lang}-{fmt}", ["--lang", lang, "due", ".", "--within", "1w", "--today", today, "--format", fmt]))
        runs.append((f"due-{lang}-private", ["--lang", lang, "due", ".", "--today", today, "--private"]))
        for fmt in ("markdown", "json", "csv"):
            runs.append((f"report-{lang}-{fmt}", ["--lang", lang, "report", "--format", fmt]))
        for fmt in ("text", "json", "csv"):
            runs.append((f"candidates-{lang}-{fmt}", ["--lang", lang, "candidates", "--format", fmt]))
        runs.append((f"candidates-{lang}-explain", ["--lang", lang, "candidates", "--explain"]))
        for task in composite[:6]:
            runs.append((f"match-{lang}-{task}", ["--lang", lang, "match", task, "--explain"]))
            runs.append((f"match-{lang}-{task}-json", ["--lang", lang, "match", task, "--format", "json"]))
    runs.append(("schema-koc", ["schema", "koc"]))
    runs.append(("build", ["build", ".", "--out", "{site}", "--docs", "{docs}", "--today", today]))
    return runs


def run_all(root: Path, out: Path, today: str, kocsite: str) -> None:
    out.mkdir(parents=True, exist_ok=True)
    env = {**os.environ, "PYTHONHASHSEED": "0", "NO_COLOR": "1"}
    with tempfile.TemporaryDirectory() as tmp:
        site, docs = Path(tmp) / "site", Path(tmp) / "docs"
        for name, args in commands(root, today):
            args = [a.replace("{site}", str(site)).replace("{docs}", str(docs)) for a in args]
            proc = subprocess.run([kocsite, *args], cwd=root, env=env, capture_output=True, text=True)
            text = f"$ kocsite {' '.join(args)}\nexit {proc.returncode}\n--- stdout\n{proc.stdout}--- stderr\n{proc.stderr}"
            (out / f"{name}.txt").write_text(text.replace(tmp, "TMP"), encoding="utf-8")
        if site.is_dir():
            shutil.copytree(site, out / "site")
            shutil.copytree(docs, out / "docs")
            gz = out / "site" / "sitemap.xml.gz"
            if gz.exists():
                (out / "site" / "sitemap.xml.unpacked").write_bytes(gzip.decompress(gz.read_bytes()))
                gz.unlink()
        for extra in ("init", "close"):
            _scratch_command(root, out, extra, today, kocsite, env)


def _scratch_command(root: Path, out: Path, which: str, today: str, kocsite: str, env: dict[str, str]) -> None:
    """Commands that write files run in a scratch copy; what they wrote is kept."""
    with tempfile.TemporaryDirectory() as tmp:
        if which == "init":
            target = Path(tmp) / "brand"
            proc = subprocess.run([kocsite, "init", str(target), "--brand", "测试品牌", "--today", today],
                                  env=env, capture_output=True, text=True)
            shutil.copytree(target, out / "init-tree")
        else:
            target = Path(tmp) / "copy"
            target.mkdir()
            for name in DATA:
                if (root / name).is_dir():
                    shutil.copytree(root / name, target / name)
                elif (root / name).exists():
                    shutil.copy(root / name, target / name)
            open_campaigns = [p.stem for p in sorted((target / "campaigns").glob("*.yaml"))
                              if not (target / "ledgers" / p.name).exists()]
            proc = subprocess.run([kocsite, "close", open_campaigns[0], "--date", today], cwd=target, env=env,
                                  capture_output=True, text=True)
            shutil.copytree(target / "ledgers", out / "close-ledgers")
        (out / f"{which}.txt").write_text(f"exit {proc.returncode}\n{proc.stdout}{proc.stderr}".replace(tmp, "TMP"),
                                          encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("programme", type=Path)
    parser.add_argument("out", type=Path)
    parser.add_argument("--today", default="2026-11-23")
    parser.add_argument("--kocsite", default=shutil.which("kocsite") or str(Path(sys.executable).with_name("kocsite")))
    args = parser.parse_args()
    run_all(args.programme.resolve(), args.out, args.today, args.kocsite)


if __name__ == "__main__":
    main()
