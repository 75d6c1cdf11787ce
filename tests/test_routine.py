"""The weekly check and blank inputs for a new school year."""

from __future__ import annotations

import datetime as dt

from click.testing import CliRunner
from openpyxl import load_workbook

from reporting.cli import main

from .builders import ROSTER, ROSTER_HEADERS, WEEKLY, make_inputs, wide_rows


def invoke(*args):
    result = CliRunner().invoke(main, list(map(str, args)))
    result.text = result.output.replace("\u00a0", " ")  # figures use non-breaking spaces
    return result


def test_check_prints_the_last_week_and_who_is_below(inputs, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = invoke("check", "--inputs", inputs)
    assert result.exit_code == 0, result.output
    assert "Ошибок во входных данных нет." in result.text
    assert "Последняя неделя мониторинга: 25.12–31.12.2023 (2 четверть 2023/2024 учебного года)." in result.text
    assert "Педагогические работники: 3 из 3 (100,0 %), цель 100,0 % к 30.12.2023." in result.text
    assert (
        "Недели этой четверти без данных: 27.11–03.12.2023, 04.12–10.12.2023, 11.12–17.12.2023, 18.12–24.12.2023."
        in result.text
    )
    assert not (tmp_path / "outputs").exists()


def test_check_lists_people_below_the_threshold(tmp_path):
    rows = [list(r) for r in WEEKLY]
    rows[1][-1] = 4
    result = invoke("check", "--inputs", make_inputs(tmp_path / "in", weekly=wide_rows(weekly=rows)))
    assert "Ниже порога (менее 10 сообщений):" in result.output
    assert "• Семёнова Юлия — 4" in result.output


def test_check_reports_every_data_problem(tmp_path):
    rows = [list(r) for r in WEEKLY]
    rows[0][2], rows[1][2] = -1, "много"
    result = invoke("check", "--inputs", make_inputs(tmp_path / "in", weekly=wide_rows(weekly=rows)))
    assert result.exit_code == 2
    assert "проблем: 2" in result.output


def test_init_writes_blank_inputs_with_the_roster_carried_over(tmp_path):
    previous = make_inputs(tmp_path / "old")
    target = tmp_path / "new"
    result = invoke("init", target, "--year", "2024/2025", "--roster", previous / "monitoring.xlsx")
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in target.iterdir()) == ["monitoring.xlsx", "roadmap.xlsx", "school.toml"]
    assert 'label = "2024/2025"' in (target / "school.toml").read_text(encoding="utf-8")
    monitoring = load_workbook(target / "monitoring.xlsx")
    assert monitoring.sheetnames == ["Сотрудники", "Мониторинг", "Инструкция"]
    names = [row[0] for row in monitoring["Сотрудники"].iter_rows(min_row=2, values_only=True)]
    assert "Зайцев Олег" not in names  # dismissed in 2023
    assert set(names) == {r[0] for r in ROSTER} - {"Зайцев Олег"}
    assert monitoring["Сотрудники"].cell(1, 1).value == ROSTER_HEADERS[0]
    validations = monitoring["Сотрудники"].data_validations.dataValidation
    assert validations and "педагогический работник" in validations[0].formula1
    weeks = [c.value for c in monitoring["Мониторинг"][1][2:]]
    assert weeks[0] == "02.09.2024–08.09.2024" and weeks[-1] == "26.05.2025–01.06.2025"  # 01.09.2024 is a Sunday
    roadmap = load_workbook(target / "roadmap.xlsx")
    assert roadmap.sheetnames == ["Дорожная карта", "Показатели", "Исполнение", "Корректировки", "Инструкция"]
    assert "выполнено" in roadmap["Дорожная карта"].data_validations.dataValidation[0].formula1


def test_init_refuses_to_overwrite(inputs):
    result = invoke("init", inputs, "--year", "2024/2025")
    assert result.exit_code == 3
    assert "уже есть" in result.output


def test_blank_inputs_once_filled_give_a_package(tmp_path):
    target = tmp_path / "new"
    assert (
        invoke(
            "init", target, "--year", "2024/2025", "--roster", make_inputs(tmp_path / "old") / "monitoring.xlsx"
        ).exit_code
        == 0
    )
    school = (target / "school.toml").read_text(encoding="utf-8")
    for blank, day in (("2024-09-__", "2024-09-02"), ("2024-10-__", "2024-10-25"), ("2024-11-__", "2024-11-05"),
                       ("2024-12-__", "2024-12-27"), ("2025-01-__", "2025-01-09"), ("2025-03-__", "2025-03-21"),
                       ("2025-04-__", "2025-04-01"), ("2025-05-__", "2025-05-23")):  # fmt: skip
        school = school.replace(blank, day, 1)
    for blank, name in (("Полное наименование организации", "Муниципальное автономное общеобразовательное учреждение "
                         "«Средняя общеобразовательная школа № 24»"), ("Краткое наименование", "МАОУ «СОШ № 24»"),
                        ("И.О. Фамилия", "А.Н. Гайдуков")):  # fmt: skip
        school = school.replace(f'"{blank}"', f'"{name}"', 1)  # a blank's placeholder is no name (issue 34, point 8)
    (target / "school.toml").write_text(school, encoding="utf-8")
    roadmap = load_workbook(target / "roadmap.xlsx")
    roadmap["Дорожная карта"].append(["1", "Создание чата", "Администрация", "Сентябрь 2024", "Чат создан"])
    for row in roadmap["Показатели"].iter_rows(min_row=2, max_row=3):
        row[0].value, row[4].value = "Охват", dt.date(2024, 12, 27)
    roadmap.save(target / "roadmap.xlsx")
    monitoring = load_workbook(target / "monitoring.xlsx")
    for row in monitoring["Мониторинг"].iter_rows(min_row=2):
        row[2].value = 12  # the week of 02.09.2024
    monitoring.save(target / "monitoring.xlsx")
    result = invoke(
        "--quarter", 1, "--inputs", target, "--outputs", tmp_path / "out", "--data-only", "-q", "--interim"
    )  # one September week of the quarter filled in: an interim report
    assert result.exit_code == 0, result.output
    assert (tmp_path / "out" / "2024-2025" / "Q1" / "summary.json").exists()
