"""Layout a director signs without retouching: landscape roadmap, no broken names or statuses, DOCX = PDF."""

from __future__ import annotations

import re
import shutil
import subprocess

import pytest
from click.testing import CliRunner
from docx import Document
from pypdf import PdfReader

from reporting.cli import main

from .conftest import ROOT
from .test_documents import squash

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
MM = 72 / 25.4  # PDF points per millimetre


def raw_text(path) -> str:
    """The PDF's text with its line breaks, non-breaking spaces as spaces."""
    return "\n".join(page.extract_text() for page in PdfReader(path).pages).replace("\u00a0", " ")


@pytest.fixture(scope="module")
def sample(tmp_path_factory):
    """The sample Q2 package, and (where LibreOffice is installed) its DOCX files converted to PDF."""
    base = tmp_path_factory.mktemp("layout")
    result = CliRunner().invoke(
        main, ["--quarter", "2", "--inputs", str(ROOT / "inputs"), "--outputs", str(base / "out"), "-q"]
    )
    assert result.exit_code == 0, result.output
    package = base / "out" / "2023-2024" / "Q2"
    converted = base / "converted"
    if SOFFICE:
        subprocess.run(
            [SOFFICE, f"-env:UserInstallation=file://{base}/lo", "--headless", "--convert-to", "pdf", "--outdir", str(converted),
             str(package / "report.docx"), str(package / "roadmap.docx")],
            check=True, capture_output=True, timeout=180,
        )  # fmt: skip
    return package, converted


def needs_libreoffice():
    if not SOFFICE:
        pytest.skip("LibreOffice is not installed (CI installs it)")


def test_the_roadmap_is_on_landscape_pages_in_both_formats(sample):
    package, _ = sample
    for page in PdfReader(package / "roadmap.pdf").pages:
        assert (round(float(page.mediabox.width) / MM), round(float(page.mediabox.height) / MM)) == (297, 210)
    for page in PdfReader(package / "report.pdf").pages:
        assert round(float(page.mediabox.width) / MM) == 210
    section = Document(package / "roadmap.docx").sections[0]
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (297, 210)
    assert section.orientation == 1  # WD_ORIENT.LANDSCAPE


def test_docx_tables_fit_the_text_block(sample):
    package, _ = sample
    for name in ("report.docx", "roadmap.docx"):
        document = Document(package / name)
        section = document.sections[0]
        block = (section.page_width - section.left_margin - section.right_margin) / 36000  # EMU → mm
        for table in document.tables:
            grid = table._tbl.tblGrid
            width = sum(int(col.get("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}w")) for col in grid)
            assert width / 56.7 <= block + 0.5, (name, [c.text for c in table.rows[0].cells], width / 56.7, block)


def cell_words(path, columns: tuple[int, ...]) -> set[str]:
    """Every word of the names, statuses, dates and deadlines in a document's activities table."""
    words = set()
    table = next(t for t in Document(path).tables if t.rows[0].cells[0].text == "№")
    for row in table.rows[1:]:
        for index in columns:
            words |= {w.strip(",.") for w in row.cells[index].text.replace("\u00a0", " ").split() if len(w) > 3}
    return words


# Ответственные, Срок, Статус, new deadline: in the roadmap, and in the report's section 4.
COLUMNS = {"roadmap": (2, 3, 5, 6), "report": (2, 3, 4, 6)}


@pytest.mark.parametrize("name", ["roadmap", "report"])
def test_no_name_status_or_date_is_broken_across_lines(sample, name):
    package, converted = sample
    words = cell_words(package / f"{name}.docx", COLUMNS[name])
    # the corrected deadline in the decision's own words («Февраль 2024»), never its date
    assert {"выполнено", "просрочено", "выполняется", "Администрация", "Февраль", "Шмыглева"} <= words
    texts = {f"{name}.pdf": raw_text(package / f"{name}.pdf")}
    if SOFFICE:
        texts[f"{name}.docx"] = raw_text(converted / f"{name}.pdf")
    for source, text in texts.items():
        lines = {token.strip(",.") for token in text.split()}
        broken = sorted(w for w in words if w not in lines)
        assert not broken, (source, broken)


def test_the_title_keeps_no_24_on_one_line(sample):
    package, converted = sample
    for path in [package / "roadmap.pdf", package / "report.pdf", *sorted(converted.glob("*.pdf"))]:
        text = raw_text(path)
        assert "СОШ № 24" in text, path
        assert not re.search(r"№\s*\n\s*24", text), path


def test_weeks_are_spelled_out(sample):
    package, _ = sample
    text = raw_text(package / "report.pdf").replace("\n", " ")
    assert "мониторинг проводился 8 недель" in text
    assert "нед." not in text
    docx = " ".join(p.text for p in Document(package / "report.docx").paragraphs).replace("\u00a0", " ")
    assert "мониторинг проводился 8 недель" in docx


def test_docx_and_pdf_hold_the_same_tables_and_about_the_same_pages(sample):
    needs_libreoffice()
    package, converted = sample
    for name in ("report", "roadmap"):
        pdf_pages = len(PdfReader(package / f"{name}.pdf").pages)
        docx_pages = len(PdfReader(converted / f"{name}.pdf").pages)
        assert abs(pdf_pages - docx_pages) <= 1, (name, pdf_pages, docx_pages)
        pdf = squash(raw_text(package / f"{name}.pdf"))
        for table in Document(package / f"{name}.docx").tables:
            for row in table.rows:
                for cell in row.cells:
                    assert squash(cell.text) in pdf, (name, cell.text)


def test_a_long_roster_below_the_threshold_keeps_every_name_whole(tmp_path, run_cli):
    """60 people below the threshold with long double surnames: the appendix never hyphenates a name."""
    from .builders import ROSTER_HEADERS, make_inputs

    surnames = ["Константинопольская-Старобельская", "Верхнеднепровский", "Преображенская", "Самохвалов-Задунайский"]
    people = [f"{surnames[i % 4]} Александра{i:02d} Вениаминовна" for i in range(60)]
    roster = [ROSTER_HEADERS] + [[p, i + 1, "педагогический работник", "Основная школа", None, None, None, None]
                                 for i, p in enumerate(people)]  # fmt: skip
    weekly = [["ФИО", "25.12.2023"]] + [[p, 3] for p in people]
    run = run_cli(make_inputs(tmp_path / "in", roster=roster, weekly=weekly), 2)
    assert run.exit_code == 0, run.output
    text = raw_text(run.package / "report.pdf")
    appendix = text[text.index("Сотрудники ниже порога") :]
    tokens = re.split(r"\s+", appendix)
    assert tokens.count("Вениаминовна") == 60  # every person listed, every patronymic whole
    for surname in surnames:
        assert tokens.count(surname) == 15, surname  # never «Преображен-/ская»


@pytest.mark.parametrize(
    ("text", "typeset"),
    [
        ("МАОУ «СОШ № 24»", "МАОУ «СОШ\u00a0№\u00a024»"),  # the short name in quotes is whole
        ("МАДОУ «Детский сад № 5»", "МАДОУ «Детский сад\u00a0№\u00a05»"),  # its closing number never alone
        ("«Гимназия № 12а» и № 7", "«Гимназия\u00a0№\u00a012а» и №\u00a07"),  # outside quotes: as before
        ("100,0 % к 30.12.2023", "100,0\u00a0% к 30.12.2023"),
        ("____ А.Н. Гайдуков", "____ А.Н.\u00a0Гайдуков"),
        ("А. Н. Гайдуков", "А.\u00a0Н.\u00a0Гайдуков"),  # spaced as written, only unbreakable
        ("Шмыглева П.Р., Администрация", "Шмыглева\u00a0П.Р., Администрация"),
        ("29 декабря 2023 г.", "29\u00a0декабря 2023\u00a0г."),
        ("+5,0 п. п.", "+5,0\u00a0п.\u00a0п."),
        ("Сентябрь 2023 – май 2024", "Сентябрь 2023\u00a0– май 2024"),
        ("пункты 1 – 3", "пункты 1\u00a0–\u00a03"),
        ("Создание чата (сообщества)", "Создание чата (сообщества)"),  # nothing to keep together
    ],
)
def test_typography_keeps_together_what_russian_typesetting_does_and_changes_no_letter(text, typeset):
    from reporting.render.typography import typeset as step

    assert step(text) == typeset
    assert step(text).replace("\u00a0", " ") == text.replace("\u00a0", " ")
