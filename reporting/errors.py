"""One exception tree for the whole library; the CLI maps it to exit codes (``cli.EXIT_CODES``).

    ReportError                 anything the library raises on purpose
    ├── PackageIncomplete       written without the PDFs this machine cannot make (exit 6)
    ├── SetupError              the tool cannot run here (a shipped file missing, a Dask scheduler unreachable)
    │   ├── PdfUnavailable      no Pango here: the package is written without PDFs, marked incomplete
    │   └── CollectError        collect: the MAX API refused the token or kept failing (saved pages stay)
    ├── InputError              the inputs or options are wrong: ``problems`` says where
    │   └── PackageNotFound     ``verify`` was given a folder that is not there
    ├── ArchiveError            the archive could not be written or read (disk, permissions, busy, a link)
    ├── PackageExists           an archived package differs, and ``force`` was not given
    ├── VerificationError       an archived package no longer matches its manifest or its inputs
    └── RenderError             a document could not be made (a defect of the tool, not of the data)

Validation problems are data (frozen dataclasses with a position and a ``Kind``
from ``kinds.py``), collected across all inputs and raised together as one
``InputError``.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass

from .kinds import Kind
from .words import COLUMNS, TIMES, counted


@dataclass(frozen=True)
class Problem:
    """One thing wrong with the inputs, located as precisely as possible."""

    kind: Kind  # a plain string is turned into its Kind (an unknown one is a defect: ValueError)
    file: str
    message: str
    sheet: str | None = None
    row: int | None = None  # Excel row number (1-based), as the user sees it
    column: str | None = None  # column header as written in the file (or a TOML key)
    value: str | None = None
    hint: str | None = None
    organization: str | None = None  # the organisation the row belongs to, when known

    def __post_init__(self) -> None:
        if not isinstance(self.kind, Kind):
            object.__setattr__(self, "kind", Kind(self.kind))

    def location(self) -> str:
        parts = [f"«{self.organization}»: {self.file}" if self.organization else self.file]
        if self.sheet:
            parts.append(f"лист «{self.sheet}»")
        if self.row is not None:
            parts.append(f"строка {self.row}")
        if self.column:
            what = "ключ" if self.file.endswith(".toml") else ("параметр" if self.file.startswith("--") else "столбец")
            parts.append(f"{what} «{self.column}»")
        return ", ".join(parts)

    def plain(self) -> dict:
        """The problem as JSON data (its kind as text): a submission's and a job's record of it."""
        found = dataclasses.asdict(self)
        found["kind"] = str(self.kind)
        return found

    def describe(self) -> str:
        text = f"{self.location()}: {self.message}"
        if self.value not in (None, ""):
            text += f" (значение: «{self.value}»)"
        hint = self.hint or self.kind.hint
        if hint:
            text += f". {hint}"
        return one_line(text)


@dataclass(frozen=True)
class Note:
    """One assumption the reader made (a header row, a column read as a field, rows skipped as
    totals, a default applied): nothing is assumed silently, and these make the reading report."""

    file: str
    message: str
    sheet: str | None = None

    def describe(self) -> str:
        where = f"{self.file}, лист «{self.sheet}»" if self.sheet else self.file
        return one_line(f"{where}: {self.message}")


def one_line(text: str) -> str:
    """A problem or a note as a line of text for the terminal, reading.txt or a page: the cells
    and file names it quotes are the inputs' own, and cannot steer a terminal or break the line."""
    from .read.text import terminal_text

    return terminal_text(text).replace("\n", " ").replace("\t", " ")


def shown(value: object) -> str:
    """A cell value as the user typed it: 10 not 10.0, 22.11.2023 not 2023-11-22, never a novel."""
    import datetime as dt

    if isinstance(value, float) and value.is_integer() and abs(value) < 1e15:
        value = int(value)
    elif isinstance(value, dt.datetime | dt.date):
        value = f"{value:%d.%m.%Y}"
    return str(value)[:200]


def row_ranges(rows: list[int]) -> str:
    """[5, 6, 7, 9, 12, 13] → «5–7, 9, 12–13»: many rows in a few characters."""
    spans: list[list[int]] = []
    for row in sorted(set(rows)):
        if spans and row == spans[-1][1] + 1:
            spans[-1][1] = row
        else:
            spans.append([row, row])
    return ", ".join(f"{a}–{b}" if b > a else str(a) for a, b in spans)


@dataclass(frozen=True)
class ProblemGroup:
    """Problems of one kind in one column with one message: one line for a clerk, with the rows."""

    first: Problem
    rows: tuple[int, ...]
    values: tuple[str, ...]
    columns: tuple[str, ...] = ()  # several columns of one row (a block of week headers)

    def describe(self) -> str:
        p = self.first
        if len(self.columns) > 1:
            shown_columns = ", ".join(f"«{c}»" for c in self.columns[:6]) + (" …" if len(self.columns) > 6 else "")
            where = f"{dataclasses.replace(p, column=None).location()}, столбцы {shown_columns}"
            return f"{where}: {p.message} — {counted(len(self.columns), COLUMNS, ' ')}" + (
                f". {p.hint}" if p.hint else ""
            )
        if len(self.rows) <= 1:
            return p.describe()
        where = [dataclasses.replace(p, row=None, column=None).location(), f"строки {row_ranges(list(self.rows))}"]
        if p.column:
            where.append(f"столбец «{p.column}»")
        text = f"{', '.join(where)}: {p.message} — {counted(len(self.rows), TIMES, ' ')}"
        shown = [v for v in dict.fromkeys(self.values) if v][:3]
        if shown:
            text += " (например: " + ", ".join(f"«{v}»" for v in shown) + ")"
        return text + (f". {p.hint}" if p.hint else "")


def grouped(problems: list[Problem]) -> list[ProblemGroup]:
    """Problems that differ only in row and value go together, in the order first met."""
    return [group for group, _ in grouped_members(problems)]


def grouped_members(problems) -> list[tuple[ProblemGroup, tuple[int, ...]]]:
    """``grouped``, with the indexes in ``problems`` of each group's members (the page lists them)."""
    groups: dict[tuple, list[int]] = {}
    for index, problem in enumerate(problems):
        if problem.row is None:
            key = (id(problem),)
        else:
            key = (problem.kind, problem.file, problem.sheet, problem.column, problem.message, problem.hint,
                   problem.organization)  # fmt: skip
        groups.setdefault(key, []).append(index)
    rows = []
    for members in groups.values():
        found = [problems[i] for i in members]
        rows.append((
            ProblemGroup(found[0], tuple(p.row for p in found if p.row is not None), tuple(p.value or "" for p in found)),
            tuple(members),
        ))  # fmt: skip
    # A block of columns with one fault in one row (week headers of another year): one line.
    blocks: dict[tuple, list[tuple[ProblemGroup, tuple[int, ...]]]] = {}
    for group, members in rows:
        p = group.first
        key = (
            (p.kind, p.file, p.sheet, p.row, p.message, p.hint, p.organization)
            if len(group.rows) == 1
            else (id(group),)
        )
        blocks.setdefault(key, []).append((group, members))
    return [
        found[0]
        if len(found) == 1
        else (
            ProblemGroup(found[0][0].first, found[0][0].rows, (), tuple(g.first.column or "" for g, _ in found)),
            tuple(i for _, members in found for i in members),
        )
        for found in blocks.values()
    ]


class ReportError(Exception):
    """Base of every error the library raises on purpose."""


class SetupError(ReportError):
    """The tool cannot run here: a shipped file is missing, an optional package or a service is absent."""


class PdfUnavailable(SetupError):
    """WeasyPrint's libraries (Pango, GLib, HarfBuzz) cannot be loaded here: no PDF can be made.
    The DOCX and XLSX documents need none of them."""


class PackageIncomplete(ReportError):
    """The package was written, without the documents this machine cannot make (no PDF: no Pango),
    and marked incomplete in its manifest; the complete package replaces it once they can be made."""


class CollectError(SetupError):
    """``collect``: the MAX API refused the token or kept failing; what was saved stays saved."""

    def __init__(self, message: str, refused: bool = False):
        super().__init__(message)
        self.refused = refused  # the token was not accepted: retrying cannot help


class InputError(ReportError):
    """The inputs are wrong; ``problems`` says where and how to fix them."""

    def __init__(self, problems: list[Problem], more: int = 0, notes: list[Note] | tuple[Note, ...] = ()):
        self.problems = list(problems)
        self.more = more  # found beyond the collecting bound: counted, not kept
        self.notes = tuple(notes)  # the reading report so far: how the reader got to these problems
        super().__init__(f"{len(self.problems) + more} problem(s) in the inputs")

    def __str__(self) -> str:
        """In Russian, with the first problems: what a notebook or a log shows of the exception."""
        shown = [p.describe() for p in self.problems[:5]]
        rest = len(self.problems) + self.more - len(shown)
        text = f"во входных данных найдено проблем: {len(self.problems) + self.more}"
        return text + "".join(f"\n  • {line}" for line in shown) + (f"\n  … и ещё {rest}" if rest > 0 else "")

    def __reduce__(self):  # across a process boundary with its problems, not with its message as problems
        return (InputError, (self.problems, self.more, self.notes))


class PackageNotFound(InputError):
    """``verify`` or ``sign`` was given a folder that is not there, or a link to one: the archive
    is never reached through a link, and the message says which it is."""

    def __init__(self, folder: str):
        import os

        message, hint = "папки пакета нет", "Укажите папку пакета, например outputs/2023-2024/Q2"
        if os.path.islink(folder):
            message = "это ссылка на папку, а не сама папка пакета: по ссылкам программа в архив не ходит"
            hint = f"Укажите саму папку пакета: {os.path.realpath(folder)}"
        super().__init__(
            [
                Problem(
                    Kind.MISSING_FILE,
                    folder,
                    message,
                    hint=hint,
                )
            ]
        )


class ArchiveError(ReportError):
    """The package could not be written, or the archive folder could not be read."""


class PackageExists(ReportError):
    """An archived package was built from other inputs; replacing it needs ``force``."""


class RenderError(ReportError):
    """A document could not be made from valid inputs: a defect of the tool (with ``strict``, one
    organisation's package failing stops the run with this)."""


class Problems:
    """A collector: validators add to it, and ``raise_if_any`` ends a stage.

    Past ``limit`` problems are only counted: a sheet of a million junk rows must
    end in seconds with «… и ещё N», not after minutes of building messages.
    """

    LIMIT = 1000

    def __init__(self, limit: int = LIMIT) -> None:
        self.items: list[Problem] = []
        self.more = 0
        self.limit = limit
        self.notes: list[Note] = []  # the reading report: assumptions, not problems

    def note(self, file: str, message: str, sheet: str | None = None) -> None:
        self.notes.append(Note(file, message, sheet))

    @property
    def full(self) -> bool:
        """Validators may skip the work of describing a problem that would only be counted."""
        return len(self.items) >= self.limit

    def add(self, kind: str, file: str, message: str, **where) -> None:
        if self.full:
            self.more += 1
            return
        if "value" in where and where["value"] is not None:
            where["value"] = shown(where["value"])
        self.items.append(Problem(kind=kind, file=file, message=message, **where))

    def append(self, problem: Problem) -> None:
        if self.full:
            self.more += 1
        else:
            self.items.append(problem)

    def extend(self, other: Problems | list[Problem]) -> None:
        for problem in other.items if isinstance(other, Problems) else other:
            self.append(problem)
        if isinstance(other, Problems):
            self.more += other.more
            self.notes.extend(other.notes)

    def __bool__(self) -> bool:
        return bool(self.items) or bool(self.more)

    def raise_if_any(self) -> None:
        if self:
            raise InputError(self.items, self.more, self.notes)


class VerificationError(ReportError):
    """An archived package no longer matches its manifest or its inputs."""

    def __init__(self, folder: str, findings: list[str]):
        self.findings = findings
        super().__init__(f"пакет {folder} не прошёл проверку: " + "; ".join(findings))
