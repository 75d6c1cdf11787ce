"""The sheet around a problem's cell (``api.preview``, ``api.problem_cells``): values as shown, merges
drawn once, hidden rows and columns marked, the cell found by its column's header."""

from __future__ import annotations

import datetime as dt

import openpyxl

from reporting import api
from reporting.errors import Problem

from .builders import make_inputs


def sheet_with_structure(path):
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Мониторинг"
    sheet.append(["ФИО", "Ноябрь", None, None, "Декабрь"])
    sheet.append([None, "06.11", "13.11", "20.11", "27.11"])
    sheet.append(["Иванова А.А.", 12, 3.0, dt.datetime(2023, 11, 20), "много"])
    sheet.append(["Петров Б.Б.", 1, 2, 3, 4])
    sheet.append(["Сидорова В.В.", True, 2, 3, 4])
    sheet.merge_cells("B1:D1")
    sheet.row_dimensions[4].hidden = True
    sheet.column_dimensions["C"].hidden = True
    book.save(path)


def test_the_window_marks_the_cell_merges_and_hidden_lines(tmp_path):
    folder = make_inputs(tmp_path / "inputs")
    sheet_with_structure(folder / "monitoring.xlsx")
    window = api.preview(folder, "monitoring.xlsx", "Мониторинг", 3, "27.11")
    assert window.target == (3, 4) and window.target_address == "E3"
    assert window.rows == (1, 2, 3, 4, 5) and window.columns[0] == 0
    first = {cell.address: cell for row in window.cells for cell in row}
    assert first["B1"].text == "Ноябрь" and (first["B1"].rows, first["B1"].columns) == (1, 3)
    assert first["C1"].covered and first["D1"].covered and not first["E1"].covered
    assert first["E3"].text == "много" and first["B3"].text == "12" and first["C3"].text == "3"
    assert first["D3"].text == "20.11.2023" and first["B5"].text == "ИСТИНА"
    assert first["A4"].hidden and first["C2"].hidden and not first["B2"].hidden
    assert window.hidden_rows == {4} and window.hidden_columns == {2}


def test_a_header_of_two_rows_is_found_by_its_last_part(tmp_path):
    folder = make_inputs(tmp_path / "inputs")
    sheet_with_structure(folder / "monitoring.xlsx")
    problems = [
        Problem("bad_count", "monitoring.xlsx", "x", sheet="Мониторинг", row=3, column="Ноябрь 13.11"),
        Problem("bad_count", "monitoring.xlsx", "x", sheet="Мониторинг", row=4, column="ФИО"),
        Problem("bad_count", "monitoring.xlsx", "x", sheet="Мониторинг", row=4, column="Нет такого"),
        Problem("bad_count", "monitoring.xlsx", "x", sheet="Мониторинг"),
        Problem("missing_file", "roadmap.xlsx", "x"),
    ]
    assert api.problem_cells(folder, problems) == ("C3", "A4", "", "", "")


def test_only_the_folders_own_inputs_open(tmp_path):
    folder = make_inputs(tmp_path / "inputs")
    outside = tmp_path / "secret.xlsx"
    sheet_with_structure(outside)
    assert api.preview(folder, "../secret.xlsx", "Мониторинг", 3, "ФИО") is None
    assert api.preview(folder, str(outside), "Мониторинг", 3, "ФИО") is None
    assert api.preview(folder, "school.toml", "Мониторинг", 1) is None
    assert api.preview(folder, "monitoring.xlsx", "Нет листа", 1) is None
    (folder / "roadmap.xlsx").unlink()
    (folder / "roadmap.xlsx").symlink_to(outside)
    assert api.preview(folder, "roadmap.xlsx", "Мониторинг", 3, "ФИО") is None


def test_a_window_far_down_a_long_sheet_shows_the_rows_around_the_cell(tmp_path):
    folder = make_inputs(tmp_path / "inputs")
    window = api.preview(folder, "monitoring.xlsx", "Сотрудники", 40, None)
    assert window is not None and window.target is None
    assert window.rows[0] == 33 and window.rows[-1] <= 47
