"""Candidate scoring: Σ weight × signal, exact, ranked by score then id; filters; no private data."""

from __future__ import annotations

import csv
import io
import json
from fractions import Fraction

from kocsite.people import candidates as C
from kocsite.models import Koc, Settings

SETTINGS = """\
candidate_weights:
  posts: 1
  quality_interactions: 2
  answered_questions: 3
  tenure_months: 0.5
  followers: 0.001
  login_days: 0
  purchases: 2
"""


def koc(name: str, stage: str, signals: str, private: bool = True) -> str:
    text = f"name: {name}\npipeline:\n  stage: {stage}\n  source: private-domain\n  channel: 车主群\n"
    if signals:
        text += "  signals:\n" + "".join(f"    {line}\n" for line in signals.split(";"))
    if private:
        text += "private:\n  real_name: 秘密真名\n  phone: 139 9999 0000\n  wechat: secret_wx\n"
    return text


KOCS = {
    "kocsite.yml": SETTINGS,
    # 10 + 2×20 + 3×1 + 0.5×7 + 0.001×1500 = 10 + 40 + 3 + 3.5 + 1.5 = 58
    "kocs/alpha.yaml": koc("阿尔法", "discovered", "posts: 10;quality_interactions: 20;answered_questions: 1;"
                                                     "tenure_months: 7;followers: 1500"),
    # 2×25 + 2×4 = 58 (ties alpha: by id, alpha first)
    "kocs/beta.yaml": koc("贝塔", "contacted", "quality_interactions: 25;purchases: 4;login_days: 300"),
    # 0.5×3 = 1.5
    "kocs/gamma.yaml": koc("伽马", "discovered", "tenure_months: 3"),
    # no signals at all: 0
    "kocs/delta.yaml": koc("德尔塔", "active", ""),
    # no pipeline: not a candidate
    "kocs/li-lei.yaml": "name: 李雷\n",
}


def _programme(programme):
    return programme(KOCS, base={})


def test_scores_by_hand():
    settings = Settings.model_validate({"candidate_weights": {"posts": "1", "quality_interactions": "2",
                                                              "tenure_months": "0.5", "followers": "0.001"}})
    k = Koc.model_validate({"name": "x", "pipeline": {"source": "public-domain", "signals": {
        "posts": "3", "quality_interactions": "4", "tenure_months": "1", "followers": "1"}}})
    [c] = C.score_all({"x": k}, C.weights(settings))
    # 1×3 + 2×4 + 3×0 (not recorded) + 0.5×1 + 0.001×1 + 0 + 2×0 = 11.501
    assert c.score == Fraction(11501, 1000)
    points = {t.signal: t.points for t in c.terms}
    assert points == {"posts": 3, "quality_interactions": 8, "answered_questions": 0, "tenure_months": Fraction(1, 2),
                      "followers": Fraction(1, 1000), "login_days": 0, "purchases": 0,
                      "check_ins": 0, "longest_streak": 0, "routine_work": 0}
    assert {t.signal: t.value for t in c.terms}["answered_questions"] is None


def test_default_weights_and_exact_sum():
    k = Koc.model_validate({"name": "x", "pipeline": {"source": "public-domain", "signals": {
        "posts": "1", "quality_interactions": "1", "answered_questions": "1", "tenure_months": "1",
        "followers": "1000", "login_days": "9", "purchases": "1"}}})
    [c] = C.score_all({"x": k}, C.weights(Settings()))
    assert c.score == 1 + 2 + 3 + 1 + 0 + 0 + 2


def test_ranking_ties_by_id_and_skips_kocs_without_pipeline(programme, run):
    result = run("candidates", "--path", _programme(programme), "--format", "json")
    assert result.exit_code == 0, result.output
    doc = json.loads(result.output)
    assert [(c["rank"], c["koc"], c["score"]) for c in doc["candidates"]] == [
        (1, "alpha", "58"), (2, "beta", "58"), (3, "gamma", "1.5"), (4, "delta", "0")]
    assert doc["weights"]["tenure_months"] == "0.5"
    alpha = doc["candidates"][0]
    assert alpha["breakdown"][4] == {"signal": "followers", "weight": "0.001", "value": 1500, "points": "1.5",
                                     "computed": False}
    assert alpha["breakdown"][5] == {"signal": "login_days", "weight": "0", "value": None, "points": "0", "computed": False}
    assert alpha["breakdown"][7] == {"signal": "check_ins", "weight": "1", "value": 0, "points": "0", "computed": True}
    assert alpha["channel"] == "车主群" and alpha["stage"] == "discovered"


def test_stage_filter_and_min_score(programme, run):
    root = _programme(programme)
    doc = json.loads(run("candidates", "--path", root, "--format", "json", "--stage", "discovered").output)
    assert [c["koc"] for c in doc["candidates"]] == ["alpha", "gamma"]
    doc = json.loads(run("candidates", "--path", root, "--format", "json", "--stage", "discovered",
                         "--stage", "active").output)
    assert [c["koc"] for c in doc["candidates"]] == ["alpha", "gamma", "delta"]
    doc = json.loads(run("candidates", "--path", root, "--format", "json", "--min-score", "1.5").output)
    assert [c["koc"] for c in doc["candidates"]] == ["alpha", "beta", "gamma"]
    doc = json.loads(run("candidates", "--path", root, "--format", "json", "--min-score", "58.01").output)
    assert doc["candidates"] == []
    assert run("candidates", "--path", root, "--min-score", "abc").exit_code == 2
    assert run("candidates", "--path", root, "--stage", "nope").exit_code == 2


def test_text_and_explain(programme, run):
    root = _programme(programme)
    result = run("--lang", "en", "candidates", "--path", root, "--explain")
    assert result.exit_code == 0
    lines = result.output.splitlines()
    assert lines[0].split()[:6] == ["rank", "KOC", "name", "stage", "source", "score"]
    assert "login days" not in lines[0]  # weight 0: not a column for people
    assert lines[1].split()[:3] == ["1", "alpha", "阿尔法"]
    assert ("alpha: posts 1 × 10 = 10; quality interactions 2 × 20 = 40; answered questions 3 × 1 = 3; "
            "tenure months 0.5 × 7 = 3.5; followers 0.001 × 1500 = 1.5; login days 0 × 0 (not recorded) = 0; "
            "purchases 2 × 0 (not recorded) = 0; check ins 1 × 0 (computed) = 0; longest streak 2 × 0 (computed) = 0; "
            "routine work 3 × 0 (computed) = 0; score 58") in result.output
    zh = run("--lang", "zh", "candidates", "--path", root, "--explain").output
    assert "名次" in zh and "发现" in zh and "beta：" in zh and "优质互动 2 × 25 = 50" in zh


def test_csv_columns(programme, run):
    result = run("candidates", "--path", _programme(programme), "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(result.output.removeprefix("\ufeff"), newline="")))
    assert list(rows[0])[:8] == ["rank", "koc", "name", "stage", "source", "channel", "discovered", "score"]
    assert "login_days" in rows[0] and "login_days_points" in rows[0]
    beta = rows[1]
    assert (beta["koc"], beta["stage"], beta["score"], beta["purchases"], beta["purchases_points"]) == \
        ("beta", "contacted", "58", "4", "8")
    assert beta["posts"] == "" and beta["posts_points"] == "0"


def test_no_private_data_in_any_output(programme, run):
    root = _programme(programme)
    for args in ([], ["--explain"], ["--format", "csv"], ["--format", "json", "--explain"]):
        for lang in ("zh", "en"):
            output = run("--lang", lang, "candidates", "--path", root, *args).output
            for secret in ("秘密真名", "139 9999 0000", "secret_wx", "real_name", "\"private\""):
                assert secret not in output, (args, secret)


def test_refuses_data_with_errors(programme, run):
    root = programme({**KOCS, "kocs/beta.yaml": "name: 贝塔\npipeline:\n  source: nowhere\n"}, base={})
    assert run("candidates", "--path", root).exit_code == 1


# -- routine signals computed from the repository ---------------------------------------------------

CHECK_IN_TASK = "title: 每日签到\nquadrant: routine\nstatus: in-progress\npoints: 1\nroutine:\n  kind: check-in\n  cadence: daily\n"
TOPIC_TASK = "title: 每周话题\nquadrant: routine\nstatus: in-progress\npoints: 5\nroutine:\n  kind: weekly-topic\n  cadence: weekly\n"


def check_ins(day: str, kocs: list[str], pending: tuple[str, ...] = ()) -> str:
    records = []
    for koc_id in kocs:
        status = "pending" if koc_id in pending else "approved"
        review = "    review:\n      status: pending\n" if status == "pending" else (
            "    review:\n      status: approved\n      reviewer: 运营\n      date: " + day + "\n")
        records.append(f"  - id: {koc_id}-{day}\n    koc: {koc_id}\n    title: 签到\n    date: {day}\n" + review)
    return "contributions:\n" + "".join(records)


def topic(koc_id: str, day: str, status: str = "approved") -> str:
    review = f"review:\n  status: {status}\n  reviewer: 运营\n  date: {day}\n" + ("  reason: 太短\n" if status != "approved" else "")
    return f"koc: {koc_id}\ntitle: 话题回答\ndate: {day}\n" + review


ROUTINE = {
    **KOCS,
    "kocsite.yml": "",  # default weights: check_ins 1, longest_streak 2, routine_work 3
    "kocs/li-lei.yaml": "name: 李雷\n",
    "tasks/check-in.yaml": CHECK_IN_TASK,
    "tasks/topic.yaml": TOPIC_TASK,
    # gamma checks in on 11-01, 11-02, 11-03, (gap), 11-05, 11-06; delta on 11-02 only and pending on 11-03
    "tasks/check-in/2026-11-01.yaml": check_ins("2026-11-01", ["gamma"]),
    "tasks/check-in/2026-11-02.yaml": check_ins("2026-11-02", ["gamma", "delta"]),
    "tasks/check-in/2026-11-03.yaml": check_ins("2026-11-03", ["gamma", "delta"], pending=("delta",)),
    "tasks/check-in/2026-11-05.yaml": check_ins("2026-11-05", ["gamma"]),
    "tasks/check-in/2026-11-06.yaml": check_ins("2026-11-06", ["gamma"]),
    "tasks/topic/gamma-w45.yaml": topic("gamma", "2026-11-06"),
    "tasks/topic/gamma-w46.yaml": topic("gamma", "2026-11-13", "rejected"),
    "tasks/topic/delta-w45.yaml": topic("delta", "2026-11-06"),
    "tasks/topic/li-lei-w45.yaml": topic("li-lei", "2026-11-06"),  # no pipeline: never a candidate
}


def test_routine_signals_by_hand(programme):
    from kocsite.models.programme import load_programme

    from kocsite.checker import check

    root = programme(ROUTINE, base={})
    assert check(root, cache_dir=root / ".cache").problems == []
    loaded = load_programme(root)
    # gamma: 5 check-in days, longest run 3 (11-01..03), 1 approved topic (the rejected one does not count)
    # delta: 1 approved check-in day (the pending one does not count), run 1, 1 topic
    assert C.routine_signals(loaded) == {"gamma": (5, 3, 1), "delta": (1, 1, 1), "li-lei": (0, 0, 1)}
    assert C.longest_run(set()) == 0


def test_routine_signals_feed_the_score(programme, run):
    root = programme(ROUTINE, base={})
    doc = json.loads(run("candidates", "--path", root, "--format", "json").output)
    by_id = {c["koc"]: c for c in doc["candidates"]}
    # gamma: typed tenure 3 × 1 = 3; computed 1 × 5 + 2 × 3 + 3 × 1 = 14; score 17
    assert by_id["gamma"]["score"] == "17"
    assert {b["signal"]: (b["value"], b["points"], b["computed"]) for b in by_id["gamma"]["breakdown"]
            if b["computed"]} == {"check_ins": (5, "5", True), "longest_streak": (3, "6", True),
                                  "routine_work": (1, "3", True)}
    # delta has no typed signals at all: 1 + 2 + 3 = 6 from routine alone — it surfaces above nothing
    assert by_id["delta"]["score"] == "6"
    assert "li-lei" not in by_id
    text = run("candidates", "--path", root, "--explain").output
    assert "签到天数" in text.splitlines()[0] and "最长连签" in text.splitlines()[0]
    assert "gamma：" in text and "签到天数 1 × 5（按仓库计算） = 5；最长连签 2 × 3（按仓库计算） = 6" in text
