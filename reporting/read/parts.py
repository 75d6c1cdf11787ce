"""Look at every XML part of a workbook before any parser does.

Each part is decompressed once, here: a damaged part (bad CRC, a false size, a
part the workbook names but the zip lacks) becomes a located refusal instead of
a crash deep in a reader; a DTD anywhere in a part is refused; and a sheet whose
cells reach far away (one stray value in XFD1048576 makes a reader allocate the
whole rectangle up to it) is refused, naming the cell, before it is read.
"""

from __future__ import annotations

import re
import zipfile
import zlib
from dataclasses import dataclass

from ..words import genitive
from .refs import column_index

PREFETCH_FROM = 4 * 1024**2  # a sheet this big is parsed in the background; a small one when read
MAX_CELLS = 12_000_000  # the rectangle a sheet may span (a region's roster × weeks is ≈ 4 million)
_LAST_CELL = re.compile(rb'<c r="([A-Z]+)(\d+)"')
_LAST_ROW = re.compile(rb'<row r="(\d+)"')
_TWO_LETTERS = re.compile(rb'<c r="[A-Z]{2}')  # a column at AA or beyond
_COLUMNS = re.compile(rb'<c r="([A-Z]{2,3})\d')
DAMAGE = (zipfile.BadZipFile, zlib.error, EOFError, OSError, NotImplementedError, RuntimeError, ValueError)


class PartRefused(Exception):
    def __init__(self, message: str, hint: str | None = None, sheet: str | None = None):
        self.message, self.hint, self.sheet = message, hint, sheet
        super().__init__(message)


@dataclass(frozen=True)
class SheetScan:
    rows: int  # the last row that holds a cell
    columns: int  # the widest column that holds a cell
    formulas: bool  # any <f> at all (else the formula check need not read the part again)
    errors: tuple[tuple[int, int, str], ...] = ()  # (row, column index, «#DIV/0!») of cached error values


def read_part(archive: zipfile.ZipFile, name: str) -> bytes:
    try:
        return archive.read(name)
    except KeyError:
        raise PartRefused(f"в файле нет части {name}, которую называет книга; файл повреждён") from None
    except DAMAGE as exc:
        raise PartRefused(f"часть {name} повреждена ({exc}); файл не читается") from None


def scan_parts(archive: zipfile.ZipFile, sheets: dict[str, str], ready=None) -> dict[str, SheetScan]:
    """Check every XML part; return each sheet's extent by sheet name (raise ``PartRefused``).

    The parts other than sheets come first, then the sheets, biggest first, and
    ``ready(sheet)`` is called as soon as that sheet has passed: its parse may start while the
    next sheet is still being checked (a reader opening the book reads the other parts)."""
    by_part = {part: sheet for sheet, part in sheets.items()}
    names = set(archive.namelist())
    for sheet, part in sheets.items():
        if part not in names:
            raise PartRefused(f"в файле нет листа «{sheet}» (часть {part}); файл повреждён", sheet=sheet)
    # the biggest sheet first: its parse takes longest, so it should start soonest
    infos = sorted(archive.infolist(), key=lambda info: (1, -info.file_size) if info.filename in by_part else (0, 0))
    scans = {}
    for name, xml in xml_parts(archive, (".xml", ".rels"), infos):
        sheet = by_part.get(name)
        if sheet is not None:
            rows, columns = _extent(xml, sheet)
            if ready is not None and len(xml) >= PREFETCH_FROM:
                ready(sheet)  # what follows only reads the sheet, it guards nothing
            scans[sheet] = SheetScan(rows, columns, b"<f" in xml, _errors(xml))
    return scans


def xml_parts(archive: zipfile.ZipFile, suffixes: tuple[str, ...], infos=None):
    """(name, bytes) of every XML part, each decompressed once and refused if it holds a DTD
    (an entity can be declared only inside one, so «<!DOCTYPE» is what is looked for)."""
    for info in archive.infolist() if infos is None else infos:
        if info.filename.endswith(suffixes):
            xml = read_part(archive, info.filename)
            if b"<!DOCTYPE" in xml:  # XML is case-sensitive: no other spelling declares a DTD
                raise PartRefused(f"часть {info.filename} содержит DTD; файл отклонён")
            yield info.filename, xml


def _thousands(number: int) -> str:
    return f"{number:,}".replace(",", "\u00a0")


def _extent(xml: bytes, sheet: str) -> tuple[int, int]:
    """Rows and columns the sheet spans, from the cells' own references (cells are in order);
    a sheet too big to read is refused here, before any reader allocates it."""
    last = _LAST_CELL.match(xml, xml.rfind(b'<c r="')) if b'<c r="' in xml else None
    rows = int(last.group(2)) if last else 0
    far = last.group(1).decode() + last.group(2).decode() if last else ""
    columns = column_index(last.group(1).decode()) + 1 if last else 0
    last_row = _LAST_ROW.match(xml, xml.rfind(b'<row r="')) if b'<row r="' in xml else None
    if last_row and int(last_row.group(1)) > rows and b"<c>" in xml[last_row.end() :]:
        rows, far = int(last_row.group(1)), f"в строке {last_row.group(1).decode()}"  # cells without a reference
    # One pass finds anything unusual: a column at BA or beyond, or a reference with more digits than
    # the last row's (out of order: damage or a trap).  The common sheet has neither.
    unusual = re.compile(rb'<c r="(?:[A-Z]{3}|[B-Z][A-Z]\d|[A-Z]+\d{%d,})' % (len(str(rows)) + 1 if rows else 1))
    if rows and unusual.search(xml):
        if re.search(rb'<c r="[A-Z]+\d{%d,}' % (len(str(rows)) + 1), xml):
            raise PartRefused("ячейки листа идут не по порядку строк; файл повреждён", sheet=sheet)
        widest = max(_COLUMNS.findall(xml), key=lambda letters: (len(letters), letters))
        if column_index(widest.decode()) + 1 > columns:
            columns = column_index(widest.decode()) + 1
            far = widest.decode() + re.search(rb'<c r="%s(\d+)"' % widest, xml).group(1).decode()
    else:
        # Cells are in order within a row, not across rows: the widest row may be any; bound it.
        columns = max(columns, 52 if _TWO_LETTERS.search(xml) else 26)
    if rows * columns > MAX_CELLS:
        raise refuse_extent(rows, columns, far, sheet)
    return rows, columns


_ERROR_CELL = re.compile(rb'<c r="([A-Z]+)(\d+)"[^>]*?\st="e"[^>]*>(.*?)</c>', re.S)
_VALUE = re.compile(rb"<v>([^<]*)</v>")


def _errors(xml: bytes) -> tuple[tuple[int, int, str], ...]:
    """Cells holding a cached error (#DIV/0!, #N/A, #REF!): readers give them as empty cells,
    which would drop a figure without a word."""
    if b't="e"' not in xml:
        return ()
    found = []
    for letters, row, inner in _ERROR_CELL.findall(xml):
        value = _VALUE.search(inner)
        text = value.group(1).decode("utf-8", "replace") if value else "#ОШИБКА"
        found.append((int(row), column_index(letters.decode()), text))
    return tuple(found)


def refuse_extent(rows: int, columns: int, far: str, sheet: str) -> PartRefused:
    """The refusal of a sheet that spans more than ``MAX_CELLS``, naming its farthest cell."""
    return PartRefused(
        f"лист слишком велик: ячейки заполнены до строки {rows} (самая дальняя — {far}), это около "
        f"{_thousands(rows * columns)} {genitive(rows * columns, 'ячейки', 'ячеек')}, "
        f"а допустимо до {_thousands(MAX_CELLS)}",
        hint="Скорее всего, там случайно что-то введено или отформатировано: выделите строки и столбцы "
        "за пределами таблицы, удалите их (Ctrl+End показывает конец листа) и сохраните файл",
        sheet=sheet,
    )
