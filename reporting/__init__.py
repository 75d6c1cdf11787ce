"""make-report: quarterly reports on a school's messaging-platform roadmap."""

__version__ = "0.1.0"
