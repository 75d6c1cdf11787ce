"""ФИО kept in three columns («Фамилия», «Имя», «Отчество»), as HR exports and e-journals give it:
joined into one «ФИО» column the readers know, appended after the sheet's last column."""

from __future__ import annotations

from ..errors import Problems
from .refs import column_letters
from .text import clean, header_key

PARTS = (("фамилия",), ("имя",), ("отчество",))
WHOLE = ("фио", "ф.и.о.", "фамилия, имя, отчество", "фамилия имя отчество", "сотрудник")
SEARCH_ROWS = 30


def join_split_names(rows: list[list[object]], file: str, sheet: str, problems: Problems) -> list[list[object]]:
    """``rows`` with a «ФИО» column appended where a header row has «Фамилия» and «Имя» (and maybe
    «Отчество») and no ФИО of its own; the rows as they were otherwise."""
    for index, values in enumerate(rows[:SEARCH_ROWS]):
        keys = [header_key(v) if isinstance(v, str) else "" for v in values]
        if any(k in WHOLE for k in keys):
            return rows
        found = [next((c for c, k in enumerate(keys) if k in names), None) for names in PARTS]
        if found[0] is None or found[1] is None:
            continue
        columns = [c for c in found if c is not None]
        width = max(len(r) for r in rows[index : index + 1] + rows[index + 1 :]) if rows else 0
        joined = [list(r) for r in rows[:index]]
        joined.append([*values, *[""] * (width - len(values)), "ФИО"])
        for row in rows[index + 1 :]:
            parts = [clean(row[c]) for c in columns if c < len(row) and isinstance(row[c], str) and clean(row[c])]
            joined.append([*row, *[""] * (width - len(row)), " ".join(parts)])
        problems.note(
            file,
            "ФИО собраны из столбцов " + ", ".join(f"«{clean(values[c])}» ({column_letters(c)})" for c in columns)
            + f"; в сообщениях это столбец «ФИО» ({column_letters(width)}), справа от таблицы",
            sheet,
        )  # fmt: skip
        return joined
    return rows


def joined_columns(table) -> set[int]:
    """The «Фамилия», «Имя», «Отчество» columns of a table whose «ФИО» was joined from them (appended
    last): read, through that column."""
    name = table.columns.get("name")
    if name is None or name != len(table.headers) - 1 or table.headers[name] != "ФИО":
        return set()
    keys = [header_key(v) if isinstance(v, str) else "" for v in table.headers]
    return {c for names in PARTS for c, k in enumerate(keys) if k in names}
