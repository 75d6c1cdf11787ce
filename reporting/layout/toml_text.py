"""``layout.toml`` written from the layouts as read: short, commented, editable by hand."""

from __future__ import annotations

import json

from ..read.refs import column_index, column_letters
from .model import COUNTS, ORIENTATIONS, UNDECIDED, WEEK, WEEK_NUMBERS, TableLayout

HEAD = """\
# Как make-report читает таблицы из inputs/ — записано командой «make-report describe --write».
# Пока этот файл есть, программа читает таблицы строго по нему: если лист переименован или
# заголовок столбца изменился, она остановится и скажет, что поправить. Удалите файл —
# программа снова определит всё сама (make-report describe покажет как).
#
# Каждый [[table]] — один лист: file — файл, sheet — лист, reads_as — какая это таблица,
# header_row — номер строки заголовков. В [table.columns] — что в столбце (as: заголовок, как его
# понимает программа) и заголовок в файле (header). «-» — столбец не читается, «неделя» — столбец
# недели, weeks = "C:AL" — все столбцы недель подряд; «?» — впишите сами.
# counts — что в ячейках недель: "numbers" (число сообщений) или "marks" (отметка «да»/«нет»).
# week_numbers — как читать «5 неделя»: "school" (с начала учебного года) или "iso" (по календарю).
# Свои слова в ячейках недель: yes_words = ["сдал"] (порог достигнут), no_words = ["не сдал"],
# absence_marks = ["уч. отпуск"] (сотрудник отсутствовал) — к тем, что программа знает сама.
"""


def _string(text: str) -> str:
    return json.dumps(text, ensure_ascii=False)  # a JSON string is a TOML basic string


def layout_toml(layouts: list[TableLayout]) -> str:
    lines = [HEAD]
    for layout in layouts:
        lines += ["", "[[table]]"]
        about = [ORIENTATIONS[layout.orientation]] if layout.orientation != "table" else []
        if layout.hidden:
            about.append("лист скрыт в книге")
        if layout.turned:
            about.append(
                "лист повёрнут (недели по строкам): header_row — номер столбца с неделями (A = 1), "
                "буквы ниже — строки листа (A — строка 1)"
            )
        if about:
            lines.append("# " + "; ".join(about))
        lines += [
            f"file = {_string(layout.file)}",
            f"sheet = {_string(layout.sheet)}",
            f"reads_as = {_string(layout.reads_as)}",
            f"header_row = {layout.header_row}",
        ]
        if layout.turned:
            lines.append("turned = true")
        weeks = layout.week_columns()
        span = _span(layout, weeks)
        if span:
            lines.append(f'weeks = "{span}"  # {len(weeks)} нед.')
        if weeks:
            said = COUNTS.get(layout.counts) or 'впишите "numbers" (числа) или "marks" (отметки «да»/«нет»)'
            lines.append(f"counts = {_string(layout.counts)}  # {said}")
        if layout.subcolumns:  # the roles the reader gave the sub-headers under the weeks: the school may say otherwise
            roles = ", ".join(f"{_string(name)} = {_string(word)}" for name, word in layout.subcolumns)
            lines.append(
                f"subcolumns = {{ {roles} }}  # роли: платформа, день, сообщения, звонки, итого, - (не читать)"
            )
        if layout.week_numbers:
            choices = "; ".join(f'"{k}" — {w}' for k, w in WEEK_NUMBERS.items())
            lines.append(f"week_numbers = {_string(layout.week_numbers)}  # {choices}")
        lines += ["", "[table.columns]"]
        for column in layout.columns:
            if column.role == WEEK and span:
                continue
            lines.append(f"{column.letter} = {{ as = {_string(column.role)}, header = {_string(column.header)} }}"
                         + ("  # впишите, что в столбце" if column.role == UNDECIDED else ""))  # fmt: skip
    return "\n".join(lines) + "\n"


def _span(layout: TableLayout, weeks) -> str:
    """«C:AL» when the week columns are contiguous (and nothing else stands among them), else ""."""
    if len(weeks) < 2:
        return ""
    first, last = column_index(weeks[0].letter), column_index(weeks[-1].letter)
    inside = [c for c in layout.columns if first <= column_index(c.letter) <= last]
    if len(inside) != len(weeks) or last - first + 1 != len(weeks):
        return ""
    return f"{column_letters(first)}:{column_letters(last)}"
