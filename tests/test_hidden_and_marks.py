"""What used to be read wrong without a word: a hidden stale copy of a sheet preferred to the
visible current one, and completion dates in «Отметка о выполнении» ignored."""

from __future__ import annotations

import datetime as dt

from openpyxl import load_workbook

from reporting import build_package, check

from .builders import ROADMAP_HEADERS, ROADMAP_ROWS, ROSTER, ROSTER_HEADERS, WEEKLY, WEEKS, wide_rows, write_xlsx


def _stale_and_current(inputs):
    """«Мониторинг» (hidden) stops after three weeks; «Мониторинг (2)» (visible) is the current copy."""
    stale = wide_rows(weeks=WEEKS[:3], weekly=[row[:4] for row in WEEKLY])
    path = inputs / "monitoring.xlsx"
    write_xlsx(path, {"Сотрудники": [ROSTER_HEADERS, *ROSTER], "Мониторинг": stale, "Мониторинг (2)": wide_rows()})
    book = load_workbook(path)
    book["Мониторинг"].sheet_state = "hidden"
    book.save(path)
    return path


def test_a_hidden_sheet_is_never_preferred_to_its_visible_copy(inputs, tmp_path):
    before = build_package(2, inputs, tmp_path / "plain", data_only=True).model  # the current figures
    path = _stale_and_current(inputs)
    [problem] = check(inputs).problems
    assert (problem.kind, problem.file, problem.sheet) == ("ambiguous_sheet", "monitoring.xlsx", "Мониторинг")
    assert "«Мониторинг (2)»" in problem.message
    # The hint, literally: delete the hidden sheet and rename the copy.
    book = load_workbook(path)
    del book["Мониторинг"]
    book["Мониторинг (2)"].title = "Мониторинг"
    book.save(path)
    after = build_package(2, inputs, tmp_path / "fixed", data_only=True).model
    assert after.monitored_weeks == before.monitored_weeks and len(after.monitored_weeks) == 4
    assert after.indicators == before.indicators


def test_a_hidden_sheet_read_alone_is_named_and_hidden_unused_ones_are_listed(inputs):
    path = inputs / "monitoring.xlsx"
    write_xlsx(path, {"Сотрудники": [ROSTER_HEADERS, *ROSTER], "Мониторинг": wide_rows(), "Старое": [["x"]]})
    book = load_workbook(path)
    book["Мониторинг"].sheet_state = "hidden"
    book["Старое"].sheet_state = "veryHidden"
    book.save(path)
    report = check(inputs)
    assert report.problems == ()
    notes = [n.describe() for n in report.reading]
    assert "monitoring.xlsx, лист «Мониторинг»: лист скрыт в книге, но прочитан" in " ".join(notes)
    assert any(n.startswith("monitoring.xlsx, лист «Старое»: скрытый лист не используется") for n in notes)


def _roadmap_with_notes(inputs, notes):
    headers = [*ROADMAP_HEADERS[:5], "Отметка о выполнении"]
    rows = [[*row[:5], note] for row, note in zip(ROADMAP_ROWS, notes, strict=False)]
    write_xlsx(inputs / "roadmap.xlsx", {"Дорожная карта": [headers, *rows]})


def test_completion_dates_alone_mean_done_on_that_date(inputs, tmp_path):
    _roadmap_with_notes(inputs, ["29.08.2023", dt.date(2023, 9, 20), "24.10.2023 г.", None, None, "отменено"])
    result = build_package(2, inputs, tmp_path / "out", data_only=True)
    done = {a.activity.number: a for a in result.model.activities}
    assert [done[n].status for n in ("1", "2", "3")] == ["done", "done", "done"]
    assert [done[n].activity.completed_on for n in ("1", "2", "3")] == [
        dt.date(2023, 8, 29), dt.date(2023, 9, 20), dt.date(2023, 10, 24)]  # fmt: skip
    reading = (result.folder / "reading.txt").read_text(encoding="utf-8")
    assert "строка 2: отметка «29.08.2023» прочитана как «выполнено» 29.08.2023" in reading
    assert "строка 4: отметка «24.10.2023 г.» прочитана как «выполнено» 24.10.2023" in reading


def test_a_completion_mark_not_understood_is_a_located_problem(inputs):
    _roadmap_with_notes(inputs, ["ждём ответа из управления"])
    [problem] = check(inputs).problems
    assert (problem.kind, problem.sheet, problem.row, problem.column) == (
        "bad_status", "Дорожная карта", 2, "Отметка о выполнении")  # fmt: skip
    _roadmap_with_notes(inputs, ["выполняется"])  # one of the hint's words
    assert check(inputs).problems == ()


def test_the_same_holds_in_a_libreoffice_spreadsheet(inputs):
    """Calc hides a sheet with a table style (table:display="false"): the same refusal, the same fix."""
    from .ods import as_ods

    path = _stale_and_current(inputs)
    as_ods(path)
    [problem] = check(inputs).problems
    assert (problem.kind, problem.file, problem.sheet) == ("ambiguous_sheet", "monitoring.ods", "Мониторинг")


def test_rows_and_columns_hidden_by_hand_or_filter_are_named_when_read(inputs):
    """Issue 30, point 6: a hidden row is counted like a visible one, and the reading report says so."""
    from openpyxl import load_workbook

    from reporting import check

    book = load_workbook(inputs / "monitoring.xlsx")
    sheet = book["Мониторинг"]
    sheet.row_dimensions[7].hidden = True  # Орлова's row
    sheet.column_dimensions["D"].hidden = True  # the week of 06.11.2023
    book.save(inputs / "monitoring.xlsx")
    report = check(inputs)
    assert report.valid, report.problems
    [note] = [n for n in report.reading if "скрыты (вручную или фильтром)" in n.message]
    assert note.sheet == "Мониторинг" and "строка 7" in note.message and "«06.11.2023»" in note.message
