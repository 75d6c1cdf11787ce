"""The documents' tables: their columns, and widths by content for both renderers.

The PDF templates take the widths as ``<col>`` percentages (``view["widths"]``);
the DOCX renderer sets the same widths, in millimetres, on the Word table whose
header row matches.
"""

from __future__ import annotations

from dataclasses import dataclass

from .widths import WHOLE, WRAP, Column, column_widths, percents

PORTRAIT_MM = 180.0  # A4 portrait less the 20 mm left and 10 mm right margins
LANDSCAPE_MM = 267.0  # A4 landscape, the same margins (the roadmap: GOST R 7.0.97 allows it for tables)
TABLE_PT = 10.5


@dataclass(frozen=True)
class TableLayout:
    headers: tuple[str, ...]
    widths_mm: tuple[float, ...]


def _roadmap_columns(status_header: str) -> list[Column]:
    return [
        Column("№", WHOLE), Column("Мероприятие", WRAP, 0.34), Column("Ответственные"), Column("Срок"),
        Column("Результат", WRAP, 0.3), Column(status_header), Column("Скорректированный срок"),
    ]  # fmt: skip


def _activities(execution: str) -> list[Column]:
    """``execution``: «Исполнение в четверти» (в триместре, в модуле: the school's period)."""
    return [
        Column("№", WHOLE), Column("Мероприятие", WRAP, 0.38), Column("Ответственные"), Column("Срок"),
        Column("Статус"), Column(execution, WRAP, 0.26), Column("Новый срок"),  # a date or «требуется решение»
    ]  # fmt: skip


def _indicators(end: str) -> list[Column]:
    """``end``: «На конец четверти» (of the school's period), or «На 15.12.2023» in an interim report."""
    return [
        Column("Показатель", WRAP, 0.5), Column("Цель", WHOLE), Column("Срок", WHOLE),
        Column(end, WHOLE), Column("Изменение", WHOLE), Column("Итог"),
    ]  # fmt: skip


WEEKLY = [Column("Неделя", WHOLE), Column("Учтено", WHOLE), Column("Написали не менее порога"), Column("Охват", WHOLE)]
DEPARTMENTS = [
    Column("Категория"), Column("Подразделение", WRAP, 0.4), Column("Охват", WHOLE), Column("Активных из учтённых", WHOLE),
    Column("Средний охват", WHOLE),
]  # fmt: skip
BELOW = [
    Column("№", WHOLE), Column("ФИО"), Column("Категория"), Column("Должность"), Column("Подразделение"),
    Column("Сообщений", WHOLE),
]  # fmt: skip


def _specs(view: dict) -> dict[str, tuple[list[Column], list[list], float]]:
    """Each table of the documents: its columns, its rows as text, the width of its text block."""
    activities, indicators = view["activities"], view["indicators"]
    specs = {
        "roadmap": (
            _roadmap_columns(f"Статус на {view['status_date']}"),
            [[a["number"], a["title"], a["responsible"], a["deadline"], a["result"], a["status"], a["new_due"]]
             for a in activities],
            LANDSCAPE_MM,
        ),
        "activities": (
            _activities(view.get("execution_column", "Исполнение в четверти")),
            [[a["number"], a["title"], a["responsible"], a["deadline"], a["status"], "\n".join(a["evidence"]), a["new_due"]]
             for a in activities],
            PORTRAIT_MM,
        ),
        "indicators": (
            _indicators(view["end_column"]),
            [[i["text"], i["target"], i["deadline"], f"{i['end']}\n({i['end_counts']})", i["change"], i["verdict"]]
             for i in indicators],
            PORTRAIT_MM,
        ),
        "weekly": (WEEKLY, [[w["week"], w["counted"], w["active"], w["percent"]] for i in indicators for w in i["weeks"]],
                   PORTRAIT_MM),
        "departments": (
            DEPARTMENTS,
            [[d["category"], d["name"], d["end"], d["end_counts"], d["average"]] for d in view["department_rows"]],
            PORTRAIT_MM,
        ),
        "below": (
            BELOW,
            [["000", p["name"], p["category"], p["position"], p["department"], p["messages"]] for p in view["below"]],
            PORTRAIT_MM,
        ),
    }  # fmt: skip
    if view.get("year"):
        year = view["year"]
        columns = [Column("Категория"), Column("Цель", WHOLE), *[Column(q) for q in year["quarters"]], Column("Итог")]
        specs["year"] = (columns, [[r["category"], r["target"], *r["ends"], r["verdict"]] for r in year["rows"]],
                         PORTRAIT_MM)  # fmt: skip
    if view.get("ranking"):
        ranking = view["ranking"]
        columns = [Column("№", WHOLE), Column("Организация", WRAP, 0.45), *[Column(h) for h in ranking["headers"]],
                   Column("Цель")]  # fmt: skip
        specs["ranking"] = (columns, [[r["rank"], r["name"], *r["ends"], r["target"]] for r in ranking["rows"]],
                            PORTRAIT_MM)  # fmt: skip
    return specs


def table_layouts(view: dict) -> dict[str, TableLayout]:
    return {
        name: TableLayout(tuple(c.header for c in columns), tuple(column_widths(columns, rows, total, TABLE_PT)))
        for name, (columns, rows, total) in _specs(view).items()
    }


def with_widths(view: dict, layouts: dict[str, TableLayout]) -> dict:
    """The view with each table's ``<col>`` percentages."""
    return {**view, "widths": {name: percents(list(layout.widths_mm)) for name, layout in layouts.items()}}
