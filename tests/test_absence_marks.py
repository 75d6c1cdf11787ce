"""Marks in week cells («б/л», «отпуск»…): the person is away that week, out of both counts."""

from __future__ import annotations

from .builders import SCHOOL_TOML, WEEKLY, make_inputs, wide_rows
from .test_errors import assert_refused


def weekly_with(marks: dict[tuple[int, int], str]):
    rows = [list(r) for r in WEEKLY]
    for (person, week), mark in marks.items():
        rows[person][1 + week] = mark
    return wide_rows(weekly=rows)


def teachers(run):
    return {w["week"]: (w["active"], w["counted"]) for w in run.summary()["indicators"][0]["weeks"]}


def test_absence_marks_take_the_person_out_of_both_counts(tmp_path, run_cli):
    # Hand count (builders.WEEKLY, teachers): week 06.11 counts Иванова 12, Семёнова 9, Орлова 10,
    # Зайцев 0 → 2 of 4; with Семёнова «б/л» → 2 of 3.  Week 25.12 counts Иванова, Семёнова,
    # Петров (all 10) → 3 of 3; with Иванова «Отпуск.» → 2 of 2.
    folder = make_inputs(tmp_path / "in", weekly=weekly_with({(1, 1): "б/л", (0, 5): "Отпуск."}))
    run = run_cli(folder, 2, "--data-only")
    assert run.exit_code == 0, run.output
    figures = teachers(run)
    assert figures["2023-11-06"] == (2, 3)
    assert figures["2023-12-25"] == (2, 2)
    assert figures["2023-11-13"] == (3, 4)  # untouched
    reading = (run.package / "reading.txt").read_text(encoding="utf-8")
    assert "отметки отсутствия в ячейках недель («б/л» — 1, «отпуск» — 1)" in reading


def test_a_week_with_only_marks_is_not_a_monitored_week(tmp_path, run_cli):
    folder = make_inputs(tmp_path / "in", weekly=weekly_with({(0, 4): "б/л"}))  # 27.11: nothing else entered
    run = run_cli(folder, 2, "--data-only")
    assert run.exit_code == 0, run.output
    assert "2023-11-27" not in teachers(run)


def test_an_unknown_text_says_what_to_type_and_marks_can_be_added(tmp_path, run_cli):
    weekly = weekly_with({(1, 1): "болела"})
    assert_refused(
        run_cli(make_inputs(tmp_path / "in", weekly=weekly), 2),
        "строка 5, столбец «06.11.2023»",
        "отметку отсутствия (б/л",
        "[monitoring] absence_marks",
    )
    school = SCHOOL_TOML + '\n[monitoring]\nabsence_marks = ["болела"]\n'
    run = run_cli(
        make_inputs(tmp_path / "in2", weekly=weekly, school=school), 2, "--data-only", outputs=tmp_path / "o2"
    )
    assert run.exit_code == 0, run.output
    assert teachers(run)["2023-11-06"] == (2, 3)
