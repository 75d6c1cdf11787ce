"""Weekly coverage: counted and active staff per category and department.

Computed on the monitoring arrays (people × weeks), so that a region's
100 000 staff take milliseconds, not minutes.
"""

from __future__ import annotations

import datetime as dt

import numpy as np

from ..inputs import ALL, MARK_NO, MARK_YES, Indicator, Monitoring, School
from .calendar import Period, reporting_period
from .model import IndicatorResult, OrganizationResult, PersonWeek, PlatformFigure, Series, WeekFigure

NO_DEPARTMENT = "Не указано"
MARK_WORDS = {MARK_YES: "да", MARK_NO: "нет"}  # a mark's count, as shown: the number is not known


def meets(monitoring: Monitoring, columns, indicator: Indicator) -> np.ndarray:
    """bool [person, column]: the indicator's weekly rule is met — enough messages, and enough calls
    where the indicator sets a call threshold (no calls entered count as none)."""
    counts = monitoring.counts[:, columns]
    ok = (counts >= indicator.threshold) | (counts == MARK_YES)  # «да»: the school's word that it was met
    if indicator.call_threshold:
        ok &= monitoring.calls[:, columns] >= indicator.call_threshold
    return ok


def _figures(monitoring: Monitoring, members: np.ndarray, columns: list[int], indicator: Indicator) -> list[WeekFigure]:
    """Counted and active people among ``members`` (bool per person) in each week column."""
    counted = monitoring.counted[:, columns] & members[:, None]
    active = counted & meets(monitoring, columns, indicator)
    return [
        WeekFigure(monitoring.weeks[j], int(c), int(a))
        for j, c, a in zip(columns, counted.sum(axis=0), active.sum(axis=0), strict=True)
    ]


def _columns(monitoring: Monitoring, period: Period) -> list[int]:
    return [j for j, w in enumerate(monitoring.weeks) if period.holds(w)]


def _last_column(monitoring: Monitoring, until: dt.date, since: dt.date | None = None) -> int | None:
    found = [j for j, w in enumerate(monitoring.weeks) if w <= until and (since is None or w >= since)]
    return found[-1] if found else None


def category_members(monitoring: Monitoring, category: str) -> np.ndarray:
    if category == ALL:
        return np.ones(len(monitoring.people), dtype=bool)
    members = monitoring.categories == category
    for i in monitoring.second_posts:  # a handful at most: a person's other posts count here too
        members[i] |= category in monitoring.people[i].other_posts
    return members


def indicator_result(indicator: Indicator, monitoring: Monitoring, school: School, period: Period) -> IndicatorResult:
    members = category_members(monitoring, indicator.category)
    columns = _columns(monitoring, period)
    series = Series(indicator.text, tuple(_figures(monitoring, members, columns, indicator)), indicator.target_percent)
    departments = np.array([p.department or NO_DEPARTMENT for p in monitoring.people], dtype=object)
    names = sorted(set(departments[members])) if len(departments) else []
    by_department = tuple(
        Series(
            name,
            tuple(_figures(monitoring, members & (departments == name), columns, indicator)),
            indicator.target_percent,
        )
        for name in names
    )
    target_met, deadline_week = None, None
    if indicator.deadline <= period.status_date:
        column = _last_column(monitoring, indicator.deadline)
        deadline_week = _figures(monitoring, members, [column], indicator)[0] if column is not None else None
        target_met = bool(deadline_week and deadline_week.reaches(indicator.target_percent))
    quarter_ends = []
    for number in range(1, period.quarter + 1):
        earlier = reporting_period(school, number)
        column = _last_column(monitoring, earlier.status_date, earlier.first_week)
        quarter_ends.append(_figures(monitoring, members, [column], indicator)[0] if column is not None else None)
    return IndicatorResult(
        indicator=indicator,
        series=series,
        departments=by_department,
        target_met=target_met,
        deadline_week=deadline_week,
        deadline_in_period=bool(series.weeks) and series.weeks[0].week <= indicator.deadline <= period.status_date,
        quarter_ends=tuple(quarter_ends),
        below_threshold=_below(monitoring, members, columns, indicator),
        platforms=_platforms(monitoring, members, columns, indicator),
        never_active=_never_active(monitoring, members, columns, indicator),
    )


def _below(monitoring: Monitoring, members, columns: list[int], indicator: Indicator) -> tuple[PersonWeek, ...]:
    if not columns:
        return ()
    end = columns[-1]
    counts = monitoring.counts[:, end].tolist()  # Python ints: a region's 50 000 rows read without numpy scalars
    found = np.flatnonzero(members & monitoring.counted[:, end] & ~meets(monitoring, [end], indicator)[:, 0]).tolist()
    people = monitoring.people
    rows = [PersonWeek(people[i], max(counts[i], 0), MARK_WORDS.get(counts[i], "")) for i in found]
    return tuple(sorted(rows, key=lambda r: (r.messages, r.person.name)))


def _platforms(monitoring: Monitoring, members, columns: list[int], indicator: Indicator):
    found = []
    counted = monitoring.counted[:, columns] & members[:, None]
    for platform, counts in sorted(monitoring.platforms.items()):
        there = counts[:, columns]
        for j, week in enumerate(columns):
            found.append(
                PlatformFigure(
                    platform,
                    monitoring.weeks[week],
                    int(counted[:, j].sum()),
                    int((counted[:, j] & (there[:, j] > 0)).sum()),
                    int((counted[:, j] & (there[:, j] >= indicator.threshold)).sum()),
                )  # fmt: skip
            )
    return tuple(found)


def _never_active(monitoring: Monitoring, members, columns: list[int], indicator: Indicator):
    counted = monitoring.counted[:, columns] & members[:, None]
    active = counted & meets(monitoring, columns, indicator)
    found = np.flatnonzero(counted.any(axis=1) & ~active.any(axis=1))
    return tuple(sorted((monitoring.people[i] for i in found), key=lambda p: p.name))


def organization_results(indicators, monitoring: Monitoring, period: Period) -> tuple[OrganizationResult, ...]:
    """Each organisation's end of quarter per indicator: its own last monitored week in the period.

    Vectorised over organisations (a region has thousands): each person is read in
    their organisation's last monitored column, then counts are summed per organisation.
    """
    if len(monitoring.organizations) < 2:
        return ()
    columns = np.array(_columns(monitoring, period), dtype=np.int64)
    count = len(monitoring.organizations)
    last = np.full(count, -1, dtype=np.int64)
    if len(columns):
        own = monitoring.org_monitored[:, columns]  # [organisation, period week]
        has = own.any(axis=1)
        last[has] = columns[own.shape[1] - 1 - np.argmax(own[:, ::-1], axis=1)][has]
    person_last = last[monitoring.org_index]
    rows = np.flatnonzero(person_last >= 0)
    counted = np.zeros(len(monitoring.people), dtype=bool)
    counted[rows] = monitoring.counted[rows, person_last[rows]]
    met = {}
    for indicator in indicators:  # the rule in each person's own last column
        found = np.zeros(len(monitoring.people), dtype=bool)
        counts = monitoring.counts[rows, person_last[rows]]
        ok = (counts >= indicator.threshold) | (counts == MARK_YES)
        if indicator.call_threshold:
            ok &= monitoring.calls[rows, person_last[rows]] >= indicator.call_threshold
        found[rows] = ok
        met[id(indicator)] = found
    ends = []
    for indicator in indicators:
        members = counted & category_members(monitoring, indicator.category)
        counted_n = np.bincount(monitoring.org_index, weights=members, minlength=count)
        active_n = np.bincount(monitoring.org_index, weights=members & met[id(indicator)], minlength=count)
        ends.append((counted_n, active_n))
    targets = tuple(i.target_percent for i in indicators)
    weeks, last_of = monitoring.weeks, last.tolist()  # Python values: 2 000 organisations without numpy scalars
    ends = [(c.astype(np.int64).tolist(), a.astype(np.int64).tolist()) for c, a in ends]
    return tuple(
        OrganizationResult(
            name,
            tuple(WeekFigure(weeks[last_of[code]], c[code], a[code]) if last_of[code] >= 0 else None for c, a in ends),
            targets,
        )
        for code, name in enumerate(monitoring.organizations)
    )
