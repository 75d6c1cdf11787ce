"""make-report: quarterly reports on a school's messaging-platform roadmap.

The Python API (see ``reporting.api``)::

    from reporting import build_package, check, verify
"""

from typing import TYPE_CHECKING

__version__ = "0.1.0"

if TYPE_CHECKING:  # what a type checker sees at ``from reporting import …``; at run time: __getattr__
    from .api import (
        CheckReport,
        Description,
        InputError,
        Problem,
        Result,
        State,
        Verification,
        build_package,
        check,
        describe,
        result_frames,
        verify,
        weekly_return,
    )

__all__ = [  # a literal list: the linter and the type checker read the re-exports from it
    "build_package",
    "check",
    "describe",
    "Description",
    "verify",
    "weekly_return",
    "result_frames",
    "CheckReport",
    "Result",
    "State",
    "Verification",
    "Problem",
    "InputError",
    "__version__",
]
_API = frozenset(__all__) - {"__version__"}


def __getattr__(name: str):
    """The API is imported on first use: ``make-report --help`` need not load the whole library."""
    if name in _API:
        from . import api

        return getattr(api, name)
    raise AttributeError(f"module 'reporting' has no attribute {name!r}")


def entry() -> None:
    """The ``make-report`` command.  The CLI is imported here, inside the guard, so that Ctrl-C
    even while Python loads it ends with exit 130 and one line, not a traceback."""
    import gc
    import sys

    # A run is one short process whose inputs live to its end: the cyclic collector walking a
    # region's millions of rows and people again and again (0.4 s of 4) would collect nothing.
    gc.set_threshold(100_000, 50, 100)
    try:
        from .cli import run_command
    except KeyboardInterrupt:
        sys.stderr.write("Прервано. Ничего не записано.\n")
        sys.exit(130)
    try:
        run_command()
    except SystemExit as done:
        _end_now(done.code)
    _end_now(0)


def _end_now(code) -> None:
    """End the process without tearing the heap down object by object: a region's inputs are a
    few hundred thousand objects in reference cycles, and Python's last collection and freeing
    took 0.2 s of a 3.8 s check for memory the system takes back at once.  Output is flushed and
    the exit handlers run (temporary folders, pools) first; every file was closed by then."""
    import atexit
    import contextlib
    import os
    import sys

    if code is None:
        code = 0
    elif not isinstance(code, int):
        sys.stderr.write(f"{code}\n")
        code = 1
    getattr(atexit, "_run_exitfuncs", lambda: None)()
    for stream in (sys.stdout, sys.stderr):
        with contextlib.suppress(OSError, ValueError):  # a closed pipe (| head): nothing more to say
            stream.flush()
    os._exit(code)
