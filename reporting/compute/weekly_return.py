"""The school's weekly return to its district: per organisation and group, how many and how many active."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import numpy as np

from ..inputs import Inputs
from .coverage import category_members, meets
from .model import WeekFigure


@dataclass(frozen=True)
class ReturnRow:
    organization: str
    group: str  # TEACHERS, …, PARENTS, PUPILS
    figure: WeekFigure  # counted (total) and active that week


class NoSuchWeek(ValueError):
    pass


def return_week(inputs: Inputs, wanted: dt.date | None) -> dt.date:
    """The week a return is for: the one asked for (any day of it), or the last with figures."""
    weeks = inputs.weeks
    if wanted is None:
        if not weeks:
            raise NoSuchWeek("во входных данных нет ни одной недели с числами")
        return weeks[-1]
    monday = wanted - dt.timedelta(days=wanted.weekday())
    if monday not in weeks:
        raise NoSuchWeek(f"за неделю {monday:%d.%m.%Y} во входных данных нет чисел")
    return monday


def weekly_return(inputs: Inputs, week: dt.date) -> tuple[ReturnRow, ...]:
    """One row per organisation × indicator group for ``week``: per person where the school keeps
    names (the indicator's rule applied), from «Охват» where it reports counts."""
    school_name = inputs.school.short_name
    rows = []
    monitoring, counts = inputs.monitoring, inputs.counts
    for indicator in inputs.roadmap.indicators:
        group = indicator.category
        if group in counts.groups:
            for r in counts.rows:
                if r.group == group and r.week == week:
                    rows.append(ReturnRow(r.organization or school_name, group, WeekFigure(week, r.total, r.active)))
        elif week in monitoring.column and monitoring.people:
            j = monitoring.column[week]
            counted = monitoring.counted[:, j] & category_members(monitoring, group)
            active = counted & meets(monitoring, [j], indicator)[:, 0]
            for code, organization in enumerate(monitoring.organizations):
                mine = monitoring.org_index == code
                if monitoring.org_monitored[code, j]:
                    figure = WeekFigure(week, int(np.sum(counted & mine)), int(np.sum(active & mine)))
                    rows.append(ReturnRow(organization or school_name, group, figure))
    return tuple(sorted(rows, key=lambda r: (r.organization, r.group)))
