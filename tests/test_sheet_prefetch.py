"""Sheets parsed in the background (issue 22): each only after its own XML, and every part that is
not a sheet, has passed the checks; a parse in the background gives the same rows as one in line."""

from __future__ import annotations

import io
import zipfile

import pytest
import python_calamine

from reporting.read import workbook as workbook_module
from reporting.read.workbook import WorkbookUnreadable, open_workbook

from .builders import make_inputs
from .test_hostile_inputs import rewrite_zip


@pytest.fixture
def started(monkeypatch):
    """The sheets handed to the background parser, in order."""
    from reporting.read import parts

    monkeypatch.setattr(parts, "PREFETCH_FROM", 0)  # the test's sheets are small: every one in the background
    names: list[str] = []
    real = workbook_module._Parser.start

    def start(self, sheet, *rest):
        names.append(sheet)
        real(self, sheet, *rest)

    monkeypatch.setattr(workbook_module._Parser, "start", start)
    return names


def _dtd(part):
    def change(name, data):
        return b'<!DOCTYPE x [<!ENTITY a "b">]>' + data if name == part else data

    return change


def test_a_dtd_in_a_part_that_is_no_sheet_stops_every_parse(tmp_path, started):
    path = make_inputs(tmp_path / "in") / "monitoring.xlsx"
    rewrite_zip(path, _dtd("xl/styles.xml"))
    with pytest.raises(WorkbookUnreadable, match="styles.xml содержит DTD"):
        open_workbook(path.read_bytes(), path.name)
    assert started == []


def test_a_sheet_with_a_dtd_is_never_parsed(tmp_path, started):
    path = make_inputs(tmp_path / "in") / "monitoring.xlsx"
    rewrite_zip(path, _dtd("xl/worksheets/sheet2.xml"))  # «Мониторинг»
    with pytest.raises(WorkbookUnreadable, match="sheet2.xml содержит DTD"):
        open_workbook(path.read_bytes(), path.name)
    assert "Мониторинг" not in started


def test_the_smaller_sheet_starts_first_and_reads_as_in_line(tmp_path, started):
    path = make_inputs(tmp_path / "in") / "monitoring.xlsx"
    data = path.read_bytes()
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        sizes = {sheet: archive.getinfo(f"xl/worksheets/sheet{n}.xml").file_size
                 for n, sheet in enumerate(("Сотрудники", "Мониторинг"), start=1)}  # fmt: skip
    book = open_workbook(data, path.name)
    # the roster is smaller and read first: its parse is done while the weekly sheet is checked
    assert started == sorted(sizes, key=sizes.get)
    in_line = python_calamine.CalamineWorkbook.from_filelike(io.BytesIO(data))
    for sheet in ("Сотрудники", "Мониторинг"):
        assert book.rows(sheet) == in_line.get_sheet_by_name(sheet).to_python(skip_empty_area=False)
    assert book.rows("Мониторинг") == in_line.get_sheet_by_name("Мониторинг").to_python(skip_empty_area=False)


def test_small_sheets_are_parsed_when_read_not_in_the_background(tmp_path, monkeypatch):
    names: list[str] = []
    monkeypatch.setattr(workbook_module._Parser, "start", lambda self, sheet, *rest: names.append(sheet))
    path = make_inputs(tmp_path / "in") / "monitoring.xlsx"
    book = open_workbook(path.read_bytes(), path.name)
    assert names == [] and book.rows("Сотрудники")[0][0] == "ФИО"  # a district's 2 000 returns: no threads
