"""Weeks as rows and people as columns (issue 16): the sheet is read turned, with the base school's
figures, and a wrong cell is located where it stands in the sheet itself."""

from __future__ import annotations

from .builders import ROSTER, ROSTER_HEADERS, WEEKLY, WEEKS, make_inputs, write_xlsx
from .test_errors import assert_refused
from .test_layouts_roster import base, weeks_of


def turned(values=None):
    """«Неделя» in A3, the ФИО across row 3, one row per week below (a title above)."""
    people = [person[0] for person in ROSTER]
    counts = values or [row[1:] for row in WEEKLY[:-1]]
    rows = [["Мониторинг, сообщений за неделю"], [], ["Неделя", *people]]
    for w, week in enumerate(WEEKS):
        rows.append([week, *(person[w] for person in counts)])
    return rows


def test_weeks_in_rows_and_people_in_columns(tmp_path, run_cli):
    expected = base(tmp_path, run_cli)
    folder = make_inputs(tmp_path / "in")
    write_xlsx(folder / "monitoring.xlsx", {"Сотрудники": [ROSTER_HEADERS, *ROSTER], "Мониторинг": turned()})
    run = run_cli(folder, 2, "--data-only")
    assert run.exit_code == 0, run.output
    assert weeks_of(run) == expected
    assert "лист прочитан повёрнутым" in (run.package / "reading.txt").read_text(encoding="utf-8")


def test_a_wrong_cell_of_a_turned_sheet_is_located_in_the_sheet(tmp_path, run_cli):
    counts = [list(row[1:]) for row in WEEKLY[:-1]]
    counts[1][2] = "много"  # Семёнова (column C), the week of 13.11 (row 6)
    folder = make_inputs(tmp_path / "in")
    write_xlsx(folder / "monitoring.xlsx", {"Сотрудники": [ROSTER_HEADERS, *ROSTER], "Мониторинг": turned(counts)})
    assert_refused(run_cli(folder, 2, "--data-only"), "лист «Мониторинг», строка 6, столбец «C, Семёнова Юлия»",
                   "«много»")  # fmt: skip


def test_a_turned_sheet_is_described_saved_and_followed(tmp_path, run_cli):
    from click.testing import CliRunner

    from reporting.cli import main

    expected = base(tmp_path, run_cli)
    folder = make_inputs(tmp_path / "in")
    write_xlsx(folder / "monitoring.xlsx", {"Сотрудники": [ROSTER_HEADERS, *ROSTER], "Мониторинг": turned()})
    described = CliRunner().invoke(main, ["describe", "--inputs", str(folder), "--write"])
    assert described.exit_code == 0, described.output
    assert "недели по строкам, сотрудники по столбцам — читается повёрнутым; недели — в столбце A" in described.output
    assert "строка 3 «Неделя» → «ФИО»" in described.output and "недели: строки 4–9 (6" in described.output
    assert "не читаются: строка 1 «Мониторинг, сообщений за неделю»" in described.output
    text = (folder / "layout.toml").read_text(encoding="utf-8")
    assert "turned = true" in text and 'C = { as = "ФИО", header = "Неделя" }' in text
    run = run_cli(folder, 2, "--data-only")
    assert run.exit_code == 0, run.output
    assert weeks_of(run) == expected
    assert "прочитан по inputs/layout.toml" in (run.package / "reading.txt").read_text(encoding="utf-8")
