"""A week label without its year takes it from the school year — unless the sheet's own title names
another year (issue 30, point 1: «a year from the title or the school year»). Then the two readings
disagree, and the program refuses, naming both; the hint, followed, gives the figures.

By hand (builders' WEEKLY, school year 2023/2024): the labels «06.11–12.11», «13.11–19.11» read as
2023, so the teachers are 4 of 2 and 4 of 3 active; the title «… 2023/2024 учебный год» agrees."""

from __future__ import annotations

import datetime as dt

from reporting import build_package, check

from .builders import WEEKLY, make_inputs, wide_rows

LABELS = ["06.11–12.11", "13.11–19.11"]


def sheet(title: str) -> list[list]:
    rows = wide_rows(weeks=LABELS, weekly=[[r[0], r[2], r[3]] for r in WEEKLY])
    rows[0] = [title]
    return rows


def teachers(result) -> list[tuple]:
    series = next(r for r in result.model.indicators if r.category == "teachers").series
    return [(w.week, w.counted, w.active) for w in series.weeks]


def test_a_title_naming_the_school_year_reads_as_the_school_year(tmp_path):
    folder = make_inputs(tmp_path / "in", weekly=sheet("Мониторинг за 2023/2024 учебный год"))
    result = build_package(2, folder, tmp_path / "out", data_only=True, interim=True)
    assert teachers(result) == [(dt.date(2023, 11, 6), 4, 2), (dt.date(2023, 11, 13), 4, 3)]


def test_a_title_naming_another_year_is_refused_with_both_readings_and_the_hint_gives_the_figures(tmp_path):
    folder = make_inputs(tmp_path / "in", weekly=sheet("Мониторинг за 2025/2026 учебный год"))
    report = check(folder)
    [problem] = report.problems
    assert (problem.kind, problem.sheet, problem.row, problem.column) == ("bad_date", "Мониторинг", 3, "06.11–12.11")
    assert "в заголовке листа — 2025, 2026, не 2023/2024 учебный год из school.toml" in problem.message
    assert "Если лист за 2023/2024 учебный год — поправьте год в заголовке листа" in problem.hint
    fixed = make_inputs(tmp_path / "fixed", weekly=sheet("Мониторинг за 2023/2024 учебный год"))  # the hint
    result = build_package(2, fixed, tmp_path / "out", data_only=True, interim=True)
    assert teachers(result) == [(dt.date(2023, 11, 6), 4, 2), (dt.date(2023, 11, 13), 4, 3)]


def test_labels_with_their_year_are_read_whatever_the_title_says(tmp_path):
    """«06.11.2023–12.11.2023» carries its year: a stale title («форма 2021 года») decides nothing."""
    rows = wide_rows(weeks=["06.11.2023–12.11.2023", "13.11.2023–19.11.2023"],
                     weekly=[[r[0], r[2], r[3]] for r in WEEKLY])  # fmt: skip
    rows[0] = ["Мониторинг (форма 2021 года)"]
    folder = make_inputs(tmp_path / "in", weekly=rows)
    result = build_package(2, folder, tmp_path / "out", data_only=True, interim=True)
    assert teachers(result) == [(dt.date(2023, 11, 6), 4, 2), (dt.date(2023, 11, 13), 4, 3)]


def test_a_schools_number_in_the_title_is_no_year(tmp_path):
    folder = make_inputs(tmp_path / "in", weekly=sheet("Мониторинг МАОУ СОШ № 2025"))
    assert check(folder).valid
