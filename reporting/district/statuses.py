"""Each organisation's status for a week, and the district's decisions (issue 29, point 3):

«нет данных» → «получено» or «есть ошибки» (the check decides) → «на доработке» or «принято» (only the
district decides, with a comment the school sees).  A new submission after «на доработке» is the
organisation's latest, so its own status («получено») is the status again.  Every decision is audited."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from fractions import Fraction
from pathlib import Path

from ..errors import InputError, Problem
from .store import Actor, Store
from .submissions import organizations

NO_DATA, RETURNED, ACCEPTED = "нет данных", "на доработке", "принято"
DECISIONS = {"returned": RETURNED, "accepted": ACCEPTED, RETURNED: RETURNED, ACCEPTED: ACCEPTED}


@dataclass(frozen=True)
class Line:
    """One organisation on the district's board for a week."""

    name: str
    status: str
    submission: int | None
    received: str | None
    comment: str
    figures: tuple[tuple[str, int, int], ...]  # (group, total, active)


def decide(store: Store, actor: Actor, submission_id: int, decision: str, comment: str) -> str:
    """Record the district's decision; a school key cannot (PermissionError), an unknown decision or a
    return without a comment is refused (InputError)."""
    if not actor.is_district:
        raise PermissionError("решение принимает только район")
    status = DECISIONS.get(decision.strip())
    if status is None:
        raise InputError([Problem("bad_option", "status", f"решение «{decision}» не бывает",
                                  hint=f"Укажите «{RETURNED}» (returned) или «{ACCEPTED}» (accepted)")])  # fmt: skip
    if status == RETURNED and not comment.strip():
        raise InputError([Problem("missing_value", "comment", "отчёт возвращается на доработку без объяснения",
                                  hint="Напишите школе, что исправить")])  # fmt: skip
    if not store.review(actor, submission_id, status, comment.strip()[:2000]):
        raise LookupError(submission_id)
    return status


def board(store: Store, inputs: Path, week: dt.date, listed: list[str] | None = None) -> list[Line]:
    """Every organisation of organizations.xlsx (``listed``, when the caller has read it already), and any
    that submitted, with its status for ``week``."""
    latest = store.latest_by_organization(week.isoformat())
    names = list(dict.fromkeys([*(organizations(inputs) if listed is None else listed), *sorted(latest)]))
    lines = []
    for name in names:
        row, review = latest.get(name, (None, None))
        if row is None:
            lines.append(Line(name, NO_DATA, None, None, "", ()))
            continue
        figures = tuple((f["group"], f["total"], f["active"]) for f in json.loads(row["figures"]))
        status = review["status"] if review is not None else row["status"]
        lines.append(Line(name, status, row["id"], row["received"], review["comment"] if review else "", figures))
    return lines


GROUP_ORDER = ("teachers", "administration", "other", "all", "pupils", "parents")


@dataclass(frozen=True)
class BoardRow:
    """An organisation on the board: its line, each group's coverage and the change since the week before
    (percentage points, exact; None where a week has no figure)."""

    line: Line
    shares: dict[str, Fraction | None]
    changes: dict[str, Fraction | None]


def board_rows(
    store: Store, inputs: Path, week: dt.date, status: str = "", worst: str = ""
) -> tuple[list[str], list[BoardRow]]:
    """The board for ``week``: the groups any organisation reports, and a row per organisation — only
    those of ``status`` when given, the lowest coverage of group ``worst`` first when given."""
    listed = organizations(inputs)
    lines = board(store, inputs, week, listed)
    before = {line.name: line for line in board(store, inputs, week - dt.timedelta(days=7), listed)}
    groups = [g for g in GROUP_ORDER if any(g == f[0] for line in lines for f in line.figures)]
    rows = []
    for line in lines:
        if status and line.status != status:
            continue
        shares = {g: _share(line, g) for g in groups}
        earlier = {g: _share(before.get(line.name), g) for g in groups}
        changes = {g: None if shares[g] is None or earlier[g] is None else shares[g] - earlier[g] for g in groups}
        rows.append(BoardRow(line, shares, changes))
    if worst in groups:  # no figure counts as the worst: it is what the district chases first
        rows.sort(key=lambda r: (r.shares[worst] is not None, r.shares[worst] or 0, r.line.name))
    return groups, rows


def _share(line: Line | None, group: str) -> Fraction | None:
    """A group's exact coverage in percent, as the model computes a week's (``WeekFigure.share``)."""
    from ..compute.model import WeekFigure

    found = next(((t, a) for g, t, a in line.figures if g == group), None) if line else None
    return WeekFigure(dt.date.min, *found).share if found else None
