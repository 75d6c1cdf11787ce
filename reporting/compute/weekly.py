"""The weekly check: where monitoring stands now, for the coordinator."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from ..inputs import Inputs
from .build import build_model
from .calendar import WEEK, reporting_period
from .model import QuarterModel


@dataclass(frozen=True)
class WeeklyStatus:
    model: QuarterModel | None  # the quarter holding the last monitored week
    last_week: dt.date | None
    missing_weeks: tuple[dt.date, ...]  # in that quarter, before the last monitored week


def weekly_status(inputs: Inputs) -> WeeklyStatus:
    weeks = inputs.monitoring.weeks
    if not weeks:
        return WeeklyStatus(None, None, ())
    last = weeks[-1]
    quarter = next(q for q in range(1, 5) if reporting_period(inputs.school, q).holds(last) or q == 4)
    model = build_model(inputs, quarter)
    missing, week = [], model.period.first_week
    while week < last:
        if week not in weeks:
            missing.append(week)
        week += WEEK
    return WeeklyStatus(model, last, tuple(missing))
