"""Week labels as people type them in a header or a «Неделя» cell.

«04.09.2023», «04.09.2023–10.09.2023», «08.09-14.09» (no year: the school
year's), «25.12–31.12.2023», «с 08.09.2025 по 14.09.2025», «25–31 декабря 2023»,
«30 октября – 5 ноября 2023», an Excel date, or a bare date serial (45285).
"""

from __future__ import annotations

import datetime as dt
import re

from .cells import CellError
from .text import normalize

EXCEL_EPOCH = dt.date(1899, 12, 30)
SERIALS = (36526, 73051)  # 01.01.2000 – 01.01.2100: a number in a week header outside this is no date
# Month names by their first three letters (any case form: «сентябрь», «сентября», «мае»).
MONTHS = {
    "янв": 1, "фев": 2, "мар": 3, "апр": 4, "май": 5, "мая": 5, "мае": 5, "июн": 6,
    "июл": 7, "авг": 8, "сен": 9, "окт": 10, "ноя": 11, "дек": 12,
}  # fmt: skip


def month_number(word: str) -> int | None:
    """1–12 for a Russian month name in any form (normalised text), else None."""
    return MONTHS.get(word[:3])


_MONTH_LABEL = re.compile(r"^([а-яё]+)\.?(?:\s+(\d{4})(?:\s*г\.?)?)?$")


def month_label(value: object) -> tuple[int, int | None] | None:
    """(month, year or None) of a header naming a month alone: «Ноябрь», «ноябрь 2023 г.»; else None."""
    if not isinstance(value, str):
        return None
    found = _MONTH_LABEL.match(" ".join(value.casefold().split()))
    if not found or month_number(found.group(1)) is None or len(found.group(1)) < 3:
        return None
    return month_number(found.group(1)), int(found.group(2)) if found.group(2) else None


_TO = r"\s*(?:[-\u2010-\u2015\u2212]|по)\s*"
_YEAR = r"(?:\.(\d{4}|\d{2}))?(?:\s*г\.?)?"
_NUMERIC = re.compile(rf"^(?:с\s*)?(\d{{1,2}})\.(\d{{1,2}}){_YEAR}(?:{_TO}(\d{{1,2}})\.(\d{{1,2}}){_YEAR})?$")
# «15–19.12», «с 6 по 12.10», «05–07.11.2025», «30–5.11»: the first day borrows its month (and year) from
# the second; a first day above the second is in the month before
_BORROWED = re.compile(rf"^(?:с\s*)?(\d{{1,2}}){_TO}(\d{{1,2}})\.(\d{{1,2}}){_YEAR}$")
_WORDS = re.compile(
    r"^(?:с\s*)?(\d{1,2})(?:\s+([а-я]+))?(?:\s+(\d{4}))?"
    rf"(?:{_TO}(\d{{1,2}})\s+([а-я]+))?(?:\s+(\d{{4}}))?(?:\s*(?:г\.?|года))?$"
)
_ISO = re.compile(r"^(\d{4})-(\d{2})-(\d{2})(?:[ T]00:00(?::00)?)?$")
# «5 неделя», «5-я неделя», «Неделя 5», «неделя № 5», «нед. 5»: a number, read only with its numbering told
_NUMBERED = re.compile(r"^(?:(\d{1,2})\s*(?:-?\s*я)?\s*(?:неделя|нед\.?)|(?:неделя|нед\.?)\s*(?:№\s*)?(\d{1,2}))$")
_PREFIX = re.compile(r"^(?:неделя|нед\.?)\s*(?=\d{1,2}[.\s])")  # «Неделя 10.11»: the date after the word
LABEL_FORMS = "04.09.2023, 04.09.2023–10.09.2023, 04.09–10.09, «с 04.09.2023 по 10.09.2023», «4–10 сентября 2023»"


def looks_like_week(value: object) -> bool:
    """Could this header name a week?  (Then a failure to read it is an error, not a column to skip.)"""
    if isinstance(value, dt.date | int | float) and not isinstance(value, bool):
        return True
    return isinstance(value, str) and any(ch.isdigit() for ch in value)


def week_number(value: object) -> int | None:
    """The number of «5 неделя» / «Неделя 5», else None (a date label, or no label at all)."""
    if not isinstance(value, str):
        return None
    found = _NUMBERED.match(normalize(value))
    return int(found[1] or found[2]) if found else None


def read_week_label(value: object, years: tuple[int, int]) -> tuple[dt.date, dt.date]:
    """(first day, last day) of a label; ``years`` are the school year's two calendar years,
    for labels typed without one (August–December: the first, January–July: the second)."""
    if isinstance(value, dt.datetime):
        return value.date(), value.date()
    if isinstance(value, dt.date):
        return value, value
    if isinstance(value, int | float) and not isinstance(value, bool):
        return _serial(value), _serial(value)
    text = _PREFIX.sub("", normalize(value).replace("\u2009", " "))
    iso = _ISO.match(text)
    if iso:
        day = _day(int(iso[1]), int(iso[2]), int(iso[3]))
        return day, day
    borrowed = _BORROWED.match(text)
    if borrowed:
        d1, d2, m2, y2 = int(borrowed[1]), int(borrowed[2]), int(borrowed[3]), borrowed[4]
        end = _day(_year(y2, m2, years), m2, d2)
        first_month = end.replace(day=1) if d1 <= d2 else end.replace(day=1) - dt.timedelta(days=1)
        return _day(first_month.year, first_month.month, d1), end
    numeric = _NUMERIC.match(text)
    if numeric:
        d1, m1, y1, d2, m2, y2 = numeric.groups()
        if d2 is None:
            day = _day(_year(y1, int(m1), years), int(m1), int(d1))
            return day, day
        return _span(int(d1), int(m1), y1, int(d2), int(m2), y2, years)
    words = _WORDS.match(text)
    if words and (words[2] or words[5]):
        d1, month1, y1, d2, month2, y2 = words.groups()
        if d2 is None:  # «4 сентября 2023»
            m = _month(month1)
            day = _day(_year(y1 or y2, m, years), m, int(d1))
            return day, day
        m2 = _month(month2)
        m1 = _month(month1) if month1 else m2
        return _span(int(d1), m1, y1, int(d2), m2, y2, years)
    raise CellError(f"не распознана неделя; ожидается, например: {LABEL_FORMS}")


def _serial(number: float) -> dt.date:
    if not (SERIALS[0] <= number < SERIALS[1]) or number != int(number):
        raise CellError(f"число не похоже на дату; ожидается, например: {LABEL_FORMS}")
    return EXCEL_EPOCH + dt.timedelta(days=int(number))


def _month(word: str) -> int:
    month = month_number(word)
    if month is None:
        raise CellError(f"не распознан месяц «{word}»")
    return month


def _year(typed: str | None, month: int, years: tuple[int, int]) -> int:
    if typed is None:
        return years[0] if month >= 8 else years[1]
    return int(typed) + (2000 if len(typed) == 2 else 0)


def _span(d1, m1, y1, d2, m2, y2, years) -> tuple[dt.date, dt.date]:
    """A range: a year typed on one end serves both (December–January crosses it)."""
    if y1 is None and y2 is not None:
        end_year = _year(y2, m2, years)
        start = _day(end_year - (1 if m1 > m2 else 0), m1, d1)
        return start, _day(end_year, m2, d2)
    start = _day(_year(y1, m1, years), m1, d1)
    end_year = _year(y2, m2, years) if y2 is not None else start.year + (1 if m2 < m1 else 0)
    return start, _day(end_year, m2, d2)


def _day(year: int, month: int, day: int) -> dt.date:
    try:
        return dt.date(year, month, day)
    except ValueError:
        raise CellError("такой даты нет в календаре") from None


def borrows_month(value: str) -> bool:
    """Whether a label's first day takes its month from the second («15–19.12»)."""
    return bool(_BORROWED.match(_PREFIX.sub("", normalize(value).replace("\u2009", " "))))
