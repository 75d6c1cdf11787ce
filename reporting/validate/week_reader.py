"""Week labels of a sheet — a header or a «Неделя» cell — as the week's Monday, checked against the
school year; «5 неделя» only with its numbering told in layout.toml."""

from __future__ import annotations

import datetime as dt
import re

from ..compute.calendar import monday, year_end, year_first_week
from ..errors import Problems
from ..inputs import School
from ..read.cells import CellError
from ..read.table import Row, Table
from ..read.weeks import borrows_month, read_week_label, week_number
from .problems import problem_at


class WeekReader:
    """Turn a week cell or header into the week's Monday, or record why not."""

    def __init__(self, table: Table, school: School, problems: Problems):
        self.table, self.problems = table, problems
        self.first, self.last = year_first_week(school), year_end(school)
        self.label = school.year_label
        self.years = (school.quarters[0][0].year, school.quarters[-1][1].year)
        self.numbering, self.numbered = table.week_numbers, False  # «5 неделя» seen
        self.borrowed: dict[str, str] = {}  # a label whose first day took its month from the second -> as read
        self.title_years = title_years(table.above)  # «Мониторинг за 2025/2026 учебный год»
        self.year_refused = False  # the title's year and the school year disagree: said once per sheet

    def week(self, value: object, row: Row | None, column: str | int) -> dt.date | None:
        number = week_number(value)
        if number is not None:
            self.numbered = True
            return self._numbered(number, value, row, column)
        try:
            start, end = read_week_label(value, self.years)
        except CellError as exc:
            problem_at(self.problems, self.table, row, column, "bad_date", f"неделя: {exc}", value=value)
            return None
        if monday(start) != monday(end) or end < start:
            problem_at(
                self.problems, self.table, row, column, "bad_week",
                "диапазон дат не укладывается в одну неделю с понедельника по воскресенье", value=value,
            )  # fmt: skip
            return None
        week = monday(start)
        if self.title_years and not self.title_years & set(self.years) and _yearless(value, self.years):
            self._refuse_year(value, row, column)
            return None
        if isinstance(value, str) and borrows_month(value) and value not in self.borrowed:
            self.borrowed[value] = f"{start:%d.%m.%Y}–{end:%d.%m.%Y}"
            if len(self.borrowed) == 1:
                self.problems.note(self.table.file, "недели, у первого дня которых не указан месяц («15–19.12»), "
                                   f"прочитаны с месяцем второго дня: «{value}» — {self.borrowed[value]}",
                                   self.table.sheet)  # fmt: skip
        if not self.first <= week <= self.last:
            problem_at(
                self.problems, self.table, row, column, "week_outside_year",
                f"неделя вне {self.label} учебного года ({self.first:%d.%m.%Y}–{self.last:%d.%m.%Y})",
                value=value if not isinstance(value, dt.date) else f"{value:%d.%m.%Y}",
            )  # fmt: skip
            return None
        return week

    def _refuse_year(self, value, row: Row | None, column) -> None:
        """A label without its year, under a title naming another year than the school year's: which
        year the week is in, the title or school.toml, the program does not guess."""
        if self.year_refused:
            return
        self.year_refused = True
        titled = ", ".join(str(y) for y in sorted(self.title_years))
        problem_at(
            self.problems, self.table, row, column, "bad_date",
            f"у недели не указан год, а в заголовке листа — {titled}, не {self.label} учебный год из school.toml: "
            "к какому году относятся недели, программа не угадывает", value=value,
            hint=f"Если лист за {self.label} учебный год — поправьте год в заголовке листа; если за другой — "
            "впишите год в подписи недель (06.11.2025–12.11.2025) и укажите этот учебный год в school.toml "
            "([school_year])",
        )  # fmt: skip

    def _numbered(self, number: int, value, row: Row | None, column) -> dt.date | None:
        """«5 неделя»: the school's 5th week, or the calendar's ISO week 5 — as layout.toml says."""
        if not self.numbering:
            problem_at(
                self.problems, self.table, row, column, "bad_week",
                "неделя названа номером, а как считать номера — с начала учебного года или по календарю, — "
                "программа не угадывает", value=value,
                hint=f"Впишите в inputs/layout.toml для листа «{self.table.sheet}» week_numbers = \"school\" "
                f"(неделя 1 — с {self.first:%d.%m.%Y}) или week_numbers = \"iso\" (номер недели календаря); "
                "layout.toml запишет make-report describe --write — там вместо «?» впишите одно из двух",
            )  # fmt: skip
            return None
        if self.numbering == "school":
            found = [self.first + dt.timedelta(weeks=number - 1)] if number >= 1 else []
        else:
            # 28 December is always in a year's last ISO week: 52 or 53 weeks
            found = [dt.date.fromisocalendar(year, number, 1) for year in self.years
                     if 1 <= number <= dt.date(year, 12, 28).isocalendar().week]  # fmt: skip
        found = [week for week in found if self.first <= week <= self.last]
        if len(found) != 1:
            problem_at(
                self.problems, self.table, row, column, "week_outside_year",
                f"неделя № {number} вне {self.label} учебного года ({self.first:%d.%m.%Y}–{self.last:%d.%m.%Y})",
                value=value,
            )  # fmt: skip
            return None
        return found[0]


_SCHOOL_YEAR = re.compile(r"\b(20\d\d)\s*[/–—-]\s*(20\d\d)\b")
_YEAR = re.compile(r"(?<![\d.№])(?<!№ )(20\d\d)(?!\d)")  # not a school's number («СОШ № 2025»)


def title_years(above: list[object]) -> set[int]:
    """The calendar years a sheet's title rows name: a school year's two («2025/2026», «2025–2026»), or
    each year written («ноябрь 2025», «на 01.11.2025»); none when the title names no year."""
    text = " ".join(str(v) for v in above if isinstance(v, str))
    found = {int(y) for pair in _SCHOOL_YEAR.findall(text) for y in pair}
    return found or {int(y) for y in _YEAR.findall(text)}


def _yearless(value: object, years: tuple[int, int]) -> bool:
    """The label took its year from the school year: read with other years, it reads otherwise."""
    if isinstance(value, dt.date):
        return False
    try:
        return read_week_label(value, years) != read_week_label(value, (years[0] + 40, years[1] + 40))
    except (CellError, ValueError, OverflowError):
        return False
