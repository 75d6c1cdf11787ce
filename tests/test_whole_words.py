"""The platform's name is never hyphenated (issue 17, point 12): «Сфе-рум» nowhere."""

from __future__ import annotations

import re
import subprocess

import pytest

from reporting.render.typography import WHOLE_CLOSE, WHOLE_OPEN, typeset, whole_words, without_marks

from .conftest import needs, needs_poppler


def test_the_platforms_words_are_marked_with_any_ending():
    whole = whole_words("Сферум/VK Мессенджер")
    text = typeset("Создание на базе Сферум/VK Мессенджера сетевых сообществ", whole)
    assert (
        text
        == f"Создание на базе {WHOLE_OPEN}Сферум{WHOLE_CLOSE}/VK {WHOLE_OPEN}Мессенджера{WHOLE_CLOSE} сетевых сообществ"
    )
    assert without_marks({"a": [text]}) == {"a": ["Создание на базе Сферум/VK Мессенджера сетевых сообществ"]}
    assert whole_words("MAX") is None  # three letters: nothing to hyphenate


def test_a_schools_text_cannot_bring_its_own_marks():
    """A private-use mark typed into a cell would become a <span> in the PDF's HTML: stripped first."""
    assert typeset(f"текст{WHOLE_OPEN}x{WHOLE_CLOSE}") == "текстx"


@needs_poppler
@pytest.mark.parametrize("name", ["report.pdf", "roadmap.pdf"])
def test_no_line_ends_inside_the_platforms_name(sample_package, name):
    text = subprocess.run(
        ["pdftotext", str(sample_package / name), "-"], capture_output=True, text=True, check=True
    ).stdout
    assert "Сферум" in text
    broken = re.findall(r"(?:Сфе|Сферу|Сф|Ме|Мес|Месс|Мессе|Мессен|Мессенд|Мессендж|Мессендже)[‐-]\n", text)
    assert not broken, broken
    assert "\ue000" not in text and "\ue001" not in text


@needs_poppler
@needs("soffice", "libreoffice-writer-nogui")
def test_nor_in_libreoffices_rendering_of_the_docx(sample_package, tmp_path):
    subprocess.run(["soffice", "--headless", "--convert-to", "pdf", "--outdir", str(tmp_path), str(sample_package / "report.docx"),
                    str(sample_package / "roadmap.docx")], check=True, capture_output=True, timeout=180)  # fmt: skip
    for name in ("report.pdf", "roadmap.pdf"):
        text = subprocess.run(
            ["pdftotext", str(tmp_path / name), "-"], capture_output=True, text=True, check=True
        ).stdout
        assert "Сферум" in text
        assert not re.findall(r"(?:Сфе|Сферу|Мес|Мессен|Мессендже)[‐-]\n", text)
        assert "\ue000" not in text
