"""Indicators measured by counts (the «Охват» sheet): the same figures as per-person ones, from totals."""

from __future__ import annotations

import datetime as dt

from ..inputs import Counts, Indicator, School
from .calendar import Period, reporting_period
from .model import IndicatorResult, OrganizationResult, Series, WeekFigure


def _last(weeks, until: dt.date, since: dt.date | None = None) -> dt.date | None:
    found = [w for w in weeks if w <= until and (since is None or w >= since)]
    return found[-1] if found else None


def counted_result(
    indicator: Indicator, counts: Counts, school: School, period: Period, organization: str | None = None
) -> IndicatorResult:
    """Week by week: «Всего» is who is counted, «Активных» who is active (the school applied the rule)."""
    by_week = counts.of(indicator.category, organization)
    weeks = sorted(by_week)

    def figure(week: dt.date | None) -> WeekFigure | None:
        return None if week is None else WeekFigure(week, *by_week[week])

    series = Series(indicator.text, tuple(figure(w) for w in weeks if period.holds(w)), indicator.target_percent)
    target_met, deadline_week = None, None
    if indicator.deadline <= period.status_date:
        deadline_week = figure(_last(weeks, indicator.deadline))
        target_met = bool(deadline_week and deadline_week.reaches(indicator.target_percent))
    quarter_ends = []
    for number in range(1, period.quarter + 1):
        earlier = reporting_period(school, number)
        quarter_ends.append(figure(_last(weeks, earlier.status_date, earlier.first_week)))
    return IndicatorResult(
        indicator=indicator,
        series=series,
        departments=(),
        target_met=target_met,
        deadline_week=deadline_week,
        deadline_in_period=bool(series.weeks) and series.weeks[0].week <= indicator.deadline <= period.status_date,
        quarter_ends=tuple(quarter_ends),
        below_threshold=(),  # counts name nobody
        never_active=(),
        measured_by_counts=True,
        measured_by_chats=indicator.category in counts.from_chats,
    )


def counted_ends(indicator: Indicator, counts: Counts, period: Period, organization: str) -> WeekFigure | None:
    """An organisation's end of quarter: its own last reported week in the period."""
    by_week = counts.of(indicator.category, organization)
    week = _last([w for w in sorted(by_week) if period.holds(w)], period.status_date)
    return None if week is None else WeekFigure(week, *by_week[week])


def with_counted_ends(results, indicators, counts: Counts, period: Period) -> tuple[OrganizationResult, ...]:
    """The ranking's organisations with the count-based indicators' ends filled in from the counts."""
    names = sorted({r.name for r in results} | set(counts.organizations) - {""})
    if len(names) < 2:
        return ()
    by_name = {r.name: r for r in results}
    targets = tuple(i.target_percent for i in indicators)
    ranked = []
    for name in names:
        ends = list(by_name[name].ends) if name in by_name else [None] * len(indicators)
        for k, indicator in enumerate(indicators):
            if indicator.category in counts.groups:
                ends[k] = counted_ends(indicator, counts, period, name)
        ranked.append(OrganizationResult(name, tuple(ends), targets))
    return tuple(ranked)


def missing_returns(counts: Counts, period: Period) -> tuple[tuple[dt.date, tuple[str, ...]], ...]:
    """Weeks of the period some organisations reported and others did not: (week, those missing)."""
    organizations = set(counts.organizations) - {""}
    if len(organizations) < 2:
        return ()
    reported: dict[dt.date, set[str]] = {}
    for row in counts.rows:
        if period.holds(row.week):
            reported.setdefault(row.week, set()).add(row.organization)
    return tuple(
        (week, tuple(sorted(organizations - who))) for week, who in sorted(reported.items()) if organizations - who
    )
