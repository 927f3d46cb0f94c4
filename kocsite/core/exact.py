"""Exact sums and rankings of many fractions, in integers.

Adding two `Fraction`s builds a third and reduces it by a gcd; a programme adds some 300 000 of them
for its credit. The figures have few distinct denominators (points × quality × share), so summing
numerators per denominator in plain integers, and building one Fraction per denominator at the end,
gives the same exact result several times faster. Ranking compares integers over a common
denominator instead of fractions.
"""

from __future__ import annotations

from collections import defaultdict
from fractions import Fraction
from math import lcm
from typing import Hashable, Iterable, Mapping, TypeVar

K = TypeVar("K", bound=Hashable)


def sums_by(pairs: Iterable[tuple[K, Fraction | int]]) -> dict[K, Fraction]:
    """The exact total of the values of each key, keys in first-seen order."""
    totals, common = scaled_sums_by(pairs)
    return {key: Fraction(total, common) for key, total in totals.items()}


def scaled_sums_by(pairs: Iterable[tuple[K, Fraction | int]]) -> tuple[dict[K, int], int]:
    """(each key's exact total × `common`, `common`): the totals as integers over one common
    denominator, keys in first-seen order, to rank and compare them without building fractions."""
    numerators: dict[tuple[K, int], int] = {}
    for key, value in pairs:
        numerator, denominator = value.as_integer_ratio()  # one call, where .numerator and .denominator are two
        slot = (key, denominator)
        numerators[slot] = numerators.get(slot, 0) + numerator
    common = lcm(*{denominator for _, denominator in numerators})
    totals: dict[K, int] = {}
    for (key, denominator), numerator in numerators.items():
        totals[key] = totals.get(key, 0) + numerator * (common // denominator)
    return totals, common


def exact_sum(values: Iterable[Fraction | int]) -> Fraction:
    by_denominator: dict[int, int] = defaultdict(int)
    for value in values:
        numerator, denominator = value.as_integer_ratio()
        by_denominator[denominator] += numerator
    return _total(by_denominator)


def _total(by_denominator: Mapping[int, int]) -> Fraction:
    if len(by_denominator) == 1:
        ((denominator, numerator),) = by_denominator.items()
        return Fraction(numerator, denominator)
    common = lcm(*by_denominator)
    return Fraction(sum(n * (common // d) for d, n in by_denominator.items()), common)


def ranked(totals: Mapping[K, Fraction | int]) -> list[tuple[K, Fraction | int]]:
    """(key, value), highest value first, ties by key."""
    key = integer_keys(totals.values())
    return sorted(totals.items(), key=lambda kv: (-key(kv[1]), kv[0]))


def integer_keys(values: Iterable[Fraction | int]):
    """A function mapping each of `values` to an integer that orders them exactly as they are ordered
    (value × the common denominator)."""
    common = lcm(*{v.denominator for v in values})
    return lambda value: value.numerator * (common // value.denominator)
