"""Merged cells mean their value in every cell they cover (issue 30, point 3), in the staff sheets as in
the roadmap: a category merged down a block of the roster, a week merged down with «каникулы».
Each gives the base school's hand-checked figures, and the reading report says how it was read."""

from __future__ import annotations

from openpyxl import load_workbook

from .builders import ROSTER, ROSTER_HEADERS, make_inputs, wide_rows, write_xlsx
from .test_errors import assert_refused
from .test_layouts_roster import base, weeks_of

CATEGORY = ROSTER_HEADERS.index("Категория")


def test_a_category_merged_down_a_block_is_each_rows(tmp_path, run_cli):
    expected = base(tmp_path, run_cli)
    teachers = [r for r in ROSTER if r[CATEGORY] != "АДМИНИСТРАЦИЯ"]
    heads = [r for r in ROSTER if r[CATEGORY] == "АДМИНИСТРАЦИЯ"]
    rows = [ROSTER_HEADERS, *([*r[:CATEGORY], "Педагогические работники" if i == 0 else None, *r[CATEGORY + 1 :]]
                              for i, r in enumerate(teachers)), *heads]  # fmt: skip
    folder = make_inputs(tmp_path / "in", roster=rows)
    book = load_workbook(folder / "monitoring.xlsx")
    column = CATEGORY + 1
    book["Сотрудники"].merge_cells(start_row=2, start_column=column, end_row=1 + len(teachers), end_column=column)
    book.save(folder / "monitoring.xlsx")
    run = run_cli(folder, 2, "--data-only")
    assert run.exit_code == 0, run.output
    assert weeks_of(run) == expected
    reading = (run.package / "reading.txt").read_text(encoding="utf-8")
    assert "объединённые ячейки столбца «Категория» прочитаны как значение в каждой строке" in reading
    assert "строки 3–6" in reading


def _with_holidays(folder, merged: bool):
    """A column «04.12.2023» whose first people's cell says «осенние каникулы», merged down them all."""
    rows = wide_rows()
    rows[2].append("04.12.2023")
    people = [r for r in rows[3:] if r[1] != "Итого"]
    for r in rows[3:]:
        r.append("осенние каникулы" if r is people[0] else None)
    write_xlsx(folder / "monitoring.xlsx", {"Сотрудники": [ROSTER_HEADERS, *ROSTER], "Мониторинг": rows})
    if merged:
        book = load_workbook(folder / "monitoring.xlsx")
        column = len(rows[2])
        book["Мониторинг"].merge_cells(start_row=4, start_column=column, end_row=3 + len(people), end_column=column)
        book.save(folder / "monitoring.xlsx")
    return folder


def test_a_week_merged_down_with_a_word_is_a_week_without_monitoring(tmp_path, run_cli):
    expected = base(tmp_path, run_cli)
    run = run_cli(_with_holidays(make_inputs(tmp_path / "in"), merged=True), 2, "--data-only")
    assert run.exit_code == 0, run.output
    assert weeks_of(run) == expected  # no week of 04.12: nothing was monitored then
    reading = (run.package / "reading.txt").read_text(encoding="utf-8")
    assert ("столбец «04.12.2023» объединён по всем строкам сотрудников с надписью «осенние каникулы»: неделя без "
            "мониторинга") in reading  # fmt: skip


def test_the_same_word_in_one_persons_cell_is_text_where_a_count_stands(tmp_path, run_cli):
    run = run_cli(_with_holidays(make_inputs(tmp_path / "in"), merged=False), 2, "--data-only")
    assert_refused(run, "столбец «04.12.2023»", "осенние каникулы")


def test_an_ods_merge_reads_as_an_xlsx_merge(tmp_path, run_cli):
    """LibreOffice's own file: the merge is found by the .ods scan (calamine gives none for it), and the
    covered cells are the merge's value, as in the .xlsx above."""
    from .builders import WEEKLY
    from .ods import COVERED, Merged, write_ods

    expected = base(tmp_path, run_cli)
    teachers = [r for r in ROSTER if r[CATEGORY] != "АДМИНИСТРАЦИЯ"]
    heads = [r for r in ROSTER if r[CATEGORY] == "АДМИНИСТРАЦИЯ"]
    merged = Merged("Педагогические работники", rows=len(teachers))
    roster = [ROSTER_HEADERS, *([*r[:CATEGORY], merged if i == 0 else COVERED, *r[CATEGORY + 1 :]]
                                for i, r in enumerate(teachers)), *heads]  # fmt: skip
    folder = make_inputs(tmp_path / "in")
    (folder / "monitoring.xlsx").unlink()
    (folder / "monitoring.ods").write_bytes(write_ods({"Сотрудники": roster, "Мониторинг": wide_rows(weekly=WEEKLY)}))
    run = run_cli(folder, 2, "--data-only")
    assert run.exit_code == 0, run.output
    assert weeks_of(run) == expected
    assert "объединённые ячейки столбца «Категория»" in (run.package / "reading.txt").read_text(encoding="utf-8")
