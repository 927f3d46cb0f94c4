"""The frozen payout ledger of a closed campaign: written once by `kocsite close`, verified by check.

The ledger records per KOC the credit, payout in 分, badges, goods and priority, the unallocated
remainder, and a digest of the input files (settings, the campaign, its tasks and their
contributions). A `seal` digest over those figures catches edits by hand. When the inputs change,
check recomputes the outcome and reports every KOC whose figures would differ from the frozen ones
plus their reasoned adjustments.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date
from fractions import Fraction
from pathlib import Path
from typing import Any, Callable, Iterable

from kocsite import __version__
from kocsite.core.atomic import Transaction, WriteError, complete_pending, write_atomic
from kocsite.rules.cache import digest
from kocsite.money.credit import authors, compute_credit
from kocsite.core.display import decimal_text, yuan
from kocsite.files.layout import SETTINGS_FILE, discover
from kocsite.models.ledger import Ledger
from kocsite.money.outcome import CampaignOutcome, campaign_outcome
from kocsite.rules.finding import Finding, finding
from kocsite.core.problems import ERROR
from kocsite.models.programme import FileReader, Programme, load_programme
from kocsite.money.rewards import RewardRuleError
from kocsite.files.source import parse

LEDGER_DIR = "ledgers"


def ledger_rel(campaign: str) -> str:
    return f"{LEDGER_DIR}/{campaign}.yaml"


def input_files(campaign: str, rels: Iterable[str], task_campaigns: dict[str, str | None]) -> list[str]:
    """The files a campaign's outcome is computed from, sorted."""
    return InputIndex(rels, task_campaigns).files_of(campaign)


class InputIndex:
    """Which files feed which campaign, built once for all the ledgers of a check."""

    def __init__(self, rels: Iterable[str], task_campaigns: dict[str, str | None]) -> None:
        self.rels = set(rels)
        self.by_campaign: dict[str, list[str]] = {}
        for rel in self.rels:
            parts = rel.split("/")
            if parts[0] == "tasks" and len(parts) in (2, 3):
                campaign = task_campaigns.get(parts[1].removesuffix(".yaml"))
                if campaign is not None:
                    self.by_campaign.setdefault(campaign, []).append(rel)

    def files_of(self, campaign: str) -> list[str]:
        own = [rel for rel in (SETTINGS_FILE, f"campaigns/{campaign}.yaml") if rel in self.rels]
        return sorted(own + self.by_campaign.get(campaign, []))


def inputs_digest(root: Path, rels: list[str], known: dict[str, str] | None = None) -> str:
    """Digest of the files' contents; `known` content digests (from the check cache) spare reading them."""
    known = known or {}
    lines = [f"{rel}\t{known.get(rel) or digest((root / rel).read_bytes())}" for rel in rels]
    return digest("\n".join(lines).encode())


FIGURES = ("credit", "payout_fen", "deliverable_met", "badges", "goods", "priority")
"""Every per-KOC figure a ledger freezes, in the order an entry lists them."""


@dataclass(frozen=True)
class Figures:
    credit: Fraction
    payout_fen: int
    deliverable_met: bool = False
    badges: tuple[str, ...] = ()
    goods: tuple[str, ...] = ()
    priority: bool = False


ZERO_FIGURES = Figures(Fraction(0), 0)


def sealed_part(ledger: dict[str, Any]) -> dict[str, Any]:
    sealed = {k: ledger[k] for k in ("campaign", "closed", "kocsite", "inputs", "pool_fen", "unallocated_fen", "entries")}
    if ledger.get("forced"):
        sealed["forced"] = ledger["forced"]
    return sealed


def seal_of(ledger: dict[str, Any]) -> str:
    canonical = json.dumps(sealed_part(ledger), ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return digest(canonical.encode())


def ledger_dict(model: Ledger) -> dict[str, Any]:
    """The sealed figures of a parsed ledger, in the same shape `frozen` writes."""
    return model.model_dump(mode="json", exclude={"adjustments", "seal"})


def frozen(outcome: CampaignOutcome, closed: date, inputs: str, forced: str | None = None) -> dict[str, Any]:
    payouts = {p.koc: p for p in outcome.split.payouts}
    entries = []
    for claimant in sorted(outcome.claimants, key=lambda c: (-payouts[c.koc].payout_fen, -c.credit, c.koc)):
        entries.append({
            "koc": claimant.koc, "credit": decimal_text(claimant.credit), "payout_fen": payouts[claimant.koc].payout_fen,
            "deliverable_met": claimant.deliverable_met, "badges": outcome.badges_of(claimant.koc),
            "goods": outcome.goods_of(claimant.koc), "priority": claimant.koc in outcome.priority,
        })
    return {"campaign": outcome.campaign, "closed": closed.isoformat(), "kocsite": __version__, "inputs": inputs,
            "pool_fen": outcome.split.pool_fen, "unallocated_fen": outcome.split.unallocated_fen, "entries": entries,
            **({"forced": forced} if forced else {})}


def render(ledger: dict[str, Any]) -> str:
    """Deterministic YAML; every string double-quoted (JSON strings are valid YAML)."""
    q = lambda s: json.dumps(s, ensure_ascii=False)  # noqa: E731
    out = ["# yaml-language-server: $schema=../schemas/ledger.schema.json",
           "# 活动账本：由 kocsite close 生成并封存。请勿手工修改上面的数字；",
           "# 如需更正，在 adjustments 下添加带理由的调整条目。",
           "# Campaign ledger written and sealed by `kocsite close`; correct it only with adjustments.",
           f"campaign: {q(ledger['campaign'])}", f"closed: {ledger['closed']}", f"kocsite: {q(ledger['kocsite'])}",
           f"inputs: {q(ledger['inputs'])}", f"pool_fen: {ledger['pool_fen']}", f"unallocated_fen: {ledger['unallocated_fen']}",
           *([f"forced: {q(ledger['forced'])}"] if ledger.get("forced") else []),
           "entries:" if ledger["entries"] else "entries: []"]
    for e in ledger["entries"]:
        out += [f"  - koc: {q(e['koc'])}", f"    credit: {q(e['credit'])}", f"    payout_fen: {e['payout_fen']}",
                f"    deliverable_met: {str(e['deliverable_met']).lower()}",
                f"    badges: [{', '.join(q(b) for b in e['badges'])}]", f"    goods: [{', '.join(q(g) for g in e['goods'])}]",
                f"    priority: {str(e['priority']).lower()}"]
    out += [f"seal: {q(seal_of(ledger))}", "adjustments: []", ""]
    return "\n".join(out)


def expected_figures(model: Ledger) -> tuple[dict[str, Figures], int]:
    """Frozen figures plus every adjustment: what the data must still compute to.

    An adjustment adds its credit and payout deltas and, where it says so, sets the KOC's goods,
    badges, priority or deliverable standard to the values it lists.
    """
    figures = {e.koc: Figures(Fraction(e.credit), e.payout_fen, e.deliverable_met, tuple(sorted(e.badges)),
                              tuple(sorted(e.goods)), e.priority) for e in model.entries}
    unallocated = model.unallocated_fen
    for adj in model.adjustments:
        unallocated += adj.unallocated_fen
        if adj.koc is not None:
            old = figures.get(adj.koc, ZERO_FIGURES)
            figures[adj.koc] = Figures(
                old.credit + Fraction(adj.credit or "0"), old.payout_fen + adj.payout_fen,
                old.deliverable_met if adj.deliverable_met is None else adj.deliverable_met,
                old.badges if adj.badges is None else tuple(sorted(adj.badges)),
                old.goods if adj.goods is None else tuple(sorted(adj.goods)),
                old.priority if adj.priority is None else adj.priority)
    return figures, unallocated


def actual_figures(outcome: CampaignOutcome) -> dict[str, Figures]:
    payouts = {p.koc: p.payout_fen for p in outcome.split.payouts}
    return {c.koc: Figures(c.credit, payouts[c.koc], c.deliverable_met, tuple(outcome.badges_of(c.koc)),
                           tuple(outcome.goods_of(c.koc)), c.koc in outcome.priority) for c in outcome.claimants}


def drift(model: Ledger, outcome: CampaignOutcome) -> tuple[list[tuple[str, Figures, Figures]], tuple[int, int] | None]:
    """KOCs whose recomputed figures differ from the ledger's (koc, expected, actual), and the unallocated pair."""
    expected, unallocated = expected_figures(model)
    actual = actual_figures(outcome)
    changed = [(koc, expected.get(koc, ZERO_FIGURES), actual.get(koc, ZERO_FIGURES))
               for koc in sorted(set(expected) | set(actual))
               if expected.get(koc, ZERO_FIGURES) != actual.get(koc, ZERO_FIGURES)]
    return changed, (None if unallocated == outcome.split.unallocated_fen else (unallocated, outcome.split.unallocated_fen))


def close_campaign(root: Path, programme: Programme, campaign: str, closed: date, forced: str | None = None) -> Path:
    """Set the campaign's status to closed and freeze its outcome into ledgers/<campaign>.yaml, both
    or neither (kocsite.core.atomic.Transaction): an interrupted close is finished by running it again."""
    complete_pending(root)
    if (root / ledger_rel(campaign)).exists():
        raise FileExistsError(ledger_rel(campaign))
    outcome = campaign_outcome(programme, compute_credit(programme), campaign)  # rules fail before any write
    campaign_file = root / "campaigns" / f"{campaign}.yaml"
    closed_campaign = with_status_closed(campaign_file.read_bytes().decode("utf-8")).encode("utf-8")
    target = root / ledger_rel(outcome.campaign)
    text = ledger_text(root, programme, outcome, closed, [f.rel for f in discover(root)[0]],
                       {f"campaigns/{campaign}.yaml": digest(closed_campaign)}, forced)
    try:
        target.parent.mkdir(exist_ok=True)
    except OSError as exc:
        raise WriteError(target.parent, exc) from None
    transaction = Transaction(root, f"close-{campaign}")
    transaction.stage(target, text)  # the ledger first: a ledger without a closed campaign is an error too
    transaction.stage(campaign_file, closed_campaign)
    transaction.commit()
    return target


def close_preview(root: Path, programme: Programme, campaign: str, closed: date, forced: str | None = None) -> str:
    """The ledger `close_campaign` would write, byte for byte; nothing is written.

    The inputs digest is computed over the campaign file as it will be (status closed)."""
    outcome = campaign_outcome(programme, compute_credit(programme), campaign)
    campaign_rel = f"campaigns/{campaign}.yaml"
    known = {campaign_rel: digest(with_status_closed((root / campaign_rel).read_bytes().decode("utf-8")).encode("utf-8"))}
    return ledger_text(root, programme, outcome, closed, [f.rel for f in discover(root)[0]], known, forced)


def ledger_text(root: Path, programme: Programme, outcome: CampaignOutcome, closed: date, rels: list[str],
                known: dict[str, str] | None = None, forced: str | None = None) -> str:
    """The sealed ledger of a campaign whose files (`rels`, all of the programme's) are final;
    `known` gives the digest of a file as it is about to be written."""
    task_campaigns = {t: task.campaign for t, task in programme.tasks.items()}
    inputs = inputs_digest(root, input_files(outcome.campaign, rels, task_campaigns), known)
    return render(frozen(outcome, closed, inputs, forced))


def write_ledger(root: Path, programme: Programme, outcome: CampaignOutcome, closed: date, rels: list[str],
                 forced: str | None = None) -> Path:
    """Write the sealed ledger of a campaign whose files (`rels`, all of the programme's) are final."""
    target = root / ledger_rel(outcome.campaign)
    target.parent.mkdir(exist_ok=True)
    write_atomic(target, ledger_text(root, programme, outcome, closed, rels, forced=forced))
    return target


def with_status_closed(text: str) -> str:
    """The campaign file's text with `status: closed`, every other byte kept as the operator wrote it
    (CRLF line endings included: a new line gets the file's own line ending)."""
    parsed = parse(text, "campaign")
    for key, value in parsed.root.value:
        if key.value == "status":
            return text[:value.start_mark.index] + "closed" + text[value.end_mark.index:]
    title = next(value for key, value in parsed.root.value if key.value == "title")
    end = text.find("\n", title.end_mark.index)
    end = len(text) if end == -1 else end + 1
    newline = "\r\n" if "\r\n" in text else "\n"
    return text[:end] + "status: closed" + newline + text[end:]


def verify(root: Path, index: InputIndex, ledgers: dict[str, Ledger], changed_inputs: set[str] | None = None,
           broken_seals: set[str] | None = None,
           sealed_checks: Callable[[Programme, str], list[Finding]] | None = None,
           reader: FileReader | None = None) -> list[Finding]:
    """Recompute every sealed campaign from its inputs and compare with each figure its ledger holds.

    Runs whatever the seal says: a ledger edited by hand with a recomputed seal must not pass. A
    difference while the inputs are as they were sealed is an edit of the ledger (E601 at the edited
    line); a difference after the inputs changed is data that moved a sealed figure (E603).
    `sealed_checks` are further rules the checker runs on each sealed campaign's recomputed data.
    `reader` gives the files' models (one that keeps them builds each KOC profile once for all ledgers).
    """
    findings = []
    kocs = {rel for rel in index.rels if rel.startswith("kocs/")}
    discovered = discover(root)
    for campaign, model in sorted(ledgers.items()):
        programme = load_programme(root, only=set(index.files_of(campaign)) | kocs, reader=reader, discovered=discovered)
        seal_broken = broken_seals is not None and campaign in broken_seals
        outcome = None
        if not any(p.severity == ERROR for p in programme.problems) and campaign in programme.campaigns:
            try:
                outcome = campaign_outcome(programme, compute_credit(programme), campaign)
            except RewardRuleError:
                pass  # rules that cannot be applied: `kocsite rewards` explains them; nothing to compare with
        if outcome is None:  # the data has errors of its own, reported by check; recompute once they are fixed
            findings += [finding(ledger_rel(campaign), ("seal",), "E601")] if seal_broken else []
            continue
        data_moved = changed_inputs is None or campaign in changed_inputs
        findings += sealed_checks(programme, campaign) if sealed_checks else []
        findings += _drift_findings(ledger_rel(campaign), model, outcome, programme, data_moved, seal_broken)
    return findings


def nickname(programme: Programme, koc: str) -> tuple[str, str]:
    """A KOC by id and nickname, for a message in Chinese and in English (data values quoted)."""
    profile = programme.kocs.get(koc)
    if profile is None or profile.name == koc:
        return koc, f"'{koc}'"
    return f"{koc}（{profile.name}）", f"'{koc}' ('{profile.name}')"


def money_text(fen: int) -> str:
    return f"{yuan(fen)} 元（{fen} 分）"


FIGURE_NAMES = {"credit": ("积分", "credit"), "payout_fen": ("奖金", "payout"), "deliverable_met": ("交付达标", "deliverable met"),
                "badges": ("徽章", "badges"), "goods": ("实物奖励", "goods"), "priority": ("优先资格", "priority")}


def figure_text(field: str, value: Any, en: bool = False) -> str:
    if field == "credit":
        return decimal_text(value)
    if field == "payout_fen":
        return f"{yuan(value)} yuan ({value} fen)" if en else money_text(value)
    if isinstance(value, bool):
        return ("yes" if value else "no") if en else ("是" if value else "否")
    return (", " if en else "、").join(value) or ("none" if en else "无")


def _drift_findings(rel: str, model: Ledger, outcome: CampaignOutcome, programme: Programme,
                    data_moved: bool, seal_broken: bool) -> list[Finding]:
    index = {e.koc: i for i, e in enumerate(model.entries)}
    changed, unallocated = drift(model, outcome)
    code = "E603" if data_moved else "E601"
    findings = []
    for koc, expected, actual in changed:
        who = nickname(programme, koc)
        for field in FIGURES:
            before, after = getattr(expected, field), getattr(actual, field)
            if before == after:
                continue
            at = ("entries", index[koc], field) if koc in index else ("entries",)
            zh, en = FIGURE_NAMES[field]
            findings.append(_figure_finding(rel, at, code, who, (zh, en), (field, before, after)))
            if data_moved:
                findings += _source_findings(programme, outcome.campaign, koc, (field, before, after), (zh, en), who, rel, at)
    if unallocated is not None:
        findings.append(_figure_finding(rel, ("unallocated_fen",), code, None, ("未分配奖金", "unallocated cash"),
                                        ("payout_fen", *unallocated)))
    if seal_broken and not findings:
        findings.append(finding(rel, ("seal",), "E601"))
    return findings


def _figure_finding(rel: str, at: tuple, code: str, who: tuple[str, str] | None, names: tuple[str, str],
                    change: tuple[str, Any, Any]) -> Finding:
    """E601 (the ledger says other than its inputs give) or E603 (the data moved the figure)."""
    field, before, after = change
    zh, en = names
    old_zh, new_zh = figure_text(field, before), figure_text(field, after)
    old_en, new_en = figure_text(field, before, True), figure_text(field, after, True)
    if code == "E601":
        whose_zh, whose_en = (f"KOC {who[0]} 的{zh}", f"the {en} of KOC {who[1]}") if who else (zh, f"the {en}")
        return finding(rel, at, code, figure=f"：账本里{whose_zh}是 {old_zh}，按封存时的数据计算应为 {new_zh}",
                       figure_en=f": it says {whose_en} is {old_en}, the sealed data give {new_en}")
    if who is None:
        return finding(rel, at, code, who=zh, who_en=f"the {en}", what="金额", what_en="amount", expected=old_zh,
                       actual=new_zh, expected_en=old_en, actual_en=new_en)
    return finding(rel, at, code, who=f"KOC {who[0]} ", who_en=f"KOC {who[1]}", what=zh, what_en=en,
                   expected=old_zh, actual=new_zh, expected_en=old_en, actual_en=new_en)


RULE_OF = {"goods": ("rewards", "goods"), "badges": ("rewards", "badges"), "priority": ("rewards", "priority"),
           "deliverable_met": ("roles",)}


def _source_findings(programme: Programme, campaign: str, koc: str, change: tuple[str, Any, Any],
                     names: tuple[str, str], who: tuple[str, str], rel: str, at: tuple) -> list[Finding]:
    """Where in the data the operator must look, each naming the ledger line: the KOC's contributions
    to the campaign for a credit change, the campaign's reward rules for goods, badges, priority or
    the deliverable standard. A payout that moved only because others' credit moved has no line of its own."""
    field, before, after = change
    zh, en = names
    path = '.'.join(str(part) for part in at)
    where, where_en = f"（账本 {rel} 的 {path}）", f" (ledger {rel}, {path})"
    params = dict(who=f"KOC {who[0]} ", who_en=f"KOC {who[1]}", what=zh, what_en=en, expected=figure_text(field, before),
                  actual=figure_text(field, after), expected_en=figure_text(field, before, True),
                  actual_en=figure_text(field, after, True), where=where, where_en=where_en)
    if field in RULE_OF:
        return [finding(f"campaigns/{campaign}.yaml", RULE_OF[field], "E603", **params)]
    if field != "credit":
        return []
    out = []
    for task_id, task in sorted(programme.tasks.items()):
        if task.campaign != campaign:
            continue
        for record in programme.contributions.get(task_id, ()):
            if koc in {k for k, _ in authors(record.view)}:
                loc = ("review",) if record.index is None else ("contributions", record.index, "review")
                out.append(finding(record.file, loc, "E603", **params))
    return out


def adjustment_yaml(changed, unallocated, reason: str, by: str, day: date) -> str:
    """The `adjustments:` entries that make the sealed figures equal what the data now computes."""
    q = lambda s: json.dumps(s, ensure_ascii=False)  # noqa: E731
    out = []
    tail = [f"    reason: {q(reason)}", f"    by: {q(by)}", f"    date: {day.isoformat()}"]
    for koc, expected, actual in changed:
        lines = [f"  - koc: {q(koc)}"]
        if actual.credit != expected.credit:
            delta = actual.credit - expected.credit
            lines.append(f"    credit: {q(('+' if delta > 0 else '') + decimal_text(delta))}")
        if actual.payout_fen != expected.payout_fen:
            lines.append(f"    payout_fen: {actual.payout_fen - expected.payout_fen}")
        for field in FIGURES[2:]:
            if getattr(actual, field) != getattr(expected, field):
                value = getattr(actual, field)
                lines.append(f"    {field}: " + (str(value).lower() if isinstance(value, bool) else
                                                 f"[{', '.join(q(v) for v in value)}]"))
        out += lines + tail
    if unallocated is not None:
        out += [f"  - unallocated_fen: {unallocated[1] - unallocated[0]}"] + tail
    return "\n".join(out) + "\n"


def with_adjustments(text: str, entries: str) -> str:
    """The ledger's text with `entries` appended under `adjustments:` (which is always last)."""
    if "\nadjustments: []" in text:
        return text.replace("\nadjustments: []", "\nadjustments:", 1).rstrip("\n") + "\n" + entries
    return text.rstrip("\n") + "\n" + entries
