"""Russian formatting of figures and dates (babel: CLDR rules, not string tricks)."""

from __future__ import annotations

import datetime as dt

from babel import Locale
from babel.numbers import format_decimal

from ..compute.model import Status

RU = Locale("ru")
NBSP = "\u00a0"

STATUS_LABELS = {
    Status.DONE: "выполнено",
    Status.IN_PROGRESS: "выполняется",
    Status.OVERDUE: "просрочено",
    Status.NOT_STARTED: "не начато",
    Status.CANCELLED: "отменено",
}
VERDICT_LABELS = {"met": "достигнут", "not_met": "не достигнут", "pending": "срок не наступил"}
CATEGORY_LABELS = {
    "teachers": "Педагогические работники",
    "administration": "Администрация",
    "other": "Прочий персонал",
    "all": "Все работники",
    "parents": "Родители (законные представители)",
    "pupils": "Обучающиеся",
}
# Noun phrases by CLDR plural form: one / few / many.
CATEGORY_NOUNS = {
    "teachers": ("педагогический работник", "педагогических работника", "педагогических работников"),
    "administration": ("сотрудник администрации", "сотрудника администрации", "сотрудников администрации"),
    "other": ("работник прочего персонала", "работника прочего персонала", "работников прочего персонала"),
    "all": ("работник", "работника", "работников"),
    "parents": ("родитель", "родителя", "родителей"),
    "pupils": ("обучающийся", "обучающихся", "обучающихся"),
}
ACTIVITY_NOUNS = ("мероприятие", "мероприятия", "мероприятий")
ORGANIZATION_NOUNS = ("организация", "организации", "организаций")
WEEK_NOUNS = ("неделю", "недели", "недель")  # «мониторинг проводился 1 неделю / 3 недели / 8 недель»


def number(value: float, digits: int = 1) -> str:
    return format_decimal(value, format="0." + "0" * digits if digits else "0", locale=RU)


def percent(value: float | None, digits: int = 1) -> str:
    return "—" if value is None else f"{number(value, digits)}{NBSP}%"


def points(value: float | None) -> str:
    """A change in percentage points with its sign: «+2,5 п. п.»."""
    if value is None:
        return "—"
    sign = "+" if value > 0 else ("−" if value < 0 else "")
    return f"{sign}{number(abs(value))}{NBSP}п.{NBSP}п."


def short_date(day: dt.date | None) -> str:
    return "" if day is None else day.strftime("%d.%m.%Y")


def plural(count: int, forms: tuple[str, str, str]) -> str:
    """«1 педагогический работник», «3 … работника», «5 … работников»."""
    form = RU.plural_form(count)
    word = {"one": forms[0], "few": forms[1]}.get(form, forms[2])
    return f"{count}{NBSP}{word}"


def after_at_least(count: int, one: str, many: str) -> str:
    """A count after «не менее» (genitive): «1 звонка», «21 сообщения», «10 звонков»."""
    return f"{count} {one if count % 10 == 1 and count % 100 != 11 else many}"


def week_label(monday: dt.date) -> str:
    return f"{monday:%d.%m}–{monday + dt.timedelta(days=6):%d.%m.%Y}"
