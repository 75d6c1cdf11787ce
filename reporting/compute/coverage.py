"""Weekly coverage: counted and active staff per category and department."""

from __future__ import annotations

import datetime as dt

from ..inputs import Indicator, Monitoring, Person, School
from .calendar import Period, reporting_period
from .model import IndicatorResult, PersonWeek, Series, WeekFigure

NO_DEPARTMENT = "Не указано"


def week_figure(people: list[Person], monitoring: Monitoring, week: dt.date, threshold: int) -> WeekFigure:
    counted = [p for p in people if p.counted_on(week)]
    active = sum(1 for p in counted if monitoring.count(p.key, week) >= threshold)
    return WeekFigure(week, len(counted), active)


def _series(label, people, monitoring, weeks, indicator: Indicator) -> Series:
    figures = tuple(week_figure(people, monitoring, w, indicator.threshold) for w in weeks)
    return Series(label, figures, indicator.target_percent)


def _last_week_on_or_before(weeks, day: dt.date) -> dt.date | None:
    before = [w for w in weeks if w <= day]
    return before[-1] if before else None


def indicator_result(indicator: Indicator, monitoring: Monitoring, school: School, period: Period) -> IndicatorResult:
    people = [p for p in monitoring.people if p.category == indicator.category]
    weeks = [w for w in monitoring.weeks if period.holds(w)]
    series = _series(indicator.text, people, monitoring, weeks, indicator)
    departments = tuple(
        _series(name, [p for p in people if (p.department or NO_DEPARTMENT) == name], monitoring, weeks, indicator)
        for name in sorted({p.department or NO_DEPARTMENT for p in people})
    )
    target_met, deadline_week = None, None
    if indicator.deadline <= period.status_date:
        week = _last_week_on_or_before(monitoring.weeks, indicator.deadline)
        deadline_week = week_figure(people, monitoring, week, indicator.threshold) if week else None
        target_met = bool(deadline_week and deadline_week.reaches(indicator.target_percent))
    quarter_ends = tuple(
        _end_of(reporting_period(school, q), people, monitoring, indicator.threshold)
        for q in range(1, period.quarter + 1)
    )
    return IndicatorResult(
        indicator=indicator,
        series=series,
        departments=departments,
        target_met=target_met,
        deadline_week=deadline_week,
        quarter_ends=quarter_ends,
        below_threshold=_below(people, monitoring, series, indicator.threshold),
        never_active=_never_active(people, monitoring, weeks, indicator.threshold),
    )


def _end_of(period: Period, people, monitoring, threshold: int) -> WeekFigure | None:
    """Coverage in the last monitored week of a period (None when nothing was monitored)."""
    weeks = [w for w in monitoring.weeks if period.holds(w)]
    return week_figure(people, monitoring, weeks[-1], threshold) if weeks else None


def _below(people, monitoring, series: Series, threshold: int) -> tuple[PersonWeek, ...]:
    if series.end is None:
        return ()
    week = series.end.week
    rows = [
        PersonWeek(p, monitoring.count(p.key, week))
        for p in people
        if p.counted_on(week) and monitoring.count(p.key, week) < threshold
    ]
    return tuple(sorted(rows, key=lambda r: (r.messages, r.person.name)))


def _never_active(people, monitoring, weeks, threshold: int):
    found = []
    for person in people:
        counted = [w for w in weeks if person.counted_on(w)]
        if counted and all(monitoring.count(person.key, w) < threshold for w in counted):
            found.append(person)
    return tuple(sorted(found, key=lambda p: p.name))
