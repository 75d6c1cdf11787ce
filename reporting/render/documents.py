"""The official documents of the package: report and corrected roadmap."""

from __future__ import annotations

from ..compute.model import QuarterModel
from ..options import Options


def render_documents(model: QuarterModel, options: Options, data_xlsx: bytes, progress) -> dict[str, bytes]:
    from .chart import chart_png, chart_svg
    from .docx import render_docx
    from .pdf import render_pdf
    from .view import document_view

    day = model.period.status_date
    view = document_view(model, options)
    progress("Отчёт (PDF)")
    report_pdf = render_pdf(
        "report.html.j2", view, day, {"chart.svg": (chart_svg(model), "image/svg+xml")}, {"data.xlsx": data_xlsx}
    )
    progress("Дорожная карта (PDF)")
    roadmap_pdf = render_pdf("roadmap.html.j2", view, day, {})
    progress("Документы Word")
    return {
        "report.pdf": report_pdf,
        "report.docx": render_docx("report.docx", view, day, "Отчёт " + view["report_title"], chart_png(model)),
        "roadmap.pdf": roadmap_pdf,
        "roadmap.docx": render_docx("roadmap.docx", view, day, "Дорожная карта " + view["roadmap_title"]),
    }
