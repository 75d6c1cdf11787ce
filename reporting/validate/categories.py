"""Staff categories and their spellings (singular or plural, any case)."""

from __future__ import annotations

import re
from functools import lru_cache

from ..inputs import ADMINISTRATION, ALL, OTHER, PARENTS, PUPILS, TEACHERS, connected
from ..read.text import normalize

# As rosters, HR and statistical forms (ОО-1, ОО-2) write them.
_SPELLINGS = {
    TEACHERS: (
        "педагогический работник", "педагогические работники", "педагог", "педагоги",
        "учитель", "учителя", "педагогический персонал", "педагогические кадры",
        "специалист", "специалисты", "педагог-психолог", "учитель-логопед", "учитель-дефектолог",
        "социальный педагог", "педагог дополнительного образования", "педагог-организатор",
        "воспитатель", "воспитатели", "тьютор", "советник директора по воспитанию",
    ),
    ADMINISTRATION: (
        "администрация", "управленческий персонал", "управленческие кадры", "управление",
        "административный персонал", "администратор", "администраторы",
        "руководящий работник", "руководящие работники", "руководитель", "руководители",
        "административно-управленческий персонал", "ауп", "заместитель руководителя",
        "заместители руководителя", "заместитель директора", "заместители директора",
    ),
    OTHER: (
        "прочий персонал", "учебно-вспомогательный персонал", "увп", "обслуживающий персонал",
        "младший обслуживающий персонал", "моп", "технический персонал", "иные работники", "прочие",
    ),
}  # fmt: skip
# Groups with no roster: measured by counts (the «Охват» sheet) only.
_COUNTED_GROUPS = {
    PARENTS: ("родители", "родитель", "родители (законные представители)", "законные представители",
              "родители обучающихся", "родители и законные представители"),
    PUPILS: ("обучающиеся", "обучающийся", "учащиеся", "учащийся", "ученики", "школьники", "дети",
             "воспитанники", "студенты"),
}  # fmt: skip
_GROUP_LOOKUP = {normalize(s): group for group, names in _COUNTED_GROUPS.items() for s in names}
_ALL = ("все работники", "все сотрудники", "работники", "сотрудники", "весь персонал", "все")
_LOOKUP = {normalize(s): category for category, names in _SPELLINGS.items() for s in names}
ACCEPTED = (
    "«педагогический работник» (или «педагог», «учитель», «специалисты»), «администрация» (или "
    "«руководящие работники», «АУП», «заместитель директора») либо «прочий персонал» (или "
    "«учебно-вспомогательный персонал», «обслуживающий персонал»)"
)


# «родители, подключённые к чатам», «обучающиеся (подключены)»: a group's «connected» key (the weekly
# return writes its groups so, and the district reads them back)
_CONNECTED = re.compile(r"\s*(?:,\s*|\()\s*подключ[её]нн?ые(?:\s+к\s+чатам)?\)?$|\s*\(подключены\)$")


@lru_cache(maxsize=256)
def _category(text: str, indicator: bool) -> str | None:
    words = normalize(text).strip(" .").replace(" - ", "-")
    if indicator and _CONNECTED.search(words):
        found = _category(_CONNECTED.sub("", words), indicator)
        return connected(found) if found else None
    if indicator and words in _ALL:
        return ALL
    if indicator and words in _GROUP_LOOKUP:
        return _GROUP_LOOKUP[words]
    found = _LOOKUP.get(words)
    if found is None and "(" in words:  # «Специалисты (педагог-психолог)»: the head word decides
        head = words.split("(", 1)[0].strip(" .,")
        found = _LOOKUP.get(head) if head else None
    return found


def category_of(value: object, indicator: bool = False) -> str | None:
    """A roster holds a handful of distinct spellings: each is normalised once.  An indicator
    may also name every category at once («все работники»)."""
    return _category(str(value), indicator)


def category_column(table) -> tuple[str, str] | None:
    """The column that holds categories under another header (most of its cells read as one), as
    (letter, header): what the layout.toml line that maps it says."""
    from ..read.refs import column_letters
    from ..read.text import blank, clean

    best = None
    for index, header in enumerate(table.headers):
        if index in table.columns.values() or blank(header):
            continue
        cells = [
            row.values[index] for row in table.rows[:200] if index < len(row.values) and not blank(row.values[index])
        ]
        read = sum(1 for cell in cells if isinstance(cell, str) and category_of(cell) is not None)
        if cells and read * 2 > len(cells) and (best is None or read > best[0]):
            best = (read, column_letters(index), clean(header))
    return best[1:] if best else None
