"""Behaviours that had no test: each against a hand-computed expectation (data in tests/builders.py)."""

from __future__ import annotations

import datetime as dt

from openpyxl import load_workbook

from reporting import build_package, check

from .builders import (
    ROADMAP_HEADERS,
    ROADMAP_ROWS,
    ROSTER,
    ROSTER_HEADERS,
    SCHOOL_TOML,
    WEEKLY,
    WEEKS,
    make_inputs,
    wide_rows,
)


def teachers_weeks(result) -> list[tuple]:
    series = next(r for r in result.model.indicators if r.category == "teachers").series
    return [(w.week, w.counted, w.active) for w in series.weeks]


def test_an_absence_ended_by_otsutstvuet_po_counts_the_person_again(tmp_path):
    roster = [ROSTER_HEADERS, *[list(r) for r in ROSTER]]
    roster[4][7] = dt.date(2023, 11, 19)  # Орлова: absent 13.11–19.11 only
    result = build_package(2, make_inputs(tmp_path / "in", roster=roster), tmp_path / "out", data_only=True)
    # 20.11: Иванова 0 (empty), Семёнова 25, Петров 10, Орлова «-» (0) → 2 of 4; Зайцев left on 13.11.
    # 25.12: Иванова 10, Семёнова 10, Петров 10, Орлова empty (0) → 3 of 4.
    assert teachers_weeks(result) == [
        (dt.date(2023, 11, 6), 4, 2),
        (dt.date(2023, 11, 13), 4, 3),  # Орлова absent that week: not counted
        (dt.date(2023, 11, 20), 4, 2),
        (dt.date(2023, 12, 25), 4, 3),
    ]


def test_department_figures_in_data_xlsx(tmp_path):
    result = build_package(2, make_inputs(tmp_path / "in"), tmp_path / "out", data_only=True)
    sheet = load_workbook(result.folder / "data.xlsx")["По подразделениям"]
    rows = {(r[0], r[1], r[2]): r[3:] for r in sheet.iter_rows(min_row=2, values_only=True)}
    # 06.11: Начальная школа — Иванова 12, Орлова 10 → 2 of 2; Основная — Семёнова 9, Зайцев 0 → 0 of 2
    # (Петров hired on 08.11). 25.12: Начальная — Иванова 10 (Орлова absent) → 1 of 1; Основная — 2 of 2.
    # 13.11: Основная — Семёнова 10, Петров 11, Зайцев 3 (counted on the Monday he left) → 2 of 3.
    label, nov6, nov13, dec25 = (
        "Педагогические работники",
        dt.datetime(2023, 11, 6),
        dt.datetime(2023, 11, 13),
        dt.datetime(2023, 12, 25),
    )
    assert rows[(label, "Начальная школа", nov6)] == (2, 2, 100)
    assert rows[(label, "Основная школа", nov6)] == (2, 0, 0)
    assert rows[(label, "Основная школа", nov13)] == (3, 2, 66.67)
    assert rows[(label, "Начальная школа", dec25)] == (1, 1, 100)
    assert rows[(label, "Основная школа", dec25)] == (2, 2, 100)


def test_evidence_is_listed_only_inside_the_period(tmp_path):
    evidence = [
        ["№ мероприятия", "Дата", "Описание"],
        ["4", dt.date(2023, 10, 10), "Консультация в 1 четверти"],
        ["4", dt.date(2023, 11, 20), "Консультация для учителей начальной школы"],
        ["4", dt.date(2023, 12, 1), "Консультация для новых сотрудников"],
        ["4", dt.date(2024, 1, 15), "Консультация после даты статуса"],
    ]
    roadmap = {"Дорожная карта": [ROADMAP_HEADERS, *ROADMAP_ROWS], "Исполнение": evidence}
    result = build_package(2, make_inputs(tmp_path / "in", roadmap=roadmap), tmp_path / "out", data_only=True)
    fourth = next(a for a in result.model.activities if a.number == "4")
    # Q2 runs from the week of 06.11 to the status date 07.01.2024.
    assert [(e.date, e.text) for e in fourth.evidence] == [
        (dt.date(2023, 11, 20), "Консультация для учителей начальной школы"),
        (dt.date(2023, 12, 1), "Консультация для новых сотрудников"),
    ]


def test_a_short_name_that_fits_two_people_names_both(tmp_path):
    roster = [ROSTER_HEADERS, *[list(r) for r in ROSTER]]
    roster.append(["Иванова Анна Павловна", 7, "педагогический работник", "Основная школа", None, None, None, None])
    weekly = [["Иванова А.П.", *WEEKLY[0][1:]] if r[0].startswith("иванова") else r for r in WEEKLY]
    report = check(make_inputs(tmp_path / "in", roster=roster, weekly=wide_rows(weekly=weekly)))
    [problem] = report.problems
    assert (problem.kind, problem.sheet, problem.row, problem.column) == ("ambiguous_person", "Мониторинг", 4, "ФИО")
    assert "Иванова Анна Петровна" in problem.describe() and "Иванова Анна Павловна" in problem.describe()


def test_an_internal_error_exits_70_and_writes_nothing(inputs, run_cli, monkeypatch):
    import reporting.pipeline

    def broken(*args, **kwargs):
        raise ZeroDivisionError("division by zero")

    monkeypatch.setattr(reporting.pipeline, "build_model", broken)
    run = run_cli(inputs, 2)
    assert run.exit_code == 70
    assert "Внутренняя ошибка программы: ZeroDivisionError" in run.output and "Traceback" not in run.output
    assert not run.outputs.exists() or not any(run.outputs.rglob("*"))


def test_another_school_year_end_to_end(tmp_path):
    """2025/26: weeks without a year, the year's own default indicators, folders named by the year."""
    school = SCHOOL_TOML.replace("2023/2024", "2025/2026").replace('"2023-', '"2025-').replace('"2024-', '"2026-')
    # The builders' weeks and dates moved to the same weekdays of 2025 (three days earlier).
    weeks = ["20.10.2025", "03.11.2025", "10.11.2025–16.11.2025", dt.date(2025, 11, 19), "24.11.2025", "22.12.2025"]
    assert len(weeks) == len(WEEKS)
    moved = {dt.date(2023, 11, 8): dt.date(2025, 11, 5), dt.date(2023, 11, 13): dt.date(2025, 11, 10)}
    roster = [ROSTER_HEADERS, *[[*r[:4], *[moved.get(d, d) for d in r[4:]]] for r in ROSTER]]
    folder = make_inputs(tmp_path / "in", school=school, roster=roster, weekly=wide_rows(weeks=weeks))
    # its monitoring ends with the week of 22.12.2025, the quarter on 29.12.2025: an interim report
    result = build_package(2, folder, tmp_path / "out", data_only=True, interim=True)
    assert result.folder == tmp_path / "out" / "2025-2026" / "Q2"
    teachers = next(r for r in result.model.indicators if r.category == "teachers")
    assert teachers.indicator.deadline == dt.date(2025, 12, 30)
    # The same people on the same weekdays of 2025: Mondays 03.11, 10.11, 17.11 (header 19.11), 22.12.
    assert [(w.week, w.counted, w.active) for w in teachers.series.weeks] == [
        (dt.date(2025, 11, 3), 4, 2),
        (dt.date(2025, 11, 10), 4, 3),
        (dt.date(2025, 11, 17), 3, 2),
        (dt.date(2025, 12, 22), 3, 3),
    ]


def test_week_labels_whose_first_day_borrows_its_month_read_as_the_full_ones(tmp_path):
    """Issue 30, point 2: «15–19.12», «с 6 по 12.11», «05–07.11.2025» were refused."""
    weeks = ["23–29.10", "с 6 по 12.11", "13–19.11.2023", "20–26.11", "27.11–03.12", "25–31.12"]
    expected = build_package(2, make_inputs(tmp_path / "one"), tmp_path / "one-out", data_only=True)
    folder = make_inputs(tmp_path / "in", weekly=wide_rows(weeks=weeks))
    report = check(folder)
    assert report.valid, report.problems
    [note] = [n for n in report.reading if "прочитаны с месяцем второго дня" in n.message]
    assert "«23–29.10» — 23.10.2023–29.10.2023" in note.message
    result = build_package(2, folder, tmp_path / "out", data_only=True)
    assert teachers_weeks(result) == teachers_weeks(expected)


def test_a_first_day_above_the_second_is_in_the_month_before():
    from reporting.read.weeks import read_week_label

    assert read_week_label("30–5.11", (2023, 2024)) == (dt.date(2023, 10, 30), dt.date(2023, 11, 5))
    assert read_week_label("25–31.12", (2023, 2024)) == (dt.date(2023, 12, 25), dt.date(2023, 12, 31))


def test_rows_dated_by_day_under_a_week_column_add_up_into_their_week(tmp_path):
    """Issue 30, point 11: a «Неделя» column holding each day's date gave a «повтор» per day."""
    rows = [["Неделя", "ФИО", "Сообщений"]]
    for name, per_day in [("Иванова Анна Петровна", 2), ("Семёнова Юлия", 3), ("Петров Илья", 1),
                          ("Гайдуков Андрей Николаевич", 2)]:  # fmt: skip
        rows += [[dt.date(2023, 12, 25) + dt.timedelta(days=d), name, per_day] for d in range(5)]
    folder = make_inputs(tmp_path / "in", weekly=rows)
    report = check(folder)
    assert report.valid, report.problems
    assert any("даты дней, а не недели" in n.message for n in report.reading)
    result = build_package(2, folder, tmp_path / "out", data_only=True)
    # 25.12: Иванова 10, Семёнова 15, Петров 5 of 3 counted teachers (Орлова away, Зайцев left) → 2 of 3
    assert teachers_weeks(result) == [(dt.date(2023, 12, 25), 3, 2)]
