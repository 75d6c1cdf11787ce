"""The ``--letter`` option: the number and date of the covering letter."""

from __future__ import annotations

import re

from ..errors import InputError, Problem
from ..inputs import Letter
from ..read.cells import CellError, parse_date
from ..read.text import clean

_NUMBER_FIRST = re.compile(r"^№\s*(?P<number>\S+)\s+от\s+(?P<date>\S+)$")
_DATE_FIRST = re.compile(r"^от\s+(?P<date>\S+)\s+№\s*(?P<number>\S+)$")


def parse_letter(text: str) -> Letter | None:
    if not text.strip():
        return None
    words = clean(text).removesuffix(" г.").replace("г. №", "№")
    match = _NUMBER_FIRST.match(words) or _DATE_FIRST.match(words)
    try:
        if match:
            return Letter(match["number"], parse_date(match["date"].removesuffix("г.")))
    except CellError:
        pass
    raise InputError(
        [
            Problem(
                "bad_option",
                "--letter",
                "не удалось прочитать реквизиты письма",
                value=text,
                hint="Пишите так: «№ 01-12/345 от 15.01.2024»",
            )  # fmt: skip
        ]
    )
