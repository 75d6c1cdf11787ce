"""The weekly check: where monitoring stands now, for the coordinator."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from ..errors import InputError, Problem
from ..inputs import Inputs
from .build import build_model
from .calendar import WEEK, reporting_period
from .model import QuarterModel, WeekFigure


@dataclass(frozen=True)
class OrganizationStatus:
    """One organisation's line in a district's weekly check (no names)."""

    name: str
    ends: tuple[WeekFigure | None, ...]  # per indicator: its last week with figures
    below: tuple[int, ...]  # per indicator: people below the threshold that week (0 for counts)
    missing_weeks: tuple[dt.date, ...]  # weeks of the quarter, up to the last one, it has no figures for


@dataclass(frozen=True)
class WeeklyStatus:
    model: QuarterModel | None  # the quarter holding the last monitored week
    last_week: dt.date | None
    missing_weeks: tuple[dt.date, ...]  # in that quarter, before the last monitored week
    organizations: tuple[OrganizationStatus, ...] = ()  # several organisations: one line each


def _quarter_of(inputs: Inputs, week: dt.date) -> int:
    return next(q for q in range(1, 5) if reporting_period(inputs.school, q).holds(week) or q == 4)


def _gaps(first: dt.date, last: dt.date, have) -> tuple[dt.date, ...]:
    """Mondays from ``first`` to ``last`` (both included) with no figures."""
    missing, week = [], first
    while week <= last:
        if week not in have:
            missing.append(week)
        week += WEEK
    return tuple(missing)


def weekly_status(inputs: Inputs, organization: str | None = None) -> WeeklyStatus:
    """Where monitoring stands: the whole (one line per organisation when there are several),
    or one organisation's full detail."""
    weeks = inputs.weeks
    if not weeks:
        return WeeklyStatus(None, None, ())
    last = weeks[-1]
    quarter = _quarter_of(inputs, last)
    if organization is not None and organization not in inputs.organizations:
        names = ", ".join(f"«{n}»" for n in inputs.organizations[:10])
        problem = Problem("bad_option", "--organization", f"организации «{organization}» нет во входных данных",
                          hint=f"Есть: {names}" if names else None)  # fmt: skip
        raise InputError([problem])
    if organization is not None:
        model = build_model(inputs, quarter, inputs.monitoring.select(organization), organization=organization)
        return WeeklyStatus(model, last, _gaps(model.period.first_week, last, set(_own_weeks(inputs, organization))))
    model = build_model(inputs, quarter)
    names = inputs.organizations
    lines = _organization_lines(inputs, model, names, last) if len(names) > 1 else ()
    return WeeklyStatus(model, last, _gaps(model.period.first_week, last, set(weeks)), lines)


def _organization_lines(inputs: Inputs, model: QuarterModel, names, last: dt.date) -> tuple[OrganizationStatus, ...]:
    """Each organisation's line from the consolidated model's own per-organisation ends (computed
    for all of them at once): the same figures as each organisation's model, without building
    2 000 models. Below the threshold: those counted at that end who did not meet the rule."""
    results = {o.name: o for o in model.organizations}
    counted_groups = inputs.counts.groups
    first = model.period.first_week
    lines = []
    for name in names:
        found = results.get(name)
        if found is None:  # not in the consolidation (no figures this quarter): its own model says so
            lines.append(_organization(inputs, model.quarter, name, last))
            continue
        below = tuple(
            0 if end is None or r.indicator.category in counted_groups else end.counted - end.active
            for r, end in zip(model.indicators, found.ends, strict=True)
        )
        lines.append(OrganizationStatus(name, found.ends, below, _gaps(first, last, set(_own_weeks(inputs, name)))))
    return tuple(lines)


def _own_weeks(inputs: Inputs, name: str) -> list[dt.date]:
    monitoring = inputs.monitoring
    own = []
    code = monitoring.org_code.get(name)
    if code is not None:
        own = [monitoring.weeks[j] for j in monitoring.org_monitored[code].nonzero()[0]]
    return own + list(inputs.counts.weeks_of(name))


def _organization(inputs: Inputs, quarter: int, name: str, last: dt.date) -> OrganizationStatus:
    model = build_model(inputs, quarter, inputs.monitoring.select(name), organization=name)
    ends = tuple(r.series.end for r in model.indicators)
    below = tuple(len(r.below_threshold) for r in model.indicators)
    return OrganizationStatus(name, ends, below, _gaps(model.period.first_week, last, set(_own_weeks(inputs, name))))
