"""The school's own periods (issue 31, point 1): trimesters, modules and half-years besides quarters —
the calendar in school.toml, ``--period N``, the package folder, every document's words, the year's
summary after the last period, and deadlines named by period.  Figures are computed by hand."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from click.testing import CliRunner

from reporting.cli import main

from .builders import ROADMAP_HEADERS, ROADMAP_ROWS, SCHOOL_TOML, make_inputs, write_xlsx
from .test_documents import docx_text, pdf_text

QUARTERS = SCHOOL_TOML[SCHOOL_TOML.index("quarters = [") :]
TRIMESTERS = """kind = "триместр"
periods = [
  ["2023-09-01", "2023-11-24"],
  ["2023-12-04", "2024-02-22"],
  ["2024-03-04", "2024-05-24"],
]
"""
MODULES = """kind = "модуль"
periods = [
  ["2023-09-01", "2023-10-13"],
  ["2023-10-23", "2023-12-08"],
  ["2023-12-18", "2024-02-09"],
  ["2024-02-19", "2024-04-05"],
  ["2024-04-15", "2024-05-24"],
]
"""
ROSTER = [
    ["ФИО", "Табельный номер", "Категория"],
    ["Аникина Анна", 1, "педагогический работник"],
    ["Борисов Борис", 2, "педагогический работник"],
    ["Власова Вера", 3, "педагогический работник"],
    ["Громов Глеб", 4, "педагогический работник"],
    ["Гайдуков Андрей Николаевич", 5, "администрация"],
]


def school(calendar: str, folder, weeks: list[str], rows: list[list], roadmap_rows=ROADMAP_ROWS):
    text = SCHOOL_TOML.replace(QUARTERS, calendar)
    inputs = make_inputs(folder, school=text, roster=ROSTER, weekly=[["ФИО", *weeks], *rows])
    write_xlsx(inputs / "roadmap.xlsx", {"Дорожная карта": [ROADMAP_HEADERS, *roadmap_rows]})
    return inputs


@pytest.fixture
def trimester_school(tmp_path):
    # the last teaching week of each trimester: 20.11.2023, 19.02.2024, 20.05.2024
    weeks = ["20.11.2023", "19.02.2024", "20.05.2024"]
    rows = [
        ["Аникина Анна", 12, 10, 10],
        ["Борисов Борис", 3, 10, 10],
        ["Власова Вера", 10, 2, 10],
        ["Громов Глеб", 0, 11, 10],
        ["Гайдуков Андрей Николаевич", 15, 4, 10],
    ]
    return school(TRIMESTERS, tmp_path / "inputs", weeks, rows)


def build(inputs, outputs, *args):
    return CliRunner().invoke(main, [*args, "--inputs", str(inputs), "--outputs", str(outputs), "-q"])


def summary(folder) -> dict:
    return json.loads((folder / "summary.json").read_text(encoding="utf-8"))


def ends(found: dict) -> dict[str, tuple]:
    return {i["category"]: (i["end_of_quarter"]["active"], i["end_of_quarter"]["counted"],
                            i["end_of_quarter"]["percent"], i["change_pp"]) for i in found["indicators"]}  # fmt: skip


def test_a_trimester_is_reported_as_a_trimester_with_its_own_figures(trimester_school, tmp_path):
    outputs = tmp_path / "out"
    assert build(trimester_school, outputs, "--period", "1").exit_code == 0
    run = build(trimester_school, outputs, "--period", "2")
    assert run.exit_code == 0, run.output
    package = outputs / "2023-2024" / "T2"
    found = summary(package)
    assert (found["quarter"], found["period"]["kind"]) == (2, "триместр")
    # 19.02: teachers 10, 10, 2, 11 → 3 of 4 = 75 % (+25 п. п. from 2 of 4 on 20.11); administration 4 → 0 of 1
    assert ends(found) == {"teachers": (3, 4, 75.0, 25.0), "administration": (0, 1, 0.0, -100.0)}
    for text in (pdf_text(package / "report.pdf"), docx_text(package / "report.docx")):
        assert "за2триместр2023/2024учебногогода" in text
        assert "Исполнениевтриместре" in text and "Наконецтриместра" in text
        assert "посравнениюсконцомпредыдущеготриместра(50,0%" in text
        assert "четверт" not in text.replace("Итогичетверти", "")  # the roadmap's own title stays as written
    for text in (pdf_text(package / "roadmap.pdf"), docx_text(package / "roadmap.docx")):
        assert "поитогам2триместра" in text
    assert not (outputs / "2023-2024" / "Q2").exists()


def test_the_year_is_summed_up_after_the_third_trimester(trimester_school, tmp_path):
    run = build(trimester_school, tmp_path / "out", "--period", "3")
    assert run.exit_code == 0, run.output
    package = tmp_path / "out" / "2023-2024" / "T3"
    year = summary(package)["year"]
    by_category = {i["category"]: [e and e["percent"] for e in i["quarter_ends"]] for i in year["indicators"]}
    assert by_category == {"teachers": [50.0, 75.0, 100.0], "administration": [100.0, 0.0, 100.0]}
    for text in (pdf_text(package / "report.pdf"), docx_text(package / "report.docx")):
        assert "Итоги2023/2024учебногогода" in text
        assert "КатегорияЦель1триместр2триместр3триместрИтог" in text  # three columns, no fourth
        assert "100,0%(4из4)" in text and "0,0%(0из1)" in text


def test_a_fourth_trimester_is_refused_and_nothing_written(trimester_school, tmp_path):
    run = build(trimester_school, tmp_path / "out", "--period", "4")
    assert run.exit_code == 2
    assert "в учебном году школы 3 триместра, а указан 4-й" in run.output and "--period" in run.output
    assert not (tmp_path / "out").exists() or not any((tmp_path / "out").rglob("*.pdf"))


def test_quarter_is_the_same_option_and_quarters_still_mean_quarters(trimester_school, tmp_path):
    assert build(trimester_school, tmp_path / "out", "--quarter", "2", "--data-only").exit_code == 0
    assert (tmp_path / "out" / "2023-2024" / "T2" / "summary.json").is_file()


def test_a_modular_school_has_five_modules_and_its_year_after_the_fifth(tmp_path):
    # the last teaching weeks of modules 1–5: 09.10, 04.12, 05.02, 01.04, 20.05
    weeks = ["09.10.2023", "04.12.2023", "05.02.2024", "01.04.2024", "20.05.2024"]
    rows = [[r[0], 10, 10, 10, 10, 10] for r in ROSTER[1:]]
    rows[0][1:3] = [0, 0]  # Аникина wrote nothing in modules 1 and 2: teachers 3 of 4 there
    roadmap = [*ROADMAP_ROWS[:3], ["4", "Консультации", "Администрация", "2 модуль", "", None, None]]
    inputs = school(MODULES, tmp_path / "inputs", weeks, rows, roadmap)
    run = build(inputs, tmp_path / "out", "--period", "5", "--data-only")
    assert run.exit_code == 0, run.output
    found = summary(tmp_path / "out" / "2023-2024" / "M5")
    teachers = next(i for i in found["year"]["indicators"] if i["category"] == "teachers")
    assert [e["percent"] for e in teachers["quarter_ends"]] == [75.0, 75.0, 100.0, 100.0, 100.0]
    due = next(a for a in found["activities"] if a["number"] == "4")["due"]
    assert due == "2023-12-08"  # «2 модуль»: the second module's last day


def test_a_period_word_of_another_kind_is_refused_with_the_choice_named(tmp_path, trimester_school):
    roadmap = [*ROADMAP_ROWS[:3], ["4", "Консультации", "Администрация", "2 четверть", "", None, None]]
    write_xlsx(trimester_school / "roadmap.xlsx", {"Дорожная карта": [ROADMAP_HEADERS, *roadmap]})
    run = build(trimester_school, tmp_path / "out", "--period", "2")
    assert run.exit_code == 2
    assert "учебный год школы делится на триместров" not in run.output
    assert "срок назван по периоду «четверть», а учебный год школы делится на триместры" in run.output
    assert "«2 триместр»" in run.output
    # the hint, followed: the deadline written as «2 триместр» is the second trimester's last day
    roadmap[-1][3] = "2 триместр"
    write_xlsx(trimester_school / "roadmap.xlsx", {"Дорожная карта": [ROADMAP_HEADERS, *roadmap]})
    again = build(trimester_school, tmp_path / "out", "--period", "2", "--data-only")
    assert again.exit_code == 0, again.output
    activity = next(a for a in summary(tmp_path / "out" / "2023-2024" / "T2")["activities"] if a["number"] == "4")
    assert activity["due"] == "2024-02-22"


def test_a_half_year_in_a_quarter_school_is_its_two_quarters(inputs, run_cli):
    from reporting.inputs import School
    from reporting.validate.deadlines import parse_deadline

    school_quarters = ((dt.date(2023, 9, 1), dt.date(2023, 10, 27)), (dt.date(2023, 11, 7), dt.date(2023, 12, 29)),
                       (dt.date(2024, 1, 9), dt.date(2024, 3, 22)), (dt.date(2024, 4, 1), dt.date(2024, 5, 24)))  # fmt: skip
    year = School("ОО", "ОО", "Директор", "А.Б. Вэ", "MAX", "2023/2024", school_quarters)
    first = parse_deadline("1 полугодие", year)
    assert (first.start, first.due) == (dt.date(2023, 9, 1), dt.date(2023, 12, 29))
    assert parse_deadline("II четверти", year).due == dt.date(2023, 12, 29)


@pytest.mark.parametrize(("calendar", "message"), [
    ('kind = "семестр"\nperiods = [["2023-09-01", "2023-12-29"], ["2024-01-09", "2024-05-24"]]\n',
     "вид учебных периодов не распознан"),
    ('kind = "триместр"\nperiods = [["2023-09-01", "2023-12-29"], ["2024-01-09", "2024-05-24"]]\n',
     "нужно ровно 3 триместра"),
    ('kind = "модуль"\nperiods = [["2023-09-01", "2023-12-29"], ["2024-01-09", "2024-05-24"]]\n',
     "нужно от 4 до 6 модулей"),
    ('kind = "триместр"\nquarters = [["2023-09-01", "2023-11-24"], ["2023-12-04", "2024-02-22"], '
     '["2024-03-04", "2024-05-24"]]\n', "quarters — это четверти"),
])  # fmt: skip
def test_a_calendar_that_does_not_fit_its_kind_is_located(tmp_path, calendar, message):
    inputs = school(calendar, tmp_path / "inputs", ["20.11.2023"], [[r[0], 10] for r in ROSTER[1:]])
    run = CliRunner().invoke(main, ["check", "--inputs", str(inputs)])
    assert run.exit_code == 2 and message in run.output and "school.toml" in run.output


def test_init_writes_the_calendar_of_the_kind_asked_for(tmp_path):
    run = CliRunner().invoke(main, ["init", str(tmp_path / "new"), "--year", "2025/2026", "--kind", "триместр"])
    assert run.exit_code == 0, run.output
    text = (tmp_path / "new" / "school.toml").read_text(encoding="utf-8")
    assert 'kind = "триместр"' in text and text.count('-__"],') == 3 and "quarters" not in text
    assert "каждого триместра" in text


def test_the_quarters_key_of_a_trimester_school_renamed_as_the_hint_says_reads(tmp_path):
    calendar = ('kind = "триместр"\nquarters = [["2023-09-01", "2023-11-24"], ["2023-12-04", "2024-02-22"], '
                '["2024-03-04", "2024-05-24"]]\n')  # fmt: skip
    inputs = school(calendar, tmp_path / "inputs", ["20.11.2023"], [[r[0], 10] for r in ROSTER[1:]])
    refused = CliRunner().invoke(main, ["check", "--inputs", str(inputs)])
    assert refused.exit_code == 2 and "Назовите список дат periods" in refused.output
    text = (inputs / "school.toml").read_text(encoding="utf-8").replace("quarters = [", "periods = [")
    (inputs / "school.toml").write_text(text, encoding="utf-8")
    from reporting import check

    report = check(inputs)
    assert report.valid, [p.describe() for p in report.problems]
    assert report.model.school.period_kind == "триместр" and len(report.model.school.quarters) == 3
