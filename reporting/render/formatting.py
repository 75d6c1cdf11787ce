"""Russian formatting of figures and dates: a decimal comma, CLDR's Russian plural rule.

Both are a few lines of the standard library (babel, 34 MB, was used for these two calls only);
``tests/test_formatting.py`` holds them to CLDR's own examples."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from fractions import Fraction

from ..compute.model import Status
from ..words import counted, genitive

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
# The «connected» family: the group's label, said of membership in the school's chats.
CATEGORY_LABELS |= {
    group + "_connected": label + ", подключённые к чатам" for group, label in list(CATEGORY_LABELS.items())
}


def person_categories(person) -> str:
    """Her category, and those of her other posts (внутреннее совместительство)."""
    return "; ".join(CATEGORY_LABELS[c] for c in (person.category, *person.other_posts))


# Noun phrases by CLDR plural form: one / few / many.
CATEGORY_NOUNS = {
    "teachers": ("педагогический работник", "педагогических работника", "педагогических работников"),
    "administration": ("сотрудник администрации", "сотрудника администрации", "сотрудников администрации"),
    "other": ("работник прочего персонала", "работника прочего персонала", "работников прочего персонала"),
    "all": ("работник", "работника", "работников"),
    "parents": ("родитель", "родителя", "родителей"),
    "pupils": ("обучающийся", "обучающихся", "обучающихся"),
}
CATEGORY_NOUNS |= {group + "_connected": nouns for group, nouns in list(CATEGORY_NOUNS.items())}
ACTIVITY_NOUNS = ("мероприятие", "мероприятия", "мероприятий")
ORGANIZATION_NOUNS = ("организация", "организации", "организаций")
WEEK_NOUNS = ("неделю", "недели", "недель")  # «мониторинг проводился 1 неделю / 3 недели / 8 недель»


def half_up(value: Fraction | float | int, digits: int = 1) -> Decimal:
    """Rounded once, half up, from the exact value: 49/59 → 83,1 (83,0508…), 50/59 → 84,7.
    A float is a figure as typed (a target of 100 or 99.5), taken at its written value."""
    exact = value if isinstance(value, Fraction) else Fraction(str(value))
    scaled = abs(exact) * 10**digits
    whole = (scaled.numerator * 2 + scaled.denominator) // (2 * scaled.denominator)
    return Decimal(-whole if exact < 0 else whole).scaleb(-digits)


def number(value: Fraction | float | int, digits: int = 1) -> str:
    return f"{half_up(value, digits):.{digits}f}".replace(".", ",")


def percent(value: Fraction | float | None, digits: int = 1) -> str:
    """A share in percent for display: pass the exact ``share``, never an already rounded figure."""
    return "—" if value is None else f"{number(value, digits)}{NBSP}%"


def points(value: Fraction | float | None) -> str:
    """A change in percentage points with its sign: «+2,5 п. п.»."""
    if value is None:
        return "—"
    shown = half_up(value)  # the sign of what is shown: +0,01 is «0,0», not «+0,0»
    sign = "+" if shown > 0 else ("−" if shown < 0 else "")
    return f"{sign}{number(abs(shown))}{NBSP}п.{NBSP}п."


def quoted(text: str) -> str:
    """A title quoted inside the report's own sentence, as Russian typography has it: inner quotes
    become „…“ («Мероприятие № 1 «Создание чата МАОУ „СОШ №24“»»), and a closing period is left to
    the sentence («…родителей.»: → «…родителей»:). The title itself, in its own table cell, stays
    as approved."""
    inner = text.strip()
    if inner.endswith(".") and not inner.endswith(".."):
        inner = inner[:-1]
    depth, out = 0, []
    for char in inner:
        if char == "«":
            out.append("„" if depth == 0 else char)
            depth += 1
        elif char == "»" and depth:
            depth -= 1
            out.append("“" if depth == 0 else char)
        else:
            out.append(char)
    return f"«{''.join(out)}»"


def short_date(day: dt.date | None) -> str:
    return "" if day is None else day.strftime("%d.%m.%Y")


def plural(count: int, forms: tuple[str, str, str]) -> str:
    """«1 педагогический работник», «3 … работника», «5 … работников»."""
    return counted(count, forms)


def after_at_least(count: int, one: str, many: str) -> str:
    """A count after «не менее» (genitive): «1 звонка», «21 сообщения», «10 звонков»."""
    return f"{count} {genitive(count, one, many)}"


def week_label(monday: dt.date) -> str:
    return f"{monday:%d.%m}–{monday + dt.timedelta(days=6):%d.%m.%Y}"
