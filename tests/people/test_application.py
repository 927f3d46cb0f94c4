"""`kocsite apply`: an open-call issue body (GitHub's rendering of the apply.yml form) → kocs/<id>.yaml."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from kocsite.models import Settings
from kocsite.people.application import FIELDS, application_form, id_candidates, read_form

from tests_support import REPO

CONSENT = "- [X] 我知道这个 issue 是公开的，以上内容都可以公开 / I know this issue is public and everything above may be public"


def body(**answers: str) -> str:
    """An issue body as GitHub renders the form: every field's heading, `_No response_` when left empty."""
    defaults = {"nickname": "RainRider 雨中骑士", "platforms": "小红书 @雨中骑士 https://www.xiaohongshu.com/user/profile/abc\nbilibili rain_rider",
                "city": "杭州", "car": "S7 长续航版", "skills": "- [X] 视频剪辑 (video-editing)\n- [ ] 摄影 (photography)",
                "why": "想把周末自驾路线做成视频。", "works": "https://www.bilibili.com/video/BV1xx411c7mD", "consent": CONSENT}
    defaults.update(answers)
    return "\n\n".join(f"### {f.label}\n\n{defaults[f.key] or '_No response_'}" for f in FIELDS) + "\n"


@pytest.fixture
def sample(programme, minimal):
    return programme()


def apply(run, root: Path, text: str, *args: str):
    issue = root / "issue-body.md"
    issue.write_text(text, encoding="utf-8")
    return run("-C", root, "apply", issue, "--today", "2026-12-02", *args)


def test_a_good_application_becomes_a_discovered_koc_that_checks_clean(run, sample):
    result = apply(run, sample, body(), "--issue", "42", "--issue-url", "https://github.com/o/r/issues/42")
    assert result.exit_code == 0, result.output
    written = sample / "kocs/rainrider.yaml"
    assert "kocs/rainrider.yaml" in result.output
    data = yaml.safe_load(written.read_text(encoding="utf-8"))
    assert data["name"] == "RainRider 雨中骑士" and data["city"] == "杭州" and data["cars"] == [{"model": "S7 长续航版"}]
    assert data["skills"] == [{"skill": "video-editing"}]
    assert data["platforms"] == [{"platform": "xiaohongshu", "handle": "@雨中骑士", "url": "https://www.xiaohongshu.com/user/profile/abc"},
                                 {"platform": "bilibili", "handle": "rain_rider"}]
    pipeline = data["pipeline"]
    assert (pipeline["stage"], pipeline["source"], pipeline["discovered"]) == ("discovered", "open-call", "2026-12-02")
    assert pipeline["application"]["issue"] == "https://github.com/o/r/issues/42"
    assert pipeline["representative_work"] == "https://www.bilibili.com/video/BV1xx411c7mD"
    assert "private" not in data
    check = run("check", sample, "--strict")
    assert check.exit_code == 0, check.output
    assert not [p for p in sample.glob("kocs/.kocsite-tmp-*")]


def test_every_bad_field_is_reported_at_its_line_and_nothing_is_written(run, sample):
    text = body(nickname="", platforms="快手 @someone\n小红书\ndouyin @ok", city="杭州 13800138000",
                skills="- [X] 黑客 (hacking)\n- [x] Video Editing", why="", works="not a link\njavascript:alert(1)",
                consent=CONSENT.replace("[X]", "[ ]")) + "\n### Unknown thing\n\nwhatever\n"
    result = apply(run, sample, text, "--format", "json")
    assert result.exit_code == 1
    report = json.loads(result.stdout)
    codes = sorted(p["code"] for p in report["problems"])
    assert codes == ["E900", "E900", "E902", "E903", "E904", "E905", "E905", "E906", "E906", "E907", "W900"], codes
    lines = text.splitlines()
    for p in report["problems"]:
        assert 1 <= p["line"] <= len(lines)
    by_code = {p["code"]: p for p in report["problems"]}
    assert "快手" in lines[by_code["E902"]["line"] - 1] and "13800138000" in lines[by_code["E904"]["line"] - 1]
    assert lines[by_code["E904"]["line"] - 1][by_code["E904"]["column"] - 1:].startswith("138")
    assert "video-editing" in next(p["message"] for p in report["problems"] if "Video Editing" in p["message"])  # did you mean
    assert not report["written"] and sorted(p.name for p in (sample / "kocs").iterdir()) == ["han-meimei.yaml", "li-lei.yaml"]
    en = apply(run, sample, text, "--lang", "en")
    assert "is required and empty" in en.stderr and "this looks like a phone number" in en.stderr


def test_not_a_form_and_wechat_ids(run, sample):
    result = apply(run, sample, "Hello, please add me!\n")
    assert result.exit_code == 1 and "E901" in result.stderr
    wechat = apply(run, sample, body(why="加我 微信：rain_rider_88 详聊"))
    assert wechat.exit_code == 1 and "E904" in wechat.stderr and "微信号" in wechat.stderr
    # a platform called 微信公众号 is not a WeChat id
    ok = apply(run, sample, body(platforms="微信公众号 澜岳车主日记"), "--dry-run")
    assert ok.exit_code == 0, ok.output


HOSTILE = {"nickname": "<img src=x onerror=alert(1)> ::error::x",
           "platforms": 'douyin "x": [y] {z} &a *b !!binary `id` $(touch pwned)',
           "why": "---\nprivate:\n  phone: x\n<script>alert(1)</script> @everyone #1 ${{ github.token }}"}


def test_hostile_strings_stay_data(run, sample):
    result = apply(run, sample, body(**HOSTILE), "--report", sample / "report.md")
    assert result.exit_code == 0, result.output
    (written,) = [p for p in (sample / "kocs").iterdir() if p.name not in ("li-lei.yaml", "han-meimei.yaml")]
    data = yaml.safe_load(written.read_text(encoding="utf-8"))
    assert data["name"] == HOSTILE["nickname"]
    assert data["platforms"][0]["handle"] == HOSTILE["platforms"].split(" ", 1)[1]
    assert data["pipeline"]["application"]["why"] == "\n".join(l.strip() for l in HOSTILE["why"].splitlines())
    assert set(data) == {"name", "city", "cars", "skills", "platforms", "pipeline"}     # no private: smuggled in
    assert not (sample / "pwned").exists()
    assert run("check", sample).exit_code == 0
    report = (sample / "report.md").read_text(encoding="utf-8")
    assert written.name in report


def test_the_report_for_the_issue_is_inert(run, sample):
    text = body(platforms="快手 @everyone <img src=x> #12\nbilibili ok")
    result = apply(run, sample, text, "--report", sample / "report.md")
    assert result.exit_code == 1
    report = (sample / "report.md").read_text(encoding="utf-8")
    assert report.startswith("<!-- kocsite-apply -->") and "E902" in report
    assert "@everyone" not in report and "<img" not in report and "#12" not in report
    assert "第 " in report and "line " in report       # both languages for the applicant


def test_ids_are_free_derived_and_never_overwrite(run, sample):
    first = apply(run, sample, body(nickname="Li Lei"))
    assert first.exit_code == 0 and (sample / "kocs/li-lei-2.yaml").is_file()     # li-lei.yaml exists: the next free one
    before = (sample / "kocs/li-lei.yaml").read_bytes()
    taken = apply(run, sample, body(), "--id", "li-lei")
    assert taken.exit_code == 1 and "E908" in taken.stderr
    assert (sample / "kocs/li-lei.yaml").read_bytes() == before
    again = apply(run, sample, body(nickname="Li Lei"))
    assert again.exit_code == 0 and (sample / "kocs/li-lei-3.yaml").is_file()
    assert "W901" in again.stderr                      # the same accounts as li-lei-2: applying twice?
    chosen = apply(run, sample, body(), "--id", "rain-rider")
    assert chosen.exit_code == 0 and (sample / "kocs/rain-rider.yaml").is_file()


def test_id_from_the_public_nickname_or_a_handle_never_anything_else():
    assert id_candidates({"name": "小林爱开车"}, 7)[0] == "xiao-lin-ai-kai-che"       # the public nickname's pinyin
    assert id_candidates({"name": "RainRider"}, 7)[0] == "rainrider"
    assert id_candidates({"name": "!!!", "platforms": [{"handle": "@Road_Trip"}]}, 7)[0] == "road-trip"
    assert id_candidates({"name": "!!!", "platforms": [{"handle": "@@"}]}, 7) == ["applicant-7"]
    assert id_candidates({"name": "con"}, None)[0] != "con"                                # a Windows device name


def test_reading_the_rendered_form():
    form = read_form(body(city="", works="```\nhttps://a.example/x\n```") + "### 公开昵称 / Public nickname\n\nagain\n", "b.md")
    assert form.answers["city"].lines == []                       # _No response_
    assert form.answers["works"].text == "https://a.example/x"     # a `render:` fence is no answer
    assert [p.code for p in form.problems] == ["E910"]


def test_the_committed_forms_are_the_generated_ones(run):
    """Like every generated file: the issue form lists this programme's skills; regenerate it with --print-form."""
    from kocsite.models.programme import load_programme
    ours = (REPO / ".github/ISSUE_TEMPLATE/apply.yml").read_text(encoding="utf-8")
    assert ours == application_form(load_programme(REPO).settings)
    template = REPO / "kocsite/publish/templates/programme/dot-github/ISSUE_TEMPLATE/apply.yml"
    assert template.read_text(encoding="utf-8") == application_form(Settings())
    form = yaml.safe_load(ours)
    assert form["labels"] == ["koc-application"]
    kinds = [b["type"] for b in form["body"]]
    assert kinds[0] == "markdown" and "手机号" in form["body"][0]["attributes"]["value"] and "WeChat" in form["body"][0]["attributes"]["value"]
    ids = [b.get("id") for b in form["body"][1:]]
    assert ids == [f.key for f in FIELDS] and len(set(ids)) == len(ids)
    labels = {b["attributes"]["label"] for b in form["body"][1:]}
    assert not {"phone", "wechat", "real_name", "address"} & set(ids) and len(labels) == len(FIELDS)
    skills = next(b for b in form["body"] if b.get("id") == "skills")["attributes"]["options"]
    assert "路线规划 (route-planning)" in [o["label"] for o in skills]        # this repository's own skill list
    printed = run("-C", REPO, "apply", "--print-form")
    assert printed.exit_code == 0 and printed.output == ours


def test_the_workflow_step_as_github_runs_it(sample, tmp_path):
    """The "Read the application" step of apply.yml under bash -e, with a hostile body in its env."""
    workflow = yaml.safe_load((REPO / ".github/workflows/apply.yml").read_text(encoding="utf-8"))
    step = next(s for s in workflow["jobs"]["apply"]["steps"] if s.get("name") == "Read the application")
    assert step["env"]["ISSUE_BODY"] == "${{ github.event.issue.body }}" and "${{" not in step["run"]
    hostile = body(**HOSTILE) + '\n$(touch "$RUNNER_TEMP/pwned")\n::error::injected\n'
    output = tmp_path / "output"
    env = {**os.environ, "RUNNER_TEMP": str(tmp_path), "GITHUB_STEP_SUMMARY": str(tmp_path / "summary.md"),
           "GITHUB_OUTPUT": str(output), "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}",
           "ISSUE_BODY": hostile, "ISSUE_NUMBER": "42", "ISSUE_URL": "https://github.com/o/r/issues/42"}
    done = subprocess.run(["bash", "-e", "-c", step["run"]], cwd=sample, env=env, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert output.read_text(encoding="utf-8") == "status=0\n"
    assert not (tmp_path / "pwned").exists() and "::error::" not in done.stdout
    result = json.loads((tmp_path / "result.json").read_text(encoding="utf-8"))
    assert result["written"] and (sample / result["file"]).is_file()
    assert "open call" not in result["id"] and result["id"].startswith("img-src-x")
    bad_env = {**env, "ISSUE_BODY": body(nickname="")}
    failed = subprocess.run(["bash", "-e", "-c", step["run"]], cwd=sample, env=bad_env, capture_output=True, text=True, timeout=120)
    assert failed.returncode == 0 and output.read_text(encoding="utf-8").endswith("status=1\n")
    assert "E900" in (tmp_path / "report.md").read_text(encoding="utf-8")


def test_create_atomic_never_replaces_a_file(tmp_path):
    from kocsite.core.atomic import create_atomic
    target = tmp_path / "kocs" / "x.yaml"
    target.parent.mkdir()
    create_atomic(target, "name: 新\n")
    assert target.read_text(encoding="utf-8") == "name: 新\n"
    with pytest.raises(FileExistsError):
        create_atomic(target, "name: 覆盖\n")
    assert target.read_text(encoding="utf-8") == "name: 新\n"
    assert [p.name for p in target.parent.iterdir()] == ["x.yaml"]          # no temp file left behind


APPLY_CASES = sorted(p for p in (REPO / "tests/data/apply").iterdir() if p.is_dir())


def expected_apply_problems(case: Path) -> list[tuple[int, int, str]]:
    rows = []
    for line in (case / "expected.txt").read_text(encoding="utf-8").splitlines():
        if line.strip():
            where, code = line.rsplit(": ", 1)
            _, number, column = where.rsplit(":", 2)
            rows.append((int(number), int(column), code))
    return sorted(rows)


@pytest.mark.parametrize("case", APPLY_CASES, ids=lambda p: p.name)
def test_apply_case(case, run, sample):
    """tests/data/apply/<case>: exactly the problems of expected.txt, and nothing written."""
    import shutil
    for path in case.rglob("*"):
        rel = path.relative_to(case).as_posix()
        if path.is_file() and rel not in ("issue-body.md", "expected.txt", "args.txt"):
            (sample / rel).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy(path, sample / rel)
    before = sorted(p.name for p in (sample / "kocs").iterdir())
    args = (case / "args.txt").read_text(encoding="utf-8").split() if (case / "args.txt").exists() else []
    result = apply(run, sample, (case / "issue-body.md").read_text(encoding="utf-8"), "--format", "json", *args)
    report = json.loads(result.stdout)
    assert sorted((p["line"], p["column"], p["code"]) for p in report["problems"]) == expected_apply_problems(case)
    assert result.exit_code == 1 and not report["written"]
    assert sorted(p.name for p in (sample / "kocs").iterdir()) == before
    assert all(p["message"] and "{" not in p["message"] for p in report["problems"])
