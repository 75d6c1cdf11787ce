"""How far a worksheet's cells reach, seen as calamine will see them, before calamine reads it.

calamine allocates the whole rectangle from the first to the last row and the narrowest to the
widest column its cells name; one stray cell in XFD1048576 asks for half a terabyte, and the
allocation failing aborts the process.  So the extent is found here first, from the XML itself,
and a sheet past ``MAX_CELLS`` is refused naming its farthest cell.

calamine takes a cell wherever its element's local name is ``c`` — with any prefix, the ``r``
attribute anywhere among the others, in single or double quotes, the letters in either case — and
a cell with no ``r`` goes one column to the right of the last.  Looking only for the spelling Excel
writes (``<c r="A1"``) would let every other spelling through.  Hence two paths:

* **the proof** (every real workbook, 108 MB of region in ~0.3 s): one regex pass over
  ``<sheetData>`` that stops at any tag that is not one of the handful Excel, LibreOffice and the
  usual libraries write — every cell spelled ``<c r="`` with a reference inside the bounds the last
  cell sets.  Nothing stopping it proves the rectangle.
* **the walk** (anything else: a prefix, another attribute order, a comment, a wide sheet): expat
  reads the sheet element by element, with calamine's rules for positions, and measures it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from xml.parsers import expat

from ..words import genitive
from .refs import column_index, column_letters

MAX_CELLS = 12_000_000  # the rectangle a sheet may span (a region's roster × weeks is ≈ 4 million)
# what to do with a damaged file (an .ods saved again is an .xlsx or an .ods: either reads)
AGAIN = (
    "Если файл открывается в Excel или LibreOffice Calc, сохраните его заново как «Книга Excel (*.xlsx)»; "
    "если нет — попросите прислать его ещё раз"
)
WINDOW = 2 * 1024**2  # the proof's stride: between windows the reader's threads get the GIL
_OPEN, _CLOSE = b"<sheetData>", b"</sheetData>"
_LAST_CELL = re.compile(rb'<c r="([A-Z]+)(\d+)"')
_REFERENCE = re.compile(r"([A-Za-z]+)(\d+)")
_ERROR_CELL = re.compile(rb'<c r="([A-Z]+)(\d+)"[^>]*?\st="e"[^>]*>(.*?)</c>', re.S)
_VALUE = re.compile(rb"<v>([^<]*)</v>")


class PartRefused(Exception):
    def __init__(self, message: str, hint: str | None = None, sheet: str | None = None):
        self.message, self.hint, self.sheet = message, hint, sheet
        super().__init__(message)


@dataclass(frozen=True)
class SheetScan:
    rows: int  # the last row that holds a cell (at most)
    columns: int  # the widest column that holds a cell (at most)
    formulas: bool  # any formula at all (else the formula check need not read the part again)
    errors: tuple[tuple[int, int, str], ...] = ()  # (row, column index, «#DIV/0!») of cached error values
    uncached: tuple[tuple[int, int], ...] | None = None  # formulas without a value, when the walk found them
    proved: bool = False  # Excel's own spelling throughout: the sheet may be cut between rows (pieces)
    hidden: tuple[tuple[int, ...], tuple[int, ...]] = ((), ())  # rows (numbers), columns (indexes) hidden
    merged: bool = True  # the sheet may hold merged cells (False: proved none, their list need not be parsed)


def scan_sheet(xml: bytes, sheet: str, part: str = "", on_window=None) -> SheetScan:
    """The sheet's extent, its formulas and error values; raise ``PartRefused`` past ``MAX_CELLS``
    or for a DTD.

    The proof goes a window of whole rows at a time, so that the reader's threads are not held
    off for its whole length (a regex keeps the GIL); ``on_window(first, last)`` is told of each
    window as soon as it has passed, so that a big sheet's pieces may be parsed while the rest is
    proved (pieces.py).  Should a later window fail the proof, the scan returns unproved, and what
    was started on the earlier windows is only dropped."""
    start, end = xml.find(_OPEN), xml.rfind(_CLOSE)
    if start == -1 or end < start:
        return _walk(xml, sheet, part)
    if any(b"<!" in outside or b"sheetData" in outside for outside in (xml[:start], xml[end + len(_CLOSE) :])):
        return _walk(xml, sheet, part)  # a comment or a second sheetData could hide the one calamine reads
    start += len(_OPEN)
    last = _LAST_CELL.match(xml, xml.rfind(b'<c r="', start, end)) if xml.find(b'<c r="', start, end) != -1 else None
    if last and len(last.group(2)) > 9:  # past any sheet: the walk names it
        return _walk(xml, sheet, part)
    rows = int(last.group(2)) if last else 0
    if rows > MAX_CELLS:
        return _walk(xml, sheet, part)
    columns = MAX_CELLS // max(rows, 1)  # the widest a cell may be for the rectangle to fit
    formulas, proof = False, _proof(rows, columns, False)
    bounds = row_starts(xml, start, end, WINDOW)
    for first, last_byte in zip(bounds, bounds[1:], strict=False):
        found = proof.search(xml, first, last_byte)
        if found is not None and not formulas and xml[found.start() + 1 : found.start() + 3] in (b"f ", b"f>", b"f/"):
            formulas, proof = True, _proof(rows, columns, True)
            found = proof.search(xml, found.start(), last_byte)
        if found is not None:
            return _walk(xml, sheet, part)
        if on_window is not None:
            on_window(first, last_byte)
    merged = xml.find(b"<mergeCell", end) != -1  # Excel writes them after the cells
    return SheetScan(rows, min(columns, 16_384), formulas, _errors(xml, start, end), proved=True, merged=merged)


def row_starts(xml: bytes, start: int, end: int, size: int) -> list[int]:
    """``start``, then where a row begins every ``size`` bytes or so, then ``end``: windows of whole
    rows (in a proved sheet no tag lies between rows, so none straddles a bound)."""
    found, position = [start], start + size
    while position < end:
        row = xml.find(b'<row r="', position, end)
        if row == -1:
            break
        found.append(row)
        position = row + size
    found.append(end)
    return found


@lru_cache(maxsize=32)
def _proof(rows: int, columns: int, formulas: bool) -> re.Pattern:
    """A tag in <sheetData> that is not one the proof knows: a cell whose reference is past
    ``rows`` or ``columns`` (or spelled otherwise), a comment, a prefix, an early </sheetData>."""
    cell = rb'c r="(?:%s)(?:%s)"' % (_letters_at_most(columns), _number_at_most(rows)) if rows else b"(?!)"
    known = [b"/(?!sheetData)", cell, rb'row r="', rb"v[ />]", rb"is[ />]", rb"t[ />]"] + (
        [rb"f[ />]"] if formulas else []
    )
    return re.compile(rb"<(?!" + b"|".join(known) + rb")")


def _number_at_most(limit: int) -> bytes:
    """A regex for 1 … ``limit`` written without leading zeros, as every writer writes a row."""
    return _at_most(str(limit), "0123456789", first="123456789")


def _letters_at_most(count: int) -> bytes:
    """A regex for the column letters A … the ``count``-th column, in capitals (Excel's spelling)."""
    return _at_most(column_letters(min(count, 16_384) - 1), "ABCDEFGHIJKLMNOPQRSTUVWXYZ")


def _sign(chars: str) -> str:
    """A character class of a run of signs without gaps («0123» → [0-3])."""
    return f"[{chars[0]}-{chars[-1]}]"


def _at_most(bound: str, alphabet: str, first: str | None = None) -> bytes:
    """A regex for the strings over ``alphabet`` (the first sign from ``first``) that come up to
    ``bound``: every shorter one, then those of its length that are not greater, sign by sign.
    Digits and column letters alike: both count in their alphabet's order, shorter meaning smaller."""
    first = first or alphabet
    shorter = _sign(first) + (f"{_sign(alphabet)}{{0,{len(bound) - 2}}}" if len(bound) > 2 else "")
    choices = [shorter] if len(bound) > 1 else []
    for i, char in enumerate(bound):
        below = (first if i == 0 else alphabet).split(char)[0]  # the signs smaller than this one
        if below:
            choices.append(bound[:i] + _sign(below) + _sign(alphabet) * (len(bound) - i - 1))
    choices.append(bound)
    return "|".join(choices).encode()


def _errors(xml: bytes, start: int, end: int) -> tuple[tuple[int, int, str], ...]:
    """Cells holding a cached error (#DIV/0!, #N/A, #REF!): readers give them as empty cells,
    which would drop a figure without a word."""
    if xml.find(b't="e"', start, end) == -1:
        return ()
    found = []
    for letters, row, inner in _ERROR_CELL.findall(xml, start, end):
        value = _VALUE.search(inner)
        text = value.group(1).decode("utf-8", "replace") if value else "#ОШИБКА"
        found.append((int(row), column_index(letters.decode()), text))
    return tuple(found)


class _Walker:
    """calamine's rules, element by element: a row without ``r`` follows the last; a cell without
    ``r`` stands one column right of the last cell of its row."""

    def __init__(self, sheet: str, styles: bool = False):
        self.sheet = sheet
        self.styles: list[tuple[int, int, int]] | None = [] if styles else None  # (row, column, s)
        self.inside, self.done = False, False
        self.row = 0  # the current row, 1-based
        self.column = -1  # the last cell's column in the row, 0-based
        self.rows = self.columns = 0
        self.widest = ""  # the reference of the widest cell so far
        self.formulas = False
        self.errors: list[tuple[int, int, str]] = []
        self.uncached: list[tuple[int, int]] = []
        self.cell: list | None = None  # [row, column, type, has formula, value text or None] of the open cell
        self.text: list[str] | None = None
        self.parser = None  # the expat parser, whose text handler is set only inside a <v> that matters

    def start(self, name: str, attributes: dict) -> None:
        local = _local(name)
        if local == "sheetData" and not self.done:
            self.inside = True
        if not self.inside:
            return
        if local == "c":
            reference = attributes.get("r")
            if reference is None:
                row, column = self.row, self.column + 1
            else:
                found = _REFERENCE.fullmatch(reference)
                if found is None:
                    raise PartRefused(f"ячейка со ссылкой «{reference[:20]}»; файл повреждён", AGAIN, self.sheet)
                if len(found.group(1)) > 4 or len(found.group(2)) > 9:  # past any sheet (XFD1048576)
                    raise _past_any_sheet("ячейка", reference, self.sheet)
                row, column = int(found.group(2)), _column(found.group(1))
            self.column = column
            if row > self.rows or column >= self.columns:
                self._widen(row, column, reference)
            self.cell = [row, column, attributes.get("t", ""), False, None]
            if self.styles is not None and (style := attributes.get("s", "")).isdigit():
                self.styles.append((row, column, int(style)))
        elif local == "row":
            number = attributes.get("r")
            self.row = self._number(number) if number is not None else self.row + 1
            self.column = -1
        elif local == "f" and self.cell is not None:
            self.formulas, self.cell[3] = True, True
        elif local == "v" and self.cell is not None:
            self.text = []
            if self.cell[2] == "e" or self.cell[3]:  # only then does the text matter: listen just here
                self.parser.CharacterDataHandler = self.characters

    def end(self, name: str) -> None:
        local = _local(name)
        if local == "sheetData" and self.inside:
            self.inside, self.done = False, True
        elif local == "v" and self.cell is not None and self.text is not None:
            self.cell[4], self.text = "".join(self.text), None
            self.parser.CharacterDataHandler = None
        elif local == "c" and self.cell is not None:
            row, column, kind, formula, value = self.cell
            if kind == "e":
                self.errors.append((row, column, value or "#ОШИБКА"))
            if formula and (value is None or (not value.strip() and kind != "str")):
                self.uncached.append((row, column))
            self.cell = None

    def characters(self, data: str) -> None:
        if self.text is not None:
            self.text.append(data)

    def _number(self, text: str) -> int:
        if not text.isdigit():
            raise PartRefused(f"строка с номером «{text[:20]}»; файл повреждён", AGAIN, self.sheet)
        if len(text) > 9:
            raise _past_any_sheet("строка", text, self.sheet)
        return int(text)

    def _widen(self, row: int, column: int, reference: str | None) -> None:
        here = reference.upper() if reference else f"{column_letters(column)}{row}"
        if column + 1 > self.columns:
            self.widest = here
        rows, columns = max(self.rows, row), max(self.columns, column + 1)
        if rows * columns > MAX_CELLS:  # name this cell, or the wide one that makes this row too much
            raise refuse_extent(rows, columns, here if column + 1 >= columns else self.widest, self.sheet)
        self.rows, self.columns = rows, columns


@lru_cache(maxsize=256)
def _local(name: str) -> str:
    return name.rpartition(":")[2]


@lru_cache(maxsize=4096)
def _column(letters: str) -> int:
    return column_index(letters.upper())


def cell_styles(xml: bytes, sheet: str) -> list[tuple[int, int, int]]:
    """(row, column index, style index) of every styled cell, in any spelling (a small sheet's)."""
    walker = _Walker(sheet, styles=True)
    _parse(walker, xml, sheet, "")
    return walker.styles


def _walk(xml: bytes, sheet: str, part: str) -> SheetScan:
    walker = _Walker(sheet)
    _parse(walker, xml, sheet, part)
    return SheetScan(walker.rows, walker.columns, walker.formulas, tuple(walker.errors), tuple(walker.uncached))


def _parse(walker: _Walker, xml: bytes, sheet: str, part: str) -> None:
    parser = expat.ParserCreate()
    parser.StartElementHandler, parser.EndElementHandler = walker.start, walker.end
    parser.buffer_text, walker.parser = True, parser

    def no_dtd(*_):
        raise PartRefused(f"часть {part or 'листа'} содержит DTD; файл отклонён", sheet=sheet)

    parser.StartDoctypeDeclHandler = no_dtd
    parser.EntityDeclHandler = no_dtd
    try:
        parser.Parse(xml, True)
    except expat.ExpatError as exc:
        raise PartRefused(
            f"XML листа не читается ({expat.ErrorString(exc.code)}); файл повреждён", AGAIN, sheet
        ) from None


def _past_any_sheet(what: str, reference: str, sheet: str) -> PartRefused:
    """A cell or row no sheet has (Excel's last cell is XFD1048576), refused before it becomes a
    number too long to print."""
    shown = reference if len(reference) <= 24 else reference[:20] + "…"
    return PartRefused(f"{what} «{shown}» за пределами любого листа; файл повреждён", AGAIN, sheet)


def _thousands(number: int) -> str:
    return f"{number:,}".replace(",", "\u00a0")


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
