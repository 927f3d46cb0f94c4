"""Campaign metrics: hand-computed figures on crafted programmes and on the repository's sample."""

from __future__ import annotations

from datetime import date, timedelta
from fractions import Fraction

import pytest

from kocsite.ops.metrics import (
    CampaignMetrics, RoleDelivery, all_campaign_metrics, campaign_metrics, due_soon, due_tasks,
)
from kocsite.models import Campaign, Contribution, Settings, Task
from kocsite.models.campaign import Goal, Member, Role
from kocsite.models.contribution import Metrics, Review
from kocsite.core.display import percent_text
from tests_support import REPO
from kocsite.models.programme import Programme, Record, load_programme


# A crafted campaign; every figure asserted below is worked out by hand in the comments.
CRAFTED = {
    "kocs/wang-wu.yaml": "name: 王五\n",
    "kocs/zhao-liu.yaml": "name: 赵六\n",
    "kocs/sun-qi.yaml": "name: 孙七\n",
    "campaigns/cockpit.yaml": """\
        title: 智能座舱深度体验
        status: running
        start: 2025-07-01
        end: 2025-07-31
        background: 新车型上市
        goals:
          - id: deep-reviews
            title: 深度内容
            metric: approved_contributions
            target: 4
            deadline: 2025-07-31
            role: tech-officer
          - id: flagship
            title: 联合署名旗舰内容
            metric: approved_contributions
            target: 1
            deadline: 2025-07-31
            task: joint-piece
          - id: exposure
            title: 曝光
            metric: exposure
            target: 1000
            deadline: 2025-07-31
          - id: interactions
            title: 互动
            metric: interactions
            target: 100
            deadline: 2025-07-31
          - id: leads
            title: 线索
            metric: leads
            target: 10
            deadline: 2025-07-31
          - id: talk
            title: 氛围组讨论
            metric: discussions
            target: 20
            deadline: 2025-07-31
            role: atmosphere-builder
          - id: talk-all
            title: 全部讨论
            metric: discussions
            target: 10
            deadline: 2025-07-31
          - id: team
            title: 组队
            metric: accepted_members
            target: 3
            deadline: 2025-07-05
          - id: builders
            title: 氛围组
            metric: accepted_members
            target: 1
            deadline: 2025-07-05
            role: atmosphere-builder
          - id: early
            title: 前两周的深度内容
            metric: approved_contributions
            target: 2
            deadline: 2025-07-12
            role: tech-officer
          - id: wrong-pair
            title: 任务和角色对不上
            metric: approved_contributions
            target: 1
            deadline: 2025-07-31
            role: atmosphere-builder
            task: joint-piece
        roles:
          - id: tech-officer
            name: 技术体验官
            duties: [产出深度评测]
            headcount: 2
            deliverable:
              description: 一篇不少于 2000 字的评测
              min_chars: 2000
              due: 2025-07-20
          - id: atmosphere-builder
            name: 氛围营造者
            duties: [引导讨论]
            headcount: 3
            deliverable:
              description: 至少 10 条讨论
              min_count: 10
        members:
          - koc: li-lei
            role: tech-officer
            status: accepted
            invited: 2025-06-20
            responded: 2025-06-21
          - koc: han-meimei
            role: tech-officer
            status: accepted
            invited: 2025-06-20
            responded: 2025-06-23
          - koc: wang-wu
            role: tech-officer
            status: declined
            invited: 2025-06-20
            responded: 2025-06-22
          - koc: han-meimei
            role: atmosphere-builder
            status: accepted
            invited: 2025-06-20
            responded: 2025-06-23
          - koc: zhao-liu
            role: atmosphere-builder
            status: invited
            invited: 2025-06-25
          - koc: sun-qi
            role: atmosphere-builder
            status: withdrawn
            invited: 2025-06-25
        """,
    "campaigns/other.yaml": """\
        title: 另一个战役
        start: 2025-07-01
        end: 2025-07-31
        background: 不相干
        goals:
          - id: g
            title: 目标
            metric: exposure
            target: 1
            deadline: 2025-07-31
        """,
    # done, due 07-20
    "tasks/deep-review.yaml": """\
        title: 深度评测
        quadrant: project
        status: done
        campaign: cockpit
        role: tech-officer
        due: 2025-07-20
        owners: [li-lei]
        points: 100
        """,
    "tasks/deep-review/li-lei.yaml": """\
        koc: li-lei
        title: 座舱评测
        date: 2025-07-10
        chars: 2400
        review:
          status: approved
          reviewer: 王运营
          date: 2025-07-30
        metrics:
          exposure: 500
          interactions: 40
          leads: 3
        """,
    "tasks/deep-review/li-lei-draft.yaml": """\
        koc: li-lei
        title: 初稿
        date: 2025-07-08
        review:
          status: changes-requested
          reviewer: 王运营
          date: 2025-07-30
          reason: 补充测试条件
        metrics:
          exposure: 9999
          interactions: 999
          leads: 99
        """,
    "tasks/joint-piece.yaml": """\
        title: 联合作品
        quadrant: project
        status: in-progress
        campaign: cockpit
        role: tech-officer
        due: 2025-07-25
        owners: [li-lei, han-meimei]
        """,
    "tasks/joint-piece/joint.yaml": """\
        title: 两人合作
        authors:
          - koc: li-lei
            share: 60
          - koc: han-meimei
            share: 40
        date: 2025-07-15
        review:
          status: approved
          reviewer: 王运营
          date: 2025-07-30
        metrics:
          exposure: 300
          interactions: 45
        """,
    "tasks/joint-piece/pending.yaml": """\
        koc: li-lei
        title: 还在审
        date: 2025-07-16
        metrics:
          exposure: 7777
          interactions: 777
          leads: 77
        """,
    "tasks/discussion.yaml": """\
        title: 引导讨论
        quadrant: project
        status: review
        campaign: cockpit
        role: atmosphere-builder
        due: 2025-07-19
        owners: [han-meimei]
        """,
    "tasks/discussion/batch.yaml": """\
        contributions:
          - koc: han-meimei
            title: 第一周讨论
            date: 2025-07-11
            count: 12
            review:
              status: approved
              reviewer: 王运营
              date: 2025-07-30
            metrics:
              exposure: 200
              interactions: 30
              leads: 2
          - koc: han-meimei
            title: 一条长讨论
            date: 2025-07-12
            review:
              status: approved
              reviewer: 王运营
              date: 2025-07-30
          - koc: han-meimei
            title: 刷屏
            date: 2025-07-13
            count: 50
            review:
              status: rejected
              reviewer: 王运营
              date: 2025-07-30
              reason: 刷屏，不算有实质内容的讨论
            metrics:
              exposure: 5000
              interactions: 500
              leads: 50
        """,
    "tasks/brief.yaml": """\
        title: 简报
        quadrant: project
        campaign: cockpit
        due: 2025-07-23
        """,
    "tasks/checklist.yaml": """\
        title: 清单
        quadrant: project
        campaign: cockpit
        due: 2025-07-23
        """,
    "tasks/dropped.yaml": """\
        title: 取消的任务
        quadrant: project
        status: cancelled
        campaign: cockpit
        due: 2025-07-18
        owners: [li-lei]
        """,
    "tasks/elsewhere.yaml": """\
        title: 别的战役
        quadrant: project
        campaign: other
        status: done
        """,
    "tasks/elsewhere/han-meimei.yaml": """\
        koc: han-meimei
        title: 别处的作品
        date: 2025-07-10
        count: 30
        review:
          status: approved
          reviewer: 王运营
          date: 2025-07-30
        metrics:
          exposure: 1000000
          interactions: 1000
          leads: 100
        """,
}


@pytest.fixture
def crafted(programme) -> Programme:
    loaded = load_programme(programme(CRAFTED))
    assert loaded.problems == []
    return loaded


def goals(m: CampaignMetrics) -> dict:
    return {g.id: g for g in m.goals}


def test_goal_filters_by_role_and_task(crafted):
    g = goals(campaign_metrics(crafted, "cockpit"))
    # tech-officer tasks: deep-review (1 approved; the draft needs changes) + joint-piece (1 approved, 1 pending)
    assert (g["deep-reviews"].achieved, g["deep-reviews"].ratio, g["deep-reviews"].met) == (2, Fraction(1, 2), False)
    # only joint-piece; its two authors count as one contribution
    assert (g["flagship"].achieved, g["flagship"].ratio, g["flagship"].met) == (1, Fraction(1), True)
    # joint-piece is a tech-officer task, so a goal asking for it under atmosphere-builder finds nothing
    assert g["wrong-pair"].achieved == 0


def test_reach_sums_only_approved_work_of_the_campaign(crafted):
    m = campaign_metrics(crafted, "cockpit")
    # approved: deep-review 500/40/3, joint 300/45/-, discussion 200/30/2 and one without metrics;
    # the draft (changes requested), the pending piece, the rejected batch entry and the other
    # campaign's million are all left out
    assert (m.exposure, m.interactions, m.leads) == (1000, 115, 5)
    g = goals(m)
    assert (g["exposure"].achieved, g["exposure"].met) == (1000, True)  # exactly on target is met
    assert (g["interactions"].achieved, g["interactions"].ratio) == (115, Fraction(23, 20))
    assert (g["leads"].achieved, g["leads"].ratio, g["leads"].met) == (5, Fraction(1, 2), False)


def test_engagement_rate_is_an_exact_fraction(crafted):
    m = campaign_metrics(crafted, "cockpit")
    assert m.engagement_rate == Fraction(115, 1000) == Fraction(23, 200)
    assert isinstance(m.engagement_rate, Fraction)
    assert percent_text(m.engagement_rate) == "11.5%"
    assert percent_text(Fraction(1, 3), 2) == "33.33%"
    assert percent_text(None) == "—"


def test_discussions_with_and_without_a_filter(crafted):
    g = goals(campaign_metrics(crafted, "cockpit"))
    # with role filter: 12 + 1 (an approved contribution without count counts one); rejected 50 left out
    assert (g["talk"].achieved, g["talk"].ratio) == (13, Fraction(13, 20))
    # without a filter only contributions that state a count: the 12
    assert g["talk-all"].achieved == 12
    assert g["talk-all"].met is True


def test_accepted_members_goal(crafted):
    g = goals(campaign_metrics(crafted, "cockpit"))
    # li-lei and han-meimei: han-meimei's two accepted roles make her one person, not two
    assert (g["team"].achieved, g["team"].ratio, g["team"].met) == (2, Fraction(2, 3), False)
    assert (g["builders"].achieved, g["builders"].met) == (1, True)    # han-meimei only


def test_work_after_the_deadline_counts_but_not_on_time(crafted):
    early = goals(campaign_metrics(crafted, "cockpit"))["early"]
    # deep-review 07-10 is before the 07-12 deadline, the joint piece 07-15 is after it
    assert (early.achieved, early.on_time, early.met, early.met_on_time) == (2, 1, True, False)


def test_task_completion_excludes_cancelled_tasks(crafted):
    m = campaign_metrics(crafted, "cockpit")
    assert m.tasks_by_status == {"todo": 2, "in-progress": 1, "review": 1, "done": 1, "cancelled": 1}
    assert list(m.tasks_by_status) == ["todo", "in-progress", "review", "done", "cancelled"]
    assert (m.tasks_total, m.tasks_done, m.completion_rate) == (5, 1, Fraction(1, 5))


def test_review_tallies(crafted):
    m = campaign_metrics(crafted, "cockpit")
    assert (m.approved, m.pending, m.changes_requested, m.rejected) == (4, 1, 1, 1)
    assert m.contributions == 7


def test_recruitment_funnel(crafted):
    m = campaign_metrics(crafted, "cockpit")
    # one entry each: li-lei and han-meimei (twice) accepted, wang-wu declined, zhao-liu open, sun-qi withdrawn
    assert (m.invited, m.accepted, m.declined, m.withdrawn) == (1, 3, 1, 1)
    assert m.invitations == 6
    assert m.acceptance_rate == Fraction(1, 2)


def test_per_role_delivery(crafted):
    tech, atmosphere = campaign_metrics(crafted, "cockpit").roles
    # li-lei: approved 2400 字 on 07-10, before the 07-20 due date → met; han-meimei's only tech-officer
    # work is the joint piece, without a length → not met; 2 approved tech-officer works
    assert tech == RoleDelivery(role="tech-officer", name="技术体验官", headcount=2, invited=0, accepted=2,
                                delivered=1, approved=2, members=("han-meimei", "li-lei"), delivered_by=("li-lei",))
    # han-meimei: 12 + 1 = 13 ≥ 10 → met; zhao-liu's invitation is still open
    assert (atmosphere.role, atmosphere.headcount, atmosphere.invited, atmosphere.accepted) == (
        "atmosphere-builder", 3, 1, 1)
    assert (atmosphere.delivered_by, atmosphere.approved) == (("han-meimei",), 2)


def test_deliverable_not_met_when_too_short(programme):
    files = dict(CRAFTED)
    files["tasks/deep-review/li-lei.yaml"] = CRAFTED["tasks/deep-review/li-lei.yaml"].replace("2400", "1999")
    tech = campaign_metrics(load_programme(programme(files)), "cockpit").roles[0]
    assert (tech.accepted, tech.delivered, tech.delivered_by) == (2, 0, ())


def test_other_campaign_is_kept_apart(crafted):
    m = campaign_metrics(crafted, "other")
    assert (m.exposure, m.interactions, m.leads, m.approved) == (1000000, 1000, 100, 1)
    assert m.engagement_rate == Fraction(1, 1000)
    assert (m.tasks_total, m.completion_rate, m.roles, m.acceptance_rate) == (1, Fraction(1), (), None)


def test_all_campaign_metrics_agrees_with_one_by_one(crafted):
    every = all_campaign_metrics(crafted, today=date(2025, 7, 21))
    assert list(every) == ["cockpit", "other"]
    for cid, m in every.items():
        assert m == campaign_metrics(crafted, cid, today=date(2025, 7, 21))


def test_zero_exposure_and_no_tasks(programme):
    m = campaign_metrics(load_programme(programme()), "cockpit")  # MINIMAL: one approved work, no metrics
    assert (m.exposure, m.engagement_rate) == (0, None)
    assert (m.tasks_total, m.completion_rate) == (1, Fraction(0))  # a todo task: 0, not None


def test_no_tasks_no_completion_rate(programme):
    bare = campaign_metrics(load_programme(programme({
        "tasks/deep-review.yaml": None, "tasks/deep-review/li-lei.yaml": None})), "cockpit")
    assert (bare.tasks_total, bare.tasks_done, bare.completion_rate) == (0, 0, None)
    assert (bare.approved, goals(bare)["deep-reviews"].achieved) == (0, 0)


def test_unknown_campaign_is_a_key_error(crafted):
    with pytest.raises(KeyError):
        campaign_metrics(crafted, "nope")
    with pytest.raises(KeyError):
        due_soon(crafted, "nope", date(2025, 7, 21))


def test_due_and_overdue_tasks(crafted):
    today = date(2025, 7, 21)
    # discussion (review, due 07-19) is overdue; brief and checklist (due 07-23) are exactly 2 days out;
    # deep-review is past due but done, dropped is past due but cancelled, joint-piece is 4 days out
    assert [(d.task, d.days_left, d.overdue) for d in due_tasks(crafted, "cockpit", today)] == [
        ("discussion", -2, True), ("brief", 2, False), ("checklist", 2, False)]
    m = campaign_metrics(crafted, "cockpit", today=today)
    assert (m.today, m.overdue, m.due_soon) == (today, ("discussion",), ("brief", "checklist"))
    plain = campaign_metrics(crafted, "cockpit")
    assert (plain.overdue, plain.due_soon) == (None, None)


def test_due_soon_by_owner(crafted):
    today = date(2025, 7, 21)
    board = due_soon(crafted, "cockpit", today)
    assert {owner: [d.task for d in items] for owner, items in board.items()} == {
        "han-meimei": ["discussion"], None: ["brief", "checklist"]}
    wider = due_soon(crafted, "cockpit", today, within_days=4)
    # owners in id order, unowned last; a shared task under each owner; each list by due date
    assert [(owner, [d.task for d in items]) for owner, items in wider.items()] == [
        ("han-meimei", ["discussion", "joint-piece"]), ("li-lei", ["joint-piece"]), (None, ["brief", "checklist"])]
    assert due_soon(crafted, "cockpit", date(2025, 6, 1)) == {}
    with pytest.raises(ValueError):
        due_soon(crafted, "cockpit", today, within_days=-1)


# --- the repository's sample programme -------------------------------------------------------------

@pytest.fixture(scope="module")
def sample() -> Programme:
    return load_programme(REPO)


def test_sample_running_campaign(sample):
    m = campaign_metrics(sample, "cockpit-deep-experience")
    g = goals(m)
    # tech-officer tasks: feature series 7 approved (zuocang-laochen 3 of 4, susu-notes 2, zhao 2 of 3; laodeng-gouche
    # rejected), review-video 1, review-voice 1, review-family 0 (v1 changes requested, v2 pending),
    # joint teardown 1 (part 1 approved, part 2 pending)
    assert (g["deep-reviews"].achieved, g["deep-reviews"].ratio) == (10, Fraction(10, 50))
    # exposure: discussion 86000+24000, series 58000+96000+31000+47000+39000+124000+88000,
    # video 690000, voice 412000
    assert m.exposure == g["exposure"].achieved == 1_695_000
    assert m.interactions == 7300 + 23200 + 31200 + 18600
    assert m.leads == g["leads"].achieved == 33 + 31 + 58 + 42
    assert m.engagement_rate == Fraction(80300, 1_695_000)
    assert percent_text(m.engagement_rate) == "4.7%"
    # discussions by atmosphere builders: che-shenghuo 16 + nanjing-l9 12 (ningning-zijia pending, jiajia-no-brake changes)
    assert g["discussions"].achieved == 28
    assert (m.approved, m.pending, m.changes_requested, m.rejected) == (16, 6, 2, 1)
    assert (m.tasks_total, m.tasks_done, m.completion_rate) == (9, 2, Fraction(2, 9))
    assert (m.invited, m.accepted, m.declined, m.withdrawn, m.acceptance_rate) == (1, 11, 2, 0, Fraction(11, 14))
    tech = m.roles[0]
    assert (tech.role, tech.accepted, tech.delivered_by, tech.approved) == (
        "tech-officer", 4, ("tc-liaoche", "zuocang-laochen"), 10)


def test_sample_joint_bylines_count_once(sample):
    flagship = goals(campaign_metrics(sample, "l9-mayday-road-trip"))["flagship"]
    # two approved joint works on sichuan-west-crossing (2 + 3 authors): 2, not 5
    assert (flagship.achieved, flagship.met) == (2, True)


def test_sample_reminders(sample):
    board = due_soon(sample, "cockpit-deep-experience", date(2026, 11, 24))
    assert [d.task for d in board["susu-notes"]] == ["cockpit-review-family"]  # due 11-20, still in review
    assert board["laodeng-gouche"][0].days_left == -4
    assert [d.task for d in board["che-shenghuo"]] == ["cockpit-discussion"]  # due 11-25


# --- speed ------------------------------------------------------------------------------------------

def _big_programme(campaigns: int = 200, tasks: int = 5000, contributions: int = 100_000) -> Programme:
    day = date(2025, 7, 1)
    programme = Programme(REPO, Settings())
    roles = ("writer", "builder")
    for c in range(campaigns):
        programme.campaigns[f"c{c}"] = Campaign.model_construct(
            title=f"c{c}", status="running", start=day, end=day + timedelta(days=30), background="x",
            goals=[Goal.model_construct(id="n", title="n", metric="approved_contributions", target=10,
                                        deadline=day + timedelta(days=30), role="writer", task=None),
                   Goal.model_construct(id="e", title="e", metric="exposure", target=10,
                                        deadline=day + timedelta(days=30), role=None, task=None)],
            roles=[Role.model_construct(id=r, name=r, duties=["x"], headcount=5, deliverable=None, skills=[])
                   for r in roles],
            members=[Member.model_construct(koc=f"k{m}", role=roles[m % 2], status="accepted", invited=None,
                                            responded=None, message=None) for m in range(8)])
    for t in range(tasks):
        programme.tasks[f"t{t}"] = Task.model_construct(
            title="t", quadrant="project", status="in-progress", campaign=f"c{t % campaigns}",
            role=roles[(t // campaigns) % 2], due=day + timedelta(days=t % 30), owners=[f"k{t % 8}"])
    for i in range(contributions):
        task, k = f"t{i % tasks}", i // tasks  # 20 contributions a task, k = 0 … 19
        c = Contribution.model_construct(
            id=None, koc=f"k{i % 8}", authors=[], title="w", date=day, chars=100, count=None,
            review=Review.model_construct(status="pending" if k % 4 == 0 else "approved", quality=None),
            metrics=Metrics.model_construct(exposure=10, interactions=1, leads=None), award=None)
        programme.contributions.setdefault(task, []).append(Record(task, f"tasks/{task}/w.yaml", i, c))
    return programme


def test_all_campaign_metrics_at_scale():
    # how fast: benchmarks/run.py prints it (speed is measured in benchmarks, not timed tests)
    big = _big_programme()
    every = all_campaign_metrics(big, today=date(2025, 7, 15))
    assert len(every) == 200
    assert sum(m.approved for m in every.values()) == 75_000
    assert sum(m.pending for m in every.values()) == 25_000
    assert sum(m.exposure for m in every.values()) == 750_000
    # every campaign: 25 tasks (13 writer, 12 builder) × 20 contributions, 15 of each 20 approved
    m = every["c7"]
    assert (m.tasks_total, m.approved, m.pending, goals(m)["e"].achieved) == (25, 375, 125, 3750)
    assert goals(m)["n"].achieved == 13 * 15
    assert [r.approved for r in m.roles] == [195, 180]
    assert m.engagement_rate == Fraction(1, 10)

