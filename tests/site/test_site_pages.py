"""Escaping, Mermaid encoding, git history and determinism of the generated pages (no mkdocs run)."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from datetime import date, datetime, timezone

import markdown

from kocsite.models.programme import load_programme
from kocsite.site.build import generate
from kocsite.outputs.escape import link, md, plain, safe_url
from kocsite.site.history import parse_log, read_history
from kocsite.site.labels import LABELS, Labels
from kocsite.site.charts import Span, Step, payout_bars, step_flow, timeline, xml_text

from site_support import TODAY, copy_sample
from tests_support import REPO


def _render(text: str) -> str:
    return markdown.markdown(text, extensions=["tables", "admonition"])


def test_md_keeps_the_text_and_drops_the_markup():
    for payload in ('<img src=x onerror=alert(1)>', '[x](javascript:alert(1))', '{: onclick="alert(1)" }',
                    '<script>alert(1)</script>', '# heading', '1. list', '**bold** `code` | cell', '&amp; &lt;'):
        rendered = _render(md(payload))
        assert "<img" not in rendered and "<script" not in rendered and "<a " not in rendered
        assert "<h1" not in rendered and "<ol" not in rendered and "<strong" not in rendered and "<code" not in rendered
        import html
        assert html.unescape(rendered.removeprefix("<p>").removesuffix("</p>")) == payload


def test_md_folds_newlines_and_control_characters():
    assert md("a\n\n    b\u2028c\x00d") == "a b cd"


def test_only_http_links_become_links():
    assert link("x", "javascript:alert(1)") == "x"
    assert link("x", "https://example.com/a b)") == "[x](https://example.com/a%20b%29)"
    assert safe_url("data:text/html,hi") is None and safe_url("https://") is None


def test_plain_text_has_nothing_that_opens_markup():
    assert plain('<b a="1">&amp; x:y{z}</b>') == "b a1amp xyz/b"


def test_chart_text_is_xml_escaped_and_charts_need_no_script():
    evil = '</text><script>alert(1)</script><a href="x">&'
    assert xml_text(evil) == "".join(f"&#{ord(c)};" if not c.isalnum() and c != " " else c for c in evil)
    assert xml_text("澜岳 S7\n车主") == "澜岳 S7 车主"
    charts = [step_flow("流程", [Step("a", evil, evil), Step("b", "复核")], [("a", "b"), ("b", "a")]),
              timeline("时间线", [Span(evil, date(2026, 11, 1), date(2026, 11, 5), evil), Span("节点", date(2026, 11, 9), None)],
                       date(2026, 11, 3)),
              payout_bars("奖金", [(evil, 150000), ("小雨", 818182)])]
    for svg in charts:
        assert svg.startswith('<figure class="kocsite-chart"><svg ') and 'role="img"' in svg and "<title>" in svg
        assert set(re.findall(r"<([a-zA-Z]+)", svg)) <= {"figure", "svg", "title", "rect", "text", "path"}, svg
        assert "\n" not in svg and "&#60;script&#62;" in svg
    assert "→ 1&#46; " in charts[0]  # the loop back is named under its box, not drawn across the page
    assert "1&#44;500&#46;00 元" in charts[2] and "8&#44;181&#46;82 元" in charts[2]


def test_every_label_has_both_languages():
    assert all(len(pair) == 2 and all(pair) for pair in LABELS.values())
    assert Labels("en")("kickoff") == "Kickoff" and Labels("zh")("kickoff") == "项目启动"


def test_git_log_is_read_in_one_pass():
    log = "\x012026-11-20\ncampaigns/a.yaml\nkocs/b.yaml\n\n\x012026-11-01\ncampaigns/a.yaml\nother/c.yaml\n"
    assert parse_log(log) == {"campaigns/a.yaml": "2026-11-20", "kocs/b.yaml": "2026-11-20", "other/c.yaml": "2026-11-01"}
    assert parse_log(log, "campaigns/") == {"a.yaml": "2026-11-20"}


def test_history_from_a_real_repository_and_the_fallback(tmp_path):
    import git
    root = copy_sample(tmp_path / "repo")
    assert read_history(root).in_git is False  # tmp_path is not inside a repository
    repo = git.Repo.init(root)
    repo.index.add(["kocs/zuocang-laochen.yaml"])
    when = datetime(2026, 3, 4, 12, 0, tzinfo=timezone.utc)
    actor = git.Actor("test", "test@example.com")
    repo.index.commit("add", author=actor, committer=actor, author_date=when, commit_date=when)
    history = read_history(root)
    assert history.in_git and history.dates == {"kocs/zuocang-laochen.yaml": "2026-03-04"}
    pages = generate(load_programme(root), TODAY)
    assert "*数据最后更新：2026-03-04*" in pages["kocs/zuocang-laochen.md"]
    assert "*数据最后更新：尚未提交*" in pages["kocs/susu-notes.md"]


def test_pages_outside_git_say_so(tmp_path):
    pages = generate(load_programme(copy_sample(tmp_path / "p")), TODAY)
    assert all(text.rstrip().endswith("*数据最后更新：无 git 记录*") for path, text in pages.items() if path.endswith(".md"))


def test_private_fields_never_reach_the_markdown():
    programme = load_programme(REPO)
    pages = "\n".join(generate(programme, TODAY).values())
    for koc in programme.kocs.values():
        if koc.private:
            for value in (koc.private.phone, koc.private.wechat, koc.private.address, koc.private.handoff_notes):
                assert value is None or value not in pages


def test_generated_pages_are_byte_identical_across_runs():
    programme = load_programme(REPO)
    assert generate(programme, TODAY) == generate(load_programme(REPO), TODAY)


SCRIPT = """
import hashlib, sys
from datetime import date
from pathlib import Path
from kocsite.models.programme import load_programme
from kocsite.site.build import generate
pages = generate(load_programme(Path(sys.argv[1])), date(2026, 11, 23))
digest = hashlib.sha256()
for path, text in pages.items():
    digest.update(path.encode() + b"\\0" + text.encode() + b"\\0")
print(digest.hexdigest())
"""


def test_generated_pages_do_not_depend_on_the_hash_seed():
    digests = set()
    for seed in ("1", "2", "31337"):
        env = {**os.environ, "PYTHONHASHSEED": seed}
        result = subprocess.run([sys.executable, "-c", SCRIPT, str(REPO)], capture_output=True, text=True, env=env, check=True)
        digests.add(result.stdout.strip())
    assert len(digests) == 1


def test_line_breaks_inside_chinese_text_leave_no_stray_spaces():
    from kocsite.outputs.escape import md
    assert md("可见即可说、\n手机无感互联。\nOTA 更新\nnext line") == "可见即可说、手机无感互联。 OTA 更新 next line"
