"""Cell readers, header matching and «Срок» wordings."""

from __future__ import annotations

import datetime as dt

import pytest

from reporting.inputs import School
from reporting.read.cells import CellError, key_text, parse_count, parse_date
from reporting.read.text import normalize
from reporting.read.weeks import read_week_label
from reporting.validate.categories import category_of
from reporting.validate.deadlines import DeadlineError, parse_deadline

SCHOOL = School(
    "Школа", "Школа", "Директор", "А.Н. Гайдуков", "Сферум", "2023/2024",
    ((dt.date(2023, 9, 1), dt.date(2023, 10, 27)), (dt.date(2023, 11, 7), dt.date(2023, 12, 29)),
     (dt.date(2024, 1, 9), dt.date(2024, 3, 22)), (dt.date(2024, 4, 1), dt.date(2024, 5, 24))),
)  # fmt: skip
D = dt.date


@pytest.mark.parametrize(
    ("text", "start", "due"),
    [
        ("Август 2023", D(2023, 8, 1), D(2023, 8, 31)),
        ("Сентябрь 2023 – май 2024", D(2023, 9, 1), D(2024, 5, 31)),
        ("сентябрь-декабрь 2023", D(2023, 9, 1), D(2023, 12, 31)),
        ("ноябрь – февраль 2024", D(2023, 11, 1), D(2024, 2, 29)),
        ("до 30.12.2023", None, D(2023, 12, 30)),
        ("До мая 2024 г.", None, D(2024, 5, 31)),
        ("30.12.2023", None, D(2023, 12, 30)),
        ("01.09.2023 — 30.12.2023", D(2023, 9, 1), D(2023, 12, 30)),
        ("ежеквартально", D(2023, 9, 1), D(2024, 5, 24)),
        ("В течение учебного года", D(2023, 9, 1), D(2024, 5, 24)),
        ("2 четверть", D(2023, 11, 7), D(2023, 12, 29)),
        (dt.datetime(2024, 3, 1), None, D(2024, 3, 1)),
    ],
)
def test_deadline_wordings(text, start, due):
    deadline = parse_deadline(text, SCHOOL)
    assert (deadline.start, deadline.due) == (start, due)


@pytest.mark.parametrize("text", ["когда-нибудь", "Сентябрь", "13.13.2023", "май 2024 – сентябрь 2023"])
def test_unreadable_deadlines(text):
    with pytest.raises(DeadlineError):
        parse_deadline(text, SCHOOL)


def test_dates_and_week_ranges():
    assert parse_date("04.09.2023") == D(2023, 9, 4)
    assert parse_date(" 04.09.23 г.") == D(2023, 9, 4)
    assert parse_date("2023-09-04") == D(2023, 9, 4)
    assert parse_date(dt.datetime(2023, 9, 4, 0, 0)) == D(2023, 9, 4)
    assert read_week_label("04.09.2023–10.09.2023", (2023, 2024)) == (D(2023, 9, 4), D(2023, 9, 10))
    assert read_week_label("04.09.2023 - 10.09.2023", (2023, 2024)) == (D(2023, 9, 4), D(2023, 9, 10))
    with pytest.raises(CellError):
        parse_date("31.02.2023")


def test_counts():
    assert parse_count(12.0) == 12
    assert parse_count(" 12 ") == 12
    assert parse_count("12,0") == 12
    for bad in (-1, 1.5, "двенадцать", True):
        with pytest.raises(CellError):
            parse_count(bad)


def test_keys_and_names():
    assert key_text(1000) == key_text(1000.0) == key_text("1000") == key_text("1000.0") == "1000"
    assert normalize("  Семёнова\u00a0 ЮЛИЯ ") == normalize("семенова юлия")


@pytest.mark.parametrize(
    ("text", "category"),
    [("Педагогические работники", "teachers"), ("учитель", "teachers"), ("ПЕДАГОГ", "teachers"),
     ("управленческие кадры", "administration"), ("Управление", "administration"), ("Администрация", "administration"),
     ("охранник", None), ("Руководящие работники", "administration"), ("АУП", "administration"),
     ("Административно-управленческий персонал", "administration"), ("Заместитель руководителя", "administration"),
     ("Специалисты", "teachers"), ("педагог-психолог", "teachers"), ("Учитель - логопед", "teachers"),
     ("Социальный педагог", "teachers"), ("Учебно-вспомогательный персонал", "other"),
     ("Обслуживающий персонал", "other"), ("Прочий персонал", "other"), ("все работники", None),
     ("Специалисты (педагог-психолог)", "teachers"), ("Администрация (заместитель директора)", "administration"),
     ("(администрация)", None)],
)  # fmt: skip
def test_categories(text, category):
    assert category_of(text) == category


def test_an_indicator_may_name_every_category():
    assert category_of("Все работники", indicator=True) == "all"
    assert category_of("все работники") is None  # a person has a category of their own


def test_every_status_spelling_reads_as_a_contract_status_word():
    from reporting.inputs import STATUS_WORDS
    from reporting.validate.roadmap import STATUS_MARKS

    assert set(STATUS_MARKS.values()) == set(STATUS_WORDS)
    assert STATUS_MARKS["выполнен"] == "выполнено" and STATUS_MARKS["в работе"] == "выполняется"
