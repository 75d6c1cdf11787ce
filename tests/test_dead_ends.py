"""Issue 34, point 8: no dead ends.  Without school.toml the message gives the command that writes
one; the blank it writes names every value still to fill in one run, not one per run."""

from __future__ import annotations

import re
import shlex
import shutil

from click.testing import CliRunner

from reporting import check
from reporting.cli import main

from .conftest import ROOT


def test_without_school_toml_the_hinted_command_writes_it_and_check_names_everything_at_once(tmp_path):
    inputs = tmp_path / "Мои данные"
    shutil.copytree(ROOT / "inputs", inputs)
    (inputs / "school.toml").unlink()
    refused = CliRunner().invoke(main, ["check", "--inputs", str(inputs)])
    assert refused.exit_code == 2
    command = re.search(r"Создайте его заготовку: (make-report init .+? --school-only)", refused.output).group(1)
    words = shlex.split(command)
    assert words[:2] == ["make-report", "init"] and words[2] == str(inputs)  # quoted: the folder has a space
    written = CliRunner().invoke(main, [*words[1:], "--year", "2023/2024"])  # the hint, literally
    assert written.exit_code == 0, written.output
    assert sorted(p.name for p in inputs.iterdir()) == ["monitoring.xlsx", "roadmap.xlsx", "school.toml"]
    assert (inputs / "monitoring.xlsx").read_bytes() == (ROOT / "inputs" / "monitoring.xlsx").read_bytes()
    report = check(inputs)
    keys = sorted(p.column for p in report.problems)
    assert keys == sorted(["head.name", "organization.full_name", "organization.short_name"]
                          + [f"school_year.quarters[{n}]" for n in range(1, 5)])  # fmt: skip
    # filled in with the sample's values: the sample's figures
    sample = (ROOT / "inputs" / "school.toml").read_text(encoding="utf-8")
    (inputs / "school.toml").write_text(sample, encoding="utf-8")
    assert check(inputs).valid
    assert check(inputs).model.indicators == check(ROOT / "inputs").model.indicators


def test_school_only_never_overwrites_and_says_so(tmp_path):
    shutil.copytree(ROOT / "inputs", tmp_path / "in")
    before = (tmp_path / "in" / "school.toml").read_bytes()
    result = CliRunner().invoke(main, ["init", str(tmp_path / "in"), "--school-only"])
    assert result.exit_code == 3 and "уже есть school.toml" in result.output
    assert (tmp_path / "in" / "school.toml").read_bytes() == before


def test_a_full_init_into_a_folder_with_tables_points_to_school_only(tmp_path):
    shutil.copytree(ROOT / "inputs", tmp_path / "in")
    (tmp_path / "in" / "school.toml").unlink()
    result = CliRunner().invoke(main, ["init", str(tmp_path / "in")])
    assert result.exit_code == 3 and "--school-only" in result.output


def test_a_renamed_category_column_is_one_problem_and_its_layout_line_gives_the_base_figures(tmp_path):
    """Issue 34, point 4: one renamed header gave 70 problems (69 «табельного номера нет в листе
    «Сотрудники»» after the one that mattered), none of them naming describe --write."""
    from .builders import ROSTER, ROSTER_HEADERS, make_inputs

    base = check(make_inputs(tmp_path / "base"))
    headers = ["Должность/категория персонала" if h == "Категория" else h for h in ROSTER_HEADERS]
    inputs = make_inputs(tmp_path / "renamed", roster=[headers, *ROSTER])
    refused = CliRunner().invoke(main, ["check", "--inputs", str(inputs)])
    assert refused.exit_code == 2
    assert "найдено проблем: 1." in refused.output and "табельного номера нет" not in refused.output
    assert "make-report describe --write" in refused.output
    line = re.search(r"замените на: (C = \{ as = \"Категория\", header = \"[^\"]+\" \})", refused.output).group(1)
    # the hint, literally: describe --write, then that line in the roster's section of layout.toml
    assert CliRunner().invoke(main, ["describe", "--inputs", str(inputs), "--write", "-q"]).exit_code in (0, 2)
    layout = (inputs / "layout.toml").read_text(encoding="utf-8")
    section = layout.index('sheet = "Сотрудники"')
    start = layout.index("\nC = ", section) + 1
    layout = layout[:start] + line + layout[layout.index("\n", start) :]
    (inputs / "layout.toml").write_text(layout, encoding="utf-8")
    report = check(inputs)
    assert report.valid, [p.describe() for p in report.problems]
    assert report.model.indicators == base.model.indicators
