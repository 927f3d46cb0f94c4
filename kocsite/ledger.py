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
from typing import Any, Iterable

from kocsite import __version__
from kocsite.atomic import Transaction, WriteError, complete_pending, write_atomic
from kocsite.cache import digest
from kocsite.credit import compute_credit
from kocsite.display import decimal_text
from kocsite.discover import SETTINGS_FILE, discover
from kocsite.models.ledger import Ledger
from kocsite.outcome import CampaignOutcome, campaign_outcome
from kocsite.checks import Finding, finding
from kocsite.problems import ERROR
from kocsite.programme import Programme, load_programme
from kocsite.rewards import RewardRuleError
from kocsite.source import parse

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


@dataclass(frozen=True)
class Figures:
    credit: Fraction
    payout_fen: int


def sealed_part(ledger: dict[str, Any]) -> dict[str, Any]:
    return {k: ledger[k] for k in ("campaign", "closed", "kocsite", "inputs", "pool_fen", "unallocated_fen", "entries")}


def seal_of(ledger: dict[str, Any]) -> str:
    canonical = json.dumps(sealed_part(ledger), ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return digest(canonical.encode())


def ledger_dict(model: Ledger) -> dict[str, Any]:
    """The sealed figures of a parsed ledger, in the same shape `frozen` writes."""
    return model.model_dump(mode="json", exclude={"adjustments", "seal"})


def frozen(outcome: CampaignOutcome, closed: date, inputs: str) -> dict[str, Any]:
    payouts = {p.koc: p for p in outcome.split.payouts}
    entries = []
    for claimant in sorted(outcome.claimants, key=lambda c: (-payouts[c.koc].payout_fen, -c.credit, c.koc)):
        entries.append({
            "koc": claimant.koc, "credit": decimal_text(claimant.credit), "payout_fen": payouts[claimant.koc].payout_fen,
            "deliverable_met": claimant.deliverable_met, "badges": outcome.badges_of(claimant.koc),
            "goods": outcome.goods_of(claimant.koc), "priority": claimant.koc in outcome.priority,
        })
    return {"campaign": outcome.campaign, "closed": closed.isoformat(), "kocsite": __version__, "inputs": inputs,
            "pool_fen": outcome.split.pool_fen, "unallocated_fen": outcome.split.unallocated_fen, "entries": entries}


def render(ledger: dict[str, Any]) -> str:
    """Deterministic YAML; every string double-quoted (JSON strings are valid YAML)."""
    q = lambda s: json.dumps(s, ensure_ascii=False)  # noqa: E731
    out = ["# yaml-language-server: $schema=../schemas/ledger.schema.json",
           "# 活动账本：由 kocsite close 生成并封存。请勿手工修改上面的数字；",
           "# 如需更正，在 adjustments 下添加带理由的调整条目。",
           "# Campaign ledger written and sealed by `kocsite close`; correct it only with adjustments.",
           f"campaign: {q(ledger['campaign'])}", f"closed: {ledger['closed']}", f"kocsite: {q(ledger['kocsite'])}",
           f"inputs: {q(ledger['inputs'])}", f"pool_fen: {ledger['pool_fen']}", f"unallocated_fen: {ledger['unallocated_fen']}",
           "entries:" if ledger["entries"] else "entries: []"]
    for e in ledger["entries"]:
        out += [f"  - koc: {q(e['koc'])}", f"    credit: {q(e['credit'])}", f"    payout_fen: {e['payout_fen']}",
                f"    deliverable_met: {str(e['deliverable_met']).lower()}",
                f"    badges: [{', '.join(q(b) for b in e['badges'])}]", f"    goods: [{', '.join(q(g) for g in e['goods'])}]",
                f"    priority: {str(e['priority']).lower()}"]
    out += [f"seal: {q(seal_of(ledger))}", "adjustments: []", ""]
    return "\n".join(out)


def expected_figures(model: Ledger) -> tuple[dict[str, Figures], int]:
    """Frozen figures plus every adjustment: what the data must still compute to."""
    figures = {e.koc: Figures(Fraction(e.credit), e.payout_fen) for e in model.entries}
    unallocated = model.unallocated_fen
    for adj in model.adjustments:
        unallocated += adj.unallocated_fen
        if adj.koc is not None:
            old = figures.get(adj.koc, Figures(Fraction(0), 0))
            figures[adj.koc] = Figures(old.credit + Fraction(adj.credit or "0"), old.payout_fen + adj.payout_fen)
    return figures, unallocated


def drift(model: Ledger, outcome: CampaignOutcome) -> tuple[list[tuple[str, Figures, Figures]], tuple[int, int] | None]:
    """KOCs whose recomputed figures differ from the ledger's (koc, expected, actual), and the unallocated pair."""
    expected, unallocated = expected_figures(model)
    payouts = {p.koc: p.payout_fen for p in outcome.split.payouts}
    actual = {c.koc: Figures(c.credit, payouts[c.koc]) for c in outcome.claimants}
    zero = Figures(Fraction(0), 0)
    changed = [(koc, expected.get(koc, zero), actual.get(koc, zero)) for koc in sorted(set(expected) | set(actual))
               if expected.get(koc, zero) != actual.get(koc, zero)]
    return changed, (None if unallocated == outcome.split.unallocated_fen else (unallocated, outcome.split.unallocated_fen))


def close_campaign(root: Path, programme: Programme, campaign: str, closed: date) -> Path:
    """Set the campaign's status to closed and freeze its outcome into ledgers/<campaign>.yaml, both
    or neither (kocsite.atomic.Transaction): an interrupted close is finished by running it again."""
    complete_pending(root)
    if (root / ledger_rel(campaign)).exists():
        raise FileExistsError(ledger_rel(campaign))
    outcome = campaign_outcome(programme, compute_credit(programme), campaign)  # rules fail before any write
    campaign_file = root / "campaigns" / f"{campaign}.yaml"
    closed_campaign = with_status_closed(campaign_file.read_bytes().decode("utf-8")).encode("utf-8")
    target = root / ledger_rel(outcome.campaign)
    text = ledger_text(root, programme, outcome, closed, [f.rel for f in discover(root)[0]],
                       {f"campaigns/{campaign}.yaml": digest(closed_campaign)})
    try:
        target.parent.mkdir(exist_ok=True)
    except OSError as exc:
        raise WriteError(target.parent, exc) from None
    transaction = Transaction(root, f"close-{campaign}")
    transaction.stage(target, text)  # the ledger first: a ledger without a closed campaign is an error too
    transaction.stage(campaign_file, closed_campaign)
    transaction.commit()
    return target


def ledger_text(root: Path, programme: Programme, outcome: CampaignOutcome, closed: date, rels: list[str],
                known: dict[str, str] | None = None) -> str:
    """The sealed ledger of a campaign whose files (`rels`, all of the programme's) are final;
    `known` gives the digest of a file as it is about to be written."""
    task_campaigns = {t: task.campaign for t, task in programme.tasks.items()}
    inputs = inputs_digest(root, input_files(outcome.campaign, rels, task_campaigns), known)
    return render(frozen(outcome, closed, inputs))


def write_ledger(root: Path, programme: Programme, outcome: CampaignOutcome, closed: date, rels: list[str]) -> Path:
    """Write the sealed ledger of a campaign whose files (`rels`, all of the programme's) are final."""
    target = root / ledger_rel(outcome.campaign)
    target.parent.mkdir(exist_ok=True)
    write_atomic(target, ledger_text(root, programme, outcome, closed, rels))
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


def verify(root: Path, index: InputIndex, ledgers: dict[str, Ledger]) -> list[Finding]:
    """Recompute each campaign whose inputs changed since closing: the KOCs whose figures now differ."""
    findings = []
    for campaign, model in sorted(ledgers.items()):
        programme = load_programme(root, only=set(index.files_of(campaign)))
        if any(p.severity == ERROR for p in programme.problems) or campaign not in programme.campaigns:
            continue  # the data has errors of its own, reported by check; recompute once they are fixed
        try:
            outcome = campaign_outcome(programme, compute_credit(programme), campaign)
        except RewardRuleError:
            continue  # rules that cannot be applied: `kocsite rewards` explains them; nothing to compare with
        findings += _drift_findings(ledger_rel(campaign), model, outcome)
    return findings


def _drift_findings(rel: str, model: Ledger, outcome: CampaignOutcome) -> list[Finding]:
    index = {e.koc: i for i, e in enumerate(model.entries)}
    changed, unallocated = drift(model, outcome)
    findings = []
    for koc, expected, actual in changed:
        at = ("entries", index[koc]) if koc in index else ("entries",)
        who = {"who": f"KOC '{koc}' ", "who_en": f"KOC '{koc}'"}
        if expected.payout_fen != actual.payout_fen:
            findings.append(finding(rel, at + ("payout_fen",) if koc in index else at, "E603", **who,
                                    what="奖金（分）", what_en="payout (fen)", expected=expected.payout_fen, actual=actual.payout_fen))
        if expected.credit != actual.credit:
            findings.append(finding(rel, at + ("credit",) if koc in index else at, "E603", **who, what="积分",
                                    what_en="credit", expected=decimal_text(expected.credit), actual=decimal_text(actual.credit)))
    if unallocated is not None:
        findings.append(finding(rel, ("unallocated_fen",), "E603", who="未分配奖金", who_en="the unallocated cash",
                                what="金额（分）", what_en="amount (fen)", expected=unallocated[0], actual=unallocated[1]))
    return findings
