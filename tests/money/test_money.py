"""Money a KOC and finance can trust (issue 12): hand-computed cases on real programmes in tmp dirs.

The campaign: pool 100 000 分, cap 70 000 分, two tech officers. li-lei's review is worth 100
credit; han-meimei's has quality 2, so 200. Split by credit (Σ300): han 100 000 × 200/300 =
66 666.67 → 66 666 + the leftover 分 (remainder ⅔ > ⅓) = 66 667; li 33 333.33 → 33 333. One goods
item for the top 1 → han-meimei.
"""

import csv
import io
import json
import re

import pytest
import yaml

from kocsite.checker import check
from kocsite.money.ledger import ledger_dict, seal_of
from kocsite.models.ledger import Ledger
from kocsite.outputs.tables import write_csv
from tests_support import DONE_TASK, REPO, RETROSPECTIVE, REWARDS, SECOND_REVIEW

GOODS = """  goods:
    - name: 座舱车模
      quantity: 1
      top: 1
"""
HAN_QUALITY_2 = SECOND_REVIEW.replace("  date: 2025-07-16\n", "  date: 2025-07-16\n  quality: 2\n")


@pytest.fixture
def files(two_officers):
    return {"campaigns/cockpit.yaml": two_officers + REWARDS + GOODS + RETROSPECTIVE,
            "tasks/deep-review.yaml": DONE_TASK, "tasks/deep-review/han-meimei.yaml": HAN_QUALITY_2}


@pytest.fixture
def closed(programme, files, run):
    root = programme(files)
    result = run("close", "cockpit", "--path", root, "--date", "2025-08-01")
    assert result.exit_code == 0, result.output
    return root


def problems(root):
    return check(root, cache_dir=None).problems


def line_of(path, needle, start=0):
    lines = path.read_text(encoding="utf-8").splitlines()
    return next(i for i, line in enumerate(lines, start=1) if i > start and needle in line)


def reseal(path):
    """Forge: recompute the seal after an edit by hand, as a careful tamperer would."""
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    forged = seal_of(ledger_dict(Ledger.model_validate(data)))
    path.write_text(re.sub(r'seal: "[0-9a-f]+"', f'seal: "{forged}"', path.read_text(encoding="utf-8")), encoding="utf-8")


# ---------------------------------------------------------------- 3. every sealed figure is verified

def test_the_closed_ledger_freezes_every_figure_and_checks_strict_clean(closed, run):
    entries = yaml.safe_load((closed / "ledgers/cockpit.yaml").read_text(encoding="utf-8"))["entries"]
    assert [(e["koc"], e["credit"], e["payout_fen"], e["goods"]) for e in entries] == [
        ("han-meimei", "200", 66667, ["座舱车模"]), ("li-lei", "100", 33333, [])]
    assert run("check", "--strict", closed).exit_code == 0


def test_goods_moved_by_hand_with_a_forged_seal_is_E601_at_the_goods_line(closed):
    ledger = closed / "ledgers/cockpit.yaml"
    text = ledger.read_text(encoding="utf-8")
    text = text.replace('goods: ["座舱车模"]', "goods: []").replace('goods: []\n    priority: false\nseal',
                                                                   'goods: ["座舱车模"]\n    priority: false\nseal')
    ledger.write_text(text, encoding="utf-8")
    reseal(ledger)
    found = [p for p in problems(closed) if p.file == "ledgers/cockpit.yaml"]
    assert {(p.code, p.line) for p in found} == {("E601", line_of(ledger, "goods: []")),
                                                 ("E601", line_of(ledger, 'goods: ["座舱车模"]'))}
    messages = " ".join(p.message("zh") for p in found)
    assert "账本里KOC han-meimei（韩梅梅） 的实物奖励是 无，按封存时的数据计算应为 座舱车模" in messages
    assert "KOC li-lei（李雷） 的实物奖励是 座舱车模，按封存时的数据计算应为 无" in messages


def test_a_forged_payout_keeping_the_sum_is_caught_at_the_payout_lines(closed):
    ledger = closed / "ledgers/cockpit.yaml"
    text = ledger.read_text(encoding="utf-8").replace("payout_fen: 66667", "payout_fen: 56667").replace(
        "payout_fen: 33333", "payout_fen: 43333")
    ledger.write_text(text, encoding="utf-8")
    reseal(ledger)
    found = [p for p in problems(closed) if p.code == "E601"]
    assert sorted(p.line for p in found) == [line_of(ledger, "payout_fen: 56667"), line_of(ledger, "payout_fen: 43333")]
    assert "it says the payout of KOC 'han-meimei' ('韩梅梅') is 566.67 yuan (56667 fen), the sealed data give " \
           "666.67 yuan (66667 fen)" in " ".join(p.message("en") for p in found)


def test_an_edit_that_breaks_the_seal_without_changing_a_figure_is_E601_at_the_seal(closed):
    ledger = closed / "ledgers/cockpit.yaml"
    ledger.write_text(ledger.read_text(encoding="utf-8").replace('kocsite: "', 'kocsite: "9', 1), encoding="utf-8")
    assert [(p.code, p.line) for p in problems(closed)] == [("E601", line_of(ledger, "seal:"))]


def test_a_goods_rule_changed_after_close_is_E603_at_the_rule_and_the_ledger(closed):
    campaign = closed / "campaigns/cockpit.yaml"
    campaign.write_text(campaign.read_text(encoding="utf-8").replace("      top: 1\n", "      kocs: [li-lei]\n"),
                        encoding="utf-8")
    ledger = closed / "ledgers/cockpit.yaml"
    found = {(p.file, p.line) for p in problems(closed) if p.code == "E603"}
    assert found == {("campaigns/cockpit.yaml", line_of(campaign, "- name: 座舱车模")),
                     ("ledgers/cockpit.yaml", line_of(ledger, 'goods: ["座舱车模"]')),
                     ("ledgers/cockpit.yaml", line_of(ledger, "goods: []"))}


def test_adjust_writes_the_reasoned_correction_and_check_passes(closed, run):
    review = closed / "tasks/deep-review/han-meimei.yaml"
    review.write_text(review.read_text(encoding="utf-8").replace("quality: 2", "quality: 1"), encoding="utf-8")
    # now both 100: 50 000 each — han −16 667, li +16 667; the goods tie at the top: both get one
    assert {p.code for p in problems(closed)} == {"E603"}
    rewards = run("rewards", "cockpit", "--path", closed, "--format", "json")
    document = json.loads(rewards.output)
    assert document["status"] == "sealed" and document["closed"] == "2025-08-01" and document["moved"] is True
    han = next(r for r in document["payouts"] if r["koc"] == "han-meimei")
    assert (han["payout_fen"], han["recomputed_payout_fen"]) == (66667, 50000)
    result = run("adjust", "cockpit", "--path", closed, "--reason", "复核后质量系数由 2 改回 1", "--by", "王运营",
                 "--date", "2025-08-05")
    assert result.exit_code == 0, result.output
    adjustments = yaml.safe_load((closed / "ledgers/cockpit.yaml").read_text(encoding="utf-8"))["adjustments"]
    assert [(a["koc"], a.get("credit"), a["payout_fen"], a.get("goods")) for a in adjustments] == [
        ("han-meimei", "-100", -16667, None), ("li-lei", None, 16667, ["座舱车模"])]
    assert problems(closed) == []
    after = json.loads(run("rewards", "cockpit", "--path", closed, "--format", "json").output)
    assert after["moved"] is False
    assert {r["koc"]: r["payout_fen"] for r in after["payouts"]} == {"han-meimei": 50000, "li-lei": 50000}


# ---------------------------------------------------------------- 4. close with guard rails

def test_close_refuses_before_the_end_date(programme, files, run):
    root = programme(files)
    result = run("close", "cockpit", "--path", root, "--date", "2025-07-15")
    assert result.exit_code == 1 and "活动 2025-07-31 才结束" in result.output
    assert not (root / "ledgers").exists()


def test_close_refuses_with_a_pending_review_and_an_open_task(programme, files, run):
    pending = SECOND_REVIEW.replace("han-meimei", "li-lei").replace("status: approved", "status: pending").replace(
        "  reviewer: 王运营\n  date: 2025-07-16\n", "")
    root = programme({**files, "tasks/deep-review.yaml": DONE_TASK.replace("status: done", "status: in-progress"),
                      "tasks/deep-review/li-lei-2.yaml": pending})
    result = run("--lang", "en", "close", "cockpit", "--path", root, "--date", "2025-08-01")
    assert result.exit_code == 1
    assert "1 task(s) are neither done nor cancelled: deep-review" in result.output
    assert "1 contribution(s) still await review (pending / changes-requested): tasks/deep-review/li-lei-2.yaml" \
        in result.output
    assert run("close", "cockpit", "--path", root, "--force").exit_code == 2  # --force needs --reason
    forced = run("close", "cockpit", "--path", root, "--date", "2025-08-01", "--force", "--reason", "品牌方要求月底结算")
    assert forced.exit_code == 0, forced.output
    ledger = yaml.safe_load((root / "ledgers/cockpit.yaml").read_text(encoding="utf-8"))
    assert ledger["forced"] == "品牌方要求月底结算"
    assert [p.code for p in problems(root) if p.severity == "error"] == []


def test_dry_run_prints_exactly_the_ledger_close_writes(programme, files, run):
    root = programme(files)
    preview = run("close", "cockpit", "--path", root, "--date", "2025-08-01", "--dry-run")
    assert preview.exit_code == 0 and not (root / "ledgers").exists()
    assert "status: running" in (root / "campaigns/cockpit.yaml").read_text(encoding="utf-8")
    assert run("close", "cockpit", "--path", root, "--date", "2025-08-01").exit_code == 0
    assert preview.output == (root / "ledgers/cockpit.yaml").read_text(encoding="utf-8")


# ---------------------------------------------------------------- 1, 2. who is paid from which pool

def test_a_second_role_in_a_campaign_with_sub_pools_is_E514_at_that_membership(programme, two_officers):
    campaign = two_officers.replace("    headcount: 2\n", "    headcount: 2\n  - id: spreader\n    name: 传播官\n"
                                    "    duties: [转发]\n    headcount: 2\n") + """  - koc: li-lei
    role: spreader
    status: accepted
    invited: 2025-06-20
    responded: 2025-06-21
rewards:
  pool_fen: 1000
  sub_pools:
    - role: tech-officer
      percent: 100
"""
    root = programme({"campaigns/cockpit.yaml": campaign})
    found = [p for p in problems(root) if p.code in ("E514", "W515")]
    lines = (root / "campaigns/cockpit.yaml").read_text(encoding="utf-8").splitlines()
    e514 = next(p for p in found if p.code == "E514")
    assert lines[e514.line - 1].strip() == "role: spreader" and lines[e514.line - 2].strip() == "- koc: li-lei"
    assert "KOC 'li-lei' 已经以角色 'tech-officer' 加入本活动，不能再接受角色 'spreader'" in e514.message("zh")
    # the spreader role has a member but no sub-pool while the sub-pools take 100 %: its credit reaches no cash
    assert [p.code for p in found].count("W515") == 1


def test_a_non_member_earns_credit_but_no_cash(programme, minimal, run):
    open_task = "title: 座舱话题讨论\nquadrant: project\ncampaign: cockpit\nstatus: done\npoints: 10\n"
    post = "koc: han-meimei\ntitle: 一条讨论\ndate: 2025-07-12\nreview:\n  status: approved\n  reviewer: 王运营\n  date: 2025-07-13\n"
    root = programme({"campaigns/cockpit.yaml": minimal["campaigns/cockpit.yaml"] + REWARDS,
                      "tasks/talk.yaml": open_task, "tasks/talk/han-meimei.yaml": post})
    w509 = [p for p in problems(root) if p.code == "W509"]
    assert len(w509) == 1 and "积分照常计入，但不分本活动的奖金" in w509[0].message("zh")
    document = json.loads(run("rewards", "cockpit", "--path", root, "--format", "json").output)
    han = next(r for r in document["payouts"] if r["koc"] == "han-meimei")
    assert (han["credit"], han["payout_fen"], han["why_not"]) == ("10", 0, "not-member")
    assert document["status"] == "provisional"
    # li-lei (member, 100 credit) takes the whole pool up to the 70 000 cap; the rest is unallocated
    assert (document["unallocated_fen"], document["payouts"][0]["payout_fen"]) == (30000, 70000)
    explain = run("rewards", "cockpit", "--path", root, "--explain", "--koc", "han-meimei").output
    assert "不是本活动已接受角色的成员：积分照常计入，但不分活动奖金" in explain
    assert "暂定：活动尚未封存" in run("rewards", "cockpit", "--path", root).output


def test_the_sample_explains_role_less_credit_in_the_sub_pool(run):
    out = run("rewards", "l9-mayday-road-trip", "--path", REPO, "--explain", "--koc", "chenguang-kaiche").output
    assert "积分来源：角色 route-creator 的任务 176 + 无角色任务 198 = 374" in out
    assert "计入：角色 route-creator 子奖池 374" in out
    assert "已封存（2026-06-05" in out


# ---------------------------------------------------------------- 6. the payout file

def test_payouts_csv_reconciles_flags_and_names_the_seal(closed, run):
    settings = closed / "kocsite.yml"
    settings.write_text((settings.read_text(encoding="utf-8") if settings.exists() else "") +
                        "payouts:\n  min_transfer_fen: 40000\n  real_name_above_fen: 60000\n  batch_rows: 1\n", encoding="utf-8")
    result = run("payouts", "cockpit", "--path", closed)
    assert result.exit_code == 0, result.output
    raw = result.stdout_bytes.decode("utf-8")  # (click's `output` folds CRLF)
    assert raw.startswith("\ufeff") and "\r\n" in raw and raw.count("\n") == raw.count("\r\n")
    rows = list(csv.reader(io.StringIO(raw.removeprefix("\ufeff"), newline="")))
    assert rows[0] == ["batch", "row", "koc", "name", "amount_yuan", "amount_fen", "campaign_fen", "award_fen", "flags"]
    assert rows[1][:8] == ["1", "1", "han-meimei", "韩梅梅", "666.67", "66667", "66667", "0"]
    assert rows[2][:8] == ["2", "1", "li-lei", "李雷", "333.33", "33333", "33333", "0"]  # one row per batch file
    assert "超过需实名校验的金额" in rows[1][8] and "低于单笔最低转账金额" in rows[2][8]
    assert "（100000 + 0 = 100000 分）" in rows[3][2]  # Σ campaign cash + unallocated = pool
    seal = yaml.safe_load((closed / "ledgers/cockpit.yaml").read_text(encoding="utf-8"))["seal"]
    assert seal in rows[4][2]
    assert "real_name" not in rows[0]


def test_payouts_out_writes_one_file_per_batch_each_reconciled(closed, run):
    settings = closed / "kocsite.yml"
    settings.write_text((settings.read_text(encoding="utf-8") if settings.exists() else "") +
                        "payouts:\n  batch_rows: 1\n", encoding="utf-8")
    result = run("payouts", "cockpit", "--path", closed, "--out", closed / "发放.csv")
    assert result.exit_code == 0, result.output
    assert not (closed / "发放.csv").exists()
    files = [closed / "发放-1.csv", closed / "发放-2.csv"]
    batches = [list(csv.reader(io.StringIO(f.read_text(encoding="utf-8-sig"), newline=""))) for f in files]
    assert [b[1][2] for b in batches] == ["han-meimei", "li-lei"]  # one payee per batch file
    assert all("（100000 + 0 = 100000 分）" in b[-2][2] for b in batches)  # each file carries the reconciliation
    assert not list(closed.glob(".kocsite-tmp-*"))


def test_payouts_private_adds_real_name_and_wechat_and_award_cash(programme, files, run):
    li = "name: 李雷\nprivate:\n  real_name: 李磊\n  wechat: lilei_wx\n"
    award = HAN_QUALITY_2.replace("han-meimei", "li-lei").replace("座舱第二篇评测", "自发整理的 FAQ") + \
        "award:\n  title: 特殊贡献奖\n  citation: 整理 FAQ\n  points: 50\n  cash_fen: 12345\n  granted_by: 运营中心\n  date: 2025-07-20\n"
    spontaneous = "title: 自发 FAQ\nquadrant: spontaneous\ncampaign: cockpit\nstatus: done\n"
    root = programme({**files, "kocs/li-lei.yaml": li, "tasks/faq.yaml": spontaneous, "tasks/faq/li-lei.yaml": award})
    assert run("close", "cockpit", "--path", root, "--date", "2025-08-01").exit_code == 0
    out = run("payouts", "cockpit", "--path", root, "--private").output
    rows = {r[2]: r for r in csv.reader(io.StringIO(out.removeprefix("\ufeff"), newline=""))}
    assert rows["koc"][4:6] == ["real_name", "wechat"]
    assert rows["li-lei"][4:10] == ["李磊", "lilei_wx", str(rows["li-lei"][6]), rows["li-lei"][7], rows["li-lei"][8], "12345"]
    assert int(rows["li-lei"][7]) == int(rows["li-lei"][8]) + 12345  # campaign cash + special award
    assert "缺少真实姓名" in rows["han-meimei"][10]
    xlsx = root / "p.xlsx"
    assert run("payouts", "cockpit", "--path", root, "--format", "xlsx", "--out", xlsx).exit_code == 0
    from openpyxl import load_workbook
    sheet = load_workbook(xlsx).active
    values = list(sheet.iter_rows(values_only=True))
    assert values[1][2] in ("han-meimei", "li-lei") and isinstance(values[1][5], int)


def test_payouts_refuse_an_open_campaign(programme, files, run):
    result = run("payouts", "cockpit", "--path", programme(files))
    assert result.exit_code == 1 and "还没有封存" in result.output


# ---------------------------------------------------------------- the one CSV writer

def test_the_csv_writer_is_safe_for_excel_and_wps():
    out = io.StringIO(newline="")
    write_csv([("a", "a"), ("b", "b")], [
        {"a": "=HYPERLINK(\"http://x\")", "b": -5}, {"a": "+1+2", "b": "-5"}, {"a": "@SUM(A1)", "b": "\tx"},
        {"a": "逗号,引号\"", "b": "回车\r换行\n"}, {"a": "-cmd", "b": 3.5}], out)
    text = out.getvalue()
    assert text.startswith("\ufeffa,b\r\n")
    rows = list(csv.reader(io.StringIO(text.removeprefix("\ufeff"), newline="")))
    assert rows[1] == ["'=HYPERLINK(\"http://x\")", "-5"]      # a negative number stays a number
    assert rows[2] == ["'+1+2", "-5"]                           # text that is a plain number is a number
    assert rows[3] == ["'@SUM(A1)", "'\tx"]
    assert rows[4] == ["逗号,引号\"", "回车\r换行\n"]              # quoted, so Excel keeps one row
    assert rows[5] == ["'-cmd", "3.5"]


# ---------------------------------------------------------------- 4. the diff shows everything that was paid

def _repo(root):
    import git
    repo = git.Repo.init(root, initial_branch="main")
    repo.git.add("-A")
    actor = git.Actor("t", "t@example.com")
    repo.index.commit("closed", author=actor, committer=actor)
    return repo


def test_diff_shows_goods_before_after_and_calls_out_a_hand_edited_ledger(closed, run):
    _repo(closed)
    campaign = closed / "campaigns/cockpit.yaml"
    campaign.write_text(campaign.read_text(encoding="utf-8").replace("      top: 1\n", "      kocs: [li-lei]\n"),
                        encoding="utf-8")
    ledger = closed / "ledgers/cockpit.yaml"
    ledger.write_text(ledger.read_text(encoding="utf-8").replace("payout_fen: 66667", "payout_fen: 66000"), encoding="utf-8")
    result = run("diff", "HEAD", "--path", closed)
    assert result.exit_code == 1
    out = result.output
    assert "han-meimei  积分 200 → 200  奖金（元） 666.67 → 666.67  实物奖励 座舱车模 → 无" in out
    assert "li-lei  积分 100 → 100  奖金（元） 333.33 → 333.33  实物奖励 无 → 座舱车模" in out
    assert "账本文件本身被修改（手工编辑或调整条目）" in out
    assert "han-meimei  积分 200 → 200  奖金（元） 666.67 → 660.00" in out
    assert "没有 KOC 的积分或奖金发生变化" not in out


# ---------------------------------------------------------------- 5. one meaning for each figure

def test_total_points_count_special_awards_in_the_cli_as_on_the_site(run):
    # lanjie-s7: 11 routine credit + 300 special-award points = 311, the award shown beside it
    out = run("credit", "--path", REPO, "--koc", "lanjie-s7", "--format", "json").output
    row = json.loads(out)["credits"][0]
    assert (row["credit"], row["routine"], row["award_points"]) == ("311", "11", "300")


def test_retrospective_figures_that_disagree_with_the_data_warn_at_their_line(closed):
    campaign = closed / "campaigns/cockpit.yaml"
    campaign.write_text(campaign.read_text(encoding="utf-8").replace(
        "  summary: 完成\n", "  summary: 完成\n  outcomes:\n    exposure: 5000\n    leads: 0\n"), encoding="utf-8")
    found = [p for p in problems(closed) if p.code == "W516"]
    assert [(p.line, p.message("en")) for p in found] == [
        (line_of(campaign, "exposure: 5000"), "the retrospective says exposure 5000, the approved contributions' metrics "
                                              "add up to 0: write 0, or bring the contributions' metrics up to date first")]


def test_the_verification_cache_never_hides_a_forged_ledger(closed, tmp_path):
    cache = tmp_path / "cache"
    assert check(closed, cache_dir=cache).problems == []
    assert check(closed, cache_dir=cache).problems == []  # served from the cache
    ledger = closed / "ledgers/cockpit.yaml"
    ledger.write_text(ledger.read_text(encoding="utf-8").replace("payout_fen: 33333", "payout_fen: 33334").replace(
        "payout_fen: 66667", "payout_fen: 66666"), encoding="utf-8")
    reseal(ledger)
    assert [p.code for p in check(closed, cache_dir=cache).problems] == ["E601", "E601"]
