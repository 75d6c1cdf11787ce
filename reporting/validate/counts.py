"""«Охват»: counts per group and week (parents, pupils, or staff as a school reports them), no names."""

from __future__ import annotations

import dataclasses
from functools import partial

from ..errors import Problems, row_ranges
from ..inputs import ALL, PARENTS, PUPILS, Counts, GroupCount, School, is_connected
from ..layout.reading import has_table, read_table
from ..read.cells import CellError, is_empty, parse_count
from ..read.table import Row, SheetSpec, Table
from ..read.text import clean, header_key, normalize
from ..read.workbook import Workbook
from .monitoring import WEEKLY
from .problems import checked_category, problem_at
from .roster import ORGANIZATION, ROSTER, is_total_row
from .week_reader import WeekReader

COUNTS = SheetSpec(
    "Охват",
    {
        "week": ("Неделя", "Период", "Неделя мониторинга"),
        "group": ("Группа", "Категория", "Категория пользователей", "Группа пользователей"),
        "total": ("Всего", "Всего человек", "Численность", "Общая численность", "Количество", "Всего, чел."),
        "active": (
            "Активных", "Активные", "Из них активных", "Активных пользователей", "Написали не менее 10 сообщений",
            "Из них написали не менее 10 сообщений за неделю",
        ),
        "percent": ("%", "Доля, %", "Охват, %", "Охват", "Доля активных, %", "Процент"),
        "organization": ORGANIZATION,
    },
    required=(("week",),),  # «Группа», «Всего», «Активных» — or, the wide form, a pair of columns per group
    repeatable=("active", "percent"),  # the wide form: «Из них написали …» and «%» after each «Всего …»
    by_content=(("week",), ("active",)),  # a district's «Свод» under its own name
)  # fmt: skip
# The wide form districts circulate: «Всего педагогических работников» / «Из них написали не менее 10
# сообщений за неделю» / «%», a pair (and a percent) per group, one row per organisation and week.
_WIDE_GROUPS = {
    "педагогических работников": "teachers", "педагогов": "teachers", "учителей": "teachers",
    "педагогических и руководящих работников": "all", "работников": "all", "сотрудников": "all",
    "административных работников": "administration", "руководящих работников": "administration",
    "работников администрации": "administration", "администрации": "administration",
    "родителей": "parents", "родителей (законных представителей)": "parents", "законных представителей": "parents",
    "обучающихся": "pupils", "учащихся": "pupils", "учеников": "pupils", "школьников": "pupils",
    "прочего персонала": "other", "прочих работников": "other",
}  # fmt: skip
_ACTIVE_STARTS = ("из них", "активн", "написали")
_PERCENT_STARTS = ("%", "доля", "процент", "охват")
LAYOUTS = (
    "Лист «Охват»: Неделя, Группа, Всего, Активных — или по паре столбцов на группу: «Всего педагогических "
    "работников», «Из них написали не менее 10 сообщений за неделю» (и «%»)"
)
PERCENT_TOLERANCE = 0.6  # a «%» column rounded to whole percent still agrees with its pair


def has_counts(book: Workbook) -> bool:
    return has_table(book, COUNTS) or counts_under_weekly_name(book) is not None


def counts_only(book: Workbook) -> bool:
    """A workbook of counts alone (a school's weekly return): no roster, no per-person sheet to read."""
    weekly = has_table(book, WEEKLY) and counts_under_weekly_name(book) is None
    return has_counts(book) and not has_table(book, ROSTER) and not weekly


def counts_under_weekly_name(book: Workbook) -> str | None:
    """The sheet called «Мониторинг» when its columns are a counts table's (a week, «Из них написали …»
    or «Активных», and no ФИО or personnel number): a district's table is known by its columns,
    whatever its sheet's name. None otherwise."""
    from ..read.table import HEADER_SEARCH_ROWS, find_sheet, match_headers
    from ..read.workbook import WorkbookUnreadable

    sheet = find_sheet(book, WEEKLY.name)
    if (
        sheet is None
        or header_key(COUNTS.name) in book.declared
        and book.declared[header_key(COUNTS.name)].sheet != sheet
    ):
        return None
    try:
        rows = book.rows(sheet, probe=True, limit=HEADER_SEARCH_ROWS)
    except WorkbookUnreadable:
        return None
    for values in rows:
        counts, people = match_headers(COUNTS, values), match_headers(WEEKLY, values)
        if all(any(k in counts for k in group) for group in COUNTS.by_content):
            return None if "name" in people or "number" in people else sheet
    return None


def load_counts(book: Workbook, school: School, problems: Problems, default_organization: str = "") -> Counts:
    """The «Охват» sheet's rows, each checked: a located problem for every wrong cell."""
    table = _counts_table(book, problems)
    if table is None:
        return Counts()
    if not table.has("group"):
        return _load_wide(table, school, problems, default_organization)
    for key, header in (("total", "Всего"), ("active", "Активных")):
        if not table.has(key):
            problems.add("missing_column", table.file, f"нет столбца «{header}»", sheet=table.sheet, row=table.header_row,
                         hint=LAYOUTS)  # fmt: skip
            return Counts()
    kept = _Kept(table, problems, school, default_organization)
    for row in kept.rows():
        group = checked_category(row.get("group"), partial(problem_at, problems, table, row, "group"), indicator=True)
        kept.named.add(group)
        kept.add(row, kept.week_of(row), group, "group", "total", "active", "percent" if table.has("percent") else None)
    return kept.counts()


def _counts_table(book: Workbook, problems: Problems) -> Table | None:
    """«Охват», or a sheet called «Мониторинг» that holds a counts table (recorded as «Охват»)."""
    sheet = None if has_table(book, COUNTS) else counts_under_weekly_name(book)
    if sheet is None:
        return read_table(book, COUNTS, problems)
    table = read_table(book, dataclasses.replace(COUNTS, name=sheet, by_content=()), problems)
    if table is not None:
        table.reads_as = COUNTS.name
        layout = book.layouts.pop(sheet, None)
        if layout is not None:
            book.layouts[COUNTS.name] = dataclasses.replace(layout, reads_as=COUNTS.name)
        problems.note(book.name, "в листе — таблица охвата (неделя, «Всего…», «Из них написали…»), а не список "
                      "сотрудников: прочитан как «Охват», по столбцам, а не по имени листа", sheet)  # fmt: skip
    return table


class _Kept:
    """The figures one «Охват» sheet yields, long or wide: each cell checked and located, each
    organisation × group × week kept once."""

    def __init__(self, table: Table, problems: Problems, school: School, default_organization: str):
        self.table, self.problems, self.default = table, problems, default_organization
        self.weeks = WeekReader(table, school, problems)
        self.found: list[GroupCount] = []
        self.seen: dict[tuple, int] = {}
        self.totals: list[int] = []
        self.mismatched: set[int] = set()  # rows whose «%» disagrees with their pair
        self.named: set[str | None] = set()

    def rows(self):
        """The sheet's rows of figures: blank rows passed over, total rows noted."""
        for row in self.table.rows:
            if row.is_blank():
                continue
            if _is_total(row):
                self.totals.append(row.number)
                continue
            yield row

    def week_of(self, row: Row):
        """The row's week (its Monday), or None after a located problem."""
        if is_empty(row.get("week")):
            problem_at(self.problems, self.table, row, "week", "missing_value", "не указана неделя")
            return None
        return self.weeks.week(row.get("week"), row, "week")

    def add(self, row: Row, week, group: str | None, group_column, total_column, active_column, percent_column) -> None:
        """One organisation × group × week from ``row`` (columns are keys or indexes)."""
        report = partial(problem_at, self.problems, self.table, row)
        total = _count(_cell(row, total_column), partial(report, total_column), "человек")
        active = _count(_cell(row, active_column), partial(report, active_column), "активных")
        if total is not None and active is not None and active > total:
            report(active_column, "bad_value", f"активных больше, чем всего ({active} > {total})", value=active)
            return
        if None in (group, week, total, active):
            return
        organization = clean(row.get("organization") or "") or self.default
        key = (organization, group, week)
        if key in self.seen:
            report(
                group_column, "duplicate_row", f"эта организация, группа и неделя уже есть в строке {self.seen[key]}"
            )
            return
        self.seen[key] = row.number
        if percent_column is not None and not _agrees(_cell(row, percent_column), total, active):
            self.mismatched.add(row.number)
        self.found.append(GroupCount(organization, group, week, total, active))

    def counts(self) -> Counts:
        _note(self.table, self.problems, self.totals, sorted(self.mismatched))
        return Counts(tuple(self.found), frozenset(self.named - {None}))


def _cell(row: Row, column: str | int):
    if isinstance(column, str):
        return row.get(column)
    return row.values[column] if column < len(row.values) else None


def _count(value: object, report, of: str) -> int | None:
    if is_empty(value):
        report("missing_value", f"не указано число {of}")
        return None
    try:
        return parse_count(value, of)
    except CellError as exc:
        report("bad_count", str(exc), value=value)
        return None


def _is_total(row) -> bool:
    """«Итого» or «Всего по району» in the week, group or organisation cell."""
    return is_total_row(row, ("week", "group", "organization"))


def _agrees(percent: object, total: int, active: int) -> bool:
    if is_empty(percent) or not total:
        return True
    try:
        value = float(str(percent).replace(",", ".").replace("%", "").strip())
    except ValueError:
        return False
    if value <= 1 and active / total > 0.01:  # a fraction shown as a percentage
        value *= 100
    return abs(value - active * 100 / total) <= PERCENT_TOLERANCE


def _note(table: Table, problems: Problems, totals: list[int], mismatched: list[int]) -> None:
    if totals:
        problems.note(table.file, f"пропущены как итоговые: строки {row_ranges(totals)}", table.sheet)
    if table.has("percent"):
        problems.note(
            table.file, f"столбец «{table.header('percent')}» сверен с числами и не используется", table.sheet
        )
    if mismatched:
        problems.note(
            table.file,
            f"процент не сходится с числами «Всего»/«Активных» в строках {row_ranges(mismatched)}: взяты числа",
            table.sheet,
        )


GROUP_NAMES = {"parents": "родители", "pupils": "обучающиеся", "teachers": "педагогические работники",
               "administration": "администрация", "other": "прочий персонал", "all": "все работники"}  # fmt: skip
GROUP_NAMES |= {f"{group}_connected": f"{name}, подключённые к чатам" for group, name in list(GROUP_NAMES.items())}


def check_groups(counts: Counts, monitoring, roadmap, problems: Problems, file: str) -> None:
    """Each indicator's group is measured one way: by counts («Охват») or per person (the roster)."""
    if roadmap is None:
        return
    named = {i.category for i in roadmap.indicators}
    per_person = {p.category for p in monitoring.people} | ({ALL} if monitoring.people else set())
    for group in sorted(counts.groups & per_person & named):
        problems.add(
            "group_measured_twice", file, f"группа «{GROUP_NAMES[group]}» есть и в листе «Охват», и в списке сотрудников",
            sheet=COUNTS.name,
            hint="Оставьте один источник: строки этой группы в листе «Охват» или сотрудников этой категории "
            "в листах «Сотрудники» и «Мониторинг»",
        )  # fmt: skip
    for group in sorted(counts.groups - named):
        problems.add(
            "unknown_category", file, f"группу «{GROUP_NAMES[group]}» не называет ни один показатель", sheet=COUNTS.name,
            hint="Добавьте показатель для этой группы в лист «Показатели» (roadmap) или уберите её строки",
        )  # fmt: skip
    for group in sorted(g for g in named - counts.groups if is_connected(g)):
        problems.add(
            "missing_sheet", "chats/", f"показатель по группе «{GROUP_NAMES[group]}» считается по чатам школы, "
            "а выгрузок её чатов (или строк «Охват» с этой группой) нет",
            hint="Положите в inputs/chats/ выгрузки чатов со списками участников (make-report collect сохраняет "
            "members.json), для родителей и обучающихся — с аудиторией в inputs/chats/chats.toml и таблицей "
            "контингента contingent.xlsx",
        )  # fmt: skip
    if any(p.sheet == COUNTS.name for p in problems.items):
        return  # the sheet itself could not be read: its groups are unknown, not missing
    for group in sorted(named & {PARENTS, PUPILS} - counts.named):  # refused rows were reported already
        problems.add(
            "missing_sheet", file, f"показатель по группе «{GROUP_NAMES[group]}» считается по листу «Охват», "
            "а строк этой группы в нём нет", sheet=COUNTS.name,
            hint="Добавьте лист «Охват»: Неделя, Группа, Всего, Активных (docs/inputs.md) — или посчитайте группу "
            "по её чатам: выгрузки чатов в inputs/chats/, их аудитория в inputs/chats/chats.toml и таблица "
            "контингента contingent.xlsx",
        )  # fmt: skip


def latest_returns(returns: list[tuple[str, str, Counts]], problems: Problems) -> Counts:
    """A district's returns, oldest first — by the time each file says it was saved (its own
    properties: Excel and LibreOffice set it), then by name — a later file's row for an organisation,
    group and week replacing an earlier one (a corrected or late return); the reading report says which."""
    chosen: dict[tuple, tuple[str, GroupCount]] = {}
    replaced: dict[tuple[str, str], set[str]] = {}
    for name, _saved, counts in sorted(returns, key=lambda item: (item[1], item[0])):
        for row in counts.rows:
            key = (row.organization, row.group, row.week)
            if key in chosen and chosen[key][1] != row:
                replaced.setdefault((name, chosen[key][0]), set()).add(f"«{row.organization}» {row.week:%d.%m.%Y}")
            chosen[key] = (name, row)
    for (newer, older), what in sorted(replaced.items()):
        problems.note(newer, f"заменяет {older} за недели: {', '.join(sorted(what))} (берётся более поздний файл)")
    named = frozenset().union(*(c.named for _, _, c in returns)) if returns else frozenset()
    return Counts(tuple(row for _, row in chosen.values()), named)


def wide_pairs(table: Table) -> list[tuple[str, int, int, int | None]]:
    """(group, «Всего …» column, «Из них …» column, «%» column or None) for the wide form."""
    headers = [normalize(clean(str(h or ""))) for h in table.headers]
    pairs = []
    for column, header in enumerate(headers):
        if not header.startswith("всего "):
            continue
        group = _WIDE_GROUPS.get(header.removeprefix("всего ").strip(" ,.:"))
        following = headers[column + 1] if column + 1 < len(headers) else ""
        if group is None or not following.startswith(_ACTIVE_STARTS):
            continue
        after = headers[column + 2] if column + 2 < len(headers) else ""
        pairs.append((group, column, column + 1, column + 2 if after.startswith(_PERCENT_STARTS) else None))
    return pairs


def _load_wide(table: Table, school: School, problems: Problems, default_organization: str) -> Counts:
    pairs = wide_pairs(table)
    if not pairs:
        problems.add(
            "missing_column", table.file, "нет столбцов «Группа», «Всего», «Активных» и нет пар столбцов по группам",
            sheet=table.sheet, row=table.header_row, hint=LAYOUTS,
        )  # fmt: skip
        return Counts()
    headers = [f"«{clean(str(table.headers[t]))}» / «{clean(str(table.headers[a]))}»" for _, t, a, _ in pairs]
    problems.note(table.file, "широкая форма: " + "; ".join(headers), table.sheet)
    kept = _Kept(table, problems, school, default_organization)
    kept.named.update(group for group, *_ in pairs)
    for row in kept.rows():
        week = kept.week_of(row)
        for group, total_column, active_column, percent_column in pairs:
            kept.add(row, week, group, "week", total_column, active_column, percent_column)
    return kept.counts()
