"""What a roadmap sheet says through its structure: section headings over their sub-items, and
cells merged down several activities (one responsible, one deadline for a whole section)."""

from __future__ import annotations

import re

from ..errors import Problems, row_ranges
from ..inputs import Section
from ..read.cells import is_empty, key_text
from ..read.refs import column_letters
from ..read.table import Row, Table
from ..read.text import clean
from ..read.workbook import Workbook

_HAS_LETTER = re.compile(r"[^\W\d_]")
# a section's own numbering: Roman numerals («II»), or a word first («Раздел 2», «Блок 1»)
_HEADING_NUMBER = re.compile(r"^(?:[IVXLC]+|[^\W\d_]{3,}\b.*)$")


def fill_merged(book: Workbook, table: Table, problems: Problems, only: set[int] | None = None) -> None:
    """A cell merged down several rows means its value in every row it covers («Ответственные»
    merged down a section): the value is copied into the covered cells, and the reading report
    says where. Merges across columns (a heading over the row) are left as they are."""
    by_number = {row.number: row for row in table.rows}
    filled: dict[int, list[int]] = {}
    for r0, c0, r1, _ in book.merged_ranges(table.sheet):
        top = by_number.get(r0 + 1)
        if r1 <= r0 or top is None or c0 >= len(top.values) or top.values[c0] in (None, ""):
            continue
        if only is not None and c0 not in only:  # ``only``: these columns (a roster's, not its weeks)
            continue
        for number in range(r0 + 2, r1 + 2):
            row = by_number.get(number)
            if row is None:
                continue
            if c0 >= len(row.values):
                row.values.extend([""] * (c0 + 1 - len(row.values)))
            if row.values[c0] in (None, ""):
                row.values[c0] = top.values[c0]
                filled.setdefault(c0, []).append(number)
    for column, rows in sorted(filled.items()):
        header = clean(table.headers[column]) if column < len(table.headers) and table.headers[column] else ""
        named = f"«{header}»" if header else column_letters(column)
        problems.note(
            table.file,
            f"объединённые ячейки столбца {named} прочитаны как значение в каждой строке, которую они "
            f"покрывают: строки {row_ranges(rows)}",
            table.sheet,
        )  # fmt: skip


def number_of(row: Row, key: str = "number") -> str:
    """An activity number as its key, as printed without a trailing dot: ``"1."`` → ``"1"``; "" for none."""
    raw = row.get(key)
    return "" if is_empty(raw) else key_text(raw).rstrip(".").strip()


def find_sections(table: Table, problems: Problems, skip: set[int] = frozenset()) -> dict[int, Section]:
    """Section headings by their row: a numbered row whose sub-items follow (1 over 1.1, 1.2), or a
    row holding nothing but one text with letters in its first columns («Раздел I. Организационные
    мероприятия», merged across the row). Each is named in the reading report; what else a numbered
    heading holds (a deadline, responsibles) is named too, since no activity takes it."""
    numbers = {row.number: number_of(row) for row in table.rows if not row.is_blank() and row.number not in skip}
    parents = {n.rsplit(".", 1)[0] for n in numbers.values() if "." in n}
    found: dict[int, Section] = {}
    ignored = []
    for row in table.rows:
        number = numbers.get(row.number)
        if number is None:
            continue
        title = clean(row.get("title")) if isinstance(row.get("title"), str) else ""
        if number and number in parents:
            found[row.number] = Section(key_text(row.get("number")), title, row.number)
            rest = [k for k in ("responsible", "deadline", "result", "status") if not is_empty(row.get(k))]
            if rest:
                ignored.append(row.number)
            continue
        if _HEADING_NUMBER.match(number) and is_empty(row.get("deadline")) and is_empty(row.get("responsible")):
            found[row.number] = Section(key_text(row.get("number")), title, row.number)  # «I», «Раздел 2»
            continue
        heading = _lone_heading(row)
        if heading is not None:
            found[row.number] = Section("", heading, row.number)
    if found:
        shown = "; ".join(
            f"строка {s.row} — «{' '.join(p for p in (s.label, s.title) if p)}»" for s in list(found.values())[:10]
        )
        more = f" и ещё {len(found) - 10}" if len(found) > 10 else ""
        problems.note(
            table.file,
            f"заголовки разделов, не мероприятия: {shown}{more}"
            + (
                f". Срок, ответственные и статус в строках разделов ({row_ranges(ignored)}) не относятся ни к одному "
                "мероприятию и не учтены"
                if ignored else ""
            ),
            table.sheet,
        )  # fmt: skip
    return found


def _lone_heading(row: Row) -> str | None:
    """The text of a row that holds only one text cell with letters, in the number column (a heading
    merged across the row); a title alone is an activity missing its cells, and is refused as such."""
    cells = [
        (i, v) for i, v in enumerate(row.values) if v not in (None, "") and not (isinstance(v, str) and not clean(v))
    ]
    if len(cells) != 1:
        return None
    index, value = cells[0]
    columns = row.table.columns
    if index != columns.get("number") or not isinstance(value, str):
        return None
    text = clean(value)
    return text if _HAS_LETTER.search(text) else None
