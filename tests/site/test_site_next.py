"""The figures a KOC reads about their own money and their next steps (issue 14, points 3 and 4).

Pages are generated (no MkDocs run) from the sample programme, and every expectation is taken from the
engines themselves (kocsite.money.outcome, kocsite.money.rewards_explain, kocsite.ops.metrics), so the site cannot drift.
"""

from __future__ import annotations

import json
import re

import jsonschema
import pytest
from icalendar import Calendar

from kocsite.money.credit import compute_credit
from kocsite.core.display import yuan
from kocsite.money.outcome import campaign_outcome
from kocsite.models.programme import load_programme
from kocsite.money.rewards_explain import explain_lines
from kocsite.site.build import generate
from kocsite.outputs.escape import md
from kocsite.site.guard import find_leaks

from site_support import TODAY, copy_sample
from tests_support import REPO

RUNNING, CLOSED, RECRUITING = "cockpit-deep-experience", "l9-mayday-road-trip", "newbie-guide-2027"


@pytest.fixture(scope="module")
def sample():
    programme = load_programme(REPO)
    return programme, generate(programme, TODAY)


def test_running_figures_are_provisional_and_closed_ones_sealed_with_the_ledger_date(sample):
    programme, pages = sample
    running, closed = pages[f"campaigns/{RUNNING}/honors.md"], pages[f"campaigns/{CLOSED}/honors.md"]
    assert '!!! warning "暂定"' in running and "已封存" not in running
    day = programme.ledgers[CLOSED].closed
    assert f"已封存 · 账本 {day}" in closed and "暂定" not in closed


def test_every_claimant_has_an_explanation_from_the_same_split(sample):
    programme, pages = sample
    book = compute_credit(programme)
    for cid in programme.campaigns:
        outcome = campaign_outcome(programme, book, cid)
        honors = pages[f"campaigns/{cid}/honors.md"]
        explained = honors.split("## 奖金是怎么算的", 1)[1]
        for payout in outcome.split.payouts:
            block = explained.split(f"kocs/{payout.koc}.md)", 1)[1].split("\n### ", 1)[0]
            assert f"**奖金（元）**：{yuan(payout.payout_fen)}" in block, (cid, payout.koc)
            if payout.payout_fen == 0 and outcome.split.pool_fen:
                assert "**奖金为 0 的原因**：" in block, (cid, payout.koc)
            for line in book.lines_for(payout.koc, cid):
                assert ("计入的作品" if line.counted else "未计入") in block


def test_a_zero_payout_says_why_in_words(sample):
    programme, pages = sample
    outcome = campaign_outcome(programme, compute_credit(programme), RUNNING)
    missed = [p for p in outcome.split.payouts if p.why_not == "deliverable-not-met"]
    assert missed
    honors = pages[f"campaigns/{RUNNING}/honors.md"]
    for p in missed:
        block = honors.split("## 奖金是怎么算的", 1)[1].split(f"kocs/{p.koc}.md)", 1)[1].split("\n### ", 1)[0]
        reason = re.search(r"\*\*奖金为 0 的原因\*\*：(.*)", block).group(1)
        assert "未达到交付标准" in reason and re.search(r"\d+/\d+", reason) and "<span" not in reason


def test_the_profile_lists_every_step_of_rewards_explain(sample):
    programme, pages = sample
    profile = pages["kocs/zuocang-laochen.md"]
    outcome = campaign_outcome(programme, compute_credit(programme), RUNNING)
    for line in explain_lines(outcome.split, "zuocang-laochen", "zh"):
        assert md(line) in profile
    assert "## 我的积分和奖金是怎么算的" in profile and "（暂定）" in profile


def test_the_profile_says_what_next_with_days_left_in_words(sample):
    programme, pages = sample
    profile = pages["kocs/zuocang-laochen.md"]
    next_steps = profile.split("## 接下来要做的", 1)[1].split("\n## ", 1)[0]
    open_tasks = [t for t in programme.tasks.values() if "zuocang-laochen" in t.owners and t.due and t.status in ("todo", "in-progress", "review")]
    assert open_tasks
    for task in open_tasks:
        assert md(task.title) in next_steps
        days = (task.due - TODAY).days
        assert (f"逾期 {-days} 天" if days < 0 else "今天到期" if days == 0 else f"还剩 {days} 天") in next_steps
    assert "### 角色交付" in next_steps and "2000 字" in next_steps
    assert "calendar/kocs/zuocang-laochen.ics" in profile


def test_boards_and_home_never_show_negative_days(sample):
    _, pages = sample
    board = pages[f"campaigns/{RUNNING}/board.md"]
    assert "逾期 3 天" in board
    for page in (board, pages["index.md"]):
        assert not re.search(r"\| -\d+ \|", page)
    home = pages["index.md"]
    assert re.search(r"逾期 \d+ 项 · 两天内到期 \d+ 项", home)


def test_recruiting_campaign_shows_open_seats_and_how_to_apply(tmp_path):
    root = copy_sample(tmp_path / "p")
    settings = root / "kocsite.yml"
    settings.write_text(settings.read_text(encoding="utf-8").replace(
        "  description:", "  apply_url: https://koc.lanyue-auto.example.com/apply\n  contact: 公众号「澜岳车主」后台回复“报名”\n  description:", 1),
        encoding="utf-8")
    programme = load_programme(root)
    assert not [p for p in programme.problems if p.severity == "error"], programme.problems
    pages = generate(programme, TODAY)
    campaign = programme.campaigns[RECRUITING]
    brief = pages[f"campaigns/{RECRUITING}/index.md"]
    for role in campaign.roles:
        taken = sum(1 for m in campaign.members if m.role == role.id and m.status == "accepted")
        assert f"**{md(role.name)}**：空缺 {role.headcount - taken} / {role.headcount} 人" in brief
    for page in (brief, pages["index.md"]):
        assert "[填写报名表](https://koc.lanyue-auto.example.com/apply)" in page and md("公众号「澜岳车主」后台回复“报名”") in page


def test_calendar_feeds_hold_the_deadlines(sample):
    programme, pages = sample
    feed = Calendar.from_ical(pages[f"calendar/campaigns/{RUNNING}.ics"])
    events = [c for c in feed.walk("VEVENT")]
    uids = [str(e["UID"]) for e in events]
    assert len(uids) == len(set(uids)) and f"end-{RUNNING}@kocsite" in uids
    campaign = programme.campaigns[RUNNING]
    assert {e["DTSTART"].dt for e in events} >= {campaign.end, *(g.deadline for g in campaign.goals)}
    mine = Calendar.from_ical(pages["calendar/kocs/zuocang-laochen.ics"])
    summaries = {str(e["SUMMARY"]) for e in mine.walk("VEVENT")}
    assert "座舱功能拆解系列" in summaries
    assert generate(programme, TODAY)["calendar/kocs/zuocang-laochen.ics"] == pages["calendar/kocs/zuocang-laochen.ics"]  # deterministic
    assert "calendar/campaigns/" in pages[f"campaigns/{RUNNING}/index.md"]


def test_json_api_documents_match_their_schemas(sample):
    programme, pages = sample
    schemas = {name: json.loads(pages[f"api/schema/{name}.schema.json"]) for name in ("campaigns", "tasks", "honors", "profile")}
    jsonschema.validate(json.loads(pages["api/campaigns.json"]), schemas["campaigns"])
    jsonschema.validate(json.loads(pages["api/tasks.json"]), schemas["tasks"])
    outcome = campaign_outcome(programme, compute_credit(programme), RUNNING)
    for cid in programme.campaigns:
        doc = json.loads(pages[f"api/honors/{cid}.json"])
        jsonschema.validate(doc, schemas["honors"])
    doc = json.loads(pages[f"api/honors/{RUNNING}.json"])
    assert doc["figures"] == "provisional" and {e["koc"]: e["payout_fen"] for e in doc["entries"]} == \
        {p.koc: p.payout_fen for p in outcome.split.payouts}
    assert json.loads(pages[f"api/honors/{CLOSED}.json"])["sealed_on"] == str(programme.ledgers[CLOSED].closed)
    profiles = [path for path in pages if path.startswith("api/kocs/")]
    assert len(profiles) == sum(1 for path in pages if path.startswith("kocs/"))
    for path in profiles:
        jsonschema.validate(json.loads(pages[path]), schemas["profile"])
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate({**json.loads(pages["api/kocs/zuocang-laochen.json"]), "phone": "138"}, schemas["profile"])


def test_the_api_holds_no_private_field_and_the_guard_reads_it(sample, tmp_path):
    programme, pages = sample
    api = "\n".join(text for path, text in pages.items() if path.startswith("api/"))
    for koc in programme.kocs.values():
        if koc.private is not None:
            for value in (koc.private.phone, koc.private.wechat, koc.private.address):
                assert not value or value not in api
    root = copy_sample(tmp_path / "p")
    path = root / "kocs/zuocang-laochen.yaml"
    phone = load_programme(root).kocs["zuocang-laochen"].private.phone
    path.write_text(path.read_text(encoding="utf-8").replace("\nbio: ", f"\nbio: 电话 {phone} ", 1), encoding="utf-8")
    leaked = load_programme(root)
    leaks = find_leaks(leaked, generate(leaked, TODAY))
    assert {leak.page for leak in leaks if leak.field == "phone"} >= {"kocs/zuocang-laochen.md", "api/kocs/zuocang-laochen.json"}


def test_a_day_passing_changes_only_the_pages_that_count_days(tmp_path):
    """The daily build rewrites (and MkDocs converts again) only the pages that count days (days left,
    a timeline's line for today, the API's as_of), not every page with an "as of" date: a profile with
    nothing open, and every calendar (stamped with its data's last commit), keep their bytes."""
    import git
    from datetime import datetime, timedelta, timezone

    root = copy_sample(tmp_path / "repo")
    repo = git.Repo.init(root)
    repo.index.add([p.relative_to(root).as_posix() for p in sorted(root.rglob("*.yaml")) + [root / "kocsite.yml"]])
    when = datetime(2026, 3, 4, 12, 0, tzinfo=timezone.utc)
    actor = git.Actor("test", "test@example.com")
    repo.index.commit("add", author=actor, committer=actor, author_date=when, commit_date=when)
    programme = load_programme(root)
    today, tomorrow = generate(programme, TODAY), generate(programme, TODAY + timedelta(days=1))
    changed = {page for page in today if today[page] != tomorrow[page]}
    assert changed  # day counts do change
    for page in changed:
        assert re.search(r"逾期 \d+ 天|还剩 \d+ 天|今天到期|今天 \d{4}-\d\d-\d\d|\"as_of\"", today[page] + tomorrow[page]), page
    calendars = [page for page in today if page.endswith(".ics")]
    assert calendars and not changed & set(calendars)
    stamps = {str(e.decoded("DTSTAMP").date()) for page in calendars for e in Calendar.from_ical(today[page]).walk("VEVENT")}
    assert stamps == {"2026-03-04"}  # each event's data file's last commit
    idle = [page for page in today if page.startswith("kocs/") and "目前没有待办事项" in today[page]]
    assert idle and not changed & set(idle) and all("截至" not in today[page] for page in idle)
