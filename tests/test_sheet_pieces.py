"""A big sheet parsed in pieces (issue 22) gives exactly the rows one parse gives: dates, shared and
inline strings, gaps of empty rows, a first column left empty, a probe of the first rows; rows out
of order fall back to one parse; no piece's file or descriptor outlives its parse."""

from __future__ import annotations

import datetime as dt
import io
import os
import re
import time
import zipfile
from pathlib import Path

import pytest
import python_calamine
from openpyxl import Workbook

from reporting.read import parts, pieces, sheet_scan
from reporting.read.workbook import open_workbook

from .test_hostile_inputs import rewrite_zip


@pytest.fixture
def small_pieces(monkeypatch):
    """Every sheet in the background, cut every 20 KB of XML (a test's sheet is a few hundred KB)."""
    monkeypatch.setattr(parts, "PREFETCH_FROM", 0)
    monkeypatch.setattr(pieces, "PIECES_FROM", 0)
    monkeypatch.setattr(pieces, "PIECE_BYTES", 20_000)
    monkeypatch.setattr(sheet_scan, "WINDOW", 5_000)


def _workbook(path: Path) -> Path:
    book = Workbook()
    sheet = book.active
    sheet.title = "Мониторинг"
    sheet.append(["Табельный номер", "ФИО", "Дата", *(f"Неделя {n}" for n in range(1, 8))])
    for n in range(1, 3001):
        if n % 500 == 0:  # a gap of empty rows now and then
            sheet.append([])
            sheet.append([])
        name = f"Сотрудник {n % 97}"  # repeated: shared strings
        sheet.append([n, name, dt.datetime(2023, 9, 4) + dt.timedelta(days=n % 60), *((n * w) % 40 for w in range(7))])
    sheet["L7"] = "далеко справа"  # one cell to the right of all the others
    other = book.create_sheet("Пусто слева")
    for n in range(1, 2001):
        other.cell(n + 4, 3, f"строка {n}")  # from C5: empty rows above, empty columns to the left
        other.cell(n + 4, 4, n / 7)
    book.save(path)
    return path


def _shared_strings_workbook(path: Path) -> Path:
    """As Excel writes it: text in xl/sharedStrings.xml, dates with a number format in styles.xml."""
    import xlsxwriter

    book = xlsxwriter.Workbook(str(path))
    dates = book.add_format({"num_format": "dd.mm.yyyy"})
    sheet = book.add_worksheet("Мониторинг")
    sheet.write_row(0, 0, ["Табельный номер", "ФИО", "Дата", "Неделя 1"])
    for n in range(1, 3001):
        sheet.write_row(n, 0, [n, f"Сотрудник {n % 97}"])
        sheet.write_datetime(n, 2, dt.datetime(2023, 9, 4) + dt.timedelta(days=n % 60), dates)
        sheet.write_number(n, 3, n % 40)
    book.close()
    with zipfile.ZipFile(path) as archive:
        assert "xl/sharedStrings.xml" in archive.namelist()
    return path


def test_pieces_of_a_shared_strings_workbook_give_the_rows_of_one_parse(tmp_path, small_pieces):
    data = _shared_strings_workbook(tmp_path / "book.xlsx").read_bytes()
    book = open_workbook(data, "book.xlsx")
    assert len(book._parsed["Мониторинг"].futures) > 5
    rows = book.rows("Мониторинг")
    assert rows == _one_parse(data, "Мониторинг")
    assert rows[3000][1:3] == ["Сотрудник 90", dt.date(2023, 9, 4)]  # by hand: 3000 % 97 = 90, 3000 % 60 = 0


def _one_parse(data: bytes, sheet: str, nrows=None):
    book = python_calamine.CalamineWorkbook.from_filelike(io.BytesIO(data))
    return book.get_sheet_by_name(sheet).to_python(skip_empty_area=False, nrows=nrows)


@pytest.mark.parametrize("sheet", ["Мониторинг", "Пусто слева"])
def test_pieces_give_the_rows_of_one_parse(tmp_path, small_pieces, sheet):
    data = _workbook(tmp_path / "book.xlsx").read_bytes()
    book = open_workbook(data, "book.xlsx")
    pieced = book._parsed[sheet]
    assert isinstance(pieced, pieces.PiecedSheet) and len(pieced.futures) > 5  # really cut
    assert book.rows(sheet, probe=True, limit=30) == _one_parse(data, sheet, nrows=30)
    assert book.rows(sheet) == _one_parse(data, sheet)


def test_rows_out_of_order_are_read_as_one_parse_reads_them(tmp_path, small_pieces):
    path = _workbook(tmp_path / "book.xlsx")

    def row_2000_early(name, xml):
        if not name.endswith("sheet1.xml"):
            return xml
        late = re.search(rb'<row r="2000".*?</row>', xml, re.S).group(0)
        early = re.search(rb'<row r="10".*?</row>', xml, re.S).group(0)
        return xml.replace(late, b"").replace(early, early + late, 1)  # in the first piece, after row 10

    rewrite_zip(path, row_2000_early)
    data = path.read_bytes()
    book = open_workbook(data, path.name)
    assert isinstance(book._parsed["Мониторинг"], pieces.PiecedSheet)
    rows = book.rows("Мониторинг")
    assert rows == _one_parse(data, "Мониторинг")
    # row 2000 holds n = 1993 (three gaps of two empty rows before it), row 11 holds n = 10
    assert rows[1999][0] == 1993 and rows[10][0] == 10  # sorted back by row, as calamine sorts them


def test_no_piece_outlives_its_parse(tmp_path, small_pieces, monkeypatch):
    import tempfile

    folders: list[str] = []
    real_mkdtemp = tempfile.mkdtemp

    def recorded(*args, **kwargs):
        folders.append(real_mkdtemp(*args, **kwargs))
        return folders[-1]

    monkeypatch.setattr(pieces, "memfd_available", lambda: False)  # the folder every system has
    monkeypatch.setattr(pieces.tempfile, "mkdtemp", recorded)
    data = _workbook(tmp_path / "book.xlsx").read_bytes()
    book = open_workbook(data, "book.xlsx")
    book.rows("Мониторинг"), book.rows("Пусто слева")
    assert len(folders) == 2  # one per pieced sheet
    deadline = time.monotonic() + 5
    while any(os.path.exists(folder) for folder in folders) and time.monotonic() < deadline:
        time.sleep(0.01)  # the last piece's callback removes its sheet's folder
    assert not any(os.path.exists(folder) for folder in folders)


@pytest.mark.skipif(not os.path.isdir("/proc/self/fd") or not hasattr(os, "memfd_create"), reason="memfd: Linux")
def test_pieces_in_memory_close_every_descriptor(tmp_path, small_pieces):
    data = _workbook(tmp_path / "book.xlsx").read_bytes()
    before = len(os.listdir("/proc/self/fd"))
    book = open_workbook(data, "book.xlsx")
    book.rows("Мониторинг"), book.rows("Пусто слева")
    assert len(os.listdir("/proc/self/fd")) <= before


def test_a_small_sheet_is_never_cut(tmp_path, monkeypatch):
    monkeypatch.setattr(parts, "PREFETCH_FROM", 0)
    data = _workbook(tmp_path / "book.xlsx").read_bytes()
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        assert archive.getinfo("xl/worksheets/sheet1.xml").file_size < pieces.PIECES_FROM
    book = open_workbook(data, "book.xlsx")
    assert not isinstance(book._parsed["Мониторинг"], pieces.PiecedSheet)
    assert book.rows("Мониторинг") == _one_parse(data, "Мониторинг")


def _late_row(path: Path, row: bytes) -> bytes:
    def change(name, xml):
        return xml.replace(b"</sheetData>", row + b"</sheetData>") if name.endswith("sheet1.xml") else xml

    rewrite_zip(path, change)
    return path.read_bytes()


def test_a_late_window_that_fails_the_proof_drops_the_pieces_started(tmp_path, small_pieces):
    # the last row in another spelling, within bounds: walked, so read in one parse, as calamine reads it
    data = _late_row(_workbook(tmp_path / "book.xlsx"), b'<row r="3014"><c t="n" r="A3014"><v>7</v></c></row>')
    book = open_workbook(data, "book.xlsx")
    assert not isinstance(book._parsed["Мониторинг"], pieces.PiecedSheet)
    rows = book.rows("Мониторинг")
    assert rows == _one_parse(data, "Мониторинг") and rows[-1][0] == 7


def test_a_far_cell_in_the_last_window_refuses_the_book_though_pieces_began(tmp_path, small_pieces):
    from reporting.read.workbook import WorkbookUnreadable

    data = _late_row(_workbook(tmp_path / "book.xlsx"), b'<row r="1048576"><c t="n" r="XFD1048576"><v>1</v></c></row>')
    with pytest.raises(WorkbookUnreadable, match="XFD1048576"):
        open_workbook(data, "book.xlsx")


def test_pieces_find_the_shared_strings_whatever_the_case_of_their_name(tmp_path, small_pieces):
    # a writer that saved «xl/SharedStrings.xml» while its relationships say «sharedStrings.xml»
    # (calamine's own test file issue_419.xlsx): calamine finds it without regard to case, so must a piece
    path = _shared_strings_workbook(tmp_path / "book.xlsx")
    renamed = io.BytesIO()
    with zipfile.ZipFile(path) as source, zipfile.ZipFile(renamed, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            name = "xl/SharedStrings.xml" if info.filename == "xl/sharedStrings.xml" else info.filename
            target.writestr(name, source.read(info.filename))
    data = renamed.getvalue()
    book = open_workbook(data, "book.xlsx")
    assert isinstance(book._parsed["Мониторинг"], pieces.PiecedSheet)
    assert book.rows("Мониторинг") == _one_parse(data, "Мониторинг")
