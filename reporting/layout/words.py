"""A table's layout in words: what ``make-report describe`` prints."""

from __future__ import annotations

import datetime as dt

from ..read.refs import column_index, column_letters
from .model import COUNTS, ORIENTATIONS, UNDECIDED, UNUSED, WEEK, WEEK_NUMBERS, TableLayout


def describe_lines(layout: TableLayout) -> list[str]:
    how = "по inputs/layout.toml" if layout.declared else "определено программой"
    hidden = ", лист скрыт" if layout.hidden else ""
    lines = [f"{layout.file}, лист «{layout.sheet}» — таблица «{layout.reads_as}» ({how}{hidden})"]
    if layout.turned:
        lines.append(f"  недели по строкам, сотрудники по столбцам — читается повёрнутым; недели — в столбце "
                     f"{column_letters(layout.header_row - 1)}")  # fmt: skip
    else:
        lines.append(f"  строка заголовков: {layout.header_row}; {ORIENTATIONS[layout.orientation]}")
    where = (lambda c: f"строка {column_index(c.letter) + 1}") if layout.turned else (lambda c: c.letter)
    read = [f"{where(c)} «{c.header}» → «{c.role}»" if c.header and c.header != c.role else f"{c.letter} «{c.role}»"
            for c in layout.columns if c.role not in (WEEK, UNUSED, UNDECIDED)]  # fmt: skip
    if read:
        lines.append("  столбцы: " + ", ".join(read))
    weeks = layout.week_columns()
    if weeks:
        dated = [dt.date.fromisoformat(c.week) for c in weeks if c.week]
        span = f"{weeks[0].letter}–{weeks[-1].letter}" if len(weeks) > 1 else weeks[0].letter
        if layout.turned:  # the turned table's columns are the sheet's rows
            first, last = column_index(weeks[0].letter) + 1, column_index(weeks[-1].letter) + 1
            span = f"строки {first}–{last}" if last > first else f"строка {first}"
        when = f": {dated[0]:%d.%m.%Y} … {dated[-1]:%d.%m.%Y}" if dated else ""
        count = len({c.week for c in weeks}) if all(c.week for c in weeks) else len(weeks)
        platforms = list(dict.fromkeys(c.platform for c in weeks if c.platform))
        days = list(dict.fromkeys(c.day for c in weeks if c.day))
        split = f", по подстолбцам платформ: {', '.join(platforms)}" if platforms else ""
        if days:  # days added into their weeks: no platforms
            shown = ", ".join(days) if len(days) <= 7 else f"{days[0]} … {days[-1]}, {len(days)}"
            split = f", по дням: {shown}, сложенным в недели"
        held = COUNTS.get(layout.counts, "не прочитано ни одной ячейки: числа это или отметки, скажите в layout.toml")
        lines.append(f"  недели: {span} ({count}{when}{split}); в ячейках — {held}")
        if layout.week_numbers == UNDECIDED:
            lines.append("  недели названы номерами — как их считать, скажите в layout.toml: week_numbers = "
                         + " или ".join(f"«{k}» ({w})" for k, w in WEEK_NUMBERS.items()))  # fmt: skip
        elif layout.week_numbers:
            lines.append(f"  номера недель: {WEEK_NUMBERS[layout.week_numbers]}")
    if layout.week_from:
        lines.append(f"  неделя всех строк — {layout.week_from}")
    if layout.computed:
        lines.append("  итоги по формулам (не сотрудники и не недели): " + ", ".join(layout.computed))
    unused = [f"{where(c)} «{c.header}»" for c in layout.columns if c.role == UNUSED and c.header]
    if unused:
        lines.append("  не читаются: " + ", ".join(unused))
    undecided = [f"{where(c)} «{c.header}»" for c in layout.columns if c.role == UNDECIDED]
    if undecided:
        lines.append("  не понятно, что в столбцах (в layout.toml — «?»): " + ", ".join(undecided))
    return lines
