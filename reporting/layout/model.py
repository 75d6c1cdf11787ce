"""A table's layout: a small declarative description, inferred or declared (``layout.toml``).

A leaf module (it imports nothing of the package), so that the reader, the validators, the
describer and the CLI can all share it.
"""

from __future__ import annotations

from dataclasses import dataclass, field

WEEK = "неделя"  # the role of a wide sheet's week column
UNUSED = "-"  # a column the tool does not read
UNDECIDED = "?"  # a column whose role describe could not tell: the user writes it
ORIENTATIONS = {
    "wide": "сотрудники по строкам, по столбцу на неделю",
    "long": "по строке на сотрудника и неделю (или день)",
    "table": "по строке на запись",
}
COUNTS = {
    "numbers": "число сообщений",
    "marks": "отметка «да»/«нет»: написал ли сотрудник не менее порога",
}
WEEK_NUMBERS = {
    "school": "номер учебной недели: 1 — неделя первого учебного дня",
    "iso": "номер недели календарного года (ISO 8601, как в календарях)",
}


@dataclass(frozen=True)
class ColumnLayout:
    letter: str  # as Excel shows it: A, B, …, AA
    header: str  # as written in the file ("" when blank)
    role: str  # the contract's header it is read as («ФИО»), WEEK, UNUSED or UNDECIDED
    week: str = ""  # a week column's Monday (ISO), when it was read
    platform: str = ""  # a week's platform sub-column («MAX»), under a merged week header
    day: str = ""  # a week's day sub-column («Пн», «20.11»): added into the week, no platform


@dataclass(frozen=True)
class TableLayout:
    """What the reader did with one sheet, or what ``layout.toml`` tells it to do."""

    file: str
    sheet: str  # as named in the file
    reads_as: str  # the contract's sheet: «Сотрудники», «Мониторинг», «Дорожная карта», …
    header_row: int  # 1-based, as Excel numbers rows
    orientation: str = "table"  # a key of ORIENTATIONS
    columns: tuple[ColumnLayout, ...] = ()
    counts: str = "numbers"  # a key of COUNTS (weekly sheets)
    week_numbers: str = ""  # a key of WEEK_NUMBERS when week headers are numbers, else ""
    declared: bool = False  # read as layout.toml says, not inferred
    hidden: bool = False  # the sheet is hidden in the workbook
    turned: bool = False  # weeks in rows, people in columns: read turned, so rows are «columns» here
    subcolumns: tuple[tuple[str, str], ...] = ()  # sub-headers under the weeks and their roles' words
    computed: tuple[str, ...] = ()  # rows and columns known as totals by their formulas («строка 74 — суммы»)
    week_from: str = ""  # the one week of every row, where the file says it («06.11.2023–12.11.2023, строка …»)

    def week_columns(self) -> tuple[ColumnLayout, ...]:
        return tuple(c for c in self.columns if c.role == WEEK)


@dataclass(frozen=True)
class DeclaredTable:
    """One ``[[table]]`` of layout.toml, checked for shape (the file itself is checked on reading)."""

    file: str
    sheet: str
    reads_as: str
    header_row: int
    columns: dict[str, tuple[str, str]] = field(default_factory=dict)  # letter -> (role, header as written)
    weeks: tuple[int, int] | None = None  # the week columns, first and last index
    counts: str = "numbers"
    week_numbers: str = ""
    place: str = ""  # where in layout.toml: «table[2]»
    turned: bool = False
    words: dict[str, tuple[str, ...]] = field(default_factory=dict)  # "yes"/"no"/"absent" -> the table's own words
    fills: dict[str, str] = field(default_factory=dict)  # a roadmap's fill colour (ARGB) -> the status it means
    subcolumns: dict[str, str] = field(default_factory=dict)  # a sub-header under the weeks (normalised) -> role word
