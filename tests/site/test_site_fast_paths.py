"""The site's fast paths give exactly what the slow, obvious code gives (they exist for speed only)."""

from __future__ import annotations

import posixpath
import string
from fractions import Fraction

from hypothesis import given, settings, strategies as st

from kocsite.money.rewards import CashRules, Claimant, split_cash
from kocsite.outputs.escape import _CJK_LINE_BREAK, _PUNCTUATION, md
from kocsite.site.blocks import rel

_PART = st.sampled_from(["kocs", "campaigns", "c1", "index.md", "a.md", "tasks", ".", "..", ""])
_PATH = st.lists(_PART, min_size=1, max_size=4).map("/".join)


@settings(max_examples=500, deadline=None)
@given(_PATH, _PATH)
def test_rel_is_posixpath_relpath(from_page, to_page):
    try:
        expected = posixpath.relpath(to_page, posixpath.dirname(from_page) or ".")
    except ValueError:  # an empty target: relpath refuses it, and no page links to nothing
        return
    if from_page.startswith("/") or to_page.startswith("/"):
        return
    assert rel(from_page, to_page) == expected


def _slow_md(text: object) -> str:
    cleaned = "".join(c for c in str(text) if c.isprintable() or c.isspace())
    cleaned = " ".join(_CJK_LINE_BREAK.sub(r"\1\2", cleaned).split())
    return "".join(f"&#{ord(c)};" if c in _PUNCTUATION else c for c in cleaned)


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet=st.sampled_from([*string.printable, *"车机座舱\u3000\u2028\u200b\x00\x7f\u00a0é"]), max_size=16))
def test_md_is_the_per_character_escape(text):
    assert md(text) == _slow_md(text)


def test_payout_lookup_finds_each_claimant_and_no_one_else():
    rules = CashRules(pool_fen=10_000)
    people = [Claimant(koc, Fraction(credit), ((None, Fraction(credit)),), True, ()) for koc, credit in (("b", 3), ("a", 1), ("c", 0))]
    split = split_cash(rules, people)
    assert {p.koc for p in split.payouts} <= {"a", "b", "c"} and split.payouts
    for payout in split.payouts:
        assert split.payout_of(payout.koc) is payout
    for claimant in split.claimants:
        assert split.claimant(claimant.koc) is claimant
    assert split.payout_of("nobody") is None and split.claimant("nobody") is None
