"""«Приложение: … на N л. в 1 экз.» (issue 17, point 10): the report's own appendix is named in
its text and marked with its true page count in the PDF; Word lays the document out its own way, so
the Word report's mark names no count (issue 32: «на N л.» only where it is known)."""

from __future__ import annotations

import re

from click.testing import CliRunner
from docx import Document
from pypdf import PdfReader

from reporting.cli import main

from .builders import make_inputs, write_xlsx
from .conftest import ROOT, needs_poppler


def build(inputs, outputs, *extra):
    args = ["--quarter", "2", "--inputs", str(inputs), "--outputs", str(outputs), "-q", *extra]
    result = CliRunner().invoke(main, args, catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return outputs / "2023-2024" / "Q2"


def pdf_text(path) -> str:
    return " ".join("\n".join(p.extract_text() for p in PdfReader(path).pages).replace("\u00a0", " ").split())


def appendix_pages(path) -> int:
    reader = PdfReader(path)
    texts = [p.extract_text() for p in reader.pages]
    start = next(i for i, t in enumerate(texts) if "Сотрудники ниже порога активности" in t)
    return len(texts) - start


def docx_text(path) -> str:
    return " ".join(" ".join(p.text for p in Document(path).paragraphs).replace("\u00a0", " ").split())


def test_the_samples_appendix_is_marked_with_one_page(tmp_path):
    package = build(ROOT / "inputs", tmp_path / "out")
    text = pdf_text(package / "report.pdf")
    assert appendix_pages(package / "report.pdf") == 1
    assert "Приложение: список сотрудников ниже порога активности на 1 л. в 1 экз." in text
    assert "Список сотрудников ниже порога — в приложении к отчёту." in text
    assert "Приложение: список сотрудников ниже порога активности в 1 экз." in docx_text(package / "report.docx")


def test_a_long_appendix_gets_its_true_page_count(tmp_path):
    """Ninety teachers below the threshold: the appendix runs to more than one page, and the
    mark counts them (the report is laid out once more for it)."""
    headers = ["ФИО", "Табельный номер", "Категория"]
    roster = [headers] + [
        [f"Сотрудникова{i:02d} Мария Ивановна", 100 + i, "педагогический работник"] for i in range(90)
    ]
    roster.append(["Гайдуков Андрей Николаевич", 1, "администрация"])
    weekly = [["ФИО", "Табельный номер", "25.12.2023"]] + [[r[0], r[1], 2] for r in roster[1:-1]]
    weekly.append(["Гайдуков Андрей Николаевич", 1, 12])
    inputs = make_inputs(tmp_path / "in")
    write_xlsx(inputs / "monitoring.xlsx", {"Сотрудники": roster, "Мониторинг": weekly})
    package = build(inputs, tmp_path / "out")
    pages = appendix_pages(package / "report.pdf")
    assert pages >= 2
    mark = f"Приложение: список сотрудников ниже порога активности на {pages} л. в 1 экз."
    assert mark in pdf_text(package / "report.pdf")
    assert " л. " not in docx_text(package / "report.docx").split("Приложение: список")[1][:80]


def test_no_appendix_no_mark(tmp_path):
    package = build(ROOT / "inputs", tmp_path / "out", "--no-names")
    assert not re.search("Приложение: список", pdf_text(package / "report.pdf"))


@needs_poppler
def test_the_executor_mark_stands_in_the_lower_left_corner_of_the_texts_last_page(tmp_path):
    """GOST R 7.0.97: «Исп.» in the lower left corner of the last page (of the text: the appendix
    that follows is a part of its own)."""
    import subprocess

    package = build(ROOT / "inputs", tmp_path / "out")
    boxes = subprocess.run(["pdftotext", "-bbox", str(package / "report.pdf"), "-"], capture_output=True, text=True,
                           check=True).stdout  # fmt: skip
    pages = boxes.split("<page ")[1:]
    found = [(n, page) for n, page in enumerate(pages) if ">Исп.</word>" in page]
    assert len(found) == 1
    number, page = found[0]
    height = float(re.search(r'height="([\d.]+)"', page).group(1))
    x_min, y_min = (float(v) for v in re.search(r'xMin="([\d.]+)" yMin="([\d.]+)"[^>]*>Исп\.<', page).groups())
    mm = 72 / 25.4
    assert x_min < 21 * mm  # at the left field's edge (20 mm)
    assert y_min > height - 45 * mm  # in the lowest part of the page, above the 20 mm bottom field
    assert ">Сотрудники</word>" in pages[number + 1] and ">порога</word>" in pages[number + 1]  # the appendix after it


def test_an_organisations_long_appendix_gets_its_true_page_count_too(tmp_path):
    """The per-organisation path (--each-organization) lays its report out the same way."""
    import json

    from .builders import DISTRICT_TOML

    headers = ["ФИО", "Табельный номер", "Категория", "Организация"]
    roster = [headers] + [[f"Сотрудникова{i:02d} Мария Ивановна", 100 + i, "педагогический работник", "МАОУ СОШ № 1"]
                          for i in range(90)]  # fmt: skip
    roster += [["Гайдуков Андрей Николаевич", 1, "администрация", "МАОУ СОШ № 2"],
               ["Петрова Анна Ивановна", 2, "педагогический работник", "МАОУ СОШ № 2"]]  # fmt: skip
    weekly = [["ФИО", "Табельный номер", "25.12.2023"]] + [[r[0], r[1], 2] for r in roster[1:91]]
    weekly += [["Гайдуков Андрей Николаевич", 1, 12], ["Петрова Анна Ивановна", 2, 12]]
    inputs = make_inputs(tmp_path / "in", school=DISTRICT_TOML)
    write_xlsx(inputs / "monitoring.xlsx", {"Сотрудники": roster, "Мониторинг": weekly})
    package = build(inputs, tmp_path / "out", "--each-organization", "--jobs", "1")
    folder = json.loads((package / "manifest.json").read_text(encoding="utf-8"))["organizations"]["МАОУ СОШ № 1"]
    report = package / folder / "report.pdf"
    pages = appendix_pages(report)
    assert pages >= 2
    mark = f"Приложение: список сотрудников ниже порога активности на {pages} л. в 1 экз."
    assert mark in pdf_text(report)
    assert "ниже порога активности в 1 экз." in docx_text(package / folder / "report.docx")


def test_the_appendix_stamp_has_no_empty_line_where_the_report_is_not_registered(tmp_path):
    """The Word appendix's stamp read «Приложение к отчёту», an empty line, «(для внутреннего
    пользования)» when the report had no date and number yet (issue 32, cosmetic)."""

    def stamp(package):
        lines = [p.text.replace("\u00a0", " ") for p in Document(package / "report.docx").paragraphs]
        start = lines.index("Приложение к отчёту")
        return lines[start : start + 3]

    blank = build(ROOT / "inputs", tmp_path / "blank")
    assert stamp(blank)[:2] == ["Приложение к отчёту", "(для внутреннего пользования)"]
    registered = build(ROOT / "inputs", tmp_path / "registered", "--date", "10.01.2024", "--number", "report=01-12/15",
                       "--number", "roadmap=01-12/16")  # fmt: skip
    assert stamp(registered) == ["Приложение к отчёту", "от 10.01.2024 № 01-12/15", "(для внутреннего пользования)"]


def test_the_word_attachment_mark_stands_apart_from_the_approval_stamp(tmp_path):
    """With --letter the Word report's «Приложение 1 / к письму …» ran straight into «УТВЕРЖДАЮ»
    (issue 32, cosmetic): a line stands between them, as in the PDF; without a letter, no line."""
    lettered = build(ROOT / "inputs", tmp_path / "l", "--letter", "№ 01-12/345 от 15.01.2024")
    lines = [p.text for p in Document(lettered / "report.docx").paragraphs[:4]]
    assert lines == ["Приложение 1", "к письму от 15.01.2024 № 01-12/345", "", "УТВЕРЖДАЮ"]
    plain = build(ROOT / "inputs", tmp_path / "p")
    assert Document(plain / "report.docx").paragraphs[0].text == "УТВЕРЖДАЮ"
