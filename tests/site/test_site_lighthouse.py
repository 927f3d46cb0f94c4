"""Lighthouse's mobile accessibility score of the home page and a profile is at least 95.

Runs where Lighthouse is installed (`npm install -g lighthouse`, or `npm install --prefix DIR lighthouse`
and LIGHTHOUSE=DIR/node_modules/.bin/lighthouse) with headless Chromium; skips otherwise, never fails
for want of npm. Third-party hosts are blocked, as for a reader in mainland China."""

from __future__ import annotations

import functools
import http.server
import json
import os
import shutil
import subprocess
import threading

import pytest

from site_support import build
from tests_support import REPO

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
LIGHTHOUSE = os.environ.get("LIGHTHOUSE") or shutil.which("lighthouse")
pytestmark = pytest.mark.skipif(CHROMIUM is None or not LIGHTHOUSE or not os.path.exists(LIGHTHOUSE),
                                reason="Lighthouse or Chromium is not installed (npm install -g lighthouse)")
FLAGS = "--headless --no-sandbox --disable-gpu --host-resolver-rules='MAP * ~NOTFOUND, EXCLUDE 127.0.0.1'"


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    out = tmp_path_factory.mktemp("lighthouse")
    build(REPO, out)
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(out / "site"))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}", out
    server.shutdown()


@pytest.mark.parametrize("page", ["", "kocs/zuocang-laochen/"])
def test_mobile_accessibility_is_at_least_95(served, page):
    base, out = served
    report = out / f"lighthouse-{page.strip('/').replace('/', '-') or 'home'}.json"
    try:
        run = subprocess.run([LIGHTHOUSE, f"{base}/{page}", "--only-categories=accessibility", "--form-factor=mobile",
                              "--output=json", f"--output-path={report}", "--quiet", f"--chrome-flags={FLAGS}"],
                             capture_output=True, text=True, timeout=300, check=False,
                             env={**os.environ, "CHROME_PATH": CHROMIUM})
    except (OSError, subprocess.TimeoutExpired) as error:
        pytest.skip(f"Lighthouse did not run: {error}")
    if not report.exists():
        pytest.skip(f"Lighthouse did not run: {run.stderr[-300:]}")
    result = json.loads(report.read_text(encoding="utf-8"))
    failed = [audit["id"] for audit in result["audits"].values()
              if audit.get("scoreDisplayMode") == "binary" and audit.get("score") == 0]
    assert result["categories"]["accessibility"]["score"] >= 0.95, failed
