"""The «*» of a changed deadline is explained where it is used (issue 32): in the report's table of
activities, in the PDF and in the Word document alike, and only when a deadline changed in the period."""

from __future__ import annotations

from click.testing import CliRunner

from reporting.cli import main

from .conftest import ROOT
from .test_appendix_mark import docx_text, pdf_text

NOTE = "Знаком * отмечен срок, изменённый по итогам рассмотрения в этом периоде."


def build(outputs, quarter: int):
    args = ["--quarter", str(quarter), "--inputs", str(ROOT / "inputs"), "--outputs", str(outputs), "-q"]
    result = CliRunner().invoke(main, args, catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return outputs / "2023-2024" / f"Q{quarter}"


def test_the_mark_is_explained_in_both_formats_when_a_deadline_changed(tmp_path):
    package = build(tmp_path / "out", 2)  # activity 4: «Февраль 2024» decided on 28.12.2023
    assert "Февраль 2024 *" in pdf_text(package / "report.pdf")
    for text in (pdf_text(package / "report.pdf"), docx_text(package / "report.docx")):
        assert NOTE in text


def test_no_change_no_explanation(tmp_path):
    package = build(tmp_path / "out", 1)
    for text in (pdf_text(package / "report.pdf"), docx_text(package / "report.docx")):
        assert " *" not in text and NOTE not in text


ROADMAP_KEY = "Изменённые ячейки выделены цветом и отмечены знаком *."


def _docx_with_tables(path) -> str:
    from docx import Document

    document = Document(path)
    cells = [c.text for t in document.tables for row in t.rows for c in row.cells]
    return " ".join(" ".join([p.text for p in document.paragraphs] + cells).replace("\u00a0", " ").split())


def test_the_corrected_roadmap_gives_its_key_only_where_a_cell_is_marked(tmp_path):
    """The Q4 corrected roadmap said «Изменённые ячейки … отмечены знаком *» with no cell marked: its
    one decision (28.12.2023) was taken in Q2. The Q2 roadmap, whose cell is marked, keeps the key."""
    marked = build(tmp_path / "q2", 2)
    for text in (pdf_text(marked / "roadmap.pdf"), _docx_with_tables(marked / "roadmap.docx")):
        assert ROADMAP_KEY in text and "Февраль 2024 *" in text
    args = ["--quarter", "4", "--no-monitoring", "--inputs", str(ROOT / "inputs"), "--outputs", str(tmp_path / "q4")]
    assert CliRunner().invoke(main, [*args, "-q"], catch_exceptions=False).exit_code == 0
    unmarked = tmp_path / "q4" / "2023-2024" / "Q4"
    for text in (pdf_text(unmarked / "roadmap.pdf"), _docx_with_tables(unmarked / "roadmap.docx")):
        assert "Февраль 2024" in text and ROADMAP_KEY not in text and " *" not in text
