"""«Мониторинг»: weekly message counts, wide or long, into the monitoring arrays."""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections import Counter
from itertools import chain
from operator import itemgetter

from ..errors import Problems, row_ranges, shown
from ..inputs import NO_NUMBER, Monitoring, Person, School
from ..layout.model import UNDECIDED
from ..layout.reading import has_table, read_table, update_layout, week_layout
from ..read.cells import MAX_COUNT, is_empty
from ..read.refs import column_letters
from ..read.table import Row, SheetSpec, Table
from ..read.text import clean, header_key
from ..read.weeks import LABEL_FORMS, looks_like_week
from ..read.workbook import Workbook
from .grid import Grid
from .problems import problem_at
from .resubmissions import EMAIL, SUBMITTED, latest_answers
from .roster import NAME, NUMBER, ROSTER, PeopleIndex, is_total_row, is_total_text, people_of
from .week_reader import WeekReader

WEEKLY = SheetSpec(
    "Мониторинг",
    {
        "week": ("Неделя", "Период"),
        "name": NAME,
        "number": NUMBER,
        "messages": ("Сообщений", "Сообщения", "Количество сообщений", "Кол-во сообщений"),
        "calls": ("Звонков", "Звонки", "Количество звонков"),
        "platform": ("Платформа", "Мессенджер", "Сервис"),
        "day": ("Дата", "День"),
        "submitted": SUBMITTED,  # a form's answers: the latest submission of a person and week counts
        "email": EMAIL,
    },
    required=(("name", "number"),),
    ignored={"email": "адрес почты из формы для расчёта не нужен"},
    open_columns=True,  # week columns
    by_content=(("name", "number"), ("week", "day"), ("messages",)),  # a form's answers under any sheet name
)
CALLS = dataclasses.replace(WEEKLY, name="Звонки", by_content=())  # the same layouts, counting calls
# a school without «Сотрудники»: «Мониторинг» holds the roster's columns too (ФИО, Категория, Должность …)
ONE_SHEET = dataclasses.replace(WEEKLY, columns={**ROSTER.columns, **WEEKLY.columns})


def _is_long(table: Table, key: str) -> bool:
    return (table.has("week") or table.has("day")) and table.has(key)


def load_monitoring(
    book: Workbook, school: School, problems: Problems, chats: bool = False, thresholds: tuple[int, ...] = ()
) -> Monitoring | None:
    """``chats``: inputs/chats/ gives the counts, so the weekly sheet may be absent (the roster alone);
    ``thresholds``: the indicators' message thresholds, which «10+» and «менее 10» are read against."""
    import numpy as np

    if not has_table(book, ROSTER) and has_table(book, WEEKLY):  # the roster in the weekly sheet itself
        return _from_one_sheet(book, school, problems, thresholds)
    roster = read_table(book, ROSTER, problems)
    if chats and not has_table(book, WEEKLY):
        if roster is None:
            return None
        people = people_of(roster, problems)
        problems.note(book.name, f"листа «{WEEKLY.name}» нет: сообщения считаются из выгрузок чатов (inputs/chats/)")
        return Monitoring(people, [], np.zeros((len(people), 0), dtype=np.int32), "chats")
    if roster is None:
        weekly = read_table(book, WEEKLY, problems)  # its own problems are named as well
        if weekly is not None:  # and its layout described: the weeks are there, whoever they are for
            _describe_unfilled(weekly)
        return None
    rejected: set[str] = set()
    people = people_of(roster, problems, rejected)  # while the weekly sheet is parsed in the background
    weekly = read_table(book, WEEKLY, problems)
    if weekly is None:
        return None
    return _counted(book, school, problems, thresholds, roster, weekly, people, rejected)


def _from_one_sheet(book: Workbook, school: School, problems: Problems, thresholds) -> Monitoring | None:
    """No «Сотрудники»: the people, their categories and their weeks in one sheet («Мониторинг»)."""
    table = read_table(book, ONE_SHEET, problems)
    if table is None:
        return None
    rejected: set[str] = set()
    people = people_of(table, problems, rejected, alone=True)
    if not people and problems:
        return None
    problems.note(book.name, f"листа «{ROSTER.name}» нет: сотрудники и их категории взяты из этого же листа",
                  table.sheet)  # fmt: skip
    return _counted(book, school, problems, thresholds, table, table, people, rejected)


def _counted(book, school, problems, thresholds, roster, weekly, people, rejected) -> Monitoring:
    by_number = roster.has("number") and weekly.has("number")
    index = PeopleIndex(people, by_number, rejected)
    reader = WeekReader(weekly, school, problems)
    grid = Grid(people, weekly, problems, school.absence_marks, thresholds)
    calls = Grid(people, weekly, problems, school.absence_marks) if _is_long(weekly, "calls") else None
    layout = _fill(weekly, index, reader, grid, problems, "messages", calls)
    index.note_matches(weekly, problems)
    monitoring = grid.monitoring(layout)
    if grid.answered:
        update_layout(
            weekly, counts="marks" if grid.kind == "marks" or not (monitoring.counts >= 0).any() else "numbers"
        )
    if not monitoring.weeks and not problems:
        problems.add("empty_sheet", book.name, "в листе нет ни одного числа сообщений", sheet=weekly.sheet)
    if calls is None and has_table(book, CALLS):
        table = read_table(book, CALLS, problems)
        if table is not None:
            calls = Grid(people, table, problems, school.absence_marks)
            _fill(table, PeopleIndex(people, roster.has("number") and table.has("number"), rejected),
                  WeekReader(table, school, problems), calls, problems, "calls")  # fmt: skip
    if calls is not None:
        monitoring.calls = _aligned(calls.monitoring(layout), monitoring)
    return monitoring


def _fill(table, index, reader, grid: Grid, problems: Problems, key: str, calls: Grid | None = None) -> str:
    """Read a weekly sheet, long (a row per person and week or day) or wide (a column per week)."""
    if not _is_long(table, key):
        _fill_wide(table, index, reader, grid, problems)
        if table.has("calls"):
            problems.note(
                table.file, f"столбец «{table.header('calls')}» не используется: в таблице по неделям звонки "
                "ведутся на отдельном листе «Звонки» той же формы", table.sheet,
            )  # fmt: skip
        return "wide"
    update_layout(table, orientation="long")
    cells = _long_cells(table, index, reader, problems, key)
    if table.has("submitted"):
        cells = latest_answers(table, list(cells), problems)
    for row, column, person, week, value, part in cells:
        grid.put(row, column, person, week, value, part=part)
        if calls is not None:
            calls.put(row, table.columns["calls"], person, week, row.get("calls"), part=part)
    known = set(table.columns.values())
    _note_unused(table, [c for c, h in enumerate(table.headers) if c not in known and h not in (None, "")], problems)
    return "long"


def _aligned(calls: Monitoring, monitoring: Monitoring):
    """Calls on the weeks the messages define (a week without calls entered: none)."""
    import numpy as np

    aligned = np.full(monitoring.counts.shape, NO_NUMBER, dtype=np.int32)
    for j, week in enumerate(monitoring.weeks):
        if week in calls.column:
            aligned[:, j] = calls.counts[:, calls.column[week]]
    return aligned


def _note_unused(table: Table, columns: list[int], problems: Problems) -> None:
    headers = [f"«{clean(table.headers[c])}»" for c in columns if clean(table.headers[c] or "")]
    if headers:
        problems.note(table.file, "не используются столбцы: " + ", ".join(headers), table.sheet)


def note_totals(table: Table, rows: list[int], problems: Problems) -> None:
    if rows:
        problems.note(table.file, f"пропущены как итоговые («Итого»/«Всего»): строки {row_ranges(rows)}", table.sheet)


def _part(table: Table, row: Row, day: bool):
    """What tells apart rows of one person and week: the platform, the day."""
    platform = clean(row.get("platform") or "") if table.has("platform") else ""
    # the platform compared case-folded («MAX» and «Max» are one); the grid keeps the first spelling
    return (
        (platform.casefold() or None, clean(shown(row.get("day"))) if day else None, platform)
        if platform or day
        else None
    )


def _long_cells(table: Table, index: PeopleIndex, reader: WeekReader, problems: Problems, key: str = "messages"):
    column = table.columns[key]
    by_day = not table.has("week")  # one row per day («Дата»): added up into Monday weeks
    when = "day" if by_day else "week"
    totals = []
    for row in table.rows:
        if row.is_blank():
            continue
        if is_total_row(row):
            totals.append(row.number)
            continue
        if is_empty(row.get(when)):
            problem_at(
                problems, table, row, when, "missing_value", "не указана дата" if by_day else "не указана неделя"
            )
            continue
        week = reader.week(row.get(when), row, when)
        person = index.find(table, row, problems)
        if week and person:
            yield row, column, person, week, row.get("messages"), _part(table, row, by_day)
    note_totals(table, totals, problems)


def _fill_wide(table: Table, index: PeopleIndex, reader: WeekReader, grid: Grid, problems: Problems) -> None:
    known = set(table.columns.values())
    weeks: dict[int, dt.date] = {}
    seen: dict[dt.date, int] = {}
    unread = []  # columns that are neither a known field nor a week
    candidates = []  # columns whose header reads as a week, or would with the numbering told
    declared = set(table.week_columns) if table.week_columns is not None else None
    for column, header in enumerate(table.headers):
        if column in known:
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
        if week and column in table.parts:  # a platform's sub-column: the week once per platform
            key = (week, header_key(table.parts[column]))
            if key in seen:
                problem_at(problems, table, None, column, "duplicate_column",
                           f"неделя с {week:%d.%m.%Y} и платформа «{table.parts[column]}» уже есть в столбце "
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
    _unread_numbers(table, unread, weeks, problems)
    update_layout(table, orientation="wide", columns=week_layout(table, weeks, candidates),
                  week_numbers=table.week_numbers or (UNDECIDED if reader.numbered else ""))  # fmt: skip
    columns = [(c, weeks[c]) for c in sorted(weeks)]
    for week in weeks.values():
        grid.column(week)
    found, totals = [], []
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
        if is_empty(raw_name) and is_empty(raw_number):
            if all(c >= size or values[c] in (None, "") for c in indexes):
                continue  # a blank row, or a row with nothing but a number in «№ п/п»
            if row.is_blank():
                continue
        if is_total_text(raw_name) or is_total_text(raw_number):
            totals.append(row.number)
            continue
        person = index.known(raw_name, raw_number) or index.find(table, row, problems)
        if person:
            found.append((row, person))
    note_totals(table, totals, problems)
    rows_of = Counter(person.key for _, person in found)
    once = [(row, person) for row, person in found if rows_of[person.key] == 1]
    _fill_block(once, [(c, w) for c, w in columns if c not in table.parts], grid)
    for row, person in found:  # platforms' sub-columns add up into their week: cell by cell, with the platform
        for column, week in columns:
            if column in table.parts and row.values[column] not in (None, ""):
                platform = table.parts[column]
                grid.put(row, column, person, week, row.values[column], part=(platform.casefold(), None, platform))
    for row, person in found:
        if rows_of[person.key] > 1:  # only then can a person-week come twice: cell by cell
            for column, week in columns:
                if column in table.parts:
                    continue
                if column < len(row.values) and row.values[column] not in (None, ""):
                    grid.put(row, column, person, week, row.values[column], repeats=True, part=_part(table, row, False))


def _describe_unfilled(table: Table) -> None:
    if _is_long(table, "messages"):
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


def is_total_header(header: object) -> bool:
    """«Итого», «Всего за четверть», «Доля написавших, %»: a column of sums, not a week."""
    words = clean(header).casefold()
    return words.startswith(("итого", "всего", "сумма", "среднее", "доля", "процент", "%"))


def _unread_numbers(table: Table, unread: list[int], weeks: dict[int, dt.date], problems: Problems) -> None:
    """A column of numbers whose header was not read as a week would drop a week silently:
    name it, when it has no header or stands among the week columns."""
    if not weeks:
        return
    first, last = min(weeks), max(weeks)
    unused = []
    for column in unread:
        header = table.headers[column]
        blank = header is None or header == ""
        if not blank and not first < column < last:
            unused.append(column)
            continue
        if any(_is_number(row.values[column]) for row in table.rows if column < len(row.values)):
            problem_at(
                problems, table, None, column, "unread_week_column",
                "в столбце есть числа, но его заголовок не прочитан как неделя — эти числа не вошли бы в расчёт",
                value=None if blank else clean(header),
                hint=f"Напишите в заголовке неделю, например: {LABEL_FORMS}; "
                "если объединены ячейки заголовка — разъедините их и подпишите каждую неделю",
            )  # fmt: skip
        elif not blank:
            unused.append(column)
    _note_unused(table, unused, problems)


def _is_number(value: object) -> bool:
    return (isinstance(value, int | float) and not isinstance(value, bool)) or (
        isinstance(value, str) and clean(value).isdigit()
    )


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
