#!/usr/bin/env python3
"""Benchmark `kocsite check` on a generated programme and compare it with the targets.

    python benchmarks/run.py                    # reference scale (generates benchmarks/data/ if missing)
    python benchmarks/run.py --scale 0.01       # quick run on a small programme
    python benchmarks/run.py --json             # also print every figure as one JSON object

Figures (best of --repeat runs where cheap):

  floor       read every data file's bytes, decode, yaml.compose(text, Loader=yaml.CSafeLoader);
              one process, page cache warm (every file is read once before timing)
  full        kocsite.checker.check(root, cache_dir=None): no cache, default jobs (all cores);
              also with a fresh empty cache dir (the run that builds the cache), and once with jobs=1
  re-check    cache filled by one run, then: nothing changed; one single-record contribution file's
              title changed (the target); and, for information, one 20-100 record batch file and
              one campaign file changed, and one reference broken (a change of facts, so the
              programme rules run again, where a title edit lets them be reused)
  peak RSS    the full check (no cache) in a fresh child process; the process tree (main process +
              pool workers) is sampled every 10 ms from /proc: peak of the summed RSS (counts pages
              shared after fork once per process, so an upper bound) and of the summed PSS; plus
              the main process's ru_maxrss and the largest worker's (RUSAGE_CHILDREN in the child)

  site        `kocsite build`'s steps, reusing kocsite.site.build: the page generation (credit, outcomes,
              metrics, git history, Markdown pages: build.generate, best of --repeat, plus one timed pass
              per step), the privacy guard (find_leaks), writing the docs dir (write_pages into an empty
              temp dir), and one real `mkdocs build --strict` of them (write_config INHERITing the
              repository's mkdocs.yml, run_mkdocs_build) into a temp site dir; pages, profiles, output
              size and files, time per page; skipped with --no-site, alone with --only-site

Targets: full ≤ 1.5 × floor, re-check after one change < 0.5 s, peak RSS (summed over the tree) < 2 GiB,
page generation ≤ 10 % of the mkdocs build it feeds.
"""

from __future__ import annotations

import argparse
import dataclasses
import hashlib
import json
import os
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any, Callable

import yaml

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import generate  # noqa: E402  (benchmarks/generate.py)

import kocsite  # noqa: E402
from kocsite.checker import check  # noqa: E402
from kocsite.files.layout import discover  # noqa: E402

GIB = 1024 ** 3
TARGET_RATIO = 1.5
TARGET_RECHECK_S = 0.5
TARGET_RSS = 2 * GIB
TARGET_COMPUTE_S = 1.0
TARGET_SITE_RATIO = 0.10
REPO = HERE.parent

_CHILD = r"""
import json, resource, sys, time
from pathlib import Path
from kocsite.checker import check
jobs = int(sys.argv[2]) if sys.argv[2] != "0" else None
started = time.perf_counter()
result = check(Path(sys.argv[1]), cache_dir=None, jobs=jobs)
seconds = time.perf_counter() - started
print(json.dumps({
    "seconds": seconds, "problems": len(result.problems), "files": result.files,
    "self_maxrss": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024,
    "children_maxrss": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss * 1024,
}))
"""


def source_fingerprint() -> tuple[str, str]:
    """Which kocsite was measured: a digest of its .py files and the time of the newest one."""
    package = Path(kocsite.__file__).resolve().parent
    sha = hashlib.sha256()
    newest = 0.0
    for path in sorted(package.rglob("*.py")):
        sha.update(str(path.relative_to(package)).encode() + b"\0" + path.read_bytes() + b"\0")
        newest = max(newest, path.stat().st_mtime)
    return sha.hexdigest()[:12], time.strftime("%Y-%m-%d %H:%M:%S", time.localtime(newest))


def best(repeat: int, run: Callable[[], Any]) -> tuple[float, Any]:
    times, last = [], None
    for _ in range(repeat):
        started = time.perf_counter()
        last = run()
        times.append(time.perf_counter() - started)
    return min(times), last


def ensure_data(data: Path, seed: int, scale: float) -> dict[str, Any] | None:
    marker = generate.read_marker(data)
    wanted = {"generator": generate.GENERATOR_VERSION, "seed": seed, "scale": scale}
    if marker is not None and all(marker.get(k) == v for k, v in wanted.items()):
        return marker
    if marker is None and data.is_dir() and any((data / d).is_dir() for d in generate.DATA_DIRS):
        print(f"using the programme in {data} as it is (not written by generate.py)")
        return None
    print(f"generating the programme (seed {seed}, scale {scale:g}) in {data} …")
    return generate.generate(data, seed, scale)


def floor(root: Path, rels: list[str]) -> int:
    nodes = 0
    for rel in rels:
        text = (root / rel).read_bytes().decode("utf-8")
        if yaml.compose(text, Loader=yaml.CSafeLoader) is not None:
            nodes += 1
    return nodes


def run_check(root: Path, cache_dir: Path | None, jobs: int | None) -> int:
    result = check(root, cache_dir=cache_dir, jobs=jobs)
    return len(result.problems)


def pick_files(rels: list[str], root: Path) -> dict[str, str]:
    """Deterministic files to edit: a single-record contribution, a batch file, a campaign."""
    chosen: dict[str, str] = {}
    for rel in rels:
        parts = rel.split("/")
        if parts[0] == "campaigns":
            chosen.setdefault("campaign", rel)
        elif len(parts) == 3 and parts[0] == "tasks":
            text = "\n" + (root / rel).read_text(encoding="utf-8")
            chosen.setdefault("batch" if "\ncontributions:" in text else "single", rel)
        if len(chosen) == 3:
            break
    return chosen


def edit_title(path: Path, original: bytes, n: int) -> None:
    """Change the first title in the file (keeps it valid): append a revision mark."""
    text = original.decode("utf-8")
    at = text.index("title: ")
    end = text.index("\n", at)
    path.write_bytes((text[:end] + f"（修订{n}）" + text[end:]).encode("utf-8"))


def edit_reference(path: Path, original: bytes, n: int) -> None:
    """Point the first author at a KOC that does not exist: the file's facts change, so the
    programme rules run again (a title edit leaves them alone), and one E104 is expected."""
    text = original.decode("utf-8")
    at = text.index("koc: ") + len("koc: ")
    end = text.index("\n", at)
    path.write_bytes((text[:at] + f"no-such-koc-{n}" + text[end:]).encode("utf-8"))


def recheck(root: Path, rels: list[str], jobs: int | None, repeat: int) -> dict[str, Any]:
    out: dict[str, Any] = {}
    targets = pick_files(rels, root)
    originals = {kind: (root / rel).read_bytes() for kind, rel in targets.items()}
    with tempfile.TemporaryDirectory(prefix="kocsite-bench-cache-") as tmp:
        cache = Path(tmp)
        started = time.perf_counter()
        out["fill_problems"] = run_check(root, cache, jobs)
        out["fill_s"] = time.perf_counter() - started
        out["cache_bytes"] = sum(p.stat().st_size for p in cache.rglob("*") if p.is_file())
        out["cache_files"] = sum(1 for p in cache.rglob("*") if p.is_file())
        out["nochange_s"], problems_nochange = best(repeat, lambda: run_check(root, cache, jobs))
        out["nochange_problems"] = problems_nochange
        try:
            for kind, edit in (("single", edit_title), ("batch", edit_title), ("campaign", edit_title),
                               ("reference", edit_reference)):
                source = "single" if kind == "reference" else kind
                if source not in targets:
                    continue
                rel = targets[source]
                path = root / rel
                times, found = [], 0
                for n in range(1, repeat + 1):  # a different edit each time
                    edit(path, originals[source], n)
                    started = time.perf_counter()
                    found = max(found, run_check(root, cache, jobs))
                    times.append(time.perf_counter() - started)
                out[f"change_{kind}_file"] = rel
                out[f"change_{kind}_s"] = min(times)
                out[f"change_{kind}_problems"] = found
                path.write_bytes(originals[source])
                run_check(root, cache, jobs)  # absorb the restore, so the next figure sees one change
        finally:
            for kind, rel in targets.items():
                (root / rel).write_bytes(originals[kind])
    return out


def load(root: Path) -> tuple[Any, float]:
    """The programme's models (kocsite.models.programme.load_programme) and the time it took."""
    from kocsite.models.programme import load_programme

    started = time.perf_counter()
    programme = load_programme(root)
    return programme, time.perf_counter() - started


def compute_figures(programme: Any, load_s: float, repeat: int) -> dict[str, Any]:
    """Credit, every campaign's cash split and awards, every campaign's metrics — after loading."""
    from kocsite.money.credit import compute_credit
    from kocsite.ops.metrics import all_campaign_metrics
    from kocsite.money.outcome import campaign_outcome

    credit_s, book = best(repeat, lambda: compute_credit(programme))
    rewards_s, _ = best(repeat, lambda: [campaign_outcome(programme, book, c) for c in sorted(programme.campaigns)])
    metrics_s, _ = best(repeat, lambda: all_campaign_metrics(programme))
    return {"load_s": load_s, "credit_s": credit_s, "rewards_s": rewards_s, "metrics_s": metrics_s,
            "compute_s": credit_s + rewards_s + metrics_s, "campaigns": len(programme.campaigns), "lines": len(book.lines)}


def _tree_size(folder: Path) -> tuple[int, int]:
    """(bytes, files) under folder."""
    sizes = [p.stat().st_size for p in folder.rglob("*") if p.is_file()]
    return sum(sizes), len(sizes)


def site_figures(programme: Any, load_s: float, today: Any, repeat: int) -> dict[str, Any]:
    """`kocsite build` step by step with kocsite.site.build's own functions, into temp dirs."""
    from kocsite.money.credit import compute_credit
    from kocsite.ops.metrics import all_campaign_metrics
    from kocsite.money.outcome import campaign_outcome
    from kocsite.site import build
    from kocsite.site.guard import find_leaks
    from kocsite.site.history import read_history
    from kocsite.site.pages import render_pages

    out: dict[str, Any] = {"load_s": load_s, "today": str(today)}
    out["generate_s"], pages = best(repeat, lambda: build.generate(programme, today))
    # the same steps as build.generate, timed one by one (one pass, for the breakdown)
    steps: dict[str, float] = {}

    def step(name: str, run: Callable[[], Any]) -> Any:
        started = time.perf_counter()
        value = run()
        steps[name] = time.perf_counter() - started
        return value

    book = step("credit", lambda: compute_credit(programme))
    outcomes = step("outcomes", lambda: {c: campaign_outcome(programme, book, c) for c in sorted(programme.campaigns)})
    metrics = step("metrics", lambda: all_campaign_metrics(programme, today))
    history = step("history", lambda: read_history(programme.root))
    again = step("pages", lambda: render_pages(programme, book, outcomes, metrics, history, today))
    out["steps_s"] = steps
    out["deterministic"] = again == pages
    sha = hashlib.sha256()
    for rel, text in pages.items():
        sha.update(rel.encode() + b"\0" + text.encode("utf-8") + b"\0")
    out["pages_sha256"] = sha.hexdigest()
    out["pages"] = len(pages)
    out["profiles"] = sum(1 for rel in pages if rel.startswith("kocs/"))
    out["markdown_bytes"] = sum(len(text.encode("utf-8")) for text in pages.values())
    started = time.perf_counter()
    leaks = find_leaks(programme, pages)
    out["guard_s"] = time.perf_counter() - started
    out["leaks"] = len(leaks)
    # write_config INHERITs <programme root>/mkdocs.yml: a generated programme has none, use the repository's
    config_programme = programme if (programme.root / "mkdocs.yml").is_file() else dataclasses.replace(programme, root=REPO)
    with tempfile.TemporaryDirectory(prefix="kocsite-bench-site-") as tmp:
        docs, site = Path(tmp) / "build" / "docs", Path(tmp) / "site"
        started = time.perf_counter()
        out["written"], _ = build.write_pages(pages, docs)
        out["write_s"] = time.perf_counter() - started
        config = build.write_config(config_programme, docs, site, docs.parent / build.CONFIG_NAME)
        started = time.perf_counter()
        result = build.run_mkdocs_build(config)
        out["mkdocs_s"] = time.perf_counter() - started
        out["mkdocs_rc"] = result.returncode
        if result.returncode != 0:
            out["mkdocs_tail"] = "\n".join((result.stdout + result.stderr).strip().splitlines()[-20:])
        out["docs_bytes"], out["docs_files"] = _tree_size(docs)
        out["site_bytes"], out["site_files"] = _tree_size(site) if site.is_dir() else (0, 0)
        out["site_html"] = sum(1 for _ in site.rglob("*.html")) if site.is_dir() else 0
    out["ratio"] = out["generate_s"] / out["mkdocs_s"]
    return out


def _tree(pid: int) -> list[int]:
    pids, todo = [], [pid]
    while todo:
        p = todo.pop()
        pids.append(p)
        try:
            with open(f"/proc/{p}/task/{p}/children") as f:
                todo += [int(c) for c in f.read().split()]
        except OSError:
            pass
    return pids


def _memory(pid: int) -> tuple[int, int]:
    """(RSS, PSS) of one process in bytes, 0 when it is gone."""
    rss = pss = 0
    try:
        with open(f"/proc/{pid}/smaps_rollup") as f:
            for line in f:
                if line.startswith("Rss:"):
                    rss = int(line.split()[1]) * 1024
                elif line.startswith("Pss:"):
                    pss = int(line.split()[1]) * 1024
    except (OSError, ValueError):
        pass
    return rss, pss


def peak_memory(root: Path, jobs: int | None) -> dict[str, Any]:
    child = subprocess.Popen([sys.executable, "-c", _CHILD, str(root), str(jobs or 0)], stdout=subprocess.PIPE, text=True)
    peaks = {"tree_rss": 0, "tree_pss": 0, "processes": 0}
    done = threading.Event()

    def sample() -> None:
        while not done.is_set():
            pids = _tree(child.pid)
            mem = [_memory(p) for p in pids]
            peaks["tree_rss"] = max(peaks["tree_rss"], sum(m[0] for m in mem))
            peaks["tree_pss"] = max(peaks["tree_pss"], sum(m[1] for m in mem))
            peaks["processes"] = max(peaks["processes"], sum(1 for m in mem if m[0]))
            done.wait(0.01)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    stdout, _ = child.communicate()
    done.set()
    sampler.join()
    if child.returncode != 0:
        raise SystemExit(f"the memory child failed with exit code {child.returncode}")
    report = json.loads(stdout.strip().splitlines()[-1])
    report.update(peaks)
    return report


def fmt_s(seconds: float) -> str:
    return f"{seconds * 1000:.0f} ms" if seconds < 1 else f"{seconds:.2f} s"


def fmt_b(size: int) -> str:
    return f"{size / 2**20:.0f} MiB" if size >= 2**20 else f"{size / 1024:.0f} KiB"


def say(label: str, value: str, note: str = "") -> None:
    print(f"{label + ':':<46} {value:>9}  {note}".rstrip())


def verdict(ok: bool) -> str:
    return "PASS" if ok else "FAIL"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, help="programme folder (default: generate.py's default for --scale)")
    parser.add_argument("--scale", type=float, default=1.0)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--repeat", type=int, default=3, help="best of N for the timings (default 3)")
    parser.add_argument("--jobs", type=int, default=None, help="jobs for check() (default: all cores)")
    parser.add_argument("--no-single", action="store_true", help="skip the extra jobs=1 full check")
    parser.add_argument("--no-site", action="store_true", help="skip the site section (page generation + mkdocs build)")
    parser.add_argument("--only-site", action="store_true",
                        help="only the site section (no floor, check, re-check, memory or compute figures)")
    parser.add_argument("--json", action="store_true", help="also print all figures as one JSON object")
    args = parser.parse_args(argv)
    if args.no_site and args.only_site:
        parser.error("--no-site and --only-site exclude each other")
    root = (args.data or generate.default_out(args.scale)).resolve()
    summary = ensure_data(root, args.seed, args.scale)
    repeat = max(1, args.repeat)
    files, discover_problems = discover(root)
    rels = [f.rel for f in files]
    size = sum((root / rel).stat().st_size for rel in rels)
    fingerprint, newest = source_fingerprint()
    fig: dict[str, Any] = {"data": str(root), "files": len(rels), "bytes": size, "cores": os.cpu_count(),
                           "jobs": args.jobs, "repeat": repeat, "python": sys.version.split()[0],
                           "kocsite_source": fingerprint, "kocsite_newest_file": newest}
    if summary:
        fig["programme"] = {k: summary[k] for k in ("seed", "scale", "kocs", "campaigns", "tasks", "records",
                                                    "contribution_files", "batch_files")}
    print(f"programme: {root}")
    print(f"  {len(rels)} files, {size / 1e6:.1f} MB" + (
        f"; {summary['kocs']} KOCs, {summary['campaigns']} campaigns, {summary['tasks']} tasks, {summary['records']} "
        f"contribution records in {summary['contribution_files']} files" if summary else ""))
    print(f"  {os.cpu_count()} cores, Python {fig['python']}, best of {repeat}; "
          f"kocsite source {fingerprint} (newest file {newest}); load average {os.getloadavg()[0]:.2f}")

    for rel in rels:  # warm the page cache
        (root / rel).read_bytes()
    checks = None if args.only_site else run_checks(args, root, rels, repeat, fig)
    programme, load_s = load(root)
    compute_ok = None
    if not args.only_site:
        comp = compute_figures(programme, load_s, repeat)
        fig["compute"] = comp
        compute_ok = comp["compute_s"] < TARGET_COMPUTE_S
        print(f"credit, rewards and metrics ({comp['campaigns']} campaigns, {comp['lines']} credit lines; "
              f"loading the models first took {fmt_s(comp['load_s'])}):")
        say("  credit book (all KOCs, all quadrants)", fmt_s(comp["credit_s"]))
        say("  rewards: split + goods/badges/priority, every campaign", fmt_s(comp["rewards_s"]))
        say("  metrics, every campaign", fmt_s(comp["metrics_s"]))
        say("  all three", fmt_s(comp["compute_s"]), f"(target < {TARGET_COMPUTE_S} s after loading)  {verdict(compute_ok)}")
    site_ok = None
    if not args.no_site:
        site = site_figures(programme, load_s, generate.TODAY, repeat)
        fig["site"] = site
        site_ok = site["mkdocs_rc"] == 0 and site["ratio"] <= TARGET_SITE_RATIO
        report_site(site, repeat)

    verdicts = dict(checks or {})
    if compute_ok is not None:
        verdicts["compute"] = compute_ok
    if site_ok is not None:
        verdicts["site"] = site_ok
    fig["pass"] = verdicts
    clean = not (discover_problems or (checks is not None and not fig["clean_check"]))
    fig["clean"] = clean
    labels = {"ratio": "ratio", "recheck": "re-check", "rss": "memory", "compute": "compute", "site": "site"}
    print("targets: " + ", ".join(f"{labels[name]} {verdict(ok)}" for name, ok in verdicts.items())
          + ("" if clean else "   (the programme did not check clean!)"))
    if args.json:
        print(json.dumps(fig, ensure_ascii=False, sort_keys=True))
    return 0


def report_site(site: dict[str, Any], repeat: int) -> None:
    pages, html = site["pages"], max(1, site["site_html"])
    print(f"site ({pages} pages, {site['profiles']} of them KOC profiles; as of {site['today']}; "
          f"loading the models first took {fmt_s(site['load_s'])}):")
    steps = site["steps_s"]
    say(f"  page generation (build.generate, best of {repeat})", fmt_s(site["generate_s"]),
        f"= {site['generate_s'] / pages * 1000:.2f} ms/page; one pass: credit {fmt_s(steps['credit'])}, "
        f"outcomes {fmt_s(steps['outcomes'])}, metrics {fmt_s(steps['metrics'])}, "
        f"git history {fmt_s(steps['history'])}, pages {fmt_s(steps['pages'])}")
    say("  privacy guard (find_leaks, all pages)", fmt_s(site["guard_s"]),
        f"{site['leaks']} leak(s)" + ("  [kocsite build would refuse this programme]" if site["leaks"] else ""))
    say("  writing the docs dir (write_pages, empty)", fmt_s(site["write_s"]),
        f"{site['docs_files']} files, {site['docs_bytes'] / 1e6:.1f} MB")
    say("  mkdocs build --strict (one run)", fmt_s(site["mkdocs_s"]),
        f"= {site['mkdocs_s'] / html * 1000:.1f} ms/page; {site['site_html']} HTML pages, "
        f"{site['site_files']} files, {site['site_bytes'] / 1e6:.1f} MB"
        + (f"  [FAILED, exit {site['mkdocs_rc']}]" if site["mkdocs_rc"] else ""))
    if site["mkdocs_rc"]:
        print(site["mkdocs_tail"])
    ok = site["mkdocs_rc"] == 0 and site["ratio"] <= TARGET_SITE_RATIO
    say("  generation / mkdocs build", f"{site['ratio'] * 100:.1f} %",
        f"(target ≤ {TARGET_SITE_RATIO * 100:.0f} %)  {verdict(ok)}")
    if not site["deterministic"]:
        print("  (two generations of the same data differ!)")


def run_checks(args: argparse.Namespace, root: Path, rels: list[str], repeat: int, fig: dict[str, Any]) -> dict[str, bool]:
    """floor, full check, re-check and peak memory; returns their verdicts."""
    fig["floor_s"], _ = best(repeat, lambda: floor(root, rels))
    say("floor (read + decode + yaml.compose, 1 proc)", fmt_s(fig["floor_s"]))

    fig["full_s"], problems = best(repeat, lambda: run_check(root, None, args.jobs))
    fig["full_problems"] = problems
    fig["ratio"] = fig["full_s"] / fig["floor_s"]
    ok_ratio = fig["ratio"] <= TARGET_RATIO
    say(f"full check, no cache (jobs={args.jobs or 'all'})", fmt_s(fig["full_s"]),
        f"= {fig['ratio']:.2f} × floor  (target ≤ {TARGET_RATIO} ×)  {verdict(ok_ratio)}"
        + (f"  [{problems} problems!]" if problems else ""))

    def with_fresh_cache() -> int:
        with tempfile.TemporaryDirectory(prefix="kocsite-bench-cache-") as tmp:
            return run_check(root, Path(tmp), args.jobs)

    fig["full_build_cache_s"], _ = best(repeat, with_fresh_cache)
    say("full check, building a fresh cache", fmt_s(fig["full_build_cache_s"]),
        f"= {fig['full_build_cache_s'] / fig['floor_s']:.2f} × floor")
    if not args.no_single:
        started = time.perf_counter()
        run_check(root, None, 1)
        fig["full_jobs1_s"] = time.perf_counter() - started
        say("full check, no cache, jobs=1 (one run)", fmt_s(fig["full_jobs1_s"]),
            f"= {fig['full_jobs1_s'] / fig['floor_s']:.2f} × floor")

    rc = recheck(root, rels, args.jobs, repeat)
    fig["recheck"] = rc
    print(f"re-check with a filled cache ({fmt_b(rc['cache_bytes'])} in {rc['cache_files']} cache file(s), "
          f"filling it took {fmt_s(rc['fill_s'])}):")
    say("  nothing changed", fmt_s(rc["nochange_s"]))
    ok_recheck = "change_single_s" in rc and rc["change_single_s"] < TARGET_RECHECK_S
    if "change_single_s" in rc:
        say("  one contribution file changed", fmt_s(rc["change_single_s"]),
            f"(target < {TARGET_RECHECK_S} s)  {verdict(ok_recheck)}  [{rc['change_single_file']}]")
    for kind, label in (("batch", "one batch file changed"), ("campaign", "one campaign file changed"),
                        ("reference", "one KOC reference broken (rules re-run)")):
        if f"change_{kind}_s" in rc:
            say(f"  {label}", fmt_s(rc[f"change_{kind}_s"]), f"[{rc[f'change_{kind}_file']}]")
    bad = [k for k in rc if k.endswith("problems") and rc[k] and not (k == "change_reference_problems" and rc[k] == 1)]
    if bad:
        print(f"  (problems reported in re-checks: {', '.join(bad)})")

    mem = peak_memory(root, args.jobs)
    fig["memory"] = mem
    ok_rss = mem["tree_rss"] < TARGET_RSS
    print(f"peak memory of a full check (fresh process, {mem['processes']} processes, {fmt_s(mem['seconds'])}):")
    say("  summed RSS of the process tree (sampled)", fmt_b(mem["tree_rss"]), f"(target < 2 GiB)  {verdict(ok_rss)}")
    say("  summed PSS of the process tree (sampled)", fmt_b(mem["tree_pss"]))
    say("  main process ru_maxrss", fmt_b(mem["self_maxrss"]))
    say("  largest worker ru_maxrss (RUSAGE_CHILDREN)", fmt_b(mem["children_maxrss"]))

    fig["clean_check"] = not (problems or mem["problems"])
    return {"ratio": ok_ratio, "recheck": ok_recheck, "rss": ok_rss}


if __name__ == "__main__":
    sys.exit(main())
