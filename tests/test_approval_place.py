"""The approval stamp has no gap (issue 32): the place for a signature's mark stands beside it, to its
left and level with its foot, so the stamp's lines follow each other and nothing of the page lies in
the place."""

from __future__ import annotations

import io

from pypdf import PdfReader

from reporting.render.signature_marks import places

from .test_changed_mark_note import build


def _lines(page) -> list[tuple[float, float, str]]:
    found = []

    def visit(text, cm, tm, font, size):
        if text.strip():
            # the page's own coordinates (PDF's upward y): WeasyPrint draws text under a flipping matrix
            found.append((tm[4] * cm[0] + cm[4], tm[5] * cm[3] + cm[5], text.strip()))

    page.extract_text(visitor_text=visit)
    return found


def test_the_stamp_has_no_gap_and_its_place_is_beside_it(tmp_path):
    pdf = (build(tmp_path / "out", 2) / "report.pdf").read_bytes()
    page = PdfReader(io.BytesIO(pdf)).pages[0]
    height = float(page.mediabox.height)
    lines = {t: (x, y) for x, y, t in _lines(page)}
    position = next(y for t, (x, y) in lines.items() if t.startswith("Директор"))
    signed = next(y for t, (x, y) in lines.items() if "Гайдуков" in t and "_" in t)
    assert position - signed < 20  # the next line, not 22 mm (62 pt) below
    place = next(p for p in places(pdf) if p.role == "approval")
    stamp_left = min(x for t, (x, y) in lines.items() if t.startswith(("УТВЕРЖДАЮ", "Директор")))
    assert place.left + place.width < stamp_left  # beside the stamp, to its left
    top, bottom = height - place.top, height - place.top - place.height
    assert not [t for x, y, t in _lines(page) if place.left <= x <= place.left + place.width and bottom <= y <= top]
