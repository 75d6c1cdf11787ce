"""A column per day (issue 30, points 1 and 2): a month merged over day numbers, or a row of day dates.
The days add up into their Monday-to-Sunday weeks, named in the reading report — never refused as a
week twice, never printed as platforms.

By hand (builders' roster): 20.11–03.12, every day Иванова, Петров and Орлова write 2 (14 a week), the
others 1 (7 a week); the threshold is 10. Week 20.11: teachers counted Иванова, Семёнова, Петров
(Орлова away from 13.11, Зайцев gone 13.11) — active Иванова and Петров, 2 of 3; administration
Гайдуков 7 — 0 of 1. Week 27.11 the same."""

from __future__ import annotations

import datetime as dt
import json

import openpyxl
import pytest

from .builders import ROSTER, ROSTER_HEADERS, make_inputs

EXPECTED = {
    "teachers": [("2023-11-20", 3, 2), ("2023-11-27", 3, 2)],
    "administration": [("2023-11-20", 1, 0), ("2023-11-27", 1, 0)],
}
DAYS = [dt.date(2023, 11, d) for d in range(20, 31)] + [dt.date(2023, 12, d) for d in range(1, 4)]


def _per_day(index: int) -> int:
    return 2 if index % 2 == 0 else 1


def _workbook(folder, header_rows, first_column=2):
    book = openpyxl.Workbook()
    roster = book.active
    roster.title = "Сотрудники"
    for row in [ROSTER_HEADERS, *ROSTER]:
        roster.append(row)
    sheet = book.create_sheet("Мониторинг")
    sheet.cell(1, 1, "ФИО")
    header_rows(sheet)
    top = sheet.max_row + 1
    for j, person in enumerate(ROSTER):
        sheet.cell(top + j, 1, person[0])
        for i in range(len(DAYS)):
            sheet.cell(top + j, first_column + i, _per_day(j))
    book.save(folder / "monitoring.xlsx")
    return folder


def month_over_days(year: bool = True, as_text: bool = False):
    def header(sheet):
        november, december = ("Ноябрь 2023", "Декабрь 2023") if year else ("ноябрь", "ДЕКАБРЬ")
        sheet.cell(1, 2, november)
        sheet.merge_cells(start_row=1, start_column=2, end_row=1, end_column=12)
        sheet.cell(1, 13, december)
        sheet.merge_cells(start_row=1, start_column=13, end_row=1, end_column=15)
        for i, day in enumerate(DAYS):
            sheet.cell(2, 2 + i, f"{day.day:02d}" if as_text else day.day)

    return header


def day_dates(sheet):
    for i, day in enumerate(DAYS):
        sheet.cell(1, 2 + i, f"{day:%d.%m.%Y}")


def figures(run) -> dict:
    summary = json.loads((run.package / "summary.json").read_text(encoding="utf-8"))
    return {i["category"]: [(w["week"], w["counted"], w["active"]) for w in i["weeks"]] for i in summary["indicators"]}


@pytest.mark.parametrize(
    "header",
    [month_over_days(), month_over_days(year=False, as_text=True), day_dates],
    ids=["month-2023-over-day-numbers", "bare-month-over-typed-days", "a-row-of-day-dates"],
)
def test_days_add_up_into_their_weeks(tmp_path, run_cli, header):
    folder = _workbook(make_inputs(tmp_path / "in"), header)
    run = run_cli(folder, 2, "--data-only", "--interim")  # the sheet ends on 03.12: an interim report
    assert run.exit_code == 0, run.output
    assert figures(run) == EXPECTED
    reading = (run.package / "reading.txt").read_text(encoding="utf-8")
    assert "столбцы — дни (20.11.2023–03.12.2023, 14): сообщения за дни сложены в их недели" in reading
    assert "платформ" not in reading


def test_a_week_with_fewer_days_is_named(tmp_path, run_cli):
    """Two days of the week of 04.12 added after the full weeks: they are added, and the report says that
    week holds fewer than five days."""
    global DAYS
    saved = DAYS
    DAYS = [*saved, dt.date(2023, 12, 4), dt.date(2023, 12, 5)]
    try:
        folder = _workbook(make_inputs(tmp_path / "in"), day_dates)
        run = run_cli(folder, 2, "--data-only", "--interim")
    finally:
        DAYS = saved
    assert run.exit_code == 0, run.output
    found = figures(run)
    assert found["teachers"][-1] == ("2023-12-04", 3, 0)  # 2 days: 4 messages at most, none at 10
    reading = (run.package / "reading.txt").read_text(encoding="utf-8")
    assert "в неделях с 04.12 меньше пяти дней" in reading


def test_one_date_per_week_is_still_a_week(tmp_path, run_cli):
    """A row of Fridays (one date in each week) is a row of weeks, as before: nothing is added."""
    from .builders import WEEKLY, wide_rows, write_xlsx

    fridays = ["10.11.2023", "17.11.2023", "24.11.2023", "01.12.2023", "08.12.2023", "29.12.2023"]
    folder = make_inputs(tmp_path / "in")
    write_xlsx(folder / "monitoring.xlsx", {"Сотрудники": [ROSTER_HEADERS, *ROSTER],
                                            "Мониторинг": wide_rows(fridays, WEEKLY)})  # fmt: skip
    run = run_cli(folder, 2, "--data-only")
    assert run.exit_code == 0, run.output
    assert "столбцы — дни" not in (run.package / "reading.txt").read_text(encoding="utf-8")
    assert [w[0] for w in figures(run)["teachers"]][:2] == ["2023-11-06", "2023-11-13"]
