"""`kocsite apply ISSUE_BODY_FILE`: an open-call application (a GitHub issue form) → a new `kocs/<id>.yaml`.

The applicant fills in `.github/ISSUE_TEMPLATE/apply.yml` (written by `application_form`, from the
programme's own skill and platform catalogues). GitHub renders the answers as Markdown: one `### Label`
heading per field, the answer under it, `_No response_` for an empty optional field, and checkbox lists
`- [X] label` / `- [ ] label`. `read_form` reads that back (every line keeps its number, so each problem
points at the line of the body file where the answer is); `plan_application` checks every field and
reports every bad one at once (E900–E911, W900–W901, zh + en); the KOC it builds then goes through what
`kocsite check` runs on a KOC file (the Koc model and the KOC file rules).

The new KOC is at pipeline stage `discovered`, source `open-call`, with the application under
`pipeline.application` (never published). Its id is free (an existing file is never overwritten) and
comes from the public nickname (ASCII, or the pinyin of the nickname the applicant chose to be public),
else from a platform handle, else `applicant-<issue>`: never from a real name, which the form does not
ask for. The issue is public, so a phone number or WeChat id typed into it is refused (E904): it would
otherwise be copied into the repository's public history.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from yaml.error import Mark
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from kocsite.core.ids import MAX_ID_LENGTH, is_slug
from kocsite.core.problems import Problem, problem, sort_problems
from kocsite.core.suggest import closest
from kocsite.files.layout import DataFile
from kocsite.models import Koc, Settings
from kocsite.models.validate import validate
from kocsite.people.importer import to_yaml
from kocsite.rules.context import FileContext
from kocsite.rules.engine import locate
from kocsite.rules.koc import check_koc

LABEL = "koc-application"
"""The label the form puts on every application (for triage)."""
APPLY_LABEL = "kocsite-apply"
"""The label a maintainer adds to turn an application into a pull request (the workflow's trigger)."""
NO_RESPONSE = "_No response_"
MAX_LINE = 60
"""Longest one-line answer (nickname, city, car model), in characters."""
MAX_TEXT = 2000
"""Longest free-text answer (why), in characters."""
MAX_LINES = 20
"""Most platform accounts or sample works read from one application."""


@dataclass(frozen=True)
class FormField:
    key: str
    label: str
    """The label shown on the form, and the `### heading` in the rendered issue body."""
    kind: str
    """input, textarea or checkboxes."""
    required: bool
    description: str


FIELDS = (
    FormField("nickname", "公开昵称 / Public nickname", "input", True,
              "显示在网站上的名字，请不要填真实姓名 / The name shown on the site — not your real name."),
    FormField("platforms", "平台账号 / Platform accounts", "textarea", True,
              "每行一个：平台 账号 链接（链接可省略），例如 `小红书 @小雨的车 https://www.xiaohongshu.com/user/profile/...` / "
              "One per line: platform, handle, link (optional)."),
    FormField("city", "所在城市 / City", "input", False, "公开显示 / Shown publicly."),
    FormField("car", "车型 / Car model", "input", False, "你开的车，例如 S7 长续航版 / The car you drive."),
    FormField("skills", "技能 / Skills", "checkboxes", False, "选你擅长的（可多选） / Tick what you are good at."),
    FormField("why", "为什么想加入 / Why you want to join", "textarea", True,
              "想做什么样的内容、能投入多少时间 / What you would like to make and how much time you have."),
    FormField("works", "代表作品 / Sample works", "textarea", False,
              "每行一个链接（https://…） / One link per line."),
    FormField("consent", "公开信息确认 / Public details", "checkboxes", True, ""),
)
BY_LABEL = {f.label: f for f in FIELDS}
BY_LABEL_KEY = {f.key: f for f in FIELDS}
CONSENT = "我知道这个 issue 是公开的，以上内容都可以公开 / I know this issue is public and everything above may be public"
PRIVACY_NOTE = ("**请注意 / Please note**：这是一个公开的 issue，所有人都能看到。**不要填写手机号、微信号、真实姓名或地址**："
                "入选后我们会私下联系你。/ This issue is public: **do not write your phone number, WeChat id, real name or "
                "address here**. We contact you privately once you are selected.")

_HEADING = re.compile(r"^###[ \t]+(.+?)[ \t]*#*[ \t]*$")
_CHECKBOX = re.compile(r"^[-*][ \t]+\[([ xX])\][ \t]+(.+)$")
_OPTION_ID = re.compile(r"\(([a-z0-9-]+)\)\s*$")
_URL = re.compile(r"https?://\S+", re.I)
_PHONE = re.compile(r"(?<![0-9])(?:\+?86[ \t.-]?)?1[3-9][0-9](?:[ \t.-]?[0-9]){8}(?![0-9])")
_WECHAT = re.compile(r"wxid_[a-z0-9_-]{4,}|(?:微信号?|vx|v信|wx|weixin|wechat\s*id)[ \t]*[:：=][ \t]*[A-Za-z][-_A-Za-z0-9]{5,19}", re.I)
_INVISIBLE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")  # E016, and bidi overrides
_PLATFORM_SPLIT = re.compile(r"[ \t:：,，]+")


# -- the issue form ------------------------------------------------------------------------------

def application_form(settings: Settings) -> str:
    """`.github/ISSUE_TEMPLATE/apply.yml` for this programme: GitHub issue-forms YAML whose skill
    options are the programme's skill catalogue and whose help names its platforms."""
    def q(text: str) -> str:
        return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'

    platforms = "、".join(f"{p.name} ({p.id})" for p in settings.platforms)
    lines = ["# kocsite apply: the open-call form (generated by `kocsite apply --print-form`; regenerate it after",
             "# changing skills or platforms in kocsite.yml). Only public details: contact happens privately.",
             f"name: {q('报名成为车主创作者 / Apply as a KOC')}",
             f"description: {q('不用懂 git：填写这张表，运营同学审核后会把你加入候选名单 / No git needed: fill in this form.')}",
             f"title: {q('报名 / Application: ')}",
             f"labels: [{LABEL}]",
             "body:",
             "  - type: markdown",
             "    attributes:",
             f"      value: {q(PRIVACY_NOTE)}"]
    for f in FIELDS:
        lines += [f"  - type: {f.kind}", f"    id: {f.key}", "    attributes:", f"      label: {q(f.label)}"]
        description = f.description
        if f.key == "platforms":
            description += f" 可选平台 / Platforms: {platforms}"
        if description:
            lines.append(f"      description: {q(description)}")
        if f.kind == "checkboxes":
            lines.append("      options:")
            if f.key == "consent":
                lines += [f"        - label: {q(CONSENT)}", "          required: true"]
            else:
                lines += [f"        - label: {q(f'{s.name} ({s.id})')}" for s in settings.skills]
        elif f.required:
            lines += ["    validations:", "      required: true"]
    return "\n".join(lines) + "\n"


# -- reading the rendered body -------------------------------------------------------------------

@dataclass
class Answer:
    heading_line: int
    lines: list[tuple[int, str]] = field(default_factory=list)
    """(line number, text) of the answer, blank lines and `_No response_` left out."""

    @property
    def line(self) -> int:
        return self.lines[0][0] if self.lines else self.heading_line

    @property
    def text(self) -> str:
        return "\n".join(t for _, t in self.lines).strip()


@dataclass
class Form:
    answers: dict[str, Answer] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)


def read_form(text: str, label: str) -> Form:
    """The answers under each known `### heading`; unknown headings are warned about, repeated ones refused."""
    form = Form()
    current: Answer | None = None
    fence = False
    for number, raw in enumerate(text.replace("\r\n", "\n").replace("\r", "\n").split("\n"), 1):
        line = raw.rstrip()
        heading = None if fence else _HEADING.match(line)
        if heading:
            name = heading.group(1).strip()
            spec = BY_LABEL.get(name)
            if spec is None:
                form.problems.append(problem(label, number, 1, "W900", heading=name[:80]))
                current = None
            elif spec.key in form.answers:
                form.problems.append(problem(label, number, 1, "E910", field=spec.label,
                                             first_line=form.answers[spec.key].heading_line))
                current = None
            else:
                current = form.answers[spec.key] = Answer(number)
            continue
        if line.strip().startswith("```"):
            fence = not fence
            continue  # a textarea with `render:` is fenced; the fence itself is no answer
        if current is not None and line.strip() and line.strip() != NO_RESPONSE:
            current.lines.append((number, line.strip()))
    if not form.answers:
        form.problems.append(problem(label, 1, 1, "E901"))
    return form


def checked(answer: Answer) -> list[tuple[int, str]]:
    """(line, label) of the ticked boxes."""
    found = []
    for number, line in answer.lines:
        box = _CHECKBOX.match(line)
        if box and box.group(1) in "xX":
            found.append((number, box.group(2).strip()))
    return found


# -- the plan ------------------------------------------------------------------------------------

@dataclass
class Application:
    koc: str | None = None
    rel: str | None = None
    text: str | None = None
    problems: list[Problem] = field(default_factory=list)

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "error"]


def plan_application(root: Path, settings: Settings, existing: dict[str, Koc], body: str, label: str,
                     today: date, issue: int | None = None, issue_url: str | None = None,
                     wanted_id: str | None = None) -> Application:
    """Check the whole application and build the KOC file's text; nothing is written here."""
    form = read_form(body, label)
    plan = Application(problems=list(form.problems))
    if not form.answers:
        plan.problems = sort_problems(plan.problems)
        return plan
    found = plan.problems
    for spec in FIELDS:
        answer = form.answers.get(spec.key)
        if spec.required and (answer is None or not answer.lines):
            found.append(problem(label, answer.line if answer else 1, 1, "E900", field=spec.label))
    for answer in form.answers.values():
        for number, line in answer.lines:
            found += _private_details(label, number, line)
            bad = _INVISIBLE.search(line)
            if bad:
                found.append(problem(label, number, bad.start() + 1, "E016", char=f"U+{ord(bad.group()):04X}"))
    data: dict[str, Any] = {}
    lines: dict[tuple[Any, ...], int] = {}
    for key in ("nickname", "city", "car"):
        answer = form.answers.get(key)
        if answer and answer.lines:
            value = _one_line(label, answer, BY_LABEL_KEY[key], found)
            if value:
                target = {"nickname": ("name",), "city": ("city",), "car": ("cars", 0, "model")}[key]
                _put(data, target, value)
                lines[target] = answer.line
                lines[target[:1]] = answer.line
    accounts = _platforms(label, form.answers.get("platforms"), settings, found)
    if accounts:
        data["platforms"] = [a for a, _ in accounts]
        lines[("platforms",)] = accounts[0][1]
        for i, (_, number) in enumerate(accounts):
            lines[("platforms", i)] = number
    skills = _skills(label, form.answers.get("skills"), settings, found)
    if skills:
        data["skills"] = [{"skill": s} for s, _ in skills]
        lines[("skills",)] = skills[0][1]
        for i, (_, number) in enumerate(skills):
            lines[("skills", i)] = number
    consent = form.answers.get("consent")
    if consent is not None and consent.lines and not checked(consent):
        found.append(problem(label, consent.line, 1, "E907"))
    works = _works(label, form.answers.get("works"), found)
    why = form.answers.get("why")
    if why is not None and len(why.text) > MAX_TEXT:
        found.append(problem(label, why.line, 1, "E909", field=BY_LABEL_KEY["why"].label,
                             detail=f"最多 {MAX_TEXT} 个字", detail_en=f"at most {MAX_TEXT} characters"))
    application: dict[str, Any] = {"applied": today.isoformat()}
    if issue_url:
        application["issue"] = issue_url
    if why is not None and why.text:
        application["why"] = why.text[:MAX_TEXT]
    if works:
        application["works"] = works
    pipeline: dict[str, Any] = {"stage": "discovered", "source": "open-call",
                                "channel": f"开放报名 issue #{issue}" if issue else "开放报名 / open call",
                                "discovered": today.isoformat()}
    if works:
        pipeline["representative_work"] = works[0]
    pipeline["application"] = application
    data["pipeline"] = pipeline
    koc_id = _choose_id(root, existing, data, issue, wanted_id, label, found)
    _already_known(label, data, existing, lines, found)
    if not any(p.severity == "error" for p in found):
        found += _as_check_would(data, lines, settings, label)
    plan.problems = sort_problems(found)
    if plan.errors or koc_id is None:
        return plan
    plan.koc, plan.rel, plan.text = koc_id, f"kocs/{koc_id}.yaml", to_yaml(_ordered(data))
    return plan



def _put(data: dict[str, Any], path: tuple[Any, ...], value: str) -> None:
    if path == ("cars", 0, "model"):
        data["cars"] = [{"model": value}]
    else:
        data[path[0]] = value


def _ordered(data: dict[str, Any]) -> dict[str, Any]:
    order = ("name", "city", "cars", "skills", "platforms", "pipeline")
    return {k: data[k] for k in order if k in data}


def _one_line(label: str, answer: Answer, spec: FormField, found: list[Problem]) -> str | None:
    if len(answer.lines) > 1 or len(answer.text) > MAX_LINE:
        found.append(problem(label, answer.line, 1, "E909", field=spec.label,
                             detail=f"只能写一行，最多 {MAX_LINE} 个字", detail_en=f"one line of at most {MAX_LINE} characters"))
        return None
    return answer.text


def _private_details(label: str, number: int, line: str) -> list[Problem]:
    found = []
    for pattern, what, what_en in ((_PHONE, "手机号", "a phone number"), (_WECHAT, "微信号", "a WeChat id")):
        hit = pattern.search(line)
        if hit:
            found.append(problem(label, number, hit.start() + 1, "E904", what=what, what_en=what_en))
    return found


def _platform_of(token: str, settings: Settings) -> str | None:
    lowered = token.lower()
    for p in settings.platforms:
        if lowered in (p.id, p.name.lower()):
            return p.id
    return None


def _platforms(label: str, answer: Answer | None, settings: Settings,
               found: list[Problem]) -> list[tuple[dict[str, str], int]]:
    if answer is None:
        return []
    accounts = []
    choices = [p.id for p in settings.platforms] + [p.name for p in settings.platforms]
    for number, line in answer.lines[:MAX_LINES]:
        link = _URL.search(line)
        url = link.group().rstrip(".,;，。；)）") if link else None
        rest = (line[:link.start()] + " " + line[link.end():]) if link else line
        parts = [p for p in _PLATFORM_SPLIT.split(rest.strip().lstrip("-*· ").strip(), maxsplit=1) if p]
        if not parts:
            found.append(problem(label, number, 1, "E903", platform=""))
            continue
        platform = _platform_of(parts[0], settings)
        if platform is None:
            guess = closest(parts[0], choices)
            found.append(problem(label, number, 1, "E902", ref=parts[0][:40],
                                 hint=f"（是不是 '{guess}'？）" if guess else "", hint_en=f" (did you mean '{guess}'?)" if guess else "",
                                 choices="、".join(p.name for p in settings.platforms)))
            continue
        handle = " ".join(parts[1:]).strip()
        if not handle:
            found.append(problem(label, number, 1, "E903", platform=parts[0][:40]))
            continue
        if len(handle) > MAX_LINE:
            found.append(problem(label, number, 1, "E909", field=BY_LABEL_KEY["platforms"].label,
                                 detail=f"账号名最多 {MAX_LINE} 个字", detail_en=f"a handle has at most {MAX_LINE} characters"))
            continue
        account = {"platform": platform, "handle": handle}
        if url:
            account["url"] = url
        accounts.append((account, number))
    if len(answer.lines) > MAX_LINES:
        found.append(problem(label, answer.lines[MAX_LINES][0], 1, "E909", field=BY_LABEL_KEY["platforms"].label,
                             detail=f"最多 {MAX_LINES} 行", detail_en=f"at most {MAX_LINES} lines"))
    return accounts


def _skills(label: str, answer: Answer | None, settings: Settings, found: list[Problem]) -> list[tuple[str, int]]:
    if answer is None:
        return []
    known = {s.id: s.id for s in settings.skills} | {s.name: s.id for s in settings.skills}
    chosen: list[tuple[str, int]] = []
    for number, text in checked(answer):
        option = _OPTION_ID.search(text)
        name = option.group(1) if option else text
        skill = known.get(name) or known.get(text)
        if skill is None:
            guess = closest(name, list(known))
            found.append(problem(label, number, 1, "E905", ref=text[:40],
                                 hint=f"（是不是 '{guess}'？）" if guess else "", hint_en=f" (did you mean '{guess}'?)" if guess else ""))
        elif skill not in {s for s, _ in chosen}:
            chosen.append((skill, number))
    return chosen


def _works(label: str, answer: Answer | None, found: list[Problem]) -> list[str]:
    if answer is None:
        return []
    links = []
    for number, line in answer.lines[:MAX_LINES]:
        text = line.lstrip("-*· ").strip()
        link = _URL.fullmatch(text)
        if link is None:
            found.append(problem(label, number, 1, "E906", value=text[:60]))
        else:
            links.append(text)
    return links


# -- the id --------------------------------------------------------------------------------------

def slugify(text: str) -> str:
    """ASCII letters and digits of `text`, lowercased, the rest turned into single hyphens."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text).strip("-")
    return slug[:40].rstrip("-")


def _pinyin(text: str) -> str:
    from pypinyin import Style, lazy_pinyin

    han = "".join(c for c in text if "\u3400" <= c <= "\u9fff")
    return "-".join(s.lower() for s in lazy_pinyin(han[:6], style=Style.NORMAL)) if han else ""


def id_candidates(data: dict[str, Any], issue: int | None) -> list[str]:
    """Ids to try, best first: the public nickname (ASCII, else its pinyin), each handle, applicant-<issue>."""
    name = str(data.get("name", ""))
    bases = [slugify(name), slugify(_pinyin(name))]
    bases += [slugify(a["handle"]) for a in data.get("platforms", [])]
    bases.append(f"applicant-{issue}" if issue else "applicant")
    return [b for b in bases if len(b) >= 2 and is_slug(b)]


def _taken(root: Path, existing: dict[str, Koc], koc_id: str) -> str | None:
    if koc_id in existing:
        return f"kocs/{koc_id}.yaml"
    for rel in (f"kocs/{koc_id}.yaml", f"kocs/{koc_id}.yml"):
        if (root / rel).exists():
            return rel
    return None


def free_id(root: Path, existing: dict[str, Koc], base: str) -> str:
    """`base`, or `base-2`, `base-3` … : the first id no KOC file has."""
    for n in range(1, 10_000):
        suffix = "" if n == 1 else f"-{n}"
        candidate = base[:MAX_ID_LENGTH - len(suffix)].rstrip("-") + suffix
        if _taken(root, existing, candidate) is None:
            return candidate
    raise RuntimeError("no free id")  # 10 000 KOCs named alike: not a real programme


def _choose_id(root: Path, existing: dict[str, Koc], data: dict[str, Any], issue: int | None, wanted: str | None,
               label: str, found: list[Problem]) -> str | None:
    if wanted is not None:
        if not is_slug(wanted):
            found.append(problem(label, 1, 1, "E207", value=wanted, detail="只能用小写字母、数字和连字符，最长 64 个字符",
                                 detail_en="lowercase letters, digits and hyphens, at most 64 characters"))
            return None
        other = _taken(root, existing, wanted)
        if other:
            found.append(problem(label, 1, 1, "E908", id=wanted, other=other))
            return None
        return wanted
    return free_id(root, existing, id_candidates(data, issue)[0])


def _handle_key(handle: str) -> str:
    return handle.strip().lstrip("@").casefold()


def _already_known(label: str, data: dict[str, Any], existing: dict[str, Koc], lines: dict[tuple[Any, ...], int],
                   found: list[Problem]) -> None:
    """W901: an account that a KOC of the programme already has (someone applying twice, or a typo)."""
    owners = {(a.platform, _handle_key(a.handle)): kid for kid, k in existing.items() for a in k.platforms}
    for i, account in enumerate(data.get("platforms", [])):
        kid = owners.get((account["platform"], _handle_key(account["handle"])))
        if kid:
            found.append(problem(label, lines.get(("platforms", i), 1), 1, "W901", koc=kid))


# -- what check would say ------------------------------------------------------------------------

_STR, _SEQ, _MAP = "tag:yaml.org,2002:str", "tag:yaml.org,2002:seq", "tag:yaml.org,2002:map"


def _node(value: Any, path: tuple[Any, ...], lines: dict[tuple[Any, ...], int], label: str) -> Node:
    line = next((lines[path[:n]] for n in range(len(path), 0, -1) if path[:n] in lines), 1)
    mark = Mark(label, 0, line - 1, 0, None, None)
    if isinstance(value, dict):
        pairs = [(ScalarNode(_STR, k, start_mark=mark, end_mark=mark), _node(v, path + (k,), lines, label))
                 for k, v in value.items()]
        return MappingNode(_MAP, pairs, start_mark=mark, end_mark=mark)
    if isinstance(value, list):
        return SequenceNode(_SEQ, [_node(v, path + (i,), lines, label) for i, v in enumerate(value)],
                            start_mark=mark, end_mark=mark)
    return ScalarNode(_STR, str(value), start_mark=mark, end_mark=mark)


def _as_check_would(data: dict[str, Any], lines: dict[tuple[Any, ...], int], settings: Settings,
                    label: str) -> list[Problem]:
    """The Koc model and the KOC file rules on the built data, located at the answers' lines."""
    tree = _node(data, (), lines, label)
    model, errors = validate(Koc, data, tree, label)
    if model is None:
        return errors
    ctx = FileContext(DataFile(label, "koc"), tree, settings)
    return errors + locate(check_koc(model, ctx), ctx)
