"""One person in two posts (внутреннее совместительство): two roster rows of one person, one row
per post, each with its own category. She is one person with two categories — never a second
person with no messages of her own."""

from __future__ import annotations

import dataclasses

from ..errors import Problems
from ..inputs import ADMINISTRATION, OTHER, TEACHERS, Person
from ..read.table import Table
from ..read.text import normalize
from .categories import category_of

CATEGORY_WORDS = {TEACHERS: "педагогический работник", ADMINISTRATION: "администрация", OTHER: "прочий персонал"}


class SecondPosts:
    """The roster rows that add a post to a person already read (same key, another category)."""

    def __init__(self) -> None:
        self.index: dict[str, tuple[int, int]] = {}  # key -> (the person's index, her first row)
        self.found: dict[int, list[int]] = {}  # the person's index -> her rows

    def first(self, key: str, index: int, row: int) -> None:
        self.index[key] = (index, row)

    def second(self, key: str, name: str, category: object, row: int, people: list[Person]) -> bool:
        """True when the row is another post of the person under ``key`` (``people`` updated):
        the same name, and a category she does not hold yet. False: a plain repeat."""
        if key not in self.index:
            return False
        index, first_row = self.index[key]
        person = people[index]
        if not isinstance(category, str) or category not in CATEGORY_WORDS:
            category = category_of(category) if isinstance(category, str) else None
        if category is None or normalize(name) != normalize(person.name):
            return False
        if category == person.category or category in person.other_posts:
            return False
        people[index] = dataclasses.replace(person, other_posts=(*person.other_posts, category))
        self.found.setdefault(index, [first_row]).append(row)
        return True

    def note(self, table: Table, people: list[Person], problems: Problems) -> None:
        if not self.found:
            return
        shown = []
        for index, rows in list(self.found.items())[:10]:
            person = people[index]
            posts = " и ".join(CATEGORY_WORDS[c] for c in (person.category, *person.other_posts))
            shown.append(f"«{person.name}» (строки {', '.join(map(str, rows))}) — {posts}")
        more = f" и ещё {len(self.found) - 10}" if len(self.found) > 10 else ""
        problems.note(
            table.file,
            "один сотрудник на нескольких должностях (внутреннее совместительство): " + "; ".join(shown) + more
            + ". Его строка мониторинга учтена в показателе каждой его категории, а в показателе по всем "
            "работникам — один раз",
            table.sheet,
        )  # fmt: skip
