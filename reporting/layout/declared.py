"""``inputs/layout.toml``: read and checked for shape; the reader then follows it strictly.

Only the file's own shape is checked here (keys, types, column letters).  Whether a sheet still
fits what it declares — the sheet there, the headers where they were — is checked by the reader
against the workbook, and whether each role is one the table has, against the table's spec.
"""

from __future__ import annotations

import re

from ..errors import Problems
from ..read.refs import column_index
from ..read.subcolumns import DECLARED_ROLES
from ..read.text import clean, header_key
from .model import COUNTS, UNDECIDED, UNUSED, WEEK, WEEK_NUMBERS, DeclaredTable

FILE = "layout.toml"
_LETTERS = re.compile(r"[A-Z]{1,3}")
_RANGE = re.compile(r"([A-Z]{1,3}):([A-Z]{1,3})")
_COLOUR = re.compile(r"[0-9A-F]{8}")  # a fill as the program names it: ARGB, «FF00B050»
WORDS = {"yes_words": "yes", "no_words": "no", "absence_marks": "absent"}  # a table's own vocabulary
_TABLE_KEYS = {
    "file",
    "sheet",
    "reads_as",
    "header_row",
    "columns",
    "weeks",
    "counts",
    "week_numbers",
    "turned",
    "fills",
    "subcolumns",
    *WORDS,
}
REDO = "Исправьте layout.toml или удалите его и выполните make-report describe --write — он запишется заново"


def load_layout(raw: bytes, problems: Problems) -> dict[str, dict[str, DeclaredTable]]:
    """file name -> the contract's sheet it holds (header_key form is the caller's) -> declaration."""
    from ..validate.school import parse_toml

    data = parse_toml(raw, FILE, problems)
    if data is None:
        return {}
    unknown = sorted(set(data) - {"table"})
    if unknown:
        problems.add("unknown_key", FILE, f"неизвестный раздел «{unknown[0]}»: в layout.toml есть только [[table]]",
                     column=unknown[0], hint=REDO)  # fmt: skip
    tables = data.get("table", [])
    if not isinstance(tables, list) or not all(isinstance(t, dict) for t in tables):
        problems.add("bad_value", FILE, "таблицы пишутся как [[table]] — по разделу на лист", column="table", hint=REDO)
        return {}
    declared: dict[str, dict[str, DeclaredTable]] = {}
    for number, table in enumerate(tables, start=1):
        found = _table(table, f"table[{number}]", problems)
        if found is None:
            continue
        of_file = declared.setdefault(found.file, {})
        if found.reads_as in of_file:
            problems.add("duplicate_row", FILE, f"таблица «{found.reads_as}» файла {found.file} описана дважды: "
                         f"в {of_file[found.reads_as].place} и в {found.place}", column=found.place, hint=REDO)  # fmt: skip
            continue
        of_file[found.reads_as] = found
    return declared


def _table(table: dict, place: str, problems: Problems) -> DeclaredTable | None:
    def bad(key: str, message: str, value=None) -> None:
        problems.add("bad_value", FILE, message, column=f"{place}.{key}", value=value, hint=REDO)

    for key in sorted(set(table) - _TABLE_KEYS):
        problems.add("unknown_key", FILE, f"неизвестный ключ «{key}»; в [[table]] бывают: {', '.join(sorted(_TABLE_KEYS))}",
                     column=f"{place}.{key}", hint=REDO)  # fmt: skip
    texts = {}
    for key in ("file", "sheet", "reads_as"):
        value = table.get(key)
        if not isinstance(value, str) or not value.strip():
            bad(key, f"нужен ключ {key} — текст в кавычках", value)
        texts[key] = value if isinstance(value, str) else ""
    row = table.get("header_row")
    if not isinstance(row, int) or isinstance(row, bool) or not 1 <= row <= 1000:
        bad("header_row", "header_row — номер строки заголовков, целое число от 1", row)
    counts = table.get("counts", "numbers")
    if counts not in COUNTS:
        bad("counts", f"что в ячейках недель, скажите одним из: {', '.join(f'«{c}» ({w})' for c, w in COUNTS.items())}",
            counts)  # fmt: skip
    numbers = table.get("week_numbers", "")
    if numbers not in ("", *WEEK_NUMBERS):
        choices = "; ".join(f"«{k}» — {w}" for k, w in WEEK_NUMBERS.items())
        bad("week_numbers", f"как считать номера недель в заголовках, программа не угадывает; впишите: {choices}",
            numbers)  # fmt: skip
    turned = table.get("turned", False)
    if not isinstance(turned, bool):
        bad("turned", "turned — true (лист повёрнут: недели по строкам) или false", turned)
    words = {}
    for key, kind in WORDS.items():
        value = table.get(key, [])
        if not isinstance(value, list) or not all(isinstance(w, str) and w.strip() for w in value):
            bad(key, f'{key} — список слов в кавычках, например {key} = ["написал(а)", "✓"]', value)
        elif value:
            words[kind] = tuple(value)
    fills = table.get("fills", {})
    if not isinstance(fills, dict) or not all(
        isinstance(c, str) and _COLOUR.fullmatch(c.strip().upper()) and isinstance(w, str) and w.strip()
        for c, w in fills.items()
    ):  # fmt: skip
        bad("fills", 'fills — что значит цвет заливки строки: fills = { "FF00B050" = "выполнено" } (цвет — как в '
            "сообщении программы: 8 знаков ARGB)", fills)  # fmt: skip
        fills = {}
    fills = {c.strip().upper(): w.strip() for c, w in fills.items()}
    subcolumns = table.get("subcolumns", {})
    if not isinstance(subcolumns, dict) or not all(
        isinstance(h, str) and h.strip() and w in DECLARED_ROLES for h, w in subcolumns.items()
    ):  # fmt: skip
        choices = ", ".join(f"«{w}»" for w in DECLARED_ROLES)
        bad("subcolumns", f'subcolumns — роль каждого подстолбца под неделями: subcolumns = {{ "Сферум" = "платформа" }}; '
            f"роли: {choices} (не читать)", subcolumns)  # fmt: skip
        subcolumns = {}
    subcolumns = {header_key(clean(h)): w for h, w in subcolumns.items()}
    columns = _columns(table.get("columns", {}), place, problems)
    weeks = table.get("weeks")
    span = None
    if weeks is not None:
        match = _RANGE.fullmatch(weeks) if isinstance(weeks, str) else None
        if match is None or column_index(match[1]) > column_index(match[2]):
            bad("weeks", 'weeks — столбцы недель, например "C:AL"', weeks)
        else:
            span = (column_index(match[1]), column_index(match[2]))
    if problems.full or any(p.column and p.column.startswith(place + ".") for p in problems.items):
        return None
    return DeclaredTable(texts["file"], texts["sheet"], texts["reads_as"], row, columns, span, counts, numbers, place,
                         turned is True, words, fills, subcolumns)  # fmt: skip


def _columns(columns, place: str, problems: Problems) -> dict[str, tuple[str, str]]:
    if not isinstance(columns, dict):
        problems.add("bad_value", FILE, "columns пишутся как [table.columns]: буква столбца = что в нём",
                     column=f"{place}.columns", hint=REDO)  # fmt: skip
        return {}
    found = {}
    for letter, value in columns.items():
        where = f"{place}.columns.{letter}"
        if not _LETTERS.fullmatch(letter):
            problems.add("bad_value", FILE, "столбец называется буквами, как в Excel: A, B, …, AA", column=where,
                         value=letter, hint=REDO)  # fmt: skip
            continue
        if isinstance(value, str):
            value = {"as": value}
        role, header = (value.get("as"), value.get("header", "")) if isinstance(value, dict) else (None, None)
        if not isinstance(role, str) or not isinstance(header, str) or set(value) - {"as", "header"}:
            problems.add("bad_value", FILE, 'столбец пишется так: B = { as = "ФИО", header = "Ф.И.О." }',
                         column=where, hint=REDO)  # fmt: skip
            continue
        if role.strip() == UNDECIDED:
            problems.add("missing_value", FILE, f"не указано, что в столбце {letter} (заголовок «{header}»)",
                         column=where, hint=f"Впишите вместо «?» заголовок, как его понимает программа (например, "
                         f"«ФИО» или «Категория»), «{WEEK}» для столбца недели или «{UNUSED}», если столбец не нужен")  # fmt: skip
            continue
        found[letter] = (role.strip(), header)
    return found


TABLES = ("«Сотрудники», «Мониторинг», «Звонки», «Охват» (monitoring.xlsx); «Дорожная карта», «Показатели», "
          "«Исполнение», «Корректировки» (roadmap.xlsx); «Организации» (organizations.xlsx)")  # fmt: skip


def check_declared(declared: dict[str, dict[str, DeclaredTable]], books: dict, unread: set, problems: Problems) -> None:
    """Every declaration was followed: a file or a table layout.toml names and nothing read is an error
    (a declaration that silently does nothing would let the user believe it holds)."""
    from ..read.text import header_key

    for name, tables in declared.items():
        book = books.get(name)
        if book is None:
            if name not in unread:
                problems.add("missing_file", FILE, f"layout.toml описывает файл {name}, а его нет во входных данных",
                             column=next(iter(tables.values())).place, value=name,
                             hint=f"Впишите file = \"…\" с именем файла из папки входных данных. {REDO}")  # fmt: skip
            continue
        followed = {header_key(layout.reads_as) for layout in book.layouts.values() if layout.declared}
        failed = any(p.file == name for p in problems.items)
        for table in tables.values():
            if header_key(table.reads_as) not in followed and not failed:
                problems.add("bad_value", FILE, f"таблица «{table.reads_as}» описана, но не прочитана: в файле {name} "
                             "программа такой таблицы не читает", column=f"{table.place}.reads_as",
                             value=table.reads_as, hint=f"Таблицы, которые читаются: {TABLES}")  # fmt: skip
