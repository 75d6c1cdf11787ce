"""The roadmap's side of the documents' view: each activity's row (or a section heading between them),
its moved deadline as worded, and the corrected roadmap's «Изменения» lines. Display text only: every
decision was made in compute/."""

from __future__ import annotations

from ..compute.model import Move, MoveCause
from ..inputs import Section
from .formatting import STATUS_LABELS, short_date


def due_text(activity) -> str:
    """A moved deadline as the decision worded it («Февраль 2024»), else the date the tool moved it to."""
    move = activity.move
    return move.text if move is not None and move.text else short_date(activity.new_due)


def decision_needed(activity) -> str:
    """An activity past its last deadline and not done: no deadline is moved without a decision."""
    move = activity.move
    if move is not None and move.cause == MoveCause.CORRECTION:
        passed = f"срок по решению от {short_date(move.decided_on)} («{due_text(activity)}») истёк"
    else:
        passed = f"срок «{activity.activity.deadline.text}» истёк"
    return (f"Требуется решение: мероприятие № {activity.number} — {passed}, отметки о выполнении нет; "
            "нужен новый срок или решение о снятии мероприятия")  # fmt: skip


def move_reason(move: Move, kind) -> str:
    """Why the deadline moved, as the «Изменения» list says it."""
    if move.cause == MoveCause.OVERDUE:
        return f"просрочено; перенос на конец {kind.next_of}"
    return move.reason or f"решение о корректировке от {short_date(move.decided_on)}"


def change_line(a, kind) -> str:
    """A changed deadline in the corrected roadmap's «Изменения»: a decision taken says «изменён»; the
    review's own proposal (an overdue activity with no decision) says that this edition makes it."""
    if a.move.cause == MoveCause.OVERDUE:
        line = (f"Мероприятие № {a.number}: срок «{a.activity.deadline.text}» переносится на {due_text(a)} "
                f"({move_reason(a.move, kind)}; решения о сроке не было — перенос вступает в силу с подписанием "
                "этой редакции)")  # fmt: skip
    else:
        line = (f"Мероприятие № {a.number}: срок «{a.activity.deadline.text}» изменён на {due_text(a)}"
                f" ({move_reason(a.move, kind)})")  # fmt: skip
    return line + (f"; ответственные — {a.responsible}" if a.responsible != a.activity.responsible else "")


def activity_row(item, period) -> dict:
    """An activity as the roadmap's and the report's tables lay it out, or a section heading between them."""
    if isinstance(item, Section):  # where the approved roadmap has it: its number and title, nothing else
        blank = dict.fromkeys(("responsible", "deadline", "result", "status", "new_due"), "")
        return {**blank, "number": item.label, "title": item.title, "section": True, "responsible_changed": False,
                "due_changed": False, "evidence": []}  # fmt: skip
    a = item
    return {
        "number": a.activity.label or a.number,  # as printed in the approved roadmap («1.»)
        "title": a.activity.title,
        "responsible": a.responsible,
        "responsible_changed": a.responsible_changed_in(period.first_week),
        "deadline": a.activity.deadline.text,
        "result": a.activity.result,
        "status": STATUS_LABELS[a.status],
        "new_due": "; ".join(
            t for t in (due_text(a) if a.new_due else "", "требуется решение" if a.needs_decision else "") if t
        ),
        "due_changed": a.moved_in(period.first_week),  # marked «*»: changed by this review only
        "evidence": [f"{short_date(e.date)} — {e.text}" for e in a.evidence],
        "section": False,
    }
