"""Merged cells in the staff sheets (issue 30, point 3): a merge means its value in every cell it covers.

* In the roster, a cell merged down a block («Педагогические работники» in «Категория» over five
  people, a department over its staff) is that value in each row — as in the roadmap
  (``roadmap_structure.fill_merged``).
* In a wide weekly sheet, a week's column merged down the people's rows with a word in it
  («каникулы», «осенние каникулы») is a week without monitoring: set aside and named, never a
  count cell holding text.

Merges are looked up only where a sheet shows the sign of one (a blank run under a value, a word
over an empty column): finding them parses a sheet again, which a region's weekly sheet must not
pay for nothing.
"""

from __future__ import annotations

from ..errors import Problems
from ..read.cells import CellError, parse_count
from ..read.table import Table
from ..read.text import clean
from ..read.workbook import Workbook
from .roadmap_structure import fill_merged
from .roster import is_total_text


def fill_roster_merges(book: Workbook, roster: Table, problems: Problems) -> None:
    """The roster's merged cells read as their value in every row they cover (the reading report says
    where). Looked for only when a named column has a blank cell right under a value."""
    columns = [i for key, i in roster.columns.items() if key in ("category", "department", "position", "organization")]
    rows = roster.rows
    if not columns or not book.may_have_merges(roster.sheet) or not any(
        c < len(a.values) and c < len(b.values) and a.values[c] not in (None, "") and b.values[c] in (None, "")
        for a, b in zip(rows, rows[1:], strict=False)
        for c in columns
    ):  # fmt: skip
        return
    fill_merged(book, roster, problems, only=set(columns))


def unmonitored_weeks(book: Workbook, table: Table, week_columns: list[int], problems: Problems) -> set[int]:
    """Week columns merged down the people's rows holding a word: weeks without monitoring."""
    rows = table.rows
    if len(rows) < 2:
        return set()
    first = rows[0].number
    candidates = [c for c in week_columns if c < len(rows[0].values) and _is_word(rows[0].values[c])
                  and all(c >= len(r.values) or r.values[c] in (None, "") for r in rows[1:])]  # fmt: skip
    if not candidates:
        return set()
    name = table.columns.get("name", table.columns.get("number"))
    people = [r for r in rows if not r.is_blank() and not (name is not None and is_total_text(r.values[name]))]
    last = max((r.number for r in people), default=first)  # the people's last row: a totals row is no one's
    found = set()
    for r0, c0, r1, c1 in book.merged_ranges(table.sheet):
        if c0 == c1 and c0 in candidates and r0 + 1 <= first and r1 + 1 >= last:
            found.add(c0)
            problems.note(
                table.file,
                f"столбец «{clean(table.headers[c0])}» объединён по всем строкам сотрудников с надписью "
                f"«{clean(rows[0].values[c0])}»: неделя без мониторинга, в расчёт не входит",
                table.sheet,
            )  # fmt: skip
    return found


def _is_word(value: object) -> bool:
    if not isinstance(value, str) or not clean(value):
        return False
    try:
        parse_count(value)
        return False
    except CellError:
        return any(ch.isalpha() for ch in value)
