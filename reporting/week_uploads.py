"""Where a monitoring workbook for one week (or month) goes when it is handed over: a school that keeps a
file per week uploads this week's beside last week's, never over it.

A workbook says its period by its name («2023-11-13.xlsx») or by a «Период:» line in its title rows
(validate/period_files.py). The first such upload is ``monitoring.xlsx``, as any; the next one for
another period moves that one into ``monitoring/`` under its period's name and joins it there; once
``monitoring/`` holds periods, each goes in beside them. A workbook of no period, or a folder of
organisations, is placed as before (the file it replaces saved aside).
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path, PurePath

from .errors import Problems
from .load import MONITORING_DIR, SCHOOL, TABLE_SUFFIXES
from .read.workbook import WorkbookUnreadable, open_workbook
from .validate.period_files import period_of, title_period


def period_target(inputs: Path, shown: str, suffix: str, data: bytes) -> tuple[str, list[tuple[Path, str]]] | None:
    """(where a monitoring upload goes, files to move first: (from, to inside inputs)) when it is a
    period's workbook that joins others; None: placed as any monitoring workbook."""
    school = _school(inputs)
    if school is None:
        return None
    period = _period(shown, data, school)
    if period is None:
        return None
    here = [inputs / f"monitoring{s}" for s in TABLE_SUFFIXES
            if (inputs / f"monitoring{s}").is_file() and not (inputs / f"monitoring{s}").is_symlink()]  # fmt: skip
    folder = inputs / MONITORING_DIR
    present = [p for p in folder.iterdir() if p.suffix.lower() in TABLE_SUFFIXES] if folder.is_dir() else []
    if present and all(period_of(p.name, school) for p in present) and not here:
        return f"{MONITORING_DIR}/{_name(period)}{suffix}", []  # beside the periods already there
    if len(here) == 1 and not present:
        other = _period(here[0].name, here[0].read_bytes(), school)
        if other is not None and other != period:  # last week's workbook: both go into the folder
            moved = f"{MONITORING_DIR}/{_name(other)}{here[0].suffix}"
            return f"{MONITORING_DIR}/{_name(period)}{suffix}", [(here[0], moved)]
    return None


def _school(inputs: Path):
    from .validate.school import load_school

    path = inputs / SCHOOL
    if not path.is_file() or path.is_symlink():
        return None
    found = Problems()
    school = load_school(path.read_bytes(), found)
    return None if found else school


def _period(name: str, data: bytes, school) -> tuple[dt.date, dt.date] | None:
    named = period_of(name, school) if PurePath(name).stem.lower() != "monitoring" else None
    if named:
        return named
    try:
        titled = title_period(open_workbook(data, name, "Мониторинг"), school)
    except WorkbookUnreadable:
        return None
    return titled[0] if titled else None


def _name(period: tuple[dt.date, dt.date]) -> str:
    """«2023-11-13» for a week (its Monday), «2023-11» for a month: a name the folder reads as its period."""
    first, last = period
    if (last - first).days >= 7:
        return f"{first:%Y-%m}"
    return f"{first - dt.timedelta(days=first.weekday()):%Y-%m-%d}"
