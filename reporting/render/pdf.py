"""PDF/A-3u documents from Jinja2 HTML + CSS, laid out by WeasyPrint.

Resource fetching is strict: the renderer may read the templates folder
(stylesheet, fonts) and the charts generated for this run, nothing else —
no network, no file outside the templates (fail closed).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import os
from pathlib import Path
from urllib.parse import unquote, urlparse

from .fonts import Templates

GENERATED = "generated:"
# What a template may load (mimetypes.guess_type would read the system's /etc/mime.types first).
_MIME_TYPES = {".css": "text/css", ".ttf": "font/ttf", ".otf": "font/otf", ".woff": "font/woff",
               ".woff2": "font/woff2", ".svg": "image/svg+xml", ".png": "image/png", ".jpg": "image/jpeg",
               ".jpeg": "image/jpeg", ".gif": "image/gif"}  # fmt: skip


def _fetcher_class():
    from .libraries import weasyprint

    weasyprint()
    from weasyprint.urls import URLFetcher, URLFetcherResponse

    class StrictFetcher(URLFetcher):
        def __init__(self, generated: dict[str, tuple[bytes, str]], templates: Templates):
            super().__init__(allowed_protocols=("file", "generated"))
            self.generated, self.templates = generated, templates

        def fetch(self, url, headers=None):
            if url.startswith(GENERATED):
                body, mime = self.generated[url[len(GENERATED) :]]
                return URLFetcherResponse(url, body, {"Content-Type": mime})
            parsed = urlparse(url)
            if parsed.scheme != "file":
                raise ValueError(f"blocked resource: {url}")
            from .sandbox import read_template

            path = self.templates.resource(Path(os.path.normpath(unquote(parsed.path))))
            if path is None:
                raise ValueError(f"blocked resource: {url}")
            mime = _MIME_TYPES.get(path.suffix.lower(), "application/octet-stream")
            return URLFetcherResponse(url, read_template(path), {"Content-Type": mime})

    return StrictFetcher


def jinja_env(templates: Templates):
    """The sandbox, loading from the school's folder first, then the shipped one (never a link)."""
    from .sandbox import FolderLoader, sandbox

    return sandbox(FolderLoader(templates.folders))


@contextlib.contextmanager
def _source_date(day: dt.date):
    """Font subsetting stamps the clock unless SOURCE_DATE_EPOCH is set."""
    old = os.environ.get("SOURCE_DATE_EPOCH")
    os.environ["SOURCE_DATE_EPOCH"] = str(int(dt.datetime.combine(day, dt.time(), dt.UTC).timestamp()))
    try:
        yield
    finally:
        if old is None:
            os.environ.pop("SOURCE_DATE_EPOCH", None)
        else:
            os.environ["SOURCE_DATE_EPOCH"] = old


def render_pdf(
    template: str,
    view: dict,
    day: dt.date,
    generated: dict[str, tuple[bytes, str]],
    attachments: dict[str, bytes] | None = None,
    mark: str = "",
    templates: Templates | None = None,
    revise=None,
) -> tuple[bytes, int]:
    """The PDF and its page count (a covering letter lists it). ``revise(document)``: after the
    layout, a corrected view to lay out again with, or None (it rarely is not: see documents.py)."""
    templates = templates or Templates()
    from .libraries import weasyprint

    HTML, Attachment = weasyprint().HTML, weasyprint().Attachment

    stamp = dt.datetime.combine(day, dt.time(), dt.UTC)
    from .sandbox import template_errors

    def html_of(view: dict) -> str:
        with template_errors(template, templates.custom):
            html = (
                jinja_env(templates)
                .get_template(template)
                .render(
                    v=view,
                    mark=mark,
                    chart="chart.svg" in generated,
                    qr="qr.svg" in generated,
                    meta_date=stamp.strftime("%Y-%m-%dT%H:%M:%SZ"),
                )
            )
        from .typography import WHOLE_CLOSE, WHOLE_OPEN

        # the platform's name, marked by typography, in a span the stylesheet never hyphenates (unquoted:
        # harmless even inside an attribute of a school's own template)
        return html.replace(WHOLE_OPEN, "<span class=whole>").replace(WHOLE_CLOSE, "</span>")

    html = html_of(view)
    fetcher = _fetcher_class()(generated, templates)
    files = [
        Attachment(
            string=data,
            name=name,
            description="Показатели отчёта",
            created=stamp,
            modified=stamp,
            relationship="Data",
            url_fetcher=fetcher,
        )
        for name, data in (attachments or {}).items()
    ]
    with _source_date(day):
        document = HTML(string=html, base_url=templates.folders[0].as_uri() + "/", url_fetcher=fetcher).render()
        revised = revise(document) if revise is not None else None
        if revised is not None:  # the layout told something the text must say (an appendix's page count)
            html = html_of(revised)
            document = HTML(string=html, base_url=templates.folders[0].as_uri() + "/", url_fetcher=fetcher).render()
        identifier = hashlib.sha256(html.encode("utf-8")).hexdigest()[:32].encode()
        pdf = document.write_pdf(
            pdf_variant="pdf/a-3u", attachments=files, pdf_identifier=identifier, finisher=_drop_empty_resources
        )
    return pdf, len(document.pages)


def _drop_empty_resources(_document, pdf) -> None:
    """WeasyPrint 70 writes empty /Pattern and /Shading resource dictionaries;
    PDF/A validators flag them as unsupported constructs, and they carry nothing."""
    for obj in pdf.objects:
        if isinstance(obj, dict):
            for key in ("Pattern", "Shading"):
                if key in obj and isinstance(obj[key], dict) and not obj[key]:
                    del obj[key]
