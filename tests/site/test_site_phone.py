"""What a reader in mainland China gets on a 390 px phone: every page kind in headless Chromium with every
host but 127.0.0.1 unresolvable (`--host-resolver-rules`), as behind a firewall that blocks CDNs.

On each page: no request leaves 127.0.0.1 (read from Chromium's own network log), no diagram source is
visible, no uncaught JavaScript error, no table wider than its column or hidden in a scroll box, table
text at least 14 px. A probe script is added to each HTML response by the test server (only there); it
records errors from the first moment and writes its findings into the DOM that `--dump-dom` returns.
Phone screenshots of home, a brief, an honor roll and a profile are written next to the built site.
"""

from __future__ import annotations

import functools
import html
import io
import http.server
import json
import re
import subprocess
import tempfile
import threading
from pathlib import Path

import pytest

from site_support import build
from test_site_browser import CHROMIUM, FLAGS
from tests_support import REPO

pytestmark = pytest.mark.skipif(CHROMIUM is None, reason="headless Chromium is not installed (apt-get install chromium)")
BLOCK = "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1"
PHONE = "--window-size=390,844"

PROBE = """<script>
window.__probe = {errors: []};
addEventListener('error', e => __probe.errors.push(String(e.message || (e.target && (e.target.src || e.target.href)) || e.type)), true);
addEventListener('unhandledrejection', e => __probe.errors.push('unhandled rejection: ' + e.reason));
addEventListener('load', () => setTimeout(() => {
  // headless --dump-dom keeps a window at least 500 px wide: lay the page out 390 px wide instead
  // (both are below Material's tablet breakpoint of 60em, so the same phone layout applies)
  if (innerWidth > 390) { document.documentElement.style.width = '390px'; document.body.offsetWidth; }
  const article = document.querySelector('article.md-content__inner') || document.body;
  const width = article.clientWidth;
  const tables = [...article.querySelectorAll('table')].map(t => ({
    width: Math.round(t.getBoundingClientRect().width), container: width,
    wrapHidden: !!(t.closest('.md-typeset__scrollwrap') && t.closest('.md-typeset__scrollwrap').scrollWidth >
                   t.closest('.md-typeset__scrollwrap').clientWidth + 1),
    font: Math.min(...[...t.querySelectorAll('td, th')].map(c => parseFloat(getComputedStyle(c).fontSize)))}));
  const charts = [...article.querySelectorAll('.kocsite-chart svg')].map(s => Math.round(s.getBoundingClientRect().width));
  const right = article.getBoundingClientRect().right;
  const overflow = [...article.querySelectorAll('*')].filter(e => e.getBoundingClientRect().right > right + 1)
                     .slice(0, 3).map(e => e.tagName + ' ' + (e.textContent || '').slice(0, 30));
  const copy = [...article.querySelectorAll('.kocsite-copy')].map(e => ({text: e.innerText, select: getComputedStyle(e).userSelect,
    width: Math.round(e.getBoundingClientRect().width), font: parseFloat(getComputedStyle(e).fontSize)}));
  __probe.result = {viewport: document.documentElement.getBoundingClientRect().width, tables, charts, overflow, copy, text: article.innerText, mermaid: document.querySelectorAll('.mermaid').length,
                    scripts: [...document.scripts].map(s => s.src).filter(Boolean)};
  const out = document.createElement('pre');
  out.id = 'kocsite-probe';
  out.textContent = JSON.stringify(__probe);
  document.body.appendChild(out);
}, 300));
</script>"""


class _ProbingHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):  # quiet
        pass

    def send_head(self):
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            path = path / "index.html"
        if path.suffix != ".html" or not path.is_file():
            return super().send_head()
        body = path.read_text(encoding="utf-8").replace("<head>", "<head>" + PROBE, 1).encode("utf-8")
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        return io.BytesIO(body)


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    out = tmp_path_factory.mktemp("phone")
    build(REPO, out)
    handler = functools.partial(_ProbingHandler, directory=str(out / "site"))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}", out
    server.shutdown()


def chromium(*args: str) -> subprocess.CompletedProcess:
    with tempfile.TemporaryDirectory() as profile:
        return subprocess.run([CHROMIUM, *FLAGS, BLOCK, f"--user-data-dir={profile}", *args],
                              capture_output=True, text=True, timeout=120, check=False)


def visit(base: str, page: str, netlog: Path) -> dict:
    dom = chromium(PHONE, f"--log-net-log={netlog}", "--dump-dom", f"{base}/{page}").stdout
    found = re.search(r'<pre id="kocsite-probe">(.*?)</pre>', dom, re.S)
    assert found, f"the probe did not report on {page}: {dom[-500:]}"
    return json.loads(html.unescape(found.group(1)))


# Network-traffic annotations of the requests a page makes: Blink's resource loader (scripts, styles,
# images, fonts, fetch) and navigations. Chromium's own background traffic (component updates, time
# sync, accounts, autofill, spell-check dictionaries) carries other annotations and is not the site's.
PAGE_TRAFFIC = {101845102, 63171670}


def requested_hosts(netlog: Path) -> set[str]:
    """Hosts the page asked for, from Chromium's network log (so also requests that failed to resolve)."""
    text = netlog.read_text(encoding="utf-8", errors="replace")
    return {m.group(2) for m in re.finditer(r'"traffic_annotation":(\d+),"url":"(?:https?|wss?)://([^/:"?]+)', text)
            if int(m.group(1)) in PAGE_TRAFFIC}


RUNNING, CLOSED = "cockpit-deep-experience", None
BRIEF_TASK = "cockpit-discussion"
"""A task page whose creative brief has key messages for atmosphere builders to copy."""
PAGE_KINDS = ["", "campaigns/", "campaigns/{running}/", "campaigns/{running}/board/", "campaigns/{running}/honors/",
              "campaigns/{closed}/", "campaigns/{closed}/honors/", "campaigns/{recruiting}/", "hall-of-fame/", "directory/",
              "directory/{group}/", "kocs/{koc}/", "skills/", "insights/", "tasks/", "tasks/routine/", "tasks/exploration/",
              "tasks/project/", "tasks/all/{brief_task}/", "tags/", "404.html"]


def _kinds(out: Path) -> list[str]:
    from kocsite.models.programme import load_programme
    programme = load_programme(REPO)
    by_status = {}
    for cid in sorted(programme.campaigns):
        by_status.setdefault(programme.campaigns[cid].status, cid)
    group = sorted(p.name for p in (out / "site/directory").iterdir() if p.is_dir())[0]
    values = {"running": RUNNING, "closed": by_status.get("closed"), "recruiting": by_status.get("recruiting"),
              "group": group, "koc": "zuocang-laochen", "brief_task": BRIEF_TASK}
    pages = []
    for kind in PAGE_KINDS:
        names = re.findall(r"{(\w+)}", kind)
        if all(values.get(n) for n in names):
            pages.append(kind.format(**values))
    return pages


def test_every_page_kind_on_a_blocked_phone(served, tmp_path):
    base, out = served
    problems, measured, charts, copies = [], 0, {}, {}
    pages = _kinds(out)
    assert len(pages) >= 18
    for page in pages:
        netlog = tmp_path / f"{re.sub(r'[^a-z0-9]+', '-', page) or 'home'}.json"
        probe = visit(base, page, netlog)
        result = probe["result"]
        measured += len(result["tables"])
        assert result["viewport"] == 390, result["viewport"]  # really a phone's width
        charts[page] = result["charts"]
        copies[page] = result["copy"]
        hosts = requested_hosts(netlog) - {"127.0.0.1"}
        if hosts:
            problems.append(f"{page}: requests to {sorted(hosts)}")
        if probe["errors"]:
            problems.append(f"{page}: JS errors {probe['errors']}")
        text = result["text"]
        for source in ("```", "flowchart", "gantt", "pie showData", "#65288;", "mermaid", "-->"):
            if source in text:
                problems.append(f"{page}: diagram source visible ({source})")
        if result["mermaid"]:
            problems.append(f"{page}: {result['mermaid']} mermaid blocks")
        for n, t in enumerate(result["tables"], 1):
            if t["width"] > t["container"] or t["wrapHidden"]:
                problems.append(f"{page}: table {n} is {t['width']} px in a {t['container']} px column")
            if t["font"] < 14:
                problems.append(f"{page}: table {n} text is {t['font']} px")
        if result["overflow"]:
            problems.append(f"{page}: sticks out of the 390 px column: {result['overflow']}")
        if any(src and not src.startswith(base) for src in result["scripts"]):
            problems.append(f"{page}: scripts from elsewhere {result['scripts']}")
    assert problems == []
    assert measured >= 30  # the checks above looked at real tables
    brief = f"campaigns/{RUNNING}/"
    assert len(charts[brief]) == 2 and all(200 <= w <= 390 for w in charts[brief])  # step flow and timeline, phone-wide
    assert len(charts[f"{brief}honors/"]) == 1
    boxes = copies[f"tasks/all/{BRIEF_TASK}/"]
    assert len(boxes) >= 3 and all(b["text"].strip() for b in boxes)
    assert all(b["select"] == "all" for b in boxes)             # one long-press or click selects the whole message
    assert all(b["width"] <= 390 and b["font"] >= 14 for b in boxes)


def test_the_netlog_sees_a_blocked_request(served, tmp_path):
    """The request check can fail: a page that asks for unpkg.com shows up in the network log."""
    base, out = served
    page = out / "site/probe-test.html"
    page.write_text('<html><head><link rel="stylesheet" href="https://fonts.googleapis.com/css?family=Roboto"></head><body>'
                    '<script src="https://unpkg.com/mermaid@11/dist/mermaid.min.js"></script></body></html>', encoding="utf-8")
    netlog = tmp_path / "netlog.json"
    probe = visit(base, "probe-test.html", netlog)
    assert {"unpkg.com", "fonts.googleapis.com", "127.0.0.1"} <= requested_hosts(netlog)
    assert probe["errors"]  # the failed script load is seen by the error listener


@pytest.mark.parametrize("name, page", [("home", ""), ("brief", f"campaigns/{RUNNING}/"),
                                        ("honors", f"campaigns/{RUNNING}/honors/"), ("profile", "kocs/zuocang-laochen/"),
                                        ("task", f"tasks/all/{BRIEF_TASK}/")])
def test_phone_screenshots(served, name, page):
    base, out = served
    png = out / f"phone-{name}.png"
    chromium("--window-size=390,2400", f"--screenshot={png}", f"{base}/{page}")
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and png.stat().st_size > 20_000
