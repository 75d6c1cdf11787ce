"""The computed model of one quarter: every figure any document shows.

Renderers only lay this out; nothing is re-derived in a template.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import IntEnum, StrEnum
from fractions import Fraction

import numpy as np

from ..inputs import (
    Activity,
    Correction,
    Evidence,
    Indicator,
    Monitoring,
    Person,
    Roadmap,
    School,
    Section,
    is_connected,
)
from .calendar import Period


def round_half_up(value: Fraction, digits: int = 2) -> float:
    """Round as people do (85.365 → 85.37), exactly, without float artefacts."""
    scale = 10**digits
    scaled = value * scale
    whole = (scaled.numerator * 2 + scaled.denominator) // (2 * scaled.denominator)
    if scaled < 0:
        whole = -((-scaled.numerator * 2 + scaled.denominator) // (2 * scaled.denominator))
    return whole / scale


@dataclass(frozen=True)
class WeekFigure:
    week: dt.date  # Monday
    counted: int
    active: int

    @property
    def share(self) -> Fraction | None:
        """Exact coverage in percent, or None when nobody was counted."""
        return Fraction(self.active * 100, self.counted) if self.counted else None

    @property
    def percent(self) -> float | None:
        """Two decimals, for summary.json and integrations; documents round ``share`` once instead."""
        share = self.share
        return None if share is None else round_half_up(share)

    def reaches(self, target: float) -> bool:
        share = self.share
        return share is not None and share >= Fraction(str(target))


@dataclass(frozen=True)
class PersonWeek:
    person: Person
    messages: int
    mark: str = ""  # «да»/«нет» where a mark, not a number, was entered (messages is then 0, unknown)

    @property
    def shown(self) -> str:
        return self.mark or str(self.messages)


@dataclass(frozen=True)
class Series:
    """Weekly figures of one group (a category or a department) over the period."""

    label: str
    weeks: tuple[WeekFigure, ...]
    target_percent: float

    @property
    def end(self) -> WeekFigure | None:
        return self.weeks[-1] if self.weeks else None

    @property
    def measured(self) -> tuple[WeekFigure, ...]:
        return tuple(w for w in self.weeks if w.counted)

    @property
    def average_share(self) -> Fraction | None:
        """The mean of the weekly shares, exact (what documents round once for display)."""
        shares = [w.share for w in self.measured]
        return sum(shares, Fraction(0)) / len(shares) if shares else None

    @property
    def average_percent(self) -> float | None:
        """Two decimals, for summary.json (never rounded again for display: see ``average_share``)."""
        share = self.average_share
        return None if share is None else round_half_up(share)

    @property
    def weeks_at_target(self) -> int:
        return sum(1 for w in self.measured if w.reaches(self.target_percent))


@dataclass(frozen=True)
class PlatformFigure:
    """One platform in one week, among the indicator's counted people: who wrote there at all,
    and who met the message threshold there alone."""

    platform: str
    week: dt.date
    counted: int
    writers: int
    active: int


@dataclass(frozen=True)
class IndicatorResult:
    indicator: Indicator
    series: Series
    departments: tuple[Series, ...]
    target_met: bool | None  # None: the deadline is after the period
    deadline_week: WeekFigure | None  # the week that decided target_met
    deadline_in_period: bool  # the deadline falls inside the charted weeks (the chart marks it)
    quarter_ends: tuple[WeekFigure | None, ...]  # end of each quarter up to this one
    below_threshold: tuple[PersonWeek, ...]  # in the end-of-quarter week
    never_active: tuple[Person, ...]  # counted in the period, never active
    platforms: tuple[PlatformFigure, ...] = ()  # per platform and week, when the sheet names platforms
    measured_by_counts: bool = False  # from the «Охват» sheet (no names: no appendix, no departments)
    measured_by_chats: bool = False  # counted from the chats and the contingent table (also no names)

    @property
    def category(self) -> str:
        return self.indicator.category

    @property
    def connected(self) -> bool:
        """Of the connected family: members of the chats, not writers of a threshold of messages."""
        return is_connected(self.indicator.category)

    @property
    def threshold(self) -> int | None:
        """Messages a week that make one active; None for the connected family, which counts none."""
        return None if self.connected else self.indicator.threshold

    @property
    def end_platforms(self) -> tuple[PlatformFigure, ...]:
        """The platforms in the end-of-quarter week (what the report and summary.json show)."""
        end = self.series.end
        return tuple(f for f in self.platforms if end is not None and f.week == end.week)

    @property
    def change(self) -> Fraction | None:
        """Change of the end-of-quarter value against the previous quarter's end, exact, in points."""
        end, before = self.series.end, self.previous_end
        if end is None or before is None or end.share is None or before.share is None:
            return None
        return end.share - before.share

    @property
    def change_pp(self) -> float | None:
        """``change`` with two decimals, for summary.json."""
        change = self.change
        return None if change is None else round_half_up(change)

    @property
    def previous_end(self) -> WeekFigure | None:
        return self.quarter_ends[-2] if len(self.quarter_ends) > 1 else None

    @property
    def verdict(self) -> str:
        return {True: "met", False: "not_met", None: "pending"}[self.target_met]


@dataclass(frozen=True)
class OrganizationResult:
    """One organisation inside a consolidated (municipal) model."""

    name: str
    ends: tuple[WeekFigure | None, ...]  # per indicator: its last monitored week in the period
    targets: tuple[float, ...]
    previous: tuple[WeekFigure | None, ...] = ()  # per indicator: its end of the previous quarter

    def gap(self, k: int) -> Fraction | None:
        """How far indicator k is below its target, exact, in points (None: at target or no data)."""
        end = self.ends[k]
        if end is None or end.share is None or end.reaches(self.targets[k]):
            return None
        return Fraction(str(self.targets[k])) - end.share

    def change(self, k: int) -> Fraction | None:
        """Indicator k's change against the previous quarter's end, exact, in points."""
        end, before = self.ends[k], self.previous[k] if k < len(self.previous) else None
        if end is None or before is None or end.share is None or before.share is None:
            return None
        return end.share - before.share

    def gap_pp(self, k: int) -> float | None:
        """``gap`` with two decimals, for summary.json."""
        gap = self.gap(k)
        return None if gap is None else round_half_up(gap)

    def change_pp(self, k: int) -> float | None:
        """``change`` with two decimals, for summary.json."""
        change = self.change(k)
        return None if change is None else round_half_up(change)

    @property
    def below_target(self) -> bool:
        return any(e is None or not e.reaches(t) for e, t in zip(self.ends, self.targets, strict=True))

    def rank_key(self):
        """Highest first-indicator coverage first; organisations without data last."""
        first = self.ends[0] if self.ends else None
        share = first.share if first is not None else None
        return (share is None, -(share or 0), self.name)


class Status(StrEnum):
    """An activity's status on the status date (the values are what summary.json says)."""

    DONE = "done"
    IN_PROGRESS = "in_progress"
    OVERDUE = "overdue"
    NOT_STARTED = "not_started"
    CANCELLED = "cancelled"


class MoveCause(StrEnum):
    CORRECTION = "correction"  # a decision on the «Корректировки» sheet
    OVERDUE = "overdue"  # overdue: moved to the end of the next quarter by the roadmap's own rule


@dataclass(frozen=True)
class Move:
    """Why and to when an activity's deadline moved."""

    cause: MoveCause
    due: dt.date
    reason: str = ""  # the correction's reason as written (may be empty)
    decided_on: dt.date | None = None  # the correction's date
    text: str = ""  # the correction's new deadline in its own words («Февраль 2024»), shown as decided


class Proposal(StrEnum):
    """What the report proposes; which ones apply is decided in compute, the wording in render."""

    CONSULTATIONS = "consultations"  # a target not met while people are below the threshold
    APPROVE_DEADLINES = "approve_deadlines"  # overdue activities got new deadlines
    DECIDE_DEADLINES = "decide_deadlines"  # overdue activities whose deadline cannot move without a decision
    ORGANIZATIONS_BEHIND = "organizations_behind"  # a consolidated report: organisations below target
    CARRY_OVER = "carry_over"  # the year's last quarter
    CONTINUE = "continue"  # any other quarter


class Mark(IntEnum):
    """A person's week in the person × week table."""

    NOT_COUNTED = 0  # not employed, absent or not monitored that week
    BELOW = 1  # counted, and below the rule of an indicator that counts them
    MET = 2  # counted, and meeting the rule of every indicator that counts them
    UNMEASURED = 3  # counted by no indicator (a category no indicator names)


@dataclass(frozen=True)
class ActivityResult:
    activity: Activity
    status: Status
    move: Move | None  # the deadline moved: by a correction, or as overdue
    responsible: str  # after corrections
    evidence: tuple[Evidence, ...]  # dated inside the period
    corrections: tuple[Correction, ...]  # decided on or before the status date
    needs_decision: bool  # overdue after the last quarter, or past a decided deadline: no automatic deadline
    done_by_term: bool = False  # an activity for a term that ran it (evidence inside) and whose term ended

    @property
    def number(self) -> str:
        return self.activity.number

    @property
    def new_due(self) -> dt.date | None:
        return self.move.due if self.move else None

    def moved_in(self, first_day: dt.date) -> bool:
        """Whether the deadline moved in the period that begins on ``first_day``: an automatic move
        always does; a correction only if it was decided then (not a quarter ago)."""
        if self.move is None:
            return False
        return self.move.cause != MoveCause.CORRECTION or (self.move.decided_on or first_day) >= first_day

    def responsible_changed_in(self, first_day: dt.date) -> bool:
        """Whether a decision of the period that begins on ``first_day`` changed the responsibles (one of
        an earlier period is the roadmap as it already stands)."""
        deciding = next((c for c in reversed(self.corrections) if c.responsible), None)
        return (
            deciding is not None and self.responsible != self.activity.responsible and deciding.decided_on >= first_day
        )

    @property
    def due(self) -> dt.date:
        return self.activity.deadline.due


@dataclass(frozen=True)
class QuarterModel:
    school: School
    period: Period
    indicators: tuple[IndicatorResult, ...]
    activities: tuple[ActivityResult, ...]
    monitored_weeks: tuple[dt.date, ...]  # weeks of per-person monitoring inside the period (person × week)
    monitoring: Monitoring  # people and counts, for the person × week sheet
    roadmap: Roadmap  # as read, for the corrected roadmap.xlsx
    organizations: tuple[OrganizationResult, ...] = ()  # several organisations: each one's figures
    organization: str = ""  # a package of one organisation out of several
    excluded: tuple[str, ...] = ()  # organisations left out for bad data (consolidated model)
    count_weeks: tuple[dt.date, ...] = ()  # weeks the «Охват» sheet reports inside the period
    missing_returns: tuple[tuple[dt.date, tuple[str, ...]], ...] = ()  # weeks some organisations did not report
    proposals: tuple[Proposal, ...] = ()
    marks: np.ndarray | None = None  # Mark per person × monitored week of the period
    own_roadmap: bool = True  # False: an organisation of a district — a report only, no borrowed roadmap

    @property
    def reported_weeks(self) -> tuple[dt.date, ...]:
        """Every week with figures in the period: per person or by counts (what the report counts)."""
        return tuple(sorted(set(self.monitored_weeks) | set(self.count_weeks)))

    @property
    def people(self) -> tuple[Person, ...]:
        return self.monitoring.people

    @property
    def ranking(self) -> tuple[OrganizationResult, ...]:
        return tuple(sorted(self.organizations, key=OrganizationResult.rank_key))

    @property
    def quarter(self) -> int:
        return self.period.quarter

    @property
    def is_year_end(self) -> bool:
        return self.quarter == len(self.school.quarters)

    @property
    def status_counts(self) -> dict[Status, int]:
        counts: dict[Status, int] = {}
        for activity in self.activities:
            counts[activity.status] = counts.get(activity.status, 0) + 1
        return counts

    @property
    def carry_over(self) -> tuple[ActivityResult, ...]:
        """Activities neither done nor cancelled: they go on into the next school year."""
        return tuple(a for a in self.activities if a.status not in (Status.DONE, Status.CANCELLED))

    @property
    def roadmap_order(self) -> tuple[ActivityResult | Section, ...]:
        """The activities with the approved roadmap's section headings between them, in its row order."""
        items = [(a.activity.row, a) for a in self.activities] + [(s.row, s) for s in self.roadmap.sections]
        return tuple(item for _, item in sorted(items, key=lambda pair: pair[0]))

    @property
    def overdue(self) -> tuple[ActivityResult, ...]:
        return tuple(a for a in self.activities if a.status == Status.OVERDUE)
