"""Word documents with Word's own styles (issue 17, point 16): headings are Heading 1/2, lists
List Bullet like the PDF's <ul>, spacing the PDF's (line height 1.2, 6 pt after), in the font."""

from __future__ import annotations

from docx import Document
from docx.shared import Pt


def test_headings_and_lists_use_words_styles(sample_package):
    document = Document(sample_package / "report.docx")
    by_style = {}
    for paragraph in document.paragraphs:
        by_style.setdefault(paragraph.style.name, []).append(paragraph.text)
    assert by_style["Heading 1"][0] == "ОТЧЁТ"
    assert "5. Выводы и предложения" in by_style["Heading 2"]
    assert "1. Целевые показатели" in by_style["Heading 2"]
    proposals = by_style["List Bullet"]
    assert any(text.startswith("Продолжить еженедельный мониторинг") for text in proposals)
    assert not any(text[:2] in ("1)", "– ") for text in proposals)  # the bullet is the style's, not typed
    roadmap = Document(sample_package / "roadmap.docx")
    assert "Изменения по итогам 2\u00a0четверти" in [p.text for p in roadmap.paragraphs if p.style.name == "Heading 2"]
    changes = [p.text.replace("\u00a0", " ") for p in roadmap.paragraphs if p.style.name == "List Bullet"]
    assert changes[0].startswith("Мероприятие № 4")


def test_spacing_and_fonts_match_the_pdf(sample_package):
    document = Document(sample_package / "report.docx")
    normal = document.styles["Normal"]
    assert normal.paragraph_format.line_spacing == Pt(15.6)  # 13 pt × 1.2, as document.css
    assert normal.paragraph_format.space_after == Pt(6)
    normal_font = normal.font.name
    for name in ("Heading 1", "Heading 2"):
        style = document.styles[name]
        fonts = style.element.rPr.rFonts
        # the documents' own font (Times New Roman in Word, metric-compatible with the PDF's Liberation Serif)
        assert fonts.get("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}ascii") == normal_font
        assert fonts.get("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}asciiTheme") is None
        assert style.font.size == Pt(13) and style.font.bold


def test_the_signature_block_keeps_with_the_last_paragraphs_of_text(package):
    """Word and LibreOffice never leave the signature and «Исп.» alone on a last page (issue 32, point 1):
    the two paragraphs of text before the signature keep with it, and its row does not split."""
    from docx import Document
    from docx.oxml.ns import qn

    for name in ("report.docx", "roadmap.docx"):
        doc = Document(package / name)
        signature = next(t for t in reversed(doc.tables) if t.rows[0].cells[-1].text.strip().endswith("Гайдуков"))
        assert signature._tbl.find(f"{qn('w:tr')}/{qn('w:trPr')}/{qn('w:cantSplit')}") is not None
        kept, node = [], signature._tbl.getprevious()
        while node is not None and node.tag == qn("w:p") and len([t for t in kept if t]) < 2:
            assert node.find(f"{qn('w:pPr')}/{qn('w:keepNext')}") is not None, (name, kept)
            kept.append("".join(node.itertext()).strip())
            node = node.getprevious()
        assert len([t for t in kept if t]) == 2, (name, kept)


def test_word_hyphenates_the_text_but_not_headings_or_titles(sample_package):
    """Hyphenation in the DOCX as in the PDF (issue 32, point 6): the document's automatic hyphenation on,
    suppressed in headings, centred lines and tables, each switch where the schema puts it."""
    from docx.oxml.ns import qn

    for name in ("report.docx", "roadmap.docx"):
        document = Document(sample_package / name)
        settings = document.settings.element
        switch = settings.find(qn("w:autoHyphenation"))
        assert switch is not None and switch.getprevious().tag == qn("w:defaultTabStop")
        for paragraph in document.paragraphs:
            properties = paragraph._p.pPr
            suppressed = properties is not None and properties.find(qn("w:suppressAutoHyphens")) is not None
            centred = paragraph.alignment is not None and paragraph.alignment == 1
            assert suppressed == (paragraph.style.name.startswith("Heading") or centred), paragraph.text
            if suppressed:
                tags = [child.tag for child in properties]
                position = tags.index(qn("w:suppressAutoHyphens"))
                assert qn("w:jc") not in tags[:position] and qn("w:spacing") not in tags[:position]
        for table in document.tables:
            for cell in table.rows[-1].cells:
                properties = cell.paragraphs[0]._p.pPr
                assert properties is not None and properties.find(qn("w:suppressAutoHyphens")) is not None
