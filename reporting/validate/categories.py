"""Cells that become a value or a reported problem: staff categories and dates."""

from __future__ import annotations

from functools import lru_cache

from ..inputs import ADMINISTRATION, TEACHERS
from ..read.cells import CellError, is_empty, parse_date
from ..read.text import normalize

_SPELLINGS = {
    TEACHERS: (
        "педагогический работник", "педагогические работники", "педагог", "педагоги",
        "учитель", "учителя", "педагогический персонал",
    ),
    ADMINISTRATION: (
        "администрация", "управленческий персонал", "управленческие кадры", "управление",
        "административный персонал", "администратор", "администраторы",
    ),
}  # fmt: skip
_LOOKUP = {normalize(s): category for category, names in _SPELLINGS.items() for s in names}
ACCEPTED = "«педагогический работник» (или «педагог», «учитель») либо «администрация» (или «управленческий персонал», «управленческие кадры», «управление»)"


@lru_cache(maxsize=256)
def _category(text: str) -> str | None:
    return _LOOKUP.get(normalize(text).strip(" ."))


def category_of(value: object) -> str | None:
    """A roster holds a handful of distinct spellings: each is normalised once."""
    return _category(str(value))


def checked_category(value: object, report) -> str | None:
    """The category, or None after ``report(kind, message, value=, hint=)`` said why."""
    category = category_of(value or "")
    if category is None:
        report("unknown_category", "неизвестная категория", value=value, hint=f"Допустимо: {ACCEPTED}")
    return category


def checked_date(value: object, report, required: bool = False):
    """The date, or None (after ``report(kind, message, …)`` when it is wrong or missing)."""
    if is_empty(value):
        if required:
            report("missing_value", "не заполнена дата")
        return None
    try:
        return parse_date(value)
    except CellError as exc:
        report("bad_date", str(exc), value=value)
        return None
