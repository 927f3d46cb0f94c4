"""Amplification (放大): who passed a work on; points per KOC share (amplification_points, default 0);
the board's count of amplified pieces."""

from __future__ import annotations

from fractions import Fraction

from kocsite.checker import check
from kocsite.models.programme import load_programme
from kocsite.money.credit import compute_credit
from kocsite.ops.amplification import Amplified, campaign_amplified

ROLES = """\
  - id: atmosphere
    name: 氛围营造者
    duties: [转发与讨论]
    headcount: 3
"""
MEMBER = """\
  - koc: han-meimei
    role: atmosphere
    status: accepted
    invited: 2025-06-20
    responded: 2025-06-22
"""
AMPLIFIED = """\
amplified:
  - kind: official-repost
    account: 官方微博
    platform: weibo
    url: https://weibo.com/brand/1
    date: 2025-07-11
  - koc: han-meimei
    url: https://weibo.com/han/2
    date: 2025-07-12
  - koc: wang-wu
    url: https://weibo.com/wang/3
    date: 2025-07-13
"""


def _campaign(minimal: dict[str, str]) -> str:
    text = minimal["campaigns/cockpit.yaml"]
    text = text.replace("members:\n", "members:\n" + MEMBER)
    return text.replace("    headcount: 2\n", "    headcount: 2\n" + ROLES)


def _root(programme, minimal, rate: int | None = 3, status: str = "approved"):
    work = minimal["tasks/deep-review/li-lei.yaml"] + AMPLIFIED
    if status != "approved":
        work = work.replace("  status: approved\n  reviewer: 王运营\n  date: 2025-07-11\n",
                            f"  status: {status}\n  reviewer: 王运营\n  date: 2025-07-11\n  reason: 再补充\n")
    files = {"campaigns/cockpit.yaml": _campaign(minimal), "tasks/deep-review/li-lei.yaml": work,
             "kocs/wang-wu.yaml": "name: 王五\n"}
    if rate is not None:
        files["kocsite.yml"] = f"amplification_points: {rate}\n"
    return programme(files)


def test_sample_like_amplifications_check_clean(programme, minimal):
    root = _root(programme, minimal)
    assert check(root, cache_dir=root / ".cache").problems == []


def test_each_share_earns_the_rate_in_the_sharers_role(programme, minimal):
    book = compute_credit(load_programme(_root(programme, minimal, rate=3)))
    # li-lei: 100 points × 1 × 100 %; han-meimei and wang-wu: one share each × 3; the official repost: nobody
    assert book.campaign_credit("cockpit") == {"li-lei": 100, "han-meimei": 3, "wang-wu": 3}
    shares = [line for line in book.lines if line.via == "share"]
    assert [(s.koc, s.role, s.day.isoformat(), s.credit) for s in shares] == [
        ("han-meimei", "atmosphere", "2025-07-12", Fraction(3)),
        ("wang-wu", None, "2025-07-13", Fraction(3))]  # not a member: no role, and (as for any non-member) no cash


def test_default_rate_is_zero_so_nothing_changes(programme, minimal):
    book = compute_credit(load_programme(_root(programme, minimal, rate=None)))
    assert book.campaign_credit("cockpit") == {"li-lei": 100}
    assert not [line for line in book.lines if line.via]


def test_shares_of_unapproved_work_do_not_count(programme, minimal):
    book = compute_credit(load_programme(_root(programme, minimal, status="changes-requested")))
    shares = [line for line in book.lines if line.via == "share"]
    assert len(shares) == 2 and not any(s.counted for s in shares) and all(s.credit == 0 for s in shares)
    assert book.campaign_credit("cockpit") == {}


def test_amplified_count(programme, minimal):
    loaded = load_programme(_root(programme, minimal))
    assert campaign_amplified(loaded, "cockpit") == Amplified(pieces=1, approved=1, official_reposts=1, shares=2,
                                                              sharers=2)
    pending = load_programme(_root(programme, minimal, status="changes-requested"))
    assert campaign_amplified(pending, "cockpit") == Amplified(0, 0, 0, 0, 0)  # only approved works count


def test_credit_explain_names_the_share(programme, minimal, run):
    root = _root(programme, minimal)
    zh = run("credit", "cockpit", "--path", root, "--explain").output
    assert "han-meimei  tasks/deep-review/li-lei.yaml（2025-07-12）：转发了这篇作品，每次转发 3 分 = 3" in zh
    en = run("--lang", "en", "credit", "cockpit", "--path", root, "--explain").output
    assert "han-meimei  tasks/deep-review/li-lei.yaml (2025-07-12): shared it, 3 points per share = 3" in en
