"""The proposals stay whole with their heading (issue 32): when the signature pulls the end of the text
onto its page, no list item stands there alone, torn from its list. Checked on the sample's quarters, in
the PDF."""

from __future__ import annotations

import pytest
from pypdf import PdfReader

from .test_changed_mark_note import build


@pytest.mark.parametrize("quarter", [1, 2])  # the sample has monitoring for these two
def test_the_proposals_and_their_heading_share_a_page(tmp_path, quarter):
    package = build(tmp_path / "out", quarter)
    pages = [" ".join(p.extract_text().split()) for p in PdfReader(package / "report.pdf").pages]
    head = next(i for i, text in enumerate(pages) if "Предложения:" in text)
    after = pages[head].split("Предложения:", 1)[1]
    assert "•" in after or "Провести" in after or "Продолжить" in after, pages[head][-300:]
    assert "Директор МАОУ «СОШ № 24»" in pages[head]  # and the signature with them
