"""The mark of an electronic signature is read at 8 pt (issue 32): the documents reserve an
88 × 27 mm place, which holds all seven lines of a mark with a registration given at signing; a
package built before the place grew (80 × 22 mm) keeps 7 pt marks that fit its smaller place."""

from __future__ import annotations

import datetime as dt
import io
import shutil

import pytest
from click.testing import CliRunner

from reporting.cli import main

from . import signing_kit as kit

MM = 72 / 25.4


def cli(*args):
    return CliRunner().invoke(main, [str(a) for a in args], catch_exceptions=False)


def _text_runs(page) -> list[tuple[float, float, float, str]]:
    """(x, y, font size in points, text) of every text run on the page."""
    found = []

    def visit(text, cm, tm, font, size):
        if text.strip():
            scale = abs(tm[3] * cm[3]) or 1.0
            found.append((tm[4] * cm[0] + cm[4], tm[5] * cm[3] + cm[5], round(size * scale, 2), text))

    page.extract_text(visitor_text=visit)
    return found


def _mark_runs(original: bytes, copy: bytes):
    from pypdf import PdfReader

    from reporting.render.signature_marks import places

    place = places(original)[0]
    source, printed = PdfReader(io.BytesIO(original)), PdfReader(io.BytesIO(copy))
    before = {(round(x), round(y), t) for x, y, _, t in _text_runs(source.pages[place.page])}
    added = [r for r in _text_runs(printed.pages[place.page]) if (round(r[0]), round(r[1]), r[3]) not in before]
    return place, float(source.pages[place.page].mediabox.height), added


@pytest.fixture
def unregistered(sample_package, tmp_path):
    copy = tmp_path / "outputs" / "2023-2024" / "Q2"
    shutil.copytree(sample_package, copy)
    return copy


def test_the_place_is_88_by_27_mm_and_the_mark_8_pt_with_all_seven_lines_inside(unregistered, tmp_path):
    key = kit.new_key()
    cert = kit.certificate(key)
    signature = tmp_path / "report.pdf.sig"
    signature.write_bytes(kit.signature((unregistered / "report.pdf").read_bytes(), key, cert))
    result = cli("sign", unregistered, signature, "--date", "10.01.2024", "--number", "01-12/15")
    assert result.exit_code == 0, result.output
    original = (unregistered / "report.pdf").read_bytes()
    place, height, runs = _mark_runs(original, (unregistered / "report.print.pdf").read_bytes())
    assert (round(place.width / MM), round(place.height / MM)) == (88, 27)
    text = " ".join(t for *_, t in runs)
    # seven lines: two of the heading, the sub-heading, three of the certificate, the registration
    for words in ("ПОДПИСЬ ВЕРНА;", "СЕРТИФИКАТ НЕ ПРОВЕРЕН:", "Сертификат", "Владелец", "Действителен с",
                  "Рег. № 01-12/15 от 10.01.2024"):  # fmt: skip
        assert words in text, (words, text)
    assert {size for *_, size, _ in runs} == {8.0}
    bottom, top = height - place.top - place.height, height - place.top
    assert all(place.left <= x <= place.left + place.width and bottom <= y <= top for x, y, _, _ in runs), (
        place,
        bottom,
        top,
        runs,
    )
    lowest = min(y for _, y, _, _ in runs)
    assert lowest - bottom >= 1.0 * MM  # the last line's baseline stays clear of the frame's foot


def test_a_package_with_the_old_80_by_22_place_gets_7_pt_marks_that_fit_it():
    from asn1crypto import x509
    from weasyprint import HTML

    from reporting.render.signature_marks import print_copy
    from reporting.signatures.certificate import read_certificate
    from reporting.signatures.mark import mark_text

    info = read_certificate(x509.Certificate.load(kit.certificate(kit.new_key())))
    place = '<div id="sign-place-signature-80x22" style="width: 80mm; height: 22mm"></div>'
    original = HTML(string=f'<div style="height: 100mm"></div>{place}').write_pdf()

    mark = mark_text(info, registration="Рег. № 01-12/15 от 10.01.2024")
    copy, taken = print_copy(original, [mark], dt.date(2024, 1, 10))
    assert len(taken) == 1
    place, height, runs = _mark_runs(original, copy)
    assert {size for *_, size, _ in runs} == {7.0}
    assert "Рег. № 01-12/15 от 10.01.2024" in " ".join(t for *_, t in runs)
    bottom, top = height - place.top - place.height, height - place.top
    assert all(bottom <= y <= top for _, y, _, _ in runs)
