"""The points wallet (积分): points you spend, kept apart from the reputation you keep (贡献值).

Reputation is the credit of kocsite.money.credit — approved work, streak bonuses and special-award
points — and is never spent: ranks and levels (kocsite.money.levels) read it. The same work also
earns points into a wallet, at a rate per quadrant set in kocsite.yml (`wallet.rates`):

    points of an earning = its reputation × the rate of its quadrant

(streak bonuses earn at the routine rate, special awards at the spontaneous rate). Points land on the
day the work is approved (its review date; the submission date when the review has none), a streak
bonus on its last day, an award on its date. Everything is a `Fraction`: exact, rounded for display only.

Redemptions (redemptions/*.yaml) spend points on catalogue items. They are applied one by one in a
fixed order — date, then file, then position in the file — against the balance earned up to and
including that day minus the redemptions applied before. A redemption that would take more than an
item's stock (E802) or more than the balance (E801) is refused: it is not applied, and the ones after
it are judged without it. A balance therefore never goes negative.
"""

from __future__ import annotations

from bisect import bisect_right
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from fractions import Fraction
from typing import Iterable, NamedTuple

from kocsite.core.display import decimal_text
from kocsite.models.programme import Programme, RedemptionRecord
from kocsite.models.settings import CatalogueItem
from kocsite.money.credit import CreditBook
from kocsite.rules.finding import Finding, finding


class Earning(NamedTuple):
    """Reputation earned by a KOC on a day: the one stream both the wallet and the levels read."""

    koc: str
    day: date
    quadrant: str
    source: str
    """work, streak or award."""
    ref: str
    """task/record of work, the streak's first day, or task/record of an award."""
    title: str
    """What earned it: the work's title, the award's title, or the streak's span."""
    reputation: Fraction
    activity: bool
    """Approved work (a day of activity for the levels); streak bonuses and awards are not."""


@dataclass(frozen=True)
class WalletEntry:
    """One line of a KOC's wallet history: points in (earned) or out (redeemed), and the balance after."""

    koc: str
    day: date
    kind: str
    """earned or redeemed."""
    source: str
    """work, streak, award or redemption."""
    ref: str
    """task/record, the streak's first day, or the catalogue item's id."""
    title: str
    """The work, award, streak, or the item's name (with the redemption's public note)."""
    points: Fraction
    """Positive when earned, negative when spent."""
    balance: Fraction
    file: str | None = None
    """The redemptions file of a redemption."""
    quantity: int = 0


@dataclass(frozen=True)
class Refusal:
    """A redemption not applied, and why (E801 overdraw, E802 beyond stock)."""

    record: RedemptionRecord
    code: str
    params: dict


@dataclass
class Wallets:
    history: dict[str, list[WalletEntry]] = field(default_factory=dict)
    """Per KOC, every entry in order (earnings of a day before its redemptions)."""
    refused: list[Refusal] = field(default_factory=list)
    redeemed: dict[str, int] = field(default_factory=dict)
    """Per catalogue item, how many were redeemed (refused redemptions not counted)."""

    def balance(self, koc: str) -> Fraction:
        entries = self.history.get(koc)
        return entries[-1].balance if entries else Fraction(0)

    def earned(self, koc: str) -> Fraction:
        return sum((e.points for e in self.history.get(koc, ()) if e.kind == "earned"), Fraction(0))

    def spent(self, koc: str) -> Fraction:
        return -sum((e.points for e in self.history.get(koc, ()) if e.kind == "redeemed"), Fraction(0))


def earnings(programme: Programme, book: CreditBook) -> list[Earning]:
    """Every KOC's reputation as it was earned, sorted by KOC, day, source and reference."""
    approved_on = _approval_days(programme)
    found = []
    for line in book.lines:
        if line.counted and line.credit:
            day, title = approved_on.get((line.task, line.record), (line.day, line.record))
            found.append(Earning(line.koc, day, line.quadrant, "work", f"{line.task}/{line.record}", title,
                                 line.credit, True))
    for bonus in book.streaks:
        found.append(Earning(bonus.koc, bonus.end, "routine", "streak", bonus.start.isoformat(),
                             f"{bonus.start} – {bonus.end}", Fraction(bonus.points), False))
    for award in book.awards:
        if award.points:
            found.append(Earning(award.koc, award.day, "spontaneous", "award", f"{award.task}/{award.record}",
                                 award.title, award.points, False))
    found.sort(key=lambda e: (e.koc, e.day, e.source, e.ref))
    return found


def _approval_days(programme: Programme) -> dict[tuple[str, str], tuple[date, str]]:
    days = {}
    for task_id, records in programme.contributions.items():
        for record in records:
            c = record.view
            days[(task_id, record.id)] = (c.review.date or c.date, record.title)
    return days


def compute_wallets(programme: Programme, book: CreditBook, earned: list[Earning] | None = None) -> Wallets:
    rates = programme.settings.wallet.rates
    catalogue = {item.id: item for item in programme.settings.wallet.catalogue}
    earned = earnings(programme, book) if earned is None else earned
    incoming: dict[str, list[WalletEntry]] = defaultdict(list)
    for e in earned:
        points = e.reputation * Fraction(getattr(rates, e.quadrant))
        if points:
            incoming[e.koc].append(WalletEntry(e.koc, e.day, "earned", e.source, e.ref, e.title, points, Fraction(0)))
    wallets = Wallets()
    outgoing = _apply_redemptions(programme, catalogue, incoming, wallets)
    for koc in sorted(set(incoming) | set(outgoing)):
        wallets.history[koc] = _with_balances(incoming.get(koc, []), outgoing.get(koc, []))
    return wallets


def redemption_order(records: Iterable[RedemptionRecord]) -> list[RedemptionRecord]:
    """Date, then file, then position in the file: the one order that decides which redemption overdraws."""
    return sorted(records, key=lambda r: (r.redemption.date, r.file, r.index))


def _apply_redemptions(programme: Programme, catalogue: dict[str, CatalogueItem],
                       incoming: dict[str, list[WalletEntry]], wallets: Wallets) -> dict[str, list[WalletEntry]]:
    days = {koc: [e.day for e in entries] for koc, entries in incoming.items()}
    totals = {koc: _running(entries) for koc, entries in incoming.items()}
    spent: dict[str, Fraction] = defaultdict(Fraction)
    outgoing: dict[str, list[WalletEntry]] = defaultdict(list)
    for record in redemption_order(programme.redemptions):
        r = record.redemption
        item = catalogue.get(r.item)
        if item is None or r.koc not in programme.kocs:
            continue  # E800 / E104 already say so
        taken = wallets.redeemed.get(item.id, 0)
        if item.stock is not None and taken + r.quantity > item.stock:
            wallets.refused.append(Refusal(record, "E802", {"item": item.name, "stock": item.stock, "taken": taken,
                                                            "quantity": r.quantity}))
            continue
        cost = Fraction(item.cost * r.quantity)
        earned_by_then = _earned_by(days.get(r.koc, []), totals.get(r.koc, []), r.date)
        balance = earned_by_then - spent[r.koc]
        if cost > balance:
            wallets.refused.append(Refusal(record, "E801", {"koc": r.koc, "date": str(r.date), "item": item.name,
                                                            "cost": points_text(cost), "balance": points_text(balance)}))
            continue
        spent[r.koc] += cost
        wallets.redeemed[item.id] = taken + r.quantity
        title = item.name + (f"（{r.note}）" if r.note else "")
        outgoing[r.koc].append(WalletEntry(r.koc, r.date, "redeemed", "redemption", item.id, title, -cost, Fraction(0),
                                           record.file, r.quantity))
    return outgoing


def _running(entries: list[WalletEntry]) -> list[Fraction]:
    total, out = Fraction(0), []
    for e in entries:
        total += e.points
        out.append(total)
    return out


def _earned_by(days: list[date], totals: list[Fraction], day: date) -> Fraction:
    """Points earned up to and including `day` (the entries are sorted by day)."""
    n = bisect_right(days, day)
    return totals[n - 1] if n else Fraction(0)


def _with_balances(incoming: list[WalletEntry], outgoing: list[WalletEntry]) -> list[WalletEntry]:
    """Earnings and redemptions merged by day (a day's earnings first, so they can be spent that day)."""
    merged = sorted([(e.day, 0, i, e) for i, e in enumerate(incoming)] + [(e.day, 1, i, e) for i, e in enumerate(outgoing)],
                    key=lambda x: x[:3])
    balance, out = Fraction(0), []
    for _, _, _, e in merged:
        balance += e.points
        out.append(WalletEntry(e.koc, e.day, e.kind, e.source, e.ref, e.title, e.points, balance, e.file, e.quantity))
    return out


def points_text(value: Fraction) -> str:
    return decimal_text(value, 2)


def refusal_findings(wallets: Wallets) -> list[Finding]:
    return [finding(r.record.file, ("redemptions", r.record.index), r.code, **r.params) for r in wallets.refused]
