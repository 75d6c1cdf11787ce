"""A folder of monitoring workbooks named by weeks or months is one school's periods, joined by weeks —
never a district of organisations named «2023-11-06» (issue 30, point 7)."""

from __future__ import annotations

import datetime as dt

import pytest

from reporting import build_package, check

from .builders import ROSTER, ROSTER_HEADERS, WEEKLY, WEEKS, make_inputs, wide_rows, write_xlsx

COLUMNS = [1, 2, 3, 5]  # 06.11, 13.11, 20.11 (header 22.11), 25.12 in builders.WEEKS


def period_folder(tmp_path, names: list[str], drop: tuple[str, int] | None = None):
    folder = make_inputs(tmp_path / "in")
    (folder / "monitoring.xlsx").unlink()
    (folder / "monitoring").mkdir()

    def dropped(name: str, j: int) -> bool:
        return bool(drop) and drop[1] == j and name.casefold().replace("ё", "е").startswith(drop[0])

    for name, j in zip(names, COLUMNS, strict=True):
        weekly = [[r[0], r[j + 1]] for r in WEEKLY if not dropped(r[0], j)]
        roster = [r for r in ROSTER if not dropped(r[0], j)]
        write_xlsx(
            folder / "monitoring" / f"{name}.xlsx",
            {"Сотрудники": [ROSTER_HEADERS, *roster], "Мониторинг": wide_rows(weeks=[WEEKS[j]], weekly=weekly)},
        )
    return folder


def weeks_of(result, category: str) -> list[tuple]:
    series = next(r for r in result.model.indicators if r.category == category).series
    return [(w.week, w.counted, w.active) for w in series.weeks]


def one_workbook(tmp_path):
    return build_package(2, make_inputs(tmp_path / "one"), tmp_path / "one-out", data_only=True)


@pytest.mark.parametrize(
    "names",
    [
        ["2023-11-06", "2023-11-13", "2023-11-20", "2023-12-25"],
        ["06.11.2023", "13.11–19.11", "Неделя 20.11.2023", "25.12.2023"],
    ],
)
def test_files_named_by_weeks_are_one_schools_weeks(tmp_path, names):
    folder = period_folder(tmp_path, names)
    report = check(folder)
    assert report.valid, report.problems
    assert any("файлы папки — периоды одной организации" in n.message for n in report.reading)
    result = build_package(2, folder, tmp_path / "out", data_only=True)
    assert result.model.monitoring.organizations == ("",)  # no organisation named after a date
    expected = one_workbook(tmp_path)
    for category in ("teachers", "administration"):
        assert weeks_of(result, category) == weeks_of(expected, category)


def test_a_person_missing_from_one_weeks_list_is_not_counted_that_week_and_is_named(tmp_path):
    folder = period_folder(tmp_path, ["2023-11-06", "2023-11-13", "2023-11-20", "2023-12-25"], ("семенова", 3))
    report = check(folder)
    assert report.valid, report.problems
    [note] = [n for n in report.reading if "в списке этого файла нет" in n.message]
    assert note.file == "monitoring/2023-11-20.xlsx" and "«Семёнова Юлия»" in note.message
    result = build_package(2, folder, tmp_path / "out", data_only=True)
    # 20.11 in the one workbook: Иванова 0, Семёнова 25, Петров 10 → 2 of 3; without Семёнова: 1 of 2
    assert weeks_of(result, "teachers")[2] == (dt.date(2023, 11, 20), 2, 1)


def test_files_named_by_organisations_stay_a_district(tmp_path):
    folder = make_inputs(tmp_path / "in")
    (folder / "monitoring.xlsx").unlink()
    (folder / "monitoring").mkdir()
    for name in ("school-24", "garden-5"):
        write_xlsx(folder / "monitoring" / f"{name}.xlsx", {"Сотрудники": [ROSTER_HEADERS, *ROSTER],
                                                             "Мониторинг": wide_rows()})  # fmt: skip
    result = build_package(2, folder, tmp_path / "out", data_only=True, each_organization=False)
    assert result.model.monitoring.organizations == ("garden-5", "school-24")
