"""The layout stage's reader: each table as layout.toml declares it, or as inferred — and recorded.

Validators call ``read_table`` from here: it follows a declared layout strictly (a sheet renamed,
a header changed, a column gone is a located error that says what to edit), or else lets the
reader infer one; either way the layout used is recorded on the workbook for ``describe`` and the
reading report.
"""

from __future__ import annotations

import dataclasses

from ..errors import Problems
from ..read.header_levels import composed_headers
from ..read.refs import column_index, column_letters
from ..read.split_names import join_split_names
from ..read.subcolumns import ROLE_WORDS
from ..read.table import (
    SheetSpec,
    Table,
    build_table,
    find_sheet,
    infer_table,
    mark_turned,
    sheets_by_content,
    transpose,
)
from ..read.text import clean, header_key
from ..read.workbook import Workbook, WorkbookUnreadable
from .declared import FILE, REDO
from .model import UNDECIDED, UNUSED, WEEK, ColumnLayout, DeclaredTable, TableLayout


def read_table(book: Workbook, spec: SheetSpec, problems: Problems) -> Table | None:
    declared = book.declared.get(header_key(spec.name))
    if declared is not None:
        table = _follow(book, spec, declared, problems)
    elif find_sheet(book, spec.name) is None and sheets_by_content(book, spec):
        table = _by_content(book, spec, problems)
    else:
        candidate: dict = {}
        table = infer_table(book, spec, problems, candidate)
        if table is None and candidate:
            book.layouts[spec.name] = _draft(book, spec, candidate)
    if table is not None:
        table.layouts = book.layouts
        book.layouts[spec.name] = _recorded(book, spec, table)
    return table


def _by_content(book: Workbook, spec: SheetSpec, problems: Problems) -> Table | None:
    """No sheet of the table's name, but one sheet whose header fits it: read it, and say so; two
    that fit are the user's to choose between, never guessed."""
    found = sheets_by_content(book, spec)
    if len(found) > 1:
        problems.add(
            "ambiguous_sheet", book.name,
            f"листа «{spec.name}» нет, а подходят по заголовкам несколько: {', '.join(f'«{s}»' for s in found)} — "
            "какой из них читать, программа не угадывает",
            hint=f"Переименуйте нужный лист в «{spec.name}» (или удалите лишние), либо укажите его в inputs/layout.toml: "
            f"sheet = \"{found[0]}\", reads_as = \"{spec.name}\" (make-report describe --write запишет черновик)",
        )  # fmt: skip
        return None
    table = infer_table(book, dataclasses.replace(spec, name=found[0]), problems)
    if table is not None:
        table.reads_as = spec.name
        problems.note(book.name, f"листа «{spec.name}» нет: прочитан как «{spec.name}» этот лист — по его "
                      "заголовкам", found[0])  # fmt: skip
    return table


def update_layout(table: Table, **changes) -> None:
    """What the validator learnt of a table after reading it: its orientation, its weeks."""
    found = table.layouts.get(table.reads_as)
    if found is not None:
        table.layouts[table.reads_as] = dataclasses.replace(found, **changes)


def week_layout(table: Table, weeks: dict, candidates=()) -> tuple[ColumnLayout, ...]:
    """The table's columns with the week columns marked: those read (index -> Monday) and those
    whose header reads as a week once its numbering is told (``candidates``)."""
    found = table.layouts.get(table.reads_as)
    if found is None:
        return ()
    marked = set(weeks) | set(candidates)

    def week(c: ColumnLayout) -> ColumnLayout:
        index = column_index(c.letter)
        day = table.sub_roles.get(index) == "day"
        return dataclasses.replace(c, role=WEEK, week=weeks[index].isoformat() if index in weeks else "",
                                   platform="" if day else table.parts.get(index, ""),
                                   day=table.parts.get(index, "") if day else "")  # fmt: skip

    return tuple(week(c) if column_index(c.letter) in marked else c for c in found.columns)


def _recorded(book: Workbook, spec: SheetSpec, table: Table) -> TableLayout:
    roles = {index: spec.title(key) if key not in spec.ignored else UNUSED for key, index in table.columns.items()}
    columns = _columns(table.headers, roles, UNUSED)
    return TableLayout(
        book.name, table.sheet, spec.name, table.header_row, columns=columns, declared=table.declared,
        hidden=table.sheet in book.hidden, counts=table.counts or "numbers", week_numbers=table.week_numbers,
        turned=table.transposed, subcolumns=tuple((name, ROLE_WORDS[role]) for name, role in table.sub_headers.items()),
    )  # fmt: skip


def _columns(headers: list, roles: dict[int, str], other: str) -> tuple[ColumnLayout, ...]:
    """Each column with a role or a header: its role, or ``other`` for the rest (unused, or «?»)."""
    return tuple(
        ColumnLayout(column_letters(i), clean(h) if h not in (None, "") else "", roles.get(i, other))
        for i, h in enumerate(headers)
        if i in roles or h not in (None, "")
    )


def _draft(book: Workbook, spec: SheetSpec, candidate: dict) -> TableLayout:
    """A table the reader could not place: its likeliest header row, the columns it knows, and «?»
    for the others — for the user to complete in layout.toml."""
    roles = {index: spec.title(key) for key, index in candidate["found"].items()}
    columns = _columns(candidate["headers"], roles, UNDECIDED)
    return TableLayout(book.name, candidate["sheet"], spec.name, candidate["index"] + 1, columns=columns,
                       hidden=candidate["sheet"] in book.hidden)  # fmt: skip


def _follow(book: Workbook, spec: SheetSpec, declared: DeclaredTable, problems: Problems) -> Table | None:
    def wrong(kind: str, message: str, hint: str, **where) -> None:
        problems.add(kind, book.name, message, hint=hint, **where)

    if declared.sheet not in book.sheet_names:
        wrong("missing_sheet", f"по layout.toml ({declared.place}) таблица «{spec.name}» — на листе «{declared.sheet}», "
              "а такого листа в файле нет", f"Листы в файле: {', '.join(f'«{s}»' for s in book.sheet_names)}. "
              f"Впишите в layout.toml sheet = \"…\" с именем нужного листа. {REDO}")  # fmt: skip
        return None
    sheet = declared.sheet
    try:
        rows = book.rows(sheet)
    except WorkbookUnreadable as exc:
        problems.append(exc.problem)
        return None
    if declared.turned:  # rows ↔ columns first: the declaration speaks of the turned sheet
        rows = transpose(rows)
    if "name" in spec.columns:  # the same «ФИО» column the inference appended, where the sheet splits it
        rows = join_split_names(rows, book.name, sheet, problems)
    index = declared.header_row - 1
    if index >= len(rows):
        wrong("missing_column", f"по layout.toml строка заголовков — {declared.header_row}, а в листе строк "
              f"{len(rows)}", f"Впишите в layout.toml ({declared.place}) header_row — номер строки заголовков. {REDO}",
              sheet=sheet)  # fmt: skip
        return None
    headers = list(rows[index])
    known = {column_index(letter) for letter, (role, _) in declared.columns.items() if role not in (WEEK, UNUSED)}
    composed = composed_headers(spec, rows, index, known, declared.subcolumns)  # as describe --write wrote them
    found, weeks, failed = {}, set(), False
    for letter, (role, header) in sorted(declared.columns.items(), key=lambda item: column_index(item[0])):
        column = column_index(letter)
        actual = headers[column] if column < len(headers) else None
        shown = composed[column] if column < len(composed) else None
        if header_key(actual or "") != header_key(header) and header_key(shown or "") != header_key(header):
            failed = True
            wrong("layout_mismatch", f"по layout.toml в столбце {letter} заголовок «{header}», а в файле — "
                  f"«{clean(actual) if actual not in (None, '') else 'пусто'}»",
                  f"Если столбцы переставлены или переименованы, поправьте в layout.toml ({declared.place}) строку "
                  f"{letter} = …; {REDO}", sheet=sheet, row=declared.header_row,
                  column=clean(actual) if actual not in (None, "") else f"{letter} (без заголовка)")  # fmt: skip
            continue
        if role == WEEK:
            weeks.add(column)
        elif role != UNUSED:
            key = spec.key_for(role)
            if key is None:
                failed = True
                problems.add("bad_value", FILE, f"в таблице «{spec.name}» нет столбца «{role}»",
                             column=f"{declared.place}.columns.{letter}", value=role,
                             hint="Подойдут: " + ", ".join(f"«{spec.title(k)}»" for k in spec.columns)
                             + (f", «{WEEK}»" if spec.open_columns else "") + f" или «{UNUSED}» (не читать)")  # fmt: skip
            else:
                found[key] = column
    if declared.weeks is not None:
        first, last = declared.weeks
        weeks.update(c for c in range(first, last + 1) if c not in found.values())
    missing = [group for group in spec.required if not any(k in found for k in group)]
    if missing and not failed:
        failed = True
        problems.add("missing_column", FILE, f"в описании таблицы «{spec.name}» нет обязательного столбца "
                     + " или ".join(f"«{spec.title(k)}»" for k in missing[0]), column=f"{declared.place}.columns",
                     hint="Впишите в [table.columns] букву этого столбца: например, B = { as = \""
                     f"{spec.title(missing[0][0])}\", header = \"…\" }}")  # fmt: skip
    if failed:
        return None
    table = build_table(book, sheet, spec, rows, index, found, problems, declared=True, subroles=declared.subcolumns)
    if declared.turned:
        mark_turned(table)
    if spec.open_columns:
        table.week_columns = sorted(weeks)
    table.counts, table.week_numbers, table.words = declared.counts, declared.week_numbers, declared.words
    problems.note(book.name, f"прочитан по inputs/layout.toml ({declared.place}): строка заголовков — "
                  f"{declared.header_row}; " + _said(spec, found, weeks), sheet)  # fmt: skip
    return table


def _said(spec: SheetSpec, found: dict[str, int], weeks: set[int]) -> str:
    parts = [f"{column_letters(i)} — «{spec.title(k)}»" for k, i in sorted(found.items(), key=lambda kv: kv[1])]
    if weeks:
        parts.append(f"недели — {column_letters(min(weeks))}:{column_letters(max(weeks))} ({len(weeks)})")
    return "столбцы: " + ", ".join(parts) + "; остальные не читаются"


def has_table(book: Workbook, spec: SheetSpec) -> bool:
    """The workbook holds the table: layout.toml declares it, or a sheet is named so."""
    return (header_key(spec.name) in book.declared or find_sheet(book, spec.name) is not None
            or bool(sheets_by_content(book, spec)))  # fmt: skip
