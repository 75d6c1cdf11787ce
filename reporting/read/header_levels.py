"""The rows a weekly sheet's header takes, composed into one row of labels (issue 30, point 1): a week
row over sub-columns (platforms, days, measures), a month row over the weeks (a month over day
numbers gives each column its date), months over weeks over sub-columns, and a totals label one
level up. ``table.build_table`` reads the table under what this composes; ``layout.reading``
checks layout.toml against the same composition, which is what describe --write recorded."""

from __future__ import annotations

from .subcolumns import SHARE_WORDS, SUM_WORDS, padded, platform_split
from .text import blank, clean
from .weeks import looks_like_week, month_label


def _two_row_header(rows: list[list[object]], index: int, known: set[int]):
    """A header row over a second one: «ФИО» above, the weeks below (under merged month names).
    Returns the merged header, or None when the next row is data (it names someone)."""
    if index + 1 >= len(rows):
        return None
    top, below = list(rows[index]), rows[index + 1]
    if any(c < len(below) and not blank(below[c]) for c in known):
        return None
    top += [""] * (len(below) - len(top))
    used, month = False, None  # the month a merged month header spreads over the columns after it
    for column, value in enumerate(below):
        above = top[column]
        if column in known or not blank(above):
            month = month_label(above) if column not in known else None
        if column not in known and not blank(value) and (blank(above) or month_label(above)):
            day = _day_number(value)
            # a day number under its month: the date, its year from the month's label or the school year
            top[column] = f"{day:02d}.{month[0]:02d}" + (f".{month[1]}" if month[1] else "") if (
                day and month) else value  # fmt: skip
            used = True
    return top if used else None


def composed_headers(spec, rows: list[list[object]], index: int, known: set[int], subroles=None) -> list[object]:
    """The header row as the table reads it: the weeks carried over their sub-columns (a sum's or a
    measure's labelled «Всего (06.11.2023)»), the weeks under their months — what describe --write
    records, so that layout.toml is checked against the same words."""
    merged, _, _ = header_levels(spec, rows, index, known, subroles)
    return merged or list(rows[index])


def header_levels(spec, rows: list[list[object]], index: int, known: set[int], subroles=None):
    """(the composed header or None, the sub-columns' split or None, how many rows the header takes):
    weeks over sub-columns (2), a month over the weeks (2), or months over weeks over sub-columns (3)."""
    if not spec.open_columns:
        return None, None, 1
    weeks = _month_over_weeks(rows, index, known)
    if weeks is not None:  # a third level: the weeks' own row stands between the months and the sub-columns
        split = platform_split([weeks, rows[index + 2]], 0, known, subroles)
        if split:
            return split.headers, split, 3
    split = platform_split(rows, index, known, subroles)
    if split:
        return split.headers, split, 2
    merged = _two_row_header(rows, index, known)
    return merged, None, 2 if merged else 1


def _month_over_weeks(rows: list[list[object]], index: int, known: set[int]) -> list[object] | None:
    """A row of months (merged over their weeks) over a row of week labels, over a third row: the week
    row, with the known fields' headers from the row above, as the header the sub-columns hang from."""
    if index + 2 >= len(rows):
        return None
    top, weeks = padded(rows[index], rows[index + 1])
    width = len(top)
    if any(not blank(weeks[c]) for c in known if c < width):
        return None
    labels = [c for c in range(width) if c not in known and not blank(weeks[c])]
    if not labels or not all(looks_like_week(weeks[c]) and not month_label(weeks[c]) for c in labels):
        return None
    first = min(labels)  # the people's fields stand left of the weeks («Фамилия», «Имя» of a split ФИО too)
    totals = {c for c in range(first, width) if is_total_header(top[c]) and blank(weeks[c])}
    months = [c for c in range(first, width) if c not in known and c not in totals and not blank(top[c])]
    if not months or not all(month_label(top[c]) for c in months):
        return None
    return [top[c] if c in known or c in totals or c < first else weeks[c] for c in range(width)]


def is_total_header(header: object) -> bool:
    """«Итого», «Всего за четверть», «Доля написавших, %», «Охват»: a column of sums or shares, not a week."""
    return isinstance(header, str) and clean(header).casefold().startswith((*SUM_WORDS, *SHARE_WORDS, "среднее"))


def totals_from_above(rows: list[list[object]], index: int, headers: list[object]) -> list[object] | None:
    """A totals column labelled one level up («Итого за четверть» beside the months, over a blank cell
    of the weeks' row): the label is its header, so that it is read as a sum, never as an unlabelled
    column of numbers."""
    if index == 0:
        return None
    above, found = rows[index - 1], list(headers)
    for column, value in enumerate(above[: len(found)]):
        if blank(found[column]) and is_total_header(value):
            found[column] = value
    return found if found != list(headers) else None


def _day_number(value: object) -> int | None:
    """A day of the month as a header gives it: 6, «06», «6.»."""
    if isinstance(value, int | float) and not isinstance(value, bool) and float(value).is_integer():
        return int(value) if 1 <= value <= 31 else None
    text = clean(value).rstrip(".") if isinstance(value, str) else ""
    return int(text) if text.isdigit() and 1 <= int(text) <= 31 else None
