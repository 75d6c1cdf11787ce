"""«Охват»: counts per group and week (parents, pupils, or staff as a school reports them), no names."""

from __future__ import annotations

from ..errors import Problems
from ..inputs import Counts, GroupCount, School
from ..read.cells import CellError, is_empty, parse_count
from ..read.table import SheetSpec, Table, find_sheet, read_table
from ..read.text import clean
from ..read.workbook import Workbook
from .problems import checked_category, problem_at
from .roster import is_total_row

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
        "organization": ("Организация", "ОО", "Образовательная организация", "Наименование организации"),
    },
    required=(("week",),),  # «Группа», «Всего», «Активных» — or, the wide form, a pair of columns per group
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
    return find_sheet(book, COUNTS.name) is not None


def counts_only(book: Workbook) -> bool:
    """A workbook of counts alone (a school's weekly return): no roster, no per-person sheet to read."""
    return has_counts(book) and find_sheet(book, "Сотрудники") is None and find_sheet(book, "Мониторинг") is None


def load_counts(book: Workbook, school: School, problems: Problems, default_organization: str = "") -> Counts:
    """The «Охват» sheet's rows, each checked: a located problem for every wrong cell."""
    from .monitoring import week_reader

    table = read_table(book, COUNTS, problems)
    if table is None:
        return Counts()
    if not table.has("group"):
        return _load_wide(table, school, problems, default_organization)
    for key, header in (("total", "Всего"), ("active", "Активных")):
        if not table.has(key):
            problems.add("missing_column", table.file, f"нет столбца «{header}»", sheet=table.sheet, row=table.header_row,
                         hint=LAYOUTS)  # fmt: skip
            return Counts()
    weeks = week_reader(table, school, problems)
    found: dict[tuple[str, str, object], int] = {}
    rows, totals, mismatched, named = [], [], [], set()
    for row in _data_rows(table, totals):
        report = _reporter(problems, table, row)
        group = checked_category(row.get("group"), report("group"), indicator=True)
        named.add(group)
        week = weeks.week(row.get("week"), row, "week") if not is_empty(row.get("week")) else None
        if is_empty(row.get("week")):
            report("week")("missing_value", "не указана неделя")
        total = _count(row.get("total"), report("total"), "всего")
        active = _count(row.get("active"), report("active"), "активных")
        if total is not None and active is not None and active > total:
            report("active")("bad_value", f"активных больше, чем всего ({active} > {total})", value=active)
            continue
        if None in (group, week, total, active):
            continue
        organization = clean(row.get("organization") or "") or default_organization
        key = (organization, group, week)
        if key in found:
            report("group")(
                "duplicate_row", f"эта группа и неделя уже есть в строке {found[key]}", value=row.get("group")
            )
            continue
        found[key] = row.number
        if table.has("percent") and not _agrees(row.get("percent"), total, active):
            mismatched.append(row.number)
        rows.append(GroupCount(organization, group, week, total, active))
    _note(table, problems, totals, mismatched)
    return Counts(tuple(rows), frozenset(named - {None}))


def _reporter(problems: Problems, table: Table, row):
    """``report = _reporter(…)(column)``: a column key or index; ``report(kind, message, …)`` locates it."""

    def for_column(column: str | int):
        def report(kind: str, message: str, **extra) -> None:
            problem_at(problems, table, row, column, kind, message, **extra)

        return report

    return for_column


def _count(value: object, report, what: str) -> int | None:
    if is_empty(value):
        report("missing_value", f"не указано число ({what})")
        return None
    try:
        return parse_count(value)
    except CellError as exc:
        report("bad_count", str(exc).replace("сообщений", "человек"), value=value)
        return None


def _data_rows(table: Table, totals: list[int]):
    """The sheet's rows of figures: blank rows passed over, total rows noted in ``totals``."""
    for row in table.rows:
        if row.is_blank():
            continue
        if _is_total(row):
            totals.append(row.number)
            continue
        yield row


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
    from ..errors import row_ranges

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


def check_groups(counts: Counts, monitoring, roadmap, problems: Problems, file: str) -> None:
    """Each indicator's group is measured one way: by counts («Охват») or per person (the roster)."""
    from ..inputs import ALL, PARENTS, PUPILS

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
    if any(p.sheet == COUNTS.name for p in problems.items):
        return  # the sheet itself could not be read: its groups are unknown, not missing
    for group in sorted(named & {PARENTS, PUPILS} - counts.named):  # refused rows were reported already
        problems.add(
            "missing_sheet", file, f"показатель по группе «{GROUP_NAMES[group]}» считается по листу «Охват», "
            "а строк этой группы в нём нет", sheet=COUNTS.name,
            hint="Добавьте лист «Охват»: Неделя, Группа, Всего, Активных (docs/inputs.md)",
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
    from ..read.text import normalize

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
    from .monitoring import week_reader

    pairs = wide_pairs(table)
    if not pairs:
        problems.add(
            "missing_column", table.file, "нет столбцов «Группа», «Всего», «Активных» и нет пар столбцов по группам",
            sheet=table.sheet, row=table.header_row,
            hint=LAYOUTS,
        )  # fmt: skip
        return Counts()
    problems.note(
        table.file,
        "широкая форма: " + "; ".join(f"«{clean(str(table.headers[t]))}» / «{clean(str(table.headers[a]))}»" for _, t, a, _ in pairs),
        table.sheet,
    )  # fmt: skip
    weeks = week_reader(table, school, problems)
    rows, totals, mismatched, seen = [], [], [], {}
    for row in _data_rows(table, totals):
        week = weeks.week(row.get("week"), row, "week") if not is_empty(row.get("week")) else None
        organization = clean(row.get("organization") or "") or default_organization
        for group, total_column, active_column, percent_column in pairs:
            values = row.values
            total = _count(values[total_column] if total_column < len(values) else None,
                           _reporter(problems, table, row)(total_column), "всего")  # fmt: skip
            active = _count(values[active_column] if active_column < len(values) else None,
                            _reporter(problems, table, row)(active_column), "активных")  # fmt: skip
            if total is None or active is None or week is None:
                continue
            if active > total:
                problem_at(problems, table, row, active_column, "bad_value", f"активных больше, чем всего ({active} > {total})",
                           value=active)  # fmt: skip
                continue
            key = (organization, group, week)
            if key in seen:
                problem_at(
                    problems,
                    table,
                    row,
                    "week",
                    "duplicate_row",
                    f"эта организация и неделя уже есть в строке {seen[key]}",
                )
                continue
            seen[key] = row.number
            percent = values[percent_column] if percent_column is not None and percent_column < len(values) else None
            if percent_column is not None and not _agrees(percent, total, active):
                mismatched.append(row.number)
            rows.append(GroupCount(organization, group, week, total, active))
    _note(table, problems, totals, sorted(set(mismatched)))
    return Counts(tuple(rows), frozenset(group for group, *_ in pairs))
