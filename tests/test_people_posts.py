"""One person in two posts, namesakes, and roster people the weekly sheet has no row for: never a
second person with 0 messages, never a silent 0 (data in tests/builders.py)."""

from __future__ import annotations

import datetime as dt

from openpyxl import load_workbook

from reporting import build_package, check

from .builders import ROADMAP_HEADERS, ROADMAP_ROWS, ROSTER, ROSTER_HEADERS, WEEKLY, make_inputs, resum, wide_rows

DEC25 = dt.date(2023, 12, 25)
# Иванова Анна Петровна is roster row 2 (personnel number 1), a teacher; her weekly row is sheet row 4.
NUMBERS = {"иванова  анна петровна": 1, "СЕМЕНОВА\u00a0Юлия": 2, "Петров Илья": 3, "Орлова Мария": 4,
           "Зайцев Олег": 5, "Гайдуков Андрей Николаевич": 6}  # fmt: skip
ALL_STAFF = [
    ["Показатель", "Категория", "Порог сообщений", "Целевое значение, %", "Срок"],
    ["Педагоги: не менее 10 сообщений", "педагогические работники", 10, 100, dt.date(2023, 12, 30)],
    ["Администрация: не менее 10 сообщений", "администрация", 10, 100, dt.date(2023, 12, 30)],
    ["Все работники: не менее 10 сообщений", "все работники", 10, 100, dt.date(2023, 12, 30)],
]


def second_post(number=None) -> list[list]:
    roster = [ROSTER_HEADERS, *[list(r) for r in ROSTER]]
    if number is None:  # no personnel numbers at all: the name is the key
        for row in roster[1:]:
            row[1] = None
    roster.append(["Иванова Анна Петровна", number, "Заместитель директора", "Администрация", None, None, None, None])
    return roster


def numbered_weekly(extra: list | None = None) -> list[list]:
    rows = wide_rows()
    table = [rows[0], rows[1], ["Таб. №", *rows[2]]]
    table += [[NUMBERS.get(r[1]), *r] for r in rows[3:]]
    if extra:
        table.insert(4, extra)
        resum(table, name=2)  # the sheet's «Итого» takes the row in, as its SUM would
    return table


def last_week(result) -> dict[str, tuple[int, int]]:
    return {r.category: (r.series.end.counted, r.series.end.active) for r in result.model.indicators}


def build(folder, tmp_path, **kwargs):
    return build_package(2, folder, tmp_path / "out", data_only=True, **kwargs)


def test_one_person_in_two_posts_counts_in_each_category_and_once_over_all_staff(tmp_path):
    roadmap = {"Дорожная карта": [ROADMAP_HEADERS, *ROADMAP_ROWS], "Показатели": ALL_STAFF}
    folder = make_inputs(tmp_path / "in", roster=second_post(), roadmap=roadmap)
    result = build(folder, tmp_path)
    # 25.12: teachers Иванова 10, Семёнова 10, Петров 10 (Орлова absent, Зайцев left) → 3 of 3;
    # administration Гайдуков 10 and Иванова's second post, her one row, 10 → 2 of 2 (a second person
    # with no row would give 1 of 2; the old «оставьте одну строку» 1 of 1); all staff: 4 people, 4 active.
    assert last_week(result) == {"teachers": (3, 3), "administration": (2, 2), "all": (4, 4)}
    [note] = [n for n in check(folder).reading if "совместительство" in n.message]
    assert "«Иванова Анна Петровна» (строки 2, 8) — педагогический работник и администрация" in note.describe()
    people = load_workbook(result.folder / "data.xlsx")["Сообщения сотрудников"]
    categories = {r[0]: r[2] for r in people.iter_rows(min_row=2, values_only=True)}
    assert categories["Иванова Анна Петровна"] == "Педагогические работники; Администрация"


def test_her_second_post_below_the_threshold_is_listed_under_both_categories(tmp_path):
    weekly = [["иванова  анна петровна", 10, 12, 10, None, None, 4], *WEEKLY[1:]]
    folder = make_inputs(tmp_path / "in", roster=second_post(), weekly=wide_rows(weekly=weekly))
    result = build(folder, tmp_path)
    # 25.12: Иванова 4 → teachers 2 of 3 (Семёнова, Петров), administration 1 of 2 (Гайдуков).
    assert last_week(result) == {"teachers": (3, 2), "administration": (2, 1)}


def test_the_same_number_twice_with_another_category_is_a_second_post(tmp_path):
    folder = make_inputs(tmp_path / "in", roster=second_post(number=1), weekly=numbered_weekly())
    assert last_week(build(folder, tmp_path)) == {"teachers": (3, 3), "administration": (2, 2)}


def test_the_same_row_twice_is_still_a_repeat(tmp_path):
    roster = [ROSTER_HEADERS, *[list(r) for r in ROSTER], list(ROSTER[0])]
    [problem] = check(make_inputs(tmp_path / "in", roster=roster)).problems
    assert (problem.kind, problem.sheet, problem.row) == ("duplicate_row", "Сотрудники", 8)


def test_namesakes_matched_by_name_name_both_readings_and_each_hint_gives_the_right_figures(tmp_path):
    folder = make_inputs(tmp_path / "in", roster=second_post(number=7))
    [problem] = check(folder).problems
    assert (problem.kind, problem.sheet, problem.row) == ("ambiguous_person", "Мониторинг", 4)
    text = problem.describe()
    assert "один и тот же табельный номер" in text and "добавьте в лист «Мониторинг» столбец «Табельный номер»" in text
    # «один и тот же табельный номер»: one person, two posts
    same = make_inputs(tmp_path / "same", roster=second_post(number=1), weekly=numbered_weekly())
    assert last_week(build(same, tmp_path / "a")) == {"teachers": (3, 3), "administration": (2, 2)}
    # «столбец «Табельный номер» и у каждого — свою строку»: two people, the second wrote 0, then 15
    other = [7, None, "Иванова Анна Петровна", 0, 0, 0, 0, None, 15]
    two = make_inputs(tmp_path / "two", roster=second_post(number=7), weekly=numbered_weekly(other))
    assert last_week(build(two, tmp_path / "b")) == {"teachers": (3, 3), "administration": (2, 2)}
    other[-1] = 0
    two = make_inputs(tmp_path / "two0", roster=second_post(number=7), weekly=numbered_weekly(other))
    assert last_week(build(two, tmp_path / "c")) == {"teachers": (3, 3), "administration": (2, 1)}


def test_a_namesake_left_without_a_row_is_refused_never_counted_as_0(tmp_path):
    """The old hint («укажите табельный номер») taken half-way: her second number has no weekly row."""
    folder = make_inputs(tmp_path / "in", roster=second_post(number=7), weekly=numbered_weekly())
    report = check(folder)
    [problem] = report.problems
    assert (problem.kind, problem.sheet, problem.value) == ("unlisted_person", "Мониторинг", "7")
    assert "впишите в обе его строки листа «Сотрудники» табельный номер 1" in problem.describe()
    # the hint, literally: number 1 in both rows → her one row counts in both categories
    fixed = make_inputs(tmp_path / "fixed", roster=second_post(number=1), weekly=numbered_weekly())
    assert last_week(build(fixed, tmp_path)) == {"teachers": (3, 3), "administration": (2, 2)}


def test_a_roster_person_without_a_weekly_row_is_named_in_the_reading_report(tmp_path):
    weekly = [r for r in WEEKLY if not r[0].startswith("Петров")]
    folder = make_inputs(tmp_path / "in", weekly=wide_rows(weekly=weekly))
    result = build(folder, tmp_path)
    # 25.12: Иванова 10, Семёнова 10, Петров (no row) 0 → 2 of 3
    assert last_week(result)["teachers"] == (3, 2)
    [note] = [n for n in check(folder).reading if "нет строк у сотрудников" in n.message]
    assert "(1): «Петров Илья» — они учтены как написавшие 0 сообщений" in note.describe()
    reading = (result.folder / "reading.txt").read_text(encoding="utf-8")
    assert "«Петров Илья» — они учтены как написавшие 0 сообщений" in reading


def test_a_person_not_employed_in_any_monitored_week_is_not_named(tmp_path):
    roster = [ROSTER_HEADERS, *[list(r) for r in ROSTER]]
    roster.append(["Новикова Ольга", 7, "учитель", "Основная школа", dt.date(2024, 2, 1), None, None, None])
    assert not [n for n in check(make_inputs(tmp_path / "in", roster=roster)).reading if "нет строк у" in n.message]
