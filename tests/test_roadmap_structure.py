"""A roadmap's structure: section headings over sub-items are not activities, and a cell merged down
several activities means its value in each (issue 30, points 3 and 4)."""

from __future__ import annotations

import datetime as dt

import pytest
from openpyxl import load_workbook

from reporting import build_package, check

from .builders import ROADMAP_HEADERS, make_inputs
from .test_documents import docx_text, pdf_text

SECTIONS = [
    ROADMAP_HEADERS,
    ["1.", "Организационные мероприятия", None, None, None, None, None],
    ["1.1", "Создание чата", "Шмыглева П.Р.", "Август 2023", "Сообщество", "выполнено", None],
    ["1.2", "Сетевые сообщества", "Шмыглева П.Р.", "Сентябрь 2023", "Не менее 1", None, dt.date(2023, 9, 20)],
    ["2.", "Сопровождение", None, None, None, None, None],
    ["2.1", "Рекомендации", "Администрация", "Ноябрь 2023", "Письмо", "выполняется", None],
    ["2.2", "Консультации", "Администрация", "Сентябрь 2023 – май 2024", "", None, None],
    ["2.3", "Итоги четверти", "Администрация", "Март 2024", "Корректировка", None, None],
]
# As of 07.01.2024 (Q2's status date): 1.1 done, 1.2 done 20.09, 2.1 overdue (November), 2.2 in progress,
# 2.3 not started (March 2024).
STATUSES = {"1.1": "done", "1.2": "done", "2.1": "overdue", "2.2": "in_progress", "2.3": "not_started"}


def rows_with(changes: dict[int, dict[int, object]]) -> list[list]:
    rows = [list(r) for r in SECTIONS]
    for index, cells in changes.items():
        for column, value in cells.items():
            rows[index][column] = value
    return rows


def statuses(result) -> dict[str, str]:
    return {a.number: a.status for a in result.model.activities}


def build(folder, tmp_path, **kwargs):
    return build_package(2, folder, tmp_path / "out", **kwargs)


def test_numbered_section_headings_are_not_activities(tmp_path):
    folder = make_inputs(tmp_path / "in", roadmap={"Дорожная карта": SECTIONS})
    report = check(folder)
    assert report.valid, report.problems
    [note] = [n for n in report.reading if "заголовки разделов" in n.message]
    assert "строка 2 — «1. Организационные мероприятия»; строка 5 — «2. Сопровождение»" in note.message
    result = build(folder, tmp_path, data_only=True)
    assert statuses(result) == STATUSES


def test_a_heading_given_a_deadline_and_responsibles_stays_a_heading_and_says_so(tmp_path):
    """The old refusal's hint («не указаны ответственные», «не указан срок») followed on the heading rows."""
    rows = rows_with({1: {2: "Администрация", 3: "2023"}, 4: {2: "Администрация", 3: "Май 2024"}})
    folder = make_inputs(tmp_path / "in", roadmap={"Дорожная карта": rows})
    report = check(folder)
    assert report.valid, report.problems
    [note] = [n for n in report.reading if "заголовки разделов" in n.message]
    assert "в строках разделов (2, 5) не относятся ни к одному мероприятию и не учтены" in note.message
    assert statuses(build(folder, tmp_path, data_only=True)) == STATUSES


@pytest.mark.parametrize("label", ["I", "Раздел 1"])
def test_a_heading_numbered_in_its_own_way_is_a_heading(tmp_path, label):
    rows = rows_with({1: {0: label}})
    rows[2][0], rows[3][0] = "1", "2"  # the activities numbered through
    rows[5][0], rows[6][0], rows[7][0] = "3", "4", "5"
    rows[4][0] = "II" if label == "I" else "Раздел 2"
    folder = make_inputs(tmp_path / "in", roadmap={"Дорожная карта": rows})
    result = build(folder, tmp_path, data_only=True)
    assert statuses(result) == dict(zip(["1", "2", "3", "4", "5"], STATUSES.values(), strict=True))
    assert [s.label for s in result.model.roadmap.sections] == [label, rows[4][0]]


def test_a_heading_merged_across_the_row_is_a_heading(tmp_path):
    rows = rows_with({1: {0: "1. Организационные мероприятия", 1: None}, 4: {0: "2. Сопровождение", 1: None}})
    folder = make_inputs(tmp_path / "in", roadmap={"Дорожная карта": rows})
    book = load_workbook(folder / "roadmap.xlsx")
    book.active.merge_cells("A2:G2")
    book.active.merge_cells("A5:G5")
    book.save(folder / "roadmap.xlsx")
    assert statuses(build(folder, tmp_path, data_only=True)) == STATUSES


def test_a_title_alone_is_an_activity_missing_its_cells_not_a_heading(tmp_path):
    rows = [*SECTIONS, [None, "Подведение итогов года", None, None, None, None, None]]
    problems = check(make_inputs(tmp_path / "in", roadmap={"Дорожная карта": rows})).problems
    assert [(p.kind, p.row, p.column) for p in problems][:1] == [("missing_value", 9, "№")]


def test_responsibles_merged_down_a_section_are_each_activitys(tmp_path):
    rows = rows_with({3: {2: None}, 6: {2: None}, 7: {2: None}})
    folder = make_inputs(tmp_path / "in", roadmap={"Дорожная карта": rows})
    book = load_workbook(folder / "roadmap.xlsx")
    book.active.merge_cells("C3:C4")
    book.active.merge_cells("C6:C8")
    book.save(folder / "roadmap.xlsx")
    report = check(folder)
    assert report.valid, report.problems
    [note] = [n for n in report.reading if "объединённые ячейки" in n.message]
    assert "столбца «Ответственные»" in note.message and "строки 4, 7–8" in note.message
    result = build(folder, tmp_path, data_only=True)
    assert {a.number: a.responsible for a in result.model.activities} == {
        "1.1": "Шмыглева П.Р.", "1.2": "Шмыглева П.Р.", "2.1": "Администрация", "2.2": "Администрация",
        "2.3": "Администрация",
    }  # fmt: skip


def test_the_corrected_roadmap_keeps_the_headings_and_reads_back_the_same(tmp_path):
    folder = make_inputs(tmp_path / "in", roadmap={"Дорожная карта": SECTIONS})
    result = build(folder, tmp_path)
    sheet = load_workbook(result.folder / "roadmap.xlsx")["Дорожная карта"]
    assert [(r[0], r[1]) for r in sheet.iter_rows(min_row=2, max_col=2, values_only=True)] == [
        (r[0].rstrip(".") if r[0] in ("1.1", "1.2", "2.1", "2.2", "2.3") else r[0], r[1]) for r in SECTIONS[1:]
    ]
    again = make_inputs(tmp_path / "again", roadmap={"Дорожная карта": SECTIONS})
    (again / "roadmap.xlsx").write_bytes((result.folder / "roadmap.xlsx").read_bytes())
    # the same activities; 2.1's deadline is the corrected one (22.03.2024): in progress on 07.01.2024
    assert statuses(build(again, tmp_path / "second", data_only=True)) == {**STATUSES, "2.1": "in_progress"}
    for text in (pdf_text(result.folder / "roadmap.pdf"), docx_text(result.folder / "roadmap.docx")):
        assert text.index("1.Организационныемероприятия") < text.index("1.1Созданиечата")
        assert text.index("2.Сопровождение") < text.index("2.1Рекомендации")


def test_a_free_text_note_beside_a_status_column_is_evidence(tmp_path):
    """A regression of issue 30: «Создано сообщество» in «Отметка о выполнении» beside «Статус» was refused."""
    rows = [[*ROADMAP_HEADERS, "Отметка о выполнении"], *[[*r, None] for r in SECTIONS[1:]]]
    rows[2][7] = "Создано сообщество «Педагоги»"  # 1.1, whose «Статус» says «выполнено»
    rows[6][7] = "Проведены две консультации"  # 2.2, no status of its own
    folder = make_inputs(tmp_path / "in", roadmap={"Дорожная карта": rows})
    report = check(folder)
    assert report.valid, report.problems
    assert statuses(build(folder, tmp_path, data_only=True)) == STATUSES
