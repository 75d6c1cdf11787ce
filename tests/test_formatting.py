"""Russian numbers and counted nouns without babel: a decimal comma, CLDR's plural rule, and no
count written beside a hard-coded noun anywhere in the code («2 раз», «2 столбцов»)."""

from __future__ import annotations

import re
from fractions import Fraction
from pathlib import Path

import pytest

from reporting.errors import Problem, ProblemGroup
from reporting.render.formatting import number, percent, plural
from reporting.words import COLUMNS, TIMES, counted, plural_form

PACKAGE = Path(__file__).resolve().parents[1] / "reporting"


@pytest.mark.parametrize(
    ("count", "form"),
    # CLDR's examples for Russian: one 1, 21, 31, 101, 1001; few 2–4, 22–24, 102; many 0, 5–20, 25, 100, 111
    [(1, 0), (21, 0), (31, 0), (101, 0), (1001, 0), (2, 1), (4, 1), (22, 1), (24, 1), (102, 1),
     (0, 2), (5, 2), (11, 2), (12, 2), (14, 2), (19, 2), (20, 2), (25, 2), (100, 2), (111, 2), (112, 2)],
)  # fmt: skip
def test_the_russian_plural_rule(count, form):
    assert plural_form(count) == form


def test_numbers_have_a_decimal_comma_and_no_grouping():
    assert number(Fraction(12345678, 100)) == "123456,8"  # as babel's «0.0» pattern gave, no grouping
    assert number(Fraction(-1, 20)) == "-0,1"
    assert number(7, 0) == "7"
    assert percent(None) == "—"


def test_counted_nouns():
    assert plural(2, ("неделю", "недели", "недель")) == "2\u00a0недели"
    assert counted(2, TIMES, " ") == "2 раза" and counted(5, TIMES, " ") == "5 раз"
    assert counted(2, COLUMNS, " ") == "2 столбца" and counted(21, COLUMNS, " ") == "21 столбец"


def test_a_grouped_problem_counts_its_rows_and_columns_in_russian():
    problem = Problem("bad_count", "monitoring.xlsx", "не число", sheet="Мониторинг", row=5, column="06.11")
    rows = ProblemGroup(problem, (5, 6), ("x", "y"))
    assert "— 2 раза" in rows.describe()
    columns = ProblemGroup(problem, (5,), (), ("06.11", "13.11", "20.11"))
    assert "— 3 столбца" in columns.describe()


COUNTED = re.compile(
    r"\{[^{}]*\}[ \u00a0](столбц\w*|строк\w*|раз\b|раза\b|проблем\w*|недел\w*|организац\w*|файл\w*|лист\w*|"
    r"ячеек|ячейк\w*|знак\w*|сотрудник\w*|человек|мероприяти\w*|сообщени\w*|звонк\w*)"
)
# A constant count: «в первых 30 строках» (HEADER_SEARCH_ROWS is 30 and stays so).
ALLOWED = {("read/table.py", "{HEADER_SEARCH_ROWS} строках")}


def test_no_count_stands_beside_a_hard_coded_noun():
    found = []
    for path in sorted(PACKAGE.rglob("*.py")):
        name = path.relative_to(PACKAGE).as_posix()
        for number_, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            found += [
                f"{name}:{number_}: {m.group(0)}" for m in COUNTED.finditer(line) if (name, m.group(0)) not in ALLOWED
            ]
    assert found == []  # use words.counted (or formatting.plural / after_at_least) instead
