"""«Мониторинг»: weekly message counts, wide or long, into the monitoring arrays."""

from __future__ import annotations

import dataclasses

from ..errors import Problems, shown
from ..inputs import NO_NUMBER, Monitoring, School
from ..layout.model import UNDECIDED
from ..layout.reading import has_table, read_table, update_layout
from ..read.cells import is_empty
from ..read.refs import column_index
from ..read.split_names import joined_columns
from ..read.table import SheetSpec, Table, sheets_by_content
from ..read.text import clean
from ..read.weeks import looks_like_week
from ..read.workbook import Workbook
from .grid import Grid
from .merges import fill_roster_merges, unmonitored_weeks
from .period_files import week_from_period
from .problems import problem_at
from .resubmissions import EMAIL, SUBMITTED, latest_answers
from .roster import NAME, NUMBER, ROSTER, PeopleIndex, is_total_row, people_of
from .sheet_sets import by_people, by_weeks, category_sheets, month_sheets
from .totals import computed_row, note_computed
from .unlisted import check_unlisted
from .week_reader import WeekReader
from .wide import describe_unfilled, fill_wide, is_long, note_totals, note_unused, row_part

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
    # in a workbook for one week (its name or a «Период:» line says which), a sheet of names and one count
    by_content_of_week=(("name", "number"), ("messages",)),
    # a form's questions, the count's first (it names the week too: «… сообщений … за неделю?»)
    questions=(
        ("messages", "сообщени"),
        ("calls", "звонк"),
        ("name", "фио"),
        ("name", "фамили"),
        ("number", "табельн"),
        ("week", "недел"),
        ("day", "дат"),
    ),  # fmt: skip
)
CALLS = dataclasses.replace(WEEKLY, name="Звонки", by_content=(), questions=())  # the same layouts, counting calls
# a school without «Сотрудники»: «Мониторинг» holds the roster's columns too (ФИО, Категория, Должность …)
ONE_SHEET = dataclasses.replace(WEEKLY, columns={**ROSTER.columns, **WEEKLY.columns})
# a district's workbook with a sheet per organisation, each with its people, their categories and weeks
ORGANIZATION_SHEET = dataclasses.replace(ONE_SHEET, name="организация", by_content=(("name",), ("category",)),
                                         by_content_of_week=())  # fmt: skip


def load_monitoring(
    book: Workbook, school: School, problems: Problems, chats: bool = False, thresholds: tuple[int, ...] = ()
) -> Monitoring | None:
    """``chats``: inputs/chats/ gives the counts, so the weekly sheet may be absent (the roster alone);
    ``thresholds``: the indicators' message thresholds, which «10+» and «менее 10» are read against."""
    import numpy as np

    if not has_table(book, WEEKLY) and not chats:
        if month_sheets(book) and has_table(book, ROSTER):
            return _from_month_sheets(book, school, problems, thresholds)
        if not has_table(book, ROSTER) and category_sheets(book):
            return _from_category_sheets(book, school, problems, thresholds)
        if not has_table(book, ROSTER) and len(sheets_by_content(book, ORGANIZATION_SHEET)) > 1:
            return _from_organization_sheets(book, school, problems, thresholds)
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
            describe_unfilled(weekly)
        return None
    fill_roster_merges(book, roster, problems)
    rejected: set[str] = set()
    people = people_of(roster, problems, rejected)  # while the weekly sheet is parsed in the background
    weekly = read_table(book, WEEKLY, problems)
    if weekly is None:
        return None
    return _counted(book, school, problems, thresholds, roster, weekly, people, rejected)


def _from_one_sheet(
    book: Workbook, school: School, problems: Problems, thresholds, spec=None, category: str | None = None
) -> Monitoring | None:
    """No «Сотрудники»: the people, their categories and their weeks in one sheet («Мониторинг», or
    a sheet named after a category, which gives the category of its rows)."""
    table = read_table(book, spec or ONE_SHEET, problems)
    if table is None:
        return None
    fill_roster_merges(book, table, problems)
    rejected: set[str] = set()
    people = people_of(table, problems, rejected, alone=True, category=category)
    if not people and problems:
        return None
    problems.note(book.name, f"листа «{ROSTER.name}» нет: сотрудники и их категории взяты из этого же листа",
                  table.sheet)  # fmt: skip
    return _counted(book, school, problems, thresholds, table, table, people, rejected)


def _from_month_sheets(book: Workbook, school: School, problems: Problems, thresholds) -> Monitoring | None:
    """«Сотрудники» and a weekly sheet per month: each read against the roster, then joined by weeks."""
    roster = read_table(book, ROSTER, problems)
    if roster is None:
        return None
    rejected: set[str] = set()
    people = people_of(roster, problems, rejected)
    parts = []
    for sheet in month_sheets(book):
        table = read_table(book, dataclasses.replace(WEEKLY, name=sheet, by_content=()), problems)
        if table is not None:
            parts.append((sheet, _counted(book, school, problems, thresholds, roster, table, people, rejected)))
    joined = by_weeks(parts, book.name, problems)
    if joined is not None:
        problems.note(book.name, f"листа «{WEEKLY.name}» нет: недели собраны с листов "
                      + ", ".join(f"«{sheet}»" for sheet, _ in parts))  # fmt: skip
    return joined


def _from_organization_sheets(book: Workbook, school: School, problems: Problems, thresholds) -> Monitoring | None:
    """A sheet per organisation: its name is the organisation of its people (unless a column says)."""
    parts = []
    for sheet in sheets_by_content(book, ORGANIZATION_SHEET):
        found = Problems()
        spec = dataclasses.replace(ONE_SHEET, name=sheet, by_content=())
        part = _from_one_sheet(book, school, found, thresholds, spec)
        for problem in found.items:  # a sheet's problem is its organisation's: --each-organization sets it aside
            problems.append(problem if problem.organization else dataclasses.replace(problem, organization=sheet))
        problems.notes.extend(found.notes)
        problems.more += found.more
        if part is not None:
            parts.append(part.owned_by(sheet))
    problems.note(book.name, "лист на организацию: " + ", ".join(f"«{s}»" for s in sheets_by_content(
        book, ORGANIZATION_SHEET)) + " — организация каждого сотрудника взята из имени его листа")  # fmt: skip
    return Monitoring.merge(parts) if parts else None


def _from_category_sheets(book: Workbook, school: School, problems: Problems, thresholds) -> Monitoring | None:
    """A sheet per category, each with its people and their weeks: joined by people."""
    parts, blank = [], []
    for sheet in category_sheets(book):  # the sheet's name gives its rows their category
        spec = dataclasses.replace(ONE_SHEET, name=sheet, by_content=())
        found = Problems()
        part = _from_one_sheet(book, school, found, thresholds, spec, category=sheet)
        if part is not None and [p.kind for p in found.items] == ["empty_sheet"]:
            blank.append((sheet, found.items))  # no number in its weeks: its people wrote nothing, if others did
            found.items = []
        problems.extend(found.items)
        problems.notes.extend(found.notes)
        problems.more += found.more
        if part is not None:
            parts.append((sheet, part))
    if blank and len(blank) == len(parts):  # no number in any sheet: the workbook is empty
        for _, items in blank:
            problems.extend(items)
    elif blank:
        problems.note(book.name, "на листах " + ", ".join(f"«{sheet}»" for sheet, _ in blank) + " нет ни одного "
                      "числа: их сотрудники в недели, отмеченные на других листах, не написали ни одного сообщения "
                      "(пустая ячейка — как на одном листе)")  # fmt: skip
    return by_people(parts, book.name, problems)


def _counted(book, school, problems, thresholds, roster, weekly, people, rejected) -> Monitoring:
    if book.period and weekly.has("messages") and not weekly.has("week") and not weekly.has("day"):
        week_from_period(book, weekly, problems)
    by_number = roster.has("number") and weekly.has("number")
    index = PeopleIndex(people, by_number, rejected)
    reader = WeekReader(weekly, school, problems)
    if not is_long(weekly, "messages"):  # a week's column merged down with «каникулы»: no monitoring that week
        known = set(weekly.columns.values())
        weeks = [c for c, h in enumerate(weekly.headers) if c not in known and looks_like_week(h)]
        weekly.read_elsewhere = frozenset(weekly.read_elsewhere | unmonitored_weeks(book, weekly, weeks, problems))
    grid = Grid(people, weekly, problems, school.absence_marks, thresholds)
    calls = Grid(people, weekly, problems, school.absence_marks, calls=True) if is_long(weekly, "calls") else None
    layout = _fill(weekly, index, reader, grid, problems, "messages", calls)
    index.note_matches(weekly, problems)
    monitoring = grid.monitoring(layout)
    if roster is not weekly:
        check_unlisted(monitoring, grid.listed, weekly, problems)
    if grid.answered:
        update_layout(
            weekly, counts="marks" if grid.kind == "marks" or not (monitoring.counts >= 0).any() else "numbers"
        )
    elif not grid.kind and not (monitoring.counts >= 0).any() and not _numbers_under_weeks(weekly):
        update_layout(weekly, counts=UNDECIDED)  # no number anywhere under the weeks: describe cannot tell
    if not monitoring.weeks and not problems:
        problems.add("empty_sheet", book.name, "в листе нет ни одного числа сообщений", sheet=weekly.sheet)
    if calls is None and weekly.call_columns:  # «Звонков» under each week, beside «Сообщений»
        table = _calls_view(weekly)
        calls = Grid(people, table, problems, school.absence_marks, calls=True)
        _fill(table, PeopleIndex(people, by_number, rejected), WeekReader(table, school, problems), calls, problems,
              "calls")  # fmt: skip
    if calls is None and has_table(book, CALLS):
        table = read_table(book, CALLS, problems)
        if table is not None:
            calls = Grid(people, table, problems, school.absence_marks, calls=True)
            _fill(table, PeopleIndex(people, roster.has("number") and table.has("number"), rejected),
                  WeekReader(table, school, problems), calls, problems, "calls")  # fmt: skip
    if calls is not None:
        monitoring.calls = _aligned(calls.monitoring(layout), monitoring)
    return monitoring


def _calls_view(table: Table) -> Table:
    """The weekly sheet as its calls sub-columns make it: each «Звонков» column under its week's label,
    the messages' columns unread (another view of the same rows, its layout not recorded)."""
    messages = {
        c for c, h in enumerate(table.headers)
        if c not in table.columns.values() and c not in table.call_columns and looks_like_week(h)
    }  # fmt: skip
    view = dataclasses.replace(
        table, parts={}, sub_roles={}, call_columns={}, layouts={}, read_elsewhere=frozenset(messages)
    )
    view.rows = [dataclasses.replace(row, table=view) for row in table.rows]
    return view


def _days_under_week(table: Table) -> bool:
    """The «Неделя» column holds single days, several of one week for one person: rows dated by day."""
    import datetime as dt

    seen: dict[tuple, object] = {}
    for row in table.rows:
        value = row.get("week")
        day = value.date() if isinstance(value, dt.datetime) else value
        if not isinstance(day, dt.date):
            continue
        key = (str(row.get("name") or row.get("number")), day - dt.timedelta(days=day.weekday()))
        if seen.setdefault(key, day) != day:
            return True
    return False


def _numbers_under_weeks(table: Table) -> bool:
    """Any number in a column the layout has as a week (read or not): then the cells are counts."""
    layout = table.layouts.get(table.reads_as)
    columns = [column_index(c.letter) for c in layout.week_columns()] if layout else []
    return any(isinstance(row.values[c], int | float) for row in table.rows for c in columns if c < len(row.values))


def _fill(table, index, reader, grid: Grid, problems: Problems, key: str, calls: Grid | None = None) -> str:
    """Read a weekly sheet, long (a row per person and week or day) or wide (a column per week)."""
    if not is_long(table, key):
        fill_wide(table, index, reader, grid, problems)
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
    listed = grid.listed
    for row, column, person, week, value, part in cells:
        listed.add(person.key)
        grid.put(row, column, person, week, value, part=part)
        if calls is not None:
            calls.put(row, table.columns["calls"], person, week, row.get("calls"), part=part)
    known = set(table.columns.values()) | joined_columns(table)
    note_unused(table, [c for c, h in enumerate(table.headers) if c not in known and h not in (None, "")], problems)
    return "long"


def _aligned(calls: Monitoring, monitoring: Monitoring):
    """Calls on the weeks the messages define (a week without calls entered: none)."""
    import numpy as np

    aligned = np.full(monitoring.counts.shape, NO_NUMBER, dtype=np.int32)
    for j, week in enumerate(monitoring.weeks):
        if week in calls.column:
            aligned[:, j] = calls.counts[:, calls.column[week]]
    return aligned


def _long_cells(table: Table, index: PeopleIndex, reader: WeekReader, problems: Problems, key: str = "messages"):
    column = table.columns[key]
    by_day = not table.has("week")  # one row per day («Дата»): added up into Monday weeks
    when = "day" if by_day else "week"
    dated = not by_day and _days_under_week(table)  # «Неделя» holding each day's date: added up too
    if dated:
        problems.note(table.file, f"в столбце «{table.header('week')}» — даты дней, а не недели: строки одного "
                      "сотрудника за дни одной недели сложены в неделю", table.sheet)  # fmt: skip
    totals, computed = [], {}
    for row in table.rows:
        if row.is_blank():
            continue
        if is_total_row(row):
            totals.append(row.number)
            continue
        kind = computed_row(table, row, [column])
        if kind:  # «=SUM(C2:C40)» under the counts, unlabelled: a total, never a person or a week
            computed[row.number] = kind
            continue
        if is_empty(row.get(when)):
            unnamed = is_empty(row.get("name")) and is_empty(row.get("number"))
            problem_at(
                problems, table, row, when, "missing_value", "не указана дата" if by_day else "не указана неделя",
                hint=f"Впишите {'дату' if by_day else 'неделю'}; если в строке итоги — впишите в ячейку ФИО «Итого»"
                if unnamed else None,
            )  # fmt: skip
            continue
        week = reader.week(row.get(when), row, when)
        person = index.find(table, row, problems)
        if week and person:
            part = row_part(table, row, by_day)
            if dated:
                platform = part[0] if part else None
                part = (platform, clean(shown(row.get("week"))), part[2] if part else "")
            yield row, column, person, week, row.get("messages"), part
    note_totals(table, totals, problems)
    note_computed(table, computed, {}, problems, checked=False)
