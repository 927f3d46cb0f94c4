"""Exact numbers written for people: decimals, fractions, yuan, percentages. Rounding happens only here."""

from __future__ import annotations

from fractions import Fraction


def decimal_text(value: Fraction, places: int | None = None) -> str:
    """A credit as a decimal string: exact when it terminates (it does for decimal points, qualities
    and shares), else, or when `places` is given, rounded half away from zero for display. Integer
    arithmetic only: tables write some 100 000 figures."""
    numerator, denominator = value.as_integer_ratio()
    if denominator == 1:  # most figures are whole: the fast way
        return str(numerator)
    sign, numerator = ("-" if numerator < 0 else ""), abs(numerator)
    if places is None:
        exact = _places(denominator)
        places = exact if exact is not None else 6
    rounded = (2 * numerator * 10**places + denominator) // (2 * denominator)
    whole, part = divmod(rounded, 10**places)
    text = f"{whole}.{part:0{places}d}".rstrip("0").rstrip(".") if places else str(whole)
    return sign + text if text != "0" else "0"


def decimal_places(value: Fraction) -> int | None:
    """The decimal places that write `value` exactly; None when it does not terminate."""
    return _places(value.denominator)


def _places(denominator: int) -> int | None:
    places = 0
    while denominator % 10 == 0:
        denominator //= 10
        places += 1
    for prime in (2, 5):
        while denominator % prime == 0:
            denominator //= prime
            places += 1
    return places if denominator == 1 else None


def number_text(value: Fraction, zh: bool = True) -> str:
    """An exact number for reading: `12`, `33.3` (a short exact decimal), or `100/3（≈33.33）`."""
    places = decimal_places(value)
    if places is not None and places <= 4:
        return decimal_text(value, places)
    approx = decimal_text(value, 2)
    fraction = f"{value.numerator}/{value.denominator}"
    return f"{fraction}（≈{approx}）" if zh else f"{fraction} (≈{approx})"


def yuan(fen: int) -> str:
    """分 as 元 with two decimals: 123456 → '1234.56'."""
    sign = "-" if fen < 0 else ""
    return f"{sign}{abs(fen) // 100}.{abs(fen) % 100:02d}"


def percent_text(rate: Fraction | None, places: int = 1) -> str:
    """A rate for display, e.g. Fraction(803, 16950) → '4.7%'; None → '—'."""
    if rate is None:
        return "—"
    return decimal_text(rate * 100, places) + "%"
