"""Private fields never reach the output; data payloads render as harmless text.

A copy of the sample programme gets a unique marker in every private field of a KOC and a campaign,
and XSS / Markdown / Mermaid payloads in public names, titles and descriptions. After a real build,
every file under the output (and the generated pages) is scanned.
"""

from __future__ import annotations

import html as htmllib
import json
import re

import pytest
import yaml

from site_support import build, copy_sample

PAYLOADS = ['<img src=x onerror=alert(1)>', '[x](javascript:alert(1))', '{: onclick="alert(1)" }',
            '<script>alert(1)</script>', '"]) --> X[evil', '%%{init: {"theme": "dark"}}%%']
PAYLOAD = " ".join(PAYLOADS)
KOC, CAMPAIGN = "zuocang-laochen", "cockpit-deep-experience"


def _marker(name: str) -> str:
    return f"PRIVMARK{name.upper().replace('_', '')}Q7"


KOC_PRIVATE = {"real_name": _marker("real_name"), "phone": _marker("phone"), "wechat": _marker("wechat"),
               "address": _marker("address"), "notes": _marker("notes"), "handoff_notes": _marker("handoff_notes"),
               "contact_log": [{"date": "2026-10-01", "channel": _marker("log_channel"), "summary": _marker("log_summary"),
                                "by": _marker("log_by"), "next_step": _marker("log_next_step"), "next_date": "2026-10-02"}]}
CAMPAIGN_PRIVATE = {"notes": _marker("campaign_notes"), "budget_owner": _marker("budget_owner")}
MARKERS = [v for v in (*KOC_PRIVATE.values(), *CAMPAIGN_PRIVATE.values()) if isinstance(v, str)]
MARKERS += [v for v in KOC_PRIVATE["contact_log"][0].values() if v.startswith("PRIVMARK")]
SEARCH_TAGS = {"code", "pre", "p", "li", "ul", "ol", "table", "thead", "tbody", "tr", "th", "td", "strong", "em", "br", "span",
               "blockquote", "hr", "a"}


def _edit(path, change) -> None:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    change(data)
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")


def _plant_koc(d):
    d["private"] = KOC_PRIVATE
    d["name"] = "老陈" + PAYLOAD
    d["bio"] = PAYLOAD + "\n\n    indented " + PAYLOAD
    d["city"] = PAYLOAD
    d["interests"] = [PAYLOAD]
    d["cars"][0]["model"] = PAYLOAD


def _plant_campaign(d):
    d["private"] = CAMPAIGN_PRIVATE
    d["title"] = "座舱" + PAYLOAD
    d["background"] = PAYLOAD
    d["tags"] = [PAYLOAD]
    d["goals"][0]["title"] = PAYLOAD
    d["roles"][0]["name"] = PAYLOAD
    d["roles"][0]["duties"] = [PAYLOAD]
    d["kickoff"]["agenda"] = [PAYLOAD]
    for step in d["flow"]:
        step["name"] = PAYLOAD
        step["description"] = PAYLOAD
    for milestone in d["timeline"]:
        milestone["name"] = PAYLOAD


def _plant_work(d):
    d["title"] = PAYLOAD
    d["excerpt"] = PAYLOAD


def _plant_award(d):
    d["award"]["title"] = PAYLOAD
    d["award"]["citation"] = PAYLOAD


def _plant_settings(d):
    d["site"]["title"] = PAYLOAD
    d["site"]["description"] = PAYLOAD
    d["skills"][0]["name"] = PAYLOAD


@pytest.fixture(scope="module")
def output(tmp_path_factory):
    root = copy_sample(tmp_path_factory.mktemp("planted") / "programme")
    _edit(root / f"kocs/{KOC}.yaml", _plant_koc)
    _edit(root / f"campaigns/{CAMPAIGN}.yaml", _plant_campaign)
    _edit(root / "tasks/cockpit-review-voice.yaml", lambda d: d.update(title=PAYLOAD, description=PAYLOAD))
    _edit(root / "tasks/cockpit-review-voice/zuocang-laochen.yaml", _plant_work)
    _edit(root / "tasks/battery-rumour-clarified/lanjie-s7.yaml", _plant_award)
    _edit(root / "kocsite.yml", _plant_settings)
    out = tmp_path_factory.mktemp("out")
    build(root, out)
    files = [p for p in out.rglob("*") if p.is_file()]
    return out, {p: p.read_bytes().decode("utf-8", "replace") for p in files}


def test_the_payloads_did_reach_the_pages(output):
    """Guard against a vacuous pass: the planted text is on the site, visibly, as text."""
    out, files = output
    page = files[out / "site/kocs/zuocang-laochen/index.html"]
    assert "&#60;img src&#61;x onerror&#61;alert&#40;1&#41;&#62;" in page
    assert htmllib.unescape("&#60;script&#62;alert&#40;1&#41;&#60;&#47;script&#62;") in htmllib.unescape(page)


def test_no_private_value_in_any_output_file(output):
    out, files = output
    assert len(files) > 50
    for path, text in files.items():
        for marker in MARKERS:
            assert marker not in text, (marker, path)


def test_no_payload_is_live_in_html_xml_or_generated_config(output):
    out, files = output
    for path, text in files.items():
        if path.suffix not in (".html", ".xml", ".md", ".yml"):
            continue
        lowered = text.lower()
        for raw in ("<img src=x", "onerror=", "<script>alert", "javascript:", "onclick=", "x[evil", "%%{init"):
            assert raw not in lowered, (raw, path)


def test_titles_and_site_name_carry_no_markup(output):
    out, files = output
    for path, text in files.items():
        if path.suffix == ".html":
            for title in re.findall(r"<title>(.*?)</title>", text, re.S):
                assert "<" not in title, path  # entities (&#60;) are fine: the browser shows them as text


def test_search_index_holds_text_not_markup(output):
    out, files = output
    index = json.loads(files[out / "site/search/search_index.json"])
    for doc in index["docs"]:
        for field in ("title", "text"):
            tags = {t.lower() for t in re.findall(r"<\s*([a-zA-Z][a-zA-Z0-9]*)", doc[field])}
            assert tags <= SEARCH_TAGS, (doc["location"], tags - SEARCH_TAGS)
            assert not re.search(r"<a\s[^>]*href=\"javascript", doc[field])
        for tag in doc.get("tags", []):
            assert "<" not in tag and ">" not in tag


def test_charts_show_payloads_as_text(output):
    """Step names and milestones (planted with payloads) are drawn in SVG text: no tag, attribute or
    script can come out of them, and nothing asks the browser for a diagram library."""
    out, files = output
    page = files[out / f"site/campaigns/{CAMPAIGN}/index.html"]
    charts = re.findall(r'<figure class="kocsite-chart">(.*?)</figure>', page, re.S)
    assert len(charts) == 2
    for chart in charts:
        assert set(re.findall(r"<([a-zA-Z]+)", chart)) <= {"svg", "title", "rect", "text", "path"}
        assert "&#60;img src&#61;x onerror&#61;alert&#40;1&#41;&#62;" in chart  # visible, as text
    assert "mermaid" not in page and "unpkg" not in page