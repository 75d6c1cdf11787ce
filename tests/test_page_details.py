"""Details a director's office checks before signing: the signature never alone on a page (PDF and
LibreOffice's rendering of the DOCX), page numbers at least 10 mm from the top edge, and the
documents' language Russian in Word."""

from __future__ import annotations

import zipfile

from pypdf import PdfReader

from .test_layout import MM, needs_libreoffice, sample  # noqa: F401 (the module's package fixture)

SIGNATURE_LINES = ("Директор МАОУ", "Гайдуков", "Исп.", "8 (3452)", "____")


def _signature_page_has_text(path) -> None:
    pages = [page.extract_text().replace("\u00a0", " ") for page in PdfReader(path).pages]
    main_part = [p for p in pages if "Приложение к отчёту" not in p]
    page = [p for p in main_part if "Гайдуков" in p][-1]  # the first page has him too, under «УТВЕРЖДАЮ»
    others = [line for line in page.splitlines() if line.strip() and not line.strip().isdigit()
              and not any(mark in line for mark in SIGNATURE_LINES)]  # fmt: skip
    assert others, f"the signature stands alone on its page: {page!r}"


def test_the_signature_shares_its_page_with_text_in_the_pdf(sample):  # noqa: F811
    package, _ = sample
    _signature_page_has_text(package / "report.pdf")


def test_the_signature_shares_its_page_with_text_in_the_docx(sample):  # noqa: F811
    needs_libreoffice()
    _, converted = sample
    _signature_page_has_text(converted / "report.pdf")


def test_page_numbers_stand_at_least_10_mm_from_the_top(sample):  # noqa: F811
    package, _ = sample
    for name in ("report.pdf", "roadmap.pdf"):
        reader = PdfReader(package / name)
        for number, page in enumerate(reader.pages[1:], start=2):
            height, tops = float(page.mediabox.height), []

            def visit(text, cm, tm, font, size, number=number, height=height, tops=tops):
                if text.strip() == str(number):
                    baseline = tm[4] * cm[1] + tm[5] * cm[3] + cm[5]
                    tops.append((height - baseline) / MM - 12 * 0.73 / MM)  # the digit's top: 0,73 em above

            page.extract_text(visitor_text=visit)
            assert tops, f"{name}: no page number on page {number}"
            assert min(tops) >= 10, f"{name}, page {number}: the number's top is {min(tops):.1f} mm from the edge"


def test_the_docx_documents_are_russian_for_word(sample):  # noqa: F811
    package, _ = sample
    for name in ("report.docx", "roadmap.docx"):
        with zipfile.ZipFile(package / name) as archive:
            for part in ("word/styles.xml", "word/document.xml"):
                xml = archive.read(part).decode("utf-8")
                assert 'w:val="en-US"' not in xml, (name, part)
            assert 'w:lang w:val="ru-RU"' in archive.read("word/styles.xml").decode("utf-8")


def test_a_quoted_title_takes_inner_quotes_and_leaves_its_period_to_the_sentence():
    from reporting.render.formatting import quoted

    assert quoted("Создание чата (сообщества) специалистов и педагогов МАОУ «СОШ №24».") == (
        "«Создание чата (сообщества) специалистов и педагогов МАОУ „СОШ №24“»"
    )
    assert quoted("Публикации на сайте ОУ и УК Мессенджер.") == "«Публикации на сайте ОУ и УК Мессенджер»"
    assert quoted("Проведение собрания") == "«Проведение собрания»"


def test_the_reports_own_words_say_what_they_compare(sample):  # noqa: F811
    package, _ = sample
    text = " ".join(page.extract_text() for page in PdfReader(package / "report.pdf").pages).replace("\u00a0", " ")
    assert "по сравнению с концом предыдущей четверти (" in text and "к концу предыдущей четверти" not in text
    flat = " ".join(text.split())  # a header may wrap in its cell
    assert "Активных из учтённых" in flat and "Учтено / активных" not in flat
    assert ".»:" not in text


def test_what_must_stay_whole_is_joined():
    from reporting.render.typography import typeset

    nbsp = "\u00a0"
    assert typeset("за 2 четверть 2023/2024 учебного года") == f"за{nbsp}2{nbsp}четверть 2023/2024 учебного{nbsp}года"
    assert typeset("(44 из 60)") == f"(44{nbsp}из{nbsp}60)"
    # a title never breaks inside the school's short name in quotes (issue 32)
    assert typeset("в МАОУ «СОШ №24» за") == f"в МАОУ «СОШ{nbsp}№24» за"
    assert typeset("«СОШ № 3»") == f"«СОШ{nbsp}№{nbsp}3»"


def test_widths_come_from_the_fonts_metrics():
    from reporting.render.widths import WORDS, _widest

    # «Ш» is about three times as wide as «і»: a count of letters would make these equal
    assert _widest("ШШШШ", WORDS, 10) > 2 * _widest("іііі", WORDS, 10)
    assert _widest("Шмыглева\u00a0П.Р.", WORDS, 10) > _widest("Шмыглева", WORDS, 10)  # joined words are one


APPROVED = (
    "по внедрению информационно-коммуникационной образовательной платформы «Сферум»/VK Мессенджер в МАОУ «СОШ №24»"
)


def test_the_approved_title_is_kept_verbatim(sample):  # noqa: F811
    from docx import Document

    package, _ = sample
    for name in ("report", "roadmap"):
        text = " ".join(page.extract_text() for page in PdfReader(package / f"{name}.pdf").pages[:1])
        assert APPROVED in " ".join(text.replace("\u00a0", " ").split()), name
        words = " ".join(p.text for p in Document(package / f"{name}.docx").paragraphs[:12]).replace("\u00a0", " ")
        assert APPROVED in words, name
    reading = (package / "reading.txt").read_text(encoding="utf-8")
    assert f"название дорожной карты взято из строк над таблицей: «{APPROVED}»" in reading


def test_without_title_rows_the_reports_own_title_is_grammatical(inputs, tmp_path):
    from reporting import build_package

    result = build_package(2, inputs, tmp_path / "out")
    first = PdfReader(result.folder / "report.pdf").pages[0].extract_text().replace("\u00a0", " ")
    assert "по внедрению платформы Сферум/VK Мессенджер в МАОУ «СОШ № 24»" in " ".join(first.split())


def test_the_roadmap_keeps_the_approved_preamble_and_numbers(sample):  # noqa: F811
    from docx import Document

    package, _ = sample
    text = " ".join(PdfReader(package / "roadmap.pdf").pages[0].extract_text().replace("\u00a0", " ").split())
    assert "Дорожная карта является выполненной при достижении следующих целевых показателей к 30.12.2023:" in text
    assert "– 100% педагогических работников" in text and "написавших не менее 10 сообщений);" in text
    first_column = [row.cells[0].text for row in Document(package / "roadmap.docx").tables[0].rows[1:4]]
    assert first_column == ["1.", "2.", "3."]  # as printed in the approved roadmap


def test_the_chart_keeps_its_caption_and_heading_on_its_page(sample):  # noqa: F811
    needs_libreoffice()
    package, converted = sample
    for path in (package / "report.pdf", converted / "report.pdf"):
        pages = [p.extract_text() for p in PdfReader(path).pages]
        [page] = [p for p in pages if "Рисунок 1" in p]
        assert "Динамика по неделям" in page, path


def test_figures_are_right_aligned_in_word_as_in_the_pdf(sample):  # noqa: F811
    from docx import Document
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    package, _ = sample
    weekly = next(t for t in Document(package / "report.docx").tables if t.rows[0].cells[0].text == "Неделя")
    row = weekly.rows[1].cells
    assert [c.paragraphs[0].alignment for c in row[1:]] == [WD_ALIGN_PARAGRAPH.RIGHT] * 3
    assert row[0].paragraphs[0].alignment != WD_ALIGN_PARAGRAPH.RIGHT


def test_the_executor_mark_never_stands_alone_on_a_page(tmp_path):
    """Issue 32 (the year summary): in the sample's Q4 report the signature filled its page to the foot
    and «Исп.», a footnote, went alone onto a third page. Its call now stands in the signature block, so
    the block goes over with it, with the text before it."""
    from click.testing import CliRunner

    from reporting.cli import main

    from .conftest import ROOT

    args = ["--quarter", "4", "--no-monitoring", "--inputs", str(ROOT / "inputs"), "--outputs", str(tmp_path), "-q"]
    assert CliRunner().invoke(main, args, catch_exceptions=False).exit_code == 0
    pages = [
        p.extract_text().replace("\u00a0", " ") for p in PdfReader(tmp_path / "2023-2024" / "Q4" / "report.pdf").pages
    ]
    [page] = [p for p in pages if "Исп. Шмыглева" in p]
    assert "А.Н. Гайдуков" in page and "Директор МАОУ" in page
    _signature_page_has_text(tmp_path / "2023-2024" / "Q4" / "report.pdf")


def test_the_executor_mark_goes_with_the_signature_in_the_docx_too(tmp_path):
    """LibreOffice put a district report's «Исп.» alone on a fourth page: it reads no keep-with-next out
    of the signature's table. «Исп.» is now that table's second row, so the two go over together."""
    import subprocess

    from click.testing import CliRunner
    from docx import Document

    from reporting.cli import main

    from .builders import write_xlsx
    from .test_layout import SOFFICE
    from .test_municipal import municipal_inputs
    from .test_organization_identity import ORGANIZATIONS

    inputs = municipal_inputs(tmp_path)
    write_xlsx(inputs / "organizations.xlsx", {"Организации": ORGANIZATIONS})
    args = ["--quarter", "2", "--inputs", str(inputs), "--outputs", str(tmp_path / "out"), "-q", "--each-organization",
            "--jobs", "1"]  # fmt: skip
    assert CliRunner().invoke(main, args, catch_exceptions=False).exit_code == 0
    docx = tmp_path / "out" / "2023-2024" / "Q2" / "report.docx"
    # and the roadmap's key to its marks stays with the changes it closes, not alone with the signature
    roadmap = [p.extract_text().replace("\u00a0", " ") for p in PdfReader(docx.parent / "roadmap.pdf").pages]
    [keyed] = [p for p in roadmap if "отмечены знаком *" in p]
    assert "Изменения по итогам 2 четверти" in keyed and "Е.В. Смирнова" in keyed
    [table] = [t for t in Document(docx).tables if "Смирнова" in t.rows[0].cells[-1].text]
    assert [r.cells[0].text.strip().split("\n")[0] for r in table.rows] == [
        "Начальник управления образования",
        "Исп. Кузнецов Иван Олегович",
    ]
    if not SOFFICE:
        return
    subprocess.run([SOFFICE, f"-env:UserInstallation=file://{tmp_path}/lo", "--headless", "--convert-to", "pdf",
                    "--outdir", str(tmp_path), str(docx)], check=True, capture_output=True, timeout=180)  # fmt: skip
    pages = [p.extract_text().replace("\u00a0", " ") for p in PdfReader(tmp_path / "report.pdf").pages]
    [page] = [p for p in pages if "Исп. Кузнецов" in p]
    assert "Е.В. Смирнова" in page and "следующей четверти" in page
