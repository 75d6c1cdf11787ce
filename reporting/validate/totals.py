"""A weekly sheet's own totals, checked against the tool's sums (issue 30, point 5).

Rows («Итого», «Всего») and columns («Итого за ноябрь», «Всего за четверть», a week's «Итого»
sub-column) that sum the sheet are never read as a person or a week; they are compared with the sum
of the numbers they stand for, and a total that agrees with neither reading of the sheet is a
located problem naming both figures — the sheet's numbers or its total are wrong, and which one is
the school's to say. A total is taken to sum:

* a totals row: the people's rows since the previous totals row (a section's subtotal), or all the
  people's rows above it (the grand total, which never adds the subtotals again);
* a totals column: the week columns since the previous totals column (a month's, a week's
  sub-columns), or all the week columns before it.

A count typed as text («10») is summed by some spreadsheets and passed over by Excel's SUM: a total
is right when it agrees with either. Shares and averages («%», «Охват», «Среднее») are not sums and
are not checked.
"""

from __future__ import annotations

from ..errors import Problems, row_ranges
from ..layout.reading import update_layout
from ..read.cells import is_empty
from ..read.formulas import AGGREGATE, SUM
from ..read.refs import column_letters
from ..read.subcolumns import SUM_WORDS
from ..read.table import Row, Table
from ..read.text import clean, header_key
from .problems import problem_at


def check_totals(
    table: Table, people: list[Row], total_rows: list[Row], week_columns: list[int], unread: list[int],
    problems: Problems, computed: dict[int, str] | None = None, computed_columns: dict[int, str] | None = None,
) -> None:  # fmt: skip
    """Compare every totals row and column of a wide sheet with the sums of what it totals;
    ``computed``/``computed_columns``: rows (numbers) and columns known as totals by their formulas alone,
    with their kind (only sums are checked)."""
    computed, computed_columns = computed or {}, computed_columns or {}
    total_rows = [
        r
        for r in total_rows
        if any(w.startswith(SUM_WORDS) for w in _label(r, table).split()) or computed.get(r.number) == SUM
    ]  # fmt: skip  (not shares)
    checked_rows = _check_rows(table, people, total_rows, week_columns, problems)
    sums = sorted({c for c in unread if header_key(clean(table.headers[c] or "")).startswith(SUM_WORDS)}
                  | {c for c, kind in computed_columns.items() if kind == SUM})  # fmt: skip
    checked_columns = _check_columns(table, people, sums, week_columns, problems) if sums else 0
    if checked_rows or checked_columns:
        what = []
        if checked_rows:
            what.append(f"строки итогов ({', '.join(str(r.number) for r in total_rows)})")
        if checked_columns:
            what.append("столбцы итогов (" + ", ".join(_column_name(table, c) for c in sums) + ")")
        problems.note(table.file, f"{' и '.join(what)} сверены с суммами программы: совпадают", table.sheet)


def computed_row(table: Table, row: Row, columns: list[int]) -> str:
    """SUM or AGGREGATE when a row with no ФИО and no personnel number (a totals row nobody labelled)
    holds formulas of that kind in every filled cell among ``columns``, else "" — a name or a number
    makes it someone's row."""
    if not table.formulas or not (is_empty(row.get("name")) and is_empty(row.get("number"))):
        return ""
    values = row.values
    return _one_kind(table, ((row.number, c, values[c]) for c in columns if c < len(values)))


def computed_column(table: Table, column: int) -> str:
    """SUM or AGGREGATE when every filled cell of ``column`` below the header is a formula of that kind."""
    if not table.formulas:
        return ""
    return _one_kind(table, ((r.number, column, r.values[column]) for r in table.rows if column < len(r.values)))


def _one_kind(table: Table, cells) -> str:
    """The one formula kind of these (row, column, value) cells, each filled one a formula; else ""."""
    kinds = set()
    for number, column, value in cells:
        if value not in (None, ""):
            kind = table.formulas.get((number, column))
            if not kind:
                return ""
            kinds.add(kind)
    return kinds.pop() if len(kinds) == 1 else ""


_KIND_WORDS = {SUM: "суммы", AGGREGATE: "подсчёты"}


def note_computed(
    table: Table, rows: dict[int, str], columns: dict[int, str], problems: Problems, checked: bool = True
) -> None:
    """The reading report's line for rows and columns (number or index -> formula kind) read as computed
    by their formulas alone (``checked``: their sums are compared with the tool's — a wide sheet's)."""
    said = []
    if rows:
        said.append(f"строки {row_ranges(sorted(rows))} без ФИО, в их ячейках — формулы")
    if columns:
        said.append("столбцы " + ", ".join(_column_name(table, c) for c in columns) + " — формулы")
    update_layout(table, computed=(*(f"строка {n} — {_KIND_WORDS[k]}" for n, k in sorted(rows.items())),
                                   *(f"столбец {column_letters(c)} — {_KIND_WORDS[k]}" for c, k in columns.items())))  # fmt: skip
    if said:
        kinds = set(columns.values()) | set(rows.values())
        what = {SUM: "суммы", AGGREGATE: "подсчёты и доли (СЧЁТЕСЛИ, СРЗНАЧ, деление)"}
        problems.note(table.file, f"{'; '.join(said)} ({', '.join(what[k] for k in sorted(kinds, reverse=True))}): "
                      "прочитаны как итоговые, не как сотрудники и не как недели; "
                      + ("суммы сверены с суммами программы, подсчёты и доли не сверяются" if checked else
                         "в листе по строке на сотрудника и неделю они не сверяются: программа считает сама"),
                      table.sheet)  # fmt: skip


def _column_name(table: Table, column: int) -> str:
    header = clean(table.headers[column] or "") if column < len(table.headers) else ""
    return f"«{header}»" if header else f"{column_letters(column)} (без заголовка)"


def _label(row: Row, table: Table) -> str:
    """The words a totals row is labelled with (in its name or number column)."""
    cells = [row.values[i] for i in (table.columns.get("name"), table.columns.get("number")) if i is not None]
    return " ".join(header_key(clean(v)) for v in cells if isinstance(v, str))


def _check_rows(table, people, total_rows, week_columns, problems) -> bool:
    if not total_rows or not week_columns:
        return False
    from bisect import bisect_left

    numbers = [r.number for r in people]  # in the sheet's order
    mismatched, compared = False, 0
    for column in week_columns:
        cells = [_cell(r, column) for r in people]
        if _has_error(cells):  # «#DIV/0!» among them: the SUM is one too, and the cell is named where read
            continue
        sums = {text: _prefix(cells, text) for text in (True, False)}  # a region's rows: summed once
        previous = 0
        for total in total_rows:
            given = _number(_cell(total, column))
            at = bisect_left(numbers, total.number)
            if given is None:
                previous = at
                continue
            compared += 1
            readings = {s[at] - s[previous] for s in sums.values()} | {s[at] for s in sums.values()}
            if not any(abs(given - s) < 1e-6 for s in readings):
                mismatched = True
                section = sums[True][at] - sums[True][previous]
                problem_at(problems, table, total, column, "total_mismatch",
                           f"итог {_shown(given)}, а сумма чисел столбца над ним — {_shown(section)}",
                           value=_shown(given))  # fmt: skip
            previous = at
    return compared > 0 and not mismatched


def _prefix(cells: list, text: bool) -> list[float]:
    """Running sums of a column's numbers: [0, first, first + second, …]."""
    from itertools import accumulate

    values = (v if type(v) is float else 0.0 if v == "" or v is None else _number(v, text) or 0.0 for v in cells)
    return [0.0, *accumulate(values)]


def _check_columns(table, people, sums, week_columns, problems) -> int:
    mismatched, compared = False, 0
    for at, column in enumerate(sums):
        start = sums[at - 1] if at else -1
        since = [c for c in week_columns if start < c < column]
        before = [c for c in week_columns if c < column]
        if not before:
            continue
        for row in people:
            given = _number(_cell(row, column))
            if given is None:
                continue
            compared += 1
            readings = {_row_sum(row, since, text) for text in (True, False)} | {
                _row_sum(row, before, text) for text in (True, False)
            }
            if not any(abs(given - s) < 1e-6 for s in readings):
                mismatched = True
                problem_at(problems, table, row, column, "total_mismatch",
                           f"итог {_shown(given)}, а сумма недель в строке — {_shown(_row_sum(row, since or before, True))}",
                           value=_shown(given))  # fmt: skip
    return 0 if mismatched or not compared else len(sums)


def _has_error(cells: list) -> bool:
    return any(isinstance(v, str) and v.startswith("#") for v in cells)


def _cell(row: Row, column: int) -> object:
    return row.values[column] if column < len(row.values) else None


def _number(value: object, text: bool = True) -> float | None:
    """A number as a spreadsheet's SUM may take it: a number, or (``text``) digits typed as text."""
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, int | float):
        return float(value)
    if text and isinstance(value, str):
        digits = "".join(clean(value).split())
        if digits.isdigit() and len(digits) <= 15:  # a count, not a string of digits past any count
            return float(digits)
    return None


def _sum(rows: list[Row], column: int, text: bool) -> float:
    return sum(n for n in (_number(_cell(r, column), text) for r in rows) if n is not None)


def _row_sum(row: Row, columns: list[int], text: bool) -> float:
    return sum(n for n in (_number(_cell(row, c), text) for c in columns) if n is not None)


def _shown(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else f"{value:.2f}".replace(".", ",")
