"""``python -m reporting``: the same command as ``make-report``."""

from . import entry

entry()
