"""The report states its period in the school's own dates (issue 32): «2 четверть (07.11–29.12.2023) с
каникулами после неё: недели с 06.11.2023 по 07.01.2024», never only the Monday weeks, which disagree
with school.toml's calendar; read from the PDF and from the Word document."""

from __future__ import annotations

from .test_appendix_mark import docx_text, pdf_text
from .test_changed_mark_note import build
from .test_documents import squash


def test_the_period_is_the_schools_own_with_the_weeks_it_covers(tmp_path):
    package = build(tmp_path / "out", 2)
    said = ("Отчётный период: 2 четверть (07.11–29.12.2023) с каникулами после неё: недели с 06.11.2023 по "
            "07.01.2024; мониторинг проводился 8 недель.")  # fmt: skip
    for text in (pdf_text(package / "report.pdf"), docx_text(package / "report.docx")):
        assert squash(said) in squash(text).replace("\u2010", "")


def test_a_period_across_the_new_year_gives_both_years(tmp_path):
    """A trimester from December to February: «2 триместр (04.12.2023–22.02.2024)», never «(04.12–22.02.2024)»."""
    from pathlib import Path

    from reporting import build_package

    from .test_periods import TRIMESTERS, school

    rows = [["Аникина Анна", 12, 10, 10], ["Гайдуков Андрей Николаевич", 15, 4, 10]]
    folder = school(TRIMESTERS, Path(tmp_path) / "in", ["20.11.2023", "19.02.2024", "20.05.2024"], rows)
    package = build_package(2, folder, tmp_path / "out").folder
    said = (
        "Отчётный период: 2 триместр (04.12.2023–22.02.2024) с каникулами после него: недели с 04.12.2023 по 03.03.2024"
    )
    for text in (pdf_text(package / "report.pdf"), docx_text(package / "report.docx")):
        assert squash(said) in squash(text).replace("\u2010", "")
