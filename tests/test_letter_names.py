"""A letter's package leaves the school: no staff names in what it attaches unless asked for."""

from __future__ import annotations

import re

from pypdf import PdfReader

LETTER = "№ 01-12/345 от 15.01.2024"
BELOW = "Семёнова Юлия"  # below the threshold in the sample's last week: in the appendix


def _text(path) -> str:
    return " ".join(page.extract_text() for page in PdfReader(path).pages).replace("\u00a0", " ")


def test_a_letter_attaches_no_names_by_default(sample_inputs, run_cli, tmp_path):
    run = run_cli(sample_inputs, 2, "--letter", LETTER)
    assert run.exit_code == 0, run.output
    report = _text(run.package / "report.pdf")
    assert BELOW not in report and "Приложение к отчёту" not in report and "Исп." not in report
    assert not (run.package / "inputs").exists()  # a --no-names package: the inputs hold the names
    pages = len(PdfReader(run.package / "report.pdf").pages)
    assert re.search(rf"на {pages} л\.", _text(run.package / "letter.pdf"))  # the count is of what is attached
    named = run_cli(sample_inputs, 2, "--letter", LETTER, "--with-names", outputs=tmp_path / "named")
    assert named.exit_code == 0 and BELOW in _text(named.package / "report.pdf")


def test_with_names_goes_only_with_a_letter(inputs, run_cli):
    run = run_cli(inputs, 2, "--data-only", "--with-names")
    assert run.exit_code == 2 and "--with-names действует только вместе с --letter" in run.output
