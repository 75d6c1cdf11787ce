"""Find a sheet's header row under any title rows and map its columns.

Users put titles, dates and notes above the header, spell headers in any
case and spacing, and add columns of their own.  A sheet spec names the
columns we know (with accepted spellings); the header row is the first row
that holds every required group.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cached_property

from ..errors import Problems
from .cells import FormulaError
from .header_levels import header_levels, totals_from_above
from .refs import column_letters
from .split_names import join_split_names, joined_columns
from .subcolumns import CALLS, UNREAD, subcolumns_note, unread_note
from .text import blank, clean, header_key, looks_like_name
from .workbook import Workbook, WorkbookUnreadable

HEADER_SEARCH_ROWS = 30
# the sheets the contract names: each is read under its own name, never taken for another table
CONTRACT_SHEETS = frozenset(("сотрудники", "мониторинг", "звонки", "охват", "дорожная карта", "показатели",
                             "исполнение", "корректировки", "организации", "инструкция"))  # fmt: skip


_PROMPTS = ("ваш", "укажите", "введите", "напишите", "выберите", "сколько", "за какую", "какая", "какой", "какое")


def is_question(text: str) -> bool:
    """A form's question as a column header: «Ваше ФИО», «За какую неделю отчёт?» — never a label with a
    digit («Неделя 5» is a week column, not the «Неделя» of a long sheet)."""
    return bool(text) and not any(c.isdigit() for c in text) and (text.endswith("?") or text.startswith(_PROMPTS))


@dataclass(frozen=True, eq=False)
class SheetSpec:
    name: str
    columns: dict[str, tuple[str, ...]]  # key -> accepted spellings (the first is canonical)
    required: tuple[tuple[str, ...], ...] = ()  # groups: each needs one present key
    ignored: dict[str, str] = field(default_factory=dict)  # known keys the tool does not use -> why
    open_columns: bool = False  # other columns have a meaning of their own (weeks): the validator reports them
    repeatable: tuple[str, ...] = ()  # keys whose header may stand over several columns (a wide form's pairs)
    by_content: tuple[tuple[str, ...], ...] = ()  # without a sheet of this name: a sheet whose header holds
    # one key of each group is the table («Ответы на форму (1)» of a form export)
    by_content_of_week: tuple[tuple[str, ...], ...] = ()  # also, in a workbook that names its one week
    questions: tuple[tuple[str, str], ...] = ()  # (key, a word it holds): a form's question as a header
    # («Сколько сообщений вы написали за неделю?»), tried in order when no spelling fits

    @cached_property
    def _keys(self) -> dict[str, str]:
        """Each spelling's header key -> its key (the first key that spells it so): made once, not per cell."""
        found: dict[str, str] = {}
        for key, spellings in self.columns.items():
            for spelling in spellings:
                found.setdefault(header_key(spelling), key)
        return found

    def key_for(self, header: object) -> str | None:
        wanted = header_key(header)
        key = self._keys.get(wanted)
        if key is not None:
            return key
        if self.questions and is_question(wanted):
            return next((key for key, word in self.questions if word in wanted), None)
        return None

    def title(self, key: str) -> str:
        return self.columns[key][0]


@dataclass(slots=True)  # a region has 100 000 rows a sheet
class Row:
    number: int  # Excel row number
    values: list[object]
    table: Table = field(repr=False)

    def get(self, key: str) -> object:
        index = self.table.columns.get(key)
        if index is None or index >= len(self.values):
            return None
        value = self.values[index]
        return None if value == "" else value

    def is_blank(self) -> bool:
        return all(v is None or (isinstance(v, str) and not clean(v)) for v in self.values)


@dataclass
class Table:
    file: str
    sheet: str
    header_row: int
    headers: list[object]  # as written, by column index
    columns: dict[str, int]  # known key -> column index
    rows: list[Row] = field(default_factory=list)
    above: list[object] = field(default_factory=list)  # the text cells of the title rows above the header
    reads_as: str = ""  # the contract's sheet it is read as («Мониторинг»)
    week_columns: list[int] | None = None  # declared in layout.toml: these columns are weeks (else: inferred)
    counts: str = ""  # what week cells hold, declared: "numbers" or "marks" ("": inferred from the cells)
    week_numbers: str = ""  # declared: how «5 неделя» is read ("school" or "iso"; "": not at all)
    declared: bool = False  # read as layout.toml says
    transposed: bool = False  # the sheet has weeks in rows and people in columns: read turned (rows ↔ columns)
    parts: dict[int, str] = field(default_factory=dict)  # week column -> the platform (or day) of its sub-column
    sub_roles: dict[int, str] = field(default_factory=dict)  # week sub-column -> its role (subcolumns.py)
    sub_headers: dict[str, str] = field(default_factory=dict)  # a sub-header as written -> its role (for describe)
    call_columns: dict[int, str] = field(default_factory=dict)  # a week's «Звонков» sub-column -> its week label
    read_elsewhere: frozenset[int] = frozenset()  # columns another view of the sheet reads (calls, messages)
    words: dict[str, tuple[str, ...]] = field(default_factory=dict)  # declared: "yes"/"no"/"absent" -> more words
    layouts: dict = field(default_factory=dict, repr=False)  # its workbook's layouts as read (layout/reading.py)
    formulas: dict[tuple[int, int], str] = field(default_factory=dict, repr=False)  # (row, column) -> formula kind

    def header(self, key: str) -> str:
        return clean(self.headers[self.columns[key]])

    def has(self, key: str) -> bool:
        return key in self.columns


_COPY_SUFFIX = re.compile(r"\s*\(\d+\)$")  # «Мониторинг (2)»: Excel's and Calc's name for a copied sheet


def find_sheet(book: Workbook, name: str) -> str | None:
    wanted = header_key(name)
    return next((s for s in book.sheet_names if header_key(s) == wanted), None)


def sheets_by_content(book: Workbook, spec: SheetSpec) -> list[str]:
    """Visible sheets not read as anything else whose header fits ``spec.by_content`` (cached per book)."""
    if not spec.by_content:  # a spec that is found by its name only («by_content=()»), in a week's workbook too
        return []
    rules = [spec.by_content] + ([spec.by_content_of_week] if book.period and spec.by_content_of_week else [])
    if spec.name not in book.by_content:
        found = []
        for sheet in book.sheet_names:
            if sheet in book.read or sheet in book.hidden or header_key(sheet) in CONTRACT_SHEETS:
                continue
            try:
                rows = book.rows(sheet, probe=True, limit=HEADER_SEARCH_ROWS)
            except WorkbookUnreadable:
                continue
            for values in rows[:HEADER_SEARCH_ROWS]:
                keys = _match_headers(spec, values)
                if any(all(any(k in keys for k in group) for group in rule) for rule in rules):
                    found.append(sheet)
                    break
        book.by_content[spec.name] = found
    return book.by_content[spec.name]


def hidden_sheet_choice(book: Workbook, sheet: str) -> list[str]:
    """Visible copies of a hidden sheet («Мониторинг (2)» beside a hidden «Мониторинг»): which one is
    current is the school's to say; a hidden sheet is never preferred to a visible one silently."""
    if sheet not in book.hidden:
        return []
    wanted = header_key(sheet)
    return [s for s in book.sheet_names if s not in book.hidden and s != sheet
            and header_key(_COPY_SUFFIX.sub("", s)) == wanted]  # fmt: skip


def infer_table(book: Workbook, spec: SheetSpec, problems: Problems, candidate: dict | None = None) -> Table | None:
    """The sheet as a Table, its header row and columns inferred, or None after recording why it
    cannot be read (``layout.reading.read_table`` follows layout.toml instead where it declares one)."""
    sheet = find_sheet(book, spec.name)
    copies = hidden_sheet_choice(book, sheet) if sheet is not None else []
    if copies:
        problems.add(
            "ambiguous_sheet", book.name,
            f"лист «{sheet}» скрыт, а рядом видимый {', '.join(f'«{c}»' for c in copies)} — похоже, его копия; "
            "какой из них текущий, программа не угадывает",
            sheet=sheet,
            hint=f"Если текущий — «{copies[0]}», удалите скрытый лист «{sheet}» и переименуйте «{copies[0]}» в "
            f"«{sheet}»; если текущий — скрытый, покажите его (Формат → Скрыть или отобразить) и удалите копию",
        )  # fmt: skip
        return None
    if sheet is not None and sheet in book.hidden:
        problems.note(book.name, "лист скрыт в книге, но прочитан: это единственный лист с таким именем", sheet)
    if sheet is None:
        problems.add(
            "missing_sheet",
            book.name,
            f"нет листа «{spec.name}»",
            hint="Листы в файле: " + ", ".join(f"«{s}»" for s in book.sheet_names),
        )
        return None
    try:
        rows = book.rows(sheet)
    except WorkbookUnreadable as exc:
        problems.append(exc.problem)
        return None
    if "name" in spec.columns:
        rows = join_split_names(rows, book.name, sheet, problems)
    best: tuple[int, int, dict[str, int]] | None = None
    for index, values in enumerate(rows[:HEADER_SEARCH_ROWS]):
        found = _match_headers(spec, values)
        groups = sum(any(k in found for k in group) for group in spec.required)
        if groups == len(spec.required) and found:
            return build_table(book, sheet, spec, rows, index, found, problems)
        if best is None or len(found) > best[1]:
            best = (index, len(found), found)
    if candidate is not None and rows:  # what describe can offer the user to complete
        index = best[0] if best and best[1] else max(
            range(min(len(rows), HEADER_SEARCH_ROWS)),
            key=lambda i: (sum(isinstance(v, str) and bool(v.strip()) for v in rows[i]), -i))  # fmt: skip
        candidate.update(sheet=sheet, index=index, found=best[2] if best else {}, headers=list(rows[index]))
    if best is not None and "name" in spec.columns:
        by_content = _name_by_content(book, sheet, spec, rows, best, problems)
        if by_content is not None:
            return by_content if by_content is not False else None
    turned = _transposed(rows) if spec.open_columns else None
    if turned is not None:
        rows, index, name = turned
        table = build_table(book, sheet, spec, rows, index, {"name": name}, problems)
        mark_turned(table)
        problems.note(book.name, "недели записаны по строкам, сотрудники — по столбцам: лист прочитан повёрнутым "
                      "(в сообщениях — места ячеек в самом листе)", sheet)  # fmt: skip
        return table
    missing = [group for group in spec.required if not any(k in (best[2] if best else {}) for k in group)]
    seen = [clean(v) for v in (rows[best[0]] if best and best[1] else (rows[0] if rows else [])) if clean(v or "")]
    spellings = "; ".join(
        " или ".join(f"«{spec.title(k)}»" for k in group)
        + (f" (также: {', '.join(f'«{s}»' for k in group for s in spec.columns[k][1:4])})" if any(
            spec.columns[k][1:] for k in group) else "")
        for group in missing
    )  # fmt: skip
    problems.add(
        "missing_column",
        book.name,
        "не найдены обязательные столбцы: " + ", ".join(" или ".join(f"«{spec.title(k)}»" for k in g) for g in missing),
        sheet=sheet,
        row=best[0] + 1 if best and best[1] else None,
        hint=(f"В строке заголовков найдены: {', '.join(f'«{h}»' for h in seen[:12])}. " if seen else "")
        + f"Подойдут заголовки: {spellings}. Строка заголовков должна быть в первых {HEADER_SEARCH_ROWS} строках листа. "
        "Или скажите сами, что в каком столбце: make-report describe --write запишет inputs/layout.toml, "
        "где вместо «?» впишите, что в столбце",
    )
    return None


NAME_SAMPLE = 50  # data rows looked at to tell a column of ФИО (a sample: a region's sheet is never rescanned)


def _name_by_content(book, sheet, spec, rows, best, problems):
    """The header row holds every required column but the name's, under a header no spelling knows
    («Педагог»): the one column whose values read as ФИО is the name column, and said so. Two such
    columns are the user's to choose between (False); none: None."""
    index, _, found = best
    missing = [group for group in spec.required if not any(k in found for k in group)]
    if not found or len(missing) != 1 or "name" not in missing[0]:
        return None
    sample = rows[index + 1 : index + 1 + NAME_SAMPLE]
    candidates = []
    for column, header in enumerate(rows[index]):
        if column in found.values():
            continue
        values = [row[column] for row in sample if column < len(row) and not blank(row[column])]
        if len(values) >= 3 and sum(looks_like_name(v) for v in values) >= 0.8 * len(values):
            candidates.append((column, clean(header) if not blank(header) else column_letters(column)))
    if not candidates:
        return None
    if len(candidates) > 1:
        problems.add(
            "missing_column", book.name,
            f"нет столбца «{spec.title('name')}», а ФИО похожи значения нескольких столбцов: "
            + ", ".join(f"«{h}»" for _, h in candidates) + " — в каком из них ФИО, программа не угадывает",
            sheet=sheet, row=index + 1,
            hint=f"Подпишите нужный столбец «{spec.title('name')}» или укажите его в inputs/layout.toml "
            f"(make-report describe --write запишет черновик: там вместо «?» впишите «{spec.title('name')}»)",
        )  # fmt: skip
        return False
    column, header = candidates[0]
    table = build_table(book, sheet, spec, rows, index, {**found, "name": column}, problems)
    problems.note(book.name, f"столбец «{header}» прочитан как «{spec.title('name')}»: в нём ФИО (по содержимому)",
                  sheet)  # fmt: skip
    return table


def transpose(rows: list[list[object]]) -> list[list[object]]:
    """Rows ↔ columns: row i of the result is column i of the sheet."""
    width = max((len(row) for row in rows), default=0)
    return [[row[c] if c < len(row) else "" for row in rows] for c in range(width)]


_WEEK_WORD = re.compile(r"^(неделя|недели|период|дата)\b", re.IGNORECASE)


def mark_turned(table: Table) -> None:
    """The table is the sheet turned (weeks down, people across): its formulas' places turn with it."""
    table.transposed = True
    table.formulas = {(column + 1, row - 1): kind for (row, column), kind in table.formulas.items()}


def _transposed(rows: list[list[object]]):
    """Weeks down a column and a row of ФИО across: (the sheet turned, the index of its header row —
    the column of weeks — and that of its name column — the row of names); None when not laid out so."""
    from .weeks import looks_like_week

    for r, values in enumerate(rows[:HEADER_SEARCH_ROWS]):
        names = [c for c, v in enumerate(values) if looks_like_name(v)]
        filled = [c for c, v in enumerate(values) if not blank(v)]
        if len(names) < 2 or len(names) < 0.6 * (len(filled) - 1):
            continue
        first = min(names)
        # two week labels down a column; or one under «Неделя» (a workbook per week, turned)
        weeks = [c for c in range(first) if sum(looks_like_week(row[c]) for row in rows[r + 1 :] if c < len(row))
                 >= (1 if isinstance(values[c], str) and _WEEK_WORD.match(clean(values[c])) else 2)]  # fmt: skip
        if not weeks:
            continue
        return transpose(rows), weeks[-1], r
    return None


def _match_headers(spec: SheetSpec, values: list[object]) -> dict[str, int]:
    found: dict[str, int] = {}
    for index, value in enumerate(values):
        if value is None or value == "":
            continue
        key = spec.key_for(value)
        if key is not None and key not in found:
            found[key] = index
    return found


def build_table(book, sheet, spec, rows, index, found, problems, declared: bool = False, subroles=None) -> Table:
    """The table under header row ``index`` (0-based) with the columns ``found`` (key -> index);
    ``subroles``: layout.toml's roles of the sub-headers under the weeks."""
    merged, split, levels = header_levels(spec, rows, index, set(found.values()), subroles)
    headers = totals_from_above(rows, index, merged or list(rows[index])) if spec.open_columns else None
    table = Table(
        book.name, sheet, index + 1, headers or merged or list(rows[index]), found, reads_as=spec.name,
        declared=declared,
    )  # fmt: skip
    if split:
        minutes = {column for column, role in split.roles.items() if role == UNREAD}
        table.parts, table.sub_headers = split.parts, split.said
        table.sub_roles = {column: role for column, role in split.roles.items() if role != UNREAD}
        for column, role in split.roles.items():
            if role == CALLS:  # read as the «Звонки» sheet is, not as the week's messages
                table.call_columns[column] = table.headers[column]
        table.read_elsewhere = frozenset(table.call_columns) | minutes
        problems.note(book.name, subcolumns_note(split.parts, split.roles, index + levels), sheet)
        unread = unread_note(split.said, index + levels)
        if unread:
            problems.note(book.name, unread, sheet)
        if levels == 3:
            problems.note(book.name, f"заголовок в три строки ({index + 1}–{index + 3}): месяцы, недели и подстолбцы "
                          "недель", sheet)  # fmt: skip
    table.above = [v for row in rows[:index] for v in row if isinstance(v, str) and v.strip()]
    if not declared:
        _note_reading(table, spec, problems)
    if merged and not split:
        problems.note(
            book.name, f"заголовок в две строки ({index + 1}–{index + 2}): недели взяты из строки {index + 2}", sheet
        )
    width = len(table.headers)
    first = index + levels
    table.rows = [
        Row(number, values if len(values) >= width else values + [None] * (width - len(values)), table)
        for number, values in enumerate(rows[first:], start=first + 1)
    ]
    for row, column, text in book.error_cells(sheet):  # read as empty: put the error back in its cell
        if first < row <= len(rows) and column < len(table.rows[row - first - 1].values):
            table.rows[row - first - 1].values[column] = FormulaError(text)
    _duplicate_columns(table, spec, problems)
    _note_hidden(book, table, problems)
    if spec.open_columns:  # a weekly sheet: its unlabelled totals are known by their formulas (validate/totals.py)
        table.formulas = book.formula_kinds(sheet)
    for row, column in book.uncached_formulas(sheet):
        if row > table.header_row:
            header = table.headers[column] if column < len(table.headers) else None
            problems.add(
                "uncached_formula",
                book.name,
                "в ячейке формула без вычисленного значения",
                sheet=sheet,
                row=row,
                column=clean(header) if header not in (None, "") else f"№ {column + 1}",
                hint="Откройте файл в Excel или LibreOffice, пересчитайте и сохраните",
            )
    return table


def _duplicate_columns(table: Table, spec: SheetSpec, problems: Problems) -> None:
    """A field's header twice in the header row: which column holds it? Never the first silently."""
    seen: dict[str, int] = {}
    for index, value in enumerate(table.headers):
        key = spec.key_for(value) if value not in (None, "") else None
        if key is None or key in spec.ignored or key in spec.repeatable:
            continue
        if key in seen:
            problems.add(
                "duplicate_column", table.file,
                f"столбец «{spec.title(key)}» встречается дважды: {column_letters(seen[key])} и {column_letters(index)}",
                sheet=table.sheet, row=table.header_row, column=clean(value),
                hint="Оставьте один столбец с этим заголовком: лишний удалите или переименуйте",
            )  # fmt: skip
        else:
            seen[key] = index


def _note_reading(table: Table, spec: SheetSpec, problems: Problems) -> None:
    """The reading report's lines for a sheet: where its header is, which headers were read as
    which field (when spelled otherwise), which columns are left unused."""
    parts = [f"строка заголовков — {table.header_row}"]
    if table.header_row > 1:
        parts[0] += " (строки выше — заголовок листа, пропущены)"
    renamed = [
        f"«{table.header(key)}» → «{spec.title(key)}»"
        for key in table.columns
        if header_key(table.header(key)) != header_key(spec.title(key)) and key not in spec.ignored
    ]
    if renamed:
        parts.append("прочитаны как: " + ", ".join(renamed))
    unused = [f"«{table.header(key)}» ({why})" for key, why in spec.ignored.items() if table.has(key)]
    if not spec.open_columns:
        known = set(table.columns.values())
        known |= joined_columns(table)  # joined into the appended «ФИО» (split_names.py)
        unused += [
            f"«{clean(h)}»" for i, h in enumerate(table.headers) if i not in known and h not in (None, "") and clean(h)
        ]
    if unused:
        parts.append("не используются: " + ", ".join(unused))
    problems.note(table.file, "; ".join(parts), table.sheet)


def _note_hidden(book: Workbook, table: Table, problems: Problems) -> None:
    """Rows and columns hidden by hand or by a filter are read like the others: the reading report
    names those inside the table, so that nobody takes a hidden row for one left out."""
    if table.transposed:
        return
    rows, columns = book.hidden_lines(table.sheet)
    inside = [r for r in rows if r > table.header_row and r <= table.header_row + len(table.rows)]
    used = [c for c in columns if c < len(table.headers) and not blank(table.headers[c])]
    said = []
    if inside:
        from ..errors import row_ranges

        said.append(f"{'строки' if len(inside) > 1 else 'строка'} {row_ranges(inside)}")
    if used:
        said.append("столбцы " + ", ".join(f"«{clean(table.headers[c])}»" for c in used[:10]))
    if said:
        problems.note(book.name, f"скрыты (вручную или фильтром), но прочитаны, как и видимые: {'; '.join(said)}. "
                      "Чтобы строка не считалась, удалите её или укажите даты работы и отсутствия", table.sheet)  # fmt: skip


match_headers = _match_headers  # which of a spec's columns a header row holds (counts.py tells tables apart by it)
