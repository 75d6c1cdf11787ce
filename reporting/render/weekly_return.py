"""The weekly return as files: an «Охват» sheet the district's copy of the tool reads back, and a CSV."""

from __future__ import annotations

import csv
import io

from ..compute.weekly_return import ReturnRow
from .formatting import CATEGORY_LABELS, week_label
from .xlsx_safe import SheetWriter, new_book

HEADERS = ["Организация", "Неделя", "Группа", "Всего", "Активных", "Охват, %"]


def _cells(row: ReturnRow) -> list:
    f = row.figure
    return [row.organization, week_label(f.week), CATEGORY_LABELS[row.group].lower(), f.counted, f.active, f.percent]


def return_xlsx(rows: tuple[ReturnRow, ...], school_name: str, week) -> bytes:
    book, buffer, formats = new_book(week, f"Еженедельный отчёт об охвате за {week_label(week)}", school_name)
    sheet = SheetWriter(book, "Охват", HEADERS, formats)
    for row in rows:
        sheet.write_row(_cells(row))
    sheet.finish()
    book.close()
    return buffer.getvalue()


def return_csv(rows: tuple[ReturnRow, ...]) -> bytes:
    """UTF-8 with a BOM and «;» between fields, so that Excel in a Russian locale opens it as a table."""
    text = io.StringIO()
    writer = csv.writer(text, delimiter=";", lineterminator="\r\n")
    writer.writerow(HEADERS)
    for row in rows:
        cells = _cells(row)
        cells[-1] = "" if cells[-1] is None else f"{cells[-1]:.2f}".replace(".", ",")
        writer.writerow(_safe(c) for c in cells)
    return ("\ufeff" + text.getvalue()).encode("utf-8")


def _safe(value) -> str:
    """A cell never starts like a formula when a spreadsheet opens the CSV."""
    text = str(value)
    return "'" + text if text[:1] in ("=", "+", "-", "@") else text
