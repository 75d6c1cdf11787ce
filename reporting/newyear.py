"""``make-report init``: blank inputs for a new school year."""

from __future__ import annotations

from pathlib import Path

from .errors import ArchiveError, InputError, Problem, Problems
from .read.workbook import WorkbookUnreadable, open_workbook


def init_inputs(
    folder: Path, year_label: str, roster_from: Path | None = None, school_only: bool = False, kind: str = "четверть"
) -> tuple[str, ...]:
    """Blank inputs for a new school year; the roster is carried over when given.  ``school_only``:
    school.toml alone, into a folder that may hold the tables already (they are not touched).
    ``kind``: how the school's year is divided («четверть», «триместр», «модуль», «полугодие»)."""
    from .render import blank_inputs
    from .validate.roster import load_roster

    blank_inputs.parse_year(year_label)
    from .periods import KINDS, kind_named

    found_kind = kind_named(kind)
    if found_kind is None:
        raise InputError([Problem("bad_option", "--kind", "вид учебных периодов не распознан", value=kind,
                                  hint="Укажите одно из: " + ", ".join(KINDS))])  # fmt: skip
    people = []
    if roster_from is not None:
        problems = Problems()
        if not roster_from.is_file():
            problems.add("missing_file", str(roster_from), "файл не найден")
            problems.raise_if_any()
        try:
            book = open_workbook(roster_from.read_bytes(), roster_from.name)
        except WorkbookUnreadable as exc:
            raise InputError([exc.problem]) from None
        found = load_roster(book, problems)
        problems.raise_if_any()
        people = blank_inputs.carried_roster(tuple(found), year_label)
    files = {"school.toml": blank_inputs.school_toml(year_label, found_kind.name)}
    if not school_only:
        files["roadmap.xlsx"] = blank_inputs.roadmap_xlsx(year_label, found_kind.name)
        files["monitoring.xlsx"] = blank_inputs.monitoring_xlsx(year_label, people)
    taken = [name for name in files if (folder / name).exists() or (folder / name).is_symlink()]
    if taken:
        raise ArchiveError(
            f"в папке {folder} уже есть {', '.join(taken)}; выберите пустую папку, чтобы ничего не затереть"
            + ("" if school_only else " (или только school.toml: make-report init ПАПКА --school-only)")
        )
    try:
        folder.mkdir(parents=True, exist_ok=True)
        for name, data in files.items():
            with open(folder / name, "xb") as handle:  # never over a file that appeared meanwhile
                handle.write(data)
    except OSError as exc:
        raise ArchiveError(f"не удалось записать в {folder}: {exc.strerror or exc}") from exc
    return tuple(files)
