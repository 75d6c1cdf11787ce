"""The federal pair as one row of «Показатели» (issue 31, point 2): «Федеральные показатели» gives 75 % of all
staff and 30 % of pupils and of parents active weekly, each figure computed by hand."""

from __future__ import annotations

import datetime as dt
import json

from reporting import build_package, check

from .builders import ROADMAP_HEADERS, ROADMAP_ROWS, make_inputs, write_xlsx

ROSTER = [["ФИО", "Табельный номер", "Категория"], ["Аникина Анна", 1, "педагог"], ["Борисов Борис", 2, "педагог"],
          ["Власова Вера", 3, "педагог"], ["Громов Глеб", 4, "педагог"], ["Гайдуков Андрей", 5, "администрация"]]  # fmt: skip
WEEKLY = [["ФИО", "25.12.2023"], ["Аникина Анна", 1], ["Борисов Борис", 0], ["Власова Вера", 5], ["Громов Глеб", 12],
          ["Гайдуков Андрей", 0]]  # fmt: skip
COUNTS = [["Неделя", "Группа", "Всего", "Активных"], ["25.12.2023", "обучающиеся", 300, 96],
          ["25.12.2023", "родители", 400, 100]]  # fmt: skip


def school(tmp_path, row):
    folder = make_inputs(tmp_path / "in", roadmap={"Дорожная карта": [ROADMAP_HEADERS, *ROADMAP_ROWS],
                                                   "Показатели": [["Показатель", "Категория", "Порог сообщений",
                                                                   "Целевое значение, %", "Срок"], row]})  # fmt: skip
    write_xlsx(folder / "monitoring.xlsx", {"Сотрудники": ROSTER, "Мониторинг": WEEKLY, "Охват": COUNTS})
    return folder


def test_one_row_gives_the_federal_pair_with_its_figures(tmp_path):
    result = build_package(2, school(tmp_path, ["Федеральные показатели"]), tmp_path / "out", data_only=True)
    summary = json.loads((result.folder / "summary.json").read_text(encoding="utf-8"))
    found = {i["category"]: i for i in summary["indicators"]}
    assert list(found) == ["all", "pupils", "parents"]
    # all staff, at least 1 message: Аникина 1, Власова 5, Громов 12 → 3 of 5 = 60 % (at 10 it would be 1 of 5)
    assert (found["all"]["end_of_quarter"]["active"], found["all"]["end_of_quarter"]["counted"]) == (3, 5)
    assert (found["all"]["end_of_quarter"]["percent"], found["all"]["target_percent"], found["all"]["threshold"]) == (
        60.0,
        75.0,
        1,
    )
    assert (found["pupils"]["end_of_quarter"]["percent"], found["pupils"]["target_percent"]) == (32.0, 30.0)  # 96/300
    assert (found["parents"]["end_of_quarter"]["percent"], found["parents"]["target_percent"]) == (
        25.0,
        30.0,
    )  # 100/400
    assert {i["deadline"] for i in found.values()} == {"2024-05-24"}  # the school year's last day
    reading = (result.folder / "reading.txt").read_text(encoding="utf-8")
    assert "«Федеральные показатели»: не менее 75 % всех работников, 30 % обучающихся и 30 % родителей" in reading


def test_the_rows_own_threshold_and_deadline_are_kept(tmp_path):
    row = ["федеральные целевые показатели MAX", None, 5, None, dt.date(2023, 12, 30)]
    report = check(school(tmp_path, row))
    assert report.valid, [p.describe() for p in report.problems]
    indicators = report.model.indicators
    assert [(r.indicator.threshold, r.indicator.deadline) for r in indicators] == [(5, dt.date(2023, 12, 30))] * 3
    everyone = next(r for r in indicators if r.category == "all")
    assert (everyone.series.end.active, everyone.series.end.counted) == (2, 5)  # Власова 5, Громов 12


def test_without_counts_for_pupils_and_parents_it_says_what_to_add(tmp_path):
    folder = school(tmp_path, ["Федеральные показатели"])
    write_xlsx(folder / "monitoring.xlsx", {"Сотрудники": ROSTER, "Мониторинг": WEEKLY})
    report = check(folder)
    assert not report.valid
    said = " ".join(p.describe() for p in report.problems)
    assert "Охват" in said and ("родител" in said or "обучающ" in said)


def test_the_blank_roadmap_offers_the_row_in_a_list(tmp_path):
    import openpyxl
    from click.testing import CliRunner

    from reporting.cli import main

    assert CliRunner().invoke(main, ["init", str(tmp_path / "new"), "--year", "2025/2026"]).exit_code == 0
    sheet = openpyxl.load_workbook(tmp_path / "new" / "roadmap.xlsx")["Показатели"]
    offered = [v for v in sheet.data_validations.dataValidation if str(v.sqref).startswith("A2")]
    assert offered and "Федеральные показатели" in offered[0].formula1 and not offered[0].showErrorMessage
