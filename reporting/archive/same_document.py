"""Whether two PDFs are the same document, whatever the layout engine's bytes.

The same inputs and options give the same PDF bytes on one machine.  Another build of the same
libraries does not: with HarfBuzz's subsetter installed, WeasyPrint subsets the fonts itself,
without it fontTools does, and the font programs, their subset names and the glyph numbers in
the content streams all differ, while every page says exactly the same.  A rerun after such a
change must not look like a new package («изменились параметры»), nor may a real change hide
behind it, so the comparison is of what a reader sees: the pages, their size, the text of each
page, every image drawn, the attached files and the document's own metadata.
"""

from __future__ import annotations

import hashlib
import io


def fingerprint(data: bytes) -> tuple | None:
    """What a reader of the PDF sees, as comparable data; None when it does not read as a PDF."""
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    try:
        reader = PdfReader(io.BytesIO(data))
        pages = tuple(_page(page) for page in reader.pages)
        attachments = tuple(
            sorted(
                (name, tuple(hashlib.sha256(d).hexdigest() for d in datas))
                for name, datas in reader.attachments.items()
            )
        )
        info = reader.metadata or {}
        metadata = tuple(sorted((str(k), str(v)) for k, v in info.items() if k not in ("/Producer", "/Creator")))
    except (PdfReadError, ValueError, KeyError, TypeError, AttributeError):
        return None
    return pages, attachments, metadata


def _page(page) -> tuple:
    box = tuple(round(float(v), 2) for v in page.mediabox)
    text = " ".join(page.extract_text().split())
    return box, text, tuple(sorted(_images(page.get("/Resources"), set())))


def _images(resources, seen: set) -> list[str]:
    """The digests of the images a page draws (the chart, a QR code), through its form XObjects."""
    found = []
    objects = (resources or {}).get("/XObject") if hasattr(resources, "get") else None
    for reference in (objects or {}).values():
        key = getattr(reference, "idnum", None)
        if key is not None and key in seen:
            continue
        seen.add(key)
        stream = reference.get_object()
        if stream.get("/Subtype") == "/Image":
            found.append(hashlib.sha256(stream.get_data()).hexdigest())
        elif stream.get("/Subtype") == "/Form":
            found += _images(stream.get("/Resources"), seen)
    return found


def same_document(old: bytes, new: bytes) -> bool:
    if old == new:
        return True
    before = fingerprint(old)
    return before is not None and before == fingerprint(new)
