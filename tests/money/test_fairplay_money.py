"""Fair play in the money: capped check-ins earn nothing, unconfirmed shares earn pending credit and
their cash is held back (pool = paid + held + unallocated, to the 分). Hand-computed."""

from __future__ import annotations

import csv
import io
from fractions import Fraction

from kocsite.checker import check
from kocsite.models.programme import load_programme
from kocsite.money.credit import compute_credit
from kocsite.money.outcome import campaign_outcome
from kocsite.outputs.rewards import rewards_document, summary
from tests_support import DONE_TASK, RETROSPECTIVE, REWARDS, SECOND_REVIEW

CHECK_IN_TASK = """\
    title: 每日签到
    quadrant: routine
    routine:
      kind: check-in
    """


def check_in(day: str, at: str | None = None) -> str:
    time = f"    at: {at}\n" if at else ""
    return (f"  - koc: han-meimei\n    title: 签到\n    date: {day}\n{time}"
            f"    review:\n      status: approved\n      reviewer: App\n      date: {day}\n")


def test_check_ins_beyond_the_daily_cap_count_nothing(programme):
    loaded = load_programme(programme({
        "kocsite.yml": "points:\n  check_in: 2\n",
        "tasks/check-in.yaml": CHECK_IN_TASK,
        "tasks/check-in/july.yaml": "contributions:\n" + check_in("2025-07-10") * 3 + check_in("2025-07-11"),
    }))
    book = compute_credit(loaded)
    lines = book.lines_for("han-meimei")
    assert [(line.capped, line.counted, line.credit) for line in lines] == [
        (False, True, 2), (True, False, 0), (True, False, 0), (False, True, 2)]
    assert book.quadrant_credit()["han-meimei"]["routine"] == 4  # 2 days × 2 points, not 4 check-ins × 2


def test_the_cap_follows_the_programmes_timezone(programme):
    july = "contributions:\n" + check_in("2025-07-10", "2025-07-10T23:50:00+08:00") + check_in(
        "2025-07-11", "2025-07-11T00:10:00+08:00")
    shanghai = compute_credit(load_programme(programme({"tasks/check-in.yaml": CHECK_IN_TASK, "tasks/check-in/july.yaml": july})))
    assert sum(line.credit for line in shanghai.lines_for("han-meimei")) == 2
    utc = compute_credit(load_programme(programme({"kocsite.yml": "timezone: UTC\n", "tasks/check-in.yaml": CHECK_IN_TASK,
                                                   "tasks/check-in/july.yaml": july})))
    assert [line.capped for line in utc.lines_for("han-meimei")] == [False, True]  # one UTC day: 15:50Z and 16:10Z


JOINT_TASK = """\
    title: 联合拆解
    quadrant: project
    campaign: cockpit
    role: tech-officer
    points: 100
    byline:
      - koc: li-lei
        share: 60
      - koc: han-meimei
        share: 40
    """
JOINT = """\
    title: 联合拆解 01
    date: 2025-07-12
    authors:
      - koc: li-lei
        share: 60
        confirmed: 2025-07-12
      - koc: han-meimei
        share: 40
    review:
      status: approved
      reviewer: 王运营
      date: 2025-07-13
    """


def test_an_unconfirmed_share_earns_pending_credit_and_its_cash_is_held_back(programme, two_officers):
    """li-lei: 100 (solo) + 60 (joint, confirmed) = 160; han-meimei: 100 (solo) + 40 (joint, NOT confirmed) = 140.
    Pool 100 000 分: li 100000 × 160/300 = 53 333.33…, han 46 666.66… → floors 53 333 + 46 666, the 1 分 left
    goes to the larger remainder (han): 46 667. han's pending 40 of 140: pay now floor(46 667 × 100/140) =
    floor(33 333.57) = 33 333, held 13 334. 53 333 + 33 333 + 13 334 = 100 000."""
    loaded = load_programme(programme({"campaigns/cockpit.yaml": two_officers + REWARDS,
                                       "tasks/deep-review/han-meimei.yaml": SECOND_REVIEW,
                                       "tasks/joint.yaml": JOINT_TASK, "tasks/joint/one.yaml": JOINT}))
    assert loaded.problems == []
    book = compute_credit(loaded)
    assert [(line.koc, line.pending) for line in book.lines_for(campaign="cockpit") if line.task == "joint"] == [
        ("han-meimei", True), ("li-lei", False)]
    assert book.campaign_credit("cockpit") == {"li-lei": 160, "han-meimei": 140}  # pending credit counts
    outcome = campaign_outcome(loaded, book, "cockpit")
    assert {p.koc: p.payout_fen for p in outcome.split.payouts} == {"li-lei": 53333, "han-meimei": 46667}
    [held] = outcome.held
    assert (held.koc, held.credit, held.pending_credit, held.paid_fen, held.held_fen) == (
        "han-meimei", 140, 40, 33333, 13334)
    assert 53333 + held.paid_fen + held.held_fen + outcome.split.unallocated_fen == 100000
    document = rewards_document(loaded, outcome)
    assert document["held_fen"] == 13334
    assert "han-meimei：奖金 466.67 元 = 现发 333.33 元 + 暂扣 133.34 元" in summary(outcome, "zh", loaded)


def test_once_confirmed_nothing_is_held(programme, two_officers):
    confirmed = JOINT.replace("        share: 40\n", "        share: 40\n        confirmed: 2025-07-14\n")
    loaded = load_programme(programme({"campaigns/cockpit.yaml": two_officers + REWARDS,
                                       "tasks/deep-review/han-meimei.yaml": SECOND_REVIEW,
                                       "tasks/joint.yaml": JOINT_TASK, "tasks/joint/one.yaml": confirmed}))
    outcome = campaign_outcome(loaded, compute_credit(loaded), "cockpit")
    assert outcome.held == () and "暂扣" not in summary(outcome, "zh", loaded)


def test_bylines_without_an_agreed_plan_need_no_confirmation(programme, two_officers):
    plain_task = "\n".join(JOINT_TASK.splitlines()[:5]) + "\n"
    loaded = load_programme(programme({"campaigns/cockpit.yaml": two_officers + REWARDS,
                                       "tasks/joint.yaml": plain_task, "tasks/joint/one.yaml": JOINT}))
    book = compute_credit(loaded)
    assert not any(line.pending for line in book.lines)
    assert campaign_outcome(loaded, book, "cockpit").held == ()
    assert book.campaign_credit("cockpit")["han-meimei"] == Fraction(40)


def test_the_payout_file_transfers_confirmed_cash_only_and_reconciles_the_held_part(programme, two_officers, run):
    """Closed with han-meimei's joint share unconfirmed: the ledger keeps her whole payout (46 667 分, as in
    the test above), the transfer file pays 33 333 now and reconciles 53 333 + 33 333 + 13 334 + 0 = 100 000."""
    done_joint = JOINT_TASK.replace("    points: 100\n", "    points: 100\n    status: done\n")
    root = programme({"campaigns/cockpit.yaml": two_officers + REWARDS + RETROSPECTIVE,
                      "tasks/deep-review.yaml": DONE_TASK, "tasks/deep-review/han-meimei.yaml": SECOND_REVIEW,
                      "tasks/joint.yaml": done_joint, "tasks/joint/one.yaml": JOINT})
    assert run("close", "cockpit", "--path", root, "--date", "2025-08-01").exit_code == 0
    result = run("payouts", "cockpit", "--path", root)
    assert result.exit_code == 0, result.output
    rows = list(csv.reader(io.StringIO(result.stdout_bytes.decode("utf-8").removeprefix("\ufeff"), newline="")))
    assert [(r[2], r[5]) for r in rows[1:3]] == [("li-lei", "53333"), ("han-meimei", "33333")]
    assert "（86666 + 13334 + 0 = 100000 分）" in rows[3][2] and "份额待确认暂扣 133.34 元" in rows[3][2]
    # confirming after closing moves no sealed figure (no E603) and releases the held cash
    one = root / "tasks/joint/one.yaml"
    one.write_text(JOINT.replace("        share: 40\n", "        share: 40\n        confirmed: 2025-08-02\n"), encoding="utf-8")
    assert [p.code for p in check(root, cache_dir=None).problems] == []
    rows = list(csv.reader(io.StringIO(run("payouts", "cockpit", "--path", root).stdout_bytes.decode("utf-8")
                                       .removeprefix("\ufeff"), newline="")))
    assert ("han-meimei", "46667") in [(r[2], r[5]) for r in rows[1:3]] and "（100000 + 0 = 100000 分）" in rows[3][2]
