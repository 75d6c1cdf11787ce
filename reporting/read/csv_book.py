"""A CSV export read as a one-sheet workbook (issue 30, point 7).

Excel saves «CSV (разделители — запятые)» in the Windows code page with «;» where the decimal mark is
a comma, «CSV UTF-8» with a BOM, LibreOffice whatever it was told; Google Sheets saves UTF-8 with
«,». Each of these is sniffed, never guessed silently: the encoding, the separator and the decimal
mark are named in the reading report, and a separator that two readings fit equally is refused
with both named.  The cells come out as calamine gives an .xlsx's: numbers as floats, a checkbox's
ИСТИНА/ЛОЖЬ (TRUE/FALSE) as logical values, the rest as text («06.11.2023» stays text, as a typed
date label does), empty cells as "".
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass

from ..words import COLUMNS, counted

MAX_CELLS = 6_000_000  # a region's 100 000 people × 40 columns; past this a CSV is no school's export
SEPARATORS = {";": "«;»", ",": "«,»", "\t": "табуляция"}
_SAMPLE_LINES = 50
_INTEGER = re.compile(r"[+-]?\d+")
_GROUPED = re.compile(r"\d{1,3}(?:[ \u00a0\u202f]\d{3})+")  # «1 234»: a thousands' space, as Excel writes
_DECIMAL = {",": re.compile(r"[+-]?\d+,\d+"), ".": re.compile(r"[+-]?\d+\.\d+")}


class CsvRefused(Exception):
    """A CSV that cannot be read as a table: ``message`` and ``hint`` in Russian."""

    def __init__(self, message: str, hint: str):
        super().__init__(message)
        self.message, self.hint = message, hint


@dataclass(frozen=True)
class CsvReading:
    rows: list[list[object]]
    encoding: str  # as the reading report names it
    separator: str
    decimal: str  # "," or "."

    def said(self, sheet: str) -> str:
        mark = "запятая" if self.decimal == "," else "точка"
        return (f"текст CSV: кодировка {self.encoding}, разделитель {SEPARATORS[self.separator]}, десятичный знак — "
                f"{mark}; прочитан как лист «{sheet}»; объединений, цветов и скрытых строк в CSV нет")  # fmt: skip


def read_csv(data: bytes) -> CsvReading:
    text, encoding = _decode(data)
    separator = _separator(text)
    decimal = "." if separator == "," else ","
    rows, cells = [], 0
    for record in csv.reader(io.StringIO(text, newline=""), delimiter=separator, strict=False):
        cells += len(record)
        if cells > MAX_CELLS:
            raise CsvRefused(
                f"в CSV слишком много ячеек: больше {MAX_CELLS:,}".replace(",", " "),
                "Это не выгрузка одной школы или района: проверьте, тот ли файл, или сохраните таблицу как .xlsx",
            )
        rows.append([_value(cell, decimal) for cell in record])
    width = max((len(r) for r in rows), default=0)
    for row in rows:  # every row as wide as the widest, as a sheet's are
        row.extend([""] * (width - len(row)))
    return CsvReading(rows, encoding, separator, decimal)


def _decode(data: bytes) -> tuple[str, str]:
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):  # Excel's «Текст Юникод»
        try:
            return data.decode("utf-16"), "UTF-16"
        except UnicodeDecodeError:
            pass
    if data.startswith((b"PK\x03\x04", b"\xd0\xcf\x11\xe0")):
        raise CsvRefused("это не CSV, а книга Excel или LibreOffice, сохранённая с расширением .csv",
                         "Переименуйте файл: monitoring.xlsx (или .ods, .xls — как его сохранили)")  # fmt: skip
    if b"\x00" in data[:65536]:
        raise CsvRefused("это не текстовая таблица CSV: в файле есть двоичные данные",
                         "Сохраните таблицу как .xlsx или как «CSV UTF-8 (разделитель — запятая)»")  # fmt: skip
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        return data.decode("utf-8"), "UTF-8"
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1251"), "Windows-1251"
    except UnicodeDecodeError:
        raise CsvRefused("кодировка CSV не распознана: это не UTF-8 и не Windows-1251",
                         "Сохраните таблицу как «CSV UTF-8» или как .xlsx") from None  # fmt: skip


def _separator(text: str) -> str:
    """The separator that splits the first lines into the same number of fields, and the most of
    them; a tie between two is refused, naming both."""
    lines = [line for line in text.splitlines()[:_SAMPLE_LINES] if line.strip()]
    if not lines:
        return ";"
    scores = {}
    for separator in SEPARATORS:
        widths = {len(next(csv.reader([line], delimiter=separator))) for line in lines}
        if len(widths) == 1 and min(widths) > 1:
            scores[separator] = min(widths)
    if not scores:  # ragged under every separator: the one that splits most
        counts = {s: sum(line.count(s) for line in lines) for s in SEPARATORS}
        best = max(counts, key=counts.get)
        return best if counts[best] else ";"
    best = max(scores.values())
    winners = [s for s, width in scores.items() if width == best]
    if len(winners) > 1:
        named = " и ".join(SEPARATORS[s] for s in winners)
        raise CsvRefused(
            f"разделитель столбцов в CSV не определить: {named} делят каждую строку на {counted(best, COLUMNS, ' ')} "
            "одинаково",
            "Сохраните таблицу как .xlsx — или как CSV с разделителем «;», которого нет в тексте ячеек",
        )
    return winners[0]


_LOGICAL = {"true": True, "false": False, "истина": True, "ложь": False}  # a checkbox's cell, as Excel saves it


def _value(cell: str, decimal: str) -> object:
    text = cell.strip()
    if not text:
        return ""
    if text.casefold() in _LOGICAL:
        return _LOGICAL[text.casefold()]
    if _INTEGER.fullmatch(text):
        # «007», a personnel number with its zeros, stays text (as the cell of an .xlsx typed as text)
        return text if len(text.lstrip("+-")) > 1 and text.lstrip("+-").startswith("0") else float(text)
    if _GROUPED.fullmatch(text):
        return float(re.sub(r"\s", "", text))
    if _DECIMAL[decimal].fullmatch(text):
        return float(text.replace(",", "."))
    return cell


class CsvSheet:
    """The one sheet, answering as calamine's sheet does."""

    merged_cell_ranges: list = []

    def __init__(self, rows: list[list[object]]):
        self._rows = rows

    def to_python(self, skip_empty_area: bool = False, nrows: int | None = None) -> list[list[object]]:
        return [list(r) for r in (self._rows if nrows is None else self._rows[:nrows])]


class CsvBook:
    """A workbook of one sheet, answering as calamine's workbook does."""

    def __init__(self, sheet: str, rows: list[list[object]]):
        self.sheet_names = [sheet]
        self._sheet = CsvSheet(rows)

    def get_sheet_by_name(self, name: str) -> CsvSheet:
        if name != self.sheet_names[0]:
            raise KeyError(name)
        return self._sheet
