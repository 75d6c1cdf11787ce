"""Names as platforms and forms write them: «Иванова Анна», «Иванова А.П.», «Иванова А. П.».

A platform's export often drops the patronymic or writes initials; the roster
has the full ФИО.  Such a name matches a roster person when the surname is the
same and every further word agrees — the same word, or its initial — and
exactly one person fits.  Two or more fitting is an error naming them.
"""

from __future__ import annotations

import re

from ..inputs import Person
from ..read.text import normalize

_WORDS = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*")  # «Салтыков-Щедрин», initials without their dots


def words(name: str) -> list[str]:
    return _WORDS.findall(normalize(name))


def _agree(short: list[str], full: list[str]) -> bool:
    for a, b in zip(short, full, strict=False):
        if a != b and not ((len(a) == 1 and b.startswith(a)) or (len(b) == 1 and a.startswith(b))):
            return False
    return True


class ShortNames:
    """Roster people by surname, for names written without a patronymic or with initials."""

    def __init__(self, people: list[Person]):
        self.by_surname: dict[str, list[tuple[list[str], Person]]] = {}
        for person in people:
            found = words(person.name)
            if found:
                self.by_surname.setdefault(found[0], []).append((found, person))

    def candidates(self, name: object) -> list[Person]:
        wanted = words(str(name))
        if len(wanted) < 2:  # a surname alone says too little
            return []
        return [person for found, person in self.by_surname.get(wanted[0], []) if _agree(wanted[1:], found[1:])]
