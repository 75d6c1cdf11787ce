"""Look at an OpenDocument spreadsheet (.ods, LibreOffice's own format) before calamine reads it.

An .ods stores runs of equal rows and cells once, with a repeat count: a
LibreOffice file always ends each row with ``number-columns-repeated="16375"``
empty cells, which cost nothing, but a few hundred bytes can also say "this
text, 100 000 rows × 100 columns", and the reader would build all of those
cells.  So the extent a sheet really fills is computed here, from the counts,
and a sheet past ``MAX_CELLS`` is refused before it is read — the same rule as
for an .xlsx.  The same pass notes the cells shown as a percentage (a target
typed as «100%» is stored as 1) and formulas saved without a value.
"""

from __future__ import annotations

import html
import re
import zipfile
from dataclasses import dataclass, field
from functools import lru_cache

from .formulas import MAX_FORMULAS, formula_kind
from .parts import AGAIN, DAMAGE, MAX_CELLS, PartRefused, read_part, refuse_extent, xml_parts
from .refs import column_letters

MIMETYPE = b"application/vnd.oasis.opendocument.spreadsheet"
MAX_MERGES = 100_000  # merges kept per sheet: more is no school's table, and the cells are capped anyway
# Tags are found by name, then their attributes read by XML's own syntax: a value may hold «>», and
# calamine takes an attribute in single or double quotes, with spaces around «=».  A tag whose
# attributes do not read so is refused — it would otherwise pass unmeasured.
_STRUCTURE = re.compile(rb"<table:table(?=[\s/>])|</table:table>|<table:table-row(?=[\s/>])")
_CELL = re.compile(rb"<table:(?:covered-)?table-cell(?=[\s/>])")
_ATTRIBUTES = re.compile(rb"((?:\s+[^\s=<>/\"']+\s*=\s*(?:\"[^\"]*\"|'[^']*'))*)\s*(/?)>")
_ROW_END = b"</table:table-row>"
_CELL_END = re.compile(rb"</table:(?:covered-)?table-cell>")


@lru_cache(maxsize=16)
def _attribute_pattern(name: bytes) -> re.Pattern:
    return re.compile(rb"(?:^|\s)%s\s*=\s*(?:\"([^\"]*)\"|'([^']*)')" % re.escape(name))


def _attribute(attributes: bytes, name: bytes) -> bytes | None:
    found = _attribute_pattern(name).search(attributes)
    return None if found is None else found.group(1) if found.group(1) is not None else found.group(2)


def _repeat(attributes: bytes, name: bytes) -> int:
    value = _attribute(attributes, name)
    if value is None:
        return 1
    if not value.isdigit():
        raise PartRefused(
            f"в content.xml повтор «{value[:20].decode('utf-8', 'replace')}» — не число; файл повреждён", AGAIN
        )
    if len(value) > 9:  # more than any sheet holds, and too long a number to print
        raise PartRefused(f"в content.xml повтор «{value[:20].decode()}…» — больше любого листа; файл повреждён", AGAIN)
    return int(value)


def _tag(xml: bytes, token: re.Match) -> re.Match:
    rest = _ATTRIBUTES.match(xml, token.end())
    if rest is None:
        raise PartRefused(f"в content.xml тег {token.group(0).decode()} не читается как XML; файл повреждён", AGAIN)
    return rest


@dataclass
class OdsSheet:
    rows: int = 0  # the last row that holds a value
    columns: int = 0  # the widest column that holds a value
    percent: list[tuple[int, int, int, int]] = field(default_factory=list)  # rows and columns shown as a percentage
    uncached: list[tuple[int, int]] = field(default_factory=list)  # formulas saved without a value
    formulas: bool = False
    formula_kinds: dict[tuple[int, int], str] = field(default_factory=dict)  # (row, column) -> formulas.formula_kind
    merges: list[tuple[int, int, int, int]] = field(default_factory=list)  # 0-based, as calamine gives an .xlsx's


def is_ods(archive: zipfile.ZipFile) -> bool:
    try:
        return archive.read("mimetype").strip() == MIMETYPE
    except (KeyError, *DAMAGE):
        return False


def scan_ods(archive: zipfile.ZipFile) -> dict[str, OdsSheet]:
    """Check every XML part of an .ods; return each sheet's extent by name (raise ``PartRefused``)."""
    names = set(archive.namelist())
    if "content.xml" not in names:
        raise PartRefused("в файле нет части content.xml; файл повреждён", AGAIN)
    manifest = read_part(archive, "META-INF/manifest.xml") if "META-INF/manifest.xml" in names else b""
    if b"encryption-data" in manifest:
        raise PartRefused(
            "файл защищён паролем",
            hint="Снимите пароль (Файл → Свойства → Безопасность) и сохраните заново",
        )
    sheets: dict[str, OdsSheet] = {}
    for name, xml in xml_parts(archive, (".xml", ".rdf")):
        if name == "content.xml":
            sheets = _sheets(xml)
    return sheets


def _sheets(xml: bytes) -> dict[str, OdsSheet]:
    """Walk tables and rows; the cells of a row are looked at only when a row needs it."""
    sheets: dict[str, OdsSheet] = {}
    sheet: OdsSheet | None = None
    name = ""
    next_row = 1  # rows are 1-based as a spreadsheet shows them
    position = 0
    while (token := _STRUCTURE.search(xml, position)) is not None:
        if token.group(0) == b"</table:table>":
            sheet, position = None, token.end()
            continue
        rest = _tag(xml, token)
        attributes, closed = rest.groups()
        position = rest.end()
        if token.group(0) == b"<table:table":
            found = _attribute(attributes, b"table:name")
            name = html.unescape(found.decode("utf-8", "replace")) if found is not None else f"Лист{len(sheets) + 1}"
            sheet, next_row = sheets.setdefault(name, OdsSheet()), 1
        elif sheet is not None:
            row, next_row = next_row, next_row + _repeat(attributes, b"table:number-rows-repeated")
            if not closed:
                end = xml.find(_ROW_END, position)
                end = len(xml) if end == -1 else end
                _row(sheet, name, xml[position:end], row, next_row - 1)
                position = end
    return sheets


def _row(sheet: OdsSheet, name: str, body: bytes, first: int, last: int) -> None:
    """Widen the sheet's extent by one (possibly repeated) row: rows ``first``..``last``."""
    end = max(body.rfind(b"office:value-type"), body.rfind(b"</table:"))  # the last cell with a value
    if end == -1 and b"table:formula" not in body:
        return
    head = body[:end]
    if b"columns-repeated" in head or b"percentage" in body or b"table:formula" in body or b"-spanned" in body:
        width = _cells(sheet, name, body, first, last)
    else:  # the common row: no repeats before its last value, so its width is a count of cells
        width = head.count(b"<table:table-cell") + head.count(b"<table:covered-table-cell")
    _widen(sheet, name, last, width)


def _cells(sheet: OdsSheet, name: str, body: bytes, first: int, last: int) -> int:
    """Cell by cell: the row's width, its percentage cells and its formulas without a value."""
    column = width = 0
    for token in _CELL.finditer(body):
        rest = _tag(body, token)
        attributes, closed = rest.groups()
        span = _repeat(attributes, b"table:number-columns-repeated")
        kind = _attribute(attributes, b"office:value-type")
        down, across = (
            _repeat(attributes, b"table:number-rows-spanned"),
            _repeat(attributes, b"table:number-columns-spanned"),
        )
        if (down > 1 or across > 1) and len(sheet.merges) < MAX_MERGES:  # a merged cell: its value covers the others
            sheet.merges.append((first - 1, column, first - 2 + down, column + across - 1))
        if kind is not None or (not closed and _has_content(body, rest.end())):
            width = column + span
            _widen(sheet, name, last, width)
            if kind == b"percentage":
                sheet.percent.append((first, last, column, column + span - 1))
        formula = _attribute(attributes, b"table:formula")
        if formula is not None:
            sheet.formulas = True
            if len(sheet.formula_kinds) < MAX_FORMULAS:
                computes = formula_kind(html.unescape(formula.decode("utf-8", "replace")))
                for row in range(first, min(last, first + 1000) + 1):
                    for spanned in range(column, column + min(span, 1000)):
                        sheet.formula_kinds[(row, spanned)] = computes
            if kind is None:
                sheet.uncached.append((first, column))
        column += span
    return width


def _widen(sheet: OdsSheet, name: str, row: int, width: int) -> None:
    rows, columns = max(sheet.rows, row), max(sheet.columns, width)
    if rows * columns > MAX_CELLS:
        raise refuse_extent(rows, columns, _cell_name(row, width - 1), name)
    sheet.rows, sheet.columns = rows, columns


def _cell_name(row: int, column: int) -> str:

    return f"{column_letters(column)}{row}"


def _has_content(xml: bytes, start: int) -> bool:
    end = _CELL_END.search(xml, start)
    return end is not None and bool(xml[start : end.start()].strip())


def percent_cells(sheet: OdsSheet, limit: int = 100_000) -> set[tuple[int, int]]:
    """(row, column index) of the cells shown as a percentage.

    Only the small indicators sheet asks; past ``limit`` cells a run of
    percentage cells is not expanded (a bare fraction is refused anyway).
    """
    found: set[tuple[int, int]] = set()
    for first_row, last_row, first_column, last_column in sheet.percent:
        if len(found) + (last_row - first_row + 1) * (last_column - first_column + 1) > limit:
            break
        found.update((r, c) for r in range(first_row, last_row + 1) for c in range(first_column, last_column + 1))
    return found
