"""One page per task (the creative brief a 氛围营造者 copies from) and the open-call link, from a real build."""

from __future__ import annotations

import html as htmllib
import re

import pytest
import yaml

from kocsite.models.settings import SiteSettings
from kocsite.site.next_steps import apply_link

from site_support import build, copy_sample, html

EVIL = ['<img src=x onerror=alert(1)>', '[点我](javascript:alert(1)) {: onclick="x" }', '--8<-- "/etc/passwd"',
        '{{ config.extra }} `code` **bold**']


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    root = copy_sample(tmp_path_factory.mktemp("tasks") / "programme")
    path = root / "tasks/cockpit-discussion.yaml"
    task = yaml.safe_load(path.read_text(encoding="utf-8"))
    task["brief"]["key_messages"] += EVIL
    task["brief"]["direction"] = EVIL[0] + " 帮真实的问题被看见"
    path.write_text(yaml.safe_dump(task, allow_unicode=True, sort_keys=False), encoding="utf-8")
    out = root.parent / "out"
    build(root, out)
    return root, out


def copy_boxes(page: str) -> list[str]:
    return [htmllib.unescape(re.sub(r"<[^>]+>", "", m)) for m in re.findall(r'<p class="kocsite-copy">(.*?)</p>', page, re.S)]


def test_every_task_has_a_page_with_its_brief(built):
    root, out = built
    tasks = sorted(p.stem for p in (root / "tasks").glob("*.yaml"))
    pages = sorted(p.name for p in (out / "site/tasks/all").iterdir() if p.is_dir())
    assert pages == tasks
    page = html(out / "site", "tasks/all/cockpit-discussion")
    assert "创意简报" in page and "帮真实的问题被看见" in page and "交付标准" in page and "提交的作品" in page
    assert "氛围营造者的交付标准" in page and "负责人" in page and "截止日期" in page
    boxes = copy_boxes(page)
    assert boxes[:3] == ["连续对话、可见即可说、手机无感互联、家庭模式", "说清楚是哪个版本、什么场景",
                         "4.0 的连续对话：唤醒一次，接着说下一句就行，不用每句都喊唤醒词（实测版本 4.0.2，车内安静时）。"]
    assert "小红书" in page and "车主群" in page                       # channels
    assert "启动会" in page                                            # resources


def test_hostile_brief_text_is_shown_as_typed_and_never_markup(built):
    _, out = built
    page = html(out / "site", "tasks/all/cockpit-discussion")
    assert copy_boxes(page)[3:] == EVIL                                 # copied exactly as the operator typed it
    article = page[page.index("<article"):page.index("</article>")]
    assert "<img" not in article and 'href="javascript' not in article and "onclick=" not in article
    assert "root:" not in article and "<strong>bold" not in article and "<code>code" not in article
    assert "<script" not in article


def test_task_pages_are_linked_and_outside_the_nav(built):
    _, out = built
    site = out / "site"
    assert 'href="../all/cockpit-discussion/"' in html(site, "tasks/project")
    assert "all/cockpit-discussion/" in html(site, "campaigns/cockpit-deep-experience/board")
    assert "tasks/all/" not in html(site, "")                           # not in the nav rendered into every page
    routine = html(site, "tasks/all/daily-check-in")
    assert "这个任务还没有创意简报" in routine and "位车主" in routine       # a count, not thousands of rows


def test_the_stylesheet_makes_a_message_one_selection(built):
    _, out = built
    css = (out / "site/assets/kocsite.css").read_text(encoding="utf-8")
    rule = re.search(r"\.kocsite-copy \{([^}]*)\}", css).group(1)
    assert "user-select: all" in rule and "-webkit-user-select: all" in rule


def test_recruiting_campaigns_link_to_the_open_call_form(built):
    root, out = built
    settings = yaml.safe_load((root / "kocsite.yml").read_text(encoding="utf-8"))
    repo = settings["site"]["repo_url"]
    recruiting = [p.stem for p in (root / "campaigns").glob("*.yaml")
                  if yaml.safe_load(p.read_text(encoding="utf-8"))["status"] == "recruiting"]
    assert recruiting
    page = html(out / "site", f"campaigns/{recruiting[0]}")
    assert f'href="{repo}/issues/new?template=apply.yml"' in page


def test_apply_link_choice():
    assert apply_link(SiteSettings(repo_url="https://github.com/lanyue/koc")) == "https://github.com/lanyue/koc/issues/new?template=apply.yml"
    assert apply_link(SiteSettings(repo_url="https://github.com/lanyue/koc.git/")) == "https://github.com/lanyue/koc/issues/new?template=apply.yml"
    assert apply_link(SiteSettings(repo_url="https://github.com/lanyue/koc", apply_url="https://form.example/x")) == "https://form.example/x"
    assert apply_link(SiteSettings(repo_url="https://gitlab.com/lanyue/koc")) is None      # no GitHub issue forms there
    assert apply_link(SiteSettings(repo_url="https://github.com/lanyue")) is None
    assert apply_link(SiteSettings()) is None
