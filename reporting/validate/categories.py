"""Staff categories and their spellings (singular or plural, any case)."""

from __future__ import annotations

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


def category_of(value: object) -> str | None:
    return _LOOKUP.get(normalize(value).strip(" ."))
