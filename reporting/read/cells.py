"""Cell values as people type them: dates, whole numbers, empty markers."""

from __future__ import annotations

import datetime as dt
import re

from .text import clean

EMPTY_MARKERS = {"", "-", "—", "–"}

_DMY = re.compile(r"^(\d{1,2})\.(\d{1,2})\.(\d{2}|\d{4})(?:\s*г\.?)?$")
_ISO = re.compile(r"^(\d{4})-(\d{2})-(\d{2})(?:[ T]00:00(?::00)?)?$")


class CellError(ValueError):
    """A cell value that cannot be read as the expected kind."""


class FormulaError(str):
    """A cell whose formula ended in an error (#DIV/0!, #N/A): its text, known for what it is."""


def is_empty(value: object) -> bool:
    # str.strip() drops NBSP too; inner spaces do not matter for a one-character marker.
    return value is None or (isinstance(value, str) and value.strip() in EMPTY_MARKERS)


def parse_date(value: object) -> dt.date:
    """An Excel date, ``29.12.2023``, ``29.12.23`` or ``2023-12-29``."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        text = clean(value)
        match = _DMY.match(text)
        try:
            if match:
                day, month, year = (int(g) for g in match.groups())
                if year < 100:
                    year += 2000
                return dt.date(year, month, day)
            match = _ISO.match(text)
            if match:
                return dt.date(*(int(g) for g in match.groups()))
        except ValueError as exc:
            raise CellError("такой даты нет в календаре") from exc
    raise CellError("не распознана дата; ожидается дата вида 29.12.2023")


MAX_COUNT = 1_000_000  # messages a week: anything above is a typing slip, and would overflow the arrays


# «8 сообщ.», «12 сообщений», «3 шт.», «2 звонка»: a count typed with its unit (the unit is dropped, and said)
UNIT = re.compile(r"\s*(?:сообщ[а-яё]*|смс|sms|шт|звон[а-яё]*|зв)\.?$", re.IGNORECASE)


def parse_count(value: object, of: str = "сообщений") -> int:
    """A whole number ≥ 0 given as a number or as text; ``of`` names what is counted, for the message."""
    if isinstance(value, bool):
        raise CellError(f"в ячейке логическое значение (ИСТИНА/ЛОЖЬ), а не число {of}")
    if isinstance(value, FormulaError):
        raise CellError(f"в ячейке ошибка формулы «{value}», а не число {of}")
    if isinstance(value, str):
        text = clean(value)
        if text[:1].isdigit():
            text = UNIT.sub("", text)
        text = text.replace(" ", "")
        if not re.fullmatch(r"[+-]?\d+(?:[.,]\d+)?", text):  # words («осенние каникулы»): text, never a number
            raise CellError(f"ожидается целое число {of}, а в ячейке текст")
        if len(text) > 12:  # int() of thousands of digits is refused, or slow
            raise CellError(f"слишком большое число: больше {MAX_COUNT:,}".replace(",", " "))
        if re.fullmatch(r"[+-]?\d+", text):
            value = int(text)
        elif re.fullmatch(r"[+-]?\d+[.,]\d+", text):
            value = float(text.replace(",", "."))
        else:
            raise CellError(f"ожидается целое число {of}")
    if isinstance(value, float):
        if not value.is_integer():
            raise CellError(f"число {of} должно быть целым")
        value = int(value)
    if not isinstance(value, int):
        raise CellError(f"ожидается целое число {of}")
    if value < 0:
        raise CellError(f"число {of} не может быть отрицательным")
    if value > MAX_COUNT:
        raise CellError(f"слишком большое число: больше {MAX_COUNT:,}".replace(",", " "))
    return value


def key_text(value: object) -> str:
    """An identifier cell as text: ``1000``, ``1000.0`` and ``"1000"`` agree."""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    text = clean(value)
    if re.fullmatch(r"\d+[.,]0+", text):
        return text.split(".")[0].split(",")[0]
    return text
