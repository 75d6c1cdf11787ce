"""``roadmap.xlsx``: activities, target indicators, evidence and corrections."""

from __future__ import annotations

import datetime as dt
import math
import re
from functools import partial

from ..errors import Problems
from ..inputs import (
    ADMINISTRATION,
    TEACHERS,
    Activity,
    Correction,
    Evidence,
    Indicator,
    Roadmap,
    School,
)
from ..layout.reading import has_table, read_table
from ..read.cells import MAX_COUNT, CellError, is_empty, key_text, parse_date
from ..read.table import Row, SheetSpec, Table
from ..read.text import clean, header_key, normalize
from ..read.workbook import Workbook
from .deadlines import DeadlineError, parse_deadline
from .families import indicator_family
from .federal import federal_indicators, federal_note, is_federal
from .problems import checked_category, checked_date, problem_at
from .roadmap_colours import Colours, read_colours, refuse_unread
from .roadmap_structure import fill_merged, find_sections, number_of

ACTIVITIES = SheetSpec(
    "Дорожная карта",
    {
        "number": ("№", "№ п/п", "N", "Номер"),
        "title": (
            "Мероприятие", "Мероприятия", "Наименование мероприятия", "Содержание мероприятия",
            "Наименование мероприятий", "Содержание мероприятий", "Мероприятие (действие)",
        ),
        "responsible": (
            "Ответственные", "Ответственный", "Ответственные исполнители", "Исполнитель", "Исполнители",
            "Ответственный исполнитель", "Ответственное лицо",
        ),
        "deadline": ("Срок", "Сроки", "Срок исполнения", "Срок реализации", "Сроки проведения", "Сроки исполнения",
                     "Срок проведения", "Сроки реализации"),
        "result": ("Результат", "Ожидаемый результат", "Результаты", "Планируемый результат", "Ожидаемые результаты",
                   "Планируемые результаты", "Результат (показатель)"),
        "status": ("Статус",),
        "completed_on": ("Дата выполнения",),
        "note": ("Отметка о выполнении",),
    },
    required=(("number",), ("title",), ("responsible",), ("deadline",), ("result",)),
)  # fmt: skip
INDICATORS = SheetSpec(
    "Показатели",
    {
        "text": ("Показатель",),
        "category": ("Категория",),
        "threshold": ("Порог сообщений",),
        "calls": ("Порог звонков", "Звонков не менее"),
        "target": ("Целевое значение, %", "Целевое значение", "Целевое значение %"),
        "deadline": ("Срок",),
        "family": ("Вид показателя", "Вид", "Что измеряется"),
    },
    required=(("text",), ("category",), ("target",), ("deadline",)),
)
EVIDENCE = SheetSpec(
    "Исполнение",
    {"activity": ("№ мероприятия",), "date": ("Дата",), "text": ("Описание",)},
    required=(("activity",), ("date",), ("text",)),
)
CORRECTIONS = SheetSpec(
    "Корректировки",
    {
        "activity": ("№ мероприятия",),
        "new_due": ("Новый срок",),
        "responsible": ("Ответственные",),
        "reason": ("Основание",),
        "decided_on": ("Дата решения",),
    },
    required=(("activity",), ("new_due",), ("decided_on",)),
)
STATUS_MARKS = {
    "выполнено": "выполнено", "выполнен": "выполнено", "выполнена": "выполнено",
    "выполняется": "выполняется", "в работе": "выполняется", "в процессе": "выполняется",
    "не выполнено": "не выполнено", "не выполнен": "не выполнено",
    "отменено": "отменено", "отменен": "отменено", "отменена": "отменено",
}  # fmt: skip

# «Отметка о выполнении» as schools fill it in: a word, or the document that records the result.
_DONE_WORDS = re.compile(r"^(выполнен[оа]?|исполнен[оа]?|реализован[оа]?|проведен[оа]?|сделано)\b")
_DOCUMENT = re.compile(r"^(приказ|протокол|распоряжение|письмо|отчет|справка|акт|решение)\b.*№")
_CITED_DATE = re.compile(r"(\d{1,2}\.\d{1,2}\.\d{4})")


def note_mark(value: object) -> tuple[str | None, dt.date | None]:
    """A completion note as a status: «выполнено», «исполнено», «Приказ № 214 от 29.08.2025» mean
    done (dated by the date cited, if any); a date alone («29.08.2025», a date cell, «24.10.2025 г.»)
    means done on that date; another status word reads as that status. (None, None): not understood."""
    try:
        return "выполнено", parse_date(value)
    except CellError:
        pass
    words = normalize(value).strip(" .")
    cited = None
    found = _CITED_DATE.search(words)
    if found:
        try:
            cited = parse_date(found.group(1))
        except CellError:
            cited = None
    if words in STATUS_MARKS:
        return STATUS_MARKS[words], cited
    if _DONE_WORDS.match(words) or _DOCUMENT.match(words):
        return "выполнено", cited
    return None, None


DEFAULT_INDICATOR_TEXTS = {
    TEACHERS: "Доля педагогических работников, использующих {platform} в рамках исполнения "
    "должностных обязанностей (написавших не менее 10 сообщений за неделю)",
    ADMINISTRATION: "Доля сотрудников органов управления, внедривших {platform} в ежедневную "
    "рабочую коммуникацию (написавших не менее 10 сообщений за неделю)",
}


def load_roadmap(book: Workbook, school: School, problems: Problems) -> Roadmap | None:
    table = read_table(book, ACTIVITIES, problems)
    if table is None:
        return None
    fill_merged(book, table, problems)
    colours = read_colours(book, table, STATUS_MARKS, problems)
    sections = find_sections(table, problems, colours.legend_rows)
    activities = _activities(table, school, problems, sections, colours)
    numbers = {a.number for a in activities}
    indicators, from_file = _indicators(book, school, problems)
    evidence = _evidence(book, numbers, problems)
    corrections = _corrections(book, numbers, school, problems)
    title = _approved_title(table, problems)
    return Roadmap(tuple(activities), indicators, evidence, corrections, from_file, title, tuple(sections.values()))


def _approved_title(table: Table, problems: Problems) -> str:
    """The title rows above the header, as approved («Дорожная карта» / «по внедрению …»): kept verbatim
    (spaces folded) for the documents' titles; the line naming the document itself is left out."""
    lines = [clean(v) for v in table.above if clean(v) and header_key(v) != header_key(ACTIVITIES.name)]
    title = " ".join(lines)
    if title:
        problems.note(table.file, f"название дорожной карты взято из строк над таблицей: «{title}»", table.sheet)
    return title


def _indicator_deadline(problems, table, row, school: School) -> dt.date | None:
    """An indicator's «Срок» read as the roadmap's «Срок» is: a date, «май 2027», «до 30.12.2023»."""
    value = row.get("deadline")
    if is_empty(value):
        problem_at(problems, table, row, "deadline", "missing_value", "не указан срок")
        return None
    try:
        return parse_deadline(value, school).due
    except DeadlineError as exc:
        problem_at(problems, table, row, "deadline", "bad_deadline", str(exc), value=value)
        return None


def _date(problems, table, row, key, *, required=False) -> dt.date | None:
    return checked_date(row.get(key), partial(problem_at, problems, table, row, key), required)


def _text(row: Row, key: str) -> str:
    value = row.get(key)
    return "" if value is None else clean(value)


def _activities(table: Table, school: School, problems: Problems, sections: dict, colours: Colours) -> list[Activity]:
    activities, seen, unread = [], {}, []
    for row in table.rows:
        if row.is_blank() or row.number in sections or row.number in colours.legend_rows:
            continue
        number = number_of(row)
        title = _text(row, "title")
        if not number:
            problem_at(problems, table, row, "number", "missing_value", "не указан номер мероприятия")
            continue
        if number in seen:
            problem_at(
                problems, table, row, "number", "duplicate_row",
                f"номер мероприятия повторяется (уже есть в строке {seen[number]})", value=number,
            )  # fmt: skip
            continue
        seen[number] = row.number
        if not title:
            problem_at(problems, table, row, "title", "missing_value", "не указано мероприятие")
        if not _text(row, "responsible"):
            problem_at(problems, table, row, "responsible", "missing_value", "не указаны ответственные")
        deadline = None
        if is_empty(row.get("deadline")):
            problem_at(problems, table, row, "deadline", "missing_value", "не указан срок")
        else:
            try:
                deadline = parse_deadline(row.get("deadline"), school)
            except DeadlineError as exc:
                problem_at(problems, table, row, "deadline", "bad_deadline", str(exc), value=row.get("deadline"))
        mark = None
        if table.has("status") and not is_empty(row.get("status")):
            mark = STATUS_MARKS.get(normalize(row.get("status")).strip(" ."))
            if mark is None:
                problem_at(
                    problems, table, row, "status", "bad_status", "неизвестный статус",
                    value=row.get("status"),
                    hint="Допустимо: «выполнено», «выполняется», «не выполнено», «отменено»",
                )  # fmt: skip
        completed = _date(problems, table, row, "completed_on")
        if mark is None and not is_empty(row.get("note")):
            mark, cited = note_mark(row.get("note"))
            if mark is None and cited is None and (table.has("status") or table.has("completed_on")):
                pass  # beside a «Статус» or «Дата выполнения» column the note is evidence text, as the contract says
            elif mark is None and cited is None:
                problem_at(
                    problems, table, row, "note", "bad_status", "отметка о выполнении не прочитана",
                    value=row.get("note"),
                    hint="Напишите «выполнено», дату выполнения (29.08.2025), документ («Приказ № 214 от "
                    "29.08.2025») или «выполняется»; пояснения перенесите в столбец «Результат»",
                )  # fmt: skip
            if mark == "выполнено" and cited:  # done on the date the document cites: the date decides
                mark, completed = None, completed or cited
            if mark or cited:
                said = f"«{mark}»" if mark else f"«выполнено» {completed:%d.%m.%Y}"
                problems.note(
                    table.file, f"строка {row.number}: отметка «{_text(row, 'note')}» прочитана как {said}",
                    table.sheet,
                )  # fmt: skip
        if mark is None and completed is None and row.number in colours.by_row:
            mark = colours.mark(row.number)  # the row's colour, through the sheet's legend
            if mark is None:
                unread.append(row)
        if title and deadline:
            activities.append(
                Activity(
                    number=number,
                    title=title,
                    responsible=_text(row, "responsible"),
                    deadline=deadline,
                    result=_text(row, "result"),
                    status_mark=mark,
                    completed_on=completed,
                    completion_note=_text(row, "note"),
                    row=row.number,
                    label=key_text(row.get("number")),
                )  # fmt: skip
            )
    if unread:
        refuse_unread(table, colours, unread, problems)
    if not seen and not problems:
        problems.add("empty_sheet", table.file, "в дорожной карте нет мероприятий", sheet=table.sheet)
    return activities


def default_indicators(school: School) -> tuple[Indicator, ...]:
    """The approved roadmap's targets, dated in the school year at hand: 30 December of its first
    calendar year (the approved text has 30.12.2023 for 2023/2024)."""
    deadline = dt.date(school.quarters[0][0].year, 12, 30)
    return tuple(
        Indicator(text.format(platform=school.platform), category, 10, 100.0, deadline)
        for category, text in DEFAULT_INDICATOR_TEXTS.items()
    )


def _indicators(book: Workbook, school: School, problems: Problems):
    if not has_table(book, INDICATORS):
        defaults = default_indicators(school)
        problems.note(
            book.name,
            f"нет листа «{INDICATORS.name}»: взяты показатели утверждённой дорожной карты — 100 % педагогических "
            f"работников и 100 % администрации к {defaults[0].deadline:%d.%m.%Y}, не менее 10 сообщений за неделю",
        )
        return defaults, False
    table = read_table(book, INDICATORS, problems)
    if table is None:
        return (), True
    percent_cells = book.percent_cells(table.sheet)
    found, rows = [], 0
    for row in table.rows:
        if row.is_blank():
            continue
        rows += 1
        if is_federal(_text(row, "text")) and is_empty(row.get("category")) and is_empty(row.get("target")):
            threshold = _number(problems, table, row, "threshold", default=0, whole=True)
            deadline = _indicator_deadline(problems, table, row, school) if not is_empty(row.get("deadline")) else None
            pair = federal_indicators(school, int(threshold or 0) or None, deadline)
            found.extend(pair)
            problems.note(table.file, f"строка {row.number}: " + federal_note(pair), table.sheet)
            continue
        report = partial(problem_at, problems, table, row, "category")
        category = checked_category(row.get("category"), report, indicator=True)
        category = indicator_family(problems, table, row, category, _text(row, "text"))
        threshold = _number(problems, table, row, "threshold", default=10, whole=True)
        calls = _number(problems, table, row, "calls", default=0, whole=True) if table.has("calls") else 0
        target = _target(problems, table, row, percent_cells)
        deadline = _indicator_deadline(problems, table, row, school)
        if category and threshold is not None and target is not None and deadline:
            found.append(
                Indicator(
                    _text(row, "text"), category, int(threshold), float(target), deadline, int(calls or 0) or None
                )
            )
    if not rows:
        problems.add(
            "empty_sheet", table.file, "в листе нет ни одного показателя", sheet=table.sheet, row=table.header_row,
            hint="Заполните строки показателей под заголовком или удалите лист — тогда будут взяты показатели "
            "дорожной карты по умолчанию (100 % педагогов и администрации к 30 декабря)",
        )  # fmt: skip
    return tuple(found), True


def _target(problems, table: Table, row: Row, percent_cells: set[tuple[int, int]]) -> float | None:
    """The target in percent.  Excel keeps «100%» as 1.0 with a percent format: honour the format,
    and refuse a bare fraction (1 could be «100 %» or «1 %»: the user says which)."""
    target = _number(problems, table, row, "target", default=None, whole=False)
    if target is None:
        return None
    raw = row.get("target")
    if (row.number, table.columns["target"]) in percent_cells and not isinstance(raw, str):
        target *= 100
    elif target <= 1 and not (isinstance(raw, str) and raw.strip().endswith("%")):
        problem_at(
            problems, table, row, "target", "ambiguous_target", "целевое значение не больше 1 — непонятно, это доля или проценты",
            value=raw, hint="Впишите проценты числом: 100 (а не 1), 75 (а не 0,75) — или задайте ячейке процентный формат",
        )  # fmt: skip
        return None
    if not 0 < target <= 100:
        problem_at(problems, table, row, "target", "bad_value", "целевое значение — от 0 до 100 %", value=raw)
        return None
    return round(target, 6)


def _number(problems, table, row, key, *, default, whole):
    value = row.get(key)
    if is_empty(value):
        if default is None:
            problem_at(problems, table, row, key, "missing_value", "не заполнено")
        return default
    try:  # a date, a flag or «inf» in a number's cell is a located problem, never a crash or a figure
        number = (
            None
            if isinstance(value, bool)
            else float(clean(value).replace(",", ".").rstrip("%").strip() if isinstance(value, str) else value)
        )
    except (ValueError, TypeError):
        number = None
    if number is not None and not math.isfinite(number):
        number = None
    if number is None or (whole and (not number.is_integer() or not 1 <= number <= MAX_COUNT)) or number < 0:
        expected = "целое число больше нуля" if whole else "число"
        problem_at(problems, table, row, key, "bad_value", f"ожидается {expected}", value=value)
        return None
    return number


def _known_activity(problems, table, row, numbers) -> str | None:
    number = number_of(row, "activity")
    if number not in numbers:
        problem_at(
            problems, table, row, "activity", "unknown_activity",
            "нет мероприятия с таким номером в листе «Дорожная карта»", value=number,
        )  # fmt: skip
        return None
    return number


def _evidence(book: Workbook, numbers: set[str], problems: Problems) -> tuple[Evidence, ...]:
    if not has_table(book, EVIDENCE):
        return ()
    table = read_table(book, EVIDENCE, problems)
    found = []
    for row in table.rows if table else []:
        if row.is_blank():
            continue
        number = _known_activity(problems, table, row, numbers)
        day = _date(problems, table, row, "date", required=True)
        if number and day:
            found.append(Evidence(number, day, _text(row, "text")))
    return tuple(found)


def _corrections(book, numbers, school, problems) -> tuple[Correction, ...]:
    if not has_table(book, CORRECTIONS):
        return ()
    table = read_table(book, CORRECTIONS, problems)
    found = []
    for row in table.rows if table else []:
        if row.is_blank():
            continue
        number = _known_activity(problems, table, row, numbers)
        decided = _date(problems, table, row, "decided_on", required=True)
        new_due = None
        raw = row.get("new_due")
        if is_empty(raw):
            problem_at(problems, table, row, "new_due", "missing_value", "не указан новый срок")
        else:
            try:
                new_due = parse_deadline(raw, school)
            except DeadlineError as exc:
                problem_at(problems, table, row, "new_due", "bad_deadline", str(exc), value=raw)
        if number and decided and new_due:
            responsible = _text(row, "responsible") or None
            found.append(Correction(number, new_due.due, new_due.text, responsible, _text(row, "reason"), decided))
    return tuple(found)
