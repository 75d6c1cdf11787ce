"""«Сотрудники»: the roster, and how rows of other sheets find their person."""

from __future__ import annotations

import datetime as dt
import difflib
import re
from functools import lru_cache, partial

from ..errors import Problems, row_ranges
from ..inputs import Person
from ..layout.reading import read_table
from ..read.cells import is_empty, key_text
from ..read.table import Row, SheetSpec, Table
from ..read.text import clean, header_key, normalize
from ..read.workbook import Workbook
from ..words import SIGNS, counted
from .categories import category_column
from .names import ShortNames
from .posts import SecondPosts
from .problems import checked_category, checked_date, problem_at
from .sections import categories_from_sections, note_sections

# How districts head the organisation's column: «Наименование ОО» in a regional «Свод», «ОУ», …
ORGANIZATION = ("Организация", "Образовательная организация", "ОО", "Наименование ОО", "Наименование организации",
                "Наименование образовательной организации", "Образовательное учреждение", "Учреждение", "ОУ")  # fmt: skip
NAME = ("ФИО", "Ф.И.О.", "Фамилия, имя, отчество", "Фамилия Имя Отчество", "Сотрудник")
NUMBER = ("Табельный номер", "Таб. номер", "Табельный №", "Таб. №", "Таб.номер")
ROSTER = SheetSpec(
    "Сотрудники",
    {
        "name": NAME,
        "number": NUMBER,
        "category": ("Категория",),
        "position": ("Должность",),
        "department": ("Подразделение", "Уровень образования"),
        "organization": ORGANIZATION,
        "hired": ("Дата приёма", "Дата приема на работу", "Принят"),
        "dismissed": ("Дата увольнения", "Уволен"),
        "absent_from": ("Отсутствует с",),
        "absent_to": ("Отсутствует по",),
        # a platform user's id, to match chat exports by id rather than by name (inputs/chats/)
        "user_id": ("ID пользователя", "ID пользователя платформы"),
        "max_id": ("MAX ID", "ID MAX", "ID в MAX"),
        "vk_id": ("VK ID", "ID VK", "ID ВКонтакте", "ID Сферум", "ID в Сферуме"),
        "telegram_id": ("Telegram ID", "ID Telegram"),
    },
    required=(("name",),),  # and a category: a column, or section rows (validate/sections.py)
)
CLOSE_MATCHES_FOR = 50
NAMESAKES_HINT = (
    "Если это один сотрудник на нескольких должностях (внутреннее совместительство), впишите в его строки "
    "листа «Сотрудники» один и тот же табельный номер — каждая строка со своей категорией; если это разные "
    "сотрудники, добавьте в лист «Мониторинг» столбец «Табельный номер» и у каждого — свою строку"
)
MISSING_NAME_HINT = (
    "Впишите ФИО сотрудника; если в строке суммы — впишите в эту ячейку «Итого» (суммы сверяются), "
    "если подсчёт или доля — «Доля, %» (не сверяется); такие строки не сотрудники"
)
MAX_NAME = 300  # problems that get «Похожие…» hints


def load_roster(book: Workbook, problems: Problems) -> list[Person]:
    """Only the «Сотрудники» sheet (to carry the roster into a new school year)."""
    roster = read_table(book, ROSTER, problems)
    return people_of(roster, problems) if roster else []


_TOTAL_STARTS = ("итого", "всего", "доля", "процент")
_TOTAL = re.compile(r"^(итого|всего)(\b|$)")
# «Доля»/«Процент» only with a word no name has: «Доля» is a surname too.
_SHARE = re.compile(r"^(доля|процент)\b.*(%|написавш|активн|охват|сотрудник|педагог|пользовател|от общего)")


def is_total_row(row: Row, keys: tuple[str, ...] = ("name", "number")) -> bool:
    """«Итого», «Всего по школе», «Доля написавших не менее 10 сообщений, %», «Процент охвата»
    in one of the row's ``keys`` cells."""
    return any(is_total_text(row.get(key)) for key in keys)


_TOTAL_FIRST = frozenset("ИиВвДдПп")  # how «Итого», «Всего», «Доля», «Процент» begin (after spaces)


def is_total_text(value: object) -> bool:
    # a cheap look at the first letters first: a region's roster has 100 000 names to pass
    if not isinstance(value, str) or (value[:1] not in _TOTAL_FIRST and not value[:1].isspace()):
        return False
    if value.lstrip()[:7].casefold().startswith(_TOTAL_STARTS):
        text = header_key(value)
        return bool(_TOTAL.match(text) or _SHARE.match(text))
    return False


@lru_cache(maxsize=8192)
def _label(value) -> str:
    """Positions, departments and organisations repeat down a roster: clean each once."""
    return clean(value) if value is not None else ""


def _whole_number_or_text(value: object) -> bool:
    """A personnel number as Excel holds it: a whole number, or text (2004.5 is a slip, TRUE is no number)."""
    if isinstance(value, bool):
        return False
    if isinstance(value, float):
        return value.is_integer()
    return value is None or isinstance(value, int | str)


WHOLE_ROSTER = "*"  # in ``rejected``: the roster was refused whole (a required column missing)


def people_of(
    table: Table, problems: Problems, rejected: set[str] | None = None, alone: bool = False,
    category: str | None = None,
) -> list[Person]:  # fmt: skip
    """The roster's people (``alone``: the roster is the weekly sheet itself; ``category``: the one its
    sheet's name gives, for rows without another); ``rejected`` receives the keys («#номер», «@фио») of rows refused
    with a problem, so that other sheets do not report the same people again.

    A region's roster has 100 000 rows: the common row (a name, a whole number or none, a known
    category, dates mostly empty) goes through local look-ups and caches of the values that repeat
    down a roster (categories, positions, departments); a cell that is wrong takes the slow path,
    which locates it."""
    people, seen, totals = [], {}, []
    rejected = rejected if rejected is not None else set()
    if not table.has("category"):
        sections = categories_from_sections(table, category)
        if not sections:
            rejected.add(WHOLE_ROSTER)  # one cause: no row of another sheet is then «not in the roster»
            guess = category_column(table)
            mapped = (
                f"; или, если категория — в столбце {guess[0]} «{guess[1]}», сохраните расположение таблиц "
                f"(make-report describe --write) и в разделе листа «{table.sheet}» файла inputs/layout.toml "
                f'строку, что начинается с «{guess[0]} =», замените на: {guess[0]} = {{ as = "Категория", header = "{guess[1]}" }}'
                if guess else "; или сохраните расположение таблиц (make-report describe --write) и в файле "
                f"inputs/layout.toml, в разделе листа «{table.sheet}», в строке столбца с категорией поставьте "
                'as = "Категория"'
            )  # fmt: skip
            problems.add(
                "missing_column", table.file,
                "не найден столбец «Категория», и нет строк-разделов с категориями — пока его нет, строки других "
                "листов со списком сотрудников не сверялись",
                sheet=table.sheet, row=table.header_row,
                hint="Добавьте столбец «Категория» (педагогический работник / администрация) или строку-раздел "
                "«Педагогические работники» над их ФИО и «Администрация» над ФИО администрации"
                + (f"; или добавьте лист «{ROSTER.name}» со списком сотрудников" if alone else "") + mapped,
            )  # fmt: skip
            return []
        note_sections(table, sections, problems, category)
    id_keys = [key for key in _ID_COLUMNS if table.has(key)]  # most rosters have none: no look-up per row
    at = table.columns.get
    i_name, i_number, i_category = at("name"), at("number"), at("category")
    labels = [(key, at(key)) for key in ("position", "department", "organization")]
    date_keys = [key for key in ("hired", "dismissed", "absent_from", "absent_to") if table.has(key)]
    categories: dict[object, str] = {}
    cleaned: dict[object, str] = {}
    posts = SecondPosts()

    def cell(values: list, index: int | None):
        if index is None or index >= len(values):
            return None
        value = values[index]
        return None if value == "" else value

    # Rows are padded to the header's width: a column within it is in every row, and its cell is
    # read with no bounds check (the common case, 100 000 rows); one beyond it, through ``cell``.
    within = len(table.headers)
    fast = all(i is None or i < within for i in (i_name, i_number, i_category, *(i for _, i in labels)))

    def label(value) -> str:
        if value is None or value == "":
            return ""
        found = cleaned.get(value)
        if found is None:
            found = cleaned[value] = clean(value)
        return found

    for row in table.rows:
        values = row.values
        if fast:
            raw_name = values[i_name] if i_name is not None else None
            raw_number = values[i_number] if i_number is not None else None
            raw_name = None if raw_name == "" else raw_name
            raw_number = None if raw_number == "" else raw_number
        else:
            raw_name, raw_number = cell(values, i_name), cell(values, i_number)
        if raw_name is None and raw_number is None and row.is_blank():
            continue
        if is_total_text(raw_name) or is_total_text(raw_number):
            totals.append(row.number)
            continue
        name = clean(raw_name) if raw_name is not None else ""
        number = key_text(raw_number) if raw_number is not None and not is_empty(raw_number) else None
        if (
            raw_number is not None
            and type(raw_number) is not str
            and not (type(raw_number) is float and raw_number.is_integer())  # 2004.0, as calamine gives it
            and not _whole_number_or_text(raw_number)
        ):
            problem_at(
                problems, table, row, "number", "bad_value",
                "табельный номер — дробное число или не текст; номера пишутся целыми числами (2004) или текстом (А-12)",
                value=raw_number,
            )  # fmt: skip
            rejected.update({f"@{normalize(name)}", f"#{number}"})
            continue
        if not name:
            if row.is_blank():
                continue
            problem_at(problems, table, row, "name", "missing_value", "не указаны ФИО", hint=MISSING_NAME_HINT)
            continue
        if len(name) > MAX_NAME:
            problem_at(
                problems, table, row, "name", "bad_value",
                f"в ячейке ФИО {counted(len(name), SIGNS, ' ')} — это не имя (допустимо до {MAX_NAME})", value=name[:60] + "…",
            )  # fmt: skip
            continue
        key = f"#{number}" if number else f"@{normalize(name)}"
        raw_category = (values[i_category] if i_category is not None else None) if fast else cell(values, i_category)
        raw_category = None if raw_category == "" else raw_category
        category = categories.get(raw_category) if isinstance(raw_category, str) else None
        if key in seen:
            if not posts.second(key, name, category or raw_category, row.number, people):
                what = f"табельный номер {number}" if number else "сотрудник с такими ФИО"
                problem_at(
                    problems, table, row, "number" if number else "name", "duplicate_row",
                    f"{what} уже есть в строке {seen[key]}", value=number or name,
                    hint="Оставьте одну строку; если сотрудник работает на двух должностях разных категорий "
                    "(внутреннее совместительство), укажите во второй строке категорию второй должности",
                )  # fmt: skip
            continue
        seen[key] = row.number
        if category is None:
            category = checked_category(raw_category, partial(problem_at, problems, table, row, "category"))
            if category is None:
                rejected.update({f"@{normalize(name)}", *([f"#{number}"] if number else [])})
                continue
            if isinstance(raw_category, str):
                categories[raw_category] = category
        posts.first(key, len(people), row.number)
        dates = {k: _date(table, row, k, problems) for k in date_keys} if date_keys else _NO_DATES
        if dates:
            _check_dates(table, row, dates, problems)
        person_labels = [label(values[i] if fast else cell(values, i)) if i is not None else "" for _, i in labels]
        people.append(
            Person(
                key,
                name,
                category,
                number,
                *person_labels,
                platform_ids=_platform_ids(row, id_keys) if id_keys else (),
                **dates,
            )  # fmt: skip
        )
    if totals:
        problems.note(table.file, f"пропущены как итоговые («Итого»/«Всего»): строки {row_ranges(totals)}", table.sheet)
    posts.note(table, people, problems)
    return people


_NO_DATES: dict = {}


def _check_dates(table: Table, row: Row, dates: dict, problems: Problems) -> None:
    hired, dismissed = dates.get("hired"), dates.get("dismissed")
    absent_from, absent_to = dates.get("absent_from"), dates.get("absent_to")
    if hired and dismissed and dismissed < hired:
        problem_at(problems, table, row, "dismissed", "bad_date", "дата увольнения раньше даты приёма",
                   value=row.get("dismissed"))  # fmt: skip
    if absent_to and not absent_from:
        problem_at(problems, table, row, "absent_from", "missing_value",
                   "указано «Отсутствует по», но не указано «Отсутствует с»")  # fmt: skip
    if absent_from and absent_to and absent_to < absent_from:
        problem_at(problems, table, row, "absent_to", "bad_date", "отсутствие кончается раньше, чем начинается",
                   value=row.get("absent_to"))  # fmt: skip


_ID_COLUMNS = {"user_id": "*", "max_id": "max", "vk_id": "vk", "telegram_id": "telegram"}


def _platform_ids(row: Row, keys: list[str]) -> tuple[tuple[str, str], ...]:
    found = []
    for key in keys:
        platform = _ID_COLUMNS[key]
        value = row.get(key)
        if not is_empty(value):
            text = key_text(value)
            if text:
                found.append((platform, text))
    return tuple(found)


def _date(table, row, key, problems) -> dt.date | None:
    value = row.get(key)
    if value is None:  # most roster date cells are empty: no reporter to build (a region has 400 000)
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    return checked_date(value, partial(problem_at, problems, table, row, key))


class PeopleIndex:
    """Roster look-up by personnel number (when both sheets have it) or by name."""

    def __init__(self, people: list[Person], by_number: bool, rejected: set[str] = frozenset()):
        self.by_number, self.people, self.rejected = by_number, people, rejected
        self.numbers = {p.personnel_number: p for p in people if p.personnel_number}
        # the cell as calamine gives it (2004.0, or the text «А-12») -> the person: no key_text per row
        self.raw_numbers: dict[object, Person] = {}
        if by_number:
            for number, person in self.numbers.items():
                self.raw_numbers[number] = person  # the same text, already clean
                if number.isascii() and number.isdigit() and len(number) <= 15 and (number == "0" or number[0] != "0"):
                    self.raw_numbers[float(number)] = person  # exact: 15 digits fit a float
        self._names: dict[str, Person | None] | None = None
        self._short: ShortNames | None = None
        self.matched: dict[str, str] = {}  # name as written -> roster name, matched by initials or without patronymic

    @property
    def names(self) -> dict[str, Person | None]:
        """Normalised name -> person (None: two people share it); built when first needed."""
        if self._names is None:
            self._names = {}
            for person in self.people:
                name = normalize(person.name)
                self._names[name] = None if name in self._names else person
        return self._names

    def _by_short_name(self, table: Table, row: Row, name: object, problems: Problems):
        """The one roster person a short name fits, None after an ambiguity was reported, or False."""
        if self._short is None:
            self._short = ShortNames(self.people)
        found = self._short.candidates(name)
        if len(found) == 1:
            self.matched[clean(name)] = found[0].name
            return found[0]
        if len(found) > 1:
            problem_at(
                problems, table, row, "name", "ambiguous_person",
                "под эти ФИО подходят несколько сотрудников: " + ", ".join(f"«{p.name}»" for p in found[:5]),
                value=clean(name), hint="Напишите ФИО полностью или укажите табельный номер",
            )  # fmt: skip
            return None
        return False

    def note_matches(self, table: Table, problems: Problems) -> None:
        if self.matched:
            shown = ", ".join(f"«{a}» → «{b}»" for a, b in list(self.matched.items())[:10])
            more = f" и ещё {len(self.matched) - 10}" if len(self.matched) > 10 else ""
            problems.note(
                table.file,
                f"ФИО сопоставлены со списком сотрудников по фамилии и инициалам: {shown}{more}",
                table.sheet,
            )

    @property
    def display(self) -> dict[str, str]:
        return {normalize(p.name): p.name for p in self.people}

    def known(self, name: object, number: object) -> Person | None:
        """The person a row's raw name or number plainly names (a region's 100 000 rows), or None:
        then ``find`` decides, and says what is wrong."""
        if self.by_number:
            found = self.raw_numbers.get(number)
            if found is not None:
                return found
            return None if is_empty(number) else self.numbers.get(key_text(number))
        if isinstance(name, str) and name:
            wanted = normalize(name)
            return None if f"@{wanted}" in self.rejected else self.names.get(wanted)
        return None

    def find(self, table: Table, row: Row, problems: Problems) -> Person | None:
        number = row.get("number")
        if self.by_number and not is_empty(number):
            person = self.numbers.get(key_text(number))
            if person is None and not {f"#{key_text(number)}", WHOLE_ROSTER} & self.rejected:  # said already
                problem_at(
                    problems, table, row, "number", "unknown_person",
                    "табельного номера нет в листе «Сотрудники»", value=key_text(number),
                )  # fmt: skip
            return person
        name = row.get("name")
        if is_empty(name):
            problem_at(problems, table, row, "name", "missing_value", "не указаны ФИО", hint=MISSING_NAME_HINT)
            return None
        wanted = normalize(name)
        if (
            f"@{wanted}" in self.rejected or WHOLE_ROSTER in self.rejected
        ):  # the roster row (or all) refused, and said so
            return None
        if wanted not in self.names:
            person = self._by_short_name(table, row, name, problems)
            if person is not False:
                return person
            if problems.full:
                problems.more += 1
                return None
            close = []
            if len(problems.items) < CLOSE_MATCHES_FOR:  # a costly look-up: only where someone reads it
                close = difflib.get_close_matches(wanted, list(self.display), n=3, cutoff=0.6)
            hint = (
                "Похожие в листе «Сотрудники»: " + ", ".join(self.display[c] for c in close)
                if close
                else "Добавьте сотрудника в лист «Сотрудники»"
            )
            problem_at(
                problems,
                table,
                row,
                "name",
                "unknown_person",
                "сотрудника нет в листе «Сотрудники»",
                value=clean(name),
                hint=hint,
            )
            return None
        person = self.names[wanted]
        if person is None:
            problem_at(
                problems, table, row, "name", "ambiguous_person",
                "в листе «Сотрудники» несколько строк с такими ФИО и разными табельными номерами: это разные "
                "сотрудники или один на нескольких должностях? Программа не угадывает", value=clean(name),
                hint=NAMESAKES_HINT,
            )  # fmt: skip
        return person
