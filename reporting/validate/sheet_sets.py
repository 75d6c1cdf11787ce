"""Weekly data kept over several sheets: one per month («Мониторинг сентябрь», «Мониторинг
октябрь» …) beside «Сотрудники», or one per category («Педагогические работники», «Администрация»)
that holds its people and their weeks.  Which sheets form the set is found by their names; how the
parts join is here: months by weeks (a week on two sheets is refused, never one of them dropped),
categories by people (a person on two sheets is refused).
"""

from __future__ import annotations

import re

from ..errors import Problems
from ..inputs import NO_NUMBER, Monitoring
from ..read.text import header_key
from ..read.workbook import Workbook
from .categories import category_of

_COPY = re.compile(r"\(\d+\)$")  # «Мониторинг (2)»: a copy, which the hidden-sheet rule is about


def month_sheets(book: Workbook) -> list[str]:
    """Visible sheets named «Мониторинг <something>» (a month, a quarter), in the book's order."""
    return [s for s in book.sheet_names if s not in book.hidden and header_key(s).startswith("мониторинг ")
            and not _COPY.search(header_key(s))]  # fmt: skip


def category_sheets(book: Workbook) -> list[str]:
    """Visible sheets named after a staff category («Педагогические работники», «Администрация»)."""
    return [s for s in book.sheet_names if s not in book.hidden and category_of(s) is not None]


def by_weeks(parts: list[tuple[str, Monitoring]], file: str, problems: Problems) -> Monitoring | None:
    """Month sheets of one roster joined: each week from the one sheet that has it."""
    import numpy as np

    owner: dict = {}
    for sheet, part in parts:
        for week in part.weeks:
            if week in owner:
                problems.add("duplicate_column", file, f"неделя с {week:%d.%m.%Y} есть и на листе «{owner[week]}»",
                             sheet=sheet, hint="Оставьте неделю на одном листе: на другом удалите её столбец")  # fmt: skip
            else:
                owner[week] = sheet
    if problems or not parts:
        return None
    weeks = sorted(owner)
    people = parts[0][1].people
    counts = np.full((len(people), len(weeks)), NO_NUMBER, dtype=np.int32)
    platforms: dict = {}
    for _, part in parts:
        columns = [weeks.index(w) for w in part.weeks]
        counts[:, columns] = part.counts
        for name, there in part.platforms.items():
            platforms.setdefault(name, np.zeros(counts.shape, dtype=np.int32))[:, columns] = there
    joined = Monitoring(people, weeks, counts, parts[0][1].layout)
    joined.platforms = platforms
    return joined


def by_people(parts: list[tuple[str, Monitoring]], file: str, problems: Problems) -> Monitoring | None:
    """Category sheets joined: each person from the one sheet that has them."""
    owner: dict = {}
    for sheet, part in parts:
        for person in part.people:
            if person.key in owner:
                problems.add("duplicate_row", file, f"«{person.name}» есть и на листе «{owner[person.key]}»",
                             sheet=sheet, value=person.name,
                             hint="Оставьте сотрудника на листе его категории")  # fmt: skip
            else:
                owner[person.key] = sheet
    if problems or not parts:
        return None
    return Monitoring.merge([part for _, part in parts])
