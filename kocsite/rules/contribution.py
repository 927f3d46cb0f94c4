"""Rules inside one contribution record: who wrote it, joint-byline shares, review consistency."""

from __future__ import annotations

from typing import Any, Iterator

from kocsite.rules.finding import Finding, finding
from kocsite.rules.common import duplicates, not_before, unknown
from kocsite.rules.context import FileContext
from kocsite.models import Contribution


def check_contribution(c: Contribution, ctx: FileContext, at: tuple[Any, ...] = ()) -> Iterator[Finding]:
    f = ctx.file.rel
    yield from _authors(c, f, at, ctx)
    yield from _review(c, f, at)
    if c.platform is not None and c.platform not in ctx.platforms:
        yield unknown(f, at + ("platform",), "E108", c.platform, ctx.platforms, what="平台", what_en="platform")
    if c.amplified:
        yield from _amplified(c, f, at, ctx)


def _amplified(c: Contribution, f: str, at: tuple[Any, ...], ctx: FileContext) -> Iterator[Finding]:
    """A share names its KOC and link, an official repost no KOC; none before the work; no link twice."""
    for i, a in enumerate(c.amplified):
        loc = at + ("amplified", i)
        if a.kind == "share":
            for field, zh, en in (("koc", "需要写明是哪位 KOC 转发的（koc）", "needs the 'koc' who shared it"),
                                  ("url", "需要附上转发的链接（url）", "needs the 'url' of the share")):
                if getattr(a, field) is None:
                    yield finding(f, loc, "E942", detail=f"转发（share）{zh}", detail_en=f"a share {en}")
        elif a.koc is not None:
            yield finding(f, loc + ("koc",), "E942", detail="官方账号转发（official-repost）不写 koc：KOC 的转发请用 kind: share",
                          detail_en="an official repost has no 'koc': a KOC's share is kind: share")
        if a.date < c.date:
            yield finding(f, loc + ("date",), "W941", date=a.date, published=c.date)
        if a.platform is not None and a.platform not in ctx.platforms:
            yield unknown(f, loc + ("platform",), "E108", a.platform, ctx.platforms, what="平台", what_en="platform")
    links = ((at + ("amplified", i, "url"), a.url) for i, a in enumerate(c.amplified) if a.url is not None)
    yield from duplicates(f, links, "转发链接", "amplification link", ctx.line_of)


def _authors(c: Contribution, f: str, at: tuple[Any, ...], ctx: FileContext) -> Iterator[Finding]:
    if c.koc is None and not c.authors:
        yield finding(f, at, "E505", detail="需要填写作者：单人作品用 'koc'，联合署名用 'authors'",
                      detail_en="needs an author: 'koc' for a solo work, 'authors' for a joint byline")
    if c.koc is not None and c.authors:
        yield finding(f, at + ("authors",), "E505", detail="'koc' 和 'authors' 只能二选一：联合署名请把所有作者都写进 authors",
                      detail_en="use either 'koc' or 'authors', not both: list every co-author under 'authors'")
    if c.authors:
        total = sum(a.share for a in c.authors)
        if total != 100:
            yield finding(f, at + ("authors",), "E502", total=_plain(total))
        yield from duplicates(f, ((at + ("authors", i, "koc"), a.koc) for i, a in enumerate(c.authors)),
                              "作者", "author", ctx.line_of)


def _review(c: Contribution, f: str, at: tuple[Any, ...]) -> Iterator[Finding]:
    review, loc = c.review, at + ("review",)
    status = review.status

    def wrong(field: str, zh: str, en: str) -> Finding:
        target = loc + (field,) if getattr(review, field) is not None else loc
        return finding(f, target, "E503", status=status, detail=zh, detail_en=en)

    if status == "pending":
        for field in ("reviewer", "date", "quality", "reason"):
            if getattr(review, field) is not None:
                yield wrong(field, f"不应填写 '{field}'：审核完成后再填，并修改状态",
                            f"'{field}' should not be set yet: fill it in with the review and change the status")
        return
    for field in ("reviewer", "date"):
        if getattr(review, field) is None:
            yield wrong(field, f"需要填写 '{field}'", f"'{field}' is required")
    if status == "approved":
        if review.quality is not None and not 0 < review.quality <= 5:
            yield wrong("quality", "质量系数应在 0 到 5 之间（1 为标准）", "the quality multiplier must be above 0 and at most 5 (1 is standard)")
    else:
        if review.quality is not None:
            yield wrong("quality", "不应有质量系数：只有通过的内容才计分", "there should be no quality multiplier: only approved work earns credit")
        if review.reason is None:
            yield wrong("reason", "需要写明原因（reason），让创作者知道怎么改", "a 'reason' is required so the creator knows what to change")
    yield from not_before(f, loc + ("date",), ("审核日期", "review date", review.date), ("提交日期", "submission date", c.date))


def _plain(number: Any) -> str:
    text = format(number, "f")
    return text.rstrip("0").rstrip(".") if "." in text else text
