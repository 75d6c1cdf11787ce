"""Weeks, reporting periods and status dates, per the contract's definitions."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from ..inputs import School

WEEK = dt.timedelta(days=7)


def monday(day: dt.date) -> dt.date:
    return day - dt.timedelta(days=day.weekday())


def year_end(school: School) -> dt.date:
    """31 August of the year the last quarter ends in: the school year's last day."""
    return dt.date(school.quarters[-1][1].year, 8, 31)


def year_first_week(school: School) -> dt.date:
    return monday(school.quarters[0][0])


@dataclass(frozen=True)
class Period:
    quarter: int
    first_week: dt.date  # Monday
    last_week: dt.date  # Monday
    status_date: dt.date  # the period's last day
    first_day: dt.date  # first teaching day of the quarter
    last_day: dt.date  # last teaching day of the quarter

    def holds(self, week: dt.date) -> bool:
        return self.first_week <= week <= self.last_week

    @property
    def finished(self) -> bool:
        """The period runs to the quarter's last teaching day (an interim one ends before it): only
        then is its last week «the last week of the quarter» and its end «the end of the quarter»."""
        return self.status_date >= self.last_day

    def weeks(self) -> list[dt.date]:
        weeks, week = [], self.first_week
        while week <= self.last_week:
            weeks.append(week)
            week += WEEK
        return weeks


def reporting_period(school: School, quarter: int, as_of: dt.date | None = None) -> Period:
    """Quarter N plus the holidays after it, in whole Monday-to-Sunday weeks; ``as_of`` (an interim
    report) ends it earlier: statuses on that day, weeks up to the last one that is over by then."""
    first_day, last_day = school.quarters[quarter - 1]
    first_week = monday(first_day)
    if quarter < len(school.quarters):
        next_week = monday(school.quarters[quarter][0])
        status_date = next_week - dt.timedelta(days=1)
        last_week = next_week - WEEK
    else:
        status_date = year_end(school)
        last_week = monday(status_date)
    if as_of is not None and as_of < status_date:
        status_date = as_of
        last_week = monday(as_of) if as_of.weekday() == 6 else monday(as_of) - WEEK
    return Period(quarter, first_week, last_week, status_date, first_day, last_day)
