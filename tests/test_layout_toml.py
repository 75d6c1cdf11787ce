"""describe → edit → validate (issue 16): the layout the reader inferred, shown, saved as
inputs/layout.toml, edited by hand and then followed strictly; every refusal's hint, followed
literally, leads to an accepted input with the base's figures."""

from __future__ import annotations

import datetime as dt
import shutil

from click.testing import CliRunner

from reporting import describe
from reporting.cli import main

from .builders import ROSTER, ROSTER_HEADERS, make_inputs, wide_rows
from .test_errors import assert_refused

LAST_WEEK = {"teachers": ("2023-12-25", 3, 3), "administration": ("2023-12-25", 1, 1)}  # by hand, see builders


def last_weeks(summary: dict) -> dict:
    return {
        i["category"]: tuple(i["weeks"][-1][k] for k in ("week", "counted", "active")) for i in summary["indicators"]
    }


def run_describe(folder, *extra):
    return CliRunner().invoke(main, ["describe", "--inputs", str(folder), *extra])


def figures(run_cli, folder, tmp_path, name):
    run = run_cli(folder, 2, "--data-only", outputs=tmp_path / name)
    assert run.exit_code == 0, run.output
    return run.summary()["indicators"]


def test_describe_prints_each_table_and_write_saves_a_layout_that_reads_alike(tmp_path, run_cli):
    folder = make_inputs(tmp_path / "in")
    base = figures(run_cli, folder, tmp_path, "base")
    shown = run_describe(folder)
    assert shown.exit_code == 0, shown.output
    assert "monitoring.xlsx, лист «Мониторинг» — таблица «Мониторинг» (определено программой)" in shown.output
    assert "строка заголовков: 3; сотрудники по строкам, по столбцу на неделю" in shown.output
    assert "недели: C–H (6: 23.10.2023 … 25.12.2023); в ячейках — число сообщений" in shown.output
    assert not (folder / "layout.toml").exists()  # describe alone writes nothing
    written = run_describe(folder, "--write")
    assert written.exit_code == 0, written.output
    text = (folder / "layout.toml").read_text(encoding="utf-8")
    assert 'weeks = "C:H"' in text and 'B = { as = "ФИО", header = "ФИО" }' in text
    assert figures(run_cli, folder, tmp_path, "declared") == base
    again = run_cli(folder, 2, "--data-only", outputs=tmp_path / "declared2")
    assert "прочитан по inputs/layout.toml (table[" in (again.package / "reading.txt").read_text(encoding="utf-8")
    assert (again.package / "inputs" / "layout.toml").read_bytes() == text.encode("utf-8")  # archived
    assert run_describe(folder, "--write").exit_code != 0  # never overwrites the user's edits
    assert describe(folder).declared and all(layout.declared for layout in describe(folder).layouts)


def test_a_header_changed_since_is_located_and_the_hint_leads_back(tmp_path, run_cli):
    folder = make_inputs(tmp_path / "in")
    run_describe(folder, "--write")
    renamed = make_inputs(tmp_path / "renamed", roster=[["Ф.И.О.", *ROSTER_HEADERS[1:]], *ROSTER])
    shutil.copy(folder / "layout.toml", renamed / "layout.toml")
    refused = run_cli(renamed, 2, "--data-only", outputs=tmp_path / "o1")
    assert_refused(refused, "лист «Сотрудники», строка 1, столбец «Ф.И.О.»", "по layout.toml в столбце A заголовок «ФИО»",
                   "а в файле — «Ф.И.О.»", "удалите его и выполните make-report describe --write")  # fmt: skip
    (renamed / "layout.toml").unlink()  # as the hint says
    assert run_describe(renamed, "--write").exit_code == 0
    assert last_weeks({"indicators": figures(run_cli, renamed, tmp_path, "o2")}) == LAST_WEEK


def test_a_renamed_sheet_names_the_sheets_there_and_editing_sheet_fixes_it(tmp_path, run_cli):
    folder = make_inputs(tmp_path / "in")
    run_describe(folder, "--write")
    from .builders import write_xlsx

    write_xlsx(folder / "monitoring.xlsx", {"Сотрудники": [ROSTER_HEADERS, *ROSTER], "Лист2": wide_rows()})
    refused = run_cli(folder, 2, "--data-only", outputs=tmp_path / "o1")
    assert_refused(refused, "на листе «Мониторинг», а такого листа в файле нет", "«Лист2»", 'sheet = "…"')
    layout = folder / "layout.toml"
    layout.write_text(layout.read_text(encoding="utf-8").replace('sheet = "Мониторинг"', 'sheet = "Лист2"'),
                      encoding="utf-8")  # fmt: skip
    assert last_weeks({"indicators": figures(run_cli, folder, tmp_path, "o2")}) == LAST_WEEK


def test_a_column_of_names_under_an_unknown_header_is_read_by_its_content(tmp_path, run_cli):
    folder = make_inputs(tmp_path / "in", roster=[["Педагог", *ROSTER_HEADERS[1:]], *ROSTER])  # in no spelling list
    run = run_cli(folder, 2, "--data-only")
    assert run.exit_code == 0, run.output
    assert last_weeks({"indicators": run.summary()["indicators"]}) == LAST_WEEK
    assert "столбец «Педагог» прочитан как «ФИО»: в нём ФИО (по содержимому)" in (
        run.package / "reading.txt").read_text(encoding="utf-8")  # fmt: skip


def test_two_columns_of_names_are_never_chosen_between_and_the_layout_decides(tmp_path, run_cli):
    mentors = ["Гайдуков Андрей Николаевич"] * 5 + ["Иванова Анна Петровна"]
    roster = [["Педагог", *ROSTER_HEADERS[1:], "Наставник"], *([*r, m] for r, m in zip(ROSTER, mentors, strict=True))]
    folder = make_inputs(tmp_path / "in", roster=roster)
    assert_refused(run_cli(folder, 2, "--data-only", outputs=tmp_path / "o1"), "«Педагог», «Наставник»",
                   "в каком из них ФИО, программа не угадывает", "make-report describe --write")  # fmt: skip
    run_describe(folder, "--write")  # as the hint says, then «?» → «ФИО» for the right one
    layout = folder / "layout.toml"
    text = layout.read_text(encoding="utf-8")
    text = text.replace('as = "?", header = "Педагог"', 'as = "ФИО", header = "Педагог"')
    layout.write_text(text, encoding="utf-8")
    assert_refused(run_cli(folder, 2, "--data-only", outputs=tmp_path / "o2"), "не указано, что в столбце I",
                   "«-», если столбец не нужен")  # fmt: skip
    layout.write_text(
        text.replace('as = "?", header = "Наставник"', 'as = "-", header = "Наставник"'), encoding="utf-8"
    )
    assert last_weeks({"indicators": figures(run_cli, folder, tmp_path, "o3")}) == LAST_WEEK


def test_a_header_the_tool_does_not_know_is_named_in_the_layout_by_the_user(tmp_path, run_cli):
    # «Педагог» is in no spelling list, and names typed in lower case do not read as ФИО by content
    roster = [["Педагог", *ROSTER_HEADERS[1:]], *([r[0].lower(), *r[1:]] for r in ROSTER)]
    folder = make_inputs(tmp_path / "in", roster=roster)
    refused = run_cli(folder, 2, "--data-only", outputs=tmp_path / "o1")
    assert_refused(refused, "не найдены обязательные столбцы: «ФИО»", "make-report describe --write")
    written = run_describe(folder, "--write")
    assert "не понятно, что в столбцах (в layout.toml — «?»): A «Педагог»" in written.output
    layout = folder / "layout.toml"
    text = layout.read_text(encoding="utf-8")
    assert 'A = { as = "?", header = "Педагог" }' in text
    half_done = run_cli(folder, 2, "--data-only", outputs=tmp_path / "o2")
    assert_refused(half_done, "layout.toml", "не указано, что в столбце A", "Впишите вместо «?»")
    layout.write_text(text.replace('as = "?", header = "Педагог"', 'as = "ФИО", header = "Педагог"'), encoding="utf-8")
    assert last_weeks({"indicators": figures(run_cli, folder, tmp_path, "o3")}) == LAST_WEEK


def test_a_week_column_added_after_the_layout_was_saved_is_never_dropped(tmp_path, run_cli):
    folder = make_inputs(tmp_path / "in")
    run_describe(folder, "--write")
    rows = wide_rows()
    rows[2].append("18.12.2023")
    for row, value in zip(rows[3:], [10, 10, 10, None, None, 3, None], strict=True):
        row.append(value)
    from .builders import write_xlsx

    write_xlsx(folder / "monitoring.xlsx", {"Сотрудники": [ROSTER_HEADERS, *ROSTER], "Мониторинг": rows})
    refused = run_cli(folder, 2, "--data-only", outputs=tmp_path / "o1")
    assert_refused(refused, "столбец «18.12.2023»", "layout.toml его среди недель нет", 'weeks = "…" до столбца I')
    layout = folder / "layout.toml"
    layout.write_text(layout.read_text(encoding="utf-8").replace('weeks = "C:H"', 'weeks = "C:I"'), encoding="utf-8")
    weeks = {i["category"]: {w["week"]: (w["counted"], w["active"]) for w in i["weeks"]}
             for i in figures(run_cli, folder, tmp_path, "o2")}  # fmt: skip
    # 18.12: Иванова 10, Семёнова 10, Петров 10 (Орлова away, Зайцев gone); the head wrote 3
    assert weeks["teachers"]["2023-12-18"] == (3, 3) and weeks["administration"]["2023-12-18"] == (1, 0)


def test_a_layout_of_the_wrong_shape_is_located(tmp_path, run_cli):
    folder = make_inputs(tmp_path / "in")
    run_describe(folder, "--write")
    layout = folder / "layout.toml"
    text = layout.read_text(encoding="utf-8")
    for number, (old, new, said) in enumerate([
        ('header_row = 3', 'header_row = "3"', "table[2].header_row"),
        ('weeks = "C:H"', 'weeks = "H:C"', "weeks — столбцы недель"),
        ('B = { as = "ФИО"', 'b1 = { as = "ФИО"', "столбец называется буквами"),
        ('B = { as = "ФИО", header = "ФИО" }', 'B = { as = "Фамилия", header = "ФИО" }', "нет столбца «Фамилия»"),
        ('reads_as = "Мониторинг"', 'reads_as = "Мониторинк"', "таблица «Мониторинк» описана, но не прочитана"),
        ('file = "roadmap.xlsx"', 'file = "roadmap2.xlsx"', "описывает файл roadmap2.xlsx"),
        ('# Как make-report', 'colour = 1\n# Как make-report', "неизвестный раздел «colour»"),
    ]):  # fmt: skip
        layout.write_text(text.replace(old, new, 1), encoding="utf-8")
        assert_refused(run_cli(folder, 2, "--data-only", outputs=tmp_path / f"o{number}"), "layout.toml", said)


def test_weeks_named_by_number_need_their_numbering_told(tmp_path, run_cli):
    # the base's weeks as school weeks: 1 = 28.08.2023 (the week of the first teaching day, 01.09)
    numbered = [f"{(dt.date.fromisoformat(w) - dt.date(2023, 8, 28)).days // 7 + 1} неделя"
                for w in ("2023-10-23", "2023-11-06", "2023-11-13", "2023-11-20", "2023-11-27", "2023-12-25")]  # fmt: skip
    assert numbered == ["9 неделя", "11 неделя", "12 неделя", "13 неделя", "14 неделя", "18 неделя"]
    folder = make_inputs(tmp_path / "in", weekly=wide_rows(weeks=numbered))
    refused = run_cli(folder, 2, "--data-only", outputs=tmp_path / "o1")
    assert_refused(refused, "неделя названа номером", 'week_numbers = "school"', "make-report describe --write")
    assert run_describe(folder, "--write").exit_code != 0  # described, and the problems said
    layout = folder / "layout.toml"
    text = layout.read_text(encoding="utf-8")
    assert 'week_numbers = "?"' in text and 'weeks = "C:H"' in text
    layout.write_text(text.replace('week_numbers = "?"', 'week_numbers = "school"'), encoding="utf-8")
    assert figures(run_cli, folder, tmp_path, "o2") == figures(run_cli, make_inputs(tmp_path / "b"), tmp_path, "o3")
    # ISO numbering: 2023-12-25 is ISO week 52 of 2023
    iso = make_inputs(tmp_path / "iso", weekly=wide_rows(weeks=[f"Неделя {dt.date.fromisoformat(w).isocalendar().week}"
        for w in ("2023-10-23", "2023-11-06", "2023-11-13", "2023-11-20", "2023-11-27", "2023-12-25")]))  # fmt: skip
    run_describe(iso, "--write")
    layout = iso / "layout.toml"
    layout.write_text(layout.read_text(encoding="utf-8").replace('week_numbers = "?"', 'week_numbers = "iso"'),
                      encoding="utf-8")  # fmt: skip
    assert last_weeks({"indicators": figures(run_cli, iso, tmp_path, "o4")}) == LAST_WEEK


def test_the_docs_list_every_role_spelling_and_vocabulary_word():
    """docs/inputs.md is the user's list of what the reader infers: every header spelling of every
    table, and every word of the vocabularies, is in it."""
    from reporting.read.table import CONTRACT_SHEETS
    from reporting.validate.answers import NO, YES
    from reporting.validate.counts import COUNTS
    from reporting.validate.grid import ABSENCE_MARKS
    from reporting.validate.monitoring import WEEKLY
    from reporting.validate.organizations import ORGANIZATIONS
    from reporting.validate.roadmap import ACTIVITIES, CORRECTIONS, EVIDENCE, INDICATORS
    from reporting.validate.roster import ROSTER

    from .conftest import ROOT

    text = (ROOT / "docs" / "inputs.md").read_text(encoding="utf-8")
    missing = [f"{spec.name}: {spelling}" for spec in (ACTIVITIES, INDICATORS, EVIDENCE, CORRECTIONS, ROSTER, WEEKLY,
                                                        COUNTS, ORGANIZATIONS)
               for spellings in spec.columns.values() for spelling in spellings if f"`{spelling}`" not in text]  # fmt: skip
    missing += [f"word: {word}" for word in (*YES, *NO, *ABSENCE_MARKS) if f"`{word}`" not in text]
    missing += [f"sheet: {name}" for name in CONTRACT_SHEETS if name not in text.casefold()]
    assert missing == []
