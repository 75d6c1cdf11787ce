"""A window of a sheet around one cell, as the user laid it out: values as shown, merged cells as
one, hidden rows and columns marked.  The web face draws it beside a problem so that a clerk sees
the cell the message is about; the command line names the same cell («E41»)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from .refs import column_letters
from .text import clean, header_key
from .workbook import Workbook

HEADER_SEARCH_ROWS = 30  # a column's header is looked for this far down from the top
MAX_TEXT = 120  # characters of one cell shown in the window


@dataclass(frozen=True)
class PreviewCell:
    text: str
    row: int  # Excel row number, 1-based
    column: int  # 0-based column index
    rows: int = 1  # a merge's height, on its first cell
    columns: int = 1  # a merge's width
    covered: bool = False  # inside a merge, not its first cell: not drawn
    hidden: bool = False  # its row or column is hidden in the file

    @property
    def address(self) -> str:
        return f"{column_letters(self.column)}{self.row}"


@dataclass(frozen=True)
class SheetWindow:
    sheet: str
    rows: tuple[int, ...]  # Excel row numbers shown
    columns: tuple[int, ...]  # column indexes shown
    cells: tuple[tuple[PreviewCell, ...], ...]  # one tuple per shown row
    target: tuple[int, int] | None  # (row, column index) of the cell the problem is about
    hidden_rows: frozenset[int]
    hidden_columns: frozenset[int]

    @property
    def target_address(self) -> str:
        return f"{column_letters(self.target[1])}{self.target[0]}" if self.target else ""

    def column_letter(self, index: int) -> str:
        return column_letters(index)


def cell_text(value: object) -> str:
    """A cell as the sheet shows it: whole numbers without «.0», dates as ДД.ММ.ГГГГ."""
    if value is None or value == "":
        return ""
    if isinstance(value, bool):
        return "ИСТИНА" if value else "ЛОЖЬ"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, dt.datetime):
        return f"{value:%d.%m.%Y %H:%M}" if (value.hour, value.minute) != (0, 0) else f"{value:%d.%m.%Y}"
    if isinstance(value, dt.date):
        return f"{value:%d.%m.%Y}"
    text = clean(value)
    return text if len(text) <= MAX_TEXT else text[: MAX_TEXT - 1] + "…"


def header_column(rows: list[list[object]], column: str, above: int | None) -> int | None:
    """The column whose header (in the first rows, above the problem's row) reads ``column``; a
    header made of two rows (a month over a week) matches on its last part too."""
    wanted = header_key(column)
    if not wanted:
        return None
    last = min(len(rows), HEADER_SEARCH_ROWS, (above - 1) if above else HEADER_SEARCH_ROWS)
    exact, partial = None, None
    for row in rows[:last]:
        for index, value in enumerate(row):
            key = header_key(cell_text(value))
            if not key:
                continue
            if key == wanted and exact is None:
                exact = index
            elif partial is None and wanted.endswith(" " + key):
                partial = index
    return exact if exact is not None else partial


def sheet_window(
    book: Workbook, sheet: str, row: int | None, column: str | None, around_rows: int = 7, around_columns: int = 5
) -> SheetWindow:
    """The part of ``sheet`` around the problem's row and column (its header text, as ``Problem.column``
    holds it); the top of the sheet when the problem names no row."""
    values = book.rows(sheet, probe=True)
    width = max((len(r) for r in values), default=0)
    index = header_column(values, column, row) if column else None
    target = (row, index) if row is not None and index is not None else None
    centre_row = row or 1
    first_row = max(1, centre_row - around_rows)
    last_row = min(max(len(values), centre_row), centre_row + around_rows)
    centre_column = index if index is not None else 0
    first_column = max(0, centre_column - around_columns)
    last_column = min(max(width - 1, centre_column), first_column + 2 * around_columns)
    hidden_rows, hidden_columns = (frozenset(lines) for lines in book.hidden_lines(sheet))
    merges = _merges(book, sheet)
    shown_rows = tuple(range(first_row, last_row + 1))
    shown_columns = tuple(range(first_column, last_column + 1))
    cells = tuple(
        tuple(
            _cell(values, r, c, merges, hidden_rows, hidden_columns, shown_rows, shown_columns) for c in shown_columns
        )
        for r in shown_rows
    )
    return SheetWindow(sheet, shown_rows, shown_columns, cells, target, hidden_rows, hidden_columns)


def _merges(book: Workbook, sheet: str) -> dict[tuple[int, int], tuple[int, int, int, int]]:
    """(row, column) of every merged cell → its merge (first row, first column, last row, last column),
    rows 1-based as the window counts them."""
    found = {}
    for r0, c0, r1, c1 in book.merged_ranges(sheet):
        if (r1 - r0 + 1) * (c1 - c0 + 1) > 10_000:  # a whole-column merge: mark only what a window can show
            r1 = min(r1, r0 + 200)
        for r in range(r0, r1 + 1):
            for c in range(c0, c1 + 1):
                found[(r + 1, c)] = (r0 + 1, c0, r1 + 1, c1)
    return found


def _cell(values, r, c, merges, hidden_rows, hidden_columns, shown_rows, shown_columns) -> PreviewCell:
    value = values[r - 1][c] if r - 1 < len(values) and c < len(values[r - 1]) else ""
    hidden = r in hidden_rows or c in hidden_columns
    merge = merges.get((r, c))
    if merge is None:
        return PreviewCell(cell_text(value), r, c, hidden=hidden)
    top, left, bottom, right = merge
    first_r, first_c = max(top, shown_rows[0]), max(left, shown_columns[0])  # a merge cut by the window's edge
    if (r, c) != (first_r, first_c):
        return PreviewCell("", r, c, covered=True, hidden=hidden)
    head = values[top - 1][left] if top - 1 < len(values) and left < len(values[top - 1]) else value
    rows = min(bottom, shown_rows[-1]) - r + 1
    columns = min(right, shown_columns[-1]) - c + 1
    return PreviewCell(cell_text(head), r, c, rows, columns, hidden=hidden)


def open_input(files: dict[str, Path], name: str) -> Workbook | None:
    """The input workbook ``name`` as the inputs folder lists it (``load.input_files``): a name not on
    that list is never opened, whatever it says (``../../etc/passwd``)."""
    from .limits import read_regular
    from .workbook import TABLE_SUFFIXES, WorkbookUnreadable, open_workbook

    path = files.get(name)
    if path is None or path.suffix.lower() not in TABLE_SUFFIXES:
        return None
    try:
        return open_workbook(read_regular(path, 1 << 30), name)
    except (OSError, WorkbookUnreadable):
        return None


def problem_cells(files: dict[str, Path], problems) -> tuple[str, ...]:
    """Each problem's cell address («E41»), or "" where it names no row, no column that a header
    holds, or no workbook; each workbook is opened once."""
    books: dict[str, Workbook | None] = {}
    headers: dict[tuple[str, str], list[list[object]]] = {}
    found = []
    for problem in problems:
        if problem.row is None or not problem.column or not problem.sheet:
            found.append("")
            continue
        if problem.file not in books:
            books[problem.file] = open_input(files, problem.file)
        book = books[problem.file]
        if book is None or problem.sheet not in book.sheet_names:
            found.append("")
            continue
        key = (problem.file, problem.sheet)
        if key not in headers:
            headers[key] = book.rows(problem.sheet, probe=True, limit=HEADER_SEARCH_ROWS)
        index = header_column(headers[key], problem.column, problem.row)
        found.append(f"{column_letters(index)}{problem.row}" if index is not None else "")
    return tuple(found)
