"""«Сформировать свод» (issue 29, point 5): the district package built from the schools' submissions.

The submissions chosen (each organisation's latest for every week up to the board's, accepted ones
only or every one received) are put, as they were sent, into the ``returns/`` of a temporary copy
of the district's inputs; the package is then ``build_package(..., each_organization=True)`` of
that folder: the same documents, from the same data, as a district gets by hand.  A submission
left out, and why, is a line of the job's steps and of the package's reading report (the chosen
files are archived with the package's inputs, so ``verify`` recomputes the same figures)."""

from __future__ import annotations

import datetime as dt
import shutil
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from ..errors import InputError, Problem
from ..uploads import safe_name
from .statuses import ACCEPTED
from .store import Store
from .submissions import RECEIVED

WHICH = {"accepted": "только принятые", "received": "все полученные без ошибок"}
INPUT_SUFFIXES = (".toml", ".xlsx", ".ods", ".xls", ".csv")
SET_ASIDE = ("returns", "monitoring", "chats")  # the district's own counts would mix with the submissions


@dataclass(frozen=True)
class Chosen:
    organization: str
    week: str  # ISO Monday
    submission: int
    file: str  # relative to the server's folder
    status: str  # the status the board shows for it


@dataclass(frozen=True)
class Selection:
    taken: tuple[Chosen, ...]
    left_out: tuple[Chosen, ...]

    def lines(self) -> list[str]:
        """What the district reads in the job's steps: what was taken, what was not and why."""
        found = [f"В свод взяты отправки: {len(self.taken)}"]
        for item in self.left_out:
            found.append(f"Не взята отправка № {item.submission} «{item.organization}» за неделю с "
                         f"{dt.date.fromisoformat(item.week):%d.%m.%Y}: {item.status}")  # fmt: skip
        return found


def select(store: Store, until: dt.date, which: str) -> Selection:
    """Each organisation's latest submission for every week up to ``until``: taken when accepted (and,
    for ``received``, when received without problems); one returned, or with problems, is left out."""
    if which not in WHICH:
        raise InputError([Problem("bad_option", "which", f"«{which}»: так свод не собирается",
                                  hint="Выберите «accepted» (только принятые) или «received» (все полученные)")])  # fmt: skip
    wanted = {ACCEPTED} if which == "accepted" else {ACCEPTED, RECEIVED}
    taken, left_out = [], []
    for row in store.chosen_submissions(until.isoformat()):
        status = row["decision"] or row["status"]
        item = Chosen(row["organization"], row["week"], row["id"], row["file"], status)
        (taken if status in wanted else left_out).append(item)
    return Selection(tuple(taken), tuple(left_out))


def period_of(inputs: Path, week: dt.date) -> tuple[int, bool]:
    """The period (of the district's school.toml) holding ``week``, and whether its report is interim
    (the period goes on after that week)."""
    from ..api import periods

    found = periods(inputs)
    sunday = week + dt.timedelta(days=6)
    holding = [p for p in found if p.start <= sunday]
    if not holding:
        raise InputError([Problem("bad_value", "school.toml", f"неделя с {week:%d.%m.%Y} не входит ни в один период "
                                  "учебного года района", column="school_year",
                                  hint="Выберите на своде неделю учебного года или поправьте календарь в school.toml")])  # fmt: skip
    period = holding[-1]
    return period.number, sunday < period.end


def stage(store: Store, inputs: Path, selection: Selection, folder: Path) -> None:
    """The district's own inputs (its files at the top: school.toml, organizations.xlsx, the roadmap) and
    the chosen submissions in ``returns/``, named by submission so that their order is the server's."""
    for path in sorted(inputs.iterdir()):
        if path.is_file() and not path.is_symlink() and path.suffix.lower() in INPUT_SUFFIXES:
            shutil.copyfile(path, folder / path.name)
    returns = folder / "returns"
    returns.mkdir()
    for item in selection.taken:
        source = store.folder / item.file
        name = f"{item.submission:06d}-{safe_name(item.organization, 'organization')}{source.suffix}"
        shutil.copyfile(source, returns / name)


def consolidate(store: Store, inputs: Path, outputs: Path, week: dt.date, which: str, progress: Callable[[str], None]):
    """Build the district's package for the period holding ``week`` from the chosen submissions; return
    the library's ``Result``.  An earlier package of that period is kept in its ``versions/``."""
    from ..api import build_package

    selection = select(store, week, which)
    for line in selection.lines():
        progress(line)
    if not selection.taken:
        raise InputError([Problem("missing_file", "returns", f"для свода нет отправок ({WHICH[which]}) по неделю с "
                                  f"{week:%d.%m.%Y}", hint="Примите отчёты школ на своде или соберите свод из всех "
                                  "полученных")])  # fmt: skip
    period, interim = period_of(inputs, week)
    with tempfile.TemporaryDirectory(prefix="make-report-svod-") as temporary:
        folder = Path(temporary)
        stage(store, inputs, selection, folder)
        return build_package(period, folder, outputs, each_organization=True, interim=interim, force=True,
                             progress=progress)  # fmt: skip


def organization_folders(package: Path) -> dict[str, str]:
    """Each organisation's package inside the district's, as its manifest records it (name → folder)."""
    import json

    from ..archive.package import MANIFEST

    try:
        recorded = json.loads((package / MANIFEST).read_text(encoding="utf-8")).get("organizations", {})
    except (OSError, ValueError):
        return {}
    return {str(k): str(v) for k, v in recorded.items()} if isinstance(recorded, dict) else {}


__all__ = ["Chosen", "Selection", "consolidate", "organization_folders", "period_of", "select", "stage"]
