"""Roster people the weekly sheet has no row for: counted with 0 messages, and never silently."""

from __future__ import annotations

from collections import defaultdict

from ..errors import Problems
from ..inputs import Monitoring
from ..read.table import Table
from ..read.text import normalize

SHOWN = 10


def check_unlisted(monitoring: Monitoring, listed: set[str], table: Table, problems: Problems) -> None:
    """Name every counted roster person without a row in ``table``; refuse where a namesake (the same
    ФИО under another personnel number) has the row: one person in two posts numbered apart, or two
    people, and the tool does not guess which — either way «0 messages» would be wrong or unproved."""
    if not monitoring.weeks or len(listed) == len(monitoring.people):
        return
    counted = monitoring.counted.any(axis=1)  # employed and present in a monitored week
    missing = [i for i, p in enumerate(monitoring.people) if p.key not in listed and counted[i]]
    if not missing:
        return
    listed_names: dict[str, list] = defaultdict(list)
    for person in monitoring.people:
        if person.key in listed:
            listed_names[normalize(person.name)].append(person)
    alone = []
    for i in missing:
        person = monitoring.people[i]
        namesakes = listed_names.get(normalize(person.name))
        if not namesakes:
            alone.append(person.name)
            continue
        other = namesakes[0]
        problems.add(
            "unlisted_person", table.file,
            f"у «{person.name}» (табельный номер {person.personnel_number}) нет строки в листе «{table.sheet}», "
            f"а у сотрудника с теми же ФИО (табельный номер {other.personnel_number}) есть: программа не угадывает, "
            "это один человек на двух должностях или два человека",
            sheet=table.sheet, column=table.header("number") if table.has("number") else None,
            value=person.personnel_number,
            hint="Если это один сотрудник на двух должностях (внутреннее совместительство), впишите в обе его строки "
            f"листа «Сотрудники» табельный номер {other.personnel_number} — каждую строку со своей категорией; "
            f"если это разные сотрудники, добавьте в лист «{table.sheet}» строку с табельным номером "
            f"{person.personnel_number}",
        )  # fmt: skip
    if alone:
        more = f" и ещё {len(alone) - SHOWN}" if len(alone) > SHOWN else ""
        problems.note(
            table.file,
            f"нет строк у сотрудников из листа «Сотрудники» ({len(alone)}): "
            + ", ".join(f"«{name}»" for name in alone[:SHOWN]) + more
            + " — они учтены как написавшие 0 сообщений в каждую отслеживаемую неделю; если кто-то из них не "
            "работал, укажите в листе «Сотрудники» даты приёма, увольнения или отсутствия",
            table.sheet,
        )  # fmt: skip
