"""make-report: quarterly reports on a school's messaging-platform roadmap.

The Python API (see ``reporting.api``)::

    from reporting import build_package, check, verify
"""

__version__ = "0.1.0"
_API = (
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
)
__all__ = [*_API, "__version__"]


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
    run_command()
