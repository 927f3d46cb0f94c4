"""The last guard: a private value typed into a public field stops the build before anything is written."""

from datetime import date

from kocsite.models.programme import load_programme
from kocsite.site.build import generate
from kocsite.site.guard import find_leaks

PRIVATE = """\
private:
  real_name: 李磊磊
  phone: "13800001234"
"""


def leaks_for(programme, koc_text):
    root = programme({"kocs/li-lei.yaml": koc_text})
    loaded = load_programme(root)
    assert loaded.problems == []
    return sorted({(leak.owner, leak.field) for leak in find_leaks(loaded, generate(loaded, date(2025, 7, 20)))})


def test_a_real_name_in_a_public_bio_is_found(programme):
    assert leaks_for(programme, "name: 李雷\nbio: 我是李磊磊，热爱自驾\n" + PRIVATE) == [("li-lei", "real_name")]


def test_a_phone_number_anywhere_public_is_found(programme):
    assert ("li-lei", "phone") in leaks_for(programme, "name: 李雷\nbio: 有事打 13800001234\n" + PRIVATE)


def test_a_real_name_the_koc_shows_in_their_own_nickname_is_theirs_to_show(programme):
    assert leaks_for(programme, "name: 李磊磊的用车日记\n" + PRIVATE) == []


def test_the_build_refuses_and_writes_nothing(programme, run, tmp_path):
    root = programme({"kocs/li-lei.yaml": "name: 李雷\nbio: 我是李磊磊\n" + PRIVATE})
    out, docs = tmp_path / "site", tmp_path / "docs"
    result = run("build", root, "--out", out, "--docs", docs)
    assert result.exit_code == 1
    assert "private real_name of li-lei" in result.output and "李磊磊" not in result.output
    assert not out.exists() and not docs.exists()


def test_a_real_name_inside_another_kocs_display_name_is_that_name(programme):
    # han-meimei's real name 李磊磊 is part of li-lei's public nickname 李磊磊的车: not a leak
    root = programme({"kocs/li-lei.yaml": "name: 李磊磊的车\n",
                      "kocs/han-meimei.yaml": "name: 韩梅梅\nprivate:\n  real_name: 李磊磊\n"})
    loaded = load_programme(root)
    assert find_leaks(loaded, generate(loaded, date(2025, 7, 20))) == []
    assert find_leaks(loaded, {"x.md": "李磊磊 来了"}) != []  # alone, it still is


def test_a_git_identity_typed_into_a_public_field_is_found(programme):
    koc = "name: 李雷\nbio: 提交用 lilei@example.com\ngit:\n  - LiLei@example.com\n"
    assert leaks_for(programme, koc) == [("li-lei", "git")]
APPLICATION = """\
pipeline:
  stage: active
  source: open-call
  application:
    applied: 2025-07-01
    why: 想把周末自驾路线做成视频，每周能投入五小时
"""


def test_an_open_call_application_stays_off_the_site(programme):
    """The words of an application (kocsite apply) are for the operators, not the site: the guard knows them."""
    assert leaks_for(programme, "name: 李雷\n" + APPLICATION) == []
    assert leaks_for(programme, "name: 李雷\nbio: 想把周末自驾路线做成视频，每周能投入五小时\n" + APPLICATION) == \
        [("li-lei", "application.why")]
def test_a_sentiment_weeks_private_notes_are_found_wherever_they_are_typed(programme):
    notes = "观察员的后台账号截图不对外"
    week = f"summary: 第一周\nkeywords:\n  - word: '{notes}'\n    count: 3\nprivate:\n  notes: {notes}\n"
    loaded = load_programme(programme({"sentiment/cockpit/2025-w28.yaml": week}))
    # copied into a public field (a keyword), the board would publish it: the guard names the week
    assert loaded.problems == []
    assert _leaks(loaded) == [("cockpit/2025-w28", "notes")]
    clean = week.replace(f"word: '{notes}'", "word: 续航")
    assert _leaks(load_programme(programme({"sentiment/cockpit/2025-w28.yaml": clean}))) == []


def _leaks(loaded):
    return sorted({(leak.owner, leak.field) for leak in find_leaks(loaded, generate(loaded, date(2025, 7, 20)))})


def test_a_second_build_guards_only_the_pages_that_changed_unless_a_private_value_changed(programme, tmp_path):
    from kocsite.site.build import pages_on_disk, pages_to_guard, write_pages
    from kocsite.site.guard import guard_key

    root = programme({"kocs/li-lei.yaml": "name: 李雷\nbio: 热爱自驾\n" + PRIVATE})
    loaded = load_programme(root)
    pages, docs, key = generate(loaded, date(2025, 7, 20)), tmp_path / "docs", guard_key(loaded)
    assert pages_to_guard(pages, docs, pages_on_disk(pages, docs), key) == pages
    write_pages(pages, docs, guarded=key)
    assert pages_to_guard(pages, docs, pages_on_disk(pages, docs), key) == {}
    edited = {**pages, "index.md": pages["index.md"] + "\n新的一段\n"}
    assert list(pages_to_guard(edited, docs, pages_on_disk(edited, docs), key)) == ["index.md"]

    (root / "kocs/li-lei.yaml").write_text("name: 李雷\nbio: 热爱自驾\n" + PRIVATE + "  wechat: 智能座舱深度体验\n", encoding="utf-8")
    renamed = load_programme(root)
    assert generate(renamed, date(2025, 7, 20)) == pages  # no page changed, but a private value did
    assert pages_to_guard(pages, docs, pages_on_disk(pages, docs), guard_key(renamed)) == pages
    assert ("li-lei", "wechat") in {(leak.owner, leak.field) for leak in find_leaks(renamed, pages)}


def test_pages_written_without_a_guard_key_are_all_guarded_again(programme, tmp_path):
    from kocsite.site.build import guarded_key, write_pages
    from kocsite.site.guard import guard_key

    loaded = load_programme(programme())
    pages, docs = generate(loaded, date(2025, 7, 20)), tmp_path / "docs"
    write_pages(pages, docs, guarded=guard_key(loaded))
    assert guarded_key(docs) == guard_key(loaded)
    write_pages(pages, docs)  # as `kocsite serve` writes: unguarded
    assert guarded_key(docs) is None


def test_a_private_value_already_on_an_unchanged_page_stops_the_next_build(programme, run, tmp_path):
    from tests_support import REPO

    root = programme({"kocs/li-lei.yaml": "name: 李雷\n" + PRIVATE, "mkdocs.yml": (REPO / "mkdocs.yml").read_text(encoding="utf-8")})
    out, docs = tmp_path / "site", tmp_path / "docs"
    first = run("build", root, "--out", out, "--docs", docs, "--engine", "mkdocs")
    assert first.exit_code == 0, first.output
    (root / "kocs/li-lei.yaml").write_text("name: 李雷\n" + PRIVATE + "  wechat: 智能座舱深度体验\n", encoding="utf-8")
    result = run("build", root, "--out", out, "--docs", docs, "--engine", "mkdocs")
    assert result.exit_code == 1 and "private wechat of li-lei" in result.output
