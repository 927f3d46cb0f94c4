"""Fair play in `kocsite check`: daily caps, reviewer ≠ author, one link counts once, ad disclosure,
agreed bylines, and share confirmations committed by the KOC's own git identity (in a real repo)."""

from __future__ import annotations

import textwrap

import git
import pytest

from kocsite.checker import check
from kocsite.core.fairplay import url_key

CHECK_IN_TASK = """\
    title: 每日签到
    quadrant: routine
    routine:
      kind: check-in
    """


def record(koc: str, day: str, at: str | None = None, ident: str | None = None, url: str | None = None,
           title: str = "签到", reviewer: str = "App") -> str:
    lines = [f"  - koc: {koc}"]
    if ident:
        lines.append(f"    id: {ident}")
    lines += [f"    title: {title}", f"    date: {day}"]
    if at:
        lines.append(f"    at: {at}")
    if url:
        lines.append(f"    url: {url}")
    lines += ["    review:", "      status: approved", f"      reviewer: {reviewer}", f"      date: {day}"]
    return "\n".join(lines) + "\n"


def batch(*records: str) -> str:
    return "contributions:\n" + "".join(records)


def codes(root, code_prefix: str = "") -> list[tuple[str, int, str]]:
    return [(p.file, p.line, p.code) for p in check(root).problems if p.code.startswith(code_prefix)]


# ---------------------------------------------------------------- daily caps

def test_three_check_ins_on_one_day_count_once_and_warn_at_the_second_and_third(programme):
    root = programme({"tasks/check-in.yaml": CHECK_IN_TASK, "tasks/check-in/0710.yaml": batch(
        record("li-lei", "2025-07-10"), record("li-lei", "2025-07-10"), record("li-lei", "2025-07-10"),
        record("han-meimei", "2025-07-10"))})
    problems = [p for p in check(root).problems]
    assert [(p.line, p.code) for p in problems] == [(9, "W820"), (16, "W820")]  # records 2 and 3 of li-lei
    assert "每天最多计 1 次" in problems[0].message("zh") and "tasks/check-in/0710.yaml #1" in problems[0].message("zh")


def test_the_cap_is_per_ritual_in_kocsite_yml(programme):
    root = programme({"kocsite.yml": "daily_caps:\n  check_in: 2\n", "tasks/check-in.yaml": CHECK_IN_TASK,
                      "tasks/check-in/0710.yaml": batch(*[record("li-lei", "2025-07-10")] * 3)})
    assert [(line, code) for _, line, code in codes(root)] == [(16, "W820")]  # the third only


def test_the_day_is_the_programmes_timezone_not_utc(programme):
    """23:50 and 00:10 in Shanghai are two days there (both count), one day in UTC (15:50Z, 16:10Z)."""
    two_days = batch(record("li-lei", "2025-07-10", at="2025-07-10T23:50:00+08:00"),
                     record("li-lei", "2025-07-11", at="2025-07-11T00:10:00+08:00"))
    root = programme({"tasks/check-in.yaml": CHECK_IN_TASK, "tasks/check-in/july.yaml": two_days})
    assert codes(root) == []
    root = programme({"kocsite.yml": "timezone: UTC\n", "tasks/check-in.yaml": CHECK_IN_TASK,
                      "tasks/check-in/july.yaml": two_days})
    assert [(line, code) for _, line, code in codes(root)] == [(10, "W820")]  # the later one, 16:10Z


def test_a_time_orders_the_day_across_files_and_without_an_offset_is_refused(programme):
    root = programme({"tasks/check-in.yaml": CHECK_IN_TASK,
                      "tasks/check-in/a.yaml": batch(record("li-lei", "2025-07-10", at="2025-07-10T20:00:00+08:00")),
                      "tasks/check-in/b.yaml": batch(record("li-lei", "2025-07-10", at="2025-07-10T08:00:00+08:00"))})
    assert codes(root) == [("tasks/check-in/a.yaml", 2, "W820")]  # a.yaml's is the later in the day
    root = programme({"tasks/check-in.yaml": CHECK_IN_TASK,
                      "tasks/check-in/a.yaml": batch(record("li-lei", "2025-07-10", at="2025-07-10T20:00:00"))})
    [p] = check(root).problems
    assert (p.line, p.code) == (5, "E208") and "+08:00" in p.message("zh")


# ---------------------------------------------------------------- reviewer is not an author

def test_the_reviewer_is_never_an_author(programme):
    root = programme({"tasks/deep-review/li-lei.yaml": """\
        koc: li-lei
        title: 座舱评测
        date: 2025-07-10
        review:
          status: approved
          reviewer: " li-lei"
          date: 2025-07-11
        """, "tasks/deep-review/joint.yaml": """\
        title: 联合评测
        date: 2025-07-10
        authors:
          - koc: li-lei
            share: 50
          - koc: han-meimei
            share: 50
        review:
          status: approved
          reviewer: Han-Meimei
          date: 2025-07-11
        """})
    found = [(f, line, code) for f, line, code in codes(root, "E821")]
    assert found == [("tasks/deep-review/joint.yaml", 10, "E821"), ("tasks/deep-review/li-lei.yaml", 6, "E821")]


# ---------------------------------------------------------------- one link counts once

@pytest.mark.parametrize("first, second", [
    ("https://www.xiaohongshu.com/explore/64aB1", "HTTPS://XiaoHongShu.com/explore/64aB1/"),
    ("https://b23.tv/BV1xx?p=2", "http://b23.tv/BV1xx?utm_source=wechat&p=2&spm_id_from=333.1"),
    ("https://mp.weixin.qq.com/s/AbC#comments", "https://mp.weixin.qq.com:443/s/AbC"),
])
def test_link_variants_are_one_link(first, second):
    assert url_key(first) == url_key(second)


@pytest.mark.parametrize("first, second", [
    ("https://www.xiaohongshu.com/explore/64aB1", "https://www.xiaohongshu.com/explore/64ab1"),  # ids are case-sensitive
    ("https://b23.tv/BV1xx?p=2", "https://b23.tv/BV1xx?p=3"),  # another part of the video
])
def test_different_works_stay_different(first, second):
    assert url_key(first) != url_key(second)


def test_the_same_link_across_files_and_tasks_is_an_error_at_the_second(programme):
    root = programme({
        "tasks/deep-review/li-lei.yaml": textwrap.dedent(MINIMAL_REVIEW).replace("URL", "https://www.bilibili.com/video/BV1aa"),
        "tasks/deep-review/again.yaml": textwrap.dedent(MINIMAL_REVIEW).replace("2025-07-11", "2025-07-13").replace("2025-07-10", "2025-07-12").replace(
            "URL", "https://bilibili.com/video/BV1aa/?utm_source=copy"),
        "tasks/check-in.yaml": CHECK_IN_TASK,
        "tasks/check-in/0713.yaml": batch(record("li-lei", "2025-07-13", url="https://www.bilibili.com/video/BV1aa")),
    })
    problems = [p for p in check(root).problems if p.code == "E822"]
    assert [(p.file, p.line) for p in problems] == [("tasks/check-in/0713.yaml", 5), ("tasks/deep-review/again.yaml", 4)]
    assert "tasks/deep-review/li-lei.yaml" in problems[1].message("en") and "written differently" in problems[1].message("en")
    assert "written differently" not in problems[0].message("en")


MINIMAL_REVIEW = """\
    koc: li-lei
    title: 【合作】座舱评测
    date: 2025-07-10
    url: URL
    review:
      status: approved
      reviewer: 王运营
      date: 2025-07-11
    """


# ---------------------------------------------------------------- advertising disclosure

PAID = """\
rewards:
  pool_fen: 100000
"""


def test_published_paid_work_without_a_label_is_a_warning_by_default_and_an_error_when_configured(programme, minimal):
    work = textwrap.dedent(MINIMAL_REVIEW).replace("【合作】", "").replace("URL", "https://zhihu.com/p/1")
    files = {"campaigns/cockpit.yaml": minimal["campaigns/cockpit.yaml"] + PAID, "tasks/deep-review/li-lei.yaml": work}
    assert codes(programme(files)) == [("tasks/deep-review/li-lei.yaml", 2, "W823")]
    assert codes(programme({**files, "kocsite.yml": "disclosure:\n  severity: error\n"})) == [
        ("tasks/deep-review/li-lei.yaml", 2, "E824")]
    labelled = work.replace("title: 座舱评测", "title: 座舱评测 | 赞助")
    assert codes(programme({**files, "tasks/deep-review/li-lei.yaml": labelled})) == []
    own_labels = {**files, "kocsite.yml": "disclosure:\n  labels: [AD]\n", "tasks/deep-review/li-lei.yaml": labelled}
    assert codes(programme(own_labels)) == [("tasks/deep-review/li-lei.yaml", 2, "W823")]  # 赞助 is not in this list


def test_unpaid_campaigns_and_unpublished_work_need_no_label(programme, minimal):
    work = textwrap.dedent(MINIMAL_REVIEW).replace("【合作】", "").replace("URL", "https://zhihu.com/p/1")
    assert codes(programme({"tasks/deep-review/li-lei.yaml": work})) == []  # the minimal campaign pays nothing
    unpublished = "\n".join(line for line in work.splitlines() if not line.startswith("url:")) + "\n"
    assert codes(programme({"campaigns/cockpit.yaml": minimal["campaigns/cockpit.yaml"] + PAID,
                            "tasks/deep-review/li-lei.yaml": unpublished})) == []


def test_lint_checks_drafts_for_a_paid_campaign(programme, minimal, run, tmp_path):
    root = programme({"campaigns/cockpit.yaml": minimal["campaigns/cockpit.yaml"] + "rewards:\n  goods:\n"
                      "    - name: 车模\n      quantity: 1\n      top: 1\n"})
    bare, labelled = tmp_path / "bare.md", tmp_path / "labelled.md"
    bare.write_text("\n# 语音助手三周实测\n\n正文段落。\n", encoding="utf-8")
    labelled.write_text("# 语音助手三周实测\n本文由品牌合作提供车辆。\n", encoding="utf-8")
    result = run("-C", root, "lint", "--campaign", "cockpit", bare, labelled)
    assert result.exit_code == 1
    assert f"{bare}:2:1: W823" in result.output and str(labelled) not in result.output
    assert run("-C", root, "lint", bare).exit_code == 0  # without --campaign: wording only


# ---------------------------------------------------------------- agreed bylines

JOINT_TASK = """\
    title: 联合拆解
    quadrant: project
    campaign: cockpit
    role: tech-officer
    points: 100
    byline:
      - koc: li-lei
        part: 文字
        share: 60
      - koc: han-meimei
        part: 视频
        share: 40
    """


def joint(li: str, han: str, reason: str | None = None, li_confirmed: str | None = None,
          han_confirmed: str | None = None) -> str:
    lines = ["title: 联合拆解 01", "date: 2025-07-10", "authors:", "  - koc: li-lei", f"    share: {li}"]
    if li_confirmed:
        lines.append(f"    confirmed: {li_confirmed}")
    lines += ["  - koc: han-meimei", f"    share: {han}"]
    if han_confirmed:
        lines.append(f"    confirmed: {han_confirmed}")
    if reason:
        lines.append(f"share_change_reason: {reason}")
    lines += ["review:", "  status: approved", "  reviewer: 王运营", "  date: 2025-07-11"]
    return "\n".join(lines) + "\n"


def test_shares_follow_the_plan_or_give_a_reason(programme, two_officers):
    base = {"campaigns/cockpit.yaml": two_officers, "tasks/joint.yaml": JOINT_TASK}
    assert codes(programme({**base, "tasks/joint/one.yaml": joint("60", "40")})) == []
    [p] = check(programme({**base, "tasks/joint/one.yaml": joint("70", "30")})).problems
    assert (p.file, p.line, p.code) == ("tasks/joint/one.yaml", 4, "E825")
    assert "han-meimei 40%, li-lei 60%" in p.message("en") and "han-meimei 30%, li-lei 70%" in p.message("en")
    assert codes(programme({**base, "tasks/joint/one.yaml": joint("70", "30", reason="李雷多做了剪辑")})) == []


def test_the_plan_itself_sums_to_100_and_names_known_kocs(programme, two_officers):
    bad = JOINT_TASK.replace("share: 40", "share: 30").replace("koc: han-meimei", "koc: han-meimei-x")
    found = codes(programme({"campaigns/cockpit.yaml": two_officers, "tasks/joint.yaml": bad}))
    assert ("tasks/joint.yaml", 7, "E502") in found and ("tasks/joint.yaml", 10, "E104") in found


# ---------------------------------------------------------------- confirmations in git

def commit(repo: git.Repo, message: str, name: str, email: str) -> None:
    repo.git.add(A=True)
    actor = git.Actor(name, email)
    repo.index.commit(message, author=actor, committer=actor)


def test_a_confirmation_counts_only_when_committed_by_the_kocs_git_identity(programme, two_officers):
    li = "        git:\n          - lilei@example.com\n"
    root = programme({"campaigns/cockpit.yaml": two_officers, "tasks/joint.yaml": JOINT_TASK,
                      "kocs/li-lei.yaml": textwrap.dedent(MINIMAL_KOC + li), "tasks/joint/one.yaml": joint("60", "40")})
    repo = git.Repo.init(root)
    commit(repo, "kickoff", "运营", "ops@example.com")
    (root / "tasks/joint/one.yaml").write_text(joint("60", "40", li_confirmed="2025-07-12"), encoding="utf-8")
    assert codes(root) == [("tasks/joint/one.yaml", 6, "W827")]  # not committed yet: cannot be verified
    commit(repo, "李雷确认份额", "Li Lei", "LiLei@Example.com")  # emails compare case-insensitively
    assert codes(root) == []
    (root / "tasks/joint/one.yaml").write_text(joint("60", "40", li_confirmed="2025-07-12", han_confirmed="2025-07-12"),
                                                encoding="utf-8")
    commit(repo, "替韩梅梅确认", "Li Lei", "lilei@example.com")  # li-lei confirms for han-meimei
    [p] = check(root).problems
    assert (p.file, p.line, p.code) == ("tasks/joint/one.yaml", 9, "E826")
    assert "Li Lei <lilei@example.com>" in p.message("en") and "lists no git identity" in p.message("en")


def test_outside_git_confirmations_are_skipped_with_a_note(programme, two_officers, run):
    root = programme({"campaigns/cockpit.yaml": two_officers, "tasks/joint.yaml": JOINT_TASK,
                      "tasks/joint/one.yaml": joint("60", "40", li_confirmed="2025-07-12")})
    result = check(root)
    assert result.problems == [] and "not in a git repository" in result.notes[0][1]
    cli = run("check", root)
    assert cli.exit_code == 0 and "不在 git 仓库里" in cli.output


MINIMAL_KOC = """\
        name: 李雷
        skills:
          - skill: tech-analysis
            level: 4
"""


def test_a_shallow_clone_does_not_blame_its_first_commit_for_every_confirmation(tmp_path):
    """actions/checkout clones one commit deep: every line then seems written by that commit's author."""
    import subprocess

    from kocsite.checker import check
    from tests.tests_support import REPO

    clone = tmp_path / "shallow"
    subprocess.run(["git", "clone", "-q", "--depth", "1", f"file://{REPO}", str(clone)], check=True)
    result = check(clone)
    assert not [p for p in result.problems if p.code == "E826"]
    assert any("fetch-depth: 0" in en for _, en in result.notes)
