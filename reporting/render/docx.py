"""DOCX documents from the Word templates in ``templates/`` (docxtpl).

The templates lay out the same display view as the PDFs.  Autoescaping is
on, so cell text is always text in the XML, never markup.  Timestamps are
fixed and the zip is rewritten with constant dates: the same inputs give
the same bytes.
"""

from __future__ import annotations

import datetime as dt
import io
import zipfile

from .fonts import TEMPLATES

CHART_WIDTH_MM = 170
CORE_PROPERTY_LIMIT = 255  # OOXML core properties (title, author) hold at most 255 characters


def _property(text: str) -> str:
    return text if len(text) <= CORE_PROPERTY_LIMIT else text[: CORE_PROPERTY_LIMIT - 1] + "…"


def render_docx(
    template: str, view: dict, day: dt.date, title: str, chart_png: bytes | None = None, mark: str = ""
) -> bytes:
    from docx.shared import Mm
    from docxtpl import DocxTemplate, InlineImage

    document = DocxTemplate(TEMPLATES / template)
    context = {"v": view, "mark": mark, "chart": None}
    if chart_png is not None:
        context["chart"] = InlineImage(document, io.BytesIO(chart_png), width=Mm(CHART_WIDTH_MM))
    document.render(context, autoescape=True)
    props = document.docx.core_properties
    stamp = dt.datetime.combine(day, dt.time())
    author = _property(view["org_short"])
    props.title, props.author, props.last_modified_by = _property(title), author, author
    props.language, props.revision = "ru-RU", 1
    props.created = props.modified = props.last_printed = stamp
    raw = io.BytesIO()
    document.save(raw)
    return normalize_zip(raw.getvalue())


def normalize_zip(data: bytes) -> bytes:
    """Rewrite an OOXML zip with constant entry dates (python-docx stamps the clock)."""
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            entry = zipfile.ZipInfo(info.filename, date_time=(1980, 1, 1, 0, 0, 0))
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.external_attr = 0o644 << 16
            target.writestr(entry, source.read(info.filename))
    return out.getvalue()
