"""Parts of the generated site config that come from the programme rather than from mkdocs.yml:
the jieba user dictionary of the programme's own words, the search plugin pointing at it, the
Chinese 404 page (Material's says "404 - Not found") and a page title that does not double the site name.

Search: Material segments Chinese with jieba. Names it does not know are cut apart (座舱老陈 → 座舱 /
老 / 陈), so a search for a nickname ranks other pages first. The user dictionary lists every public
nickname, campaign, task and role title, skill name, car model and tag, with a high frequency so
jieba keeps each as one word.
"""

from __future__ import annotations

from pathlib import Path

import yaml

from kocsite.models.programme import Programme

DICT_NAME = "jieba_user.txt"
FREQUENCY = 20000

NOT_FOUND = """{% extends "main.html" %}
{% block content %}
<h1>404 · 页面不存在</h1>
<p>这个页面不存在或已经移动。请从<a href="{{ config.site_url or '/' }}">首页</a>重新进入，或用右上角的搜索。</p>
{% endblock %}
"""


# Material titles the home page "<site> - <site>" when its title is the site name: say it once.
MAIN = """{% extends "base.html" %}
{% block htmltitle %}
  {%- if page and page.meta and page.meta.title -%}{%- set title = page.meta.title -%}
  {%- elif page and page.title and not page.is_homepage -%}{%- set title = page.title | striptags -%}
  {%- else -%}{%- set title = "" -%}{%- endif -%}
  {%- if title and title != config.site_name %}
  <title>{{ title }} - {{ config.site_name }}</title>
  {%- else %}
  <title>{{ config.site_name }}</title>
  {%- endif %}
{% endblock %}
"""


def programme_words(programme: Programme) -> list[str]:
    words: set[str] = set()
    for koc in programme.kocs.values():
        words.add(koc.name)
        words.update(car.model for car in koc.cars)
        words.update(koc.interests)
    for campaign in programme.campaigns.values():
        words.add(campaign.title)
        words.update(campaign.tags)
        words.update(role.name for role in campaign.roles)
        if campaign.product:
            words.add(campaign.product)
    words.update(task.title for task in programme.tasks.values())
    words.update(skill.name for skill in programme.settings.skills)
    cleaned = {" ".join(w.split()) for w in words if w}
    # jieba's dictionary lines are "word freq": a word must not contain a space or a newline
    return sorted(w for w in cleaned if " " not in w and 2 <= len(w) <= 40)


PADDING_WORD = "\ue000kocsite"
"""Never in a page (a private-use character and no Han): its frequency rounds the dictionary's total up."""
TOTAL_STEP = 1 << 26


def user_dict_text(words: list[str]) -> str:
    """One "word frequency" line per word, then the padding word, which makes the total frequency a
    multiple of TOTAL_STEP. jieba weighs every cut by that total, so a renamed KOC (or one more word)
    leaves it unchanged, and the page cache keeps the search entries of the pages without the word."""
    total = FREQUENCY * len(words)
    return "".join(f"{w} {FREQUENCY}\n" for w in words) + f"{PADDING_WORD} {TOTAL_STEP - total % TOTAL_STEP}\n"


def write_user_dict(programme: Programme, folder: Path) -> Path:
    path = folder / DICT_NAME
    folder.mkdir(parents=True, exist_ok=True)
    path.write_text(user_dict_text(programme_words(programme)), encoding="utf-8")
    return path


def _ignore_tags(loader, suffix, node):  # the theme's !!python/... values are not ours to read here
    return None


class _Loader(yaml.SafeLoader):
    pass


_Loader.add_multi_constructor("tag:yaml.org,2002:python/", _ignore_tags)


def search_plugins(base: Path, user_dict: Path) -> list[object] | None:
    """The base config's plugin list with `jieba_dict_user` added to `search`; None if it has no search."""
    config = yaml.load(base.read_text(encoding="utf-8"), Loader=_Loader) or {}
    plugins = config.get("plugins")
    if not isinstance(plugins, list):
        return None
    result, found = [], False
    for plugin in plugins:
        if plugin == "search" or (isinstance(plugin, dict) and "search" in plugin):
            options = dict(plugin["search"] or {}) if isinstance(plugin, dict) else {}
            options["jieba_dict_user"] = str(user_dict.resolve())
            result.append({"search": options})
            found = True
        else:
            result.append(plugin)
    return result if found else None


def write_overrides(folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "main.html").write_text(MAIN, encoding="utf-8")
    (folder / "404.html").write_text(NOT_FOUND, encoding="utf-8")
    return folder


def flat_config(base: Path, generated: dict[str, object], root: Path, docs_dir: Path, site_dir: Path) -> dict[str, object]:
    """One config without INHERIT and with paths relative to `root`, as Zensical needs (it panics on
    INHERIT and refuses absolute docs_dir/site_dir). Python-tagged values of the base (the toc's
    slugify) are dropped: Zensical does not run Python hooks, and it uses its own slugify."""
    config = yaml.load(base.read_text(encoding="utf-8"), Loader=_Loader) or {}
    config = _without_none(config)
    for key, value in generated.items():
        if key == "INHERIT":
            continue
        if isinstance(value, dict) and isinstance(config.get(key), dict):
            config[key] = {**config[key], **value}
        else:
            config[key] = value
    config["docs_dir"] = docs_dir.resolve().relative_to(root.resolve()).as_posix()
    config["site_dir"] = site_dir.resolve().relative_to(root.resolve()).as_posix()
    theme = config.get("theme")
    if isinstance(theme, dict) and "custom_dir" in theme:
        theme["custom_dir"] = Path(str(theme["custom_dir"])).resolve().relative_to(root.resolve()).as_posix()
    return config


def _without_none(value):
    if isinstance(value, dict):
        return {k: _without_none(v) for k, v in value.items() if v is not None}
    if isinstance(value, list):
        return [_without_none(v) for v in value if v is not None]
    return value
