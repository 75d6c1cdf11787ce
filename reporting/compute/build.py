"""Assemble the quarter's model from validated inputs."""

from __future__ import annotations

import dataclasses
import datetime as dt

from ..gc_pause import fewer_collections
from ..inputs import Inputs, Monitoring
from .calendar import reporting_period
from .counted import counted_result, missing_returns, with_counted_ends
from .coverage import indicator_result, organization_results
from .decisions import person_week_marks, proposals
from .model import QuarterModel
from .statuses import activity_results


def _organizations(indicators, monitoring: Monitoring, counts, period):
    found = organization_results(indicators, monitoring, period)
    return with_counted_ends(found, indicators, counts, period) if counts.rows else found


def build_model(
    inputs: Inputs,
    quarter: int,
    monitoring: Monitoring | None = None,
    organization: str = "",
    as_of: dt.date | None = None,
) -> QuarterModel:
    """The consolidated model, or with ``monitoring``/``organization`` one organisation's; ``as_of``:
    an interim report's status date."""
    with fewer_collections():  # a region's inputs are millions of objects a full collection would walk
        return _model(inputs, quarter, monitoring, organization, as_of)


def _model(inputs: Inputs, quarter: int, monitoring: Monitoring | None, organization: str, as_of) -> QuarterModel:
    school = inputs.school
    if organization and len(inputs.organizations) > 1:
        from .organizations import organization_school

        school = organization_school(inputs, organization)  # its own document, not the district's
    monitoring = monitoring or inputs.monitoring
    period = reporting_period(school, quarter, as_of)
    indicators = inputs.roadmap.indicators
    counts = inputs.counts
    own = organization or None

    def result(indicator):
        if indicator.category in counts.groups:
            return counted_result(indicator, counts, school, period, own)
        return indicator_result(indicator, monitoring, school, period)

    organizations = () if organization else _organizations(indicators, monitoring, counts, period)
    if organizations and quarter > 1:  # each organisation's change against its previous quarter's end
        before = {
            o.name: o.ends
            for o in _organizations(indicators, monitoring, counts, reporting_period(school, quarter - 1))
        }
        organizations = tuple(
            dataclasses.replace(o, previous=before.get(o.name, (None,) * len(indicators))) for o in organizations
        )
    model = QuarterModel(
        school=school,
        period=period,
        indicators=tuple(result(i) for i in indicators),
        # an organisation of a district has no roadmap of its own in the inputs: none is borrowed
        activities=() if organization else activity_results(inputs.roadmap, school, period),
        monitored_weeks=tuple(w for w in monitoring.weeks if period.holds(w)),
        monitoring=monitoring,
        roadmap=inputs.roadmap,
        organizations=organizations,
        count_weeks=tuple(w for w in counts.weeks_of(own) if period.holds(w)),
        missing_returns=() if organization else missing_returns(counts, period),
        organization=organization,
        excluded=() if organization else tuple(sorted(inputs.failed)),
        own_roadmap=not organization,
    )
    return dataclasses.replace(model, proposals=proposals(model), marks=person_week_marks(model))
