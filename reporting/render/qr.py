"""The QR-code requisite («Штрих-код (QR-код) документа», GOST R 7.0.97-2025), offered with
``[documents] qr = true``: the document's requisites and the SHA-256 of its package's
summary.json, so that a paper copy is matched to the archived package (``make-report verify``
prints the same value).  segno (pure Python, well kept) encodes; the PDF shows it in the lower
right corner of the first page, in the bottom margin, where it covers no text."""

from __future__ import annotations

import io


def qr_text(view: dict, document: str, package: str, summary_sha256: str) -> str:
    """``document``: «ОТЧЁТ» or «ДОРОЖНАЯ КАРТА»; ``package``: «2023-2024/Q2»."""
    registration = " ".join(
        part for part in (f"от {view['doc_date']}" if view.get("doc_date") else "",
                          f"№ {view['doc_number']}" if view.get("doc_number") else "") if part
    )  # fmt: skip
    lines = [
        view["org_short"],
        f"{document} за {view.get('period_numbered') or view['quarter'] + ' четверть'} {view['year_label']} учебного года"
        + (f", {registration}" if registration else ""),
        f"пакет {package}",
        f"SHA-256 summary.json {summary_sha256}",
    ]
    from .typography import plain

    return plain("\n".join(lines))  # the view is typeset for the page: a scanner wants plain text


def qr_svg(text: str) -> bytes:
    import segno

    out = io.BytesIO()
    # border=4: the quiet zone the QR standard asks for, so a phone finds the code on the page
    segno.make(text, error="l", micro=False).save(out, kind="svg", border=4, xmldecl=False, svgns=True)
    return out.getvalue()
