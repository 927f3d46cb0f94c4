"""Rows of figures written as an aligned text table, JSON or CSV (for finance's spreadsheets)."""

from __future__ import annotations

from pathlib import Path

import csv
import json
import re
import unicodedata
from decimal import Decimal
from fractions import Fraction
from typing import Any, Sequence, TextIO

from kocsite.core.labels import joined, yes_no

TABLE_FORMATS = ("text", "json", "csv")
_NUMBER = re.compile(r"[+-]?(0|[1-9][0-9]*)(\.[0-9]+)?")


def write_table(columns: Sequence[tuple[str, str]], rows: Sequence[dict[str, Any]], stream: TextIO,
                lang: str = "zh") -> None:
    """`columns` are (key, header); widths count a Chinese character as two columns; yes/no and list
    separators in `lang`."""
    cells = [[header for _, header in columns]] + [[_cell(row.get(key), lang) for key, _ in columns] for row in rows]
    measured = [[(text, _width(text)) for text in line] for line in cells]
    widths = [max(line[i][1] for line in measured) for i in range(len(columns))]
    stream.write("".join("  ".join(text + " " * (width - own) for (text, own), width in zip(line, widths)).rstrip() + "\n"
                         for line in measured))


FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
"""A text cell starting with one of these is run as a formula by Excel and WPS (OWASP CSV injection)."""


def write_csv(columns: Sequence[tuple[str, str]], rows: Sequence[dict[str, Any]], stream: TextIO,
              bom: bool = True) -> None:
    """The one CSV writer of kocsite, safe for Excel and WPS: UTF-8 BOM (the caller's stream encodes
    UTF-8), CRLF rows, fields quoted when they hold the delimiter, a quote, CR or LF, and text that
    would start a formula prefixed with '. Numbers are written as numbers (-5 stays -5)."""
    if bom:
        stream.write("\ufeff")
    writer = csv.writer(stream, lineterminator="\r\n", quoting=csv.QUOTE_MINIMAL)
    writer.writerow([safe_cell(key) for key, _ in columns])
    for row in rows:
        writer.writerow([safe_cell(_raw(row.get(key)) if not _is_number(row.get(key)) else row.get(key))
                         for key, _ in columns])


def _is_number(value: Any) -> bool:
    return isinstance(value, (int, float, Decimal, Fraction)) and not isinstance(value, bool)


def safe_cell(value: Any) -> Any:
    """A number as it is; text starting like a formula gets a leading ' — unless it is a plain number."""
    if _is_number(value):
        return str(value) if not isinstance(value, Fraction) else str(Decimal(value.numerator) / Decimal(value.denominator))
    text = str(value)
    if text.startswith(FORMULA_START) and not _NUMBER.fullmatch(text):
        return "'" + text
    return text


def write_json(document: Any, stream: TextIO) -> None:
    json.dump(document, stream, ensure_ascii=False, indent=2)
    stream.write("\n")


def _cell(value: Any, lang: str) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return yes_no(value, lang)
    if isinstance(value, (list, tuple)):
        return joined(value, lang)
    return str(value)


def _raw(value: Any) -> str:
    """For machines: true/false, lists joined by ';'."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (list, tuple)):
        return ";".join(str(v) for v in value)
    return "" if value is None else str(value)


def _width(text: str) -> int:
    """Columns on a terminal: a wide (Chinese) character takes two."""
    if text.isascii():
        return len(text)
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def write_xlsx(target: Path, cols, body, footer) -> None:
    """One sheet: the header, the body rows (amounts formatted 0.00), then the footer rows."""
    from openpyxl import Workbook  # only xlsx needs it: keep it out of every other command's start-up

    book = Workbook()
    sheet = book.active
    sheet.title = "payouts"
    sheet.append([header for _, header in cols])
    for row in body + footer:
        sheet.append([_xlsx_cell(row.get(key)) for key, _ in cols])
    for cell in sheet[chr(ord("A") + [k for k, _ in cols].index("amount_yuan"))][1:len(body) + 1]:
        cell.number_format = "0.00"
    book.save(target)


def _xlsx_cell(value):
    """Numbers as typed numbers; text neutralised like CSV (openpyxl would store '=…' as a formula)."""
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    if value is None:
        return None
    text = str(value)
    try:
        return float(text) if text.replace(".", "", 1).isdigit() and "." in text else safe_cell(text)
    except ValueError:
        return safe_cell(text)
