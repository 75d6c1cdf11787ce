"""Assemble the quarter's model from validated inputs."""

from __future__ import annotations

from ..inputs import Inputs
from .calendar import reporting_period
from .coverage import indicator_result
from .model import QuarterModel
from .statuses import activity_results


def build_model(inputs: Inputs, quarter: int) -> QuarterModel:
    school, monitoring = inputs.school, inputs.monitoring
    period = reporting_period(school, quarter)
    return QuarterModel(
        school=school,
        period=period,
        indicators=tuple(indicator_result(i, monitoring, school, period) for i in inputs.roadmap.indicators),
        activities=activity_results(inputs.roadmap, school, period),
        monitored_weeks=tuple(w for w in monitoring.weeks if period.holds(w)),
        people=monitoring.people,
        messages=monitoring.messages,
        roadmap=inputs.roadmap,
    )
