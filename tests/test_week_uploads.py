"""A school that keeps a file per week hands this week's over beside last week's (issue 30, point 7, on
the page): the second week's workbook moves the first into monitoring/, each named by its week, and the
folder reads as one school's weeks — never one week silently replacing the other."""

from __future__ import annotations

import io

from openpyxl import Workbook

from reporting import build_package, check
from reporting.api import place_upload

from .builders import ROSTER, ROSTER_HEADERS, WEEKLY, make_inputs
from .test_period_files import BY_HAND, weeks_of


def week_workbook(title: str, column: int) -> bytes:
    """A weekly export: «Период: …» over «ФИО | Сообщений», the roster beside it."""
    book = Workbook()
    book.active.title = "Сотрудники"
    for row in [ROSTER_HEADERS, *ROSTER]:
        book["Сотрудники"].append(row)
    sheet = book.create_sheet("Мониторинг")
    for row in [[title], [], ["ФИО", "Сообщений"], *[[r[0], r[column]] for r in WEEKLY[:-1]]]:
        sheet.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


FIRST = week_workbook("Период: 06.11.2023–12.11.2023", 2)
SECOND = week_workbook("Период: 13.11.2023–19.11.2023", 3)


def empty_inputs(tmp_path):
    folder = make_inputs(tmp_path / "in")
    (folder / "monitoring.xlsx").unlink()
    return folder


def test_the_second_weeks_workbook_joins_the_first_in_the_folder_and_the_weeks_read(tmp_path):
    inputs, outputs = empty_inputs(tmp_path), tmp_path / "out"
    assert place_upload(inputs, outputs, "Отчёт Сферум (1).xlsx", FIRST).name == "monitoring.xlsx"
    placed = place_upload(inputs, outputs, "Отчёт Сферум (2).xlsx", SECOND)
    assert (placed.name, placed.aside) == ("monitoring/2023-11-13.xlsx", "")
    assert sorted(p.name for p in (inputs / "monitoring").iterdir()) == ["2023-11-06.xlsx", "2023-11-13.xlsx"]
    assert not (inputs / "monitoring.xlsx").exists()
    assert (inputs / "monitoring" / "2023-11-06.xlsx").read_bytes() == FIRST  # moved as it was, not rewritten
    report = check(inputs)
    assert report.valid, report.problems
    result = build_package(2, inputs, outputs, data_only=True, interim=True)
    for category, expected in BY_HAND.items():
        assert weeks_of(result, category) == expected


def test_a_weeks_workbook_again_replaces_that_week_only_and_keeps_the_old_aside(tmp_path):
    inputs, outputs = empty_inputs(tmp_path), tmp_path / "out"
    place_upload(inputs, outputs, "Отчёт Сферум (1).xlsx", FIRST)
    place_upload(inputs, outputs, "Отчёт Сферум (2).xlsx", SECOND)
    corrected = week_workbook("Период: 13.11.2023–19.11.2023", 4)  # the week's figures typed again
    placed = place_upload(inputs, outputs, "Отчёт Сферум (2) исправленный.xlsx", corrected)
    assert placed.name == "monitoring/2023-11-13.xlsx" and placed.aside.startswith("replaced-inputs/")
    assert (outputs / placed.aside).read_bytes() == SECOND
    assert (inputs / "monitoring" / "2023-11-06.xlsx").read_bytes() == FIRST


def test_a_workbook_of_no_period_replaces_as_before(tmp_path):
    inputs, outputs = empty_inputs(tmp_path), tmp_path / "out"
    place_upload(inputs, outputs, "Отчёт Сферум (1).xlsx", FIRST)
    whole = week_workbook("Мониторинг за четверть", 2)
    placed = place_upload(inputs, outputs, "Мониторинг.xlsx", whole)
    assert placed.name == "monitoring.xlsx" and placed.aside
    assert not (inputs / "monitoring").exists()


def test_the_same_weeks_workbook_twice_stays_one_file(tmp_path):
    inputs, outputs = empty_inputs(tmp_path), tmp_path / "out"
    place_upload(inputs, outputs, "Отчёт (1).xlsx", FIRST)
    assert place_upload(inputs, outputs, "Отчёт (1) ещё раз.xlsx", FIRST).name == "monitoring.xlsx"
    assert not (inputs / "monitoring").exists()
