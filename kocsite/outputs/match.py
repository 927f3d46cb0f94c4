"""`kocsite match`: proposed teams for a composite task, as text for operators or JSON for tools."""

from __future__ import annotations

from fractions import Fraction
from typing import Any

from kocsite.core.display import decimal_text, number_text, percent_text
from kocsite.core.labels import AVAILABILITY, STAGE, TASK_STATUS, joined, label
from kocsite.people.matching import LOAD_CAP, MatchIndex, Member, Team, below_minimum, minimum_level
from kocsite.models.programme import Programme

def _why_not(why: str, lang: str) -> str:
    """Why a KOC cannot be proposed (kocsite.people.matching: `stage paused` or `unavailable`), for people."""
    if why.startswith("stage "):
        stage = label(STAGE, why.removeprefix("stage "), lang)
        return f"阶段：{stage}" if lang != "en" else f"stage {stage}"
    return label(AVAILABILITY, why, lang)


def _points(hundredths: int) -> str:
    return decimal_text(Fraction(hundredths, 100))


def _skill_names(programme: Programme) -> dict[str, str]:
    return {s.id: s.name for s in programme.settings.skills}


def match_lines(programme: Programme, index: MatchIndex, task_id: str, teams: list[Team], lang: str,
                explain: bool = False) -> list[str]:
    zh = lang != "en"
    task = programme.tasks[task_id]
    names = _skill_names(programme)

    def skill(s: str) -> str:
        return f"{names[s]}（{s}）" if zh and s in names else s

    needed = list(dict.fromkeys(task.skills))
    size = teams[0].size if teams else 0
    status = label(TASK_STATUS, task.status, lang)
    out = [f"{task.title}（{task_id}，{status}）" if zh else f"{task.title} ({task_id}, {status})",
           ("需要的技能：" if zh else "skills needed: ") + ("、" if zh else ", ").join(skill(s) for s in needed)
           + (f"；团队 {size} 人" if zh else f"; team of {size}")]
    minimum = minimum_level(programme, task_id, index)
    if minimum is not None:
        left_out = len(below_minimum(programme, task_id, index))
        out.append(f"角色要求最低等级「{minimum[1]}」：不推荐低于它的 {left_out} 位 KOC" if zh else
                   f"the role's minimum level is '{minimum[1]}': {left_out} KOC(s) below it are not proposed")
    uncovered = teams[0].uncovered if teams else tuple(needed)
    if uncovered:
        out.append("")
        for s in uncovered:
            held = index.ineligible.get(s, [])
            note = ""
            if held:
                shown = (joined((f"{k}（{_why_not(why, lang)}）" if zh else f"{k} ({_why_not(why, lang)})")
                                for k, why in held[:5]), lang) + (" …" if len(held) > 5 else "")
                note = f"（只有不可用的 KOC 有：{shown}）" if zh else f" (held only by KOCs who cannot be proposed: {shown})"
            out.append((f"⚠ 没有可用的 KOC 具备技能 {skill(s)}" if zh else f"⚠ no eligible KOC has the skill {s}") + note)
    if not teams or not teams[0].members:
        out.append("没有可以推荐的团队。" if zh else "no team can be proposed.")
        return out
    for rank, team in enumerate(teams, 1):
        out.append("")
        cover = f"{len(team.covered)}/{len(team.covered) + len(team.uncovered)}"
        out.append((f"方案 {rank}：{'、'.join(team.ids)}  覆盖 {cover}（{percent_text(team.coverage, 0)}）  总分 {_points(team.score)}"
                    if zh else
                    f"team {rank}: {', '.join(team.ids)}  covers {cover} ({percent_text(team.coverage, 0)})  score {_points(team.score)}"))
        if explain:
            for m in team.members:
                out.append("  " + _member_line(m, zh, skill))
    if explain:
        out.append("")
        out.append("评分：每个技能取团队最高等级 ×2，加每人：有空 +4、积分 最高 +3（按全体最高积分折算）、每个未完成任务 −1（最多 −5）。"
                   if zh else
                   "score: 2 × the team's best level per skill, plus per member: available +4, credit up to +3 "
                   "(relative to the top credit), −1 per open task owned (at most −5).")
    return out


def _member_line(m: Member, zh: bool, skill) -> str:
    levels = ("、" if zh else ", ").join(f"{skill(s)} {lv}" for s, lv in m.skills)
    why = []
    if m.best_for:
        why.append(("团队里 " + "、".join(skill(s) for s in m.best_for) + " 最强") if zh else
                   "the team's best at " + ", ".join(m.best_for))
    else:
        why.append("补充人手、技能备份" if zh else "extra hands and a second holder of a skill")
    if m.availability != "available":
        why.append("较忙，但技能补位" if zh else "busy, but fills a skill")
    if m.load >= 3:
        why.append(f"已有 {m.load} 个未完成任务，可能忙不过来" if zh else f"already owns {m.load} open tasks")
    credit = number_text(m.credit, zh)
    if m.level is not None:
        credit += f"；等级 {m.level}" if zh else f"; level {m.level}"
    if zh:
        return (f"{m.koc}（{m.name}）：{levels}；积分 {credit}；未完成任务 {m.load}；{label(AVAILABILITY, m.availability, 'zh')}；"
                f"个人分 {_points(m.score)} — {'；'.join(why)}")
    return (f"{m.koc} ({m.name}): {levels}; credit {credit}; open tasks {m.load}; {label(AVAILABILITY, m.availability, 'en')}; "
            f"member score {_points(m.score)} — {'; '.join(why)}")


def match_document(programme: Programme, task_id: str, teams: list[Team]) -> dict[str, Any]:
    task = programme.tasks[task_id]
    return {
        "task": task_id,
        "title": task.title,
        "status": task.status,
        "skills": list(dict.fromkeys(task.skills)),
        "team_size": teams[0].size if teams else None,
        "uncovered": list(teams[0].uncovered) if teams else list(task.skills),
        "teams": [
            {
                "rank": rank,
                "members": list(team.ids),
                "covered": list(team.covered),
                "uncovered": list(team.uncovered),
                "coverage": decimal_text(team.coverage, 4),
                "score": _points(team.score),
                "method": team.method,
                "explain": [
                    {"koc": m.koc, "name": m.name, "skills": [{"skill": s, "level": lv} for s, lv in m.skills],
                     "best_for": list(m.best_for), "availability": m.availability, "stage": m.stage,
                     "credit": decimal_text(m.credit), "load": m.load, "member_score": _points(m.score),
                     "over_committed": m.load >= 3, "load_capped_at": LOAD_CAP, "level": m.level}
                    for m in team.members
                ],
            }
            for rank, team in enumerate(teams, 1) if team.members
        ],
    }
