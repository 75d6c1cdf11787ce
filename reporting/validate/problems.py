"""Located problems: one way for every sheet validator to say where a cell is wrong."""

from __future__ import annotations

from ..errors import shown
from ..read.cells import CellError, is_empty, parse_date
from ..read.refs import column_letters
from ..read.table import Row, Table
from ..read.text import clean
from .categories import ACCEPTED, category_of


def problem_at(problems, table: Table, row: Row | None, column: str | int, kind: str, message: str, **extra):
    if "organization" not in extra and row is not None and table.has("organization"):
        # A roster row names its organisation: a municipal run can then set that one aside.
        extra["organization"] = clean(row.get("organization") or "") or None
    if table.transposed and isinstance(column, str) and table.has(column):
        column = table.columns[column]  # «ФИО» is a row of the sheet itself: located as the int key is
    if table.transposed and isinstance(column, int):  # the turned sheet's place, as the sheet itself has it
        letters = column_letters(row.number - 1) if row else column_letters(table.header_row - 1)
        name = clean(shown(row.values[table.columns["name"]])) if row and table.has("name") else ""
        problems.add(kind, table.file, message, sheet=table.sheet, row=column + 1,
                     column=f"{letters}, {name}" if name else letters, **extra)  # fmt: skip
        return
    if isinstance(column, int):
        header = shown(table.headers[column]) if column < len(table.headers) else ""
        header = clean(header) if header not in ("None", "") else ""
        header = header or f"{column_letters(column)} (без заголовка)"
    else:
        header = table.header(column) if table.has(column) else column
    problems.add(
        kind, table.file, message, sheet=table.sheet,
        row=row.number if row else table.header_row, column=header, **extra,
    )  # fmt: skip


def checked_category(value: object, report, indicator: bool = False) -> str | None:
    """The category, or None after ``report(kind, message, value=, hint=)`` said why."""
    category = category_of(value or "", indicator)
    if category is None:
        also = "; для показателя и листа «Охват» также «все работники», «родители», «обучающиеся»" if indicator else ""
        report("unknown_category", "неизвестная категория", value=value, hint=f"Допустимо: {ACCEPTED}{also}")
    return category


def checked_date(value: object, report, required: bool = False):
    """The date, or None (after ``report(kind, message, …)`` when it is wrong or missing)."""
    if is_empty(value):
        if required:
            report("missing_value", "не заполнена дата")
        return None
    try:
        return parse_date(value)
    except CellError as exc:
        report("bad_date", str(exc), value=value)
        return None
