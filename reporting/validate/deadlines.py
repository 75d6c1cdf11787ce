"""Read a «Срок» the way people write it into a start and a due date."""

from __future__ import annotations

import calendar
import datetime as dt
import re

from ..inputs import Deadline, School
from ..read.cells import CellError, parse_date
from ..read.text import clean, normalize
from ..read.weeks import month_number

ACCEPTED_FORMS = (
    "«Август 2023», «Сентябрь 2023 – май 2024», «сентябрь – декабрь 2023», "
    "«до 30.12.2023», «до мая 2024», «30.12.2023», «01.09.2023 – 30.12.2023», "
    "«2 четверть» (или «2 триместр», «3 модуль», «1 полугодие», как делится учебный год), «ежеквартально», «еженедельно», «ежемесячно», «в течение учебного года», «постоянно»"
)
# Periodic activities run the whole school year («выполняется» while it runs).
_WHOLE_YEAR = {
    "ежеквартально", "в течение учебного года", "в течение года", "постоянно", "еженедельно", "ежемесячно",
    "ежедневно", "систематически", "регулярно", "в течение всего периода",
}  # fmt: skip
_DASH = r"\s*[-\u2010-\u2015\u2212]\s*"
_YEAR_TAIL = re.compile(r"\s*(г\.|г|года|год)\s*$")
_MONTH = r"([а-я]+)(?:\s+(\d{4}))?"
_MONTH_RANGE = re.compile(rf"^{_MONTH}(?:{_DASH}{_MONTH})?$")
# «2 четверть», «II четверти», «по итогам 2-го триместра», «3 модуль», «1 полугодие»
_PERIOD = re.compile(
    r"^(?:по итогам\s+)?([1-6]|i{1,3}|iv|vi?)\s*(?:-?(?:я|й|го|е)\s*)?"
    r"(четверт[ьи]|триместр[аеы]?|модул[ьяе]|полугоди[еяи])$"
)
_ROMAN = {"i": 1, "ii": 2, "iii": 3, "iv": 4, "v": 5, "vi": 6}
_PERIOD_WORDS = {"четверт": "четверть", "триместр": "триместр", "модул": "модуль", "полугоди": "полугодие"}


class DeadlineError(ValueError):
    pass


def parse_deadline(value: object, school: School) -> Deadline:
    """Raise ``DeadlineError`` for wording outside ``ACCEPTED_FORMS``."""
    text = clean(value) if not isinstance(value, dt.date) else value.strftime("%d.%m.%Y")
    if isinstance(value, dt.date):
        return Deadline(text, None, parse_date(value))
    words = normalize(text).strip(" .")
    if words in _WHOLE_YEAR:
        return Deadline(text, school.quarters[0][0], school.quarters[-1][1])
    words = _YEAR_TAIL.sub("", words).strip(" .")  # «Август 2023 г.», «… 2023 года»
    period = _PERIOD.match(words)
    if period:
        start, end = _period_dates(period, school)
        return Deadline(text, start, end)
    if words.startswith("до "):
        return Deadline(text, None, _single_due(words[3:].strip()))
    try:
        start, due = _span(words)
    except (CellError, DeadlineError, ValueError):
        raise DeadlineError(f"не удалось прочитать срок; допустимые формы: {ACCEPTED_FORMS}") from None
    return Deadline(text, start, due)


def _period_dates(found: re.Match, school: School) -> tuple[dt.date, dt.date]:
    """A period the school's year has: «2 триместр» in a trimester school.  «2 четверть» in a trimester
    school fits two readings (the quarter of the calendar, the school's second trimester): refused."""
    number = int(found.group(1)) if found.group(1).isdigit() else _ROMAN[found.group(1)]
    named = next(kind for stem, kind in _PERIOD_WORDS.items() if found.group(2).startswith(stem))
    kind = school.kind
    if named == "полугодие" and kind.name == "четверть" and number <= 2:  # a half-year is two quarters
        return school.quarters[2 * number - 2][0], school.quarters[2 * number - 1][1]
    if named != kind.name:
        raise DeadlineError(f"срок назван по периоду «{named}», а учебный год школы делится на {kind.plural} "
                            f"(school.toml, [school_year] kind): какой это срок, не ясно; напишите его датами "
                            f"(«01.09.2025 – 28.11.2025») или как «{kind.numbered(number)}»")  # fmt: skip
    if number > len(school.quarters):
        raise DeadlineError(f"в учебном году школы нет {kind.of_numbered(number)}: их {len(school.quarters)}")
    return school.quarters[number - 1]


def _single_due(words: str) -> dt.date:
    try:
        return parse_date(words)
    except CellError:
        pass
    match = _MONTH_RANGE.match(_YEAR_TAIL.sub("", words))
    if match and match.group(2) and not match.group(3):
        return _month_bounds(match.group(1), int(match.group(2)))[1]
    raise DeadlineError(f"не удалось прочитать срок; допустимые формы: {ACCEPTED_FORMS}")


def _span(words: str) -> tuple[dt.date | None, dt.date]:
    """A date, a date range, a month or a month range."""
    if re.match(r"^\d", words):
        parts = re.split(_DASH, words, maxsplit=1)
        if len(parts) == 1:
            return None, parse_date(parts[0])
        return parse_date(parts[0]), parse_date(_YEAR_TAIL.sub("", parts[1]))
    match = _MONTH_RANGE.match(words)
    if not match:
        raise DeadlineError(words)
    first_month, first_year, last_month, last_year = match.groups()
    if last_month is None:
        if first_year is None:
            raise DeadlineError(words)
        return _month_bounds(first_month, int(first_year))
    if last_year is None:
        raise DeadlineError(words)
    end = _month_bounds(last_month, int(last_year))[1]
    if first_year is None:
        first_year = int(last_year) - (1 if _month(first_month) > end.month else 0)
    start = _month_bounds(first_month, int(first_year))[0]
    if start > end:
        raise DeadlineError(words)
    return start, end


def _month(word: str) -> int:
    number = month_number(word)
    if number is None:
        raise DeadlineError(word)
    return number


def _month_bounds(word: str, year: int) -> tuple[dt.date, dt.date]:
    month = _month(word)
    return dt.date(year, month, 1), dt.date(year, month, calendar.monthrange(year, month)[1])
