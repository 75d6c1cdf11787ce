"""The shortcuts a region's 100 000 rows take (issue 22) give what the full way gives: a clean name
is returned as it is, any space a strip removes still opens a «Итого», a personnel number found
by the cell as calamine gives it is the person key_text finds, and the rest falls through."""

from __future__ import annotations

import pytest

from reporting.inputs import Person
from reporting.read.cells import key_text
from reporting.read.text import clean
from reporting.validate.roster import PeopleIndex, is_total_text


@pytest.mark.parametrize(
    ("typed", "shown"),
    [
        ("Иванова Анна Петровна", "Иванова Анна Петровна"),  # the shortcut
        (" Иванова  Анна ", "Иванова Анна"),
        ("Иванова\u00a0Анна", "Иванова Анна"),
        ("Иванова\tАнна", "Иванова Анна"),
        ("\u3000Иванова", "Иванова"),
        ("Иванова\u202eАнна", "ИвановаАнна"),  # a bidi control is dropped
        ("Семе\u0308нова", "Семёнова"),  # «ё» typed as «е» and a combining diaeresis: NFC
        (2004, "2004"),
    ],
)
def test_clean_gives_what_it_gave(typed, shown):
    assert clean(typed) == shown


@pytest.mark.parametrize(
    ("text", "total"),
    [
        ("Итого", True),
        ("ВСЕГО по школе", True),
        ("  Всего:", True),
        ("\u3000Итого", True),  # an ideographic space, which a strip removes too
        ("\u2029Итого", True),
        ("Доля написавших, %", True),
        ("Доля Анна Ивановна", False),  # «Доля» is a surname too
        ("Иванова Анна", False),
        ("Петров Илья", False),
        ("Семёнова", False),
        (12.0, False),
        (None, False),
    ],
)
def test_a_total_row_is_seen_whatever_space_opens_it(text, total):
    assert is_total_text(text) is total


def _person(number: str) -> Person:
    return Person(key=f"#{number}", name=f"Сотрудник {number}", category="teachers", personnel_number=number)


@pytest.mark.parametrize(
    "cell",
    [2004.0, 2004, "2004", " 2004 ", "2004.0", "А-12", 12345678901234567.0, 123.0, "0123", 0.0, 1e20, 2004.5, None, ""],
)
def test_a_number_cell_finds_the_person_key_text_finds(cell):
    people = [_person(n) for n in ("2004", "А-12", "0123", "0", "12345678901234567", "100000000000000000000")]
    index = PeopleIndex(people, by_number=True)
    expected = None if cell in (None, "") else index.numbers.get(key_text(cell))
    assert index.known(None, cell) is expected
    # by hand: 2004.0, 2004, «2004» and « 2004 » are one person; «0123» is not 123; a float past 15 digits
    # is looked up by its text, never by a rounded float
    if cell in (2004.0, 2004, "2004", " 2004 "):
        assert index.known(None, cell).personnel_number == "2004"
    if cell == 123.0:
        assert index.known(None, cell) is None
