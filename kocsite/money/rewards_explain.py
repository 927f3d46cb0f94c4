"""The cash split explained step by step, in Chinese or English, for KOCs and auditors."""

from __future__ import annotations

import math
from fractions import Fraction
from typing import Sequence

from kocsite.core.display import number_text, yuan
from kocsite.money.rewards import GENERAL, CashSplit, Lang, Payout, PoolSplit, Round, Share


_REASONS = {
    "not-member": ("不是本活动已接受角色的成员：积分照常计入，但不分活动奖金",
                   "not an accepted member of the campaign: the credit counts, but earns no campaign cash"),
    "no-credit": ("没有积分", "no credit"),
    "below-min-credit": ("本活动积分低于最低积分 {min}", "credit below the minimum {min}"),
    "deliverable-not-met": ("未达到交付标准", "deliverable standard not met"),
    "no-role-credit": ("在该角色下没有积分", "no credit in this role"),
    "no-pool-credit": ("在可参与的奖池里都没有积分", "no credit in any pool open to them"),
}

_TEXT = {
    "rules": ("规则：奖金池 {pool}；{cap}{min}{deliverable}。", "Rules: cash pool {pool}; {cap}{min}{deliverable}."),
    "cap": ("每人上限 {cap}", "cap {cap} per KOC"),
    "no-cap": ("不设每人上限", "no per-KOC cap"),
    "min": ("；最低积分 {min}", "; minimum credit {min}"),
    "deliverable": ("；须达到交付标准", "; deliverable standard required"),
    "cut": ("拆分奖金池（最大余数法：各部分先向下取整，剩下的分按小数部分从大到小逐一补 1 分，"
            "相同时按角色 id 顺序，通用奖池排最后）：",
            "Cutting the pool (largest remainder: floor each part, then hand the leftover fen one each "
            "by largest fraction; ties by role id, the general pool last):"),
    "cut-line": ("  · {name} {percent}%：{pool} × {percent}% = {ideal} 分 → 取整 {floor} 分{extra} = {amount}",
                 "  · {name} {percent} %: {pool} × {percent} % = {ideal} fen → floor {floor} fen{extra} = {amount}"),
    "cut-extra": (" + 1 分（小数部分第 {n} 大）", " + 1 fen (largest fraction no. {n})"),
    "sub-pool": ("角色 {role} 子奖池", "sub-pool of role {role}"),
    "general": ("通用奖池", "general pool"),
    "eligible": ("{koc}：本活动积分 {credit}；符合领奖条件", "{koc}: credit {credit}; eligible"),
    "not-eligible": ("{koc}：本活动积分 {credit}；不符合领奖条件：{reason}", "{koc}: credit {credit}; not eligible: {reason}"),
    "pool": ("{name}：{amount}，按{basis}分配：", "{name}: {amount}, split by {basis}:"),
    "basis-role": ("该角色成员在本活动的全部积分（含无角色任务）", "each role member's whole campaign credit (role-less tasks included)"),
    "basis-total": ("各成员在本活动的全部积分", "each member's whole campaign credit"),
    "sources": ("积分来源：{parts} = {credit}", "Credit from: {parts} = {credit}"),
    "source-role": ("角色 {role} 的任务 {credit}", "tasks of role {role} {credit}"),
    "source-none": ("无角色任务 {credit}", "role-less tasks {credit}"),
    "counted": ("计入：{parts}", "Counted in: {parts}"),
    "counted-in": ("{pool} {credit}", "{pool} {credit}"),
    "counted-nowhere": ("计入：没有计入任何奖池（{reason}）", "Counted in: no pool ({reason})"),
    "excluded": ("  不参与：{koc}（{reason}）", "  left out: {koc} ({reason})"),
    "nobody": ("  没有人可以参与这个奖池", "  nobody may share this pool"),
    "round": ("  第 {n} 轮：剩余 {remaining}，参与者 {count} 人，积分合计 {total}；{capped}",
              "  Round {n}: {remaining} left, {count} sharing, credit total {total}; {capped}"),
    "round-capped": ("理想份额超过上限、按上限封顶：{kocs}", "ideal over the cap, capped: {kocs}"),
    "round-none": ("无人超过上限", "nobody over the cap"),
    "round-no-cap": ("不设上限，按积分比例分配", "no cap, split by credit"),
    "my-round": ("  第 {n} 轮：剩余 {remaining}，积分合计 {total}；理想份额 = {fen} × {credit} ÷ {total} = {ideal} 分{verdict}",
                 "  Round {n}: {remaining} left, credit total {total}; ideal = {fen} × {credit} ÷ {total} = {ideal} fen{verdict}"),
    "over-cap": ("，超过可得上限 {cap} 分{left} → 得到 {cap} 分", ", over the {cap} fen the cap still allows{left} → gets {cap} fen"),
    "under-cap": ("，未超过可得上限 {cap} 分{left}", ", within the {cap} fen the cap still allows{left}"),
    "cap-left": ("（每人上限 {cap} − 前面奖池已得 {got}）", " (cap {cap} − {got} from earlier pools)"),
    "others-capped": ("（本轮封顶：{kocs}，其余的人在下一轮重新分）", " (capped this round: {kocs}; the rest is re-split)"),
    "capped-share": ("  {koc}：积分 {credit}，理想份额 {ideal} 分超过可得上限 {cap} 分{left}，第 {n} 轮封顶 → {payout}",
                     "  {koc}: credit {credit}, ideal {ideal} fen over the {cap} fen the cap still allows{left}, "
                     "capped in round {n} → {payout}"),
    "share": ("  {koc}：积分 {credit}，理想份额 {ideal} 分 → 取整 {floor} 分{extra} = {payout}",
              "  {koc}: credit {credit}, ideal {ideal} fen → floor {floor} fen{extra} = {payout}"),
    "share-extra": (" + 1 分（余数 {rest}，补分第 {n} 位：{why}）", " + 1 fen (remainder {rest}, hand-out no. {n}: {why})"),
    "share-none": ("（余数 {rest}，剩下的 {leftover} 分已补给余数更靠前的人）",
                   " (remainder {rest}; the {leftover} leftover fen went to those ahead)"),
    "why-remainder": ("余数更大", "larger remainder"),
    "why-credit": ("余数相同，积分更高", "same remainder, higher credit"),
    "why-id": ("余数和积分都相同，按 id 顺序", "same remainder and credit, by id"),
    "handout": ("  剩余 {leftover} 分逐一补给：{kocs}", "  the {leftover} leftover fen went one each to: {kocs}"),
    "unallocated": ("  未分配：{amount}（{why}）", "  unallocated: {amount} ({why})"),
    "why-nobody": ("没有符合条件的人", "nobody eligible"),
    "why-all-capped": ("所有人都已封顶", "everyone capped"),
    "total": ("{koc} 合计：{payout}{capped}", "{koc} in total: {payout}{capped}"),
    "total-capped": ("（已达每人上限）", " (at the cap)"),
    "payouts": ("发放结果：", "Payouts:"),
    "payout": ("  {koc}：{payout}{why}", "  {koc}: {payout}{why}"),
    "sum": ("核对：发放 {paid} + 未分配 {unallocated} = 奖金池 {pool}",
            "Check: paid {paid} + unallocated {unallocated} = pool {pool}"),
    "unknown": ("{koc} 不在本活动的领奖名单中", "{koc} is not among this campaign's claimants"),
}


def explain_lines(split: CashSplit, koc: str | None = None, lang: Lang = "zh") -> list[str]:
    """Every step behind the whole split (koc None) or behind one KOC's figure, in Chinese or English.

    Fractions are shown exactly (`100/3`) with a decimal for reading (`≈33.33`); nothing is rounded
    except that display.
    """
    explainer = _Explainer(split, lang)
    return explainer.whole() if koc is None else explainer.one(koc)


class _Explainer:
    def __init__(self, split: CashSplit, lang: Lang) -> None:
        if lang not in ("zh", "en"):
            raise ValueError(f"lang must be 'zh' or 'en', not {lang!r}")
        self.split = split
        self.zh = lang == "zh"

    # -- words and numbers

    def say(self, key: str, **values: object) -> str:
        return _TEXT[key][0 if self.zh else 1].format(**values)

    def money(self, fen: int) -> str:
        return f"{fen} 分（{yuan(fen)} 元）" if self.zh else f"{fen} fen (¥{yuan(fen)})"

    def fen(self, fen: int) -> str:
        return f"{fen} 分" if self.zh else f"{fen} fen"

    def num(self, value: Fraction) -> str:
        return number_text(value, self.zh)

    def reason(self, code: str) -> str:
        min_credit = self.split.rules.min_credit
        return _REASONS[code][0 if self.zh else 1].format(min=self.num(min_credit) if min_credit is not None else "")

    def join(self, kocs: Sequence[str]) -> str:
        return ("、" if self.zh else ", ").join(kocs)

    def pool_name(self, pool: PoolSplit) -> str:
        return self.say("general") if pool.role is GENERAL else self.say("sub-pool", role=pool.role)

    # -- the two views

    def whole(self) -> list[str]:
        lines = self.preamble()
        for pool in self.split.pools:
            lines += self.pool(pool)
        lines.append(self.say("payouts"))
        lines += [self.payout(p) for p in self.split.payouts]
        paid = sum(p.payout_fen for p in self.split.payouts)
        lines.append(self.say("sum", paid=self.money(paid), unallocated=self.money(self.split.unallocated_fen),
                              pool=self.money(self.split.pool_fen)))
        return lines

    def one(self, koc: str) -> list[str]:
        lines = self.preamble()
        payout = self.split.payout_of(koc)
        if payout is None:
            return lines + [self.say("unknown", koc=koc)]
        if payout.why_not is None:
            lines.append(self.say("eligible", koc=koc, credit=self.num(payout.credit)))
        else:
            lines.append(self.say("not-eligible", koc=koc, credit=self.num(payout.credit), reason=self.reason(payout.why_not)))
        lines += self.sources(koc)
        for pool in self.split.pools:
            lines += self.my_pool(pool, koc)
        lines.append(self.say("total", koc=koc, payout=self.money(payout.payout_fen),
                              capped=self.say("total-capped") if payout.capped else ""))
        return lines

    # -- parts

    def sources(self, koc: str) -> list[str]:
        """Which credit the KOC earned where, and which pools counted it."""
        claimant = self.split.claimant(koc)
        if claimant is None:
            return []
        parts = [self.say("source-none", credit=self.num(c)) if role is None else
                 self.say("source-role", role=role, credit=self.num(c)) for role, c in claimant.role_credit]
        lines = [self.say("sources", parts=" + ".join(parts) or "0", credit=self.num(claimant.credit))] if parts else []
        counted = [self.say("counted-in", pool=self.pool_name(pool), credit=self.num(share.credit))
                   for pool in self.split.pools for share in pool.shares if share.koc == koc]
        if counted:
            lines.append(self.say("counted", parts=("；" if self.zh else "; ").join(counted)))
        else:
            payout = self.split.payout_of(koc)
            lines.append(self.say("counted-nowhere", reason=self.reason(payout.why_not or "no-pool-credit")))
        return lines

    def preamble(self) -> list[str]:
        rules = self.split.rules
        cap = self.say("cap", cap=self.money(rules.cap_fen)) if rules.cap_fen is not None else self.say("no-cap")
        lines = [self.say("rules", pool=self.money(rules.pool_fen), cap=cap,
                          min=self.say("min", min=self.num(rules.min_credit)) if rules.min_credit is not None else "",
                          deliverable=self.say("deliverable") if rules.require_deliverable else ""),
                 self.say("cut")]
        for pool in self.split.pools:
            extra = self.say("cut-extra", n=pool.cut_extra_order) if pool.cut_extra_order else ""
            lines.append(self.say("cut-line", name=self.pool_name(pool), percent=self.num(pool.percent),
                                  pool=self.split.pool_fen, ideal=self.num(pool.ideal_fen),
                                  floor=math.floor(pool.ideal_fen), extra=extra, amount=self.money(pool.amount_fen)))
        return lines

    def pool_header(self, pool: PoolSplit) -> str:
        basis = self.say("basis-total") if pool.role is GENERAL else self.say("basis-role")
        return self.say("pool", name=self.pool_name(pool), amount=self.money(pool.amount_fen), basis=basis)

    def pool(self, pool: PoolSplit) -> list[str]:
        lines = [self.pool_header(pool)]
        lines += [self.say("excluded", koc=e.koc, reason=self.reason(e.reason)) for e in pool.excluded]
        if not pool.rounds:
            lines.append(self.say("nobody"))
        for r in pool.rounds:
            if self.split.rules.cap_fen is None:
                capped = self.say("round-no-cap")
            else:
                capped = self.say("round-capped", kocs=self.join(r.capped)) if r.capped else self.say("round-none")
            lines.append(self.say("round", n=r.number, remaining=self.fen(r.remaining_fen), count=len(r.sharing),
                                  total=self.num(r.total_credit), capped=capped))
        lines += [self.share(pool, s) for s in pool.shares]
        if pool.handouts:
            lines.append(self.say("handout", leftover=len(pool.handouts), kocs=self.join([h.koc for h in pool.handouts])))
        if pool.unallocated_fen:
            lines.append(self.unallocated(pool))
        return lines

    def share(self, pool: PoolSplit, share: Share) -> str:
        payout = self.money(share.payout_fen)
        if share.floor_fen is None:
            return self.say("capped-share", koc=share.koc, credit=self.num(share.credit), ideal=self.num(share.ideal_fen),
                            cap=share.cap_left_fen, left=self.cap_left(share), n=share.capped_round, payout=payout)
        handout = next((h for h in pool.handouts if h.koc == share.koc), None)
        if handout is not None:
            extra = self.say("share-extra", rest=self.num(handout.remainder), n=handout.order,
                             why=self.say(f"why-{handout.decided_by}"))
        elif share.remainder:
            extra = self.say("share-none", rest=self.num(share.remainder), leftover=len(pool.handouts))
        else:
            extra = ""
        return self.say("share", koc=share.koc, credit=self.num(share.credit), ideal=self.num(share.ideal_fen),
                        floor=share.floor_fen, extra=extra, payout=payout)

    def cap_left(self, share: Share) -> str:
        """Where a cap below the per-KOC cap comes from: what earlier pools already paid."""
        cap = self.split.rules.cap_fen
        if cap is None or share.cap_left_fen is None or share.cap_left_fen == cap:
            return ""
        return self.say("cap-left", cap=cap, got=cap - share.cap_left_fen)

    def unallocated(self, pool: PoolSplit) -> str:
        why = self.say("why-nobody") if not pool.rounds else self.say("why-all-capped")
        return self.say("unallocated", amount=self.money(pool.unallocated_fen), why=why)

    def payout(self, p: Payout) -> str:
        why = ""
        if p.why_not:
            why = f"（{self.reason(p.why_not)}）" if self.zh else f" ({self.reason(p.why_not)})"
        elif p.capped:
            why = self.say("total-capped")
        return self.say("payout", koc=p.koc, payout=self.money(p.payout_fen), why=why)

    def my_pool(self, pool: PoolSplit, koc: str) -> list[str]:
        """One KOC's path through one pool: why they are left out, or each round they were in and their share."""
        exclusion = next((e for e in pool.excluded if e.koc == koc), None)
        share = next((s for s in pool.shares if s.koc == koc), None)
        if exclusion is not None:
            return [self.pool_header(pool), self.say("excluded", koc=koc, reason=self.reason(exclusion.reason))]
        if share is None:
            return []
        lines = [self.pool_header(pool)]
        lines += [self.my_round(r, share) for r in pool.rounds if koc in r.sharing]
        if share.floor_fen is not None:
            lines.append(self.share(pool, share))
        return lines

    def my_round(self, r: Round, share: Share) -> str:
        if share.cap_left_fen is None:
            verdict = ""
        else:
            verdict = self.say("over-cap" if share.koc in r.capped else "under-cap", cap=share.cap_left_fen,
                               left=self.cap_left(share))
        others = [k for k in r.capped if k != share.koc]
        if others:
            verdict += self.say("others-capped", kocs=self.join(others))
        return self.say("my-round", n=r.number, remaining=self.fen(r.remaining_fen), fen=r.remaining_fen,
                        total=self.num(r.total_credit), credit=self.num(share.credit),
                        ideal=self.num(r.ideal(share.credit)), verdict=verdict)
