"""The Python API: what the ``make-report`` command does, for scripts and notebooks.

    from reporting import build_package, check, verify

    report = check("inputs")                 # never raises for bad data
    if report.valid:
        result = build_package(2, "inputs", "outputs")
        print(result.folder, result.files)
    found = verify("outputs/2023-2024/Q2")   # never raises for what it finds

The command is a thin layer over these three functions.  Errors are the
exceptions of ``reporting.errors``; validation problems are ``Problem`` values
whose ``kind`` is a ``reporting.kinds.Kind``.  The figures are also available as
``pandas.DataFrame`` when pandas is installed (``pip install 'make-report[pandas]'``):
``CheckReport.weekly_frame()`` and ``people_frame()``, and ``result_frames(result)`` →
``weekly``, ``people``, ``ranking``; the tool itself never needs pandas.  Progress goes
to the ``progress`` callback and to the ``logging`` logger ``"reporting"`` (INFO).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from .archive.verify import Verification
from .cluster import SchedulerTls
from .compute.model import QuarterModel
from .compute.weekly import WeeklyStatus
from .errors import InputError, Note, Problem
from .layout.model import TableLayout
from .options import Options
from .pipeline import Result, State


@dataclass(frozen=True)
class CheckReport:
    """What ``check`` found: the problems (each located), what the reader assumed, and the figures.

    Like frictionless' ``Report``: bad data is described here, not raised.
    """

    problems: tuple[Problem, ...]
    more: int  # problems found past the collecting bound: counted, not kept
    reading: tuple[Note, ...]  # the reading report: header rows, mapped columns, skipped rows, defaults
    status: WeeklyStatus | None  # the last monitored week and its quarter's figures (None with problems)

    @property
    def valid(self) -> bool:
        return not self.problems and not self.more

    @property
    def model(self) -> QuarterModel | None:
        return self.status.model if self.status else None

    def weekly_frame(self):
        """The weekly figures of every indicator as a DataFrame (needs pandas)."""
        from .frames import weekly_frame

        return weekly_frame(self._require_model())

    def people_frame(self):
        """One row per person and monitored week of the quarter (needs pandas)."""
        from .frames import people_frame

        return people_frame(self._require_model())

    def _require_model(self) -> QuarterModel:
        if self.model is None:
            raise ValueError("нет рассчитанных показателей: во входных данных есть ошибки или нет мониторинга")
        return self.model


def check(inputs: str | Path = "inputs") -> CheckReport:
    """Read and validate an inputs folder; compute where monitoring stands.  Writes nothing.

    Returns a ``CheckReport``; bad data never raises (its problems are in the
    report).  Raises ``SetupError`` only when the tool cannot run at all.
    """
    from .compute.weekly import weekly_status
    from .load import load_inputs

    try:
        found = load_inputs(Path(inputs))
    except InputError as exc:
        return CheckReport(tuple(exc.problems), exc.more, tuple(exc.notes), None)
    return CheckReport((), 0, found.reading, weekly_status(found))


@dataclass(frozen=True)
class Description:
    """What ``describe`` found: the layout of every table read (``reporting.layout.model.TableLayout``),
    inferred or declared, and the problems met on the way (each located) — a table that could not be
    placed is still described, with «?» for the columns the user is to name."""

    layouts: tuple[TableLayout, ...]
    problems: tuple[Problem, ...]
    more: int
    declared: bool  # the inputs hold a layout.toml, and it was followed

    def toml(self) -> str:
        """The layouts as ``layout.toml`` text (what ``describe --write`` saves)."""
        from .layout.toml_text import layout_toml

        return layout_toml(list(self.layouts))


def describe(inputs: str | Path = "inputs") -> Description:
    """Read the inputs folder and say how each table is laid out.  Writes nothing; bad data never raises."""
    from .load import LAYOUT, load_inputs

    found: dict[str, dict] = {}
    problems, more = (), 0
    try:
        load_inputs(Path(inputs), layouts=found)
    except InputError as exc:
        problems, more = tuple(exc.problems), exc.more
    layouts = tuple(layout for name in sorted(found) for layout in found[name].values())
    return Description(layouts, problems, more, (Path(inputs) / LAYOUT).is_file())


def build_package(
    quarter: int,
    inputs: str | Path = "inputs",
    outputs: str | Path = "outputs",
    *,
    no_names: bool = False,
    date: dt.date | str | None = None,
    number: str = "",
    roadmap_number: str = "",
    letter: str = "",
    with_names: bool = False,
    interim: bool = False,
    no_monitoring: bool = False,
    force: bool = False,
    wait: float = 10.0,
    data_only: bool = False,
    templates: str | Path | None = None,
    each_organization: bool = False,
    strict: bool = False,
    jobs: int = 0,
    scheduler: str = "",
    scheduler_tls: SchedulerTls | None = None,
    pdf_engine: str = "auto",
    progress: Callable[[str], None] | None = None,
) -> Result:
    """Build and archive the quarter's package; return what was written (``Result``).

    The keyword arguments are the command's options, named alike (``--no-names`` is
    ``no_names``, ``--date`` is ``date``: a ``datetime.date`` or text such as «15.01.2024»,
    ``--data-only`` is ``data_only``, ``--wait`` is ``wait``; ``--number report=…``/``roadmap=…`` are
    ``number`` and ``roadmap_number``; ``--scheduler-ca/-cert/-key`` are
    ``scheduler_tls``).  Raises ``InputError`` (with
    every problem), ``PackageExists``, ``ArchiveError``, ``SetupError`` or ``RenderError``;
    a package written without PDFs (no Pango) has ``result.incomplete`` set.
    """
    from .pipeline import run

    day = f"{date:%d.%m.%Y}" if isinstance(date, dt.date) else (date or "")
    settings = Options(
        quarter=quarter, inputs=Path(inputs), outputs=Path(outputs), no_names=no_names, doc_date=day,
        doc_number=number, roadmap_number=roadmap_number, documents=not data_only, force=force, letter=letter, with_names=with_names, lock_wait=wait,
        interim=interim, no_monitoring=no_monitoring,
        each_organization=each_organization, strict=strict, jobs=jobs, scheduler=scheduler,
        scheduler_tls=scheduler_tls or SchedulerTls(), pdf_engine=pdf_engine, templates=Path(templates) if templates is not None else None,
    )  # fmt: skip
    return run(settings, _logged(progress))


def _logged(progress: Callable[[str], None] | None) -> Callable[[str], None]:
    """Progress lines to the callback and to the ``reporting`` logger."""
    import logging

    logger = logging.getLogger("reporting")

    def say(line: str) -> None:
        logger.info(line)
        if progress is not None:
            progress(line)

    return say


def verify(package: str | Path) -> Verification:
    """Check an archived package against its manifest and its inputs.

    Returns a ``Verification`` (``intact``, ``findings``, ``checked``,
    ``unchecked``); what it finds is never raised.  Raises ``PackageNotFound``
    when the folder is not there.
    """
    from .archive.verify import verify_package

    return verify_package(Path(package))


def weekly_return(inputs: str | Path = "inputs", outputs: str | Path = "outputs", week=None, *, force: bool = False):
    """Write the school's weekly return (``return.xlsx``/``return.csv``) for ``week`` (any day of it;
    the last week with figures by default); return a ``WeeklyReturn`` (folder, week, rows, state)."""
    from .returns import write_weekly_return

    return write_weekly_return(Path(inputs), Path(outputs), week, force=force)


def result_frames(result: Result) -> dict:
    """A built package's figures as DataFrames: ``weekly``, ``people``, ``ranking`` (needs pandas)."""
    from .frames import people_frame, ranking_frame, weekly_frame

    return {
        "weekly": weekly_frame(result.model),
        "people": people_frame(result.model),
        "ranking": ranking_frame(result.model),
    }


@dataclass(frozen=True)
class Period:
    """One of the school's periods, as ``school.toml`` gives it (``--period N``; ``--quarter N``)."""

    number: int
    start: dt.date
    end: dt.date
    kind: str = "четверть"  # «четверть», «триместр», «модуль», «полугодие»

    @property
    def label(self) -> str:
        return f"{self.number} {self.kind} ({self.start:%d.%m.%Y} – {self.end:%d.%m.%Y})"


def periods(inputs: str | Path = "inputs") -> tuple[Period, ...]:
    """The school's periods from ``school.toml``; empty when it is missing or does not read (``check``
    says why)."""
    from .validate.school import read_school

    school = read_school(Path(inputs))
    if school is None:
        return ()
    return tuple(Period(n, start, end, school.period_kind) for n, (start, end) in enumerate(school.quarters, start=1))


def preview(inputs: str | Path, file: str, sheet: str, row: int | None = None, column: str | None = None):
    """The part of an input sheet around a problem's cell (``reporting.read.preview.SheetWindow``), or
    None when ``file`` is not one of the folder's inputs or ``sheet`` is not in it."""
    from .errors import Problems
    from .load import input_files
    from .read.preview import open_input, sheet_window

    book = open_input(input_files(Path(inputs), Problems()), file)
    if book is None or sheet not in book.sheet_names:
        return None
    return sheet_window(book, sheet, row, column)


def problem_cells(inputs: str | Path, problems) -> tuple[str, ...]:
    """Each problem's cell («E41»), or "" where it names none."""
    from .errors import Problems
    from .load import input_files
    from .read.preview import problem_cells as cells

    return cells(input_files(Path(inputs), Problems()), problems)


def problems_workbook(inputs: str | Path, problems) -> bytes:
    """The problems as an .xlsx a clerk can filter and tick off, with each one's cell."""
    from .render.problems_xlsx import problems_workbook as workbook

    return workbook(problems, problem_cells(inputs, problems))


def place_upload(inputs: str | Path, outputs: str | Path, filename: str, data: bytes, kind: str | None = None):
    """Put an uploaded file into the inputs folder under its contract name (``reporting.uploads.Placed``);
    the file it replaces is saved under ``outputs/replaced-inputs/``.  Raises ``InputError``."""
    from .uploads import place_upload as place

    return place(Path(inputs), Path(outputs), filename, data, kind)


def sign(
    package: str | Path,
    signatures,
    *,
    wait: float = 10.0,
    trust: str | Path | None = None,
    date: str | None = None,
    numbers: tuple[str, ...] = (),
    accept_cms: bool = False,
):
    """Record signature files (``.sig``) in an archived package (``make-report sign``); return what was
    done (``reporting.signatures.sign.Signing``).  Raises ``InputError``, ``VerificationError``."""
    from .signatures.registration import parse_registration
    from .signatures.sign import sign_package
    from .signatures.trust import load_trust

    roots = load_trust(Path(trust)) if trust is not None else None
    registration = parse_registration(date, numbers)
    return sign_package(Path(package), [Path(s) for s in signatures], wait, roots, registration, accept_cms)


def save_layout(
    inputs: str | Path, outputs: str | Path, changes: dict[tuple[str, str, str], str],
    counts: dict[tuple[str, str], str] | None = None,
) -> Description:  # fmt: skip
    """Write ``inputs/layout.toml`` from the layouts as read (``describe``) with ``changes`` applied:
    ``(file, sheet, column letter) → role`` (``reporting.layout_edit.role_choices`` lists the roles);
    ``counts``: ``(file, sheet) → "numbers" | "marks"``, what a weekly table's cells hold.
    The file it replaces goes under ``outputs/replaced-inputs/``.  Raises ``InputError`` for a role the
    table does not have (nothing written); returns the tables described again, as now read."""
    from .layout_edit import edited
    from .layout_edit import save_layout as save

    save(Path(inputs), Path(outputs), edited(describe(inputs).layouts, changes, counts))
    return describe(inputs)


# The build's options a refusal may name as its way out: build_package's keyword, and what it does
WAYS_OUT = {
    "--no-monitoring": ("no_monitoring", "без показателей мониторинга (только исполнение мероприятий)"),
    "--interim": ("interim", "промежуточный отчёт на сегодня"),
    "--no-names": ("no_names", "без ФИО"),
}


def ways_out(problems) -> tuple[tuple[str, str], ...]:
    """The options (``build_package``'s keyword, and what it does) that the refusal's own hints name as
    the way on: the page offers them as buttons, the command line names them in its message."""
    named: list[tuple[str, str]] = []
    for problem in problems:
        if problem.kind == "bad_option":
            text = f"{problem.message} {problem.hint or ''}"
            named += [way for option, way in WAYS_OUT.items() if option in text and way not in named]
    return tuple(named)


def school_form(inputs: str | Path = "inputs") -> dict[str, str]:
    """The ``school.toml`` form's fields as the file there is fills them (``reporting.school_form.FIELDS``;
    the quarters as ``quarter.N.start``/``quarter.N.end``, ISO dates)."""
    from .school_form import form_values

    return form_values(Path(inputs))


def save_school(inputs: str | Path, outputs: str | Path, values: dict[str, str]) -> str:
    """Write ``inputs/school.toml`` from the form's ``values``, keeping the file's other keys; the file it
    replaces goes under ``outputs/replaced-inputs/``.  Raises ``InputError`` when the result would not
    read (nothing written); returns the text written."""
    from .school_form import save_school as save

    return save(Path(inputs), Path(outputs), values)


def packages(outputs: str | Path = "outputs") -> tuple[Path, ...]:
    """The archived packages under ``outputs`` (folders with a manifest), newest year and period first."""
    from .archive.listing import package_folders

    return package_folders(Path(outputs))


__all__ = [
    "CheckReport",
    "InputError",
    "Period",
    "Problem",
    "Result",
    "State",
    "Verification",
    "build_package",
    "check",
    "packages",
    "periods",
    "place_upload",
    "preview",
    "problem_cells",
    "problems_workbook",
    "result_frames",
    "save_layout",
    "ways_out",
    "save_school",
    "school_form",
    "sign",
    "verify",
    "weekly_return",
]
