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
``pandas.DataFrame`` (``weekly_frame``, ``people_frame``, ``ranking_frame``) when
pandas is installed (``pip install 'make-report[pandas]'``); the tool itself never
needs it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from .archive.verify import Verification
from .compute.model import QuarterModel
from .compute.weekly import WeeklyStatus
from .errors import InputError, Note, Problem
from .options import Options
from .pipeline import Result


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


def build_package(
    quarter: int,
    inputs: str | Path = "inputs",
    outputs: str | Path = "outputs",
    *,
    progress: Callable[[str], None] | None = None,
    **options,
) -> Result:
    """Build and archive the quarter's package; return what was written (``Result``).

    ``options`` are the fields of ``reporting.options.Options`` (``no_names``,
    ``documents``, ``force``, ``letter``, ``doc_date``, ``doc_number``,
    ``each_organization``, ``strict``, ``jobs``, ``scheduler``, ``lock_wait``).  Raises ``InputError`` (with every problem), ``PackageExists``,
    ``ArchiveError``, ``SetupError`` or ``RenderError``.
    """
    from .pipeline import run

    settings = Options(quarter=quarter, inputs=Path(inputs), outputs=Path(outputs), **options)
    return run(settings, progress or (lambda _: None))


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


__all__ = [
    "CheckReport",
    "Result",
    "Verification",
    "build_package",
    "check",
    "result_frames",
    "verify",
    "weekly_return",
]
