"""The problems ``check`` found as a workbook a clerk can sort, filter and tick off (the web page's
«Скачать список (XLSX)»).  Cell text is data: nothing a cell holds is written as a formula or link."""

from __future__ import annotations

import io

import xlsxwriter

COLUMNS = (
    ("Вид", 26), ("Файл", 22), ("Лист", 16), ("Ячейка", 9), ("Строка", 8), ("Столбец", 18),
    ("Значение", 18), ("Что не так", 60), ("Что сделать", 60),
)  # fmt: skip


def problems_workbook(problems, cells: tuple[str, ...]) -> bytes:
    """One row per problem, in the order given; ``cells`` holds each one's address («E41») or ""."""
    buffer = io.BytesIO()
    options = {"in_memory": True, "strings_to_formulas": False, "strings_to_urls": False, "strings_to_numbers": False}
    with xlsxwriter.Workbook(buffer, options) as book:
        sheet = book.add_worksheet("Ошибки")
        head = book.add_format({"bold": True, "text_wrap": True, "valign": "top", "bg_color": "#DDDDDD", "border": 1})
        wrap = book.add_format({"text_wrap": True, "valign": "top"})
        for index, (title, width) in enumerate(COLUMNS):
            sheet.write_string(0, index, title, head)
            sheet.set_column(index, index, width, wrap)
        for row, (problem, cell) in enumerate(zip(problems, cells, strict=True), start=1):
            values = (
                problem.kind.title, problem.file, problem.sheet or "", cell,
                "" if problem.row is None else str(problem.row), problem.column or "", problem.value or "",
                problem.message, problem.hint or problem.kind.hint,
            )  # fmt: skip
            for column, value in enumerate(values):
                sheet.write_string(row, column, str(value))
        sheet.freeze_panes(1, 0)
        sheet.autofilter(0, 0, max(1, len(cells)), len(COLUMNS) - 1)
    return buffer.getvalue()
