"""Categories as section rows: «Педагогические работники» over a block of names, «Администрация»
over the next — a roster without a «Категория» column, as many schools keep it.

A section row has one text cell, in the name column, that reads as a category, and nothing else.
Its category is written into a column of its own for the rows below it (up to the next section),
and the section row itself is emptied so that no one takes it for a person.  The reading report
says which rows were read so.
"""

from __future__ import annotations

import re

from ..errors import Problems, row_ranges
from ..read.split_names import joined_columns
from ..read.table import Table
from ..read.text import clean
from .categories import category_of

SECTION_HEADER = "Категория (по строкам-разделам)"
_NUMBERING = re.compile(r"^(?:\d+|[IVXLC]+)[.)]\s*")


def categories_from_sections(table: Table, default: str | None = None) -> list[str]:
    """Give ``table`` a category column from its section rows (above the first one: ``default``, the
    category a sheet's own name gives, «Администрация»); the notes to make (none: no category found)."""
    name = table.columns.get("name")
    if name is None or table.has("category"):
        return []
    blocks: list[tuple[str, list[int]]] = [(default, [])] if default else []
    current = default
    parts = joined_columns(table)  # ФИО joined from «Фамилия», «Имя»: the heading stands in «Фамилия» too
    for row in table.rows:
        values = row.values
        text = values[name] if name < len(values) else None
        alone = isinstance(text, str) and all(v in (None, "") or (isinstance(v, str) and not v.strip())
                                              for i, v in enumerate(values) if i != name and i not in parts)  # fmt: skip
        if alone and category_of(_heading(text)) is not None:
            current = _heading(text)
            blocks.append((current, []))
            row.values = [None] * len(values)  # a heading, not a person
            continue
        row.values = [*values, current]
        if current is not None and not row.is_blank():
            blocks[-1][1].append(row.number)
    blocks = [(text, rows) for text, rows in blocks if rows or text != default]
    if not blocks:
        for row in table.rows:
            row.values.pop()
        return []
    table.headers = [*table.headers, SECTION_HEADER]
    table.columns["category"] = len(table.headers) - 1
    return [f"«{text}» — строки {row_ranges(rows)}" if rows else f"«{text}» — нет строк" for text, rows in blocks]


def _heading(text: str) -> str:
    """«1. Педагогические работники:», «II) Администрация» → the category's words."""
    return _NUMBERING.sub("", clean(text)).rstrip(" :.")


def note_sections(table: Table, found: list[str], problems: Problems, default: str | None = None) -> None:
    source = "из имени листа и строк-разделов" if default else "из строк-разделов"
    problems.note(table.file, f"столбца «Категория» нет: категории взяты {source}: " + "; ".join(found),
                  table.sheet)  # fmt: skip
