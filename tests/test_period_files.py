"""A folder of monitoring workbooks named by weeks or months is one school's periods, joined by weeks —
never a district of organisations named «2023-11-06» (issue 30, point 7)."""

from __future__ import annotations

import datetime as dt

import pytest
from openpyxl import load_workbook

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


def test_a_weeks_blank_file_is_a_week_without_monitoring_as_a_blank_column_is(tmp_path):
    """The 27.11 week is blank in builders' WEEKLY: as a file of its own it is said and left out, as its
    blank column is in the one workbook — never a refusal that asks to fill in a holiday."""
    folder = period_folder(tmp_path, ["2023-11-06", "2023-11-13", "2023-11-20", "2023-12-25"])
    weekly = [[r[0], r[5]] for r in WEEKLY]  # 27.11.2023: nothing entered
    write_xlsx(folder / "monitoring" / "2023-11-27.xlsx",
               {"Сотрудники": [ROSTER_HEADERS, *ROSTER], "Мониторинг": wide_rows(weeks=[WEEKS[4]], weekly=weekly)})  # fmt: skip
    report = check(folder)
    assert report.valid, report.problems
    assert any(n.file == "monitoring/2023-11-27.xlsx" and "нет ни одного числа сообщений" in n.message
               for n in report.reading)  # fmt: skip
    result = build_package(2, folder, tmp_path / "out", data_only=True)
    expected = one_workbook(tmp_path)
    for category in ("teachers", "administration"):
        assert weeks_of(result, category) == weeks_of(expected, category)


def test_a_category_sheet_with_no_number_in_its_week_counts_its_people_as_not_writing(tmp_path):
    """A sheet per category, one week (as a week's file holds it): the administration's sheet has only
    «—». By hand, 13.11: Гайдуков counted and not active (1, 0), as in the one sheet; the teachers
    Иванова 10, Семёнова «10», Петров 11, Орлова 30 (Зайцев left 13.11) — 4 of 4."""
    folder = make_inputs(tmp_path / "in")
    headers = ["ФИО", "Табельный номер", "13.11.2023–19.11.2023"]
    teachers = [[r[0], r[1], w[3]] for r, w in zip(ROSTER[:5], WEEKLY[:5], strict=True) if r[0] != "Зайцев Олег"]
    write_xlsx(folder / "monitoring.xlsx", {"Педагогические работники": [headers, *teachers],
                                            "Администрация": [headers, [ROSTER[5][0], 6, "—"]]})  # fmt: skip
    report = check(folder)
    assert report.valid, report.problems
    assert any("на листах «Администрация» нет ни одного числа" in n.message for n in report.reading)
    result = build_package(2, folder, tmp_path / "out", data_only=True, interim=True)
    assert weeks_of(result, "administration") == [(dt.date(2023, 11, 13), 1, 0)]
    assert weeks_of(result, "teachers") == [(dt.date(2023, 11, 13), 4, 4)]


def test_every_category_sheet_blank_is_still_an_empty_workbook(tmp_path):
    folder = make_inputs(tmp_path / "in")
    headers = ["ФИО", "Табельный номер", "13.11.2023–19.11.2023"]
    write_xlsx(folder / "monitoring.xlsx", {"Педагогические работники": [headers, [ROSTER[0][0], 1, None]],
                                            "Администрация": [headers, [ROSTER[5][0], 6, "—"]]})  # fmt: skip
    report = check(folder)
    assert {(p.kind, p.sheet) for p in report.problems} == {("empty_sheet", "Педагогические работники"),
                                                            ("empty_sheet", "Администрация")}  # fmt: skip


def test_a_single_week_turned_under_nedelya_is_read_turned(tmp_path):
    """«Неделя» over one week's row, the people across (a week's file, turned): read as the weeks-down
    sheet is. By hand, 06.11: teachers Иванова 12, Семёнова 9, Орлова 10, Зайцев 0 (Петров joined 08.11,
    counted from 13.11) — 2 of 4; Гайдуков 10 — 1 of 1."""
    folder = make_inputs(tmp_path / "in")
    names = [r[0] for r in ROSTER]
    write_xlsx(folder / "monitoring.xlsx", {"Сотрудники": [ROSTER_HEADERS, *ROSTER],
                                            "Мониторинг": [["Неделя", *names], ["06.11.2023", *(w[2] for w in WEEKLY[:6])]]})  # fmt: skip
    report = check(folder)
    assert report.valid, report.problems
    result = build_package(2, folder, tmp_path / "out", data_only=True, interim=True)
    assert weeks_of(result, "teachers") == [(dt.date(2023, 11, 6), 4, 2)]
    assert weeks_of(result, "administration") == [(dt.date(2023, 11, 6), 1, 1)]


def week_files(tmp_path, names_and_titles: list[tuple[str, list[list]]], columns=(1, 2)):
    """A workbook per week, «ФИО | Сообщений» only (as a weekly export comes), under ``title`` rows."""
    folder = make_inputs(tmp_path / "in")
    (folder / "monitoring.xlsx").unlink()
    (folder / "monitoring").mkdir(exist_ok=True)
    for (name, title), j in zip(names_and_titles, columns, strict=True):
        rows = [*title, ["ФИО", "Сообщений"], *[[r[0], r[j + 1]] for r in WEEKLY[:-1]]]
        write_xlsx(
            folder / "monitoring" / f"{name}.xlsx", {"Сотрудники": [ROSTER_HEADERS, *ROSTER], "Мониторинг": rows}
        )
    return folder


# By hand (builders' WEEKLY and ROSTER): 06.11 — teachers Иванова 12, Семёнова 9, Орлова 10, Зайцев 0 (Петров
# joined 08.11): 2 of 4; Гайдуков 10: 1 of 1. 13.11 — Иванова 10, Семёнова «10», Петров 11, Зайцев 3 (his last
# day 13.11; Орлова away from 13.11, not counted): 3 of 4; Гайдуков «—»: 0 of 1.
BY_HAND = {"teachers": [(dt.date(2023, 11, 6), 4, 2), (dt.date(2023, 11, 13), 4, 3)],
           "administration": [(dt.date(2023, 11, 6), 1, 1), (dt.date(2023, 11, 13), 1, 0)]}  # fmt: skip


def test_files_saying_their_week_in_a_period_line_are_one_schools_weeks(tmp_path):
    """Named anyhow («Отчёт Сферум (1)»), each with «Период: …» over «ФИО | Сообщений»: the week is
    the line's, for every row, and the files are one school's weeks (issue 30, point 7)."""
    folder = week_files(tmp_path, [("Отчёт Сферум (1)", [["Период: 06.11.2023–12.11.2023"], []]),
                                   ("Отчёт Сферум (2)", [["Период:", "с 13.11.2023 по 19.11.2023"], []])])  # fmt: skip
    report = check(folder)
    assert report.valid, report.problems
    assert any("неделя 06.11.2023–12.11.2023 взята из файла (строка «Период: 06.11.2023–12.11.2023»)" in n.message
               for n in report.reading)  # fmt: skip
    result = build_package(2, folder, tmp_path / "out", data_only=True, interim=True)
    assert result.model.monitoring.organizations == ("",)
    for category, expected in BY_HAND.items():
        assert weeks_of(result, category) == expected


def test_a_months_file_with_one_count_a_person_is_refused_where_it_stands(tmp_path):
    folder = week_files(tmp_path, [("Ноябрь 2023", [])], columns=(1,))
    [problem] = check(folder).problems
    assert (problem.kind, problem.file, problem.column) == (
        "missing_column",
        "monitoring/Ноябрь 2023.xlsx",
        "Сообщений",
    )
    assert "файл — за 01.11.2023–30.11.2023 (имя файла): по неделям его не разложить" in problem.message


def test_the_same_peoples_files_of_other_weeks_are_refused_naming_both_readings_and_each_hint_reads(tmp_path):
    """No period in the names, no «Период:» line, no organizations.xlsx: one school's weeks, or a district?"""
    folder = week_files(tmp_path, [("Отчёт 1", []), ("Отчёт 2", [])])
    for name, week in (("Отчёт 1", "06.11.2023"), ("Отчёт 2", "13.11.2023")):  # a week column each, as kept
        path = folder / "monitoring" / f"{name}.xlsx"
        book = load_workbook(path)
        book["Мониторинг"]["B1"] = week
        book.save(path)
    [problem] = check(folder).problems
    assert (problem.kind, problem.file) == ("ambiguous_file", "monitoring/")
    assert "одни и те же сотрудники за разные недели: это недели одной школы или организации района?" in problem.message
    # the first hint: a file named by its week
    for name, week in (("Отчёт 1", "2023-11-06"), ("Отчёт 2", "2023-11-13")):
        (folder / "monitoring" / f"{name}.xlsx").rename(folder / "monitoring" / f"{week}.xlsx")
    result = build_package(2, folder, tmp_path / "out", data_only=True, interim=True)
    for category, expected in BY_HAND.items():
        assert weeks_of(result, category) == expected
    # the other: organizations.xlsx names them organisations — a district of two, each with its one week
    for name, week in (("Отчёт 1", "2023-11-06"), ("Отчёт 2", "2023-11-13")):
        (folder / "monitoring" / f"{week}.xlsx").rename(folder / "monitoring" / f"{name}.xlsx")
    write_xlsx(folder / "organizations.xlsx", {"Организации": [["Организация"], ["Отчёт 1"], ["Отчёт 2"]]})
    report = check(folder)
    assert report.valid, report.problems


def test_describe_says_where_the_week_of_every_row_comes_from(tmp_path):
    from click.testing import CliRunner

    from reporting.cli import main

    folder = week_files(tmp_path, [("Отчёт Сферум (1)", [["Период: 06.11.2023–12.11.2023"], []]),
                                   ("2023-11-13", [])])  # fmt: skip
    said = CliRunner().invoke(main, ["describe", "--inputs", str(folder)]).output
    assert "неделя всех строк — 06.11.2023–12.11.2023 (строка «Период: 06.11.2023–12.11.2023»)" in said
    assert "неделя всех строк — 13.11.2023–19.11.2023 (имя файла)" in said


def test_a_week_export_on_lista1_with_its_period_in_a_merged_title_is_read(tmp_path):
    """Another shape of a week's export: one sheet «Лист1» (no roster sheet), the period in a merged
    title («… за период с 06.11.2023 по 12.11.2023»), «Фамилия Имя Отчество | Категория | Кол-во
    сообщений». By hand (no dates of hire or absence in it): 06.11 — Иванова 12, Петров 50, Орлова 10 of
    five teachers: 3 of 5, Гайдуков 10: 1 of 1; 13.11 — Иванова 10, Семёнова «10», Петров 11, Орлова 30,
    Зайцев 3: 4 of 5, Гайдуков «—»: 0 of 1."""
    from openpyxl import Workbook

    folder = make_inputs(tmp_path / "in")
    (folder / "monitoring.xlsx").unlink()
    (folder / "monitoring").mkdir()
    for k, (j, start, end) in enumerate([(2, "06.11.2023", "12.11.2023"), (3, "13.11.2023", "19.11.2023")], start=1):
        book = Workbook()
        sheet = book.active
        sheet.title = "Лист1"
        sheet.append([f"Мониторинг активности в Сферуме за период с {start} по {end}"])
        sheet.merge_cells("A1:D1")
        sheet.append([])
        sheet.append(["№", "Фамилия Имя Отчество", "Категория", "Кол-во сообщений"])
        for n, (person, week) in enumerate(zip(ROSTER, WEEKLY, strict=False), start=1):
            sheet.append([n, person[0], person[2], week[j]])
        book.save(folder / "monitoring" / f"выгрузка_{k}.xlsx")
    result = build_package(2, folder, tmp_path / "out", data_only=True, interim=True)
    assert weeks_of(result, "teachers") == [(dt.date(2023, 11, 6), 5, 3), (dt.date(2023, 11, 13), 5, 4)]
    assert weeks_of(result, "administration") == [(dt.date(2023, 11, 6), 1, 1), (dt.date(2023, 11, 13), 1, 0)]
