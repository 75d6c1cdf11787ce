"""Running a command: the library's exceptions to messages and exit codes, Ctrl-C, and the
options every command has.  Shared by the commands of ``main.py``, ``sign.py`` and the rest of this package."""

from __future__ import annotations

import contextlib
import sys
from pathlib import Path

import click

from ..errors import (
    ArchiveError,
    InputError,
    PackageExists,
    PackageIncomplete,
    RenderError,
    ReportError,
    SetupError,
    VerificationError,
)
from ..words import PROBLEM_GROUPS, PROBLEMS, counted
from .helpers import say as _say

MAX_PROBLEMS_SHOWN = 100  # with --all-problems
MAX_GROUPS_SHOWN = 20
INTERNAL_ERROR = 70
INTERRUPTED = 130
# The one table from the library's exceptions to exit codes (README, «Exit codes»); first match wins.
EXIT_CODES: tuple[tuple[type[ReportError], int], ...] = (
    (SetupError, 1),  # the tool cannot run here
    (InputError, 2),  # bad inputs or options (click's usage errors exit 2 as well)
    (ArchiveError, 3),  # the package could not be written
    (PackageExists, 4),  # an archived package differs and --force was not given
    (VerificationError, 5),  # verify found a difference
    (PackageIncomplete, 6),  # written, but without the PDFs (no Pango): not the package asked for
    (RenderError, INTERNAL_ERROR),  # a document could not be made from valid inputs: a defect
    (ReportError, INTERNAL_ERROR),  # raised on purpose but unclassified: a defect too
)


def exit_code_of(exc: ReportError) -> int:
    return next(code for kind, code in EXIT_CODES if isinstance(exc, kind))


CONTEXT = {"help_option_names": [], "max_content_width": 100}  # -h/--help is added with Russian help


def _interrupted(exc: BaseException) -> bool:
    """Ctrl-C, even when a library turned it into another error (an import cut short)."""
    seen = set()
    while exc is not None and id(exc) not in seen:
        if isinstance(exc, KeyboardInterrupt):
            return True
        seen.add(id(exc))
        exc = exc.__cause__ or exc.__context__
    return False


def _report_failure(exc: BaseException, debug: bool, every_problem: bool = False, writes: bool = True) -> int:
    """``writes``: the command writes a package (check and verify write nothing, and say nothing of one)."""
    unwritten = " Пакет не записан." if writes else ""
    if _interrupted(exc):
        _say("Прервано. Пакет не записан, прежний пакет не изменён." if writes else "Прервано.")
        return INTERRUPTED
    if debug:
        import traceback

        traceback.print_exception(exc)
    if isinstance(exc, InputError):
        _say_problems(exc, every_problem, unwritten)
    elif isinstance(exc, VerificationError):
        _say(f"Пакет не прошёл проверку ({len(exc.findings)}):")
        for finding in exc.findings:
            _say(f"  • {finding}")
    elif isinstance(exc, ReportError):
        _say(f"Ошибка: {exc}")
    if isinstance(exc, ReportError):
        return exit_code_of(exc)
    _say(f"Внутренняя ошибка программы: {exc!r}.{unwritten} Подробности: запустите с --debug.")
    return INTERNAL_ERROR


class Interrupts:
    """Ctrl-C stops a run until its package is in place; after that it is ignored, so that the
    exit code and the last line always say what happened to the archive.

    ``deferred``: the handler only notes the request and ``check`` (called between steps) raises.
    An exception raised in a signal handler lands wherever the interpreter happens to be, a
    garbage-collection callback included, where Python prints it and carries on: the run would
    then write its package and exit 0 as if nobody had pressed Ctrl-C."""

    def __init__(self, deferred: bool = False) -> None:
        self.committed = None
        self.requested = False
        self.deferred = deferred

    def commit(self, folder) -> None:
        self.committed = folder

    def handle(self, signum, frame) -> None:
        if self.committed is not None:
            return
        if not self.deferred:
            raise KeyboardInterrupt
        self.requested = True

    def check(self) -> None:
        if self.requested and self.committed is None:
            raise KeyboardInterrupt

    def checked(self, callback):
        """``callback`` with the check before it: progress lines are the pipeline's steps."""

        def call(*args) -> None:
            self.check()
            callback(*args)

        return call


def _say_problems(exc: InputError, every_problem: bool, unwritten: str = " Пакет не записан.") -> None:
    """Grouped by cause, at most MAX_GROUPS_SHOWN lines; --all-problems lists each one."""
    from ..errors import grouped

    count = len(exc.problems) + exc.more
    _say(f"Ошибка: во входных данных найдено проблем: {count}.{unwritten}")
    lines = [p.describe() for p in exc.problems] if every_problem else [g.describe() for g in grouped(exc.problems)]
    limit = MAX_PROBLEMS_SHOWN if every_problem else MAX_GROUPS_SHOWN
    for line in lines[:limit]:
        _say(f"  • {line}")
    if len(lines) > limit:
        _say(f"  … и ещё {counted(len(lines) - limit, PROBLEMS if every_problem else PROBLEM_GROUPS, ' ')}")
    if exc.more:
        _say(f"  … и ещё {counted(exc.more, PROBLEMS, ' ')} сверх первых {len(exc.problems)} (не разбирались подробно)")
    if not every_problem and len(lines) < len(exc.problems):
        _say("  Все проблемы по отдельности: запустите с --all-problems.")


def guarded(
    debug: bool, action, interrupts: Interrupts | None = None, every_problem: bool = False, writes: bool = True
) -> None:
    import signal

    interrupts = interrupts or Interrupts()
    code = 0
    try:
        if signal.getsignal(signal.SIGINT) is not signal.SIG_IGN:  # started with Ctrl-C ignored (nohup): keep so
            signal.signal(signal.SIGINT, interrupts.handle)
        returned = action()
        code = returned if isinstance(returned, int) else 0  # --format json: the verdict's own code
    except BrokenPipeError:
        # the reader of our output went away (| head): stop as any command line tool does, with no
        # «internal error»; a package is written whole or not at all, so it is as the archive says
        _silence_stdout()
        if writes:
            with contextlib.suppress(OSError, ValueError):
                sys.stderr.write("Вывод команды оборван: тот, кто его читал, закрыл канал.\n")
        code = 141  # 128 + SIGPIPE, the shell's code for it
    except (Exception, KeyboardInterrupt) as exc:
        code = _report_failure(exc, debug, every_problem, writes)
    finally:
        signal.signal(signal.SIGINT, signal.SIG_IGN)  # shutting down: nothing left to interrupt
    sys.exit(code)


def _silence_stdout() -> None:
    """Point stdout at the null device, so that flushing at exit raises nothing more."""
    import os

    with contextlib.suppress(OSError, ValueError, AttributeError):  # no real descriptor (a test's stream)
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())


def _given_empty(values: dict[str, str | None]):
    """Options given with nothing in them (``--date ""``): a slip of the script that wrote the
    command line, never the same as leaving the option out."""
    from ..errors import Problems

    problems = Problems()
    for name, value in values.items():
        if value is not None and not value.strip():
            problems.add("bad_option", name, "параметр указан, но пуст",
                         hint=f"Впишите значение после {name} или уберите {name} из команды")  # fmt: skip
    return problems


def folder_option(name: str, help_text: str):
    """``--inputs``/``--outputs``: a folder, ``inputs``/``outputs`` by default."""
    default = name.removeprefix("--")
    return click.option(
        name, default, type=click.Path(file_okay=False, path_type=Path), default=Path(default), show_default=True,
        help=help_text,
    )  # fmt: skip


def format_option(command):
    """``--format json``: the command's findings as one JSON document on stdout (docs/json-output.md)."""
    return click.option(
        "--format", "output_format", type=click.Choice(["text", "json"]), default="text", show_default=True,
        help="Как выводить результат: text — для человека, json — для программ (docs/json-output.md).",
    )(command)  # fmt: skip


def print_json(document: dict) -> None:
    from ..render.machine import dumps

    click.echo(dumps(document))


def _help(command):
    return click.help_option("-h", "--help", help="Показать эту справку и выйти.")(command)


def common(command):
    """The options every command has."""
    command = _help(command)
    command = click.option("--debug", is_flag=True, help="При ошибке показывать трассировку (для разработчиков).")(
        command
    )
    command = click.option(
        "--all-problems", is_flag=True, help="Перечислить каждую проблему во входных данных отдельно (без группировки)."
    )(command)
    return click.option("-q", "--quiet", is_flag=True, help="Не выводить ход работы.")(command)
