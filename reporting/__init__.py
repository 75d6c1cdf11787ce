"""make-report: quarterly reports on a school's messaging-platform roadmap."""

__version__ = "0.1.0"


def entry() -> None:
    """The ``make-report`` command.  The CLI is imported here, inside the guard, so that Ctrl-C
    even while Python loads it ends with exit 130 and one line, not a traceback."""
    import sys

    try:
        from .cli import run_command
    except KeyboardInterrupt:
        sys.stderr.write("Прервано. Ничего не записано.\n")
        sys.exit(130)
    run_command()
