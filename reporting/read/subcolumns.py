"""Platform sub-columns under a merged week header, as schools kept them while moving to MAX:

    ФИО       | 04.09.2023–10.09.2023 |        | 11.09.2023–17.09.2023 |
              | Сферум                | MAX    | Сферум                | MAX
    Иванова   | 5                     | 7      | 10                    | 2

Each sub-column is the week's messages on that platform: they add up into the week, and the
platform breakdown is kept.  Sub-headers that name counts («Сообщений», «Звонков») are no platforms.
"""

from __future__ import annotations

from .text import blank, clean, header_key
from .weeks import looks_like_week

_NOT_PLATFORMS = ("сообщ", "звон", "итого", "всего", "кол-во", "количество")
_TOTALS = ("итого", "всего")


def platform_split(rows: list[list[object]], index: int, known: set[int]):
    """(headers with each week label carried over its sub-columns, column -> platform as written),
    or None when the header row is not a week row over platform sub-headers."""
    if index + 1 >= len(rows):
        return None
    top, below = list(rows[index]), list(rows[index + 1])
    width = max(len(top), len(below))
    top += [""] * (width - len(top))
    below += [""] * (width - len(below))
    if any(not blank(below[c]) for c in known if c < width):
        return None  # the next row is data
    groups: list[list[int]] = []
    for column in range(width):
        if column in known:
            groups.append([])
        elif not blank(top[column]) and looks_like_week(top[column]):
            groups.append([column])
        elif blank(top[column]) and groups and groups[-1]:
            groups[-1].append(column)
        else:
            groups.append([])
    weeks = [g for g in groups if g]
    if not weeks or not all(len(g) >= 2 for g in weeks):
        return None
    parts = {}
    for group in weeks:
        names = [below[c] for c in group]
        texts = [header_key(n) for n in names if isinstance(n, str)]
        if len(texts) != len(group) or any(  # one platform twice: the reader names the second
            not t or looks_like_week(t) or (t.startswith(_NOT_PLATFORMS) and not t.startswith(_TOTALS)) for t in texts
        ):  # fmt: skip
            return None
        for column, name in zip(group, names, strict=True):
            if header_key(name).startswith(_TOTALS):  # «Всего» beside the platforms: the week's sum, not read
                top[column] = f"{clean(name)} ({clean(top[group[0]])})"
                continue
            top[column] = top[group[0]]
            parts[column] = clean(name)
    return top, parts
