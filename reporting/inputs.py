"""Validated inputs: the typed facts every later stage works from."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

TEACHERS = "teachers"
ADMINISTRATION = "administration"
CATEGORIES = (TEACHERS, ADMINISTRATION)


@dataclass(frozen=True)
class School:
    full_name: str
    short_name: str
    head_position: str
    head_name: str
    platform: str
    year_label: str
    quarters: tuple[tuple[dt.date, dt.date], ...]
    executor_name: str = ""
    executor_phone: str = ""
    city: str = ""
    addressee: tuple[str, ...] = ()  # lines of the covering letter's addressee

    @property
    def year_slug(self) -> str:
        return self.year_label.replace("/", "-")


@dataclass(frozen=True)
class Deadline:
    text: str  # as written in the roadmap
    start: dt.date | None
    due: dt.date


@dataclass(frozen=True)
class Activity:
    number: str
    title: str
    responsible: str
    deadline: Deadline
    result: str
    status_mark: str | None  # normalised «Статус» value or None
    completed_on: dt.date | None
    completion_note: str
    row: int


@dataclass(frozen=True)
class Indicator:
    text: str
    category: str
    threshold: int
    target_percent: float
    deadline: dt.date


@dataclass(frozen=True)
class Evidence:
    activity: str
    date: dt.date
    text: str


@dataclass(frozen=True)
class Correction:
    activity: str
    new_due: dt.date
    new_due_text: str
    responsible: str | None
    reason: str
    decided_on: dt.date


@dataclass(frozen=True)
class Roadmap:
    activities: tuple[Activity, ...]
    indicators: tuple[Indicator, ...]
    evidence: tuple[Evidence, ...] = ()
    corrections: tuple[Correction, ...] = ()
    indicators_from_file: bool = False


@dataclass(frozen=True)
class Person:
    key: str
    name: str
    category: str
    personnel_number: str | None = None
    position: str = ""
    department: str = ""
    organization: str = ""
    hired: dt.date | None = None
    dismissed: dt.date | None = None
    absent_from: dt.date | None = None
    absent_to: dt.date | None = None

    def counted_on(self, monday: dt.date) -> bool:
        """Employed and present on the week's Monday (the contract's rule)."""
        if self.hired is not None and self.hired > monday:
            return False
        if self.dismissed is not None and self.dismissed < monday:
            return False
        absent = self.absent_from is not None and self.absent_from <= monday
        return not (absent and (self.absent_to is None or monday <= self.absent_to))


@dataclass
class Monitoring:
    people: tuple[Person, ...]
    weeks: tuple[dt.date, ...]  # Mondays of monitored weeks, ascending
    messages: dict[tuple[str, dt.date], int] = field(default_factory=dict)  # (key, monday)
    layout: str = "wide"

    def count(self, key: str, monday: dt.date) -> int:
        return self.messages.get((key, monday), 0)


@dataclass(frozen=True)
class Inputs:
    school: School
    roadmap: Roadmap
    monitoring: Monitoring
    raw: dict[str, bytes] = field(default_factory=dict, repr=False)  # the files as read, by name
