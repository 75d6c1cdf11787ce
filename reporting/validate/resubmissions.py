"""A form's answers (Google Forms, Яндекс Формы): one row per submission, with its time.

A person who sends the form again for the same week corrects the earlier answer: the latest
submission replaces the earlier ones, and the reading report names each replacement.  Without a
time column two rows of one person and week stay a located duplicate, as everywhere else.
"""

from __future__ import annotations

import datetime as dt

from ..errors import Problems
from ..read.table import Row, Table
from ..read.text import clean
from .problems import problem_at

SUBMITTED = ("Отметка времени", "Timestamp", "Время создания", "Время отправки", "Дата и время отправки",
             "Время ответа", "Дата и время заполнения")  # fmt: skip
EMAIL = ("Адрес электронной почты", "Электронная почта", "Email Address", "Email", "E-mail", "Почта")
_FORMATS = ("%d.%m.%Y %H:%M:%S", "%d.%m.%Y %H:%M", "%Y-%m-%d %H:%M:%S", "%Y-%m-%dT%H:%M:%S", "%Y-%m-%d %H:%M",
            "%d.%m.%Y")  # fmt: skip


def submitted_at(value: object) -> dt.datetime | None:
    if isinstance(value, dt.datetime):
        return value
    if isinstance(value, dt.date):
        return dt.datetime.combine(value, dt.time())
    text = clean(value) if isinstance(value, str) else ""
    for form in _FORMATS:
        try:
            return dt.datetime.strptime(text, form)
        except ValueError:
            continue
    return None


def latest_answers(table: Table, cells: list[tuple], problems: Problems) -> list[tuple]:
    """``cells`` as the long reader yields them (row, column, person, week, value, part): for each
    person, week and part, only the latest submission."""
    latest: dict[tuple, tuple[dt.datetime, tuple]] = {}
    replaced: list[str] = []
    for cell in cells:
        row: Row = cell[0]
        when = submitted_at(row.get("submitted"))
        if when is None:
            problem_at(problems, table, row, "submitted", "bad_date", "время отправки ответа не прочитано",
                       value=row.get("submitted"), hint="Время пишется так: 12.09.2023 10:15:00")  # fmt: skip
            continue
        key = (cell[2].key, cell[3], cell[5])
        earlier = latest.get(key)
        if earlier is None or when >= earlier[0]:
            if earlier is not None:
                replaced.append(f"{cell[2].name}, неделя с {cell[3]:%d.%m.%Y}: строка {earlier[1][0].number} → "
                                f"строка {row.number} ({when:%d.%m.%Y %H:%M})")  # fmt: skip
            latest[key] = (when, cell)
        else:
            replaced.append(f"{cell[2].name}, неделя с {cell[3]:%d.%m.%Y}: строка {row.number} → "
                            f"строка {earlier[1][0].number} ({earlier[0]:%d.%m.%Y %H:%M})")  # fmt: skip
    if replaced:
        shown = "; ".join(replaced[:10]) + (f"; … и ещё {len(replaced) - 10}" if len(replaced) > 10 else "")
        problems.note(table.file, f"ответы формы, отправленные заново, заменили прежние ({len(replaced)}): {shown}",
                      table.sheet)  # fmt: skip
    return [cell for _, cell in sorted(latest.values(), key=lambda item: item[1][0].number)]
