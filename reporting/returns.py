"""``make-report week``: the school's weekly return to its district, written into the archive.

The return goes to ``<outputs>/<year>/weekly/<Monday>/`` as ``return.xlsx`` (an
«Охват» sheet the district's copy of the tool reads back) and ``return.csv``
(UTF-8 with a BOM). It holds no names. The same inputs give the same bytes;
a return for the same week made from other inputs (a correction) is refused
unless ``force``, and then the earlier one is kept in ``versions/N/``.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from .archive.folder import read_folder, version_folders
from .archive.package import VERSIONS_DIR
from .errors import InputError, PackageExists, Problem

FILES = ("return.xlsx", "return.csv")


@dataclass(frozen=True)
class WeeklyReturn:
    folder: Path
    week: dt.date
    rows: tuple  # compute.weekly_return.ReturnRow
    state: str  # "written" | "unchanged" | "replaced"


def write_weekly_return(
    inputs: Path, outputs: Path, week: dt.date | None = None, *, force: bool = False, lock_wait: float = 10.0
) -> WeeklyReturn:
    from .archive.lock import outputs_lock, refuse_read_only
    from .archive.package import refuse_links_below, remove_leftovers, write_package
    from .compute.weekly_return import NoSuchWeek, return_week, weekly_return
    from .load import load_inputs
    from .render.weekly_return import return_csv, return_xlsx

    found = load_inputs(inputs)
    try:
        monday = return_week(found, week)
    except NoSuchWeek as exc:
        raise InputError(
            [Problem("bad_option", "--week", str(exc), value=f"{week:%d.%m.%Y}" if week else None)]
        ) from None
    rows = weekly_return(found, monday)
    school = found.school
    files = {"return.xlsx": return_xlsx(rows, school.short_name, monday), "return.csv": return_csv(rows)}
    folder = outputs / school.year_slug / "weekly" / monday.isoformat()
    refuse_links_below(outputs, folder)
    with outputs_lock(outputs, lock_wait) as writable:
        if writable:
            remove_leftovers(folder)
        present = read_folder(folder)  # regular files only: a link in the archive is refused, never followed
        old = {name: present[name] for name in FILES if name in present}
        if old == files:
            return WeeklyReturn(folder, monday, rows, "unchanged")
        if not writable:
            raise refuse_read_only(outputs)
        if old and not force:
            raise PackageExists(
                f"отчёт за неделю {monday:%d.%m.%Y} уже есть в {folder} и отличается от нового; чтобы заменить "
                "его (прежний сохранится в versions/), запустите с --force"
            )
        write_package(folder, {**_kept(present), **files})
    return WeeklyReturn(folder, monday, rows, "replaced" if old else "written")


def _kept(present: dict[str, bytes]) -> dict[str, bytes]:
    """Everything already in the week's folder, the current return moved into the next versions/N/."""
    kept = dict(present)
    number = max((int(n) for n in version_folders(present) if n.isdigit()), default=0) + 1
    for name in FILES:
        if name in kept:
            kept[f"{VERSIONS_DIR}/{number}/{name}"] = kept.pop(name)
    return kept
