"""The «Ключ доступа» sheet (issue 29, point 1): one A4 page per school for the district's letter — the
server's address with its QR code, the key in groups of four, how to send a return and how to keep
the key.  It is made on request and handed over at once: never written into outputs/ or a package
(a key is stored only as its hash).  The QR code holds the address, never the key."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from ..errors import PdfUnavailable


@dataclass(frozen=True)
class KeySheet:
    district: str  # the district's full name (school.toml)
    organization: str  # as organizations.xlsx names it, or «район (все организации)»
    key_id: int
    key: str
    created: dt.date
    expires: dt.date | None
    base: str  # the server's address: https://host[:port]


def grouped(key: str) -> str:
    """«ABCD EFGH …»: the key as the sheet and the page show it."""
    return " ".join(key[i : i + 4] for i in range(0, len(key), 4))


def sheet_view(sheet: KeySheet) -> dict:
    from .typography import typeset

    return {
        "district": typeset(sheet.district), "organization": typeset(sheet.organization), "key_id": sheet.key_id,
        "key": grouped(sheet.key), "created": f"{sheet.created:%d.%m.%Y}",
        "validity": f"по {sheet.expires:%d.%m.%Y} включительно" if sheet.expires else "бессрочно (пока не отозван)",
        "address": enter_address(sheet.base), "base": sheet.base,
    }  # fmt: skip


def enter_address(base: str) -> str:
    return base.rstrip("/") + "/enter"


def key_sheet_pdf(sheet: KeySheet, today: dt.date | None = None) -> bytes:
    """The sheet as PDF/A: WeasyPrint where its libraries load, else LibreOffice; PdfUnavailable when
    neither is here (the key is shown on the page and by ``keys add`` all the same)."""
    from .libraries import pdf_engine
    from .qr import qr_svg

    engine = pdf_engine("auto")
    view, day = sheet_view(sheet), today or dt.date.today()
    if engine == "weasyprint":
        from .pdf import render_pdf

        generated = {"qr.svg": (qr_svg(view["address"]), "image/svg+xml")}
        return render_pdf("key_sheet.html.j2", view, day, generated)[0]
    if engine == "libreoffice":
        from .libreoffice import convert

        return convert({"key_sheet.docx": _docx(view)}, day, {})["key_sheet.pdf"]
    raise PdfUnavailable("лист «Ключ доступа» делается в PDF, а здесь нет ни LibreOffice, ни библиотеки Pango; "
                         "перепишите ключ с этой страницы или установите LibreOffice (libreoffice.org)")  # fmt: skip


def _docx(view: dict) -> bytes:
    """The same sheet in Word, for LibreOffice to make the PDF where WeasyPrint cannot run (no QR code)."""
    import io

    from docx import Document
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Pt

    doc = Document()
    style = doc.styles["Normal"]
    style.font.name, style.font.size = "Liberation Serif", Pt(13)
    for text, bold, centred in ((view["district"], True, True), ("КЛЮЧ ДОСТУПА", True, True),
                                ("к серверу района для недельных отчётов об охвате", False, True)):  # fmt: skip
        paragraph = doc.add_paragraph()
        paragraph.add_run(text).bold = bold
        if centred:
            paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    for label, value in (("Организация", view["organization"]), ("Номер ключа", str(view["key_id"])),
                         ("Выдан", view["created"]), ("Действует", view["validity"]),
                         ("Адрес для отправки отчёта", view["address"])):  # fmt: skip
        doc.add_paragraph(f"{label}: {value}")
    doc.add_paragraph("Ключ (вводится без пробелов или с ними; в нём нет цифр 0, 1, 8, 9):")
    key = doc.add_paragraph().add_run(view["key"])
    key.bold, key.font.size = True, Pt(16)
    doc.add_paragraph("Откройте адрес в браузере, введите ключ, нажмите «Войти» и выберите файл недельного отчёта "
                      f"(return.xlsx). Программой: make-report week --submit {view['base']} (ключ — в MAKE_REPORT_KEY "
                      "или в файле --key-file).")  # fmt: skip
    doc.add_paragraph("Храните ключ как пароль. Если он потерян или стал известен посторонним, сообщите в район: "
                      f"ключ № {view['key_id']} отзовут и выдадут новый.")  # fmt: skip
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()
