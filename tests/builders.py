"""Build input folders for tests: small workbooks written the way people write them."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from openpyxl import Workbook

SCHOOL_TOML = """\
[organization]
full_name = "Муниципальное автономное общеобразовательное учреждение «Средняя общеобразовательная школа № 24»"
short_name = "МАОУ «СОШ № 24»"

[head]
position = "Директор"
name = "А.Н. Гайдуков"

[executor]
name = "Шмыглева Полина Романовна"
phone = "8 (3452) 00-00-24"

[school_year]
label = "2023/2024"
quarters = [
  ["2023-09-01", "2023-10-27"],
  ["2023-11-07", "2023-12-29"],
  ["2024-01-09", "2024-03-22"],
  ["2024-04-01", "2024-05-24"],
]
"""

# A district's own school.toml: the consolidating body's requisites, not one of its schools'.
DISTRICT_TOML = (
    SCHOOL_TOML.replace(
        'full_name = "Муниципальное автономное общеобразовательное учреждение «Средняя общеобразовательная школа № 24»"',
        'full_name = "Управление образования администрации города Тюмени"',
    )
    .replace('short_name = "МАОУ «СОШ № 24»"', 'short_name = "Управление образования"')
    .replace('position = "Директор"', 'position = "Начальник"\nfull_position = "Начальник управления образования"')
    .replace('name = "А.Н. Гайдуков"', 'name = "Е.В. Смирнова"')
    .replace('name = "Шмыглева Полина Романовна"', 'name = "Кузнецов Иван Олегович"')
)

ROADMAP_HEADERS = ["№", "Мероприятие", "Ответственные", "Срок", "Результат", "Статус", "Дата выполнения"]
ROADMAP_ROWS = [
    ["1.", "Создание чата", "Шмыглева П.Р.", "Август 2023", "Сообщество", "выполнено", None],
    ["2.", "Сетевые сообщества", "Шмыглева П.Р.", "Сентябрь 2023", "Не менее 1", None, dt.date(2023, 9, 20)],
    ["3", "Рекомендации", "Администрация", "Ноябрь 2023", "Письмо", "выполняется", None],
    ["4", "Консультации", "Администрация", "Сентябрь 2023 – май 2024", "", None, None],
    ["5", "Итоги четверти", "Администрация", "Март 2024", "Корректировка", None, None],
    ["6", "Отменённое", "Администрация", "до 30.12.2023", "", "Отменено", None],
]

ROSTER_HEADERS = [
    "ФИО",
    "Табельный номер",
    "Категория",
    "Подразделение",
    "Дата приёма",
    "Дата увольнения",
    "Отсутствует с",
    "Отсутствует по",
]
ROSTER = [
    ["Иванова Анна Петровна", 1, "педагогический работник", "Начальная школа", None, None, None, None],
    ["Семёнова Юлия", 2, "Педагоги", "Основная школа", None, None, None, None],
    ["Петров Илья", 3, "учитель", "Основная школа", dt.date(2023, 11, 8), None, None, None],
    ["Орлова Мария", 4, "Педагогический работник", "Начальная школа", None, None, dt.date(2023, 11, 13), None],
    ["Зайцев Олег", 5, "педагог", "Основная школа", None, dt.date(2023, 11, 13), None, None],
    ["Гайдуков Андрей Николаевич", 6, "АДМИНИСТРАЦИЯ", "Администрация", None, None, None, None],
]
WEEKS = ["23.10.2023", "06.11.2023", "13.11.2023–19.11.2023", dt.date(2023, 11, 22), "27.11.2023", "25.12.2023"]
# Rows: name as typed in the monitoring sheet, then one value per week in WEEKS.
WEEKLY = [
    ["иванова  анна петровна", 10, 12, 10, None, None, 10],
    ["СЕМЕНОВА\u00a0Юлия", 0, 9, "10", 25, None, 10],
    ["Петров Илья", None, 50, 11, 10, None, 10],
    ["Орлова Мария", 10, 10, 30, "-", None, None],
    ["Зайцев Олег", 10, 0, 3, 20, None, None],
    ["Гайдуков Андрей Николаевич", None, 10, "—", 15, None, 10],
    ["Итого", 30, 91, 64, 70, None, 40],
]


class Formula(str):
    """A cell to be saved as a formula (openpyxl saves it uncalculated)."""


class Cached:
    """A cell saved as Excel saves a calculated formula: the formula (``SUM(C4:C9)``, Excel's syntax) and
    the value it computed."""

    def __init__(self, value, formula: str):
        self.value, self.formula = value, formula

    def __repr__(self) -> str:
        return f"Cached({self.value!r}, {self.formula!r})"


def write_xlsx(
    path: Path, sheets: dict[str, list[list]], hidden: frozenset[str] = frozenset(), merges: tuple = ()
) -> Path:
    """Text stays text, even «=1+2»; only ``Formula`` values become formulas (uncalculated) and ``Cached``
    ones calculated formulas; ``hidden`` sheets are hidden; ``merges``: (sheet, row, column, rows down)
    merged, 1-based."""
    book = Workbook()
    book.remove(book.active)
    cached = {}  # sheet's part number -> cell reference -> formula
    for number, (name, rows) in enumerate(sheets.items(), start=1):
        sheet = book.create_sheet(name)
        for r, row in enumerate(rows, start=1):
            for c, value in enumerate(row, start=1):
                if isinstance(value, Cached):
                    cached.setdefault(number, {})[sheet.cell(r, c).coordinate] = value.formula
                    value = value.value
                if value is None:
                    continue
                cell = sheet.cell(r, c, value)
                if isinstance(value, str) and not isinstance(value, Formula):
                    cell.data_type = "s"
        if name in hidden:
            sheet.sheet_state = "hidden"
    for name, r, c, down in merges:
        book[name].merge_cells(start_row=r, start_column=c, end_row=r + down - 1, end_column=c)
    book.save(path)
    if cached:
        _put_formulas(path, cached)
    return path


def _put_formulas(path: Path, cached: dict[int, dict[str, str]]) -> None:
    """Write each ``Cached`` cell's formula before the value openpyxl saved for it."""
    import re
    import zipfile
    from xml.sax.saxutils import escape

    with zipfile.ZipFile(path) as archive:
        parts = {item.filename: archive.read(item.filename) for item in archive.infolist()}
    for number, formulas in cached.items():
        part = f"xl/worksheets/sheet{number}.xml"
        xml = parts[part].decode()
        for reference, formula in formulas.items():
            xml, found = re.subn(rf'(<c r="{reference}"[^>]*>)', lambda m, f=formula: m.group(1) + f"<f>{escape(f)}</f>",
                                 xml, count=1)  # fmt: skip
            assert found, reference
        parts[part] = xml.encode()
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in parts.items():
            archive.writestr(name, data)


def wide_rows(weeks=WEEKS, weekly=WEEKLY, title=True) -> list[list]:
    """The weekly sheet; its «Итого» row is the sum of the rows above, as a spreadsheet's SUM keeps it
    (the tool checks it), however a test changed the cells."""
    rows = [["Мониторинг Сферум, сообщений за неделю"], []] if title else []
    rows.append(["№ п/п", "ФИО"] + list(weeks))
    people = [row for row in weekly if row[0] != "Итого"]
    for number, row in enumerate(weekly, start=1):
        if row[0] == "Итого":
            row = ["Итого", *(_column_sum(people, c) for c in range(1, len(row)))]
        rows.append([number if row[0] != "Итого" else None] + list(row))
    return rows


def resum(rows: list[list], header: int = 2, name: int = 1) -> list[list]:
    """A wide sheet changed after ``wide_rows``: its «Итого» row summed again over the people's rows above
    it, as the spreadsheet's SUM would be (rows labelled «Всего …» are subtotals, left out of it);
    ``name``: the name column, the weeks after it."""
    people = []
    for row in rows[header + 1 :]:
        label = str(row[name] or "")
        if label.startswith("Итого"):
            row[name + 1 :] = [_column_sum(people, c) for c in range(name + 1, len(row))]
        elif not label.startswith(("Всего", "Процент")) and "%" not in label:  # «Доля Иван» is a person
            people.append(row)
    return rows


def row_total(row: list, start: int = 2):
    """A totals column's cell: the row's counts from ``start`` on, summed as ``_column_sum`` sums a column."""
    return _column_sum([[v] for v in row[start:]], 0)


def _column_sum(rows: list[list], column: int):
    """SUM as a spreadsheet takes it: numbers, and counts typed as text; marks and words passed over."""
    total, any_number = 0, False
    for row in rows:
        value = row[column] if column < len(row) else None
        if isinstance(value, bool) or value in (None, ""):
            continue
        if isinstance(value, str):
            text = value.strip()
            if not text.isdigit() or len(text) > 15:  # a count, not a string of digits past any count
                continue
            value = int(text)
        if isinstance(value, int | float):
            total, any_number = total + value, True
    return total if any_number else None


def long_rows(weeks=WEEKS, weekly=WEEKLY) -> list[list]:
    rows = [["Неделя", "ФИО", "Сообщений"]]
    for row in weekly:
        for week, value in zip(weeks, row[1:], strict=True):
            rows.append([week, row[0], value])
    return rows


def make_inputs(
    folder: Path,
    *,
    school: str = SCHOOL_TOML,
    roadmap: dict[str, list[list]] | None = None,
    roster: list[list] | None = None,
    weekly: list[list] | None = None,
) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "school.toml").write_text(school, encoding="utf-8")
    write_xlsx(folder / "roadmap.xlsx", roadmap or {"Дорожная карта": [ROADMAP_HEADERS, *ROADMAP_ROWS]})
    write_xlsx(
        folder / "monitoring.xlsx",
        {"Сотрудники": roster or [ROSTER_HEADERS, *ROSTER], "Мониторинг": weekly or wide_rows()},
    )
    return folder
