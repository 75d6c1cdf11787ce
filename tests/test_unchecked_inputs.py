"""Cells and settings that used to pass unchecked: TRUE/FALSE and cached errors in count cells,
«1e3», a second «ФИО» column, a fractional personnel number, empty options, unknown keys."""

from __future__ import annotations

from copy import deepcopy

import pytest

from reporting import check

from .builders import (
    ROADMAP_HEADERS,
    ROADMAP_ROWS,
    ROSTER,
    ROSTER_HEADERS,
    SCHOOL_TOML,
    WEEKLY,
    long_rows,
    wide_rows,
    write_xlsx,
)

IVANOVA_ROW, SECOND_WEEK = 4, "06.11.2023"  # wide_rows: two title rows, the header, then Иванова


def monitoring_with(path, sheets, cell):
    """``write_xlsx``, then one cell rewritten with a given type: (sheet, row, column, value, data_type)."""
    from openpyxl import load_workbook

    write_xlsx(path, sheets)
    book = load_workbook(path)
    name, row, column, value, data_type = cell
    target = book[name].cell(row, column)
    target.value = value
    target.data_type = data_type
    book.save(path)


def problems_of(folder):
    return [(p.kind, p.sheet, p.row, p.column, p.message) for p in check(folder).problems]


@pytest.mark.parametrize(
    ("value", "data_type", "message"),
    [
        (True, "b", "логическое значение (ИСТИНА/ЛОЖЬ)"),
        (False, "b", "логическое значение (ИСТИНА/ЛОЖЬ)"),
        ("#DIV/0!", "e", "ошибка формулы «#DIV/0!»"),
        ("#N/A", "e", "ошибка формулы «#N/A»"),
        ("#REF!", "e", "ошибка формулы «#REF!»"),
        ("1e3", "s", "ожидается целое число сообщений"),
    ],
)
@pytest.mark.parametrize("layout", ["wide", "long"])
def test_a_count_cell_that_is_not_a_count_is_a_located_problem(inputs, value, data_type, message, layout):
    if layout == "wide":  # every week cell a number: the block is converted in one step
        dense = [[row[0], *(12 for _ in row[1:])] for row in WEEKLY[:-1]]
        rows, row, column = wide_rows(weekly=dense), IVANOVA_ROW, 4  # D: the week of 06.11.2023
    else:
        rows, row, column = long_rows(), 3, 3  # Иванова's second week, «Сообщений»
    sheets = {"Сотрудники": [ROSTER_HEADERS, *ROSTER], "Мониторинг": rows}
    monitoring_with(inputs / "monitoring.xlsx", sheets, ("Мониторинг", row, column, value, data_type))
    [problem] = check(inputs).problems
    assert (problem.kind, problem.sheet, problem.row) == ("bad_count", "Мониторинг", row)
    assert problem.column == (SECOND_WEEK if layout == "wide" else "Сообщений")
    assert message in problem.message


def test_the_hint_leads_to_an_accepted_count(inputs):
    sheets = {"Сотрудники": [ROSTER_HEADERS, *ROSTER], "Мониторинг": wide_rows()}
    monitoring_with(inputs / "monitoring.xlsx", sheets, ("Мониторинг", IVANOVA_ROW, 4, "#DIV/0!", "e"))
    [problem] = check(inputs).problems
    assert "Впишите число сообщений" in problem.describe()
    monitoring_with(inputs / "monitoring.xlsx", sheets, ("Мониторинг", IVANOVA_ROW, 4, 12, "n"))  # as it was
    assert check(inputs).problems == ()


def test_a_second_name_column_on_the_roster_is_refused(inputs):
    headers = [*ROSTER_HEADERS, "ФИО"]
    rows = [[*r, r[0].upper()] for r in ROSTER]
    write_xlsx(inputs / "monitoring.xlsx", {"Сотрудники": [headers, *rows], "Мониторинг": wide_rows()})
    [(kind, sheet, row, column, message)] = problems_of(inputs)
    assert (kind, sheet, row, column) == ("duplicate_column", "Сотрудники", 1, "ФИО")
    assert "встречается дважды: A и I" in message
    write_xlsx(inputs / "monitoring.xlsx", {"Сотрудники": [ROSTER_HEADERS, *ROSTER], "Мониторинг": wide_rows()})
    assert check(inputs).problems == ()  # «Оставьте один столбец с этим заголовком»


def test_a_fractional_personnel_number_is_named_on_the_roster_only(inputs):
    roster = deepcopy(ROSTER)
    roster[0][1] = 2004.5
    weekly = [["№", "Табельный номер", "ФИО", *wide_rows()[2][2:]]]
    weekly += [[n, 2004.5 if n == 1 else n, *row] for n, row in enumerate(WEEKLY[:-1], start=1)]
    write_xlsx(inputs / "monitoring.xlsx", {"Сотрудники": [ROSTER_HEADERS, *roster], "Мониторинг": weekly})
    found = problems_of(inputs)
    assert [(k, s, r, c) for k, s, r, c, _ in found] == [("bad_value", "Сотрудники", 2, "Табельный номер")]
    assert "дробное число" in found[0][4]
    # The hint, literally: the number written as a whole number (2004) on both sheets.
    roster[0][1] = 2004
    weekly[1][1] = 2004
    write_xlsx(inputs / "monitoring.xlsx", {"Сотрудники": [ROSTER_HEADERS, *roster], "Мониторинг": weekly})
    assert check(inputs).problems == ()


@pytest.mark.parametrize("option", ["--date", "--letter", "--number"])
def test_an_option_given_empty_is_refused(inputs, run_cli, option):
    run = run_cli(inputs, 2, "--data-only", f"{option}=")
    assert run.exit_code == 2 and f"{option}: параметр указан, но пуст" in run.output
    assert not run.package.exists()


def test_strict_without_each_organization_is_refused(inputs, run_cli):
    run = run_cli(inputs, 2, "--data-only", "--strict")
    assert run.exit_code == 2 and "--strict действует только вместе с --each-organization" in run.output
    assert run_cli(inputs, 2, "--data-only").exit_code == 0  # «Уберите --strict»


def test_an_empty_required_name_is_refused(inputs):
    (inputs / "school.toml").write_text(
        SCHOOL_TOML.replace('short_name = "МАОУ «СОШ № 24»"', 'short_name = ""'), encoding="utf-8"
    )
    [problem] = check(inputs).problems
    assert (problem.kind, problem.column) == ("missing_key", "organization.short_name")
    assert 'Впишите значение между кавычками: short_name = "…"' in problem.describe()


def test_an_unknown_key_in_school_toml_is_named_with_the_keys_it_may_mean(inputs):
    (inputs / "school.toml").write_text(
        SCHOOL_TOML.replace("[head]", '[head]\nnaem = "Иванов"').replace(
            "[organization]", '[organization]\ntown = "Тюмень"'
        )
        + '\n[platfrom]\nname = "MAX"\n',
        encoding="utf-8",
    )
    found = {p.column: p for p in check(inputs).problems}
    assert set(found) == {"organization.town", "head.naem", "platfrom"}
    assert all(p.kind == "unknown_key" for p in found.values())
    assert "city" in found["organization.town"].describe()
    assert "Может быть, name?" in found["head.naem"].describe()
    assert "Может быть, [platform]?" in found["platfrom"].describe()
    # The hints, literally: «town» is not a key of [organization] (its keys are listed: the town is
    # «city»), «naem» is «name», «[platfrom]» is «[platform]».
    fixed = SCHOOL_TOML.replace("[organization]", '[organization]\ncity = "Тюмень"') + '\n[platform]\nname = "MAX"\n'
    (inputs / "school.toml").write_text(fixed, encoding="utf-8")
    assert check(inputs).problems == ()


def test_the_roadmap_sample_still_reads(inputs):
    """The sheets this file's tests build next to are the usual ones (a guard on the fixtures)."""
    write_xlsx(inputs / "roadmap.xlsx", {"Дорожная карта": [ROADMAP_HEADERS, *ROADMAP_ROWS]})
    assert check(inputs).problems == ()


@pytest.mark.parametrize("text", ["осенние каникулы", "нет данных за неделю", "каникулы"])
def test_words_in_a_count_cell_are_text_never_a_too_large_number(text):
    """«осенние каникулы» was reported as «слишком большое число: больше 1 000 000» (issue 30, point 3)."""
    from reporting.read.cells import CellError, parse_count

    with pytest.raises(CellError) as found:
        parse_count(text)
    assert "а в ячейке текст" in str(found.value) and "большое" not in str(found.value)
