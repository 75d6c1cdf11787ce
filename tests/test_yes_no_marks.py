"""«да»/«нет» in week cells (issue 16): a mark of «wrote / did not write», not a count — the
message says so and points to the sheet that takes such figures; followed, it gives a report."""

from __future__ import annotations

from click.testing import CliRunner

from reporting.cli import main

from .builders import ROSTER, ROSTER_HEADERS, make_inputs, write_xlsx


def test_yes_no_marks_are_named_and_the_hint_leads_to_a_working_input(tmp_path):
    weeks = ["18.12.2023", "25.12.2023"]
    weekly = [["ФИО", *weeks]] + [[person[0], "да", "нет" if i % 2 else "да"] for i, person in enumerate(ROSTER)]
    folder = make_inputs(tmp_path / "in")
    write_xlsx(folder / "monitoring.xlsx", {"Сотрудники": [ROSTER_HEADERS, *ROSTER], "Мониторинг": weekly})
    refused = CliRunner().invoke(main, ["check", "--inputs", str(folder)])
    assert refused.exit_code == 2
    assert "Это отметка «написал/не написал», а не число сообщений" in refused.output
    assert "absence_marks" not in refused.output  # the old advice led nowhere
    # the hint, followed: the «Охват» sheet, per week and group, total and how many wrote enough
    counts = [["Неделя", "Группа", "Всего", "Активных"],
              ["18.12.2023", "педагогические работники", 5, 5], ["18.12.2023", "администрация", 1, 1],
              ["25.12.2023", "педагогические работники", 5, 3], ["25.12.2023", "администрация", 1, 1]]  # fmt: skip
    write_xlsx(folder / "monitoring.xlsx", {"Охват": counts})
    done = CliRunner().invoke(main, ["check", "--inputs", str(folder)])
    assert done.exit_code == 0, done.output
    assert "3 из 5 (60,0 %)" in done.output.replace("\u00a0", " ")
