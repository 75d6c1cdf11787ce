"""The official documents of the package: report, corrected roadmap, covering letter."""

from __future__ import annotations

from ..compute.model import QuarterModel
from ..options import Options


def render_documents(model: QuarterModel, options: Options, data_xlsx: bytes, progress) -> dict[str, bytes]:
    from .chart import charts
    from .docx import render_docx
    from .fonts import Templates, check_fonts
    from .pdf import render_pdf
    from .tables import table_layouts, with_widths
    from .typography import typeset_view
    from .view import attachment_mark, document_view, letter_view

    check_fonts()
    templates = Templates(options.templates)
    day = model.period.status_date
    view = typeset_view(document_view(model, options))
    layouts = table_layouts(view)
    view = with_widths(view, layouts)
    letter = options.letter_details
    marks = {name: attachment_mark(letter, number) for number, name in enumerate(("report", "roadmap"), start=1)}
    svg, png = charts(model) if model.reported_weeks else (None, None)  # no data, no chart
    generated = {"chart.svg": (svg, "image/svg+xml")} if svg else {}
    progress("Отчёт (PDF)")
    report_pdf, report_pages = render_pdf(
        "report.html.j2", view, day, generated, {"data.xlsx": data_xlsx}, marks["report"], templates
    )
    progress("Дорожная карта (PDF)")
    roadmap_pdf, roadmap_pages = render_pdf(
        "roadmap.html.j2", view, day, {}, mark=marks["roadmap"], templates=templates
    )
    progress("Документы Word")
    report_title, roadmap_title = "Отчёт " + view["report_title"], "Дорожная карта " + view["roadmap_title"]
    files = {
        "report.pdf": report_pdf,
        "report.docx": render_docx("report.docx", view, day, report_title, png, marks["report"], templates, layouts),
        "roadmap.pdf": roadmap_pdf,
        "roadmap.docx": render_docx(
            "roadmap.docx", view, day, roadmap_title, mark=marks["roadmap"], templates=templates, layouts=layouts
        ),
    }
    if letter:
        progress("Сопроводительное письмо")
        cover = letter_view(view, letter, {"report": report_pages, "roadmap": roadmap_pages})
        files["letter.pdf"], _ = render_pdf("letter.html.j2", cover, day, {}, templates=templates)
        files["letter.docx"] = render_docx("letter.docx", cover, day, cover["subject"], templates=templates)
    return files
