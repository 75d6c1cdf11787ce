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
    assert BELOW not in report and "Приложение к отчёту" not in report
    assert "Исп. Шмыглева Полина Романовна" in report  # the executor is a requisite, not monitored staff
    assert not (run.package / "inputs").exists()  # a --no-names package: the inputs hold the names
    pages = len(PdfReader(run.package / "report.pdf").pages)
    assert re.search(rf"на {pages} л\.", _text(run.package / "letter.pdf"))  # the count is of what is attached
    named = run_cli(sample_inputs, 2, "--letter", LETTER, "--with-names", outputs=tmp_path / "named")
    assert named.exit_code == 0 and BELOW in _text(named.package / "report.pdf")


def test_with_names_goes_only_with_a_letter(inputs, run_cli):
    run = run_cli(inputs, 2, "--data-only", "--with-names")
    assert run.exit_code == 2 and "--with-names действует только вместе с --letter" in run.output


def test_the_letter_carries_the_organisations_requisites(sample_inputs, run_cli):
    toml = (sample_inputs / "school.toml").read_text(encoding="utf-8")
    toml = toml.replace('short_name = "МАОУ «СОШ № 24»"', 'short_name = "МАОУ «СОШ № 24»"\naddress = "ул. Школьная, д. 24, '
                        'г. Тюмень, 625000"\nphone = "8 (3452) 00-00-24"\nemail = "school24@example.ru"\n'
                        'ogrn = "1027200000000"\ninn = "7200000000"')  # fmt: skip
    (sample_inputs / "school.toml").write_text(toml, encoding="utf-8")
    run = run_cli(sample_inputs, 2, "--letter", LETTER)
    assert run.exit_code == 0, run.output
    letter = " ".join(_text(run.package / "letter.pdf").split())
    for line in ("ул. Школьная, д. 24, г. Тюмень, 625000", "тел. 8 (3452) 00-00-24; e-mail: school24@example.ru",
                 "ОГРН 1027200000000, ИНН 7200000000", "Исп. Шмыглева Полина Романовна"):  # fmt: skip
        assert line in letter, line
    from docx import Document

    sender = Document(run.package / "letter.docx").tables[0].rows[0].cells[0]
    assert "ОГРН 1027200000000, ИНН 7200000000" in sender.text.replace("\u00a0", " ")
    assert round(sender.width.mm) <= 80
    reading = (run.package / "reading.txt").read_text(encoding="utf-8")
    assert "справочных данных отправителя" not in reading  # all given: nothing to say


def test_a_letter_without_the_senders_requisites_says_which_to_add(sample_inputs, run_cli):
    run = run_cli(sample_inputs, 2, "--letter", LETTER)
    assert run.exit_code == 0, run.output
    reading = (run.package / "reading.txt").read_text(encoding="utf-8")
    assert ('в письме нет справочных данных отправителя: адрес, ОГРН, ИНН. Впишите их в раздел [organization]: '
            'address = "…", ogrn = "…", inn = "…"') in reading  # fmt: skip
    plain = run_cli(sample_inputs, 2, "--data-only", outputs=sample_inputs.parent / "plain")
    assert "справочных данных" not in (plain.package / "reading.txt").read_text(encoding="utf-8")  # no letter, no word
