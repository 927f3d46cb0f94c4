"""Rules of the points wallet and the levels inside one file: redemptions name catalogue items,
roles name levels, and kocsite.yml's catalogue and levels are well formed.

Whether a redemption overdraws a balance or oversells a stock needs every KOC's earnings: that is
computed over the whole programme (kocsite.money.wallet, run by the checker)."""

from __future__ import annotations

from typing import Iterator

from kocsite.models import Campaign, Settings
from kocsite.models.redemption import RedemptionFile
from kocsite.rules.common import duplicates, unknown
from kocsite.rules.context import FileContext
from kocsite.rules.finding import Finding, finding

THRESHOLDS = (("reputation", "贡献值", "reputation"), ("recent", "近期贡献值", "recent reputation"),
              ("active_days", "活跃天数", "active days"))


def check_redemptions(model: RedemptionFile, ctx: FileContext) -> Iterator[Finding]:
    items = {item.id for item in ctx.settings.wallet.catalogue}
    for i, redemption in enumerate(model.redemptions):
        if redemption.item not in items:
            yield unknown(ctx.file.rel, ("redemptions", i, "item"), "E800", redemption.item, items)


def check_role_levels(model: Campaign, ctx: FileContext) -> Iterator[Finding]:
    levels = [tier.id for tier in ctx.settings.levels.tiers]
    for i, role in enumerate(model.roles):
        if role.min_level is not None and role.min_level not in levels:
            yield unknown(ctx.file.rel, ("roles", i, "min_level"), "E803", role.min_level, levels)


def check_wallet_settings(s: Settings, ctx: FileContext) -> Iterator[Finding]:
    rel = ctx.file.rel
    yield from duplicates(rel, ((("wallet", "catalogue", i, "id"), x.id) for i, x in enumerate(s.wallet.catalogue)),
                          "兑换商品", "catalogue item", ctx.line_of)
    tiers = s.levels.tiers
    yield from duplicates(rel, ((("levels", "tiers", i, "id"), x.id) for i, x in enumerate(tiers)), "等级", "level",
                          ctx.line_of)
    for i in range(1, len(tiers)):
        lower, tier = tiers[i - 1], tiers[i]
        for field, zh, en in THRESHOLDS:
            value, lower_value = getattr(tier, field), getattr(lower, field)
            if value < lower_value:
                yield finding(rel, ("levels", "tiers", i, field), "E804", level=tier.name, lower=lower.name, what=zh,
                              what_en=en, value=value, lower_value=lower_value)
