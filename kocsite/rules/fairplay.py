"""Fair play (防刷与公平): daily caps of routine rituals, nobody reviews their own work, one link counts
once, paid work is labelled as advertising, and bylines keep the shares agreed at kickoff.

Each file is reduced to `FairFacts` (with the settings: the cap of a ritual, the disclosure labels, the
programme's time zone); the programme rules here run over those facts. Whether a share confirmation
was committed by the KOC themselves needs git: the checker reads the blame and `confirmation_findings`
judges it.
"""

from __future__ import annotations

from typing import Any, Iterator

from kocsite.core.fairplay import cap_order, has_disclosure, local_day, moment_of, over_cap, url_key
from kocsite.files.layout import DataFile
from kocsite.models import Campaign, Contribution, ContributionBatch, Koc, Settings, Task
from kocsite.rules.common import duplicates
from kocsite.rules.context import FileContext
from kocsite.rules.facts import FairFacts, FairRecord, FileFacts, Loc, confirmations_in
from kocsite.rules.finding import Finding, finding

RITUAL_NAMES = {"check-in": ("签到", "check-ins"), "weekly-topic": ("每周话题", "weekly-topic posts"),
                "other": ("打卡", "entries")}
PAYS = {"cash": ("现金奖励", "cash"), "goods": ("实物奖励", "goods"), "cash+goods": ("现金和实物奖励", "cash and goods")}


# ---------------------------------------------------------------- facts of one file

def with_fair_facts(facts: FileFacts | None, model: Any, settings: Settings) -> FileFacts | None:
    fair = _fair(model, settings)
    return facts._replace(fair=fair) if facts is not None and fair is not None else facts


def _fair(model: Any, settings: Settings) -> FairFacts | None:
    if isinstance(model, Contribution):
        return FairFacts(records=(fair_record((), -1, model, settings),))
    if isinstance(model, ContributionBatch):
        return FairFacts(records=tuple(fair_record(("contributions", i), i, r, settings)
                                       for i, r in enumerate(model.contributions)))
    if isinstance(model, Task):
        ritual = model.routine.kind if model.routine is not None and model.quadrant == "routine" else None
        return FairFacts(ritual=ritual, cap=settings.daily_caps.cap_of(ritual) if ritual else None,
                         plan=tuple((a.koc, plain(a.share)) for a in model.byline))
    if isinstance(model, Campaign):
        return FairFacts(pays=campaign_pays(model))
    if isinstance(model, Koc):
        return FairFacts(git=tuple(identity.strip().casefold() for identity in model.git))
    return None


def campaign_pays(c: Campaign) -> str | None:
    """'cash', 'goods' or 'cash+goods' for a campaign whose rewards pay; None when it pays nothing."""
    cash, goods = c.rewards.pool_fen > 0, bool(c.rewards.goods)
    return "cash+goods" if cash and goods else "cash" if cash else "goods" if goods else None


def fair_record(loc: Loc, index: int, c: Contribution, settings: Settings) -> FairRecord:
    labels = settings.disclosure.labels
    disclosure = None
    if c.url is not None and not has_disclosure((c.title, c.excerpt), labels):  # published work only
        code = "E824" if settings.disclosure.severity == "error" else "W823"
        disclosure = (code, *label_texts(labels))
    if c.koc is not None:
        shares: tuple[tuple[str, str], ...] = ((c.koc, "100"),)
    else:
        shares = tuple((a.koc, plain(a.share)) for a in c.authors)
    confirmations = tuple((loc + ("authors", i, "confirmed"), a.koc) for i, a in enumerate(c.authors) if a.confirmed)
    decided = c.review.status != "pending"
    return FairRecord(
        loc, c.date.isoformat(), local_day(c.date, c.at, settings.timezone).isoformat(),
        moment_of(c.at), index, c.review.status == "approved",
        c.url, url_key(c.url) if c.url else None, disclosure, c.review.reviewer if decided else None,
        shares, c.share_change_reason is not None, confirmations)


def label_texts(labels: list[str]) -> tuple[str, str]:
    """The disclosure labels as a message lists them: 「广告」、「合作」 and '广告', '合作'."""
    return "、".join(f"「{label}」" for label in labels), ", ".join(f"'{label}'" for label in labels)


def plain(number: Any) -> str:
    text = format(number, "f")
    return text.rstrip("0").rstrip(".") if "." in text else text


def check_byline(t: Task, ctx: FileContext) -> Iterator[Finding]:
    """The agreed byline's shares sum to 100 and name each co-author once."""
    if not t.byline:
        return
    f = ctx.file.rel
    total = sum(a.share for a in t.byline)
    if total != 100:
        yield finding(f, ("byline",), "E502", total=plain(total))
    yield from duplicates(f, ((("byline", i, "koc"), a.koc) for i, a in enumerate(t.byline)), "作者", "author", ctx.line_of)


# ---------------------------------------------------------------- rules across files

Entry = tuple[DataFile, FairRecord]


def _records(facts: dict[DataFile, FileFacts]) -> list[Entry]:
    entries = [(file, r) for file, f in facts.items() if f.kind == "contribution" and f.fair is not None
               for r in f.fair.records]
    entries.sort(key=lambda e: (e[0].rel, e[1].index))
    return entries


def _by_kind(facts: dict[DataFile, FileFacts], kind: str) -> dict[str, FairFacts]:
    return {f.id: f.fair for f in facts.values() if f.kind == kind and f.fair is not None}


def run_fairplay_rules(facts: dict[DataFile, FileFacts]) -> Iterator[Finding]:
    records = _records(facts)
    tasks = {f.id: f for f in facts.values() if f.kind == "task"}
    yield from check_daily_caps(records, tasks)
    yield from check_reviewers(records)
    yield from check_duplicate_links(records)
    yield from check_disclosure(records, tasks, _by_kind(facts, "campaign"))
    yield from check_agreed_shares(records, tasks)


def check_daily_caps(records: list[Entry], tasks: dict[str, FileFacts]) -> Iterator[Finding]:
    """W820 at each approved entry of a ritual beyond the KOC's daily cap (one ritual task or several)."""
    entries = []
    for n, (file, r) in enumerate(records):
        task = tasks.get(file.task_id)
        fair = task.fair if task is not None else None
        if not r.approved or fair is None or fair.cap is None or len(r.shares) != 1:
            continue
        entries.append((n, (r.shares[0][0], fair.ritual, r.day), cap_order(r.moment, file.rel, r.index), fair.cap))
    for n, (cap, first) in sorted(over_cap(entries).items()):
        file, r = records[n]
        first_file, first_record = records[first]
        ritual = tasks[file.task_id].fair.ritual
        zh, en = RITUAL_NAMES.get(ritual, RITUAL_NAMES["other"])
        yield finding(file.rel, r.loc, "W820", koc=r.shares[0][0], day=r.day, cap=cap, ritual=zh, ritual_en=en,
                      first=_where(first_file, first_record))


def check_reviewers(records: list[Entry]) -> Iterator[Finding]:
    """E821 when the reviewer is one of the authors, written as the author's KOC id (whitespace and case
    aside). Display names are not compared: they are not among a file's facts (an edited nickname would
    then re-run every programme rule), and operators' names (周晴) are not KOC ids."""
    for file, r in records:
        if r.reviewer is None:
            continue
        reviewer = _folded(r.reviewer)
        for koc, _ in r.shares:
            if reviewer == _folded(koc):
                yield finding(file.rel, r.loc + ("review", "reviewer"), "E821", reviewer=r.reviewer, koc=koc)
                break


def _folded(text: str) -> str:
    return "".join(text.split()).casefold()


def check_duplicate_links(records: list[Entry]) -> Iterator[Finding]:
    """E822 at every submission of a link after its first (by date, then file and place)."""
    first: dict[str, Entry] = {}
    for file, r in sorted((e for e in records if e[1].url_key), key=lambda e: (e[1].date, e[0].rel, e[1].index)):
        seen = first.setdefault(r.url_key, (file, r))
        if seen[1] is r:
            continue
        other_file, other = seen
        variant = ("", "")
        if other.url != r.url:
            variant = (f"（两处写法不同：{other.url} 与 {r.url}，比较时忽略了大小写、末尾斜杠、#片段和 utm_ 等分享跟踪参数）",
                       f" (written differently: {other.url} and {r.url}; compared ignoring case of scheme and host, "
                       "a trailing slash, the #fragment and share-tracking parameters such as utm_*)")
        yield finding(file.rel, r.loc + ("url",), "E822", other=_where(other_file, other),
                      variant=variant[0], variant_en=variant[1])


def check_disclosure(records: list[Entry], tasks: dict[str, FileFacts],
                     campaigns: dict[str, FairFacts]) -> Iterator[Finding]:
    """W823 (or E824) at a paid campaign's published contribution (one with a `url`) whose title and
    excerpt carry no disclosure label. Work that is not published (a count of discussions, an internal
    report) has nothing to label."""
    for file, r in records:
        task = tasks.get(file.task_id)
        campaign = task.task.campaign if task is not None and task.task is not None else None
        pays = campaigns[campaign].pays if campaign in campaigns else None
        if pays is None or r.disclosure is None:
            continue
        code, labels, labels_en = r.disclosure
        zh, en = PAYS[pays]
        yield finding(file.rel, r.loc + ("title",), code, campaign=campaign, pays=zh, pays_en=en, labels=labels,
                      labels_en=labels_en)


def check_agreed_shares(records: list[Entry], tasks: dict[str, FileFacts]) -> Iterator[Finding]:
    """E825 when a contribution to a task with an agreed byline has other shares and no reason."""
    for file, r in records:
        task = tasks.get(file.task_id)
        plan = task.fair.plan if task is not None and task.fair is not None else ()
        if not plan or r.reasoned or _shares(plan) == _shares(r.shares):
            continue
        where = r.loc + ("authors",) if len(r.shares) > 1 or r.shares[0][1] != "100" else r.loc
        yield finding(file.rel, where, "E825", task=file.task_id, plan=_byline_text(plan), actual=_byline_text(r.shares))


def _shares(byline: tuple[tuple[str, str], ...]) -> dict[str, str]:
    return dict(byline)


def _byline_text(byline: tuple[tuple[str, str], ...]) -> str:
    return ", ".join(f"{koc} {share}%" for koc, share in sorted(byline))


def _where(file: DataFile, r: FairRecord) -> str:
    index = f" #{r.index + 1}" if r.index >= 0 else ""
    return f"{file.rel}{index}"


# ---------------------------------------------------------------- who committed a confirmation

Blame = dict[int, tuple[str, str, str] | None]
"""Line number → (commit sha, author email, author name) of the commit that last changed it; None for a
line not committed yet."""


def confirmations_of(facts: dict[DataFile, FileFacts]) -> dict[DataFile, list[tuple[Loc, str]]]:
    """The files that hold share confirmations, with each confirmation's loc and KOC."""
    found = {file: confirmations_in(f) for file, f in facts.items()}
    return {file: items for file, items in found.items() if items}


def confirmation_findings(file: DataFile, confirmations: list[tuple[Loc, str]], line_of: Any, blame: Blame | None,
                          kocs: dict[str, FairFacts]) -> Iterator[Finding]:
    """E826 at a confirmation committed by a git identity the KOC's profile does not list (or when it
    lists none); W827 at one not committed yet (`blame` None: the file is not tracked at all).
    `line_of(loc)` is the line of a loc in the file."""
    for loc, koc in confirmations:
        line = line_of(loc)
        if blame is not None and line not in blame:
            continue
        origin = blame.get(line) if blame is not None else None
        if origin is None:
            yield finding(file.rel, loc, "W827", koc=koc)
            continue
        sha, email, name = origin
        known = kocs[koc].git if koc in kocs else ()
        if email.casefold() in known or name.casefold() in known:
            continue
        detail = (("TA 的 KOC 档案里没有登记 git 身份：请在 kocs/{0}.yaml 的 git 下登记 TA 的提交邮箱，并由 TA 本人提交确认"
                   .format(koc), f"their KOC profile lists no git identity: add their commit email under git in kocs/{koc}.yaml "
                   "and have them commit the confirmation themselves") if not known else
                  (f"请由 {koc} 本人用 TA 登记的 git 身份提交这条确认", f"{koc} must commit this confirmation with a registered git identity"))
        yield finding(file.rel, loc, "E826", koc=koc, identity=f"{name} <{email}>", commit=sha[:10],
                      detail=detail[0], detail_en=detail[1])


# ---------------------------------------------------------------- drafts (`kocsite lint --campaign`)

def lint_disclosure(text: str, file: str, settings: Settings, campaign: str, pays: str | None) -> list:
    """W823 (E824 where kocsite.yml says so) at a draft's title line (its first non-empty line) when the
    draft is for a paying campaign and neither the title nor the paragraph after it (the excerpt)
    carries a disclosure label."""
    from kocsite.core.problems import problem

    if pays is None:
        return []
    lines = text.removeprefix("\ufeff").splitlines()
    numbered = [(n, line.strip()) for n, line in enumerate(lines, 1)]
    first = next(((n, line) for n, line in numbered if line), None)
    if first is None:
        return []
    excerpt = []
    for n, line in numbered[first[0]:]:
        if not line and excerpt:
            break
        if line:
            excerpt.append(line)
    if has_disclosure([first[1], " ".join(excerpt)], settings.disclosure.labels):
        return []
    code = "E824" if settings.disclosure.severity == "error" else "W823"
    zh, en = PAYS[pays]
    labels, labels_en = label_texts(settings.disclosure.labels)
    return [problem(file, first[0], 1, code, campaign=campaign, pays=zh, pays_en=en, labels=labels, labels_en=labels_en)]
