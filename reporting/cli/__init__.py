"""The command-line face: ``make-report`` as click commands over ``reporting.api`` and the library.

This package and ``reporting.web`` are the faces: the only places that print, exit or speak HTTP.
Nothing in the library imports them (``tests/test_architecture.py``)."""

from .main import main, run_command
from .run import EXIT_CODES, INTERNAL_ERROR, INTERRUPTED, _interrupted, exit_code_of

__all__ = ["EXIT_CODES", "INTERNAL_ERROR", "INTERRUPTED", "_interrupted", "exit_code_of", "main", "run_command"]
