"""Synthetic municipal and regional inputs for the scale benchmarks.

``python benchmarks/generate.py municipal DIR`` — 300 organisations, 15 000 staff;
``python benchmarks/generate.py regional DIR`` — 2 000 organisations, 100 000 staff,
36 weeks (≈ 3.6 million count cells); ``python benchmarks/generate.py returns DIR`` —
the same region as the schools' weekly returns a district collects: ``returns/`` with
one workbook per organisation, 36 weeks × 2 groups each (counts, no names).  Same
seed, same files.  The roadmap and school.toml are the sample's.
"""

from __future__ import annotations

import datetime as dt
import random
import shutil
import sys
from pathlib import Path

import xlsxwriter

ROOT = Path(__file__).resolve().parents[1]
SIZES = {"municipal": (300, 15_000, 17), "regional": (2_000, 100_000, 36), "small": (20, 1_000, 17)}
FIRST_WEEK = dt.date(2023, 9, 4)
KINDS = ["МАОУ «СОШ № {}»", "МАДОУ «Детский сад № {}»", "МАУ ДО «ДДТ № {}»", "МБОУ «Гимназия № {}»"]
DEPARTMENTS = ["Начальное общее образование", "Основное общее образование", "Среднее общее образование"]


def organizations(count: int) -> list[str]:
    return [KINDS[n % len(KINDS)].format(n + 1) for n in range(count)]


def write_monitoring(path: Path, orgs: int, staff: int, weeks: int, seed: int = 24) -> None:
    rng = random.Random(seed)
    names = organizations(orgs)
    book = xlsxwriter.Workbook(path, {"constant_memory": True, "strings_to_formulas": False, "strings_to_urls": False})
    book.set_properties({"created": dt.datetime(2024, 1, 7)})
    roster = book.add_worksheet("Сотрудники")
    for column, header in enumerate(["Табельный номер", "ФИО", "Категория", "Подразделение", "Организация"]):
        roster.write_string(0, column, header)
    people = []
    for number in range(staff):
        org = names[number * orgs // staff]
        category = "администрация" if number % 12 == 0 else "педагогический работник"
        people.append((100_000 + number, f"Сотрудник {number:06d}", category, DEPARTMENTS[number % 3], org))
    for row, person in enumerate(people, start=1):
        roster.write_number(row, 0, person[0])
        for column, value in enumerate(person[1:], start=1):
            roster.write_string(row, column, value)
    sheet = book.add_worksheet("Мониторинг")
    sheet.write_string(0, 0, "Табельный номер")
    sheet.write_string(0, 1, "ФИО")
    for index in range(weeks):
        monday = FIRST_WEEK + dt.timedelta(weeks=index)
        sheet.write_string(0, 2 + index, f"{monday:%d.%m.%Y}–{monday + dt.timedelta(days=6):%d.%m.%Y}")
    for row, person in enumerate(people, start=1):
        sheet.write_number(row, 0, person[0])
        sheet.write_string(row, 1, person[1])
        adopt = rng.randint(0, weeks)
        for index in range(weeks):
            sheet.write_number(row, 2 + index, rng.randint(10, 40) if index >= adopt else rng.randint(0, 9))
    book.close()


def write_returns(folder: Path, orgs: int, staff: int, weeks: int, seed: int = 24) -> None:
    """One weekly-return workbook per organisation (the layout ``make-report week`` writes)."""
    rng = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    each = staff // orgs
    for number, org in enumerate(organizations(orgs)):
        book = xlsxwriter.Workbook(folder / f"org-{number:04d}.xlsx", {"strings_to_formulas": False})
        book.set_properties({"created": dt.datetime(2024, 1, 7)})
        sheet = book.add_worksheet("Охват")
        for column, header in enumerate(["Организация", "Неделя", "Группа", "Всего", "Активных", "Охват, %"]):
            sheet.write_string(0, column, header)
        row = 1
        for index in range(weeks):
            monday = FIRST_WEEK + dt.timedelta(weeks=index)
            label = f"{monday:%d.%m}–{monday + dt.timedelta(days=6):%d.%m.%Y}"
            for group, total in (("педагогические работники", each - each // 12), ("администрация", each // 12)):
                active = min(total, rng.randint(total * index // weeks, total))
                sheet.write_string(row, 0, org)
                sheet.write_string(row, 1, label)
                sheet.write_string(row, 2, group)
                sheet.write_number(row, 3, total)
                sheet.write_number(row, 4, active)
                sheet.write_number(row, 5, round(active * 100 / total, 2) if total else 0)
                row += 1
        book.close()


def main(kind: str, folder: Path) -> None:
    orgs, staff, weeks = SIZES["regional" if kind == "returns" else kind]
    folder.mkdir(parents=True, exist_ok=True)
    for name in ("school.toml", "roadmap.xlsx"):
        shutil.copy(ROOT / "inputs" / name, folder / name)
    if kind == "returns":
        write_returns(folder / "returns", orgs, staff, weeks)
    else:
        write_monitoring(folder / "monitoring.xlsx", orgs, staff, weeks)


if __name__ == "__main__":
    main(sys.argv[1], Path(sys.argv[2]))
