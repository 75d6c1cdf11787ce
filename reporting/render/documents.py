"""The official documents of the package: report, corrected roadmap, covering letter.

The report's PDF takes about as long as everything else together, so on Linux a forked helper
process makes the rest (the roadmap's PDF and DOCX, the report's DOCX with the chart's picture)
while this process lays out the report's PDF; each imports its renderers itself, at the same
time: on two cores a package takes about the time of its larger half.  Elsewhere (Windows,
macOS, inside a worker process or a thread) both are made here, one after the other; the bytes
are the same either way.
"""

from __future__ import annotations

import contextlib
import io

from ..compute.model import QuarterModel
from ..options import Options


def render_documents(
    model: QuarterModel, options: Options, data_xlsx: bytes, progress, summary_sha256: str = ""
) -> dict[str, bytes]:
    from .chart import drawing
    from .docx import render_docx
    from .fonts import Templates, check_fonts
    from .libraries import subset_hint
    from .pdf import render_pdf
    from .tables import table_layouts, with_widths
    from .typography import typeset_view, whole_words
    from .view import document_view
    from .view_letter import attachment_mark, letter_view

    check_fonts()
    templates = Templates(options.templates)
    day = model.period.status_date
    view = typeset_view(document_view(model, options), whole_words(model.school.platform))
    layouts = table_layouts(view)
    view = with_widths(view, layouts)
    letter = options.letter_details
    marks = {name: attachment_mark(letter, number) for number, name in enumerate(("report", "roadmap"), start=1)}
    picture = drawing(model) if model.reported_weeks else None  # no data, no chart
    qr = _qr_codes(model, view, summary_sha256) if model.school.qr else {}
    if options.pdf_engine != "weasyprint":  # the Word documents here; their PDFs by LibreOffice, or none
        return _without_weasyprint(model, view, day, marks, templates, layouts, picture, data_xlsx, options, progress)
    if (slower := subset_hint()) is not None:
        progress(slower[0].upper() + slower[1:])
    if not model.own_roadmap:  # an organisation of a district: its report only, no borrowed roadmap
        return _report_only(model, view, day, marks, templates, layouts, picture, qr, data_xlsx, letter, progress)
    with _helper() as helper:
        progress("Дорожная карта (PDF и Word), отчёт (Word)")
        beside = helper(_beside_report, picture, view, day, marks, templates, layouts, True, qr.get("roadmap"))
        progress("Отчёт (PDF)")
        revise, revised = _appendix_pages(view)
        report_pdf, report_pages = render_pdf("report.html.j2", view, day, _report_resources(picture, qr),
                                              {"data.xlsx": data_xlsx}, marks["report"], templates, revise)  # fmt: skip
        roadmap_pdf, roadmap_pages, roadmap_docx, report_docx = beside()
    if revised:  # the appendix took other than one page: the Word report says so too
        report_docx = _report_docx(picture, revised["view"], day, marks, templates, layouts)
    files = {"report.pdf": report_pdf, "report.docx": report_docx, "roadmap.pdf": roadmap_pdf,
             "roadmap.docx": roadmap_docx}  # fmt: skip
    if letter:
        progress("Сопроводительное письмо")
        cover = letter_view(view, letter, {"report": report_pages, "roadmap": roadmap_pages})
        files["letter.pdf"], _ = render_pdf("letter.html.j2", cover, day, {}, templates=templates)
        files["letter.docx"] = render_docx("letter.docx", cover, day, cover["subject"], templates=templates)
    return files


def _without_weasyprint(model, view, day, marks, templates, layouts, picture, data_xlsx, options, progress):
    """The Word documents, and with --pdf-engine libreoffice (or auto, where Pango is missing and
    LibreOffice is installed) their PDFs as LibreOffice exports them (``libreoffice.convert``)."""
    from .docx import render_docx
    from .view_letter import letter_view

    progress("Документы Word" + (", PDF — через LibreOffice" if options.pdf_engine == "libreoffice" else
                                 " (PDF не формируются: нет ни библиотеки Pango, ни LibreOffice)"))  # fmt: skip
    _, _, roadmap_docx, report_docx = _beside_report(picture, view, day, marks, templates, layouts, pdf=False)
    files = {"report.docx": report_docx, **({"roadmap.docx": roadmap_docx} if model.own_roadmap else {})}
    if options.pdf_engine != "libreoffice":
        return files
    from pypdf import PdfReader

    from .libreoffice import convert

    files.update(convert(dict(files), day, {"report.pdf": {"data.xlsx": data_xlsx}}))
    letter = options.letter_details
    if letter:  # its attachment marks name the PDFs' true page counts
        pages = {
            n.removesuffix(".pdf"): len(PdfReader(io.BytesIO(d)).pages) for n, d in files.items() if n.endswith(".pdf")
        }
        cover = letter_view(view, letter, pages)
        files["letter.docx"] = render_docx("letter.docx", cover, day, cover["subject"], templates=templates)
        files.update(convert({"letter.docx": files["letter.docx"]}, day, {}))
    return files


def _appendix_pages(view: dict):
    """The report's «Приложение: … на N л.» is laid out with N = 1, the usual appendix; when the
    layout shows another count (the pages from the appendix's first to the last), the report is
    laid out once more with it. ``revised["view"]`` then holds the view that says it."""
    from .typography import typeset
    from .view_letter import appendix_mark

    revised: dict = {}

    def revise(document):
        if not view.get("appendix_mark"):
            return None
        start = next((i for i, page in enumerate(document.pages) if "appendix" in page.anchors), None)
        if start is None or len(document.pages) - start == 1:  # a school's own template without the id, or 1
            return None
        revised["view"] = {**view, "appendix_mark": typeset(appendix_mark(len(document.pages) - start))}
        return revised["view"]

    return revise, revised


def _report_docx(picture, view, day, marks, templates, layouts) -> bytes:
    """The report in Word.  Its appendix mark names no page count: Word and LibreOffice lay the document
    out each their own way, and only the PDF's count is known here («на N л.» only where it is true)."""
    from .chart import to_png
    from .docx import render_docx
    from .typography import typeset
    from .view_letter import appendix_mark

    if view.get("appendix_mark"):
        view = {**view, "appendix_mark": typeset(appendix_mark(None))}

    png = to_png(picture) if picture else None
    return render_docx(
        "report.docx", view, day, "Отчёт " + view["report_title"], png, marks["report"], templates, layouts
    )


def _report_only(model, view, day, marks, templates, layouts, picture, qr, data_xlsx, letter, progress):
    from .docx import render_docx
    from .pdf import render_pdf
    from .view_letter import letter_view

    progress("Отчёт (PDF и Word)")
    revise, revised = _appendix_pages(view)
    pdf, pages = render_pdf("report.html.j2", view, day, _report_resources(picture, qr), {"data.xlsx": data_xlsx},
                            marks["report"], templates, revise)  # fmt: skip
    files = {"report.pdf": pdf,
             "report.docx": _report_docx(picture, revised.get("view", view), day, marks, templates, layouts)}  # fmt: skip
    if letter:
        cover = letter_view(view, letter, {"report": pages})
        files["letter.pdf"], _ = render_pdf("letter.html.j2", cover, day, {}, templates=templates)
        files["letter.docx"] = render_docx("letter.docx", cover, day, cover["subject"], templates=templates)
    return files


def _report_resources(picture, qr: dict) -> dict[str, tuple[bytes, str]]:
    """What the report's HTML loads besides the templates: the chart, the QR code."""
    from .chart import to_svg

    generated = {"chart.svg": (to_svg(picture), "image/svg+xml")} if picture else {}
    if qr:
        generated["qr.svg"] = qr["report"]
    return generated


def _qr_codes(model: QuarterModel, view: dict, summary_sha256: str) -> dict[str, tuple[bytes, str]]:
    from .qr import qr_svg, qr_text

    package = f"{model.school.year_slug}/{model.school.kind.folder(model.quarter)}"
    return {
        "report": (qr_svg(qr_text(view, "ОТЧЁТ", package, summary_sha256)), "image/svg+xml"),
        "roadmap": (qr_svg(qr_text(roadmap_view(view), "ДОРОЖНАЯ КАРТА", package, summary_sha256)), "image/svg+xml"),
    }


def roadmap_view(view: dict) -> dict:
    """The corrected roadmap's view: its own registration number in the registration line."""
    return {**view, "doc_number": view.get("roadmap_number", "")}


def _beside_report(picture, view: dict, day, marks: dict, templates, layouts, pdf: bool = True, qr=None):
    """Everything but the report's PDF: the roadmap's PDF (unless not ``pdf``) and DOCX, and the
    report's DOCX with the chart as a picture (about as long as the report's PDF alone)."""
    from .docx import render_docx

    own = roadmap_view(view)
    if pdf:
        from .pdf import render_pdf

        generated = {"qr.svg": qr} if qr else {}
        pdf, pages = render_pdf("roadmap.html.j2", own, day, generated, mark=marks["roadmap"], templates=templates)
    else:
        pdf, pages = None, 0
    roadmap_title = "Дорожная карта " + view["roadmap_title"]
    roadmap_docx = render_docx(
        "roadmap.docx", own, day, roadmap_title, mark=marks["roadmap"], templates=templates, layouts=layouts
    )
    return pdf, pages, roadmap_docx, _report_docx(picture, view, day, marks, templates, layouts)


def _quiet_worker() -> None:
    """Ctrl-C reaches the whole process group: the run that owns the helper decides what it means.
    A kill -9 of that run ends the helper too (``die_with_parent``)."""
    import signal

    from ..processes import die_with_parent

    die_with_parent()
    signal.signal(signal.SIGINT, signal.SIG_IGN)


@contextlib.contextmanager
def _helper():
    """``helper(function, *args)`` starts the work and returns a callable that gives its result:
    in a forked process where that is safe and cheap, else here, when the result is asked for."""
    import multiprocessing
    import sys
    import threading

    forkable = (
        sys.platform.startswith("linux")
        and multiprocessing.parent_process() is None
        and threading.current_thread() is threading.main_thread()
    )
    if not forkable:
        yield lambda function, *args: lambda: function(*args)
        return
    from concurrent.futures import ProcessPoolExecutor

    with ProcessPoolExecutor(1, multiprocessing.get_context("fork"), initializer=_quiet_worker) as pool:
        yield lambda function, *args: pool.submit(function, *args).result
