"""``make-report init``: blank inputs for a new school year, ready to fill in Excel."""

from __future__ import annotations

import datetime as dt
import re

from ..errors import InputError, Problem
from ..inputs import BLANK_TEXTS, HELP_SHEET, STATUS_WORDS, Person
from ..render.formatting import CATEGORY_LABELS
from .xlsx_safe import new_book

YEAR = re.compile(r"^(\d{4})/(\d{4})$")
CATEGORIES = ["педагогический работник", "администрация"]
STATUSES = sorted(STATUS_WORDS)

SCHOOL_TOML = """\
# Организация и календарь учебного года {label}. Заполните и сохраните в UTF-8.
[organization]
full_name  = "{full_name}"
short_name = "{short_name}"
city = ""

[head]                      # подписывает и утверждает документы
position = "Директор"
name     = "{head_name}"

[platform]
name = "Сферум/VK Мессенджер"   # или "MAX"

[executor]                  # исполнитель (координатор) в отчёте
name  = ""
phone = ""

[letter]                    # адресат сопроводительного письма (--letter)
addressee = '''
'''

[school_year]
label = "{label}"
{calendar}"""
# The months each kind's periods usually start and end in: the blanks a school fills with its days
CALENDAR_MONTHS = {
    "четверть": ((9, 10), (11, 12), (1, 3), (4, 5)),
    "триместр": ((9, 11), (12, 2), (3, 5)),
    "модуль": ((9, 10), (10, 12), (1, 2), (2, 4), (4, 5)),
    "полугодие": ((9, 12), (1, 5)),
}

ROADMAP_HELP = [
    "Лист «Дорожная карта»: одна строка — одно мероприятие, как в утверждённой дорожной карте.",
    "Срок пишется так, как принято: «Август 2024», «Сентябрь 2024 – май 2025», «до 30.12.2024», «ежеквартально».",
    "Статус выбирается из списка; «Дата выполнения» — дата, когда мероприятие выполнено.",
    "Лист «Показатели»: целевые показатели (категория, порог сообщений в неделю, цель в %, срок) — или одна "
    "строка «Федеральные показатели» (выбирается из списка в столбце «Показатель»): 75 % работников, 30 % "
    "обучающихся и 30 % родителей, активных за неделю (обучающиеся и родители — по листу «Охват»).",
    "Лист «Исполнение»: что сделано по мероприятию и когда — попадает в отчёт за {name}.",
    "Лист «Корректировки»: решения о переносе сроков (по итогам {of}).",
]
MONITORING_HELP = [
    "Лист «Сотрудники»: все педагогические работники и администрация; категория выбирается из списка.",
    "Даты приёма, увольнения и длительного отсутствия (например, декретный отпуск) — чтобы считать охват верно.",
    "Лист «Мониторинг»: число сообщений каждого сотрудника за неделю (столбец недели с понедельника по воскресенье).",
    "Пустая клетка в заполненной неделе — 0 сообщений; неделя, где нет ни одного числа, считается непроверенной.",
    "Еженедельно: make-report check — покажет охват за последнюю неделю и ошибки в данных.",
]


def parse_year(label: str) -> tuple[int, int]:
    match = YEAR.match(label.strip())
    if not match or int(match[2]) != int(match[1]) + 1 or not 2000 <= int(match[1]) < 2100:
        raise InputError([Problem("bad_option", "--year", "учебный год пишется как 2024/2025", value=label)])
    return int(match[1]), int(match[2])


def school_toml(label: str, kind: str = "четверть") -> bytes:
    first, second = parse_year(label)
    blanks = {
        "full_name": BLANK_TEXTS["organization", "full_name"],
        "short_name": BLANK_TEXTS["organization", "short_name"],
        "head_name": BLANK_TEXTS["head", "name"],
    }
    return SCHOOL_TOML.format(label=label, calendar=_calendar(kind, first, second), **blanks).encode("utf-8")


def _calendar(kind: str, first: int, second: int) -> str:
    """The [school_year] dates to fill: quarters as the files of earlier years have them, any other kind
    as ``kind`` and ``periods``."""
    from ..periods import KINDS

    found = KINDS[kind]
    word = f"{found.adjective('каждой', 'каждого', 'каждого')} {found.genitive}"
    rows = "".join(f'  ["{first if a >= 9 else second}-{a:02d}-__", "{first if b >= 9 else second}-{b:02d}-__"],\n'
                   for a, b in CALENDAR_MONTHS[kind])  # fmt: skip
    head = "" if kind == "четверть" else f'kind = "{kind}"\n'
    key = "quarters" if kind == "четверть" else "periods"
    more = " Модулей может быть от 4 до 6: добавьте или уберите строки." if kind == "модуль" else ""
    return (
        f"{head}# Первый и последний учебный день {word} (ГГГГ-ММ-ДД) по календарю школы.\n"
        f"# Заполните: без них отчёт не строится.{more}\n{key} = [\n{rows}]\n"
    )


def _help_sheet(book, formats, lines: list[str]) -> None:
    sheet = book.add_worksheet(HELP_SHEET)
    sheet.set_column(0, 0, 120)
    for row, line in enumerate(lines):
        sheet.write_string(row, 0, line, formats["wrap"])


def _headers(sheet, formats, headers: list[str], widths: list[int]) -> None:
    for column, (header, width) in enumerate(zip(headers, widths, strict=True)):
        sheet.write_string(0, column, header, formats["header"])
        sheet.set_column(column, column, width)
    sheet.freeze_panes(1, 0)


def roadmap_xlsx(label: str, kind: str = "четверть") -> bytes:
    first, _ = parse_year(label)
    book, buffer, formats = new_book(dt.date(first, 9, 1), f"Дорожная карта {label}", "")
    sheet = book.add_worksheet("Дорожная карта")
    _headers(sheet, formats, ["№", "Мероприятие", "Ответственные", "Срок", "Результат", "Статус", "Дата выполнения",
                              "Отметка о выполнении"], [5, 60, 25, 25, 40, 16, 16, 40])  # fmt: skip
    sheet.data_validation(1, 5, 500, 5, {"validate": "list", "source": STATUSES})
    sheet.set_column(6, 6, 16, formats["date"])
    indicators = book.add_worksheet("Показатели")
    _headers(
        indicators,
        formats,
        ["Показатель", "Категория", "Порог сообщений", "Целевое значение, %", "Срок"],
        [80, 26, 16, 20, 14],
    )
    indicators.data_validation(1, 1, 100, 1, {"validate": "list", "source": CATEGORIES})
    from ..inputs import FEDERAL_ROW

    # any text may be typed; the list offers the federal pair as one row (validate/federal.py)
    indicators.data_validation(1, 0, 100, 0, {"validate": "list", "source": [FEDERAL_ROW], "show_error": False})
    indicators.set_column(4, 4, 14, formats["date"])
    for row, category in enumerate(CATEGORIES, start=1):
        indicators.write_string(row, 1, category)
        indicators.write_number(row, 2, 10)
        indicators.write_number(row, 3, 100)
    for name, headers, widths in (
        ("Исполнение", ["№ мероприятия", "Дата", "Описание"], [14, 14, 80]),
        (
            "Корректировки",
            ["№ мероприятия", "Новый срок", "Ответственные", "Основание", "Дата решения"],
            [14, 20, 25, 50, 14],
        ),
    ):
        sheet = book.add_worksheet(name)
        _headers(sheet, formats, headers, widths)
    from ..periods import KINDS

    found = KINDS[kind]
    _help_sheet(book, formats, [line.format(name=found.name, of=found.genitive) for line in ROADMAP_HELP])
    book.close()
    return buffer.getvalue()


def week_mondays(label: str) -> list[dt.date]:
    """Every Monday from the first school week of September to the end of May: one column each."""
    first, second = parse_year(label)
    start = dt.date(first, 9, 1)
    # 1 September on a weekend: school starts the Monday after, and the week before is summer.
    week = (
        start + dt.timedelta(days=7 - start.weekday())
        if start.weekday() >= 5
        else start - dt.timedelta(days=start.weekday())
    )
    weeks = []
    while week <= dt.date(second, 5, 31):
        weeks.append(week)
        week += dt.timedelta(weeks=1)
    return weeks


def monitoring_xlsx(label: str, roster: list[Person]) -> bytes:
    first, _ = parse_year(label)
    book, buffer, formats = new_book(dt.date(first, 9, 1), f"Мониторинг {label}", "")
    sheet = book.add_worksheet("Сотрудники")
    headers = ["ФИО", "Табельный номер", "Категория", "Должность", "Подразделение", "Дата приёма", "Дата увольнения",
               "Отсутствует с", "Отсутствует по"]  # fmt: skip
    _headers(sheet, formats, headers, [38, 16, 26, 30, 30, 14, 14, 14, 14])
    sheet.data_validation(1, 2, 2000, 2, {"validate": "list", "source": CATEGORIES})
    sheet.set_column(5, 8, 14, formats["date"])
    for row, p in enumerate(roster, start=1):
        values = [p.name, p.personnel_number, CATEGORY_LABELS[p.category].lower(), p.position, p.department,
                  p.hired, None, p.absent_from, p.absent_to]  # fmt: skip
        for column, value in enumerate(values):
            if isinstance(value, dt.date):
                sheet.write_datetime(row, column, dt.datetime.combine(value, dt.time()), formats["date"])
            elif value:
                sheet.write_string(row, column, str(value))
    weekly = book.add_worksheet("Мониторинг")
    weeks = [f"{w:%d.%m.%Y}–{w + dt.timedelta(days=6):%d.%m.%Y}" for w in week_mondays(label)]
    _headers(weekly, formats, ["ФИО", "Табельный номер", *weeks], [38, 16, *[12] * len(weeks)])
    weekly.freeze_panes(1, 2)
    for row, p in enumerate(roster, start=1):
        weekly.write_string(row, 0, p.name)
        if p.personnel_number:
            weekly.write_string(row, 1, p.personnel_number)
    _help_sheet(book, formats, MONITORING_HELP)
    book.close()
    return buffer.getvalue()


def carried_roster(people: tuple[Person, ...], label: str) -> list[Person]:
    """Staff still employed when the new year starts; absences that ended are dropped."""
    start = dt.date(parse_year(label)[0], 9, 1)
    kept = []
    for p in people:
        if p.dismissed is not None and p.dismissed < start:
            continue
        ended = p.absent_to is not None and p.absent_to < start
        kept.append(Person(p.key, p.name, p.category, p.personnel_number, p.position, p.department, p.organization,
                           p.hired, None, None if ended else p.absent_from, None if ended else p.absent_to))  # fmt: skip
    return sorted(kept, key=lambda p: (p.category, p.name))
