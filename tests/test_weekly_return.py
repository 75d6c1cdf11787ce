"""``make-report week``: the school's weekly return, and the district reading it back with the same figures."""

from __future__ import annotations

import shutil

from click.testing import CliRunner
from openpyxl import load_workbook

from reporting import build_package, check
from reporting.cli import main

from .conftest import ROOT


def invoke(*args):
    return CliRunner().invoke(main, [str(a) for a in args], catch_exceptions=False)


def test_the_weekly_return_of_the_sample_school(tmp_path):
    run = invoke("week", "--inputs", ROOT / "inputs", "--outputs", tmp_path / "out", "-q")
    assert run.exit_code == 0, run.output
    folder = tmp_path / "out" / "2023-2024" / "weekly" / "2023-12-25"  # the last monitored week
    rows = [list(r) for r in load_workbook(folder / "return.xlsx")["Охват"].iter_rows(values_only=True)]
    # The sample's last week, by hand in earlier tests: teachers 54 of 59, administration 8 of 8.
    assert rows == [
        ["Организация", "Неделя", "Группа", "Всего", "Активных", "Охват, %"],
        ["МАОУ «СОШ № 24»", "25.12–31.12.2023", "администрация", 8, 8, 100],
        ["МАОУ «СОШ № 24»", "25.12–31.12.2023", "педагогические работники", 59, 54, 91.53],
    ]
    csv = (folder / "return.csv").read_bytes()
    assert csv.startswith("\ufeffОрганизация;Неделя;".encode()) and b"59;54;91,53" in csv
    again = invoke("week", "--inputs", ROOT / "inputs", "--outputs", tmp_path / "out", "--week", "27.12.2023")
    assert again.exit_code == 0 and "не изменился" in again.output  # any day of the week names the week
    earlier = invoke("week", "--inputs", ROOT / "inputs", "--outputs", tmp_path / "out", "--week", "06.11.2023", "-q")
    assert (
        earlier.exit_code == 0 and (tmp_path / "out" / "2023-2024" / "weekly" / "2023-11-06" / "return.xlsx").is_file()
    )
    missing = invoke("week", "--inputs", ROOT / "inputs", "--outputs", tmp_path / "out", "--week", "05.08.2024")
    assert missing.exit_code == 2 and "нет чисел" in missing.output


def test_a_changed_return_for_the_same_week_needs_force_and_keeps_the_old_one(tmp_path):
    from .builders import WEEKLY, make_inputs, wide_rows
    from .test_errors import replace_cell

    inputs = make_inputs(tmp_path / "in")
    assert invoke("week", "--inputs", inputs, "--outputs", tmp_path / "out", "-q").exit_code == 0
    folder = tmp_path / "out" / "2023-2024" / "weekly" / "2023-12-25"
    first = (folder / "return.xlsx").read_bytes()
    make_inputs(inputs, weekly=wide_rows(weekly=replace_cell(WEEKLY, "Петров", 5, 2)))  # a corrected week
    refused = invoke("week", "--inputs", inputs, "--outputs", tmp_path / "out")
    assert refused.exit_code == 4 and "--force" in refused.output
    assert (folder / "return.xlsx").read_bytes() == first
    forced = invoke("week", "--inputs", inputs, "--outputs", tmp_path / "out", "--force", "-q")
    assert forced.exit_code == 0 and "заменён" in forced.output
    assert (folder / "versions" / "1" / "return.xlsx").read_bytes() == first
    # 25.12: Иванова 10, Семёнова 10, Петров now 2 → teachers 2 of 3.
    rows = list(load_workbook(folder / "return.xlsx")["Охват"].iter_rows(values_only=True))
    teachers = next(r for r in rows if r[2] == "педагогические работники")
    assert teachers[1:] == ("25.12–31.12.2023", "педагогические работники", 3, 2, 66.67)


def test_the_district_reads_the_return_back_with_the_same_figures(tmp_path):
    school_out = tmp_path / "school"
    assert invoke("week", "--inputs", ROOT / "inputs", "--outputs", school_out, "-q").exit_code == 0
    district = tmp_path / "district"
    (district / "monitoring").mkdir(parents=True)
    shutil.copy(ROOT / "inputs" / "school.toml", district)
    shutil.copy(ROOT / "inputs" / "roadmap.xlsx", district)
    shutil.copy(
        school_out / "2023-2024" / "weekly" / "2023-12-25" / "return.xlsx", district / "monitoring" / "sosh-24.xlsx"
    )
    report = check(district)
    assert report.valid, [p.describe() for p in report.problems]
    result = build_package(2, district, tmp_path / "archive", data_only=True)
    ends = {r.category: (r.series.end.counted, r.series.end.active) for r in result.model.indicators}
    assert ends == {"teachers": (59, 54), "administration": (8, 8)}
    assert all(r.measured_by_counts for r in result.model.indicators)
    assert result.model.people == ()  # no names reached the district
