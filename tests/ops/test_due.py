"""`kocsite due`: the programme-wide reminder list (kocsite/ops/due.py, kocsite/outputs/due.py)."""

from __future__ import annotations

import json
from datetime import date

import pytest

from kocsite.ops.due import due_list, parse_window
from kocsite.outputs.due import due_document, due_lines, due_markdown
from kocsite.models.programme import load_programme
from conftest import MINIMAL

TODAY = date(2025, 7, 15)


def task(title: str, due: str | None, status: str = "todo", owners: tuple[str, ...] = (),
         campaign: str | None = "cockpit", extra: str = "") -> str:
    lines = [f"title: {title}", f"quadrant: {'project' if campaign else 'routine'}", f"status: {status}"]
    if campaign:
        lines.append(f"campaign: {campaign}")
    else:
        lines.append("routine: {kind: weekly-topic, cadence: weekly}")
    if due:
        lines.append(f"due: {due}")
    if owners:
        lines.append("owners: [" + ", ".join(owners) + "]")
    return "\n".join(lines) + "\n" + extra


TASKS = {
    "campaigns/cockpit.yaml": MINIMAL["campaigns/cockpit.yaml"].rstrip(" ") + """\
          - koc: han-meimei
            role: tech-officer
            status: accepted
            responded: 2025-06-22
        """,
    "tasks/deep-review.yaml": None,          # the minimal programme's task (due 2025-07-20) is removed
    "tasks/deep-review/li-lei.yaml": None,
    "tasks/late.yaml": task("逾期的任务", "2025-07-14", "in-progress", ("li-lei",)),
    "tasks/today.yaml": task("今天到期", "2025-07-15", owners=("han-meimei",)),
    "tasks/edge.yaml": task("窗口最后一天", "2025-07-17", "review", ("li-lei", "han-meimei")),
    "tasks/outside.yaml": task("窗口外一天", "2025-07-18", owners=("li-lei",)),
    "tasks/done.yaml": task("已完成", "2025-07-10", "done", ("li-lei",)),
    "tasks/cancelled.yaml": task("已取消", "2025-07-10", "cancelled", ("li-lei",)),
    "tasks/no-due.yaml": task("没有截止日", None, owners=("li-lei",)),
    "tasks/nobody.yaml": task("没人负责", "2025-07-16"),
    "tasks/no-campaign.yaml": task("不属于任何活动", "2025-07-13", owners=("han-meimei",), campaign=None),
}


@pytest.fixture
def tasks_programme(programme):
    return load_programme(programme(TASKS))


def refs(due, owner):
    return [(i.kind, i.ref, i.days_left) for g in due.groups if g.owner == owner for i in g.items]


def test_window_boundaries_overdue_and_closed_tasks(tasks_programme):
    due = due_list(tasks_programme, TODAY, 2)
    assert refs(due, "li-lei") == [("task", "late", -1), ("task", "edge", 2)]
    assert refs(due, "han-meimei") == [("task", "no-campaign", -2), ("task", "today", 0), ("task", "edge", 2)]
    assert refs(due, None) == [("task", "nobody", 1)]
    everything = {i.ref for g in due.groups for i in g.items}
    assert not everything & {"outside", "done", "cancelled", "no-due"}
    assert due.items == 5 and due.overdue == 2        # a shared task counts once
    assert due.horizon == date(2025, 7, 17)


def test_zero_window_is_today_and_overdue(tasks_programme):
    due = due_list(tasks_programme, TODAY, 0)
    assert {i.ref for g in due.groups for i in g.items} == {"late", "today", "no-campaign"}
    wider = due_list(tasks_programme, TODAY, 3)
    assert "outside" in {i.ref for g in wider.groups for i in g.items}


def test_grouping_owners_by_id_names_and_unassigned_last(tasks_programme):
    due = due_list(tasks_programme, TODAY, 2)
    assert [(g.owner, g.name) for g in due.groups] == [("han-meimei", "韩梅梅"), ("li-lei", "李雷"), (None, None)]
    text = "\n".join(due_lines(due))
    assert text.index("han-meimei 韩梅梅") < text.index("li-lei 李雷") < text.index("未分配 / unassigned")
    edge = next(i for g in due.groups for i in g.items if i.ref == "edge")
    assert edge.owners == ("li-lei", "han-meimei") and edge.status == "review"


def test_output_is_deterministic(tasks_programme):
    first = due_document(due_list(tasks_programme, TODAY, 2))
    assert first == due_document(due_list(tasks_programme, TODAY, 2))
    assert first["count"] == 5 and first["groups"][-1]["owner"] is None


def test_unmet_role_deliverables_of_accepted_members(programme, minimal, two_officers, run):
    campaign = two_officers.replace("""    headcount: 2
""", """    headcount: 3
    deliverable:
      description: 2000 字评测
      min_chars: 2000
      due: 2025-07-16
""") + """  - koc: wang-wu
    role: tech-officer
    status: invited
"""
    files = {
        "campaigns/cockpit.yaml": campaign,
        "kocs/wang-wu.yaml": "name: 王五\n",
        # li-lei's approved review is long enough: he has met the deliverable
        "tasks/deep-review/li-lei.yaml": minimal["tasks/deep-review/li-lei.yaml"] + "chars: 2500\n",
        "tasks/deep-review.yaml": minimal["tasks/deep-review.yaml"].replace("due: 2025-07-20", "due: 2025-07-30"),
    }
    root = programme(files)
    assert run("check", root).exit_code == 0, run("check", root).output
    prog = load_programme(root)
    due = due_list(prog, TODAY, 2)
    assert [(g.owner, [(i.kind, i.ref, i.days_left) for i in g.items]) for g in due.groups] == [
        ("han-meimei", [("deliverable", "cockpit/tech-officer", 1)])]
    item = due.groups[0].items[0]
    assert item.campaign == "cockpit" and item.role == "tech-officer" and "2000 字评测" in item.title
    # after the due date it is overdue; a closed campaign is history, not a reminder
    assert due_list(prog, date(2025, 7, 20), 0).groups[0].items[0].days_left == -4
    closed = load_programme(programme({**files, "campaigns/cockpit.yaml": campaign.replace("status: running", "status: closed")}))
    assert due_list(closed, TODAY, 2).groups == ()


PRIVATE_KOC = """\
name: 李雷
private:
  real_name: 李真名
  contact_log:
    - date: 2025-07-01
      channel: 微信
      summary: 老的一次联系
      next_step: 早就跟进过的事
      next_date: 2025-07-02
    - date: 2025-07-10
      channel: 电话
      summary: 约评测
      next_step: 寄送试驾车钥匙
      next_date: 2025-07-16
"""


def test_private_follow_ups_only_when_asked_and_only_the_latest(programme):
    prog = load_programme(programme({**TASKS, "kocs/li-lei.yaml": PRIVATE_KOC}))
    public = due_list(prog, TODAY, 2)
    assert all(i.kind != "follow-up" for g in public.groups for i in g.items)
    private = due_list(prog, TODAY, 2, private=True)
    follow = [i for g in private.groups if g.owner == "li-lei" for i in g.items if i.kind == "follow-up"]
    assert [(i.ref, i.title, i.days_left) for i in follow] == [("li-lei", "寄送试驾车钥匙", 1)]
    with pytest.raises(ValueError):
        due_markdown(private)
    assert "寄送试驾车钥匙" not in due_markdown(public)


def test_cli_markdown_never_holds_private_follow_ups(programme, run):
    root = programme({**TASKS, "kocs/li-lei.yaml": PRIVATE_KOC})
    result = run("due", root, "--today", "2025-07-15", "--format", "markdown")
    assert result.exit_code == 0
    assert "逾期的任务" in result.output and "寄送试驾车钥匙" not in result.output and "李真名" not in result.output
    refused = run("due", root, "--today", "2025-07-15", "--format", "markdown", "--private")
    assert refused.exit_code == 2 and "--private" in refused.output
    text = run("due", root, "--today", "2025-07-15", "--private")
    assert text.exit_code == 0 and "寄送试驾车钥匙" in text.output and "私域跟进" in text.output
    document = json.loads(run("due", root, "--today", "2025-07-15", "--format", "json", "--private").output)
    assert document["private"] is True and any(i["kind"] == "follow-up" for g in document["groups"] for i in g["items"])
    assert "--private" in run("due", "--help").output and "markdown" in run("due", "--help").output


def test_markdown_escapes_data_text(programme, run):
    root = programme({**TASKS, "tasks/nobody.yaml": task("<script>alert(1)</script> @everyone [x](javascript:y) | z", "2025-07-16")})
    out = run("due", root, "--today", "2025-07-15", "--format", "markdown").output
    assert "<script>" not in out and "@everyone" not in out and "\\[x\\](javascript" in out
    assert "| `nobody` " in out  # the row is still there, one table cell per column
    assert out.count("\n| 2025-07-16 |") == 1


def test_window_values(programme, run):
    assert [parse_window(v) for v in ("2d", "1w", "0d", "3", "2W")] == [2, 7, 0, 3, 14]
    for bad in ("3x", "-1d", "", "d", "1.5d", "2 weeks"):
        with pytest.raises(ValueError):
            parse_window(bad)
    root = programme(TASKS)
    for bad in ("3x", "-1d", "tomorrow"):
        result = run("due", root, "--within", bad)
        assert result.exit_code == 2 and "--within" in result.output, bad
    wide = json.loads(run("due", root, "--today", "2025-07-15", "--within", "1w", "--format", "json").output)
    assert wide["within_days"] == 7 and wide["horizon"] == "2025-07-22"


def test_exit_codes(programme, run, minimal):
    root = programme(TASKS)
    assert run("due", root, "--today", "2025-07-15").exit_code == 0           # overdue items: still 0
    assert run("due", root, "--today", "2020-01-01").exit_code == 0           # nothing due
    assert "没有到期" in run("due", root, "--today", "2020-01-01").output
    broken = programme({**TASKS, "tasks/late.yaml": task("坏", "2025-07-14", owners=("nobody-here",))})
    assert run("due", broken).exit_code == 1
