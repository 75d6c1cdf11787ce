"""A figure is never silently wrong: percent targets, unread week headers, empty indicators, the year."""

from __future__ import annotations

import datetime as dt

import pytest
from openpyxl import Workbook

from .builders import ROADMAP_HEADERS, ROADMAP_ROWS, SCHOOL_TOML, WEEKS, make_inputs, wide_rows, write_xlsx
from .test_errors import assert_refused

INDICATOR_HEADERS = ["Показатель", "Категория", "Порог сообщений", "Целевое значение, %", "Срок"]


def roadmap_with_targets(path, targets: list[tuple[object, str | None]]) -> None:
    """«Показатели» with one teachers' row per target; ``fmt`` is the cell's number format."""
    book = Workbook()
    sheet = book.active
    sheet.title = "Дорожная карта"
    for row in [ROADMAP_HEADERS, *ROADMAP_ROWS]:
        sheet.append(row)
    indicators = book.create_sheet("Показатели")
    indicators.append(INDICATOR_HEADERS)
    for value, fmt in targets:
        indicators.append(["Доля педагогов", "педагогические работники", 10, value, dt.date(2023, 12, 30)])
        if fmt:
            indicators.cell(indicators.max_row, 4).number_format = fmt
    book.save(path)


# Hand count (see test_coverage): teachers' weeks are 50, 75, 66.67 and 100 %. Read as a bare
# number, 1.0 or 0.75 would put every week «at target»; read with their percent format they do not.
@pytest.mark.parametrize(
    ("value", "fmt", "target", "weeks_at_target"),
    [(1.0, "0%", 100.0, 1), (0.75, "0.00%", 75.0, 2)],  # Excel's «100%», «75,00%»
)
def test_a_percent_formatted_target_is_read_as_percent(inputs, run_cli, value, fmt, target, weeks_at_target):
    roadmap_with_targets(inputs / "roadmap.xlsx", [(value, fmt)])
    run = run_cli(inputs, 2, "--data-only")
    assert run.exit_code == 0, run.output
    teachers = run.summary()["indicators"][0]
    assert teachers["target_percent"] == target
    assert teachers["weeks_at_target"] == weeks_at_target


def test_a_bare_fraction_target_is_refused_with_a_hint(inputs, run_cli):
    roadmap_with_targets(inputs / "roadmap.xlsx", [(1, None)])
    run = run_cli(inputs, 2, "--data-only")
    assert_refused(run, "лист «Показатели», строка 2, столбец «Целевое значение, %»", "100 (а не 1)")


def test_an_empty_indicators_sheet_is_an_error(inputs, run_cli):
    roadmap_with_targets(inputs / "roadmap.xlsx", [])
    assert_refused(run_cli(inputs, 2, "--data-only"), "лист «Показатели»", "нет ни одного показателя")


def plain_summary(tmp_path, run_cli):
    return run_cli(make_inputs(tmp_path / "plain"), 2, "--data-only", outputs=tmp_path / "o1").summary()


def test_week_headers_in_other_spellings_give_the_same_figures(tmp_path, run_cli):
    expected = plain_summary(tmp_path, run_cli)
    for number, last in enumerate(["25–31 декабря 2023", "25.12–31.12.2023", 45285, "с 25.12.2023 по 31.12.2023"]):
        weeks = [*WEEKS[:-1], last]
        weeks[0] = "23.10-29.10"  # no year: the school year's
        folder = make_inputs(tmp_path / f"in{number}", weekly=wide_rows(weeks=weeks))
        run = run_cli(folder, 2, "--data-only", outputs=tmp_path / f"out{number}")
        assert run.exit_code == 0, (last, run.output)
        assert run.summary() == expected, last


def test_a_column_of_numbers_under_an_unread_header_is_an_error(tmp_path, run_cli):
    for number, header, said in [
        (0, None, "столбец «F (без заголовка)»"),  # a merged header cell: the second column is blank
        (1, "Неделя 5", "неделя названа номером"),
        (2, "Неделя пятая", "заголовок не прочитан как неделя"),
    ]:
        weeks = list(WEEKS)
        weeks[3] = header
        folder = make_inputs(tmp_path / f"in{number}", weekly=wide_rows(weeks=weeks))
        assert_refused(run_cli(folder, 2, "--data-only", outputs=tmp_path / f"out{number}"), said)


def test_a_column_of_totals_is_not_a_week_and_is_checked(tmp_path, run_cli):
    from .builders import row_total

    rows = wide_rows()
    rows[2].append("Итого за четверть")
    for row in rows[3:]:
        row.append(row_total(row))
    folder = make_inputs(tmp_path / "in", weekly=rows)
    run = run_cli(folder, 2, "--data-only")
    assert run.exit_code == 0, run.output
    assert run.summary() == plain_summary(tmp_path, run_cli)
    assert "столбцы итогов («Итого за четверть») сверены с суммами программы: совпадают" in (
        run.package / "reading.txt").read_text(encoding="utf-8")  # fmt: skip
    # Иванова's row: 10 + 12 + 10 + 10 = 42, her total typed as 100 — both figures named, at her row
    rows[3][-1] = 100
    folder = make_inputs(tmp_path / "wrong", weekly=rows)
    assert_refused(run_cli(folder, 2, "--data-only", outputs=tmp_path / "o2"),
                   "строка 4, столбец «Итого за четверть»: итог 100, а сумма недель в строке — 42")  # fmt: skip


def test_a_year_label_that_disagrees_with_the_quarters_is_an_error(tmp_path, run_cli):
    school = SCHOOL_TOML.replace('label = "2023/2024"', 'label = "2024/2025"')
    folder = make_inputs(tmp_path / "in", school=school)
    assert_refused(run_cli(folder, 2), "school.toml", "«school_year.quarters»", "не лежат в 2024/2025 учебном году")


def test_a_week_outside_the_school_year_is_located(tmp_path, run_cli):
    weeks = [*WEEKS[:-1], "23.12–29.12.2024"]
    folder = make_inputs(tmp_path / "in", weekly=wide_rows(weeks=weeks))
    assert_refused(run_cli(folder, 2), "лист «Мониторинг»", "«23.12–29.12.2024»", "неделя вне 2023/2024")


def test_write_xlsx_is_used(tmp_path):
    # builders' writer keeps text as text (guards the fixtures above against openpyxl coercion)
    path = write_xlsx(tmp_path / "x.xlsx", {"A": [["25.12–31.12.2023"]]})
    from openpyxl import load_workbook

    assert load_workbook(path)["A"]["A1"].value == "25.12–31.12.2023"


def test_default_indicators_follow_the_school_year():
    from reporting.errors import Problems
    from reporting.validate.roadmap import default_indicators
    from reporting.validate.school import load_school

    toml = SCHOOL_TOML.replace("2023/2024", "2025/2026").replace('"2023-', '"2025-').replace('"2024-', '"2026-')
    school = load_school(toml.encode(), problems := Problems())
    assert not problems
    assert {i.deadline for i in default_indicators(school)} == {dt.date(2025, 12, 30)}


@pytest.mark.parametrize("value", [dt.date(2000, 1, 1), True, "inf", "nan"])
def test_a_date_flag_or_infinity_in_a_number_cell_is_located(inputs, run_cli, value):
    """Found by the fuzzer on a clean clone: a date in «Порог сообщений» crashed the run (exit 70)."""
    from .builders import write_xlsx

    indicators = [INDICATOR_HEADERS, ["Доля педагогов", "педагогические работники", value, 100, dt.date(2023, 12, 30)]]
    write_xlsx(inputs / "roadmap.xlsx", {"Дорожная карта": [ROADMAP_HEADERS, *ROADMAP_ROWS], "Показатели": indicators})
    assert_refused(run_cli(inputs, 2, "--data-only"), "лист «Показатели», строка 2, столбец «Порог сообщений»")
