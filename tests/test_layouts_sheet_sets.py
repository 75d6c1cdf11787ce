"""Weekly data over several sheets (issue 16): a sheet per month beside «Сотрудники», or a sheet per
category holding its people and weeks — the base school's figures, and a week or a person on two
sheets refused, never one of them dropped."""

from __future__ import annotations

from .builders import ROSTER, ROSTER_HEADERS, WEEKLY, WEEKS, make_inputs, write_xlsx
from .test_errors import assert_refused
from .test_layouts_roster import base, weeks_of


def wide(weeks_at: list[int], people=WEEKLY):
    rows = [["ФИО", *(WEEKS[i] for i in weeks_at)]]
    for person in people:
        rows.append([person[0], *(person[1 + i] for i in weeks_at)])
    return rows


def test_a_sheet_per_month(tmp_path, run_cli):
    expected = base(tmp_path, run_cli)
    folder = make_inputs(tmp_path / "in")
    write_xlsx(folder / "monitoring.xlsx", {"Сотрудники": [ROSTER_HEADERS, *ROSTER],
                                            "Мониторинг октябрь": wide([0]), "Мониторинг ноябрь": wide([1, 2, 3, 4]),
                                            "Мониторинг декабрь": wide([5])})  # fmt: skip
    run = run_cli(folder, 2, "--data-only")
    assert run.exit_code == 0, run.output
    assert weeks_of(run) == expected
    assert "недели собраны с листов «Мониторинг октябрь», «Мониторинг ноябрь», «Мониторинг декабрь»" in (
        run.package / "reading.txt").read_text(encoding="utf-8")  # fmt: skip


def test_a_week_on_two_month_sheets_is_refused(tmp_path, run_cli):
    folder = make_inputs(tmp_path / "in")
    write_xlsx(folder / "monitoring.xlsx", {"Сотрудники": [ROSTER_HEADERS, *ROSTER],
                                            "Мониторинг ноябрь": wide([1, 2, 3]), "Мониторинг декабрь": wide([3, 5])})  # fmt: skip
    assert_refused(run_cli(folder, 2, "--data-only"), "лист «Мониторинг декабрь»",
                   "неделя с 20.11.2023 есть и на листе «Мониторинг ноябрь»")  # fmt: skip


def per_category():
    """«Педагогические работники» and «Администрация», each with its people's roster columns and weeks."""
    headers = [h for h in ROSTER_HEADERS if h != "Категория"]
    sheets = {}
    for title, wanted in (("Педагогические работники", False), ("Администрация", True)):
        rows = [[*headers, *WEEKS]]
        for person, counts in zip(ROSTER, WEEKLY, strict=False):
            if (person[2] == "АДМИНИСТРАЦИЯ") == wanted:
                rows.append([counts[0], person[1], *person[3:], *counts[1:]])
        sheets[title] = rows
    return sheets


def test_a_sheet_per_category(tmp_path, run_cli):
    expected = base(tmp_path, run_cli)
    folder = make_inputs(tmp_path / "in")
    write_xlsx(folder / "monitoring.xlsx", per_category())
    run = run_cli(folder, 2, "--data-only")
    assert run.exit_code == 0, run.output
    assert weeks_of(run) == expected
    assert "категории взяты из имени листа и строк-разделов: «Администрация» — строки 2" in (
        run.package / "reading.txt").read_text(encoding="utf-8")  # fmt: skip


def test_a_person_on_two_category_sheets_is_refused(tmp_path, run_cli):
    sheets = per_category()
    sheets["Администрация"].append(sheets["Педагогические работники"][1])
    folder = make_inputs(tmp_path / "in")
    write_xlsx(folder / "monitoring.xlsx", sheets)
    assert_refused(
        run_cli(folder, 2, "--data-only"), "лист «Администрация»", "есть и на листе «Педагогические работники»"
    )


def test_a_district_workbook_with_a_sheet_per_organisation(tmp_path, run_cli):
    def school(counts):
        rows = [["ФИО", "Категория", "13.11.2023", "20.11.2023"]]
        for (name, category), values in zip(
            [("Анна Иванова", "учитель"), ("Борис Петров", "учитель"), ("Вера Орлова", "администрация")], counts,
            strict=True,
        ):  # fmt: skip
            rows.append([name.split()[1] + " " + name.split()[0], category, *values])
        return rows

    folder = make_inputs(tmp_path / "in")
    write_xlsx(folder / "monitoring.xlsx", {"СОШ № 1": school([(10, 12), (10, 5), (10, 10)]),
                                            "СОШ № 2": school([(0, 10), (3, 10), (10, 3)])})  # fmt: skip
    run = run_cli(folder, 2, "--data-only", "--interim")  # three November weeks of a quarter that ends 29.12
    assert run.exit_code == 0, run.output
    summary = run.summary()
    # by hand, 20.11: СОШ № 1 teachers 12 and 5 (1 of 2), head 10 (1 of 1); СОШ № 2 teachers 10, 10 (2 of 2),
    # head 3 (0 of 1): together teachers 3 of 4, administration 1 of 2
    assert {k: v[-1] for k, v in weeks_of(run).items()} == {"teachers": ("2023-11-20", 4, 3),
                                                           "administration": ("2023-11-20", 2, 1)}  # fmt: skip
    assert sorted(o["name"] for o in summary["organizations"]) == ["СОШ № 1", "СОШ № 2"]
    assert "организация каждого сотрудника взята из имени его листа" in (run.package / "reading.txt").read_text(
        encoding="utf-8")  # fmt: skip
