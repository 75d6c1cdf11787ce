"""What the documents propose and highlight: decided here, so that render only words and colours it."""

from __future__ import annotations

import numpy as np

from .coverage import category_members, meets
from .model import Mark, Proposal, QuarterModel


def proposals(model: QuarterModel) -> tuple[Proposal, ...]:
    """The proposals that follow from the quarter's figures and statuses, in the report's order."""
    found = []
    if any(r.verdict != "met" and r.below_threshold for r in model.indicators):
        found.append(Proposal.CONSULTATIONS)
    if any(a.move is not None and not a.needs_decision for a in model.overdue):
        found.append(Proposal.APPROVE_DEADLINES)
    if any(a.needs_decision for a in model.overdue):
        found.append(Proposal.DECIDE_DEADLINES)
    if any(o.below_target for o in model.organizations):
        found.append(Proposal.ORGANIZATIONS_BEHIND)
    found.append(Proposal.CARRY_OVER if model.is_year_end else Proposal.CONTINUE)
    return tuple(found)


def person_week_marks(model: QuarterModel) -> np.ndarray:
    """``Mark`` per person × monitored week of the period (the person × week sheet's colours).

    A person is BELOW in a week when an indicator that counts them is not met by them that week —
    its message threshold, or its call threshold where it sets one — and MET when every such
    indicator is; a person no indicator counts is UNMEASURED.
    """
    monitoring = model.monitoring
    columns = [monitoring.column[w] for w in model.monitored_weeks]
    people = len(monitoring.people)
    marks = np.full((people, len(columns)), Mark.UNMEASURED, dtype=np.int8)
    if not people or not columns:
        return marks
    measured = np.zeros(people, dtype=bool)
    below = np.zeros((people, len(columns)), dtype=bool)
    for result in model.indicators:
        members = category_members(monitoring, result.indicator.category)
        measured |= members
        below |= members[:, None] & ~meets(monitoring, columns, result.indicator)
    marks[measured] = Mark.MET
    marks[below & measured[:, None]] = Mark.BELOW
    marks[~monitoring.counted[:, columns]] = Mark.NOT_COUNTED
    return marks
