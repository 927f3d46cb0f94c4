"""The built site in a real browser (headless Chromium, where installed): what a KOC's phone shows.

Pages are served on 127.0.0.1 only. The DOM after scripts ran must show the campaign's figures,
and a phone-width screenshot must be taken; a person looks at the PNGs under the test's tmp dir.
"""

from __future__ import annotations

import functools
import http.server
import shutil
import subprocess
import tempfile
import threading

import pytest

from site_support import build
from tests_support import REPO

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
pytestmark = pytest.mark.skipif(CHROMIUM is None, reason="headless Chromium is not installed (apt-get install chromium)")
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
         "--disable-component-update", "--disable-sync", "--hide-scrollbars", "--virtual-time-budget=3000"]


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    out = tmp_path_factory.mktemp("site")
    build(REPO, out)
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(out / "site"))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}", out
    server.shutdown()


def chromium(*args: str) -> subprocess.CompletedProcess:
    with tempfile.TemporaryDirectory() as profile:
        return subprocess.run([CHROMIUM, *FLAGS, f"--user-data-dir={profile}", *args],
                              capture_output=True, text=True, timeout=120, check=False)


def test_the_progress_board_renders_its_figures(served):
    base, _ = served
    dom = chromium("--dump-dom", f"{base}/campaigns/cockpit-deep-experience/board/").stdout
    assert "智能座舱深度体验" in dom and "10 / 50" in dom and "<progress" in dom


@pytest.mark.parametrize("page, size", [("", "390,844"), ("campaigns/cockpit-deep-experience/honors/", "390,1600"),
                                        ("kocs/zuocang-laochen/", "1280,900")])
def test_screenshots_on_a_phone_and_a_desktop(served, page, size):
    base, out = served
    png = out / f"shot-{page.strip('/').replace('/', '-') or 'home'}-{size.replace(',', 'x')}.png"
    chromium(f"--window-size={size}", f"--screenshot={png}", f"{base}/{page}")
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and png.stat().st_size > 10_000
