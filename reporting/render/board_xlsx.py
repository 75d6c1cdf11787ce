"""The district's board as a workbook (the board page's «Скачать (XLSX)»): a row per organisation,
its status and each group's coverage; names are data, never formulas."""

from __future__ import annotations

import io

import xlsxwriter

from .formatting import CATEGORY_LABELS

EXTRA_LABELS = {"all": "Все работники", "other": "Прочие работники", "pupils": "Обучающиеся", "parents": "Родители"}


def group_label(group: str) -> str:
    return CATEGORY_LABELS.get(group) or EXTRA_LABELS.get(group, group)


def board_workbook(week, groups: list[str], rows) -> bytes:
    buffer = io.BytesIO()
    options = {"in_memory": True, "strings_to_formulas": False, "strings_to_urls": False, "strings_to_numbers": False}
    with xlsxwriter.Workbook(buffer, options) as book:
        sheet = book.add_worksheet("Свод")
        head = book.add_format({"bold": True, "text_wrap": True, "valign": "top", "bg_color": "#DDDDDD", "border": 1})
        number = book.add_format({"num_format": "0.0"})
        titles = ["Организация", "Статус", "Получено"]
        for group in groups:
            titles += [f"{group_label(group)}: охват, %", f"{group_label(group)}: изменение, п. п."]
        sheet.write_string(0, 0, f"Неделя с {week:%d.%m.%Y}", head)
        for column, title in enumerate(titles):
            sheet.write_string(1, column, title, head)
        for index, row in enumerate(rows, start=2):
            sheet.write_string(index, 0, row.line.name)
            sheet.write_string(index, 1, row.line.status)
            sheet.write_string(index, 2, (row.line.received or "")[:16].replace("T", " "))
            for offset, group in enumerate(groups):
                for shift, value in ((0, row.shares[group]), (1, row.changes[group])):
                    if value is not None:  # the exact figure; the cell's format shows one decimal
                        sheet.write_number(index, 3 + 2 * offset + shift, float(value), number)
        sheet.set_column(0, 0, 40)
        sheet.set_column(1, 2, 16)
        sheet.set_column(3, 2 + 2 * len(groups), 14)
        sheet.freeze_panes(2, 1)
    return buffer.getvalue()
