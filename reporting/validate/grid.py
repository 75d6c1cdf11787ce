"""The weekly counts as they are read: person × week, compact, with absence marks and repeats.

A region has millions of cells: the common case (one row per person, plain numbers) fills whole
blocks with numpy; everything else goes cell by cell through ``put``, which names what is wrong.
"""

from __future__ import annotations

import datetime as dt
from array import array
from collections import Counter

from ..errors import Problems
from ..inputs import ABSENT, MARK_NO, MARK_YES, NO_NUMBER, Monitoring, Person, entered
from ..layout.model import UNDECIDED
from ..layout.reading import update_layout
from ..read.cells import MAX_COUNT, UNIT, CellError, is_empty, parse_count
from ..read.table import Row, Table
from ..words import counted
from .answers import mark_key, own_words, threshold_answer, yes_no
from .problems import problem_at

ABSENCE_MARKS = (
    "б/л", "бл", "больничный", "болен", "больна", "отп", "отпуск", "декрет", "декретный отпуск",
    "к/к", "командировка", "уволен", "уволена",
)  # fmt: skip


def combined(a: int, b: int) -> int:
    """Two rows of one person-week: messages add up; a mark («б/л») only when no row has a number."""
    if a in (ABSENT, NO_NUMBER):
        return b
    if b in (ABSENT, NO_NUMBER):
        return a
    return min(a + b, MAX_COUNT)


class Grid:
    """Counts by person and week, kept compact (a region has millions of cells)."""

    def __init__(
        self, people: list[Person], table: Table, problems: Problems, marks: tuple[str, ...] = (),
        thresholds: tuple[int, ...] = (), calls: bool = False,
    ):  # fmt: skip
        self.people, self.table, self.problems = people, table, problems
        self.kind = table.counts  # what week cells hold, as layout.toml says ("": as the cells show)
        self.thresholds = thresholds  # the indicators' message thresholds, for «10+» and «менее 10»
        self.calls = calls  # counting calls: 0 and 1 are the usual counts, never marks
        self.answered: Counter = Counter()  # yes/no marks and threshold answers as typed -> cells
        self.marks = {mark_key(m) for m in (*ABSENCE_MARKS, *marks, *table.words.get("absent", ()))}
        self.yes, self.no = own_words(table.words)  # the table's own, from layout.toml
        self.marked: Counter = Counter()  # mark as typed -> cells (for the reading report)
        self.with_unit = 0  # counts typed with their unit («8 сообщ.»)
        self.row_of = {p.key: i for i, p in enumerate(people)}
        self.weeks: dict[dt.date, int] = {}
        self.persons: list[array] = []  # per week column: person indexes
        self.values: list[array] = []  # per week column: counts
        self.origin: dict[tuple[int, int], tuple] = {}  # (person, week) -> (row, part), where a person repeats
        self.parts: dict[tuple[int, int], dict] = {}  # (person, week) -> part -> row, once a week repeats
        self.extra: dict[tuple[int, int], int] = {}  # what further rows add to a person-week
        self.by_platform: dict[str, dict[tuple[int, int], int]] = {}  # platform -> (person, week) -> messages
        self.platform_names: dict[str, str] = {}  # folded -> as first written
        self.blocks: list = []  # (person indexes, week columns, counts) filled column-wise
        self.listed: set[str] = set()  # keys of the people the sheet has a row for (an empty row too)
        self.logical: list = []  # ИСТИНА/ЛОЖЬ cells read as marks where layout.toml does not say what cells hold

    def column(self, week: dt.date) -> int:
        if week not in self.weeks:
            self.weeks[week] = len(self.weeks)
            self.persons.append(array("i"))
            self.values.append(array("i"))
        return self.weeks[week]

    def put(self, row: Row, column, person: Person, week: dt.date, value, repeats: bool = True, part=None) -> None:
        """``repeats``: the person may have other rows, so check for a duplicate person-week.
        ``part``: what tells such rows apart (the platform, the day): rows of one person and week
        with different parts are added up; the same part twice is a duplicate."""
        if value is None or value == "":
            return
        if type(value) is float and 0 <= value <= MAX_COUNT and value.is_integer():  # the common case, fast
            count = int(value)
        elif is_empty(value):
            return
        elif isinstance(value, str) and mark_key(value) in self.marks:
            count = ABSENT
            self.marked[mark_key(value)] += 1
        elif isinstance(value, str) and (answer := self._answer(value, row, column, person)) is not None:
            if answer is False:
                return
            count = answer
        elif isinstance(value, bool):  # a checkbox's ИСТИНА/ЛОЖЬ: a mark, as «да»/«нет»
            if self.kind == "numbers":
                problem_at(
                    self.problems, self.table, row, column, "bad_count",
                    "в ячейке логическое значение (ИСТИНА/ЛОЖЬ — флажок), а по layout.toml в листе числа сообщений",
                    value=value, organization=person.organization or None,
                    hint='Впишите число сообщений или, если в листе отметки-флажки, counts = "marks" в inputs/layout.toml',
                )  # fmt: skip
                return
            self.answered["ИСТИНА" if value else "ЛОЖЬ"] += 1
            if self.kind == "":  # a mark only if the grid holds no number: checked once it is read
                self.logical.append((row, column, value, person))
            count = MARK_YES if value else MARK_NO
        else:
            try:
                count = parse_count(value)
                if isinstance(value, str) and UNIT.search(value):
                    self.with_unit += 1
            except CellError as exc:
                problem_at(
                    self.problems, self.table, row, column, "bad_count", str(exc), value=value,
                    organization=person.organization or None, hint=_count_hint(value),
                )  # fmt: skip
                return
        if self.kind == "marks" and count >= 0:
            if count > 1:
                problem_at(
                    self.problems, self.table, row, column, "bad_count",
                    f"число {count} в таблице отметок (в layout.toml counts = \"marks\": 1 — да, 0 — нет)",
                    value=value, organization=person.organization or None,
                    hint="Впишите «да»/«нет» (1/0) или, если в листе числа сообщений, counts = \"numbers\"",
                )  # fmt: skip
                return
            self.answered[str(count)] += 1
            count = MARK_YES if count == 1 else MARK_NO
        i, j = self.row_of[person.key], self.column(week)
        if part and part[0] and count >= 0:  # messages on a named platform: the breakdown
            cells = self.by_platform.setdefault(part[0], {})
            cells[i, j] = min(cells.get((i, j), 0) + count, MAX_COUNT)
            self.platform_names.setdefault(part[0], part[2])
        if part:
            part = part[:2]  # (platform folded, day): what makes a row another row
        if repeats:
            first = self.origin.setdefault((i, j), (row.number, part))
            if first != (row.number, part):  # another row, or another platform's sub-column of this one
                seen = self.parts.setdefault((i, j), {first[1]: first[0]})
                if part in seen:
                    what = "за неделю с" if not part else f"({', '.join(str(p) for p in part if p)}) за неделю с"
                    problem_at(
                        self.problems, self.table, row, column, "duplicate_row",
                        f"повтор: данные этого сотрудника {what} {week:%d.%m.%Y} уже есть в строке {seen[part]}",
                        value=person.name, organization=person.organization or None,
                    )  # fmt: skip
                    return
                seen[part] = row.number
                self.extra[i, j] = combined(self.extra.get((i, j), ABSENT), count)
                return
        self.persons[j].append(i)
        self.values[j].append(count)

    def _refuse_stray_logical(self) -> None:
        """ИСТИНА/ЛОЖЬ among counts: a slip or a checkbox? Never guessed; each such cell is named."""
        for row, column, _, person in self.logical:
            problem_at(
                self.problems, self.table, row, column, "bad_count",
                "в ячейке логическое значение (ИСТИНА/ЛОЖЬ), а в других ячейках листа числа сообщений",
                value=row.values[column] if isinstance(column, int) else None, organization=person.organization or None,
                hint="Впишите число сообщений; если весь лист — флажки, уберите из него числа или укажите "
                'counts = "marks" в inputs/layout.toml',
            )  # fmt: skip
        self.answered.pop("ИСТИНА", None)
        self.answered.pop("ЛОЖЬ", None)

    def _answer(self, value: str, row: Row, column, person: Person):
        """MARK_YES/MARK_NO for «да»/«нет» or «10+»/«менее 10», None for other text, False once refused."""
        found = yes_no(value, self.yes, self.no)
        if found is not None and self.kind == "numbers":
            problem_at(
                self.problems, self.table, row, column, "bad_count",
                "в ячейке отметка, а по layout.toml в листе числа сообщений (counts = \"numbers\")", value=value,
                organization=person.organization or None,
                hint="Впишите число сообщений или, если в листе отметки, counts = \"marks\" в inputs/layout.toml",
            )  # fmt: skip
            return False
        if found is None:
            try:
                found = threshold_answer(value, self.thresholds)
            except CellError as exc:
                problem_at(self.problems, self.table, row, column, "bad_count", str(exc), value=value,
                           organization=person.organization or None)  # fmt: skip
                return False
        if found is not None:
            self.answered[mark_key(value)] += 1
        return found

    def _note_answers(self, full) -> None:
        """Marks are said in the reading report; 0/1 alone could be counts or marks: never guessed."""

        numbers = full[full >= 0]
        if (
            not self.calls and self.kind == "" and len(numbers) and numbers.max() == 1
            and max(self.thresholds or (10,)) > 1
        ):  # fmt: skip
            self.problems.add(
                "ambiguous_count", self.table.file,
                "в ячейках недель только 0 и 1: это число сообщений (тогда порог не достигнут ни разу) или отметки "
                "«написал не менее порога» (1 — да, 0 — нет)? Программа не угадывает", sheet=self.table.sheet,
                hint=f"Впишите в inputs/layout.toml для листа «{self.table.sheet}» counts = \"marks\" (отметки) или "
                "counts = \"numbers\" (числа); layout.toml запишет make-report describe --write",
            )  # fmt: skip
            update_layout(self.table, counts=UNDECIDED)  # describe --write leaves «?»: the school's to say
        if self.answered:
            said = ", ".join(f"«{m}» — {n}" for m, n in sorted(self.answered.items()))
            self.problems.note(
                self.table.file,
                f"отметки вместо чисел ({said}): «да» — порог достигнут, «нет» — не достигнут; сколько было "
                "сообщений, по ним не известно, и ни в одну сумму они не входят", self.table.sheet,
            )  # fmt: skip

    def put_block(self, persons: list[int], weeks: list[dt.date], counts) -> None:
        """Whole rows at once (people who have one row each); -1 where no number."""
        self.blocks.append((persons, [self.column(w) for w in weeks], counts))

    def monitoring(self, layout: str) -> Monitoring:
        import numpy as np

        full = np.full((len(self.people), len(self.weeks)), NO_NUMBER, dtype=np.int32)
        for persons, columns, counts in self.blocks:
            full[np.ix_(np.array(persons, dtype=np.int64), np.array(columns, dtype=np.int64))] = counts
        for j in range(len(self.weeks)):
            full[np.frombuffer(self.persons[j], dtype=np.int32), j] = np.frombuffer(self.values[j], dtype=np.int32)
        for (i, j), count in self.extra.items():
            full[i, j] = combined(int(full[i, j]), count)
        if self.extra and not self.table.parts:  # a week's sub-columns (days, platforms) are named where read
            self.problems.note(
                self.table.file,
                "несколько строк одного сотрудника за одну неделю (по платформам или дням) сложены: "
                + counted(len(self.extra), ("сотрудник-неделя", "сотрудника-недели", "сотрудников-недель"), " "),
                self.table.sheet,
            )
        if self.logical and (full >= 0).any():
            self._refuse_stray_logical()
        # an absence mark alone does not make a week monitored; a number or a yes/no mark does
        monitored = sorted(w for w, j in self.weeks.items() if entered(full[:, j]).any())
        self._note_answers(full)
        if self.with_unit:
            self.problems.note(
                self.table.file,
                f"числа с единицами («8 сообщ.», «3 шт.») прочитаны как числа: {self.with_unit} яч.",
                self.table.sheet,
            )
        if self.marked:
            marks = ", ".join(f"«{m}» — {n}" for m, n in sorted(self.marked.items()))
            self.problems.note(
                self.table.file,
                f"отметки отсутствия в ячейках недель ({marks}): в эти недели сотрудник не учитывается",
                self.table.sheet,
            )
        columns = [self.weeks[w] for w in monitored]
        result = Monitoring(self.people, monitored, full[:, columns], layout)
        for platform, cells in self.by_platform.items():
            there = np.zeros((len(self.people), len(self.weeks)), dtype=np.int32)
            for (i, j), count in cells.items():
                there[i, j] = count
            result.platforms[self.platform_names.get(platform, platform)] = there[:, columns]
        return result


def _count_hint(value) -> str:
    return (
        "Впишите число сообщений или отметку отсутствия ("
        + ", ".join(ABSENCE_MARKS[:8])
        + " …); свою отметку можно добавить в school.toml: [monitoring] absence_marks"
    )
