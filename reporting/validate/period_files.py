"""A folder of monitoring workbooks, one per week or per month («2025-12-08.xlsx», «Ноябрь 2025.xlsx»):
the periods of one school, joined by weeks like the sheet-per-month case — never a district of
organisations named after dates."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import PurePosixPath

from ..errors import Problems
from ..inputs import ABSENT, NO_NUMBER, Monitoring, School
from ..read.cells import CellError
from ..read.text import normalize
from ..read.weeks import month_number, read_week_label

_MONTH = re.compile(r"^([^\W\d_]+)(?:[ _.-]+(\d{4}))?$")
_YEAR_MONTH = re.compile(r"^(\d{4})[-_.](\d{1,2})$")
_WEEK_WORD = re.compile(r"^(неделя|нед\.?|week)[ _-]*", re.I)


def period_of(name: str, school: School) -> tuple[dt.date, dt.date] | None:
    """(first day, last day) a file's name stands for, or None: not a period."""
    stem = _WEEK_WORD.sub("", normalize(PurePosixPath(name).stem).replace("_", " ").strip())
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


def are_periods(names: list[str], school: School) -> bool:
    return bool(names) and all(period_of(name, school) is not None for name in names)


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
        folder, "файлы папки — периоды одной организации (по имени файла: неделя или месяц), недели собраны из них: "
        + ", ".join(f"«{PurePosixPath(name).name}»" for name, _ in parts),
    )  # fmt: skip
    for name, absent in missing.items():
        shown = ", ".join(f"«{n}»" for n in absent[:10]) + (f" и ещё {len(absent) - 10}" if len(absent) > 10 else "")
        problems.note(name, f"в списке этого файла нет: {shown} — в его недели они не учтены")
    return joined
