"""The points wallet and the level on a KOC's profile, and the level in the directory.

Public: the balance, every earning (the approved work's title, as the profile's works list shows it) and
every redemption (the item and the redemption's public note). A redemption's `private:` block (tracking
number, internal notes) is never read here, and kocsite.site.guard knows its values.
"""

from __future__ import annotations

from kocsite.money.levels import LevelBook, compute_levels
from kocsite.money.wallet import Wallets, compute_wallets, earnings, points_text
from kocsite.core.display import decimal_text
from kocsite.outputs.escape import md
from kocsite.site.blocks import SiteData, bullets, table


def standing(data: SiteData) -> tuple[Wallets, LevelBook]:
    """Wallets and levels as of the build's today, computed once per build."""
    return data.once("standing", _standing)


def _standing(data: SiteData) -> tuple[Wallets, LevelBook]:
    earned = earnings(data.programme, data.book)
    return (compute_wallets(data.programme, data.book, earned),
            compute_levels(earned, data.programme.settings.levels, data.today))


def wallet_shown(data: SiteData) -> bool:
    """A wallet section only where there is something to spend points on, or points were spent."""
    return bool(data.programme.settings.wallet.catalogue or data.programme.redemptions)


def level_text(data: SiteData, koc: str) -> str:
    """The KOC's level today, with the day it was reached ('' without levels)."""
    _, levels = standing(data)
    level = levels.current(koc)
    if level is None:
        return ""
    changes = levels.history.get(koc)
    if not changes:
        return md(level.name)
    return data.t("level_since", level=md(level.name), d=changes[-1].day)


def wallet_section(data: SiteData, koc: str) -> str:
    t = data.t
    wallets, levels = standing(data)
    parts = []
    if levels.enabled:
        level = levels.current(koc)
        line = f"**{t('level')}**：{level_text(data, koc)}"
        if level is not None and level.description:
            line += f" · {md(level.description)}"
        parts.append(bullets([line, t("level_rule", review=t(f"review_{data.programme.settings.levels.review}"))]))
        rows = [[str(c.day), t(f"change_{c.change}"), md(c.name), decimal_text(c.reputation, 2), decimal_text(c.recent, 2),
                 str(c.active_days)] for c in levels.history.get(koc, ())]
        if rows:
            parts.append(f"**{t('level_history')}**\n\n" + table(
                [t("date"), t("kind"), t("level"), t("reputation"), t("recent"), t("active_days")], rows))
    if wallet_shown(data):
        parts.append(t("wallet_intro"))
        parts.append(bullets([f"**{t('balance')}**：{points_text(wallets.balance(koc))}",
                              f"**{t('earned')}**：{points_text(wallets.earned(koc))}",
                              f"**{t('spent')}**：{points_text(wallets.spent(koc))}"]))
        rows = []
        for e in reversed(wallets.history.get(koc, ())):
            what = md(e.title) + (f" × {e.quantity}" if e.source == "redemption" and e.quantity != 1 else "")
            rows.append([str(e.day), t(f"source_{e.source}"), what, ("+" if e.points > 0 else "") + points_text(e.points),
                         points_text(e.balance)])
        if rows:
            parts.append(f"**{t('wallet_history')}**\n\n" + table(
                [t("date"), t("kind"), t("what"), t("points"), t("balance")], rows))
    return "\n\n".join(parts)
