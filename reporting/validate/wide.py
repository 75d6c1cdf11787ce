"""A wide weekly sheet: people in rows, a column per week (or per week and platform).

A region's sheet has millions of cells: the common row (one row per person, plain numbers) fills
whole blocks with numpy; everything else goes cell by cell through the grid, which names what is wrong.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from itertools import chain
from operator import itemgetter

from ..compute.calendar import monday
from ..errors import Problems, row_ranges, shown
from ..inputs import Person
from ..layout.model import UNDECIDED
from ..layout.reading import update_layout, week_layout
from ..read.cells import MAX_COUNT, CellError, is_empty, parse_count
from ..read.header_levels import is_total_header
from ..read.refs import column_letters
from ..read.split_names import joined_columns
from ..read.table import Row, Table
from ..read.text import clean, header_key
from ..read.weeks import LABEL_FORMS, looks_like_week
from .answers import own_words, threshold_answer, yes_no
from .grid import Grid
from .problems import problem_at
from .roster import PeopleIndex, is_total_text
from .totals import check_totals, computed_column, computed_row, note_computed
from .week_reader import WeekReader


def is_long(table: Table, key: str) -> bool:
    return (table.has("week") or table.has("day")) and table.has(key)


def note_unused(table: Table, columns: list[int], problems: Problems) -> None:
    headers = [f"«{clean(table.headers[c])}»" for c in columns if clean(table.headers[c] or "")]
    if headers:
        problems.note(table.file, "не используются столбцы: " + ", ".join(headers), table.sheet)


def note_totals(table: Table, rows: list[int], problems: Problems) -> None:
    if rows:
        problems.note(table.file, f"пропущены как итоговые («Итого»/«Всего»): строки {row_ranges(rows)}", table.sheet)


def row_part(table: Table, row: Row, day: bool):
    """What tells apart rows of one person and week: the platform, the day."""
    platform = clean(row.get("platform") or "") if table.has("platform") else ""
    # the platform compared case-folded («MAX» and «Max» are one); the grid keeps the first spelling
    return (
        (platform.casefold() or None, clean(shown(row.get("day"))) if day else None, platform)
        if platform or day
        else None
    )


def fill_wide(table: Table, index: PeopleIndex, reader: WeekReader, grid: Grid, problems: Problems) -> None:
    known = set(table.columns.values()) | joined_columns(table)  # «Фамилия», «Имя»: read as the joined ФИО
    weeks: dict[int, dt.date] = {}
    seen: dict[dt.date, int] = {}
    unread = []  # columns that are neither a known field nor a week
    candidates = []  # columns whose header reads as a week, or would with the numbering told
    declared = set(table.week_columns) if table.week_columns is not None else None
    _days_into_weeks(table, reader, known, problems)
    for column, header in enumerate(table.headers):
        if column in known or column in table.read_elsewhere:
            continue
        if declared is not None and column not in declared:
            if header not in (None, "") and looks_like_week(header) and not is_total_header(header):
                _undeclared_week(table, column, problems)
            unread.append(column)
            continue
        if declared is None and (
            header is None or header == "" or is_total_header(header) or not looks_like_week(header)
        ):
            unread.append(column)
            continue
        candidates.append(column)
        week = reader.week(header, None, column)
        if week and column in table.parts:  # a platform's (a day's) sub-column: the week once per platform
            key = (week, header_key(table.parts[column]))
            if key in seen:
                what = "день" if table.sub_roles.get(column) == "day" else "платформа"
                problem_at(problems, table, None, column, "duplicate_column",
                           f"неделя с {week:%d.%m.%Y} и {what} «{table.parts[column]}» уже есть в столбце "
                           f"{column_letters(seen[key])}")  # fmt: skip
            else:
                weeks[column], seen[key] = week, column
        elif week in seen:
            problem_at(
                problems, table, None, column, "duplicate_column",
                f"неделя с {week:%d.%m.%Y} уже есть в столбце «{clean(table.headers[seen[week]])}»",
            )  # fmt: skip
        elif week:
            weeks[column], seen[week] = week, column
    if not weeks and not problems:
        problems.add(
            "missing_column", table.file,
            "не найдены столбцы недель: ни одного заголовка-даты (04.09.2023 или 04.09.2023–10.09.2023), "
            "и нет столбцов «Неделя» и «Сообщений»", sheet=table.sheet, row=table.header_row,
        )  # fmt: skip
    computed_columns = _unread_numbers(table, unread, weeks, problems)
    update_layout(table, orientation="wide", columns=week_layout(table, weeks, candidates),
                  week_numbers=table.week_numbers or (UNDECIDED if reader.numbered else ""))  # fmt: skip
    columns = [(c, weeks[c]) for c in sorted(weeks)]
    for week in weeks.values():
        grid.column(week)
    found, totals, total_rows, computed = [], [], [], {}
    indexes = [c for c, _ in columns]
    at = table.columns.get
    i_name, i_number = at("name"), at("number")
    for row in table.rows:
        # the common row (a known name or number, week cells) through local look-ups; anything
        # else through the index's find, which says what is wrong (100 000 rows in a region)
        values = row.values
        size = len(values)
        raw_name = values[i_name] if i_name is not None and i_name < size else None
        raw_number = values[i_number] if i_number is not None and i_number < size else None
        person = index.known(raw_name, raw_number)
        if person is not None:  # a name or number the roster has: the row is that person's, unless a total
            if is_total_text(raw_name) or is_total_text(raw_number):
                totals.append(row.number)
                total_rows.append(row)
            else:
                found.append((row, person))
            continue
        if is_empty(raw_name) and is_empty(raw_number):
            if all(c >= size or values[c] in (None, "") for c in indexes):
                continue  # a blank row, or a row with nothing but a number in «№ п/п»
            if row.is_blank():
                continue
        if is_total_text(raw_name) or is_total_text(raw_number):
            totals.append(row.number)
            total_rows.append(row)
            continue
        kind = computed_row(table, row, indexes)
        if kind:  # a totals row nobody labelled: its formulas say what it is
            computed[row.number] = kind
            total_rows.append(row)
            continue
        person = index.find(table, row, problems)
        if person:
            found.append((row, person))
    note_totals(table, totals, problems)
    note_computed(table, computed, computed_columns, problems)
    # every row of the sheet but its totals: a spreadsheet's SUM takes a row the tool refuses too
    skipped = set(totals) | set(computed)
    summed = [row for row in table.rows if row.number not in skipped] if total_rows or unread else []
    check_totals(table, summed, total_rows, [c for c, _ in columns], unread, problems, computed, computed_columns)
    rows_of = Counter(person.key for _, person in found)
    grid.listed.update(rows_of)
    once = [(row, person) for row, person in found if rows_of[person.key] == 1]
    _fill_block(once, [(c, w) for c, w in columns if c not in table.parts], grid)
    for row, person in found:  # platforms' sub-columns add up into their week: cell by cell, with the platform
        for column, week in columns:
            if column in table.parts and row.values[column] not in (None, ""):
                name = table.parts[column]
                part = (
                    ("", header_key(name), name)  # a day: added into the week, no breakdown
                    if table.sub_roles.get(column) == "day" else (name.casefold(), None, name)
                )  # fmt: skip
                grid.put(row, column, person, week, row.values[column], part=part)
    for row, person in found:
        if rows_of[person.key] > 1:  # only then can a person-week come twice: cell by cell
            for column, week in columns:
                if column in table.parts:
                    continue
                if column < len(row.values) and row.values[column] not in (None, ""):
                    grid.put(
                        row, column, person, week, row.values[column], repeats=True, part=row_part(table, row, False)
                    )


def _days_into_weeks(table: Table, reader: WeekReader, known: set[int], problems: Problems) -> None:
    """Columns headed by single days («20.11.2023», or a day number under its month), two or more of
    them in one week: a daily sheet. Each becomes a day of its week («20.11»), added into it as the
    days under a week label are — never a second copy of the week."""
    from ..read.weeks import read_week_label

    days: dict[int, dt.date] = {}
    for column, header in enumerate(table.headers):
        if column in known or column in table.parts or column in table.read_elsewhere or blank_header(header):
            continue
        if is_total_header(header) or not looks_like_week(header):
            continue
        try:
            start, end = read_week_label(header, reader.years)
        except CellError:
            continue
        if start == end:
            days[column] = start
    weeks = Counter(monday(day) for day in days.values())
    if not weeks or max(weeks.values()) < 2:
        return
    for column, day in days.items():
        table.parts[column], table.sub_roles[column] = f"{day:%d.%m}", "day"
    first, last = min(days.values()), max(days.values())
    short = [f"{week:%d.%m}" for week, n in sorted(weeks.items()) if n < 5]
    problems.note(
        table.file,
        f"столбцы — дни ({first:%d.%m.%Y}–{last:%d.%m.%Y}, {len(days)}): сообщения за дни сложены в их недели "
        "(с понедельника по воскресенье)"
        + (f"; в неделях с {', '.join(short)} меньше пяти дней — в них сложены только те, что есть" if short else ""),
        table.sheet,
    )


def blank_header(header: object) -> bool:
    return header is None or header == ""


def describe_unfilled(table: Table) -> None:
    if is_long(table, "messages"):
        update_layout(table, orientation="long")
        return
    known = set(table.columns.values())
    candidates = [c for c, header in enumerate(table.headers) if c not in known and header not in (None, "")
                  and looks_like_week(header) and not is_total_header(header)]  # fmt: skip
    if table.week_columns is not None:
        candidates = table.week_columns
    update_layout(table, orientation="wide", columns=week_layout(table, {}, candidates))


def _undeclared_week(table: Table, column: int, problems: Problems) -> None:
    """A week column layout.toml does not name (added since): its numbers would be dropped silently."""
    problem_at(
        problems, table, None, column, "layout_mismatch",
        "столбец похож на неделю, но в layout.toml его среди недель нет — его числа не вошли бы в расчёт",
        value=clean(table.headers[column]),
        hint=f"Расширьте в inputs/layout.toml weeks = \"…\" до столбца {column_letters(column)} (или впишите "
        f"{column_letters(column)} = {{ as = \"неделя\", header = \"…\" }}); если столбец не нужен — удалите его",
    )  # fmt: skip


def _unread_numbers(table: Table, unread: list[int], weeks: dict[int, dt.date], problems: Problems) -> dict[int, str]:
    """A column of numbers whose header was not read as a week would drop a week silently:
    name it, when it has no header or stands among the week columns — unless its cells are formulas
    of sums or counts (a totals column nobody labelled): column -> formula kind of those."""
    if not weeks:
        return {}
    first, last = min(weeks), max(weeks)
    yes, no = own_words(table.words)
    unused, computed = [], {}
    for column in unread:
        header = table.headers[column]
        blank = header is None or header == ""
        if not blank and (not first < column < last or is_total_header(header)):  # «Итого за сентябрь»: a sum
            unused.append(column)
            continue
        kind = computed_column(table, column)
        if kind:
            computed[column] = kind
        elif any(_is_number(row.values[column], yes, no) for row in table.rows if column < len(row.values)):
            problem_at(
                problems, table, None, column, "unread_week_column",
                "в столбце есть числа, но его заголовок не прочитан как неделя — эти числа не вошли бы в расчёт",
                value=None if blank else clean(header),
                hint=f"Напишите в заголовке неделю, например: {LABEL_FORMS}; "
                "если объединены ячейки заголовка — разъедините их и подпишите каждую неделю; "
                "если в столбце суммы — напишите в заголовке «Итого», если подсчёт или доля — «Доля, %»",
            )  # fmt: skip
        elif not blank:
            unused.append(column)
    note_unused(table, unused, problems)
    return computed


def _is_number(value: object, yes: frozenset[str] = frozenset(), no: frozenset[str] = frozenset()) -> bool:
    """A count in any form the week cells take — a number, «12», «1 250», «8 сообщ.», «да», «10+» — so that
    a column of them under an unread header is named, whatever form its counts are typed in."""
    if isinstance(value, int | float) and not isinstance(value, bool):
        return True
    if not isinstance(value, str) or not clean(value):
        return False
    try:
        parse_count(value)
        return True
    except CellError:
        pass
    try:
        return yes_no(value, yes, no) is not None or threshold_answer(value, ()) is not None
    except CellError:
        return True  # «более 5»: an answer, if not one that tells


CHUNK = 2048  # rows converted to numbers at once
NUMBER_TYPES = frozenset((float, int))


def _fill_block(found: list[tuple[Row, Person]], columns: list[tuple[int, dt.date]], grid: Grid) -> None:
    """Every person's week cells at once: numbers are checked column-wise with numpy, and
    only the cells that are not plain whole numbers ≥ 0 go through the cell-by-cell reader
    (which names the problem).  A region's 3.6 million cells take well under a second."""
    import numpy as np

    if not found or not columns:
        return
    if grid.kind == "marks":  # 1 and 0 are marks here: every cell through the reader that says so
        for row, person in found:
            for column, week in columns:
                grid.put(row, column, person, week, row.values[column], repeats=False)
        return
    width = len(columns)
    indexes = [c for c, _ in columns]
    pick = itemgetter(*indexes) if width > 1 else (lambda values: (values[indexes[0]],))
    counts = np.empty((len(found), width), dtype=np.int32)
    for start in range(0, len(found), CHUNK):
        # Rows are padded to the header's width, so every week column exists in every row.
        cells = [pick(row.values) for row, _ in found[start : start + CHUNK]]
        # A chunk of numbers only (the usual case) converts in one C call; but numpy would also take
        # the text «1e3» for 1000 and TRUE for 1, so the chunk's cell types are looked at first.
        if NUMBER_TYPES.issuperset(map(type, chain.from_iterable(cells))):
            numbers, flat = np.array(cells, dtype=np.float64).ravel(), None
        else:  # empty cells (""), text, marks, TRUE/FALSE: sort them out
            flat = np.array(cells, dtype=object).ravel()
            is_float = np.frompyfunc(lambda v: type(v) is float, 1, 1)(flat).astype(bool)
            numbers = np.zeros(flat.shape, dtype=np.float64)
            numbers[is_float] = flat[is_float].astype(np.float64)
            numbers[~is_float] = np.nan
        whole = (numbers >= 0) & (numbers == np.floor(numbers)) & (numbers <= MAX_COUNT)
        counts[start : start + len(cells)] = np.where(whole, numbers, -1).astype(np.int32).reshape(len(cells), width)
        odd = np.flatnonzero(~whole)
        if flat is not None:
            odd = odd[flat[odd] != ""]  # empty cells are "" here
        for position in odd:
            r, j = divmod(int(position), width)
            row, person = found[start + r]
            value = flat[position] if flat is not None else float(numbers[position])
            grid.put(row, indexes[j], person, columns[j][1], value, repeats=False)
    grid.put_block([grid.row_of[p.key] for _, p in found], [w for _, w in columns], counts)
