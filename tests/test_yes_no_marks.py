"""«да»/«нет», «10+»/«менее 10» in week cells (issue 16): a mark says whether the threshold was met,
never how many messages. The denominator is counted as usual; a mark never enters a sum; 0/1 alone
(counts or marks?) is refused with the choice named, and the choice, made as told, reads."""

from __future__ import annotations

import json

from click.testing import CliRunner
from openpyxl import load_workbook

from reporting.cli import main

from .builders import ROSTER, ROSTER_HEADERS, make_inputs, write_xlsx
from .test_errors import assert_refused

WEEKS = ["18.12.2023", "25.12.2023"]
# by person (builders.ROSTER): Иванова, Семёнова, Петров, Орлова (away from 13.11), Зайцев (left 13.11), Гайдуков
YES_NO = [("да", "да"), ("да", "нет"), ("да", "да"), ("да", "нет"), ("да", "да"), ("да", "нет")]
# by hand, 25.12: teachers counted 3 (Иванова, Семёнова, Петров), «да» from Иванова and Петров; the head: «нет»
EXPECTED = {"teachers": ("2023-12-25", 3, 2), "administration": ("2023-12-25", 1, 0)}


def folder_with(tmp_path, name, cells):
    weekly = [["ФИО", *WEEKS]] + [[person[0], *row] for person, row in zip(ROSTER, cells, strict=True)]
    folder = make_inputs(tmp_path / name)
    write_xlsx(folder / "monitoring.xlsx", {"Сотрудники": [ROSTER_HEADERS, *ROSTER], "Мониторинг": weekly})
    return folder


def last_weeks(run) -> dict:
    return {i["category"]: tuple(i["weeks"][-1][k] for k in ("week", "counted", "active"))
            for i in run.summary()["indicators"]}  # fmt: skip


def test_yes_no_marks_read_as_the_threshold_met_or_not(tmp_path, run_cli):
    folder = folder_with(tmp_path, "in", YES_NO)
    run = run_cli(folder, 2, "--data-only")
    assert run.exit_code == 0, run.output
    assert last_weeks(run) == EXPECTED
    weeks = {i["category"]: [(w["counted"], w["active"]) for w in i["weeks"]] for i in run.summary()["indicators"]}
    assert weeks == {"teachers": [(3, 3), (3, 2)], "administration": [(1, 1), (1, 0)]}
    reading = (run.package / "reading.txt").read_text(encoding="utf-8")
    assert "отметки вместо чисел («да» — 9, «нет» — 3)" in reading and "ни в одну сумму они не входят" in reading
    sheet = load_workbook(run.package / "data.xlsx")["Сообщения сотрудников"]
    shown = {row[0]: row[4:] for row in sheet.iter_rows(min_row=2, values_only=True)}
    assert shown["Семёнова Юлия"] == ("да", "нет")  # the mark, never a number of messages


def test_threshold_answers_and_numbers_read_alike(tmp_path, run_cli):
    answers = [("10+", "не менее 10"), ("более 9", "менее 10"), (12, "от 10 и выше"), ("да", None), ("ДА", "✔️"),
               (10, "меньше 10")]  # fmt: skip
    run = run_cli(folder_with(tmp_path, "in", answers), 2, "--data-only")
    assert run.exit_code == 0, run.output
    assert last_weeks(run) == EXPECTED  # Орлова's empty cell: she was away; Семёнова «менее 10»: below


def test_an_answer_that_does_not_tell_is_located(tmp_path, run_cli):
    answers = [*YES_NO[:5], ("да", "более 5")]
    refused = run_cli(folder_with(tmp_path, "in", answers), 2, "--data-only")
    assert_refused(refused, "лист «Мониторинг», строка 7, столбец «25.12.2023»", "ответ «более 5» не говорит",
                   "порог в 10 сообщений")  # fmt: skip


def test_zeros_and_ones_alone_are_never_guessed_and_the_choice_reads(tmp_path, run_cli):
    ones = [tuple(1 if v == "да" else 0 for v in row) for row in YES_NO]
    folder = folder_with(tmp_path, "in", ones)
    refused = run_cli(folder, 2, "--data-only", outputs=tmp_path / "o1")
    assert_refused(refused, "только 0 и 1", 'counts = "marks"', "make-report describe --write")
    CliRunner().invoke(main, ["describe", "--inputs", str(folder), "--write"])  # as the hint says
    layout = folder / "layout.toml"
    text = layout.read_text(encoding="utf-8")
    # the choice is left to the school: «?», never a silent «numbers» a run would then read as counts
    assert 'counts = "?"' in text and 'counts = "numbers"' not in text
    layout.write_text(text.replace('counts = "?"', 'counts = "marks"'), encoding="utf-8")
    run = run_cli(folder, 2, "--data-only", outputs=tmp_path / "o2")
    assert run.exit_code == 0, run.output
    assert last_weeks(run) == EXPECTED
    # and as numbers: 1 message each, nobody reaches 10
    layout.write_text(text.replace('counts = "?"', 'counts = "numbers"'), encoding="utf-8")
    counts = run_cli(folder, 2, "--data-only", outputs=tmp_path / "o3")
    assert counts.exit_code == 0, counts.output
    assert last_weeks(counts) == {"teachers": ("2023-12-25", 3, 0), "administration": ("2023-12-25", 1, 0)}
    assert json.loads((counts.package / "summary.json").read_text())["indicators"][0]["weeks"][0]["active"] == 0


def test_a_mark_where_layout_toml_says_numbers_is_located(tmp_path, run_cli):
    folder = folder_with(tmp_path, "in", [(12, 10), (9, 3), (10, 10), (1, 1), (1, 1), (10, 3)])
    CliRunner().invoke(main, ["describe", "--inputs", str(folder), "--write"])
    write_xlsx(folder / "monitoring.xlsx", {"Сотрудники": [ROSTER_HEADERS, *ROSTER], "Мониторинг": [["ФИО", *WEEKS]]
               + [[p[0], *row] for p, row in zip(ROSTER, [*YES_NO[:5], ("да", 3)], strict=True)]})  # fmt: skip
    refused = run_cli(folder, 2, "--data-only")
    assert_refused(refused, "в ячейке отметка, а по layout.toml в листе числа сообщений", 'counts = "marks"')


def test_counts_typed_with_their_unit_read_as_numbers_and_are_said(tmp_path, run_cli):
    typed = [("12 сообщ.", "10 сообщений"), ("9", "3 шт."), (10, "1 250"), (1, None), (1, 1), (10, "3 сообщ")]
    run = run_cli(folder_with(tmp_path, "in", typed), 2, "--data-only")
    assert run.exit_code == 0, run.output
    # 25.12: Иванова 10, Семёнова 3, Петров 1 250 — two of three teachers; the head wrote 3
    assert last_weeks(run) == {"teachers": ("2023-12-25", 3, 2), "administration": ("2023-12-25", 1, 0)}
    assert "числа с единицами («8 сообщ.», «3 шт.») прочитаны как числа: 4 яч." in (
        run.package / "reading.txt").read_text(encoding="utf-8")  # fmt: skip


def test_a_tables_own_words_in_layout_toml(tmp_path, run_cli):
    """yes_words / no_words / absence_marks in layout.toml: the school's own vocabulary, added to the tool's."""
    own = [("сдал", "сдал"), ("сдал", "не сдал"), ("сдал", "сдал"), ("сдал", "уч. отпуск"), ("сдал", "сдал"),
           ("сдал", "не сдал")]  # fmt: skip
    folder = folder_with(tmp_path, "in", own)
    refused = run_cli(folder, 2, "--data-only", outputs=tmp_path / "o1")
    assert_refused(refused, "«сдал»")
    CliRunner().invoke(main, ["describe", "--inputs", str(folder), "--write"])
    layout = folder / "layout.toml"
    text = layout.read_text(encoding="utf-8")
    head = 'reads_as = "Мониторинг"\n'
    assert 'counts = "?"' in text  # no cell was read: numbers or marks is the user's to say
    assert_refused(run_cli(folder, 2, "--data-only", outputs=tmp_path / "o1b"), "что в ячейках недель, скажите")
    text = text.replace('counts = "?"', 'counts = "marks"')
    layout.write_text(text.replace(head, head + 'yes_words = ["сдал"]\nno_words = ["не сдал"]\n'
                                   'absence_marks = ["уч. отпуск"]\n'), encoding="utf-8")  # fmt: skip
    run = run_cli(folder, 2, "--data-only", outputs=tmp_path / "o2")
    assert run.exit_code == 0, run.output
    assert last_weeks(run) == EXPECTED  # Орлова's «уч. отпуск»: away, as she is in the roster anyway
    layout.write_text(text.replace(head, head + 'yes_words = "сдал"\n'), encoding="utf-8")
    assert_refused(run_cli(folder, 2, "--data-only", outputs=tmp_path / "o3"), "yes_words — список слов")


def test_checkbox_cells_read_as_marks(tmp_path, run_cli):
    """ИСТИНА/ЛОЖЬ, as checkboxes leave them, had no way in at all (issue 30, point 6)."""
    cells = [tuple(value == "да" for value in row) for row in YES_NO]
    folder = folder_with(tmp_path, "in", cells)
    run = run_cli(folder, 2, "--data-only")
    assert run.exit_code == 0, run.output
    assert last_weeks(run) == EXPECTED
    reading = (run.package / "reading.txt").read_text(encoding="utf-8")
    assert "отметки вместо чисел («ИСТИНА» — " in reading


def test_checkbox_cells_under_a_declared_numbers_sheet_are_refused_with_the_way_in(tmp_path, run_cli):
    folder = folder_with(tmp_path, "in", [tuple(value == "да" for value in row) for row in YES_NO])
    described = CliRunner().invoke(main, ["describe", "--inputs", str(folder), "--write"])
    assert described.exit_code == 0, described.output
    layout = folder / "layout.toml"
    text = layout.read_text(encoding="utf-8")
    layout.write_text(text.replace('counts = "marks"', 'counts = "numbers"'), encoding="utf-8")
    run = run_cli(folder, 2, "--data-only")
    assert run.exit_code == 2 and "логическое значение (ИСТИНА/ЛОЖЬ — флажок)" in run.output
    layout.write_text(text, encoding="utf-8")  # the hint, followed: counts = "marks"
    again = run_cli(folder, 2, "--data-only")
    assert again.exit_code == 0, again.output
    assert last_weeks(again) == EXPECTED
