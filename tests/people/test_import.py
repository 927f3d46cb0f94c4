"""`kocsite import kocs FILE.csv`: dry run by default, all-or-nothing, check's codes at row:column."""

from __future__ import annotations

from pathlib import Path

from kocsite.checker import check
from kocsite.core.problems import ERROR

HEADER = ("id,name,city,source,channel,stage,discovered,platform,handle,url,followers,posts,quality_interactions,"
          "answered_questions,tenure_months,skills,interests,real_name,phone,wechat")
GOOD = HEADER + """
xiao-a,小A,杭州,public-domain,小红书关键词观察列表,discovered,2026-10-01,xiaohongshu,小A爱车,https://www.xiaohongshu.com/user/1,12000,30,120,,,tech-analysis:4;copywriting,露营、自驾,王小A,138 0000 0001,xa_01
xiao-b,"小B ""车"": yes",,private-domain,车主群,,,,,,,5,10,3,12,,,,,
"""


def _write(tmp_path: Path, text: str | bytes, name: str = "in.csv") -> Path:
    path = tmp_path / name
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    return path


def _kocs(root: Path) -> list[str]:
    return sorted(p.name for p in (root / "kocs").iterdir())


def test_dry_run_writes_nothing_then_apply_writes_files_that_check(programme, run, tmp_path):
    root = programme()
    before = _kocs(root)
    csv_file = _write(tmp_path, GOOD)
    result = run("import", "kocs", csv_file, "--path", root)
    assert result.exit_code == 0, result.output
    assert "==> kocs/xiao-a.yaml <==" in result.output and "--apply" in result.output
    assert "王小A" not in result.output  # private values are masked in the preview
    assert _kocs(root) == before

    result = run("import", "kocs", csv_file, "--path", root, "--apply")
    assert result.exit_code == 0, result.output
    assert _kocs(root) == sorted(before + ["xiao-a.yaml", "xiao-b.yaml"])
    text = (root / "kocs/xiao-a.yaml").read_text(encoding="utf-8")
    assert text.startswith("# yaml-language-server: $schema=../schemas/koc.schema.json\n")
    assert 'name: "小A"' in text and 'real_name: "王小A"' in text and "followers: 12000" in text
    assert 'private:\n  real_name: "王小A"\n  phone: "138 0000 0001"\n  wechat: "xa_01"\n' in text
    assert '  - skill: "tech-analysis"\n    level: 4\n  - skill: "copywriting"\n' in text
    assert 'stage: "discovered"' in (root / "kocs/xiao-b.yaml").read_text(encoding="utf-8")  # the default
    assert 'name: "小B \\"车\\": yes"' in (root / "kocs/xiao-b.yaml").read_text(encoding="utf-8")
    result = check(root, cache_dir=None)
    assert [p for p in result.problems if p.severity == ERROR] == []
    assert run("check", root).exit_code == 0
    assert [c["koc"] for c in __import__("json").loads(
        run("candidates", "--path", root, "--format", "json", "--stage", "discovered").output)["candidates"]] == \
        ["xiao-a", "xiao-b"]


def test_output_is_deterministic(programme, run, tmp_path):
    csv_file = _write(tmp_path, GOOD)
    first = run("import", "kocs", csv_file, "--path", programme()).output
    assert run("import", "kocs", csv_file, "--path", programme()).output == first


BAD = HEADER + """
Xiao A,小A,杭州,public,小红书,found,2026/10/01,xiaohongshu,,www.x.com,"1,000",-3,010,,,,,,,
good-one,好,,public-domain,,,,,,,,,,,,,,,,
xiao-c,,,public-domain,,,,,,,,,,,,,,,,
xiao-d,D,,public-domain,,,2026-02-30,weibo2,d,,,,,,,tech-analysis:9,,,,
xiao-e,E,,private-domain,,,,,,,,,,,,photografy;tech-analysis;tech-analysis,,,,
"""


def test_every_bad_row_reported_and_nothing_written(programme, run, tmp_path):
    root = programme()
    before = _kocs(root)
    result = run("--lang", "en", "import", "kocs", _write(tmp_path, BAD, "bad.csv"), "--path", root, "--apply")
    assert result.exit_code == 1
    where = [line.split(" ")[:2] for line in result.output.splitlines() if line.startswith(str(tmp_path))]
    located = [(w.removeprefix(f"{tmp_path}/").rstrip(":").split(":"), code) for w, code in where]
    assert located == [
        (["bad.csv", "2", "1"], "E207"),   # id
        (["bad.csv", "2", "4"], "E204"),   # source
        (["bad.csv", "2", "6"], "E204"),   # stage
        (["bad.csv", "2", "7"], "E206"),   # discovered
        (["bad.csv", "2", "9"], "E202"),   # handle missing
        (["bad.csv", "2", "10"], "E208"),  # url
        (["bad.csv", "2", "11"], "E205"),  # followers, once although it feeds two fields
        (["bad.csv", "2", "12"], "E208"),  # posts < 0
        (["bad.csv", "2", "13"], "E205"),  # 010
        (["bad.csv", "4", "2"], "E202"),   # name missing
        (["bad.csv", "5", "7"], "E206"),   # 2026-02-30
        (["bad.csv", "5", "16"], "E208"),  # level 9
        (["bad.csv", "6", "16"], "E106"),  # unknown skill (check's catalogue rule)
        (["bad.csv", "6", "16"], "E504"),  # skill listed twice
    ]
    assert "'1,000' is not: leave out thousands separators" in result.output
    assert "unknown skill 'photografy' (did you mean 'photography'?)" in result.output
    assert "nothing was written" in result.output
    assert _kocs(root) == before


def test_unknown_platform_is_reported(programme, run, tmp_path):
    csv_file = _write(tmp_path, "id,name,source,platform,handle\nxiao-p,P,public-domain,weibo2,p\n")
    result = run("--lang", "en", "import", "kocs", csv_file, "--path", programme())
    assert result.exit_code == 1
    assert f"{csv_file}:2:4: E108 platform 'weibo2' does not exist (did you mean 'weibo'?)" in result.output


def test_existing_file_is_never_overwritten(programme, run, tmp_path):
    root = programme()
    original = (root / "kocs/li-lei.yaml").read_bytes()
    csv_file = _write(tmp_path, "id,name,source\nxiao-new,新人,public-domain\nli-lei,冒名,public-domain\n")
    result = run("--lang", "en", "import", "kocs", csv_file, "--path", root, "--apply")
    assert result.exit_code == 1
    assert f"{csv_file}:3:1: E302 duplicate KOC id 'li-lei' (also in kocs/li-lei.yaml)" in result.output
    assert (root / "kocs/li-lei.yaml").read_bytes() == original
    assert not (root / "kocs/xiao-new.yaml").exists()


def test_duplicate_id_in_the_csv(programme, run, tmp_path):
    root = programme()
    csv_file = _write(tmp_path, "name,source,id\nA,public-domain,xiao-x\nB,public-domain,xiao-x\n")
    result = run("--lang", "en", "import", "kocs", csv_file, "--path", root, "--apply")
    assert result.exit_code == 1
    assert f"{csv_file}:3:3: E302 duplicate KOC id 'xiao-x' (also in {csv_file}:2)" in result.output
    assert not (root / "kocs/xiao-x.yaml").exists()


def test_row_numbers_are_csv_lines_with_multiline_cells_and_blank_rows(programme, run, tmp_path):
    csv_file = _write(tmp_path, 'id,name,source,city\nxiao-m,"两行\n的名字",public-domain,\n\nxiao-n,N,nowhere,\n')
    result = run("--lang", "en", "import", "kocs", csv_file, "--path", programme())
    assert f"{csv_file}:5:3: E204" in result.output


def test_bom_is_accepted(programme, run, tmp_path):
    root = programme()
    csv_file = _write(tmp_path, b"\xef\xbb\xbf" + GOOD.encode("utf-8"))
    result = run("import", "kocs", csv_file, "--path", root, "--apply")
    assert result.exit_code == 0, result.output
    assert (root / "kocs/xiao-a.yaml").is_file()
    assert run("check", root).exit_code == 0


def test_gbk_is_a_clear_error(programme, run, tmp_path):
    root = programme()
    before = _kocs(root)
    csv_file = _write(tmp_path, GOOD.encode("gbk"))
    result = run("--lang", "en", "import", "kocs", csv_file, "--path", root, "--apply")
    assert result.exit_code == 1
    assert f"{csv_file}:2:" in result.output and "E002" in result.output and "not valid UTF-8" in result.output
    assert "CSV UTF-8" in result.output and "nothing was written" in result.output
    assert "Traceback" not in result.output
    assert _kocs(root) == before


def test_header_problems(programme, run, tmp_path):
    csv_file = _write(tmp_path, "id,nmae,source,source\nxiao-h,H,public-domain,public-domain\n")
    result = run("--lang", "en", "import", "kocs", csv_file, "--path", programme())
    assert result.exit_code == 1
    assert f"{csv_file}:1:2: E201 unknown field 'nmae' (did you mean 'name'?)" in result.output
    assert f"{csv_file}:1:4: E504 column 'source' is listed twice" in result.output
    assert f"{csv_file}:1:5: E202 missing required field 'name'" in result.output


def test_too_many_cells_and_invisible_characters(programme, run, tmp_path):
    csv_file = _write(tmp_path, "id,name,source\nxiao-t,T\u2028x,public-domain,extra\n")
    result = run("--lang", "en", "import", "kocs", csv_file, "--path", programme())
    assert result.exit_code == 1
    assert f"{csv_file}:2:2: E016" in result.output
    assert f"{csv_file}:2:4: E505 this row has 4 cells but the header has 3 columns" in result.output


def test_import_help_documents_the_columns(run):
    result = run("import", "kocs", "--help")
    assert result.exit_code == 0
    for column in ("real_name", "phone", "wechat", "quality_interactions", "tenure_months", "PRIVATE"):
        assert column in result.output
