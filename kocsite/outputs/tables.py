"""Rows of figures written as an aligned text table, JSON or CSV (for finance's spreadsheets)."""

from __future__ import annotations

import csv
import json
import unicodedata
from typing import Any, Sequence, TextIO

TABLE_FORMATS = ("text", "json", "csv")


def write_table(columns: Sequence[tuple[str, str]], rows: Sequence[dict[str, Any]], stream: TextIO) -> None:
    """`columns` are (key, header); widths count a Chinese character as two columns."""
    cells = [[header for _, header in columns]] + [[_cell(row.get(key)) for key, _ in columns] for row in rows]
    widths = [max(_width(line[i]) for line in cells) for i in range(len(columns))]
    for line in cells:
        stream.write("  ".join(_pad(text, width) for text, width in zip(line, widths)).rstrip() + "\n")


def write_csv(columns: Sequence[tuple[str, str]], rows: Sequence[dict[str, Any]], stream: TextIO) -> None:
    writer = csv.writer(stream, lineterminator="\n")
    writer.writerow([key for key, _ in columns])
    for row in rows:
        writer.writerow([_raw(row.get(key)) for key, _ in columns])


def write_json(document: Any, stream: TextIO) -> None:
    json.dump(document, stream, ensure_ascii=False, indent=2)
    stream.write("\n")


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, (list, tuple)):
        return "、".join(str(v) for v in value)
    return str(value)


def _raw(value: Any) -> str:
    """For machines: true/false, lists joined by ';'."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (list, tuple)):
        return ";".join(str(v) for v in value)
    return "" if value is None else str(value)


def _width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _pad(text: str, width: int) -> str:
    return text + " " * (width - _width(text))
