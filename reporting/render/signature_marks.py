"""The print copy of a signed PDF: the original pages with the marks of its electronic signatures
drawn in the places the document reserved for the handwritten signature.

A document's templates reserve each place as an empty box whose id names its role and size,
``sign-place-signature-88x27`` (the signature requisite) or ``sign-place-approval-88x27`` (the
approval stamp); WeasyPrint writes every id as a named destination of the PDF, which gives the
box's page and top-left corner.  The marks are rendered by WeasyPrint on a transparent page of
the same size and laid over the original page with pypdf; nothing of the original is moved.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import io
import logging
import re
from collections.abc import Sequence
from dataclasses import dataclass

from ..signatures.mark import MarkText

PLACE = re.compile(r"^sign-place-(signature|approval)-(\d{2,3})x(\d{2,3})$")
ROLES = ("signature", "approval")  # the order in which signers take the places
MM = 72 / 25.4
# Packages built before the place grew to 88 × 27 mm reserve 80 × 22 mm: their marks stay at 7 pt,
# the size six or seven lines fit there.
SMALL_PLACE = 26 * MM
DEFAULT_PLACE = (88 * MM, 27 * MM)  # a signing sheet of a document with no place of its own


@dataclass(frozen=True)
class Place:
    role: str
    page: int  # 0-based
    left: float  # points, from the page's left edge
    top: float  # points, from the page's top edge (CSS's direction)
    width: float
    height: float


@contextlib.contextmanager
def _pypdf_quiet():
    """pypdf logs (to stderr, through logging's last-resort handler) what it repairs in passing,
    such as WeasyPrint's trailer /Size; the library prints nothing, so those stay unsaid."""
    logger = logging.getLogger("pypdf")
    level = logger.level
    logger.setLevel(logging.ERROR)
    try:
        yield
    finally:
        logger.setLevel(level)


def places(pdf: bytes) -> list[Place]:
    """The reserved places of a PDF, signature first, then approval; one of each role (the first)."""
    with _pypdf_quiet():
        return _places(pdf)


def _places(pdf: bytes) -> list[Place]:
    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(pdf))
    found: dict[str, Place] = {}
    for name, destination in reader.named_destinations.items():
        matched = PLACE.match(str(name))
        if not matched or matched.group(1) in found:
            continue
        page = reader.get_destination_page_number(destination)
        height = float(reader.pages[page].mediabox.height)
        found[matched.group(1)] = Place(
            role=matched.group(1),
            page=page,
            left=float(destination.left),
            top=height - float(destination.top),
            width=int(matched.group(2)) * MM,
            height=int(matched.group(3)) * MM,
        )
    return [found[role] for role in ROLES if role in found]


def print_copy(
    pdf: bytes, marks: Sequence[MarkText], day: dt.date, document_name: str = "", templates=None
) -> tuple[bytes, list[Place]]:
    """The copy with one mark per signer, in the order given, and the places they took: the
    document's places first (signature, then approval stamp), the rest on a signing sheet
    («Лист подписания») added after the last page."""
    with _pypdf_quiet():
        return _print_copy(pdf, marks, day, document_name, templates)


def _print_copy(pdf: bytes, marks: Sequence[MarkText], day: dt.date, document_name: str, templates):
    from pypdf import PdfReader, PdfWriter

    from .pdf import render_pdf

    spots = _places(pdf)
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(pdf)))
    taken = list(zip(spots, marks, strict=False))
    leftover = list(marks[len(taken) :])
    for page_number in sorted({place.page for place, _ in taken}):
        page = writer.pages[page_number]
        view = {
            "page_width": _pt(page.mediabox.width),
            "page_height": _pt(page.mediabox.height),
            "marks": [
                {
                    "left": _pt(p.left),
                    "top": _pt(p.top),
                    "width": _pt(p.width),
                    "height": _pt(p.height),
                    "small": p.height < SMALL_PLACE,
                    "head": m.head,
                    "sub": m.sub,
                    "lines": m.lines,
                }
                for p, m in taken
                if p.page == page_number
            ],
        }
        overlay, _ = render_pdf("signature_mark.html.j2", view, day, {}, templates=templates)
        page.merge_page(PdfReader(io.BytesIO(overlay)).pages[0])
    if leftover:  # no place left in the document: a signing sheet after its last page
        last = writer.pages[-1]
        size = spots[0] if spots else None
        view = {
            "page_width": _pt(last.mediabox.width),
            "page_height": _pt(last.mediabox.height),
            "document": document_name,
            "pages": len(writer.pages),
            "marks": [
                {
                    "who": m.who,
                    "width": _pt(size.width if size else DEFAULT_PLACE[0]),
                    "height": _pt(size.height if size else DEFAULT_PLACE[1]),
                    "small": bool(size) and size.height < SMALL_PLACE,
                    "head": m.head,
                    "sub": m.sub,
                    "lines": m.lines,
                }
                for m in leftover
            ],
        }
        sheet, _ = render_pdf("signature_sheet.html.j2", view, day, {}, templates=templates)
        for page in PdfReader(io.BytesIO(sheet)).pages:
            writer.add_page(page)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue(), [place for place, _ in taken]


def _pt(value) -> str:
    return f"{float(value):.2f}"
