"""xlsxwriter with every cell written by type: text is never a formula."""

from __future__ import annotations

import datetime as dt
import io

import xlsxwriter

FIXED_OPTIONS = {"strings_to_formulas": False, "strings_to_urls": False, "in_memory": True}


class SheetWriter:
    """Write rows of typed values; widths follow the content, header frozen."""

    def __init__(self, book: xlsxwriter.Workbook, name: str, headers: list[str], formats: dict):
        self.sheet = book.add_worksheet(name)
        self.formats = formats
        self.widths = [len(h) + 2 for h in headers]
        self.row = 0
        for column, header in enumerate(headers):
            self.sheet.write_string(0, column, header, formats["header"])
        self.sheet.freeze_panes(1, 0)
        self.sheet.set_row(0, 32)

    def write_row(self, values: list, styles: dict[int, str] | None = None) -> None:
        self.row += 1
        for column, value in enumerate(values):
            style = self.formats.get((styles or {}).get(column, ""))
            self.write(self.row, column, value, style)

    def write(self, row: int, column: int, value, style=None) -> None:
        sheet = self.sheet
        if value is None:
            sheet.write_blank(row, column, None, style)
            width = 0
        elif isinstance(value, bool):
            sheet.write_string(row, column, "да" if value else "нет", style)
            width = 3
        elif isinstance(value, (int, float)):
            sheet.write_number(row, column, value, style)
            width = len(str(value))
        elif isinstance(value, dt.date):
            sheet.write_datetime(row, column, dt.datetime.combine(value, dt.time()), style or self.formats["date"])
            width = 10
        else:
            sheet.write_string(row, column, str(value), style)
            width = min(len(str(value)), 60)
        if column >= len(self.widths):
            self.widths.extend([8] * (column + 1 - len(self.widths)))
        self.widths[column] = max(self.widths[column], width + 2)

    def finish(self, max_width: int = 60) -> None:
        for column, width in enumerate(self.widths):
            self.sheet.set_column(column, column, min(width, max_width))
        if self.row:
            self.sheet.autofilter(0, 0, self.row, len(self.widths) - 1)


def new_book(created: dt.date, title: str, author: str) -> tuple[xlsxwriter.Workbook, io.BytesIO, dict]:
    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(buffer, FIXED_OPTIONS)
    # A fixed creation date keeps the file byte-identical between runs.
    book.set_properties({"title": title, "author": author, "created": dt.datetime.combine(created, dt.time())})
    formats = {
        "header": book.add_format(
            {"bold": True, "text_wrap": True, "valign": "top", "bg_color": "#DDE5F0", "border": 1}
        ),
        "date": book.add_format({"num_format": "dd.mm.yyyy"}),
        "percent": book.add_format({"num_format": "0.00"}),
        "low": book.add_format({"bg_color": "#F8CBAD"}),
        "absent": book.add_format({"bg_color": "#E7E6E6"}),
        "wrap": book.add_format({"text_wrap": True, "valign": "top"}),
    }
    return book, buffer, formats
