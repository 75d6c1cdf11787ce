"""Metamorphic for the roadmap (issue 30, points 3, 4, 6 and 9): builders' six activities written in
randomly combined layouts — the status kept as a row's colour with a legend (under the table or above
it), section headings over renumbered sub-items, «Ответственные» merged down a section, title rows,
respelled headers, .ods. Each gives the base's statuses, activity by activity, or a refusal that names a
place; never other statuses. The comparison is by the activity's title: sections renumber them.

By hand, as of Q2's status date (07.01.2024), from builders' ROADMAP_ROWS: «Создание чата» done
(«выполнено»), «Сетевые сообщества» done (a completion date), «Рекомендации» overdue («выполняется»,
due November), «Консультации» in progress (September–May), «Итоги четверти» not started (March),
«Отменённое» cancelled; each with its responsible as builders have them (a merge means its value in
every row it covers)."""

from __future__ import annotations

import tempfile
from itertools import combinations
from pathlib import Path

from openpyxl import load_workbook
from openpyxl.styles import PatternFill

from reporting import build_package, check

from .builders import ROADMAP_HEADERS, ROADMAP_ROWS, make_inputs
from .ods import COVERED, Filled, Merged, write_ods

OPTIONS = ("colour", "legend_above", "sections", "merged_responsible", "title", "respelled", "ods")
STATUSES = {"Создание чата": "done", "Сетевые сообщества": "done", "Рекомендации": "overdue",
            "Консультации": "in_progress", "Итоги четверти": "not_started", "Отменённое": "cancelled"}  # fmt: skip
EXPECTED = {row[1]: (STATUSES[row[1]], row[2]) for row in ROADMAP_ROWS}  # and each one's responsible
# the colour of each activity's row when its status is a colour, and the legend's words for them
COLOURS = {"1.": "00B050", "2.": "00B050", "3": "FFFF00", "6": "BFBFBF"}
LEGEND = [("00B050", "выполнено"), ("FFFF00", "выполняется"), ("BFBFBF", "отменено")]
RESPELLED = {"№": "№ п/п", "Мероприятие": "Наименование мероприятия", "Ответственные": "Ответственный",
             "Срок": "Сроки", "Результат": "Ожидаемый результат"}  # fmt: skip
SECTIONS = {0: ("1.", "Организационные мероприятия"), 2: ("2.", "Сопровождение")}  # before activity index


def layout(options) -> tuple[list[list], dict[int, str], list[tuple[int, int, int]]]:
    """(rows, 0-based row -> fill colour, merges as (row, column, rows down) 0-based) of the roadmap sheet."""
    colour = "colour" in options
    width = 5 if colour else 7  # a colour stands for «Статус» and «Дата выполнения»
    headers = [RESPELLED.get(h, h) if "respelled" in options else h for h in ROADMAP_HEADERS[:width]]
    rows, fills, merges = [], {}, []
    if "title" in options:
        rows += [["Дорожная карта перехода на платформу"], []]
    if colour and "legend_above" in options:  # the legend in the title area, a blank row before the table
        for code, word in LEGEND:
            fills[len(rows)] = code
            rows.append([None, word])
        rows.append([])
    rows.append(headers)
    numbers = {}
    for index, activity in enumerate(ROADMAP_ROWS):
        if "sections" in options and index in SECTIONS:
            rows.append([*SECTIONS[index], *[None] * (width - 2)])
        number = activity[0]
        if "sections" in options:  # renumbered as sub-items of their section
            section = 1 if index < 2 else 2
            numbers[section] = numbers.get(section, 0) + 1
            number = f"{section}.{numbers[section]}"
        if colour and activity[0] in COLOURS:
            fills[len(rows)] = COLOURS[activity[0]]
        rows.append([number, *activity[1:width]])
    if "merged_responsible" in options:  # «Администрация» once over activities 3–6, as over their section
        first = next(i for i, r in enumerate(rows) if r[1:2] == ["Рекомендации"])
        merges.append((first, 2, 4))
        for row in rows[first + 1 : first + 4]:
            row[2] = None
    if colour and "legend_above" not in options:  # the legend under the table
        rows.append([])
        for code, word in LEGEND:
            fills[len(rows)] = code
            rows.append([None, word])
    return rows, fills, merges


def write(folder: Path, options) -> Path:
    rows, fills, merges = layout(options)
    make_inputs(folder)
    (folder / "roadmap.xlsx").unlink()
    if "ods" in options:
        cells = [list(r) for r in rows]
        for r, c, down in merges:
            cells[r][c] = Merged(cells[r][c], rows=down)
            for below in range(r + 1, r + down):
                cells[below][c] = COVERED
        for r, code in fills.items():
            span = 1 if cells[r][:1] == [None] else len(cells[r])  # a legend's one cell, an activity's row
            cells[r] = [Filled(v, code) if c < span else v for c, v in enumerate(cells[r])]
        (folder / "roadmap.ods").write_bytes(write_ods({"Дорожная карта": cells}, padding=False))
        return folder
    from .builders import write_xlsx

    write_xlsx(folder / "roadmap.xlsx", {"Дорожная карта": rows})
    book = load_workbook(folder / "roadmap.xlsx")
    sheet = book.active
    for r, code in fills.items():
        span = 1 if rows[r][:1] == [None] else len(rows[r])
        for c in range(span):
            sheet.cell(r + 1, c + 1).fill = PatternFill("solid", fgColor="FF" + code)
    for r, c, down in merges:
        sheet.merge_cells(start_row=r + 1, start_column=c + 1, end_row=r + down, end_column=c + 1)
    book.save(folder / "roadmap.xlsx")
    return folder


def statuses(folder: Path, out: Path):
    report = check(folder)
    if not report.valid:
        return None, report.problems
    result = build_package(2, folder, out, data_only=True)
    return {a.activity.title: (a.status, a.responsible) for a in result.model.activities}, ()


def test_the_base_roadmap_has_the_hand_computed_statuses(tmp_path):
    assert statuses(write(tmp_path / "in", frozenset()), tmp_path / "out")[0] == EXPECTED


def test_each_layout_alone_reads():
    for option in OPTIONS:
        options = frozenset({option, "colour"} if option == "legend_above" else {option})
        with tempfile.TemporaryDirectory() as tmp:
            found, problems = statuses(write(Path(tmp) / "in", options), Path(tmp) / "out")
        assert found == EXPECTED, (sorted(options), problems)


def test_every_combination_of_layouts_gives_the_base_statuses_or_a_located_refusal(tmp_path):
    """All 128 combinations (about 9 s): few enough to try each rather than a sample."""
    refused = 0
    for n in range(len(OPTIONS) + 1):
        for options in combinations(OPTIONS, n):
            folder = write(tmp_path / f"in-{'-'.join(options) or 'base'}", frozenset(options))
            found, problems = statuses(folder, tmp_path / f"out-{'-'.join(options)}")
            if found is None:
                refused += 1
                assert problems and all(p.file and (p.sheet or p.row or p.column) for p in problems), (
                    options,
                    problems,
                )
            else:
                assert found == EXPECTED, options
    assert refused == 0  # every combination reads: none of these layouts is the school's to settle
