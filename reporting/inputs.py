"""Validated inputs: the typed facts every later stage works from."""

from __future__ import annotations

import dataclasses
import datetime as dt
from dataclasses import dataclass, field
from functools import cached_property

TEACHERS = "teachers"
ADMINISTRATION = "administration"
OTHER = "other"  # support and service staff: on the roster, counted by no indicator unless one names them
# The texts init's blank school.toml holds until the school writes its own: read back unchanged,
# each is a value not yet filled in (named all at once), never an organisation called so.
BLANK_TEXTS = {
    ("organization", "full_name"): "Полное наименование организации",
    ("organization", "short_name"): "Краткое наименование",
    ("head", "name"): "И.О. Фамилия",
}
HELP_SHEET = "Инструкция"  # the sheet of instructions make-report init writes into each blank workbook
ALL = "all"  # an indicator over every category («все работники»); no person has it
PARENTS = "parents"  # measured by counts only (the «Охват» sheet): no roster of parents
PUPILS = "pupils"
# The «connected» family (issue 31): the share of a group who are members of the school's chats, as
# against «active» (wrote at least N messages in the week).  An indicator of that family names the
# group's connected key; its figures are counts (GroupCount rows) made from the chats' member lists.
# how the reading report and the problems name them: (nominative, genitive plural)
AUDIENCE_WORDS = {PARENTS: ("родители", "родителей"), PUPILS: ("обучающиеся", "обучающихся")}
CONNECTED_SUFFIX = "_connected"
STAFF = "staff"  # a chat's declared audience: the school's staff (matched to the roster, as any chat)


def connected(group: str) -> str:
    return group + CONNECTED_SUFFIX


def is_connected(group: str) -> bool:
    return group.endswith(CONNECTED_SUFFIX)


def base_group(group: str) -> str:
    """The group an indicator measures, whichever family: «parents_connected» → «parents»."""
    return group.removesuffix(CONNECTED_SUFFIX)


FEDERAL_ROW = "Федеральные показатели"  # one «Показатели» row for the published MAX targets (validate/federal.py)
CATEGORIES = (TEACHERS, ADMINISTRATION)
STATUS_WORDS = ("выполнено", "выполняется", "не выполнено", "отменено")  # «Статус» as the roadmap sheet takes it


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
    requisites: tuple[str, ...] = ()  # the letterhead's lines: address, phone and e-mail, ОГРН/ИНН ([organization])
    absence_marks: tuple[str, ...] = ()  # extra week-cell texts meaning «absent that week» ([monitoring])
    qr: bool = False  # the QR-code requisite on the documents ([documents] qr)
    head_full_position: str = ""  # [head] full_position: printed as it is instead of «position short_name»
    timezone: str = "Europe/Moscow"  # a chat message's week is that of its local time here ([school])
    count_empty: bool = False  # chats: empty and reaction-only messages count ([chats] count_empty)
    chats_prefer: str = ""  # chats and typed counts for one person and week: «chats» or «typed» wins
    period_kind: str = "четверть"  # [school_year] kind: «четверть», «триместр», «модуль», «полугодие»
    unstated: tuple[str, ...] = ()  # the letterhead's requisites school.toml leaves out («address», «ogrn», «inn»)

    @property
    def kind(self):
        """The periods' words (``reporting.periods.PeriodKind``); ``quarters`` holds their dates."""
        from .periods import KINDS

        return KINDS[self.period_kind]

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
    label: str = ""  # the number as printed in the approved roadmap («1.»); ``number`` is its key («1»)


@dataclass(frozen=True)
class Section:
    """A roadmap's section heading («1. Организационные мероприятия» over 1.1, 1.2): not an activity;
    the corrected roadmap prints it where the approved one has it."""

    label: str  # as printed («1.», «Раздел I»), or ""
    title: str
    row: int


@dataclass(frozen=True)
class Indicator:
    text: str
    category: str
    threshold: int
    target_percent: float
    deadline: dt.date
    call_threshold: int | None = None  # «10 сообщений и 1 звонок»: active only when both are met


@dataclass(frozen=True)
class Letter:
    """The covering letter a package is attached to (``--letter``)."""

    number: str
    date: dt.date


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
    title: str = ""  # «по внедрению … в МАОУ «СОШ №24»» as approved: the sheet's title rows, verbatim
    sections: tuple[Section, ...] = ()  # headings between the activities, in the sheet's order


@dataclass(frozen=True, slots=True)  # a region has 100 000 of them: a third of the memory, faster to make
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
    platform_ids: tuple[tuple[str, str], ...] = ()  # («max» | «vk» | «telegram» | «*», id) from the roster
    # the categories of her other posts (внутреннее совместительство): one person, one weekly row,
    # counted in each category's indicator and once in an indicator over all staff
    other_posts: tuple[str, ...] = ()


@dataclass(frozen=True)
class OrganizationDetails:
    """An organisation's own requisites for its documents (``organizations.xlsx``): never the
    consolidating body's. Empty fields print as lines to fill in by hand."""

    name: str  # as the monitoring names it («Организация»)
    full_name: str = ""
    short_name: str = ""
    head_position: str = ""
    head_name: str = ""
    executor_name: str = ""
    executor_phone: str = ""
    city: str = ""


NO_NUMBER = -1  # nothing entered: counted (if employed and the week monitored), 0 messages
ABSENT = -2  # a mark such as «б/л» or «отпуск»: not counted that week at all
MARK_YES = -3  # «да», «+», «10+»: counted, the threshold met — how many messages is not known
MARK_NO = -4  # «нет», «менее 10»: counted, below the threshold — how many messages is not known


def entered(counts):
    """bool, per cell: something was entered that makes the week monitored — a number or a yes/no
    mark (an absence mark alone does not)."""
    return (counts >= 0) | (counts <= MARK_YES)


class Monitoring:
    """Roster and weekly counts as arrays, so a region's 100 000 staff compute fast.

    ``counts[i, j]`` holds person i's messages in week j, NO_NUMBER where nothing
    was entered, or ABSENT where a mark («б/л», «отпуск») says the person was away.  A week is monitored for an organisation when at least one of
    its cells holds a number; people are counted only in weeks their
    organisation monitored (one organisation: the contract's rule as is).
    """

    def __init__(self, people, weeks, counts, layout: str = "wide", calls=None):
        import numpy as np

        self.calls = calls  # calls per person and week, aligned with ``counts`` (NO_NUMBER: none), or None
        self.platforms: dict[str, object] = {}  # platform -> messages per person and week there (0: none)
        self.chat_sources: dict[tuple[str, dt.date], str] = {}  # (person key, week) → the chats counted
        self.chat_flags: dict[tuple[str, dt.date], str] = {}  # (person key, week) → signs of padded activity

        self.people: tuple[Person, ...] = tuple(people)
        self.weeks: tuple[dt.date, ...] = tuple(weeks)  # Mondays monitored anywhere, ascending
        self.counts = counts
        self.layout = layout
        self.row = {p.key: i for i, p in enumerate(self.people)}
        self.column = {w: j for j, w in enumerate(self.weeks)}
        self.organizations: tuple[str, ...] = tuple(sorted({p.organization for p in self.people}))
        self.org_code = {name: i for i, name in enumerate(self.organizations)}  # organisation -> its row
        self.org_index = np.array([self.org_code[p.organization] for p in self.people], dtype=np.int32)
        # [organisation, week]: any of its people with a number or a yes/no mark (an absence mark
        # alone: none) — one bincount over person × week cells, not np.add.at (slow at 100 000 rows)
        count, width = len(self.organizations), len(self.weeks)
        cells = (self.org_index.astype(np.int64)[:, None] * width + np.arange(width)).ravel()
        found = np.bincount(cells, weights=entered(counts).ravel(), minlength=count * width)
        self.org_monitored = found.reshape(count, width) > 0
        self._counted = None
        self._categories = None
        self._second_posts: list[int] | None = None

    @property
    def categories(self):
        """str [person]: each person's category, as an array to compare at once (a region asks 8 times)."""
        if self._categories is None:
            import numpy as np

            self._categories = np.array([p.category for p in self.people], dtype=object)
        return self._categories

    @property
    def second_posts(self) -> list[int]:
        """Indexes of the people who hold more than one post (their other categories in ``other_posts``)."""
        if self._second_posts is None:
            self._second_posts = [i for i, p in enumerate(self.people) if p.other_posts]
        return self._second_posts

    @property
    def counted(self):
        """bool [person, week]: employed, present and in an organisation that monitored the week."""
        if self._counted is None:
            self._counted = _counted_matrix(self)
        return self._counted

    def select(self, organization: str) -> Monitoring:
        """The same monitoring restricted to one organisation (its own monitored weeks)."""
        if organization not in self.organizations:
            return self.subset([False] * len(self.people))
        return self.subset(self.org_index == self.org_code[organization])  # vectorised: a region calls it 2 000 times

    def owned_by(self, default: str) -> Monitoring:
        """The same, each person's organisation their own or else ``default`` (a workbook or sheet of
        one organisation), keyed by it so that people of two organisations never collide."""
        people = [
            dataclasses.replace(p, key=f"{p.organization or default}/{p.key}", organization=p.organization or default)
            for p in self.people
        ]
        owned = Monitoring(people, self.weeks, self.counts, self.layout, self.calls)
        owned.platforms, owned.chat_sources, owned.chat_flags = self.platforms, self.chat_sources, self.chat_flags
        return owned

    def without(self, organizations: set[str]) -> Monitoring:
        return self.subset([p.organization not in organizations for p in self.people])

    def subset(self, keep: list[bool]) -> Monitoring:
        import numpy as np

        rows = np.flatnonzero(np.array(keep, dtype=bool))
        counts = self.counts[rows]
        columns = np.flatnonzero(entered(counts).any(axis=0)) if len(rows) else np.array([], dtype=int)
        people = [self.people[i] for i in rows]
        calls = self.calls[rows][:, columns] if self.calls is not None else None
        found = Monitoring(people, [self.weeks[j] for j in columns], counts[:, columns], self.layout, calls)
        found.platforms = {name: there[rows][:, columns] for name, there in self.platforms.items()}
        found.chat_sources, found.chat_flags = self.chat_sources, self.chat_flags
        return found

    @staticmethod
    def merge(parts: list[Monitoring]) -> Monitoring:
        """Several organisations' files as one: weeks joined, a week empty where a file lacks it."""
        import numpy as np

        if len(parts) == 1:  # one workbook, the usual case: it is the whole already (a region: 0.1 s)
            return parts[0]

        weeks = sorted({w for part in parts for w in part.weeks})
        column = {w: j for j, w in enumerate(weeks)}
        shape = (sum(len(p.people) for p in parts), len(weeks))
        counts = np.full(shape, NO_NUMBER, dtype=np.int32)
        calls = np.full(shape, NO_NUMBER, dtype=np.int32) if any(p.calls is not None for p in parts) else None
        platforms = {name: np.zeros(shape, dtype=np.int32) for part in parts for name in part.platforms}
        start = 0
        for part in parts:
            columns = np.array([column[w] for w in part.weeks], dtype=int)
            rows = np.arange(start, start + len(part.people))
            counts[np.ix_(rows, columns)] = part.counts
            if calls is not None and part.calls is not None:
                calls[np.ix_(rows, columns)] = part.calls
            for name, there in part.platforms.items():
                platforms[name][np.ix_(rows, columns)] = there
            start += len(part.people)
        people = [p for part in parts for p in part.people]
        merged = Monitoring(people, weeks, counts, parts[0].layout if parts else "wide", calls)
        merged.platforms = platforms
        merged.chat_sources = {k: v for part in parts for k, v in part.chat_sources.items()}
        merged.chat_flags = {k: v for part in parts for k, v in part.chat_flags.items()}
        return merged


def _dates(values):
    import numpy as np

    if values.count(None) == len(values):  # most people have no such date: no array of None to convert
        return np.full(len(values), np.datetime64("NaT"), dtype="datetime64[D]")
    return np.array([v if v is not None else np.datetime64("NaT") for v in values], dtype="datetime64[D]")


def _counted_matrix(monitoring: Monitoring):
    import numpy as np

    people = monitoring.people
    weeks = np.array(monitoring.weeks, dtype="datetime64[D]")[None, :]
    hired, dismissed = _dates([p.hired for p in people])[:, None], _dates([p.dismissed for p in people])[:, None]
    away_from, away_to = (
        _dates([p.absent_from for p in people])[:, None],
        _dates([p.absent_to for p in people])[:, None],
    )
    # Comparisons with NaT are False: an empty date never excludes anyone.
    employed = (np.isnat(hired) | (hired <= weeks)) & (np.isnat(dismissed) | (dismissed >= weeks))
    absent = (away_from <= weeks) & (np.isnat(away_to) | (away_to >= weeks))
    marked = monitoring.counts == ABSENT
    return employed & ~absent & ~marked & monitoring.org_monitored[monitoring.org_index]


@dataclass(frozen=True)
class GroupCount:
    """One row of the «Охват» sheet: how many of a group there are, and how many were active that week."""

    organization: str
    group: str  # TEACHERS, ADMINISTRATION, OTHER, ALL, PARENTS, PUPILS
    week: dt.date  # Monday
    total: int
    active: int


@dataclass(frozen=True)
class Counts:
    """Counts per organisation, group and week (no names): what schools report to their district."""

    rows: tuple[GroupCount, ...] = ()
    named: frozenset[str] = frozenset()  # every group the sheet names, in rows kept or refused
    from_chats: frozenset[str] = frozenset()  # groups counted from the chats and the contingent, not «Охват»

    @cached_property
    def groups(self) -> frozenset[str]:
        return frozenset(r.group for r in self.rows)

    @cached_property
    def weeks(self) -> tuple[dt.date, ...]:
        return tuple(sorted({r.week for r in self.rows}))

    @cached_property
    def organizations(self) -> tuple[str, ...]:
        return tuple(sorted({r.organization for r in self.rows}))

    def weeks_of(self, organization: str | None) -> tuple[dt.date, ...]:
        """The weeks one organisation reported (every organisation's with None)."""
        if organization is None:
            return self.weeks
        return tuple(sorted({w for g in self.groups for w in self._index.get((g, organization), {})}))

    def of(self, group: str, organization: str | None = None) -> dict[dt.date, tuple[int, int]]:
        """Week → (total, active) of a group, summed over organisations (or of one)."""
        return dict(self._index.get((group, organization), {}))

    @cached_property
    def _index(self) -> dict[tuple[str, str | None], dict[dt.date, tuple[int, int]]]:
        """Built once: a region's consolidation asks for 2 000 organisations × every group."""
        index: dict[tuple[str, str | None], dict[dt.date, tuple[int, int]]] = {}
        for r in self.rows:
            for key in ((r.group, r.organization), (r.group, None)):
                weeks = index.setdefault(key, {})
                total, active = weeks.get(r.week, (0, 0))
                weeks[r.week] = (total + r.total, active + r.active)
        return index


@dataclass(frozen=True)
class Inputs:
    school: School
    roadmap: Roadmap
    monitoring: Monitoring
    raw: dict[str, bytes] = field(default_factory=dict, repr=False)  # the files as read, by name
    failed: dict[str, tuple] = field(default_factory=dict)  # organisation -> its problems (left out)
    reading: tuple = ()  # Notes: how the reader read the files (the reading report)
    counts: Counts = field(default_factory=Counts)  # the «Охват» sheet: groups measured by counts
    organization_details: dict[str, OrganizationDetails] = field(default_factory=dict)  # organizations.xlsx

    @property
    def weeks(self) -> tuple[dt.date, ...]:
        """Every week with figures: per person or by counts."""
        return tuple(sorted(set(self.monitoring.weeks) | set(self.counts.weeks)))

    @cached_property  # asked once per organisation by a region's 2 000 models
    def organizations(self) -> tuple[str, ...]:
        """The organisations named in the inputs, per person or by counts (none for a single school)."""
        return tuple(sorted((set(self.monitoring.organizations) | set(self.counts.organizations)) - {""}))
