"""Counts as well as names: parents and pupils from the «Охват» sheet, beside staff counted per person."""

from __future__ import annotations

import datetime as dt
import json

from reporting import build_package, check
from reporting.kinds import Kind

from .builders import ROADMAP_HEADERS, ROADMAP_ROWS, ROSTER, ROSTER_HEADERS, make_inputs, wide_rows, write_xlsx

D = dt.date(2023, 12, 30)
INDICATORS = [
    ["Показатель", "Категория", "Порог сообщений", "Целевое значение, %", "Срок"],
    ["Доля педагогов", "педагогические работники", 10, 75, D],
    ["Доля родителей", "родители", 10, 30, D],
    ["Доля обучающихся", "обучающиеся", 10, 30, D],
]
COUNTS = [
    ["Еженедельный отчёт об охвате"],
    [],
    ["Неделя", "Группа", "Всего", "Активных", "%"],
    ["23.10.2023", "родители", 400, 40, 10],  # quarter 1
    ["06.11.2023", "родители", 400, 80, 20],
    ["06.11.2023", "обучающиеся", 300, 60, 20],
    ["13.11.2023–19.11.2023", "Родители (законные представители)", 400, 100, 25],
    ["13.11.2023–19.11.2023", "учащиеся", 300, 90, 30],
    [dt.date(2023, 12, 25), "родители", 410, 164, 40],
    [dt.date(2023, 12, 25), "обучающиеся", 305, 61, 25],  # 61 of 305 is 20 %: the counts win
    ["Итого", None, 1115, 285, None],
]


def school_with_counts(tmp_path, counts=COUNTS, indicators=INDICATORS, sheets=None):
    folder = make_inputs(
        tmp_path / "in", roadmap={"Дорожная карта": [ROADMAP_HEADERS, *ROADMAP_ROWS], "Показатели": indicators}
    )
    write_xlsx(
        folder / "monitoring.xlsx",
        sheets or {"Сотрудники": [ROSTER_HEADERS, *ROSTER], "Мониторинг": wide_rows(), "Охват": counts},
    )
    return folder


def by_category(result) -> dict:
    return {r.category: r for r in result.model.indicators}


def test_parents_and_pupils_by_counts_beside_staff_by_person(tmp_path):
    result = build_package(2, school_with_counts(tmp_path), tmp_path / "out", data_only=True)
    found = by_category(result)
    parents, pupils, teachers = found["parents"], found["pupils"], found["teachers"]
    # Parents in quarter 2: 80/400 = 20 %, 100/400 = 25 %, 164/410 = 40 %; quarter 1 ended at 40/400 = 10 %.
    assert [(w.week, w.counted, w.active, w.percent) for w in parents.series.weeks] == [
        (dt.date(2023, 11, 6), 400, 80, 20.0),
        (dt.date(2023, 11, 13), 400, 100, 25.0),
        (dt.date(2023, 12, 25), 410, 164, 40.0),
    ]
    assert parents.series.average_percent == 28.33  # (20 + 25 + 40) / 3
    assert parents.series.weeks_at_target == 1 and parents.target_met is True and parents.change_pp == 30.0
    # Pupils: 20 %, 30 %, 20 % (the typed «25» is checked and set aside); no quarter-1 figure to compare with.
    assert [w.percent for w in pupils.series.weeks] == [20.0, 30.0, 20.0]
    assert pupils.target_met is False and pupils.change_pp is None
    assert parents.below_threshold == () and parents.departments == ()  # counts name nobody
    # Staff per person, as before (tests/test_coverage.py): 2 of 4, 3 of 4, 2 of 3, 3 of 3.
    assert [(w.counted, w.active) for w in teachers.series.weeks] == [(4, 2), (4, 3), (3, 2), (3, 3)]
    summary = {
        i["category"]: i for i in json.loads((result.folder / "summary.json").read_text(encoding="utf-8"))["indicators"]
    }
    assert summary["parents"]["measured_by"] == "counts" and summary["teachers"]["measured_by"] == "persons"
    assert summary["parents"]["end_of_quarter"] == {
        "week": "2023-12-25",
        "counted": 410,
        "active": 164,
        "percent": 40.0,
    }
    reading = (result.folder / "reading.txt").read_text(encoding="utf-8")
    assert "пропущены как итоговые: строки 11" in reading
    assert "процент не сходится с числами «Всего»/«Активных» в строках 10: взяты числа" in reading


def test_the_report_shows_counted_groups_without_names(tmp_path):
    from .test_documents import pdf_text, squash

    result = build_package(2, school_with_counts(tmp_path), tmp_path / "out")
    text = pdf_text(result.folder / "report.pdf")
    assert (
        squash(
            "Родители (законные представители): в последнюю неделю четверти (25.12–31.12.2023) не менее 10 сообщений написали 164 родителя из 410 (40,0 %)"
        )
        in text
    )
    assert squash("По группам «родители (законные представители)», «обучающиеся» число пользователей") in text


def located(report) -> list[tuple]:
    return sorted((p.kind, p.sheet, p.row, p.column) for p in report.problems)


def test_wrong_counts_are_located(tmp_path):
    counts = [COUNTS[2], ["06.11.2023", "родители", 400, 500], ["13.11.2023", "родители", -1, 0],
              ["20.11.2023", "соседи", 10, 1], ["02.09.2024", "обучающиеся", 10, 1], ["06.11.2023", "обучающиеся", 300, 60],
              ["06.11.2023", "обучающиеся", 300, 61]]  # fmt: skip
    report = check(school_with_counts(tmp_path, counts=counts))
    assert located(report) == sorted([
        (Kind.BAD_VALUE, "Охват", 2, "Активных"),  # 500 active of 400
        (Kind.BAD_COUNT, "Охват", 3, "Всего"),  # negative
        (Kind.UNKNOWN_CATEGORY, "Охват", 4, "Группа"),  # «соседи»
        (Kind.WEEK_OUTSIDE_YEAR, "Охват", 5, "Неделя"),
        (Kind.DUPLICATE_ROW, "Охват", 7, "Группа"),
    ])  # fmt: skip


def test_a_group_measured_both_ways_or_not_at_all_is_an_error(tmp_path):
    counts = [COUNTS[2], ["06.11.2023", "педагогические работники", 60, 50], ["06.11.2023", "родители", 400, 80],
              ["06.11.2023", "администрация", 8, 8]]  # fmt: skip
    indicators = [*INDICATORS[:3]]  # teachers and parents; no pupils' indicator, no administration's
    report = check(school_with_counts(tmp_path, counts=counts, indicators=indicators))
    kinds = sorted((p.kind, p.message.split("«")[1].split("»")[0]) for p in report.problems)
    assert kinds == [
        (Kind.GROUP_MEASURED_TWICE, "педагогические работники"),
        (Kind.UNKNOWN_CATEGORY, "администрация"),
    ]
    missing = check(school_with_counts(tmp_path / "b", counts=[COUNTS[2], ["06.11.2023", "родители", 400, 80]]))
    assert [(p.kind, "обучающиеся" in p.message) for p in missing.problems] == [(Kind.MISSING_SHEET, True)]


def test_counts_alone_make_a_package_with_no_personal_data(tmp_path):
    """A school that reports only counts: no roster, no «Мониторинг», no appendix of names."""
    counts = [COUNTS[2], ["06.11.2023", "педагогические работники", 60, 45], ["25.12.2023", "педагогические работники", 59, 54],
              ["06.11.2023", "администрация", 8, 6], ["25.12.2023", "администрация", 8, 8]]  # fmt: skip
    indicators = [*INDICATORS[:2], ["Доля администрации", "администрация", 10, 100, D]]
    folder = school_with_counts(tmp_path, indicators=indicators, sheets={"Охват": counts})
    result = build_package(2, folder, tmp_path / "out")
    found = by_category(result)
    assert (found["teachers"].series.end.active, found["teachers"].series.end.counted) == (54, 59)
    assert found["teachers"].target_met is True  # 91,5 % ≥ 75 %
    assert found["administration"].series.end.percent == 100.0
    assert result.model.people == ()
    from .test_documents import pdf_text, squash

    text = pdf_text(result.folder / "report.pdf")
    assert squash("мониторинг проводился 2 недели") in text and "Приложение к отчёту" not in text
    assert squash("Данных по подразделениям нет") in text  # not an empty table


DISTRICT_ROWS = [
    [
        "Организация",
        "Неделя",
        "Всего педагогических работников",
        "Из них написали не менее 10 сообщений за неделю",
        "%",
    ],
    ["СОШ № 1", "06.11.2023", 40, 30, 75],
    ["СОШ № 2", "06.11.2023", 50, 20, 40],
    ["СОШ № 1", "25.12.2023", 40, 36, 90],
    ["СОШ № 2", "25.12.2023", 50, 44, 88],
]


def test_a_district_counts_table_is_known_by_its_columns_whatever_its_sheet_name(tmp_path):
    """Issue 30, point 10: under the name «Мониторинг» it was taken for a staff sheet and refused."""
    from click.testing import CliRunner

    from reporting.cli import main

    results = {}
    for name in ("Свод", "Мониторинг"):
        folder = make_inputs(tmp_path / name, roadmap={"Дорожная карта": [ROADMAP_HEADERS, *ROADMAP_ROWS],
                                                       "Показатели": INDICATORS[:2]})  # fmt: skip
        write_xlsx(folder / "monitoring.xlsx", {name: DISTRICT_ROWS})
        report = check(folder)
        assert report.valid, report.problems
        result = build_package(2, folder, tmp_path / f"{name}-out", data_only=True)
        teachers = by_category(result)["teachers"].series.end
        results[name] = (teachers.week, teachers.counted, teachers.active)
    # 25.12: 36 + 44 of 40 + 50
    assert results["Свод"] == results["Мониторинг"] == (dt.date(2023, 12, 25), 90, 80)
    folder = tmp_path / "Мониторинг"
    assert any("прочитан как «Охват», по столбцам" in n.message for n in check(folder).reading)
    assert CliRunner().invoke(main, ["describe", "--inputs", str(folder), "--write"]).exit_code == 0
    assert 'reads_as = "Охват"' in (folder / "layout.toml").read_text(encoding="utf-8")
    assert check(folder).valid  # the declared layout reads the same
