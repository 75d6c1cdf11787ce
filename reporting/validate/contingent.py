"""The contingent table (issue 31, point 2): how many pupils and parents the school has — the
denominators of their indicators.  Schools export it from their e-journal: one row per class with the
number of pupils, and of parents (legal representatives) or of families.  Its sheet is «Контингент»
(in ``contingent.xlsx`` or in ``monitoring.xlsx``), or any sheet whose header has «Класс» and a number
of pupils; the layout is inferred and described like the other tables'."""

from __future__ import annotations

from dataclasses import dataclass
from functools import partial

from ..errors import Problems
from ..layout.reading import has_table, read_table
from ..read.cells import CellError, is_empty, parse_count
from ..read.table import SheetSpec
from ..read.text import clean, normalize
from ..read.workbook import Workbook
from .problems import problem_at
from .roster import is_total_row

CONTINGENT = SheetSpec(
    "Контингент",
    {
        "class": ("Класс", "Классы", "Класс (группа)", "Наименование класса", "Класс/группа"),
        "pupils": (
            "Количество обучающихся", "Обучающихся", "Обучающиеся", "Учащихся", "Количество учащихся",
            "Кол-во учащихся", "Кол-во обучающихся", "Численность обучающихся", "Всего обучающихся",
            "Всего учащихся", "Учеников", "Количество учеников", "Кол-во учеников", "Кол-во детей",
        ),
        "parents": (
            "Количество родителей", "Родителей", "Родители", "Родителей (законных представителей)",
            "Количество родителей (законных представителей)", "Законных представителей",
            "Кол-во родителей", "Численность родителей",
        ),
        "families": ("Количество семей", "Семей", "Кол-во семей", "Семьи"),
    },
    required=(("class",), ("pupils", "parents", "families")),
    by_content=(("class",), ("pupils", "parents", "families")),
)  # fmt: skip


@dataclass(frozen=True)
class Contingent:
    """The school's pupils and parents (None where the table does not give them)."""

    file: str
    pupils: int | None
    parents: int | None
    parents_are_families: bool  # only families were given: a family stands for its parents
    classes: int

    def total(self, group: str) -> int | None:
        return {"pupils": self.pupils, "parents": self.parents}.get(group)


def has_contingent(book: Workbook) -> bool:
    return has_table(book, CONTINGENT)


def load_contingent(book: Workbook, problems: Problems) -> Contingent | None:
    table = read_table(book, CONTINGENT, problems)
    if table is None:
        return None
    sums = {key: 0 for key in ("pupils", "parents", "families") if table.has(key)}
    classes: dict[str, int] = {}
    totals = []
    for row in table.rows:
        if row.is_blank():
            continue
        if is_total_row(row, ("class",)):
            totals.append(row.number)
            continue
        label = clean(str(row.get("class") or ""))
        if not label:
            problem_at(problems, table, row, "class", "missing_value", "не указан класс")
            continue
        if normalize(label) in classes:
            problem_at(problems, table, row, "class", "duplicate_row",
                       f"класс уже есть в строке {classes[normalize(label)]}", value=label)  # fmt: skip
            continue
        classes[normalize(label)] = row.number
        for key in sums:
            sums[key] += _count(problems, table, row, key)
    if not classes:
        problems.add("empty_sheet", table.file, "в таблице контингента нет ни одного класса", sheet=table.sheet,
                     row=table.header_row, hint="Впишите по строке на класс: класс и число обучающихся, родителей")  # fmt: skip
        return None
    if totals:
        problems.note(table.file, f"строки итогов ({', '.join(map(str, totals))}) не считаются: числа сложены "
                      "по классам", table.sheet)  # fmt: skip
    families = "families" in sums and "parents" not in sums
    contingent = Contingent(table.file, sums.get("pupils"), sums.get("parents", sums.get("families")), families,
                            len(classes))  # fmt: skip
    said = [f"классов {contingent.classes}"]
    if contingent.pupils is not None:
        said.append(f"обучающихся {contingent.pupils}")
    if contingent.parents is not None:
        said.append(f"семей {contingent.parents} (число семей взято за число родителей)" if families
                    else f"родителей {contingent.parents}")  # fmt: skip
    problems.note(table.file, "контингент: " + ", ".join(said), table.sheet)
    return contingent


def _count(problems: Problems, table, row, key: str) -> int:
    value = row.get(key)
    if is_empty(value):
        problem_at(problems, table, row, key, "missing_value", "не указано число",
                   hint="Впишите число (0, если в классе никого нет)")  # fmt: skip
        return 0
    try:
        return parse_count(value, of="человек")
    except CellError as exc:
        partial(problem_at, problems, table, row, key)("bad_count", str(exc), value=value)
        return 0


def find_contingent(books, own: str | None, problems: Problems):
    """The contingent table: contingent.xlsx, or a «Контингент» sheet in another workbook (one of them)."""
    found = [name for name, book in books.items() if name == own or has_contingent(book)]
    if len(found) > 1:
        problems.add("ambiguous_file", " и ".join(found), "таблица контингента есть в нескольких файлах",
                     hint="Оставьте её в одном файле")  # fmt: skip
        return None
    return load_contingent(books[found[0]], problems) if found else None
