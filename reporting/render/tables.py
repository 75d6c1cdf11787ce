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


ACTIVITIES = [
    Column("№", WHOLE), Column("Мероприятие", WRAP, 0.34), Column("Ответственные"), Column("Срок"),
    Column("Статус"), Column("Исполнение в четверти", WRAP, 0.3), Column("Новый срок"),  # a date or «требуется решение»
]  # fmt: skip
INDICATORS = [
    Column("Показатель", WRAP, 0.5), Column("Цель", WHOLE), Column("Срок", WHOLE),
    Column("На конец четверти", WHOLE), Column("Изменение", WHOLE), Column("Итог"),
]  # fmt: skip
BELOW = [
    Column("№", WHOLE), Column("ФИО"), Column("Категория"), Column("Должность"), Column("Подразделение"),
    Column("Сообщений", WHOLE),
]  # fmt: skip


def table_layouts(view: dict) -> dict[str, TableLayout]:
    activities = view["activities"]
    roadmap_rows = [[a["number"], a["title"], a["responsible"], a["deadline"], a["result"], a["status"], a["new_due"]]
                    for a in activities]  # fmt: skip
    report_rows = [[a["number"], a["title"], a["responsible"], a["deadline"], a["status"], "\n".join(a["evidence"]),
                    a["new_due"]] for a in activities]  # fmt: skip
    indicator_rows = [[i["text"], i["target"], i["deadline"], f"{i['end']}\n({i['end_counts']})", i["change"], i["verdict"]]
                      for i in view["indicators"]]  # fmt: skip
    below_rows = [
        ["000", p["name"], p["category"], p["position"], p["department"], p["messages"]] for p in view["below"]
    ]
    if view.get("year"):
        year = view["year"]
        columns = [Column("Категория"), Column("Цель", WHOLE), *[Column(q) for q in year["quarters"]], Column("Итог")]
        rows = [[r["category"], r["target"], *r["ends"], r["verdict"]] for r in year["rows"]]
        specs_year = {"year": (columns, rows, PORTRAIT_MM)}
    else:
        specs_year = {}
    specs = {
        **specs_year,
        "roadmap": (_roadmap_columns(f"Статус на {view['status_date']}"), roadmap_rows, LANDSCAPE_MM),
        "activities": (ACTIVITIES, report_rows, PORTRAIT_MM),
        "indicators": (INDICATORS, indicator_rows, PORTRAIT_MM),
        "below": (BELOW, below_rows, PORTRAIT_MM),
    }
    return {
        name: TableLayout(tuple(c.header for c in columns), tuple(column_widths(columns, rows, total, TABLE_PT)))
        for name, (columns, rows, total) in specs.items()
    }


def with_widths(view: dict, layouts: dict[str, TableLayout]) -> dict:
    """The view with each table's ``<col>`` percentages."""
    return {**view, "widths": {name: percents(list(layout.widths_mm)) for name, layout in layouts.items()}}
