#!/usr/bin/env python3
"""Profile `kocsite check` with cProfile, plus the time the cyclic garbage collector takes.

    python benchmarks/profile_check.py full --scale 0.1       # full check, no cache, jobs=1 (one process)
    python benchmarks/profile_check.py recheck                # re-check after one contribution title changed
    python benchmarks/profile_check.py full --save /tmp/full.prof   # keep the stats for snakeviz / pstats

The data is generated as run.py does if it is missing. `recheck` edits one contribution file and
puts its bytes back afterwards.
"""

from __future__ import annotations

import argparse
import cProfile
import gc
import pstats
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import generate  # noqa: E402
import run  # noqa: E402

from kocsite.checker import check  # noqa: E402
from kocsite.files.layout import discover  # noqa: E402


class GcTimer:
    """Counts collections and their time per generation while active."""

    def __init__(self) -> None:
        self.count = [0, 0, 0]
        self.seconds = [0.0, 0.0, 0.0]
        self._start = 0.0

    def __call__(self, phase: str, info: dict) -> None:
        if phase == "start":
            self._start = time.perf_counter()
        else:
            self.count[info["generation"]] += 1
            self.seconds[info["generation"]] += time.perf_counter() - self._start

    def __enter__(self) -> "GcTimer":
        gc.callbacks.append(self)
        return self

    def __exit__(self, *exc: object) -> None:
        gc.callbacks.remove(self)

    def __str__(self) -> str:
        return ", ".join(f"gen{g}: {n} collections {s:.2f} s" for g, (n, s) in enumerate(zip(self.count, self.seconds)))


def profiled(label: str, fn, top: int, save: Path | None) -> None:
    profile = cProfile.Profile()
    with GcTimer() as timer:
        started = time.perf_counter()
        profile.enable()
        problems = fn()
        profile.disable()
        wall = time.perf_counter() - started
    print(f"{label}: {wall:.2f} s under the profiler, {problems} problems; garbage collector: {timer}")
    if save:
        profile.dump_stats(save)
        print(f"stats saved to {save}")
    stats = pstats.Stats(profile)
    stats.sort_stats("tottime").print_stats(top)
    stats.sort_stats("cumulative").print_stats(top)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("what", choices=["full", "recheck"])
    parser.add_argument("--data", type=Path)
    parser.add_argument("--scale", type=float, help="default: 0.1 for full, 1 for recheck")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--top", type=int, default=25)
    parser.add_argument("--save", type=Path, help="write the cProfile stats to this file")
    args = parser.parse_args(argv)
    scale = args.scale if args.scale is not None else (0.1 if args.what == "full" else 1.0)
    root = (args.data or generate.default_out(scale)).resolve()
    run.ensure_data(root, args.seed, scale)
    if args.what == "full":
        check(root, cache_dir=None, jobs=1)  # warm imports and the page cache
        profiled(f"full check of {root}, no cache, jobs=1",
                 lambda: len(check(root, cache_dir=None, jobs=1).problems), args.top, args.save)
        return 0
    rels = [f.rel for f in discover(root)[0]]
    rel = run.pick_files(rels, root)["single"]
    path = root / rel
    original = path.read_bytes()
    try:
        with tempfile.TemporaryDirectory(prefix="kocsite-profile-cache-") as tmp:
            check(root, cache_dir=Path(tmp))
            run.edit_title(path, original, 1)
            check(root, cache_dir=Path(tmp))  # warm: the same path as the profiled run
            run.edit_title(path, original, 2)
            profiled(f"re-check of {root} after {rel} changed",
                     lambda: len(check(root, cache_dir=Path(tmp)).problems), args.top, args.save)
    finally:
        path.write_bytes(original)
    return 0


if __name__ == "__main__":
    sys.exit(main())
