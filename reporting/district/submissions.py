"""A school's submission to its district: checked with the library's own readers, saved durably
(a temporary file beside its place, fsync, rename, the folder fsynced), and only then recorded.
A row never points at a file that is not there; a file without a row was never acknowledged and
goes at the next start (``reconcile``)."""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from dataclasses import dataclass
from pathlib import Path, PurePath

from ..errors import InputError, Problem, Problems
from ..read.limits import MAX_TABLE_FILE, read_regular
from ..read.text import normalize
from ..read.workbook import WorkbookUnreadable, open_workbook
from .store import Actor, Store, now

FILES = "submissions"  # under the server's folder: one file per distinct content, named by its SHA-256
SUFFIXES = (".xlsx", ".ods")
RECEIVED, WITH_PROBLEMS, REFUSED = "получено", "есть ошибки", "отклонено"


@dataclass(frozen=True)
class Received:
    id: int
    status: str
    problems: tuple[Problem, ...]
    organizations: tuple[str, ...]  # the organisations the file names


def organizations(inputs: Path) -> list[str]:
    """The district's organisations, as ``organizations.xlsx`` names them (``keys add`` takes one of these)."""
    from ..validate.organizations import load_organizations

    path = inputs / "organizations.xlsx"
    try:
        book = open_workbook(read_regular(path, MAX_TABLE_FILE), path.name)
    except (OSError, WorkbookUnreadable):
        return []
    return list(load_organizations(book, Problems()))


def receive(store: Store, inputs: Path, actor: Actor, filename: str, data: bytes) -> Received:
    """Check, save and record one submission; a file naming another organisation than the key's is
    recorded as refused (the caller answers 403)."""
    shown = PurePath(filename.replace("\\", "/")).name[:200] or "файл"
    suffix = PurePath(shown).suffix.lower()
    if suffix not in SUFFIXES:
        raise InputError([Problem("unreadable_file", shown, "отправляется недельный отчёт: таблица .xlsx или .ods",
                                  hint="Отправьте return.xlsx, который пишет make-report week")])  # fmt: skip
    problems, counts = _checked(inputs, shown, data, actor)
    named = tuple(sorted({row.organization for row in counts.rows}))
    foreign = [n for n in named if actor.organization is not None and normalize(n) != normalize(actor.organization)]
    status = REFUSED if foreign else (WITH_PROBLEMS if problems else RECEIVED)
    if foreign:
        problems = [Problem("bad_value", shown, f"в отчёте другая организация: «{foreign[0]}», а ключ выдан "
                            f"«{actor.organization}»", hint="Отправьте отчёт своей организации")]  # fmt: skip
    digest = hashlib.sha256(data).hexdigest()
    relative = f"{FILES}/{digest}{suffix}"
    _durable(store.folder / relative, data)
    weeks = sorted({row.week for row in counts.rows})
    week = weeks[-1].isoformat() if weeks else None
    stored = json.dumps([p.plain() for p in problems], ensure_ascii=False)
    figures = json.dumps([{"organization": r.organization, "group": r.group, "total": r.total, "active": r.active}
                          for r in counts.rows if r.week.isoformat() == week], ensure_ascii=False)  # fmt: skip
    number = store.add_submission(actor, actor.organization or (named[0] if len(named) == 1 else ""), now(), digest,
                                  len(data), relative, shown, week, status, stored, figures)  # fmt: skip
    return Received(number, status, tuple(problems), named)


def _checked(inputs: Path, shown: str, data: bytes, actor: Actor):
    from ..inputs import Counts
    from ..validate.counts import load_counts
    from ..validate.school import read_school

    problems = Problems()
    school = read_school(inputs, problems)
    if school is None:  # the district's own file: a server fault, not the school's
        raise InputError([Problem("missing_file", "school.toml", "у сервера района нет своего school.toml",
                                  hint="Положите school.toml района в папку входных данных сервера")])  # fmt: skip
    try:
        book = open_workbook(data, shown)
    except WorkbookUnreadable as exc:
        return [exc.problem], Counts()
    counts = load_counts(book, school, problems, default_organization=actor.organization or "")
    return problems.items, counts


def _durable(path: Path, data: bytes) -> None:
    """The file on disk before any row points at it: written beside, fsynced, renamed, folder fsynced."""
    path.parent.mkdir(parents=True, exist_ok=True)
    if path.is_file() and path.stat().st_size == len(data):
        return  # the same content was received before: its file is already durable
    with tempfile.NamedTemporaryFile(dir=path.parent, prefix=".incoming-", delete=False) as temporary:
        temporary.write(data)
        temporary.flush()
        os.fsync(temporary.fileno())
    os.replace(temporary.name, path)
    if hasattr(os, "O_DIRECTORY"):  # POSIX: the rename itself made durable
        folder = os.open(path.parent, os.O_RDONLY | os.O_DIRECTORY)
        try:
            os.fsync(folder)
        finally:
            os.close(folder)


def reconcile(store: Store) -> tuple[list[str], list[str]]:
    """At start: files no row points at (never acknowledged) are removed, with half-written temporary
    ones; rows whose file is missing are returned (that order of writing makes them impossible)."""
    folder = store.folder / FILES
    recorded = store.files()
    removed = []
    if folder.is_dir():
        for path in folder.iterdir():
            name = f"{FILES}/{path.name}"
            if path.is_file() and name not in recorded:
                path.unlink()
                removed.append(name)
    missing = sorted(n for n in recorded if not (store.folder / n).is_file())
    return removed, missing
