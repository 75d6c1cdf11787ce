"""A district's inputs for the server's tests: its school.toml, two organisations, their weekly returns."""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path

import openpyxl

from .builders import DISTRICT_TOML, ROADMAP_HEADERS, ROADMAP_ROWS, write_xlsx

SCHOOL, GARDEN = "МАОУ «СОШ № 24»", "МАДОУ «Детский сад № 5»"
INDICATORS = [
    ["Показатель", "Категория", "Порог сообщений", "Целевое значение, %", "Срок"],
    ["Доля педагогов", "педагогические работники", 10, 75, dt.date(2023, 12, 30)],
    ["Доля администрации", "администрация", 10, 100, dt.date(2023, 12, 30)],
]
HEADERS = ["Организация", "Неделя", "Группа", "Всего", "Активных", "Охват, %"]


def district_inputs(folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "school.toml").write_text(DISTRICT_TOML, encoding="utf-8")
    write_xlsx(folder / "organizations.xlsx", {"Организации": [["Организация", "Полное наименование"],
               [SCHOOL, "Муниципальное автономное общеобразовательное учреждение «СОШ № 24»"],
               [GARDEN, "Муниципальное автономное дошкольное образовательное учреждение «Детский сад № 5»"]]})  # fmt: skip
    write_xlsx(folder / "roadmap.xlsx", {"Дорожная карта": [ROADMAP_HEADERS, *ROADMAP_ROWS], "Показатели": INDICATORS})
    return folder


def weekly_return(organization: str, teachers=(59, 54), administration=(8, 8), week="25.12–31.12.2023") -> bytes:
    """A return as ``make-report week`` writes it (sheet «Охват»)."""
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Охват"
    sheet.append(HEADERS)
    for group, (total, active) in (("администрация", administration), ("педагогические работники", teachers)):
        sheet.append([organization, week, group, total, active, round(100 * active / total, 2)])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
