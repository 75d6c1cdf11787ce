"""Which cells of a sheet hold formulas, and what kind of figure each computes (issue 30, point 5).

A totals row a school forgot to label («Итого» left out, only ``=SUM(C3:C19)`` under each week) is
known by its formulas: it is a sum of the rows above, never a person without a name.  A row of
``=COUNTIF(C3:C19;">=10")`` or ``=AVERAGE(…)`` is a computed figure (a count, a share): not a person
either, and not a sum to check.  A row of plain references (``=Лист2!C5``) stays what it looks like — a
row of numbers that needs its ФИО.

Only the formula's text is looked at, never evaluated: the figures are the cached values the
spreadsheet saved, as for every other cell.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .refs import column_index

SUM, AGGREGATE = "sum", "aggregate"  # what a formula computes; "" for anything else (a reference, an IF)
MAX_FORMULAS = 200_000  # a sheet of formulas past this is not scanned cell by cell (nothing is then known)

_REFERENCE = r"(?:'[^']*'!|[A-Za-zА-Яа-я0-9_.]+!)?\$?[A-Z]{1,3}\$?\d+(?::\$?[A-Z]{1,3}\$?\d+)?"
_SUM_CALL = re.compile(rf"SUM\(\s*{_REFERENCE}(?:\s*[;,]\s*{_REFERENCE})*\s*\)")
_SUBTOTAL_SUM = re.compile(rf"SUBTOTAL\(\s*(?:9|109)\s*[;,]\s*{_REFERENCE}\s*\)")
_PLUS = re.compile(rf"{_REFERENCE}(?:\s*\+\s*{_REFERENCE})+")
_SHARE = re.compile(rf"\(?\s*{_REFERENCE}\s*\)?\s*/\s*\(?.+")  # B20/B21, (B20)/(B21)*100: a share
_AGGREGATES = ("COUNT", "COUNTA", "COUNTIF", "COUNTIFS", "AVERAGE", "AVERAGEIF", "AVERAGEIFS", "SUMIF",
               "SUMIFS", "SUBTOTAL", "SUMPRODUCT", "MAX", "MIN", "MEDIAN")  # fmt: skip
_CALL = re.compile(r"(?:_xlfn\.)?([A-Z][A-Z0-9.]*)\(")


def formula_kind(text: str) -> str:
    """``SUM`` for a sum of cells (``SUM(C3:C19)``, ``C3+C4+C5``, ``SUBTOTAL(9;…)``), ``AGGREGATE`` for a
    count, an average or a share of them (``COUNTIF(…)``, ``B20/B21``), "" for anything else."""
    text = _plain(text)
    if _SUM_CALL.fullmatch(text) or _SUBTOTAL_SUM.fullmatch(text) or _PLUS.fullmatch(text):
        return SUM
    calls = _CALL.findall(text)
    if calls and all(name.split(".")[0] in _AGGREGATES or name in ("ROUND", "IFERROR", "SUM") for name in calls):
        return AGGREGATE
    if _SHARE.fullmatch(text):
        return AGGREGATE
    return ""


def _plain(text: str) -> str:
    """A formula as Excel's XML keeps it: LibreOffice's «of:=SUM([.C3:.C19])» made ``SUM(C3:C19)``."""
    text = text.strip()
    if text.startswith("of:"):
        text = text[3:]
    text = text.lstrip("=").strip()
    text = re.sub(r"\[\$?'?([^\]]*?)'?\.(\$?[A-Z]{1,3}\$?\d+)(?::\.(\$?[A-Z]{1,3}\$?\d+))?\]",
                  lambda m: (f"'{m.group(1)}'!" if m.group(1) else "") + m.group(2) + (f":{m.group(3)}" if m.group(3) else ""),
                  text)  # fmt: skip
    return text.upper() if not re.search(r"[\"']", text) else text


_CELL = re.compile(rb'<c r="([A-Z]+)(\d+)"([^>]*?)(?:/>|>(.*?)</c>)', re.S)
_FORMULA = re.compile(rb"<f([^>]*?)(?:/>|>(.*?)</f>)", re.S)
_SHARED = re.compile(rb'si="(\d+)"')
_EMPTY_VALUE = re.compile(rb"<v\s*/>|<v>\s*</v>")


@dataclass(frozen=True)
class FormulaCells:
    """A worksheet's formula cells, found in one pass over its part."""

    kinds: dict[tuple[int, int], str]  # (row, 0-based column) -> formula kind (the first MAX_FORMULAS cells)
    uncached: tuple[tuple[int, int], ...]  # formulas saved without a computed value (every one)


def xlsx_formulas(xml: bytes) -> FormulaCells:
    """Every formula cell of a worksheet part: what it computes — a shared formula's followers
    (``<f t="shared" si="0"/>``) take their first cell's kind, as Excel fills them right — and whether
    a value was saved with it. Only the formulas are looked at: a big sheet has millions of plain cells."""
    kinds: dict[tuple[int, int], str] = {}
    uncached: list[tuple[int, int]] = []
    shared: dict[bytes, str] = {}
    position = xml.find(b"<f")
    while position != -1:
        start, end = xml.rfind(b"<c ", 0, position), xml.find(b"</c>", position)
        cell = _CELL.match(xml, start, end + 4) if start != -1 and end != -1 else None
        formula = _FORMULA.search(cell.group(4) or b"") if cell and cell.end() > position else None
        if formula is not None:
            letters, row, attributes, inner = cell.groups()
            place = (int(row), column_index(letters.decode()))
            # openpyxl and other writers leave <v> out or empty; Excel writes an empty text result as
            # t="str" with an empty <v>, which is a value
            if b"<v" not in inner or (_EMPTY_VALUE.search(inner) and b't="str"' not in attributes):
                uncached.append(place)
            if len(kinds) < MAX_FORMULAS:
                key, body = _SHARED.search(formula.group(1)), formula.group(2)
                text = _unescape(body.decode("utf-8", "replace")) if body else ""
                kind = formula_kind(text) if text else shared.get(key.group(1), "") if key else ""
                if text and key is not None:
                    shared[key.group(1)] = kind
                kinds[place] = kind
        position = xml.find(b"<f", end if end != -1 else position + 2)
    return FormulaCells(kinds, tuple(uncached))


def _unescape(text: str) -> str:
    return (
        text.replace("&quot;", '"')
        .replace("&apos;", "'")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&amp;", "&")
    )
