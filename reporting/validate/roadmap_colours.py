"""A status kept as a row's fill colour: read through the sheet's own legend (a cell of that colour
beside a status word), and refused, naming the colours, where the sheet does not say what they mean.
A coloured roadmap is never read as «no status»."""

from __future__ import annotations

from dataclasses import dataclass, field

from ..errors import Problems, row_ranges
from ..read.table import Row, Table
from ..read.text import header_key, normalize
from ..read.workbook import Workbook
from .roadmap_structure import number_of

# Excel's standard colours, to name a colour the way a user picks it
COLOUR_NAMES = {
    "FF00B050": "зелёный", "FF92D050": "светло-зелёный", "FFC6EFCE": "светло-зелёный", "FFFFFF00": "жёлтый",
    "FFFFEB9C": "светло-жёлтый", "FFFFC000": "оранжевый", "FFFF0000": "красный", "FFFFC7CE": "розовый",
    "FFC00000": "тёмно-красный", "FF00B0F0": "голубой", "FF0070C0": "синий", "FF7030A0": "фиолетовый",
    "FFD9D9D9": "серый", "FFBFBFBF": "серый", "FFA6A6A6": "тёмно-серый",
}  # fmt: skip


def colour_name(colour: str) -> str:
    name = COLOUR_NAMES.get(colour)
    return f"{name} ({colour})" if name else colour


@dataclass
class Colours:
    """What the fills of a roadmap sheet say."""

    by_row: dict[int, str] = field(default_factory=dict)  # an activity row -> its fill
    legend: dict[str, str] = field(default_factory=dict)  # colour -> status mark
    legend_rows: set[int] = field(default_factory=set)  # rows that hold the legend: not activities

    def mark(self, row: int) -> str | None:
        colour = self.by_row.get(row)
        return self.legend.get(colour) if colour else None


def read_colours(book: Workbook, table: Table, status_marks: dict[str, str], problems: Problems) -> Colours:
    fills = book.fills(table.sheet)
    found = Colours()
    if not fills:
        return found
    declared = _declared_fills(book, table, status_marks, problems)
    found.legend.update(declared)
    above = [(number, values) for number, values in enumerate(book.rows(table.sheet, probe=True,
             limit=table.header_row - 1), start=1)]  # a legend in the title area, above the table  # fmt: skip
    below = [
        (row.number, row.values) for row in table.rows if not any(ch.isdigit() for ch in number_of(row))
    ]  # fmt: skip  (an activity's status cell is no legend)
    for number, values in (*above, *below):
        for column, value in enumerate(values):
            colour = fills.get((number, column))
            if colour is None:
                continue
            beside = values[column + 1] if column + 1 < len(values) else None
            mark = _status(value, status_marks) or _status(beside, status_marks)
            if mark is None:
                continue
            if found.legend.get(colour, mark) != mark:
                problems.add(
                    "bad_status", table.file,
                    f"цвет «{colour_name(colour)}» в layout.toml означает «{found.legend[colour]}», а в легенде листа — "
                    f"«{mark}»" if colour in declared else
                    f"в легенде цвет «{colour_name(colour)}» означает и «{found.legend[colour]}», и «{mark}»",
                    sheet=table.sheet, row=number, hint="Оставьте в легенде у каждого цвета одно слово статуса",
                )  # fmt: skip
            found.legend[colour] = mark
            found.legend_rows.add(number)
    keys = [table.columns.get("title"), table.columns.get("number")]
    for row in table.rows:
        if row.number in found.legend_rows:
            continue
        colour = next((fills[row.number, c] for c in keys if c is not None and (row.number, c) in fills), None)
        if colour:
            found.by_row[row.number] = colour
    if declared:
        said = ", ".join(f"«{colour_name(c)}» — «{m}»" for c, m in declared.items())
        problems.note(table.file, f"статус по цвету строки прочитан по layout.toml (fills: {said})", table.sheet)
    if found.legend_rows:
        said = ", ".join(f"«{colour_name(c)}» — «{m}»" for c, m in found.legend.items() if c not in declared)
        problems.note(
            table.file,
            f"статус по цвету строки прочитан по легенде листа ({said}); строки легенды "
            f"({row_ranges(sorted(found.legend_rows))}) — не мероприятия",
            table.sheet,
        )  # fmt: skip
    return found


def refuse_unread(table: Table, colours: Colours, unread: list[Row], problems: Problems) -> None:
    """Activity rows with a fill and no status of their own, whose colour the sheet does not explain."""
    by_colour: dict[str, list[int]] = {}
    for row in unread:
        by_colour.setdefault(colours.by_row[row.number], []).append(row.number)
    for colour, rows in by_colour.items():
        problems.add(
            "bad_status", table.file,
            (f"строки {row_ranges(rows)} выделены" if len(rows) > 1 else f"строка {rows[0]} выделена")
            + f" цветом «{colour_name(colour)}», а статуса в {'них' if len(rows) > 1 else 'ней'} нет: что значит этот "
            "цвет, в листе не сказано, и программа его не угадывает",
            sheet=table.sheet, row=rows[0],
            hint="Добавьте легенду: в свободной строке под таблицей ячейку этого цвета и рядом слово статуса "
            "(«выполнено», «выполняется», «не выполнено», «отменено»); или впишите статус каждой строки в столбец "
            f"«Статус»; или скажите это в inputs/layout.toml, в разделе листа «{table.sheet}»: fills = {{ \"{colour}\" = "
            "\"выполнено\" }} — со своим словом статуса (layout.toml запишет make-report describe --write)",
        )  # fmt: skip


def _declared_fills(book: Workbook, table: Table, status_marks: dict[str, str], problems: Problems) -> dict[str, str]:
    """``fills`` of the table's layout.toml section: colour -> status mark; a word that is no status is
    a located problem."""
    declared = book.declared.get(header_key(table.reads_as))
    found: dict[str, str] = {}
    for colour, word in (declared.fills if declared else {}).items():
        mark = _status(word, status_marks)
        if mark is None:
            problems.add("bad_value", "layout.toml", f"«{word}» — не статус мероприятия", column=f"{declared.place}.fills",
                         value=word, hint="Впишите одно из: «выполнено», «выполняется», «не выполнено», «отменено»")  # fmt: skip
        else:
            found[colour] = mark
    return found


def _status(value: object, status_marks: dict[str, str]) -> str | None:
    if not isinstance(value, str):
        return None
    return status_marks.get(normalize(value).strip(" .:-–—"))
