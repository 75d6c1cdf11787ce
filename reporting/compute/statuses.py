"""Activity statuses on the status date and corrected deadlines."""

from __future__ import annotations

import datetime as dt

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


TERM = dt.timedelta(days=62)  # a deadline longer than two months is a term the activity runs through


def ran_its_term(activity: Activity, roadmap: Roadmap, status: Status) -> bool:
    """An activity for a term («Сентябрь 2023 – май 2024»: consultations, the quarterly review) that has
    evidence inside its term, and whose term has ended with no mark but «выполняется»: it was carried
    out over its term, not left overdue. «не выполнено» keeps it overdue."""
    deadline = activity.deadline
    if status != OVERDUE or deadline.start is None or deadline.due - deadline.start < TERM:
        return False
    if activity.status_mark not in (None, "выполняется"):
        return False
    return any(e.activity == activity.number and deadline.start <= e.date <= deadline.due for e in roadmap.evidence)


def activity_results(roadmap: Roadmap, school: School, period: Period) -> tuple[ActivityResult, ...]:
    results = []
    for activity in roadmap.activities:
        status = status_of(activity, period)
        by_term = ran_its_term(activity, roadmap, status)
        if by_term:
            status = DONE
        decided = sorted(
            (c for c in roadmap.corrections if c.activity == activity.number and c.decided_on <= period.status_date),
            key=lambda c: c.decided_on,
        )  # stable: of two decisions on one day the later row wins
        move, needs_decision = None, False
        if decided:
            # The latest decision stays the corrected deadline, even once it has passed: it was taken and is
            # not lost. Passed with the activity not done, it needs a new decision — never an automatic move.
            last = decided[-1]
            move = Move(MoveCause.CORRECTION, last.new_due, last.reason, last.decided_on, last.new_due_text)
            if last.new_due < period.status_date and status not in (DONE, CANCELLED):
                status, needs_decision = OVERDUE, True
        elif status == OVERDUE:
            # The review after a finished period proposes the end of the next one, and the corrected
            # roadmap's signature makes it so; an interim report precedes that review and moves nothing.
            if period.quarter < len(school.quarters) and period.finished:
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
        results.append(
            ActivityResult(activity, status, move, responsible, evidence, tuple(decided), needs_decision, by_term)
        )
    return tuple(results)


def term_notes(results: tuple[ActivityResult, ...]) -> list[str]:
    """What the reading report says of the statuses the tool decided (never silent)."""
    ran = [a.number for a in results if a.done_by_term]
    if not ran:
        return []
    return [
        f"мероприятия на срок ({', '.join(f'№ {n}' for n in ran)}) проводились в течение срока (есть записи "
        "исполнения), срок окончился, а в отметке стоит «выполняется» или ничего: они считаются выполненными за "
        "свой срок, а не просроченными; если мероприятие не выполнено, напишите в его статусе «не выполнено»"
    ]
