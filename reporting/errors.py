"""One exception tree for the whole library; the CLI maps it to exit codes.

Validation problems are data (frozen dataclasses with a position), collected
across all inputs and raised together as one ``InputError``.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Problem:
    """One thing wrong with the inputs, located as precisely as possible."""

    kind: str
    file: str
    message: str
    sheet: str | None = None
    row: int | None = None  # Excel row number (1-based), as the user sees it
    column: str | None = None  # column header as written in the file (or a TOML key)
    value: str | None = None
    hint: str | None = None
    organization: str | None = None  # the organisation the row belongs to, when known

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

    def describe(self) -> str:
        text = f"{self.location()}: {self.message}"
        if self.value not in (None, ""):
            text += f" (значение: «{self.value}»)"
        if self.hint:
            text += f". {self.hint}"
        return text


class ReportError(Exception):
    """Base of every error the library raises on purpose."""

    exit_code = 1


class InputError(ReportError):
    """The inputs are wrong; ``problems`` says where and how to fix them."""

    exit_code = 2

    def __init__(self, problems: list[Problem]):
        self.problems = list(problems)
        super().__init__(f"{len(self.problems)} problem(s) in the inputs")


class ArchiveError(ReportError):
    """The package could not be written or verified."""

    exit_code = 3


class Problems:
    """A collector: validators add to it, and ``raise_if_any`` ends a stage."""

    def __init__(self) -> None:
        self.items: list[Problem] = []

    def add(self, kind: str, file: str, message: str, **where) -> None:
        if "value" in where and where["value"] is not None:
            where["value"] = str(where["value"])
        self.items.append(Problem(kind=kind, file=file, message=message, **where))

    def extend(self, other: Problems | list[Problem]) -> None:
        self.items.extend(other.items if isinstance(other, Problems) else other)

    def __bool__(self) -> bool:
        return bool(self.items)

    def raise_if_any(self) -> None:
        if self.items:
            raise InputError(self.items)


class VerificationError(ReportError):
    """An archived package no longer matches its manifest or its inputs."""

    exit_code = 5

    def __init__(self, folder: str, findings: list[str]):
        self.findings = findings
        super().__init__(f"пакет {folder} не прошёл проверку: " + "; ".join(findings))
