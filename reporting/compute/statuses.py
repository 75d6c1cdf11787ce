"""Activity statuses on the status date and corrected deadlines."""

from __future__ import annotations

from ..inputs import Activity, Roadmap, School
from .calendar import Period
from .model import ActivityResult, Move, MoveCause, Status

DONE, IN_PROGRESS, OVERDUE, NOT_STARTED, CANCELLED = (
    Status.DONE, Status.IN_PROGRESS, Status.OVERDUE, Status.NOT_STARTED, Status.CANCELLED,
)  # fmt: skip


def status_of(activity: Activity, period: Period) -> Status:
    """The contract's rules, applied in order."""
    day = period.status_date
    if activity.status_mark == "отменено":
        return CANCELLED
    if activity.status_mark == "выполнено" or (activity.completed_on and activity.completed_on <= day):
        return DONE
    if activity.deadline.due < day:
        return OVERDUE
    if activity.deadline.start is None or activity.deadline.start <= day:
        return IN_PROGRESS
    return NOT_STARTED


def activity_results(roadmap: Roadmap, school: School, period: Period) -> tuple[ActivityResult, ...]:
    results = []
    for activity in roadmap.activities:
        status = status_of(activity, period)
        decided = sorted(
            (c for c in roadmap.corrections if c.activity == activity.number and c.decided_on <= period.status_date),
            key=lambda c: c.decided_on,
        )  # stable: of two decisions on one day the later row wins
        move, needs_decision = None, False
        # A decided deadline already past on the status date (and the activity still not done) is no
        # deadline to propose: the activity is overdue again and needs a new move or a decision.
        current = [c for c in decided if c.new_due >= period.status_date or status in (DONE, CANCELLED)]
        if decided and current and current[-1] is decided[-1]:
            last = decided[-1]
            move = Move(MoveCause.CORRECTION, last.new_due, last.reason, last.decided_on, last.new_due_text)
        elif status == OVERDUE:
            if period.quarter < len(school.quarters):
                move = Move(MoveCause.OVERDUE, school.quarters[period.quarter][1])
            else:
                needs_decision = True
        responsible = next((c.responsible for c in reversed(decided) if c.responsible), activity.responsible)
        evidence = tuple(
            sorted(
                (
                    e
                    for e in roadmap.evidence
                    if e.activity == activity.number and period.first_week <= e.date <= period.status_date
                ),
                key=lambda e: e.date,
            )
        )
        results.append(ActivityResult(activity, status, move, responsible, evidence, tuple(decided), needs_decision))
    return tuple(results)
