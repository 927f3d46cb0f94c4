#!/usr/bin/env python3
"""Benchmark `kocsite diff HEAD` at reference scale with one changed file (target: < 3 s).

    python benchmarks/diff_bench.py                 # uses benchmarks/data/ (generate.py writes it)
    python benchmarks/diff_bench.py --data DIR --repeat 3

benchmarks/data is not a git repository: its data files are copied into a temporary folder, which
is `git init`-ed and committed. A fresh, private cache dir is used (KOCSITE_CACHE_DIR). Then:

  cold        `kocsite diff HEAD` with an empty cache (both sides validated from scratch)
  warm        the same, once the cache is filled, nothing changed (best of --repeat)
  one change  one single-record contribution file's title edited in the working tree (the target;
              best of --repeat, each run in a new process as an operator would run it)
  two commits the edit committed, `kocsite diff HEAD~1 HEAD` (both sides from git objects)
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
DATA_PATHS = ("kocsite.yml", "campaigns", "kocs", "tasks", "ledgers")
TARGET_S = 3.0


def timed(cmd: list[str], env: dict[str, str]) -> tuple[float, int, str]:
    started = time.perf_counter()
    done = subprocess.run(cmd, env=env, capture_output=True, text=True)
    return time.perf_counter() - started, done.returncode, done.stdout + done.stderr


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--data", type=Path, default=HERE / "data")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    if not (args.data / "kocs").is_dir():
        print(f"no programme in {args.data}: run benchmarks/generate.py first", file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory(prefix="kocsite-diff-bench-") as scratch:
        repo = Path(scratch) / "repo"
        repo.mkdir()
        for name in DATA_PATHS:
            source = args.data / name
            if source.is_dir():
                shutil.copytree(source, repo / name)
            elif source.is_file():
                shutil.copy2(source, repo / name)
        env = dict(os.environ, KOCSITE_CACHE_DIR=str(Path(scratch) / "cache"), GIT_AUTHOR_NAME="bench",
                   GIT_AUTHOR_EMAIL="bench@example.com", GIT_COMMITTER_NAME="bench", GIT_COMMITTER_EMAIL="bench@example.com")
        git = ["git", "-C", str(repo)]
        subprocess.run(git + ["init", "-q"], check=True, env=env)
        subprocess.run(git + ["add", "-A"], check=True, env=env)
        subprocess.run(git + ["commit", "-q", "-m", "reference data"], check=True, env=env)
        files = len(subprocess.run(git + ["ls-files"], check=True, env=env, capture_output=True, text=True).stdout.splitlines())
        diff = [sys.executable, "-m", "kocsite", "diff", "HEAD", "--path", str(repo)]

        cold, code, out = timed(diff, env)
        if code not in (0, 1):
            print(out, file=sys.stderr)
            return 2
        warm = min(timed(diff, env)[0] for _ in range(args.repeat))

        target = _single_record(repo)
        original = target.read_text(encoding="utf-8")
        edited = original.replace("title: ", "title: 修订版 ", 1)
        assert edited != original, target
        target.write_text(edited, encoding="utf-8")
        runs = [timed(diff, env) for _ in range(args.repeat)]
        one = min(r[0] for r in runs)
        assert "title" in runs[-1][2], runs[-1][2][:2000]

        subprocess.run(git + ["commit", "-q", "-am", "one title"], check=True, env=env)
        commits = min(timed(diff[:4] + ["HEAD~1", "HEAD"] + diff[5:], env)[0] for _ in range(args.repeat))

    print(f"kocsite diff at {args.data} ({files} files in git), best of {args.repeat}:")
    print(f"  cold (empty cache)        {cold:6.2f} s")
    print(f"  warm, nothing changed     {warm:6.2f} s")
    print(f"  one file changed          {one:6.2f} s   target < {TARGET_S:.0f} s: {'ok' if one < TARGET_S else 'MISSED'}")
    print(f"  two commits, one change   {commits:6.2f} s")
    return 0 if one < TARGET_S else 1


def _single_record(repo: Path) -> Path:
    """A contribution file holding one record (no `contributions:` batch)."""
    for path in sorted((repo / "tasks").glob("*/*.yaml")):
        text = path.read_text(encoding="utf-8")
        if "contributions:" not in text and "\ntitle: " in "\n" + text:
            return path
    raise SystemExit("no single-record contribution file found")


if __name__ == "__main__":
    sys.exit(main())
