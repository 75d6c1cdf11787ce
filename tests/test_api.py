"""The Python API: check() reports problems as data, build_package() and verify() return what they did."""

from __future__ import annotations

import datetime as dt

import pytest

from reporting import build_package, check, verify
from reporting.errors import InputError, PackageExists
from reporting.kinds import Kind

from .builders import (
    ROADMAP_HEADERS,
    ROADMAP_ROWS,
    ROSTER,
    ROSTER_HEADERS,
    WEEKLY,
    WEEKS,
    long_rows,
    make_inputs,
    wide_rows,
)
from .test_errors import replace_cell


def located(report) -> list[tuple]:
    return [(p.kind, p.file, p.sheet, p.row, p.column) for p in report.problems]


def test_check_of_good_inputs_is_valid_with_the_hand_computed_figures(inputs):
    report = check(inputs)
    assert report.valid and report.problems == () and report.more == 0
    assert report.status.last_week == dt.date(2023, 12, 25)
    teachers = next(r for r in report.model.indicators if r.category == "teachers")
    assert (teachers.series.end.counted, teachers.series.end.active) == (3, 3)
    assert any(n.sheet == "Мониторинг" and "строка заголовков — 3" in n.message for n in report.reading)


def _roster_with(row_index: int, column: int, value):
    roster = [ROSTER_HEADERS, *[list(r) for r in ROSTER]]
    roster[row_index][column] = value
    return roster


# Title rows 1-2 and the header in row 3 put the first person in row 4 of «Мониторинг»;
# weeks start in column C, so the third week (13.11–19.11.2023) is column E.
CASES = {
    "negative count": (
        {"weekly": wide_rows(weekly=replace_cell(WEEKLY, "Петров", 2, -3))},
        [(Kind.BAD_COUNT, "monitoring.xlsx", "Мониторинг", 6, "13.11.2023–19.11.2023")],
    ),
    "unknown category": (
        {"roster": _roster_with(3, 2, "охранник")},
        [(Kind.UNKNOWN_CATEGORY, "monitoring.xlsx", "Сотрудники", 4, "Категория")],
    ),
    "impossible date": (
        {"roster": _roster_with(1, 4, "31.02.2023")},
        [(Kind.BAD_DATE, "monitoring.xlsx", "Сотрудники", 2, "Дата приёма")],
    ),
    "unknown person": (
        {
            "weekly": wide_rows(
                weekly=[["Петрова Илья", *WEEKLY[2][1:]] if r[0] == "Петров Илья" else r for r in WEEKLY]
            )
        },
        [(Kind.UNKNOWN_PERSON, "monitoring.xlsx", "Мониторинг", 6, "ФИО")],
    ),
    "duplicate row": (
        {"weekly": [*long_rows(), ["06.11.2023", "Иванова Анна Петровна", 5]]},
        [(Kind.DUPLICATE_ROW, "monitoring.xlsx", "Мониторинг", len(long_rows()) + 1, "Сообщений")],
    ),
    "week of another year": (
        {"weekly": wide_rows(weeks=[*WEEKS[:4], "02.09.2024", WEEKS[5]])},
        [(Kind.WEEK_OUTSIDE_YEAR, "monitoring.xlsx", "Мониторинг", 3, "02.09.2024")],
    ),
    "unreadable deadline": (
        {
            "roadmap": {
                "Дорожная карта": [
                    ROADMAP_HEADERS,
                    *[[*r[:3], "когда-нибудь", *r[4:]] if r[0] == "3" else r for r in ROADMAP_ROWS],
                ]
            }
        },
        [(Kind.BAD_DEADLINE, "roadmap.xlsx", "Дорожная карта", 4, "Срок")],
    ),
}


@pytest.mark.parametrize("case", CASES, ids=list(CASES))
def test_check_reports_each_problem_as_located_data(tmp_path, case):
    changes, expected = CASES[case]
    report = check(make_inputs(tmp_path / "in", **changes))
    assert not report.valid and report.status is None
    assert located(report) == expected


def test_check_of_a_missing_folder_is_a_report_not_an_exception(tmp_path):
    report = check(tmp_path / "nowhere")
    [problem] = report.problems  # the folder itself, not each file in it
    assert (problem.kind, problem.file) == (Kind.MISSING_FILE, str((tmp_path / "nowhere").absolute()))


def test_build_package_and_verify(inputs, tmp_path):
    result = build_package(2, inputs, tmp_path / "out", data_only=True)
    assert result.state == "written"
    assert result.folder == tmp_path / "out" / "2023-2024" / "Q2"
    assert set(result.files) >= {"summary.json", "data.xlsx", "roadmap.xlsx", "manifest.json", "reading.txt"}
    found = verify(result.folder)
    assert found.intact and found.findings == ()
    (result.folder / "data.xlsx").write_bytes(b"changed")
    assert not verify(result.folder).intact
    again = make_inputs(tmp_path / "other", weekly=wide_rows(weekly=replace_cell(WEEKLY, "Петров", 2, 0)))
    with pytest.raises(PackageExists):
        build_package(2, again, tmp_path / "out", data_only=True)


def test_build_package_raises_every_problem_together(tmp_path):
    folder = make_inputs(
        tmp_path / "in",
        roster=_roster_with(3, 2, "охранник"),
        weekly=wide_rows(weekly=replace_cell(WEEKLY, "Зайцев", 2, -3)),
    )
    with pytest.raises(InputError) as caught:
        build_package(2, folder, tmp_path / "out", data_only=True)
    assert {p.kind for p in caught.value.problems} == {Kind.UNKNOWN_CATEGORY, Kind.BAD_COUNT}
    assert not (tmp_path / "out").exists()


def test_the_figures_as_dataframes(inputs, tmp_path):
    pytest.importorskip("pandas")
    from reporting import result_frames

    frames = result_frames(build_package(2, inputs, tmp_path / "out", data_only=True))
    weekly = frames["weekly"]
    teachers = weekly[weekly.category == "teachers"]
    assert list(zip(teachers.counted, teachers.active, strict=True)) == [(4, 2), (4, 3), (3, 2), (3, 3)]
    people = frames["people"]
    ivanova = people[people.name == "Иванова Анна Петровна"]
    assert list(ivanova.messages) == [12, 10, 0, 10]
    assert list(ivanova["mark"]) == ["не ниже порога", "не ниже порога", "ниже порога", "не ниже порога"]
    orlova = people[people.name == "Орлова Мария"]
    assert list(orlova.counted) == [True, False, False, False]  # absent from 13.11
    assert frames["ranking"].empty  # one organisation: no ranking
    report = check(inputs)
    assert report.weekly_frame().equals(weekly)  # check() computes the quarter of the last week: Q2
