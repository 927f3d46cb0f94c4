"""Search and language of the built site: jieba knows the programme's words, no English chrome."""

from __future__ import annotations

import json
import re

import pytest

from site_support import build, html
from tests_support import REPO


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    out = tmp_path_factory.mktemp("chrome")
    build(REPO, out)
    return out


def test_jieba_keeps_the_programmes_words_whole(site):
    words = (site / "jieba_user.txt").read_text(encoding="utf-8").splitlines()
    assert "座舱老陈 20000" in words and "智能座舱深度体验 20000" in words
    index = json.loads((site / "site/search/search_index.json").read_text(encoding="utf-8"))
    text = "\n".join(doc["title"] + " " + doc["text"] for doc in index["docs"])
    for word in ("座舱老陈", "小雨的车生活", "一鸣数据控"):  # without the user dictionary: 座舱 / 老 / 陈 …
        assert f"\u200b{word}\u200b" in text or re.search(rf"(^|[\s\u200b>]){word}($|[\s\u200b<])", text), word


ENGLISH_CHROME = ("Made with", "Material for MkDocs", "404 - Not found", "Permanent link", "Back to top", "Type to start searching",
                  "Initializing search", ">Search<", '"Search"', "Skip to content", "Share", "Clear", "Previous", "Next",
                  "Select language", "Table of contents", "Navigation")


def test_no_english_chrome(site):
    pages = list((site / "site").rglob("*.html"))
    assert len(pages) > 40
    for page in pages:
        text = page.read_text(encoding="utf-8")
        chrome = re.sub(r'<article class="md-content__inner.*?</article>', "", text, flags=re.S)  # the theme's words, not the data's
        assert not [s for s in ENGLISH_CHROME if s in chrome], page
        assert '<html lang="zh"' in text, page
        assert "Made with" not in text and "Permanent link" not in text, page
    not_found = (site / "site/404.html").read_text(encoding="utf-8")
    assert "404 · 页面不存在" in not_found and "Not found" not in not_found
    directory = html(site / "site", "directory")
    group = re.search(r'href="([a-z0])/"', directory).group(1)
    assert "<th>id</th>" not in html(site / "site", f"directory/{group}")


def test_the_home_title_says_the_site_name_once(site):
    titles = {page: re.search(r"<title>(.*?)</title>", page.read_text(encoding="utf-8"), re.S).group(1).strip()
              for page in (site / "site").rglob("*.html")}
    assert titles[site / "site/index.html"] == "澜岳车主共创计划"
    assert titles[site / "site/kocs/zuocang-laochen/index.html"] == "座舱老陈 - 澜岳车主共创计划"
    for page, title in titles.items():
        assert title.count("澜岳车主共创计划") == 1, (page, title)


def test_headings_never_skip_a_level(site):
    for page in (site / "site").rglob("index.html"):
        article = page.read_text(encoding="utf-8").split('<article class="md-content__inner', 1)[-1].split("</article>", 1)[0]
        levels = [int(h) for h in re.findall(r"<h([1-6])[ >]", article)]
        for before, after in zip(levels, levels[1:]):
            assert after <= before + 1, (page, levels)


def test_the_user_dictionary_total_stays_the_same_when_a_word_is_added():
    from kocsite.site.engine_config import TOTAL_STEP, user_dict_text

    def total(text: str) -> int:
        return sum(int(line.rsplit(" ", 1)[1]) for line in text.splitlines())

    few, more = user_dict_text(["座舱老陈", "小雨的车生活"]), user_dict_text(["座舱老陈", "座舱陈师傅", "小雨的车生活"])
    assert total(few) == total(more) == TOTAL_STEP
    assert "座舱陈师傅 20000" in more.splitlines()
