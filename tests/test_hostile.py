"""Hostile data values, in the shape the sample programme holds them: none becomes a command, markup,
a mention, a path the tool cannot handle, or a value that passes check and kills a later command."""

from __future__ import annotations

import json

import pytest

from conftest import MINIMAL
from kocsite.outputs.inert import ZWJ, code, markdown, terminal
from kocsite.outputs.problems import step_summary
from kocsite.checker import check

HOSTILE_ID = 'x\\n::add-mask::secret\\r::error::pwned\\u001b[31m\\u0007 @everyone #12 <img src=x>'
"""A KOC reference (a double-quoted YAML string) with a newline-started workflow command, CR, ESC, BEL,
a mention, an issue link and raw HTML."""


@pytest.fixture
def hostile(programme):
    contribution = MINIMAL["tasks/deep-review/li-lei.yaml"].replace("koc: li-lei", f'koc: "{HOSTILE_ID}"')
    return programme({"tasks/deep-review/li-lei.yaml": contribution})


# -- terminal and log text ------------------------------------------------------------------------


def test_check_text_is_one_line_per_problem_with_control_characters_escaped(hostile, run):
    out = run("check", hostile).output
    lines = out.splitlines()
    assert len(lines) == 2, out  # one problem, one summary
    assert "\x1b" not in out and "\x07" not in out and "\r" not in out
    assert "x\\n::add-mask::secret\\r::error::pwned\\x1b[31m\\x07" in lines[0]


def test_github_annotations_cannot_start_a_workflow_command(hostile, run):
    out = run("check", hostile, "--format", "github").output
    assert not any(line.startswith("::add-mask::") or line.startswith("::error::pwned") for line in out.splitlines())
    assert "\x1b" not in out and "\r" not in out
    assert "%0A::add-mask::secret%0D::error::pwned\\x1b" in out


def test_job_summary_escapes_like_the_pr_comment(hostile):
    result = check(hostile)
    summary = step_summary(result.problems, "zh", result.files)
    assert "<img" not in summary and "&lt;img src=x&gt;" in summary
    assert "@everyone" not in summary and f"@{ZWJ}everyone" in summary and "#12" not in summary
    rows = [line for line in summary.splitlines() if line.startswith("| `")]
    assert len(rows) == 1 and rows[0].count(" | ") == 2  # one table row, three cells: no `|` broke out


def test_import_problems_print_on_one_line(programme, run, tmp_path):
    root = programme()
    csv_file = tmp_path / "list.csv"
    csv_file.write_text("id,name\n\"bad\x1b[2J\nid\",李四\n", encoding="utf-8")
    result = run("import", "kocs", csv_file, "--path", root)
    assert result.exit_code != 0
    assert "\x1b" not in result.output
    assert all(not line.startswith("id") for line in result.output.splitlines())


# -- Markdown for GitHub --------------------------------------------------------------------------


@pytest.mark.parametrize("text, shown", [
    ("@everyone @org/team", f"@{ZWJ}everyone @{ZWJ}org/team"),
    ("see #123 and GH-7", f"see #{ZWJ}123 and GH-{ZWJ}7"),
    ("<img src=https://x/a.png> & co", "&lt;img src=https://x/a.png&gt; &amp; co"),
    ("[x](javascript:y) *b* _i_ `c` | d", "\\[x\\](javascript:y) \\*b\\* \\_i\\_ \\`c\\` \\| d"),
    ("# heading\n- item", "\\# heading - item"),
    ("1. first", "1\\. first"),
    ("78.6% (a.b)", "78.6% (a.b)"),  # light: ordinary punctuation stays readable, no &#40; &#46;
])
def test_github_markdown_escaper(text, shown):
    assert markdown(text) == shown


def test_code_spans_hold_any_id_and_stay_in_their_table_cell():
    assert code("li-lei") == "`li-lei`"
    assert code("a`b") == "``a`b``"
    assert code("a|b\nc", table=True) == "`a\\|b\\nc`"


def test_report_markdown_has_no_mention_link_or_html(programme, run, minimal):
    campaign = minimal["campaigns/cockpit.yaml"].replace("title: 智能座舱深度体验", 'title: "@everyone #1 <b>x</b>\\n# h"')
    out = run("report", "--path", programme({"campaigns/cockpit.yaml": campaign})).output
    assert "@everyone" not in out and "<b>" not in out and "#1 " not in out
    assert not any(line.startswith("# h") for line in out.splitlines())
    assert "（`cockpit`）" in out  # the id as a code span


def test_terminal_escapes_line_separators_and_bidi():
    assert terminal("a\u2028b\u202ec\x85") == "a\\u2028b\\u202ec\\x85"


# -- the check cache ------------------------------------------------------------------------------


def _filled_cache(programme, tmp_path):
    root = programme({"kocs/bad.yaml": "name: [\n"})  # one file with a problem, so results are not empty
    cache_dir = tmp_path / "shared-cache"
    expected = check(root, cache_dir=None).problems
    check(root, cache_dir=cache_dir)
    shards = sorted(cache_dir.rglob("*.json"))
    assert shards
    return root, cache_dir, shards, expected


def test_a_planted_pickle_in_the_cache_runs_nothing(programme, tmp_path):
    import pickle

    root, cache_dir, shards, expected = _filled_cache(programme, tmp_path)
    marker = tmp_path / "pwned"

    class Payload:
        def __reduce__(self):
            return (open, (str(marker), "w"))

    for path in shards + [p.with_suffix(".pickle") for p in shards]:
        path.write_bytes(pickle.dumps(Payload()))
    assert check(root, cache_dir=cache_dir).problems == expected
    assert not marker.exists()


@pytest.mark.parametrize("content", [
    bytes(range(256)) * 64,  # random bytes
    b"\x80\x05\x95" + (1 << 40).to_bytes(8, "little") + b"\x00" * 32,  # a pickle frame announcing 1 TiB
    b'["' + b"x" * 10 + b'", [1, {"kocs/li-lei.yaml": [1, 2, "d", [[], null, "e"]]}]]',  # JSON, other key
    b'["k", ' + b"[" * 200_000,  # nesting deep enough to exhaust the stack
])
def test_a_corrupt_cache_is_ignored_and_rebuilt(programme, tmp_path, content):
    root, cache_dir, shards, expected = _filled_cache(programme, tmp_path)
    for path in shards:
        path.write_bytes(content)
    assert check(root, cache_dir=cache_dir).problems == expected
    assert check(root, cache_dir=cache_dir).problems == expected  # and the rebuilt cache is right


def test_a_cache_entry_of_the_wrong_shape_is_ignored(programme, tmp_path):
    root, cache_dir, shards, expected = _filled_cache(programme, tmp_path)
    for path in (p for p in shards if p.stem.isdigit()):
        key, (written, entries) = json.loads(path.read_bytes())
        for rel, entry in entries.items():
            entry[3][0] = [{"file": rel, "line": "1", "column": 1, "code": "E004", "params": []}]
        path.write_text(json.dumps([key, [written, entries]]))
    assert check(root, cache_dir=cache_dir).problems == expected
    for path in (p for p in shards if p.stem.isdigit()):
        key, (written, entries) = json.loads(path.read_bytes())
        for rel, entry in entries.items():
            entry[3][0] = [{"file": rel, "line": 1, "column": 1, "code": "E999", "params": []}]
        path.write_text(json.dumps([key, [written, entries]]))
    assert check(root, cache_dir=cache_dir).problems == expected


# -- paths and names ------------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["con.yaml", "NUL.yaml", "aux.txt", "com1.yaml", "Lpt9.yml"])
def test_windows_device_names_are_rejected_as_file_names(programme, name):
    root = programme({f"kocs/{name}": "name: 设备\n"})
    codes = {(p.file, p.code) for p in check(root).problems}
    assert (f"kocs/{name}", "E014") in codes


@pytest.mark.parametrize("koc_id", ["con", "nul", "com1", "lpt1"])
def test_import_kocs_rejects_a_windows_device_name_per_row(programme, run, tmp_path, koc_id):
    csv_file = tmp_path / "list.csv"
    csv_file.write_text(f"id,name,source\nfine-one,好人,public-domain\n{koc_id},设备,public-domain\n", encoding="utf-8")
    root = programme()
    result = run("import", "kocs", csv_file, "--path", root, "--apply")
    assert result.exit_code == 1
    assert "list.csv:3:1: E207" in result.output
    assert not (root / "kocs" / f"{koc_id}.yaml").exists() and not (root / "kocs/fine-one.yaml").exists()


def test_import_kocs_a_300_character_id_is_a_row_problem(programme, run, tmp_path):
    csv_file = tmp_path / "list.csv"
    csv_file.write_text(f"id,name,source\n{'a' * 300},长名,public-domain\n", encoding="utf-8")
    result = run("import", "kocs", csv_file, "--path", programme())
    assert result.exit_code == 1
    assert "list.csv:2:1: E207" in result.output and "内部错误" not in result.output


def test_ids_are_limited_well_under_the_file_system_limit(programme):
    from kocsite.core.ids import is_slug

    assert is_slug("a" * 64) and not is_slug("a" * 65)
    root = programme({f"kocs/{'a' * 65}.yaml": "name: 长\n"})
    assert any(p.code == "E014" for p in check(root).problems)


def test_a_fifo_named_yaml_is_reported_not_read(programme, tmp_path):
    import os
    import subprocess
    import sys

    root = programme()
    os.mkfifo(root / "kocs/pipe.yaml")
    code = "import sys; from pathlib import Path; from kocsite.checker import check; " \
           "print([(p.file, p.code) for p in check(Path(sys.argv[1])).problems])"
    out = subprocess.run([sys.executable, "-c", code, str(root)], capture_output=True, text=True, timeout=60)
    assert "('kocs/pipe.yaml', 'E017')" in out.stdout


def _copy_of_sample(tmp_path):
    import shutil
    from pathlib import Path

    repo = Path(__file__).resolve().parent.parent
    root = tmp_path / "repo"
    for name in ("campaigns", "kocs", "tasks", "ledgers", "insights", "redemptions", "sentiment"):
        if (repo / name).is_dir():
            shutil.copytree(repo / name, root / name)
    for name in ("kocsite.yml", "mkdocs.yml"):
        shutil.copy(repo / name, root / name)
    return root


@pytest.mark.parametrize("out", ["ledgers", ".", "kocs/site", "..", "build/docs"])
def test_build_out_never_lands_on_the_data(tmp_path, run, out):
    root = _copy_of_sample(tmp_path)
    before = {p: p.read_bytes() for p in root.rglob("*") if p.is_file()}
    result = run("build", root, "--out", out, "--today", "2026-11-23")
    assert result.exit_code == 1, result.output
    assert "重叠" in result.output or "overlap" in result.output
    assert {p: p.read_bytes() for p in root.rglob("*") if p.is_file()} == before


def test_build_never_empties_a_folder_it_did_not_create(tmp_path, run):
    root = _copy_of_sample(tmp_path)
    theirs = tmp_path / "theirs"
    theirs.mkdir()
    (theirs / "notes.txt").write_text("mine", encoding="utf-8")
    result = run("build", root, "--out", theirs, "--today", "2026-11-23")
    assert result.exit_code == 1 and (theirs / "notes.txt").read_text(encoding="utf-8") == "mine"


# -- values accepted now and fatal later ----------------------------------------------------------


@pytest.mark.parametrize("day", ["9999-12-31", "0001-01-01"])
def test_a_date_check_accepts_works_in_every_command(programme, minimal, run, day):
    contribution = minimal["tasks/deep-review/li-lei.yaml"].replace("date: 2025-07-11", f"date: {day}")
    root = programme({"tasks/deep-review/li-lei.yaml": contribution})
    found = [(p.file, p.line, p.column, p.code) for p in check(root).problems]
    assert ("tasks/deep-review/li-lei.yaml", 7, 9, "E206") in found
    credit = run("credit", "--path", root)
    assert credit.exit_code == 1 and "内部错误" not in credit.output and "out of range" not in credit.output


def test_a_bare_cr_is_reported_and_does_not_shift_lines(programme):
    koc = b"name: \xe6\x9d\x8e\xe9\x9b\xb7\rx\nunknown: 1\n"  # libyaml would take the CR for a line break
    root = programme({"kocs/li-lei.yaml": koc})
    found = {(p.line, p.column, p.code) for p in check(root).problems if p.file == "kocs/li-lei.yaml"}
    assert (1, 9, "E016") in found and (2, 1, "E201") in found


# -- bounded time ---------------------------------------------------------------------------------


def test_a_90_kb_excerpt_of_banned_terms_checks_in_linear_time(programme, minimal):
    import subprocess
    import sys

    excerpt = "最佳第一顶级" * 5000  # 90 000 bytes of UTF-8, 15 000 banned terms
    contribution = minimal["tasks/deep-review/li-lei.yaml"] + f"excerpt: {excerpt}\n"
    root = programme({"tasks/deep-review/li-lei.yaml": contribution})
    code = ("import sys; from pathlib import Path; from kocsite.checker import check; "
            "print(sum(p.code == 'W701' for p in check(Path(sys.argv[1])).problems))")
    out = subprocess.run([sys.executable, "-c", code, str(root)], capture_output=True, text=True, timeout=60)
    from kocsite.rules.wording import MAX_PER_FIELD

    assert int(out.stdout) == MAX_PER_FIELD  # capped per field, and in seconds, not minutes (379 s before)


def test_term_positions_in_one_pass_match_the_simple_search():
    from kocsite.rules.wording import occurrences

    text = "最近最好的第一天，全网第一，100%最最"
    terms = ["最", "第一", "全网", "100%"]
    simple = sorted((i, t) for t in terms for i in range(len(text)) if text.startswith(t, i))
    harmless = {(0, "最"), (5, "第一")}
    assert occurrences(text, terms) == [x for x in simple if x not in harmless]


# -- the PR comment -------------------------------------------------------------------------------


def test_pr_comment_shows_kocs_by_nickname_and_id_with_no_live_mention(programme, run, two_officers):
    import git

    from tests_support import REWARDS, SECOND_REVIEW

    root = programme({"campaigns/cockpit.yaml": two_officers + REWARDS, "tasks/deep-review/han-meimei.yaml": SECOND_REVIEW,
                      "kocs/han-meimei.yaml": 'name: "@everyone #42 <img src=x>"\n'})
    repo = git.Repo.init(root, initial_branch="main")
    actor = git.Actor("t", "t@example.com")
    repo.git.add("-A")
    repo.index.commit("init", author=actor, committer=actor)
    (root / "tasks/deep-review/han-meimei.yaml").unlink()  # han-meimei's payout changes
    out = run("diff", "HEAD", "--path", root, "--format", "markdown").output
    assert f"@{ZWJ}everyone #{ZWJ}42 &lt;img src=x&gt; `han-meimei`" in out
    assert "@everyone" not in out and "<img" not in out and "&#" not in out  # no entity-escaped punctuation
    assert "| |" not in out.split("\n", 3)[2]  # the summary table has a header
    headers = [line for i, line in enumerate(out.splitlines()) if line.startswith("| ")
               and out.splitlines()[i + 1:i + 2] and out.splitlines()[i + 1].startswith("| ---")]
    assert headers and all("|  |" not in h and "| |" not in h for h in headers)
