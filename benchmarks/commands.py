#!/usr/bin/env python3
"""Every daily command end to end next to a warm `kocsite check`, start-up, `diff`, the site, and
peak memory, at reference scale, with PASS/FAIL per target (issue 15).

    python benchmarks/commands.py                   # reference scale (benchmarks/data, generated if missing)
    python benchmarks/commands.py --scale 0.25      # a smaller programme
    python benchmarks/commands.py --no-site         # skip the site section (two full builds)
    python benchmarks/commands.py --only-site       # only the site section
    python benchmarks/commands.py --linearity       # also credit and check at 0.25×, 0.5× and 1×

Every figure is a whole process (`kocsite …` as an operator runs it) with a private, warm cache
(KOCSITE_CACHE_DIR in a temp dir, filled by one check first). Each command runs alternately with a
warm `check` on the same data, --repeat times; the figures are medians, the ratio is command ÷ check
of the same round. Peak memory is each process's own maximum resident set (os.wait4). Two cases per
command: `warm` (nothing changed since the last run), and three edits of one contribution file made
just before (the day-to-day case, one file read again): its `title` (in the views every report
reads), its `metrics` (read by no report: replayed) and its review `quality` (credit counts it).

Targets: command ≤ 1.5 × warm check; `--version` and `check` on an empty programme < 0.3 s; `diff`
with one changed file ≤ 1.5 s; the site after one change ≤ 10 s; a full build ≤ 0.5 × the MkDocs
build of the same pages; peak memory < 1 GiB.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import timedelta
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import generate  # noqa: E402  (benchmarks/generate.py)

GIB = 1024 ** 3
TARGET_RATIO = 1.5
TARGET_START_S = 0.3
TARGET_DIFF_S = 1.5
TARGET_SITE_CHANGE_S = 10.0
TARGET_BUILD_RATIO = 0.5
TARGET_RSS = GIB
KOCSITE = [sys.executable, "-m", "kocsite"]
TODAY = generate.TODAY.isoformat()
DAY_AFTER = (generate.TODAY + timedelta(days=1)).isoformat()


def run(args: list[str], env: dict[str, str], cwd: Path | None = None) -> tuple[float, int, int, str]:
    """(wall seconds, peak RSS bytes, exit code, output) of one whole process."""
    started = time.perf_counter()
    process = subprocess.Popen(args, env=env, cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    output = process.stdout.read()
    _, status, usage = os.wait4(process.pid, 0)
    seconds = time.perf_counter() - started
    process.returncode = os.waitstatus_to_exitcode(status)
    return seconds, usage.ru_maxrss * 1024, process.returncode, output.decode("utf-8", "replace")


def kocsite(root: Path, env: dict[str, str], *args: str) -> tuple[float, int, int, str]:
    return run([*KOCSITE, "-C", str(root), *args], env)


def verdict(ok: bool) -> str:
    return "PASS" if ok else "FAIL"


def programme(scale: float) -> Path:
    data = generate.default_out(scale)
    marker = generate.read_marker(data)
    if marker is None or marker.get("generator") != generate.GENERATOR_VERSION or marker.get("scale") != scale:
        print(f"generating the programme (scale {scale:g}) in {data} …", flush=True)
        generate.generate(data, 1, scale)
    if not (data / "mkdocs.yml").is_file():  # the site's theme and plugins: the sample's
        shutil.copy2(HERE.parent / "mkdocs.yml", data / "mkdocs.yml")
    return data


def picks(root: Path) -> tuple[str, str]:
    """A campaign with rewards (for rewards/progress) and a task with skills (for match)."""
    campaign = sorted(p.stem for p in (root / "campaigns").glob("*.yaml"))[0]
    task = next(p.stem for p in sorted((root / "tasks").glob("*.yaml")) if "skills:" in p.read_text(encoding="utf-8"))
    return campaign, task


def daily_commands(campaign: str, task: str) -> list[tuple[str, list[str]]]:
    return [
        ("credit", ["credit"]),
        ("rewards", ["rewards", campaign]),
        ("progress", ["progress", campaign, "--today", TODAY]),
        ("due", ["due", "--within", "2d", "--today", TODAY]),
        ("candidates", ["candidates"]),
        ("match", ["match", task]),
    ]


def single_record(root: Path) -> Path:
    for path in sorted((root / "tasks").glob("*/*.yaml")):
        text = path.read_text(encoding="utf-8")
        if "contributions:" not in text and all(f"\n{field}: " in text for field in ("title", "  exposure", "  quality")):
            return path
    raise SystemExit("no single-record contribution file to edit")


EDITS = {
    "title": lambda text, n: text.replace("\ntitle: ", f"\ntitle: 第{n}版 ", 1),
    "metrics": lambda text, n: text.replace("\n  exposure: ", f"\n  exposure: {n}", 1),
    "review": lambda text, n: re.sub(r"\n  quality: [0-9.]+", f"\n  quality: {0.5 + n % 10 / 10:g}", text, count=1),
}
"""The edited cases: a contribution's title (every report's views hold it), its reach figures (no
report reads them), its review quality (credit counts it)."""


class Edit:
    """Change one contribution, differently each time; put the file back at the end."""

    def __init__(self, path: Path, kind: str = "title") -> None:
        self.path, self.original, self.count = path, path.read_text(encoding="utf-8"), 0
        self.change = EDITS[kind]

    def next(self) -> None:
        self.count += 1
        self.path.write_text(self.change(self.original, self.count), encoding="utf-8")

    def restore(self) -> None:
        self.path.write_text(self.original, encoding="utf-8")


def measure_commands(root: Path, env: dict[str, str], repeat: int, report: dict) -> None:
    campaign, task = picks(root)
    edits = {kind: Edit(single_record(root), kind) for kind in EDITS}
    print(f"\n== daily commands (median of {repeat}; ratio = command ÷ warm check of the same round)")
    print("   cases: warm = nothing changed; title, metrics, review = that field of one contribution edited before the run")
    print(f"{'command':<12} {'case':<7} {'check s':>8} {'command s':>10} {'ratio':>6} {'peak MB':>8}  target ≤ {TARGET_RATIO}×")
    try:
        for name, args in daily_commands(campaign, task):
            for case in ("warm", *EDITS):
                checks, times, peaks = [], [], []
                for _ in range(repeat):
                    if case in edits:
                        edits[case].next()
                        kocsite(root, env, "check")  # the operator's check after the edit, then the command
                    checks.append(kocsite(root, env, "check")[0])
                    seconds, peak, code, output = kocsite(root, env, *args)
                    if code not in (0, 1):
                        raise SystemExit(f"kocsite {' '.join(args)} failed ({code}):\n{output[-2000:]}")
                    times.append(seconds)
                    peaks.append(peak)
                check_s, command_s = statistics.median(checks), statistics.median(times)
                ratio = command_s / check_s
                report["commands"].append({"command": name, "case": case, "check_s": check_s, "command_s": command_s,
                                           "ratio": ratio, "peak_bytes": max(peaks)})
                print(f"{name:<12} {case:<7} {check_s:8.2f} {command_s:10.2f} {ratio:6.2f} {max(peaks) / 2**20:8.0f}  "
                      f"{verdict(ratio <= TARGET_RATIO)}")
    finally:
        for edit in edits.values():
            edit.restore()


def measure_start_up(env: dict[str, str], repeat: int, report: dict) -> None:
    with tempfile.TemporaryDirectory(prefix="kocsite-empty-") as empty:
        (Path(empty) / "kocs").mkdir()
        version = statistics.median(run([*KOCSITE, "--version"], env)[0] for _ in range(repeat + 2))
        empty_check = statistics.median(kocsite(Path(empty), env, "check")[0] for _ in range(repeat + 2))
    report["start_up"] = {"version_s": version, "empty_check_s": empty_check}
    print("\n== start-up (median)")
    print(f"kocsite --version          {version:6.3f} s  {verdict(version < TARGET_START_S)} (< {TARGET_START_S} s)")
    print(f"kocsite check (empty)      {empty_check:6.3f} s  {verdict(empty_check < TARGET_START_S)} (< {TARGET_START_S} s)")


def git_copy(root: Path, scratch: Path, env: dict[str, str], name: str = "repo") -> Path:
    """The programme committed in a new git repository (as a brand keeps it: the site reads its history)."""
    repo = scratch / name
    repo.mkdir()
    for entry in root.iterdir():
        if entry.name.startswith("."):
            continue
        (shutil.copytree if entry.is_dir() else shutil.copy2)(entry, repo / entry.name)
    for step in (["init", "-q"], ["add", "-A"], ["commit", "-q", "-m", "reference data"]):
        subprocess.run(["git", "-C", str(repo), *step], check=True, env=env)
    return repo


def git_env(env: dict[str, str]) -> dict[str, str]:
    return dict(env, GIT_AUTHOR_NAME="bench", GIT_AUTHOR_EMAIL="bench@example.com", GIT_COMMITTER_NAME="bench",
                GIT_COMMITTER_EMAIL="bench@example.com")


def measure_diff(root: Path, env: dict[str, str], scratch: Path, repeat: int, report: dict) -> None:
    repo = git_copy(root, scratch, git_env(env))
    edit = Edit(single_record(repo))
    kocsite(repo, env, "diff", "HEAD")  # fills the cache of both sides
    times, peaks = [], []
    for _ in range(repeat):
        edit.next()
        seconds, peak, code, output = kocsite(repo, env, "diff", "HEAD")
        assert "title" in output, output[-2000:]
        times.append(seconds)
        peaks.append(peak)
    one = statistics.median(times)
    report["diff"] = {"one_change_s": one, "peak_bytes": max(peaks)}
    print("\n== diff (one contribution file changed in the working tree; median)")
    print(f"kocsite diff HEAD          {one:6.2f} s  peak {max(peaks) / 2**20:.0f} MB  "
          f"{verdict(one <= TARGET_DIFF_S)} (≤ {TARGET_DIFF_S} s)")


def build(root: Path, env: dict[str, str], out: Path, engine: str, today: str = TODAY) -> tuple[float, int]:
    seconds, peak, code, output = kocsite(root, env, "build", "--engine", engine, "--out", str(out / "site"),
                                          "--docs", str(out / "docs"), "--today", today)
    if code != 0:
        raise SystemExit(f"kocsite build --engine {engine} failed:\n{output[-3000:]}")
    return seconds, peak


def measure_site(root: Path, env: dict[str, str], scratch: Path, report: dict, engines: tuple[str, ...]) -> None:
    """Per engine, whole `kocsite build` runs into a fresh folder: the first (empty page cache), again
    with nothing changed, after one KOC renamed (the pages and the page cache of the run before), and
    the next day after another rename (the daily build: pages that count days change too). The
    programme is a git repository, as a brand's is: the pages and calendars read its history."""
    root = git_copy(root, scratch, git_env(env), "site-repo")
    koc = sorted((root / "kocs").glob("*.yaml"))[0]
    original = koc.read_bytes()
    pages = sum(1 for _ in (root / "kocs").glob("*.yaml"))
    print(f"\n== site ({pages} KOC profiles; the same pages for both engines)")
    rows = {}
    try:
        for engine in engines:
            if engine == "zensical" and shutil.which("zensical", path=str(Path(sys.executable).parent)) is None:
                print("zensical: not installed (pip install zensical) — skipped")
                continue
            out = scratch / engine
            full, peak = build(root, env, out, engine)
            again, peak_again = build(root, env, out, engine)
            koc.write_bytes(original.replace(b"name: ", b"name: \xe6\x96\xb0", 1))  # 新
            kocsite(root, env, "check")
            changed, peak_changed = build(root, env, out, engine)
            koc.write_bytes(original.replace(b"name: ", b"name: \xe5\x8f\x88", 1))  # 又
            kocsite(root, env, "check")
            next_day, peak_next_day = build(root, env, out, engine, DAY_AFTER)
            koc.write_bytes(original)
            most = max(peak, peak_again, peak_changed, peak_next_day)
            rows[engine] = {"full_s": full, "unchanged_s": again, "one_change_s": changed, "next_day_s": next_day,
                            "peak_bytes": most}
            print(f"{engine:<9} full build {full:7.1f} s   nothing changed {again:7.1f} s   after one change {changed:7.1f} s"
                  f"   next day, one change {next_day:7.1f} s   peak {most / 2**20:.0f} MB")
    finally:
        koc.write_bytes(original)
    report["site"] = rows
    if rows:
        best_change = min(r["one_change_s"] for r in rows.values())
        print(f"one change → site          {best_change:6.1f} s  {verdict(best_change <= TARGET_SITE_CHANGE_S)} (≤ {TARGET_SITE_CHANGE_S} s)")
    if "zensical" in rows and "mkdocs" in rows:
        ratio = rows["zensical"]["full_s"] / rows["mkdocs"]["full_s"]
        print(f"full build zensical÷mkdocs {ratio:6.2f}    {verdict(ratio <= TARGET_BUILD_RATIO)} (≤ {TARGET_BUILD_RATIO})")
    if "mkdocs" in rows:
        ratio = rows["mkdocs"]["unchanged_s"] / rows["mkdocs"]["full_s"]
        print(f"mkdocs rebuild÷first build {ratio:6.2f}    (the page cache; nothing changed)")


def free_port() -> int:
    import socket

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def fetch(url: str) -> str | None:
    import urllib.request

    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read().decode("utf-8", "replace")
    except OSError:
        return None


def measure_serve(root: Path, env: dict[str, str], report: dict, start_timeout: float = 1800) -> None:
    """`kocsite serve`: from saving a KOC file to its profile page showing the change."""
    koc = sorted((root / "kocs").glob("*.yaml"))[0]
    original = koc.read_bytes()
    port = free_port()
    server = subprocess.Popen([*KOCSITE, "-C", str(root), "serve", "--today", TODAY, "--dev-addr", f"127.0.0.1:{port}"],
                              env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    page = f"http://127.0.0.1:{port}/kocs/{koc.stem}/"
    try:
        started = time.perf_counter()
        while fetch(page) is None:
            if time.perf_counter() - started > start_timeout or server.poll() is not None:
                print("serve: the preview did not come up")
                return
            time.sleep(0.5)
        first = time.perf_counter() - started
        marker = "改名测速"
        koc.write_bytes(original.replace(b"name: ", f"name: {marker}".encode(), 1))
        saved = time.perf_counter()
        while marker not in (fetch(page) or ""):
            if time.perf_counter() - saved > 600:
                break
            time.sleep(0.2)
        shown = time.perf_counter() - saved
    finally:
        koc.write_bytes(original)
        server.terminate()
        server.wait(timeout=30)
    report["serve"] = {"first_s": first, "change_s": shown}
    print(f"serve: first preview {first:.1f} s; a saved change shown after {shown:.1f} s  "
          f"{verdict(shown <= TARGET_SITE_CHANGE_S)} (≤ {TARGET_SITE_CHANGE_S} s)")


def measure_linearity(env: dict[str, str], scratch: Path, report: dict) -> None:
    print("\n== linearity (warm check and warm credit, one run each after a filling check)")
    rows = []
    for scale in (0.25, 0.5, 1.0):
        root = programme(scale)
        scale_env = dict(env, KOCSITE_CACHE_DIR=str(scratch / f"cache-{scale}"))
        kocsite(root, scale_env, "check")
        check_s = kocsite(root, scale_env, "check")[0]
        credit_s, peak, _, _ = kocsite(root, scale_env, "credit")
        rows.append({"scale": scale, "check_s": check_s, "credit_s": credit_s, "peak_bytes": peak})
        print(f"scale {scale:<5} check {check_s:6.2f} s   credit {credit_s:6.2f} s   peak {peak / 2**20:.0f} MB")
    report["linearity"] = rows


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--scale", type=float, default=1.0)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--no-site", action="store_true")
    parser.add_argument("--only-site", action="store_true", help="only the site section (builds and serve)")
    parser.add_argument("--linearity", action="store_true")
    parser.add_argument("--engines", default="mkdocs,zensical", help="the site's engines to build with (comma-separated)")
    parser.add_argument("--json", action="store_true", help="also print every figure as one JSON object")
    args = parser.parse_args()
    sys.stdout.reconfigure(line_buffering=True)  # each figure shows as it is measured, also in a file
    root = programme(args.scale)
    report: dict = {"scale": args.scale, "load": os.getloadavg(), "commands": []}
    print(f"programme {root} (scale {args.scale:g}), load average {os.getloadavg()[0]:.1f}")
    with tempfile.TemporaryDirectory(prefix="kocsite-commands-") as scratch_dir:
        scratch = Path(scratch_dir)
        env = dict(os.environ, KOCSITE_CACHE_DIR=str(scratch / "cache"))
        env.pop("KOCSITE_NO_CACHE", None)
        cold, peak, _, _ = kocsite(root, env, "check")
        print(f"cold check (fills the cache) {cold:.1f} s, peak {peak / 2**20:.0f} MB")
        if not args.only_site:
            measure_start_up(env, args.repeat, report)
            measure_commands(root, env, args.repeat, report)
            measure_diff(root, env, scratch, args.repeat, report)
        if not args.no_site:
            measure_site(root, env, scratch, report, tuple(args.engines.split(",")))
            measure_serve(root, env, report)
        if args.linearity:
            measure_linearity(env, scratch, report)
    peaks = [c["peak_bytes"] for c in report["commands"]] + ([report["diff"]["peak_bytes"]] if "diff" in report else [])
    peaks += [r["peak_bytes"] for r in report.get("site", {}).values()]
    print(f"\npeak memory of any command  {max(peaks) / 2**20:.0f} MB  {verdict(max(peaks) < TARGET_RSS)} (< 1 GiB)")
    if args.json:
        print(json.dumps(report, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
