"""Rows and columns an .xlsx sheet hides (by hand, or a filter): found around the word «hidden»,
so that a sheet of millions of cells costs one search, not a parse."""

from __future__ import annotations

import re

_TRUE = rb"""\s+hidden\s*=\s*["'](?:1|true)["']"""
_ROW = re.compile(rb"""<(?:\w+:)?row\b(?=[^>]*""" + _TRUE + rb""")[^>]*?\sr\s*=\s*["'](\d+)["']""")
_COLUMNS = re.compile(
    rb"""<(?:\w+:)?col\b(?=[^>]*""" + _TRUE + rb""")(?=[^>]*\smin\s*=\s*["'](\d+)["'])[^>]*\smax\s*=\s*["'](\d+)["']"""
)
MAX_COLUMNS = 16_384  # Excel's last column: a «max» beyond it is no column


def hidden_lines(xml: bytes) -> tuple[tuple[int, ...], tuple[int, ...]]:
    """(row numbers, column indexes, 0-based) whose tag says hidden="1"."""
    rows, columns = [], set()
    position = xml.find(b"hidden")
    while position != -1:
        start, end = xml.rfind(b"<", 0, position), xml.find(b">", position)
        tag = xml[start : end + 1] if start != -1 and end != -1 else b""
        if (found := _ROW.match(tag)) is not None:
            rows.append(int(found.group(1)))
        elif (found := _COLUMNS.match(tag)) is not None:
            first, last = int(found.group(1)), min(int(found.group(2)), MAX_COLUMNS)
            columns.update(range(first - 1, last))
        position = xml.find(b"hidden", max(end, position + 6))
    return tuple(rows), tuple(sorted(columns))
