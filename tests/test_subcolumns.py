"""Sub-columns under a week get a role from their words: days add up into the week and are no
platforms; «Сообщений» and «Звонков» are two measures, not duplicate columns (issue 30, point 1)."""

from __future__ import annotations

import datetime as dt

import pytest

from reporting import build_package, check

from .builders import ROADMAP_HEADERS, ROADMAP_ROWS, make_inputs

WEEKS = ["06.11.2023", "13.11.2023", "20.11.2023", "25.12.2023"]
PEOPLE = [
    ("Иванова Анна Петровна", [12, 10, 0, 10]),
    ("Семёнова Юлия", [9, 10, 25, 10]),
    ("Петров Илья", [50, 11, 10, 10]),
    ("Орлова Мария", [10, 30, 0, 0]),
    ("Зайцев Олег", [0, 3, 20, 0]),
    ("Гайдуков Андрей Николаевич", [10, 0, 15, 10]),
]
# Teachers (Петров hired 08.11, Орлова absent from 13.11, Зайцев left 13.11), at least 10 messages:
# 06.11: Иванова and Орлова of Иванова, Семёнова, Орлова, Зайцев → 2 of 4; 13.11: Иванова, Семёнова, Петров
# of 4 (Зайцев counted on his last Monday) → 3 of 4; 20.11: Семёнова, Петров of 3 → 2 of 3; 25.12: 3 of 3.
TEACHERS = [(dt.date(2023, 11, 6), 4, 2), (dt.date(2023, 11, 13), 4, 3), (dt.date(2023, 11, 20), 3, 2),
            (dt.date(2023, 12, 25), 3, 3)]  # fmt: skip


def split(count: int, parts: int) -> list[int]:
    """``count`` over ``parts`` days: the first takes the remainder."""
    return [count - (parts - 1) * (count // parts)] + [count // parts] * (parts - 1)


def sheet(subheaders: list, cells) -> list[list]:
    top, below = ["ФИО"], [None]
    for week in WEEKS:
        top += [week] + [None] * (len(subheaders) - 1)
        below += subheaders
    rows = [top, below]
    for name, counts in PEOPLE:
        rows.append([name, *[v for count in counts for v in cells(name, count)]])
    return rows


def teachers(result) -> list[tuple]:
    series = next(r for r in result.model.indicators if r.category == "teachers").series
    return [(w.week, w.counted, w.active) for w in series.weeks]


@pytest.mark.parametrize(
    "days",
    [["Пн", "Вт", "Ср", "Чт", "Пт"], ["понедельник", "вторник", "среда", "четверг", "пятница"], [1, 2, 3, 4, 5]],
)
def test_days_under_a_week_add_up_and_are_no_platforms(tmp_path, days):
    folder = make_inputs(tmp_path / "in", weekly=sheet(days, lambda _, count: split(count, 5)))
    report = check(folder)
    assert report.valid, report.problems
    [note] = [n for n in report.reading if "подстолбцы дней" in n.message]
    assert "сообщения за дни сложены в неделю; это не платформы" in note.message
    result = build_package(2, folder, tmp_path / "out", data_only=True)
    assert teachers(result) == TEACHERS
    assert result.model.monitoring.platforms == {}  # no «По платформам: Вт — …» in the report


def test_messages_and_calls_under_a_week_are_two_measures(tmp_path):
    indicators = [
        ["Показатель", "Категория", "Порог сообщений", "Порог звонков", "Целевое значение, %", "Срок"],
        ["10 сообщений и 1 звонок", "педагогические работники", 10, 1, 100, dt.date(2023, 12, 30)],
        ["10 сообщений и 1 звонок", "администрация", 10, 1, 100, dt.date(2023, 12, 30)],
    ]
    roadmap = {"Дорожная карта": [ROADMAP_HEADERS, *ROADMAP_ROWS], "Показатели": indicators}

    def cells(name, count):
        # Петров made no call in the week of 25.12 although he wrote 10 messages
        return [count, 0 if name == "Петров Илья" and count == 10 else 1]

    folder = make_inputs(tmp_path / "in", roadmap=roadmap, weekly=sheet(["Сообщений", "Звонков"], cells))
    report = check(folder)
    assert report.valid, report.problems
    assert any("подстолбцы «Сообщений» и «Звонков»" in n.message for n in report.reading)
    result = build_package(2, folder, tmp_path / "out", data_only=True)
    # 20.11: Петров 10 messages, 0 calls → Семёнова alone: 1 of 3; 25.12: Иванова, Семёнова → 2 of 3
    assert teachers(result) == [TEACHERS[0], TEACHERS[1], (dt.date(2023, 11, 20), 3, 1), (dt.date(2023, 12, 25), 3, 2)]


def test_platforms_under_a_week_keep_their_breakdown(tmp_path):
    folder = make_inputs(
        tmp_path / "in", weekly=sheet(["Сферум", "MAX"], lambda _, count: [count - count // 2, count // 2])
    )
    result = build_package(2, folder, tmp_path / "out", data_only=True)
    assert teachers(result) == TEACHERS
    assert sorted(result.model.monitoring.platforms) == ["MAX", "Сферум"]


def test_a_total_beside_the_days_is_not_read(tmp_path):
    folder = make_inputs(
        tmp_path / "in", weekly=sheet(["Пн", "Вт", "Итого"], lambda _, count: [*split(count, 2), count])
    )
    result = build_package(2, folder, tmp_path / "out", data_only=True)
    assert teachers(result) == TEACHERS
