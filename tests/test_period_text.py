"""The report states its period in the school's own dates (issue 32): «2 четверть (07.11–29.12.2023) с
каникулами после неё: недели с 06.11.2023 по 07.01.2024», never only the Monday weeks, which disagree
with school.toml's calendar; read from the PDF and from the Word document."""

from __future__ import annotations

from .test_appendix_mark import docx_text, pdf_text
from .test_changed_mark_note import build


def test_the_period_is_the_schools_own_with_the_weeks_it_covers(tmp_path):
    package = build(tmp_path / "out", 2)
    said = ("Отчётный период: 2 четверть (07.11–29.12.2023) с каникулами после неё: недели с 06.11.2023 по "
            "07.01.2024; мониторинг проводился 8 недель.")  # fmt: skip
    for text in (pdf_text(package / "report.pdf"), docx_text(package / "report.docx")):
        assert said in text.replace("\u00ad", "")
