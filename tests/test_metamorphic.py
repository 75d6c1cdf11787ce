"""Metamorphic (issues 16 and 30): one base school, written in randomly combined layouts — turned,
split per category, section rows, respelled headers, totals rows and columns (summed as a
spreadsheet sums), title rows, a hidden stale copy, marks where the threshold allows (as words, as
TRUE/FALSE, or as 1/0), a platform split, a column per day, months over the weeks, counts as text, ФИО split
into three columns, a category merged down its block, a workbook per week, totals known only by
their SUM formulas, .ods, .csv. Each input gives the base's figures, or a refusal that names a place.
Different figures never come out."""

from __future__ import annotations

import datetime as dt
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from reporting import check

from .builders import (
    ROADMAP_HEADERS,
    ROADMAP_ROWS,
    ROSTER,
    ROSTER_HEADERS,
    SCHOOL_TOML,
    WEEKLY,
    WEEKS,
    _column_sum,
    write_xlsx,
)
from .ods import COVERED, Merged, write_ods
from .test_csv_inputs import as_csv

NAMES = [person[0] for person in ROSTER]
VALUES = [row[1:] for row in WEEKLY[:-1]]  # per person, per week (builders' base, with its «-», «—», «10»)
OPTIONS = ("turned", "per_category", "sections", "respelled", "totals", "title", "hidden_copy", "stale_original",
           "marks", "platforms", "as_text", "ods", "daily", "month_header", "totals_column", "logical", "split_fio",
           "csv", "merged", "per_week_files", "formula_totals", "binary")  # fmt: skip


def figures(folder: Path):
    report = check(folder)
    if not report.valid:
        return None, report.problems
    return [(r.indicator.category, [(w.week, w.counted, w.active) for w in r.series.weeks])
            for r in report.model.indicators], ()  # fmt: skip


def number_of(value) -> int | None:
    return int(value) if isinstance(value, int) or (isinstance(value, str) and value.isdigit()) else None


def cell(value, options):
    """A base cell as the variant writes it: a mark where the threshold (10) allows, or text with a unit."""
    number = number_of(value)
    if number is not None and "marks" in options:
        if "logical" in options:  # a checkbox's cell
            return number >= 10
        if "binary" in options:  # 1 and 0 typed as marks: the same cells as counts below the threshold
            return int(number >= 10)
        return "да" if number >= 10 else "нет"
    if number is not None and "as_text" in options:
        return f"{number} сообщ."
    return value


def weekly_block(people: list[int], options) -> list[list]:
    """The weekly rows for these people (header first), wide or with platform sub-columns."""
    name_header = "Ф.И.О." if "respelled" in options else "ФИО"
    if "platforms" in options and "marks" not in options:
        top, sub = [name_header], [None]
        for week in WEEKS:
            top += [week, None]
            sub += ["Сферум", "MAX"]
        rows = [top, sub]
        for p in people:
            row = [NAMES[p]]
            for value in VALUES[p]:
                number = int(value) if isinstance(value, int) or (isinstance(value, str) and value.isdigit()) else None
                row += (
                    [cell(number // 2, options), cell(number - number // 2, options)]
                    if number is not None
                    else [value, None]
                )
            rows.append(row)
        return with_months(rows, options, name_header)
    if "daily" in options and "marks" not in options:
        days = [monday(w) + dt.timedelta(days=d) for w in WEEKS for d in range(7)]
        rows = [[name_header, *(f"{day:%d.%m.%Y}" for day in days)]]
        for p in people:
            row = [NAMES[p]]
            for value in VALUES[p]:
                n = number_of(value)  # a week's count spread over its days; a mark on its Monday
                row += (
                    [cell(n // 7 + (d < n % 7), options) for d in range(7)] if n is not None else [value] + [None] * 6
                )
            rows.append(row)
    else:
        rows = [[name_header, *WEEKS]]
        rows += [[NAMES[p], *(cell(v, options) for v in VALUES[p])] for p in people]
    return with_months(rows, options, name_header)


def with_months(rows: list[list], options, name_header: str) -> list[list]:
    """The months over the weeks, each named once over its run (a merge): over platform sub-columns,
    a header of three rows."""
    if "month_header" not in options:
        return rows
    months, seen = [], None
    for label in rows[0][1:]:
        if label is None:  # a week's second sub-column: under its week's month
            months.append(None)
            continue
        month = f"{MONTH_NAMES[monday(label).month]} {monday(label).year}"
        months.append(month if month != seen else None)
        seen = month
    return [[name_header, *months], [None, *rows[0][1:]], *rows[1:]]


MONTH_NAMES = {9: "Сентябрь", 10: "Октябрь", 11: "Ноябрь", 12: "Декабрь", 1: "Январь"}


def monday(label) -> dt.date:
    """The Monday of a base week label («13.11.2023–19.11.2023», a date) or of a day («22.11.2023»)."""
    day = label if isinstance(label, dt.date) else dt.datetime.strptime(str(label)[:10], "%d.%m.%Y").date()
    return day - dt.timedelta(days=day.weekday())


def with_totals(rows: list[list], heads: int, options) -> list[list]:
    """A totals row under the people and a totals column after the weeks, as a spreadsheet's SUM makes
    them (numbers and digits typed as text; words and marks passed over); ``formula_totals``: both
    unlabelled, their cells SUM formulas with the values they computed."""
    if "formula_totals" in options:
        return _formula_totals(rows, heads, options)
    if "totals_column" in options and "marks" not in options:
        rows = [*(r + (["Итого за четверть"] if i == 0 else [None]) for i, r in enumerate(rows[:heads])),
                *(r + [_column_sum([[v] for v in r[1:]], 0)] for r in rows[heads:])]  # fmt: skip
    if "totals" in options:
        rows = [*rows, ["Итого", *(_column_sum(rows[heads:], c) for c in range(1, len(rows[0])))]]
    return rows


def _formula_totals(rows: list[list], heads: int, options) -> list[list]:
    from reporting.read.refs import column_letters

    from .builders import Cached

    first, last = heads + 1, len(rows)  # the people's Excel rows, before any title rows are put above
    if "marks" not in options:
        end = column_letters(len(rows[0]) - 1)
        rows = [*(r + [None] for r in rows[:heads]),
                *(r + [Cached(_column_sum([[v] for v in r[1:]], 0) or 0, f"SUM(B{i}:{end}{i})")]
                  for i, r in enumerate(rows[heads:], start=first))]  # fmt: skip
    values = [[getattr(v, "value", v) if isinstance(v, Cached) else v for v in r] for r in rows[heads:]]
    sums = [Cached(_column_sum(values, c) or 0, f"SUM({column_letters(c)}{first}:{column_letters(c)}{last})")
            for c in range(1, len(rows[0]))]  # fmt: skip
    return [*rows, [None, *sums]]


def turned(rows: list[list]) -> list[list]:
    width = max(len(r) for r in rows)
    out = [[r[c] if c < len(r) else None for r in rows] for c in range(width)]
    out[0][0] = "Неделя"
    return out


EVERYONE = tuple(range(len(ROSTER)))


def one_sheet(roster: list[list], block: list[list], heads: int) -> list[list]:
    """The roster's columns, then the weeks, in one sheet (a CSV holds one): header rows first."""
    width, weeks = len(roster[0]), len(block[0]) - 1
    rows = [roster[0] + block[0][1:], *([None] * width + b[1:] for b in block[1:heads])]
    counts = {b[0]: b[1:] for b in block[heads:]}
    for r in roster[1:]:  # in the roster's order, its section rows kept
        rows.append(list(r) + (counts.pop(r[0], None) or [None] * weeks))
    rows += [[name, *([None] * (width - 1)), *cells] for name, cells in counts.items()]  # «Итого»
    return rows


def roster_rows(options, people=EVERYONE, with_category=True) -> list[list]:
    if "split_fio" in options and "csv" not in options:  # «Фамилия», «Имя», «Отчество» instead of «ФИО»
        rows = roster_rows(frozenset(options) - {"split_fio"}, people, with_category)
        split = [[*(str(r[0]).split() + [None, None])[:3], *r[1:]] if r[0] and r[1:] != [None] * (len(r) - 1)
                 else [r[0], None, None, *r[1:]] for r in rows[1:]]  # fmt: skip
        return [["Фамилия", "Имя", "Отчество", *rows[0][1:]], *split]
    headers = list(ROSTER_HEADERS)
    if "respelled" in options:
        headers[0] = "Фамилия, имя, отчество"
    if not with_category or "sections" in options:
        at = headers.index("Категория")
        rows = [[h for i, h in enumerate(headers) if i != at]]
        for title, admin in (("Педагогические работники", False), ("Администрация", True)):
            if with_category:
                rows.append([title] + [None] * (len(rows[0]) - 1))
            rows += [[v for i, v in enumerate(ROSTER[p]) if i != at] for p in people
                     if (ROSTER[p][2] == "АДМИНИСТРАЦИЯ") == admin]  # fmt: skip
        return rows
    rows = [headers, *(list(ROSTER[p]) for p in people)]
    if "merged" in options and "csv" not in options:  # the teachers' «Категория» merged down their block
        at = headers.index("Категория")
        block = [r for r in rows[1:] if r[at] != "АДМИНИСТРАЦИЯ"]
        if len(block) > 1 and rows[1 : 1 + len(block)] == block:
            block[0][at] = Merged(block[0][at], rows=len(block))
            for row in block[1:]:
                row[at] = COVERED
    return rows


def _merges_written(path: Path, sheets: dict[str, list[list]], hidden) -> None:
    """An .xlsx of these sheets with their ``Merged`` cells merged (openpyxl), ``COVERED`` ones empty."""
    merges, plain = [], {}
    for name, rows in sheets.items():
        plain[name] = [[None if v is COVERED else str(v) if isinstance(v, Merged) else v for v in row] for row in rows]
        merges += [(name, r, c, v.rows) for r, row in enumerate(rows, 1) for c, v in enumerate(row, 1)
                   if isinstance(v, Merged)]  # fmt: skip
    write_xlsx(path, plain, frozenset(hidden), tuple(merges))  # merged as it is written: formulas keep their values


def sheets_for(options) -> tuple[dict[str, list[list]], set[str]]:
    everyone = list(range(len(ROSTER)))
    hidden: set[str] = set()
    if "per_category" in options:
        sheets = {}
        for title, admin in (("Педагогические работники", False), ("Администрация", True)):
            people = [p for p in everyone if (ROSTER[p][2] == "АДМИНИСТРАЦИЯ") == admin]
            roster = roster_rows(options, people, with_category=False)
            block = weekly_block(people, options)
            heads = len(block) - len(people)  # one header row, or two with platform sub-headers
            rows = [roster[0] + block[0][1:], *([None] * len(roster[0]) + b[1:] for b in block[1:heads])]
            rows += [r + b[1:] for r, b in zip(roster[1:], block[heads:], strict=True)]
            sheets[title] = rows
        return sheets, hidden
    weekly = weekly_block(everyone, options)
    weekly = with_totals(weekly, len(weekly) - len(everyone), options)
    if "csv" in options and not {"turned", "hidden_copy", "stale_original", "ods"} & set(options):
        return {"Мониторинг": one_sheet(roster_rows(options), weekly, len(weekly) - len(everyone) - bool(
            {"totals", "formula_totals"} & set(options)))}, {"csv"}  # fmt: skip
    if "turned" in options:
        weekly = turned(weekly)
    if "title" in options:
        weekly = [["Мониторинг активности, сообщений за неделю"], [], *weekly]
    sheets = {"Сотрудники": roster_rows(options), "Мониторинг": weekly}
    if "hidden_copy" in options:  # a stale copy, three weeks shorter, hidden
        sheets["Мониторинг (старый)"] = [row[:-3] for row in weekly]
        hidden.add("Мониторинг (старый)")
    if "stale_original" in options:  # Excel's copy «Мониторинг (2)» is current, the hidden original is stale
        sheets["Мониторинг (2)"] = sheets.pop("Мониторинг")
        sheets["Мониторинг"] = [row[:-3] for row in weekly]
        hidden.add("Мониторинг")
    return sheets, hidden


def write(folder: Path, options) -> None:
    folder.mkdir(parents=True)
    (folder / "school.toml").write_text(SCHOOL_TOML, encoding="utf-8")
    write_xlsx(folder / "roadmap.xlsx", {"Дорожная карта": [ROADMAP_HEADERS, *ROADMAP_ROWS]})
    if "per_week_files" not in options:
        _monitoring_written(folder / "monitoring", options)
        return
    global WEEKS, VALUES
    every, values = WEEKS, VALUES
    (folder / "monitoring").mkdir()
    try:  # a workbook per week, named by it (ISO «2023-11-06», «06.11.2023» as Russians write it, «Неделя 06.11»)
        for j, week in enumerate(every):
            WEEKS, VALUES = [week], [[row[j]] for row in values]
            name = (f"{monday(week):%Y-%m-%d}", f"{monday(week):%d.%m.%Y}", f"Неделя {monday(week):%d.%m}")[j % 3]
            _monitoring_written(folder / "monitoring" / name, options)
    finally:
        WEEKS, VALUES = every, values


def _monitoring_written(stem: Path, options) -> None:
    """The monitoring workbook (``stem`` + its suffix) of the current WEEKS and VALUES."""
    sheets, hidden = sheets_for(options)
    if hidden == {"csv"}:
        (stem.parent / f"{stem.name}.csv").write_bytes(as_csv(sheets["Мониторинг"]))
        return
    if "ods" in options:
        (stem.parent / f"{stem.name}.ods").write_bytes(write_ods(sheets, padding=False, hidden=frozenset(hidden)))
        return
    _merges_written(stem.parent / f"{stem.name}.xlsx", sheets, hidden)


BASE = None


def base_figures():
    global BASE
    if BASE is None:
        with tempfile.TemporaryDirectory() as tmp:
            BASE, problems = figures(_written(Path(tmp) / "base", ()))
        assert BASE is not None, problems
        # by hand (builders): 25.12 — teachers Иванова, Семёнова, Петров at 10 (3 of 3), the head at 10
        assert [(c, w[-1]) for c, w in BASE] == [("teachers", (dt.date(2023, 12, 25), 3, 3)),
                                                 ("administration", (dt.date(2023, 12, 25), 1, 1))]  # fmt: skip
    return BASE


def _written(folder: Path, options) -> Path:
    write(folder, options)
    return folder


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.sets(st.sampled_from(OPTIONS)))
def test_any_layout_gives_the_base_figures_or_a_located_refusal(options):
    expected = base_figures()
    with tempfile.TemporaryDirectory() as tmp:
        found, problems = figures(_written(Path(tmp) / "in", frozenset(options)))
    if found is None:
        assert problems and all(p.file and (p.sheet or p.row or p.column) for p in problems), (options, problems)
    else:
        assert found == expected, sorted(options)


def test_the_plain_layouts_read():
    """Not every variant may be refused: the single transformations the reader supports all read."""
    expected = base_figures()
    for option in OPTIONS:
        if option == "stale_original":  # which sheet is current is the school's to say: refused, located
            with tempfile.TemporaryDirectory() as tmp:
                found, problems = figures(_written(Path(tmp) / "in", frozenset({option})))
            assert found is None and [(p.kind, p.sheet) for p in problems] == [("ambiguous_sheet", "Мониторинг")]
            continue
        with tempfile.TemporaryDirectory() as tmp:
            found, problems = figures(_written(Path(tmp) / "in", frozenset({option})))
        assert found == expected, (option, problems)


def test_section_rows_over_a_split_fio_read():
    """Found by this test (issue 30): a section row's heading stands in «Фамилия» of a roster whose ФИО is
    split into three columns; it was taken for a row with text beside the name, and no category found."""
    with tempfile.TemporaryDirectory() as tmp:
        found, problems = figures(_written(Path(tmp) / "in", frozenset({"sections", "split_fio"})))
    assert found == base_figures(), problems
