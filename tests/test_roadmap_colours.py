"""A status kept as a row's colour: read through the sheet's legend, refused without one — never read
as «no status» (issue 30, point 6)."""

from __future__ import annotations

from openpyxl import load_workbook
from openpyxl.styles import PatternFill

from reporting import build_package, check

from .builders import ROADMAP_ROWS, make_inputs

HEADERS = ["№", "Мероприятие", "Ответственные", "Срок", "Результат"]
GREEN, YELLOW = PatternFill("solid", fgColor="FF00B050"), PatternFill("solid", fgColor="FFFFFF00")
# As of 07.01.2024: 1 (Август 2023) and 2 (Сентябрь 2023) green — done; 3 (Ноябрь 2023) yellow — «выполняется»,
# overdue since 30.11; 4 (Сентябрь 2023 – май 2024) in progress; 5 (Март 2024) not started; 6 (до 30.12.2023) overdue.
EXPECTED = {"1": "done", "2": "done", "3": "overdue", "4": "in_progress", "5": "not_started", "6": "overdue"}


def coloured(folder, rows, legend: dict[int, PatternFill] | None = None, columns: int = 5):
    make_inputs(folder, roadmap={"Дорожная карта": rows})
    book = load_workbook(folder / "roadmap.xlsx")
    sheet = book.active
    for row, fill in ((2, GREEN), (3, GREEN), (4, YELLOW)):
        for column in range(1, columns + 1):
            sheet.cell(row, column).fill = fill
    for row, fill in (legend or {}).items():
        sheet.cell(row, 1).fill = fill
    book.save(folder / "roadmap.xlsx")
    return folder


def statuses(folder, tmp_path) -> dict[str, str]:
    result = build_package(2, folder, tmp_path / "out", data_only=True)
    return {a.number: a.status for a in result.model.activities}


def plain_rows() -> list[list]:
    return [HEADERS, *[r[:5] for r in ROADMAP_ROWS]]


def test_colours_without_a_legend_are_refused_naming_each_colour_and_its_rows(tmp_path):
    report = check(coloured(tmp_path / "in", plain_rows()))
    assert [(p.kind, p.row) for p in report.problems] == [("bad_status", 2), ("bad_status", 4)]
    first, second = (p.describe() for p in report.problems)
    assert "строки 2–3 выделены цветом «зелёный (FF00B050)»" in first
    assert "строка 4 выделена цветом «жёлтый (FFFFFF00)»" in second
    assert "Добавьте легенду" in first and "в столбец «Статус»" in first


def test_the_hint_a_legend_under_the_table_gives_each_rows_status(tmp_path):
    rows = [*plain_rows(), [], [None, "выполнено"], [None, "выполняется"]]
    folder = coloured(tmp_path / "in", rows, legend={9: GREEN, 10: YELLOW})
    report = check(folder)
    assert report.valid, report.problems
    [note] = [n for n in report.reading if "по легенде" in n.message]
    assert "«зелёный (FF00B050)» — «выполнено», «жёлтый (FFFFFF00)» — «выполняется»" in note.message
    assert "строки легенды (9–10) — не мероприятия" in note.message
    assert statuses(folder, tmp_path) == EXPECTED


def test_a_legend_cell_holding_its_own_word_reads_the_same(tmp_path):
    rows = [*plain_rows(), [], ["Выполнено"], ["В работе"]]
    folder = coloured(tmp_path / "in", rows, legend={9: GREEN, 10: YELLOW})
    assert statuses(folder, tmp_path) == EXPECTED


def test_the_hint_a_status_column_gives_the_same_statuses(tmp_path):
    words = {"1": "выполнено", "2": "выполнено", "3": "выполняется"}
    rows = [[*HEADERS, "Статус"], *[[*r[:5], words.get(r[0].rstrip("."))] for r in ROADMAP_ROWS]]
    folder = coloured(tmp_path / "in", rows, columns=6)
    assert check(folder).valid
    assert statuses(folder, tmp_path) == EXPECTED


def test_a_coloured_status_cell_of_an_activity_is_no_legend(tmp_path):
    rows = [[*HEADERS, "Статус"], *[[*r[:5], r[5]] for r in ROADMAP_ROWS]]
    make_inputs(tmp_path / "in", roadmap={"Дорожная карта": rows})
    book = load_workbook(tmp_path / "in" / "roadmap.xlsx")
    book.active.cell(2, 6).fill = GREEN  # «выполнено» in activity 1's own status cell
    book.save(tmp_path / "in" / "roadmap.xlsx")
    result = build_package(2, tmp_path / "in", tmp_path / "out", data_only=True)
    assert [a.number for a in result.model.activities] == ["1", "2", "3", "4", "5", "6"]


def test_the_hint_fills_in_layout_toml_gives_each_rows_status(tmp_path):
    """The third way the refusal names: say what the colours mean in layout.toml, written by describe
    --write, then the two colours added to the roadmap's section — the hand-computed statuses."""
    import re

    from click.testing import CliRunner

    from reporting.cli import main

    folder = coloured(tmp_path / "in", plain_rows())
    problems = check(folder).problems
    assert all('fills = { "' in p.hint and "make-report describe --write" in p.hint for p in problems)
    CliRunner().invoke(main, ["describe", "--write", "--inputs", str(folder)])  # as the hint says
    layout = folder / "layout.toml"
    text = layout.read_text(encoding="utf-8")
    at = re.search(r'sheet = "Дорожная карта"\n', text).end()
    fills = 'fills = { "FF00B050" = "выполнено", "FFFFFF00" = "выполняется" }\n'
    layout.write_text(text[:at] + fills + text[at:], encoding="utf-8")
    report = check(folder)
    assert report.valid, report.problems
    [note] = [n for n in report.reading if "по layout.toml" in n.message]
    assert "«зелёный (FF00B050)» — «выполнено», «жёлтый (FFFFFF00)» — «выполняется»" in note.message
    assert statuses(folder, tmp_path) == EXPECTED
    # a word that is no status is refused where it stands
    layout.write_text(text[:at] + fills.replace("выполняется", "жёлтое") + text[at:], encoding="utf-8")
    problems = check(folder).problems
    assert [(p.file, p.kind, p.value) for p in problems if p.file == "layout.toml"] == [
        ("layout.toml", "bad_value", "жёлтое")
    ]
    assert any("строка 4 выделена цветом «жёлтый (FFFFFF00)»" in p.message for p in problems)  # still unread


def test_an_ods_roadmap_reads_its_colours_and_legend_as_an_xlsx_does(tmp_path):
    """LibreOffice's own file: a row's background colour (a cell style) is its fill, named as Excel names
    it («FF00B050»); the legend under the table explains it; the hand-computed statuses come out."""
    from .ods import Filled, write_ods

    folder = make_inputs(tmp_path / "in")
    (folder / "roadmap.xlsx").unlink()
    colour = {2: "00B050", 3: "00B050", 4: "FFFF00"}
    rows = [HEADERS] + [[Filled(v, colour[n]) if n in colour else v for v in r]
                        for n, r in enumerate(plain_rows()[1:], start=2)]  # fmt: skip
    unexplained = write_ods({"Дорожная карта": rows}, padding=False)
    (folder / "roadmap.ods").write_bytes(unexplained)
    problems = check(folder).problems
    assert [(p.kind, p.row) for p in problems] == [("bad_status", 2), ("bad_status", 4)]
    assert "цветом «зелёный (FF00B050)»" in problems[0].message
    legend = [[], [Filled(None, "00B050"), "выполнено"], [Filled(None, "FFFF00"), "выполняется"]]
    (folder / "roadmap.ods").write_bytes(write_ods({"Дорожная карта": [*rows, *legend]}, padding=False))
    report = check(folder)
    assert report.valid, report.problems
    assert statuses(folder, tmp_path) == EXPECTED
