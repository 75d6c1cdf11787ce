"""What a new user meets first: a wrong folder named in full with the way out, a workbook still
open in Excel, check saying nothing of a package, the final line's full path, a progress bar
that leaves no junk in a log, and ``python -m reporting``."""

from __future__ import annotations

import subprocess
import sys

from click.testing import CliRunner

from reporting.cli import main
from reporting.cli.helpers import OrganizationsBar


def test_a_missing_inputs_folder_is_named_in_full_and_init_is_offered(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    for command in (["check"], ["build", "--quarter", "2"]):
        result = CliRunner().invoke(main, [*command, "--inputs", "данные"])
        assert result.exit_code == 2
        assert f"{tmp_path / 'данные'}: папка входных данных не найдена: такой папки нет" in result.output
        assert "make-report init данные" in result.output
        assert result.output.count("не найден") == 1  # one line, not «файл не найден» three times
    assert "Пакет не записан" not in CliRunner().invoke(main, ["check", "--inputs", "данные"]).output
    # The hint, literally: init makes the folder, and then the tool reads it (the calendar is to fill in).
    assert CliRunner().invoke(main, ["init", "данные", "--year", "2025/2026"]).exit_code == 0
    assert "папка входных данных не найдена" not in CliRunner().invoke(main, ["check", "--inputs", "данные"]).output


def test_check_never_speaks_of_a_package(inputs):
    (inputs / "school.toml").write_text("[school_year\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["check", "--inputs", str(inputs)])
    assert result.exit_code == 2 and "Пакет" not in result.output


def test_a_workbook_open_in_excel_is_a_warning(inputs, run_cli):
    (inputs / "~$monitoring.xlsx").write_bytes(b"\x00owner")
    run = run_cli(inputs, 2, "--data-only")
    assert run.exit_code == 0
    reading = (run.package / "reading.txt").read_text(encoding="utf-8")
    assert "monitoring.xlsx: ВНИМАНИЕ: файл открыт в Excel (рядом лежит ~$monitoring.xlsx)" in reading


def test_the_final_line_gives_the_full_path(inputs, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(main, ["--quarter", "2", "--inputs", str(inputs), "--outputs", "архив", "--data-only"])
    assert result.exit_code == 0
    assert f"Готово: {tmp_path / 'архив' / '2023-2024' / 'Q2'} — " in result.output


def test_the_progress_bar_writes_plain_lines_into_a_log(capsys):
    bar = OrganizationsBar(quiet=False, terminal=False)
    for done in range(1, 101):
        bar.update(done, 100, f"org {done}", True)
    bar.close()
    err = capsys.readouterr().err
    assert "\r" not in err
    assert err.count("\n") == 10 and "100 из 100 (100 %)" in err


def test_python_m_reporting_is_the_command():
    done = subprocess.run([sys.executable, "-m", "reporting", "--version"], capture_output=True, text=True)
    assert done.returncode == 0 and done.stdout.strip().startswith("make-report ")
