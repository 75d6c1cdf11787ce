"""A folder of monitoring workbooks, one per week or per month («2025-12-08.xlsx», «Ноябрь 2025.xlsx»):
the periods of one school, joined by weeks like the sheet-per-month case — never a district of
organisations named after dates."""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from pathlib import PurePosixPath

from ..errors import Problems
from ..inputs import ABSENT, NO_NUMBER, Monitoring, School
from ..layout.reading import update_layout
from ..read.cells import CellError
from ..read.text import normalize
from ..read.weeks import month_number, read_week_label
from ..read.workbook import WorkbookUnreadable

_MONTH = re.compile(r"^([^\W\d_]+)(?:[ _.-]+(\d{4}))?$")
_YEAR_MONTH = re.compile(r"^(\d{4})[-_.](\d{1,2})$")
_WEEK_WORD = re.compile(r"^(неделя|нед\.?|week)[ _-]*", re.I)


def period_of(name: str, school: School) -> tuple[dt.date, dt.date] | None:
    """(first day, last day) a file's name stands for, or None: not a period."""
    return period_in(PurePosixPath(name).stem, school)


_PERIOD_LINE = re.compile(r"^\s*(?:отч[её]тный\s+)?(?:период|неделя)\s*(?:[:：]\s*|\s+)(.*?)\s*$", re.I)
_FOR_PERIOD = re.compile(r"\bза\s+(?:период|неделю)\s+(.+?)\s*$", re.I)
TITLE_ROWS = 10  # where a sheet's title rows, and the «Период:» line among them, stand


def title_period(book, school: School) -> tuple[tuple[dt.date, dt.date], str] | None:
    """The period a workbook's title rows name — «Период: 06.11.2023–12.11.2023», «Неделя: 06.11–12.11»,
    «… за период с 06.11.2023 по 12.11.2023», «Период:» with the dates in the next cell — and the line as
    written; None when no title row names one (or two name different periods: no period is guessed)."""
    found = {}
    for sheet in book.sheet_names:
        try:
            rows = book.rows(sheet, probe=True, limit=TITLE_ROWS)
        except WorkbookUnreadable:  # a damaged sheet is named where it is read, not here
            continue
        for row in rows:
            texts = [v for v in row if isinstance(v, str) and v.strip()]
            for i, text in enumerate(texts):
                match = _PERIOD_LINE.match(text) or _FOR_PERIOD.search(text)
                if not match:
                    continue
                value = match.group(1) or (texts[i + 1] if i + 1 < len(texts) else "")
                period = period_in(value, school) if value else None
                if period:
                    found[period] = text if match.group(1) else f"{text} {value}"
    return next(iter(found.items())) if len(found) == 1 else None


def period_in(text: str, school: School) -> tuple[dt.date, dt.date] | None:
    """(first day, last day) a text names as a week or a month («2023-11-06», «06.11–12.11.2023»,
    «Ноябрь 2023», «2023-11»), or None."""
    stem = _WEEK_WORD.sub("", normalize(text).replace("_", " ").strip())
    years = (school.quarters[0][0].year, school.quarters[-1][1].year)
    found = _YEAR_MONTH.match(stem)
    if found and 1 <= int(found[2]) <= 12:
        return _month_span(int(found[1]), int(found[2]))
    found = _MONTH.match(stem)
    if found and month_number(found[1]) is not None:
        month = month_number(found[1])
        return _month_span(int(found[2]) if found[2] else (years[0] if month >= 8 else years[1]), month)
    if not any(ch.isdigit() for ch in stem):
        return None
    try:
        return read_week_label(stem, years)
    except (CellError, ValueError, OverflowError):
        return None


def _month_span(year: int, month: int) -> tuple[dt.date, dt.date]:
    following = dt.date(year + month // 12, month % 12 + 1, 1)
    return dt.date(year, month, 1), following - dt.timedelta(days=1)


def join_periods(parts: list[tuple[str, Monitoring]], folder: str, problems: Problems) -> Monitoring | None:
    """The files' weeks side by side. A person is the people's key across files; in the weeks of a file
    whose list does not hold her, she is not counted (that file's list is who was on staff then),
    and the reading report names her."""
    import numpy as np

    owner: dict[dt.date, str] = {}
    for name, part in parts:
        for week in part.weeks:
            if week in owner:
                problems.add("duplicate_column", name, f"неделя с {week:%d.%m.%Y} есть и в файле «{owner[week]}»",
                             hint="Оставьте неделю в одном файле")  # fmt: skip
            else:
                owner[week] = name
    if problems or not parts:
        return None
    people, row = [], {}
    for _, part in parts:
        for person in part.people:
            if person.key not in row:
                row[person.key] = len(people)
                people.append(person)
    weeks = sorted(owner)
    column = {w: j for j, w in enumerate(weeks)}
    counts = np.full((len(people), len(weeks)), ABSENT, dtype=np.int32)
    calls = np.full(counts.shape, NO_NUMBER, dtype=np.int32) if any(p.calls is not None for _, p in parts) else None
    platforms: dict = {}
    missing: dict[str, list[str]] = {}
    for name, part in parts:
        cells = np.ix_([row[p.key] for p in part.people], [column[w] for w in part.weeks])
        counts[cells] = part.counts
        if calls is not None and part.calls is not None:
            calls[cells] = part.calls
        for platform, there in part.platforms.items():
            platforms.setdefault(platform, np.zeros(counts.shape, dtype=np.int32))[cells] = there
        listed = {p.key for p in part.people}
        absent = [p.name for p in people if p.key not in listed]
        if absent and part.weeks:
            missing[name] = absent
    joined = Monitoring(people, weeks, counts, parts[0][1].layout, calls)
    joined.platforms = platforms
    problems.note(
        folder, "файлы папки — периоды одной организации (по имени файла или строке «Период:»: неделя или месяц), "
        "недели собраны из них: "
        + ", ".join(f"«{PurePosixPath(name).name}»" for name, _ in parts),
    )  # fmt: skip
    for name, absent in missing.items():
        shown = ", ".join(f"«{n}»" for n in absent[:10]) + (f" и ещё {len(absent) - 10}" if len(absent) > 10 else "")
        problems.note(name, f"в списке этого файла нет: {shown} — в его недели они не учтены")
    return joined


def week_from_period(book, table, problems: Problems) -> None:
    """A sheet of one count per person («ФИО | Сообщений») in a workbook for one week (its file's name or
    its «Период:» line): that week is every row's, as a «Неделя» column would say. A month's file holds
    no week: one number a month cannot be split into weeks, and is refused where it stands."""
    from ..compute.calendar import monday

    first, last, where = book.period
    if monday(first) != monday(last):
        problems.add("missing_column", table.file,
                     f"в листе одно число сообщений на сотрудника, а файл — за {first:%d.%m.%Y}–{last:%d.%m.%Y} "
                     f"({where}): по неделям его не разложить", sheet=table.sheet, row=table.header_row,
                     column=table.header("messages"),
                     hint="Заведите столбец на каждую неделю (06.11.2023, 13.11.2023, …) или файл на каждую неделю "
                     "со строкой «Период: 06.11.2023–12.11.2023»")  # fmt: skip
        return
    start = monday(first)  # a file named by one day stands for its week, Monday to Sunday
    label = f"{start:%d.%m.%Y}–{start + dt.timedelta(days=6):%d.%m.%Y}"
    table.columns["week"] = len(table.headers)
    table.headers.append("Неделя")
    for row in table.rows:
        row.values.append(label)
    problems.note(table.file, f"столбца «Неделя» нет: неделя {label} взята из файла ({where}) — для всех строк",
                  table.sheet)  # fmt: skip
    update_layout(table, week_from=f"{label} ({where})")


def refuse_unsaid_periods(parts: list[tuple[str, Monitoring]], folder: str, problems: Problems) -> None:
    """Files of the same people over weeks that do not overlap, named by no period and listed by no
    organizations.xlsx: one school's weeks, or organisations each with its own weeks? More than one file
    never makes a district by itself — both readings are named and the school says which."""
    if len(parts) < 2 or any(p.organization for _, part in parts for p in part.people):
        return  # the rosters name their organisations: a district's files
    weeks = Counter(week for _, part in parts for week in part.weeks)
    if not weeks or max(weeks.values()) > 1:
        return  # a week in several files: organisations (one school's periods never share a week)
    first = {p.key for p in parts[0][1].people}
    if not all(len(first & {p.key for p in part.people}) * 2 >= min(len(first), len(part.people)) for _, part in parts):
        return  # other people in each: organisations
    names = ", ".join(f"«{PurePosixPath(name).name}»" for name, _ in parts)
    problems.add(
        "ambiguous_file", folder,
        f"в файлах {names} — одни и те же сотрудники за разные недели: это недели одной школы или организации "
        "района? Программа не угадывает", hint="Если это недели одной школы — назовите каждый файл по его неделе "
        "(2023-11-06.xlsx) или впишите в заголовок листа строку «Период: 06.11.2023–12.11.2023»; если это "
        "организации — положите в inputs/ organizations.xlsx со списком организаций",
    )  # fmt: skip
