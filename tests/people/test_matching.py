"""Team matching for composite tasks: crafted programmes with hand-checked scores, and the CLI.

Scores are in hundredths (see kocsite/people/matching.py): per covered skill 2 × the team's best level, plus
per member: available +4, credit +3 × credit ÷ top credit, −1 per open task owned.
"""

from __future__ import annotations

import json
import random
from datetime import date
from fractions import Fraction

import pytest

from kocsite.people import matching
from kocsite.people.matching import MAX_TEAM_SIZE, MatchError, build_index, match
from kocsite.models import Contribution, Koc, Settings, Task
from kocsite.models.contribution import Review
from kocsite.models.koc import Pipeline, SkillLevel
from kocsite.models.programme import Programme, Record
from tests_support import REPO


def koc(skills: dict[str, int], availability: str = "available", stage: str | None = None) -> Koc:
    pipeline = Pipeline(stage=stage, source="private-domain") if stage else None
    return Koc(name="x", skills=[SkillLevel(skill=s, level=lv) for s, lv in skills.items()],
               availability=availability, pipeline=pipeline)


def task(skills: list[str], team_size: int | None = None, status: str = "todo", owners=()) -> Task:
    return Task(title="t", quadrant="project", skills=skills, team_size=team_size, status=status, owners=list(owners))


def make(kocs: dict[str, Koc], tasks: dict[str, Task], credit: dict[str, int] | None = None) -> Programme:
    programme = Programme(REPO, Settings(), kocs=dict(kocs), tasks=dict(tasks))
    for i, (who, points) in enumerate(sorted((credit or {}).items())):
        tid = f"earned-{i}"
        programme.tasks[tid] = Task(title="old", quadrant="project", status="done", points=points)
        work = Contribution(koc=who, title="w", date=date(2025, 1, 1), review=Review(status="approved"))
        programme.contributions[tid] = [Record(tid, f"tasks/{tid}/{who}.yaml", None, work)]
    return programme


def ids(teams) -> list[tuple[str, ...]]:
    return [t.ids for t in teams]


# --- preference order -------------------------------------------------------------------------------

def availability_and_level() -> Programme:
    return make({
        "ann": koc({"photography": 4}),                         # 2×4 + 4 = 12
        "bob": koc({"photography": 4}, "busy"),                 # 2×4 + 0 = 8
        "cat": koc({"photography": 3}, stage="active"),         # 2×3 + 4 = 10
        "fay": koc({"photography": 1}, stage="activated"),      # 2×1 + 4 = 6
        "dan": koc({"photography": 5}, stage="paused"),         # not eligible
        "eve": koc({"photography": 5}, stage="contacted"),      # not eligible
        "gus": koc({"photography": 5}, "unavailable"),          # not eligible
    }, {"shoot": task(["photography"], team_size=1)})


def test_available_and_higher_level_first_and_busy_after_a_lower_available():
    teams = match(availability_and_level(), "shoot")
    assert ids(teams) == [("ann",), ("cat",), ("bob",)]
    assert [t.score for t in teams] == [1200, 1000, 800]
    assert all(t.covered == ("photography",) and not t.uncovered for t in teams)


def test_only_active_or_activated_and_not_unavailable_kocs_are_proposed():
    teams = match(availability_and_level(), "shoot", top=10)
    assert ids(teams) == [("ann",), ("cat",), ("bob",), ("fay",)]
    index = build_index(availability_and_level())
    assert index.ineligible["photography"] == [("dan", "stage paused"), ("eve", "stage contacted"), ("gus", "unavailable")]


def test_higher_all_time_credit_first():
    programme = make({
        "hal": koc({"photography": 4}),   # credit 100 = the top: 12 + 3 = 15
        "ian": koc({"photography": 4}),   # credit 0: 12
        "jay": koc({"photography": 4}),   # credit 50: 12 + 1.5 = 13.5
    }, {"shoot": task(["photography"], team_size=1)}, credit={"hal": 100, "jay": 50})
    teams = match(programme, "shoot")
    assert ids(teams) == [("hal",), ("jay",), ("ian",)]
    assert [t.score for t in teams] == [1500, 1350, 1200]
    assert teams[0].members[0].credit == Fraction(100)


def test_fewer_open_tasks_first_and_the_matched_task_is_not_held_against_its_owners():
    programme = make({
        "kim": koc({"photography": 4}),  # owns t1, t2 (open) and shoot itself: load 2 → 12 − 2 = 10
        "lee": koc({"photography": 4}),  # owns only a done and a cancelled task: load 0 → 12
    }, {
        "shoot": task(["photography"], team_size=1, owners=["kim"]),
        "t1": task([], owners=["kim"]), "t2": task([], status="in-progress", owners=["kim"]),
        "t3": task([], status="done", owners=["lee"]), "t4": task([], status="cancelled", owners=["lee"]),
    })
    teams = match(programme, "shoot")
    assert ids(teams) == [("lee",), ("kim",)]
    assert [t.score for t in teams] == [1200, 1000]
    assert [t.members[0].load for t in teams] == [0, 2]


def test_ties_are_broken_by_id():
    programme = make({"zed": koc({"photography": 4}), "abe": koc({"photography": 4}), "mia": koc({"photography": 4})},
                     {"shoot": task(["photography"], team_size=1)})
    teams = match(programme, "shoot")
    assert ids(teams) == [("abe",), ("mia",), ("zed",)]
    assert len({t.score for t in teams}) == 1


# --- coverage ---------------------------------------------------------------------------------------

def composite() -> Programme:
    return make({
        "pam": koc({"photography": 5, "aerial-photography": 4}),
        "quin": koc({"copywriting": 5}),
        "ray": koc({"photography": 3, "copywriting": 3, "aerial-photography": 3}),
    }, {"trip": task(["photography", "copywriting", "aerial-photography"], team_size=2)})


def test_teams_cover_the_skills_with_complementary_members():
    teams = match(composite(), "trip")
    # pam+quin: 2×(5+5+4) + 8 = 36; pam+ray: 2×(5+3+4) + 8 = 32; quin+ray: 2×(3+5+3) + 8 = 30
    assert ids(teams) == [("pam", "quin"), ("pam", "ray"), ("quin", "ray")]
    assert [t.score for t in teams] == [3600, 3200, 3000]
    assert all(t.covered == ("photography", "copywriting", "aerial-photography") for t in teams)
    pam, quin = teams[0].members
    assert pam.best_for == ("photography", "aerial-photography") and quin.best_for == ("copywriting",)
    assert pam.skills == (("photography", 5), ("aerial-photography", 4))
    assert teams[0].method == "exact"


def test_size_option_and_coverage_before_score():
    programme = composite()
    # one member: ray covers 3 (2×9 + 4 = 22), pam covers 2 (2×9 + 4 = 22), quin 1 (2×5 + 4 = 14)
    teams = match(programme, "trip", size=1)
    assert ids(teams) == [("ray",), ("pam",), ("quin",)]
    assert [len(t.covered) for t in teams] == [3, 2, 1] and teams[1].uncovered == ("copywriting",)
    three = match(programme, "trip", size=3)
    assert ids(three) == [("pam", "quin", "ray")] and three[0].size == 3
    assert match(programme, "trip", size=50)[0].size == MAX_TEAM_SIZE


def test_default_size_is_the_number_of_skills_without_team_size():
    programme = composite()
    programme.tasks["trip"] = task(["photography", "copywriting"])
    assert match(programme, "trip")[0].size == 2


def test_skills_nobody_has_are_reported_not_raised():
    programme = composite()
    programme.kocs["gus"] = koc({"modding": 5}, "unavailable")
    programme.tasks["mod"] = task(["modding"])
    programme.tasks["mixed"] = task(["photography", "modding"], team_size=1)
    (none,) = match(programme, "mod")
    assert none.members == () and none.uncovered == ("modding",) and none.covered == () and none.method == "none"
    teams = match(programme, "mixed")
    assert teams[0].ids == ("pam",) and teams[0].uncovered == ("modding",) and teams[0].coverage == Fraction(1, 2)


def test_a_task_without_skills_or_unknown_is_an_error():
    programme = composite()
    programme.tasks["plain"] = task([])
    with pytest.raises(MatchError):
        match(programme, "plain")
    with pytest.raises(KeyError):
        match(programme, "nope")


def test_deterministic_whatever_the_order_of_the_data():
    first = match(composite(), "trip")
    programme = composite()
    shuffled = list(programme.kocs.items())
    random.Random(3).shuffle(shuffled)
    programme.kocs = dict(shuffled)
    assert match(programme, "trip") == first == match(composite(), "trip")


def test_greedy_search_when_there_are_too_many_combinations(monkeypatch):
    monkeypatch.setattr(matching, "EXACT_LIMIT", 0)
    teams = match(composite(), "trip")
    # greedy from ray (the best single member: covers all three) adds pam; from pam it adds quin;
    # from quin it adds pam again (a duplicate): two proposals, ranked as usual
    assert [t.method for t in teams] == ["greedy", "greedy"]
    assert ids(teams) == [("pam", "quin"), ("pam", "ray")] and [t.score for t in teams] == [3600, 3200]
    assert all(not t.uncovered for t in teams)
    assert teams == match(composite(), "trip")


# --- the sample programme and the CLI --------------------------------------------------------------

def test_sample_sichuan_crossing(run):
    result = run("match", "sichuan-west-crossing", "--path", REPO, "--format", "json")
    assert result.exit_code == 0, result.output
    document = json.loads(result.output)
    assert document["team_size"] == 3 and document["uncovered"] == []
    for team in document["teams"]:
        assert len(team["members"]) == 3 and team["uncovered"] == []
        assert "ningning-zijia" in team["members"]  # photography 5, aerial 5, route planning 4
        assert "chenguang-kaiche" not in team["members"]  # alumni and unavailable
    assert [float(t["score"]) for t in document["teams"]] == sorted((float(t["score"]) for t in document["teams"]),
                                                                  reverse=True)


def test_cli_text_explain_and_errors(programme, run, minimal):
    root = programme({
        "kocs/wang-wu.yaml": "name: 王五\nskills:\n  - skill: copywriting\n    level: 4\n",
        "tasks/guide.yaml": "title: 指南\nquadrant: project\ncampaign: cockpit\nskills: [tech-analysis, copywriting]\nteam_size: 2\n",
    })
    result = run("--lang", "en", "match", "guide", "--path", root, "--explain")
    assert result.exit_code == 0, result.output
    assert "team 1: li-lei, wang-wu  covers 2/2" in result.output
    assert "the team's best at tech-analysis" in result.output
    unknown = run("match", "gude", "--path", root)
    assert unknown.exit_code == 2 and "guide" in unknown.output
    plain = run("--lang", "en", "match", "deep-review", "--path", root)
    assert plain.exit_code == 1 and "lists no skills" in plain.output
    single = json.loads(run("match", "guide", "--path", root, "--size", "1", "--format", "json").output)
    assert single["team_size"] == 1 and single["teams"][0]["members"] == ["li-lei"]
    assert single["teams"][0]["uncovered"] == ["copywriting"]


def test_cli_uncovered_skill(programme, run):
    root = programme({"tasks/mod.yaml": "title: 改装\nquadrant: project\ncampaign: cockpit\nskills: [modding]\n"})
    result = run("--lang", "en", "match", "mod", "--path", root)
    assert result.exit_code == 0
    assert "no eligible KOC has the skill modding" in result.output and "no team can be proposed" in result.output
