"""Staff categories and their spellings (singular or plural, any case)."""

from __future__ import annotations

from functools import lru_cache

from ..inputs import ADMINISTRATION, TEACHERS
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
