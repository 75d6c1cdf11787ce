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

from .fonts import Templates

CHART_WIDTH_MM = 170
TABLE_PT = 10  # as the templates' tables (scripts/make_docx_templates.py)
RANKING_SLOT = "\ue002ranking\ue002"  # a paragraph the ranking table replaces (a mark of typography.MARKS)
YEAR_SLOT = "\ue002year\ue002"  # the year summary's table, one column per period
CORE_PROPERTY_LIMIT = 255  # OOXML core properties (title, author) hold at most 255 characters


def _property(text: str) -> str:
    text = text.replace("\u00a0", " ")  # metadata: plain spaces, for search
    return text if len(text) <= CORE_PROPERTY_LIMIT else text[: CORE_PROPERTY_LIMIT - 1] + "…"


def render_docx(
    template: str,
    view: dict,
    day: dt.date,
    title: str,
    chart_png: bytes | None = None,
    mark: str = "",
    templates: Templates | None = None,
    layouts: dict | None = None,
) -> bytes:
    from docx import Document
    from docx.shared import Mm
    from docxtpl import DocxTemplate, InlineImage

    from .sandbox import read_template, sandbox, template_errors
    from .typography import without_marks

    view, title = without_marks(view), without_marks(title)  # Word hyphenates nothing on its own: the marks go

    templates = templates or Templates()
    with template_errors(template, templates.custom):
        document = DocxTemplate(io.BytesIO(read_template(templates.find(template))))
        context = {"v": view, "mark": mark, "chart": None}
        context["ranking_slot"], context["year_slot"] = RANKING_SLOT, YEAR_SLOT
        if chart_png is not None:
            context["chart"] = InlineImage(document, io.BytesIO(chart_png), width=Mm(CHART_WIDTH_MM))
        document.render(context, jinja_env=sandbox(), autoescape=True)
    raw = io.BytesIO()
    document.save(raw)
    # Edit a fresh parse, not the rendered object: docxtpl swaps in a body parsed without python-docx's
    # element classes, and while anything (a profiler's sampled frame on a Dask worker) keeps a proxy
    # of it alive, python-docx gets a bare lxml element («no attribute 'p_lst'»).
    doc = Document(raw)
    slot = next((p for p in doc.paragraphs if p.text == RANKING_SLOT), None)
    if slot is not None:  # the report of a consolidated package
        rows = [[row["rank"], row["name"], *row["ends"], row["target"]] for row in view["ranking"]["rows"]]
        _put_table(doc, slot, rows, (layouts or {})["ranking"])
    slot = next((p for p in doc.paragraphs if p.text == YEAR_SLOT), None)
    if slot is not None:  # the year's summary after its last period
        rows = [[row["category"], row["target"], *row["ends"], row["verdict"]] for row in view["year"]["rows"]]
        _put_table(doc, slot, rows, (layouts or {})["year"])
    for table in doc.tables:
        _fit(table, layouts or {})
    _keep_signature_with_text(doc, view.get("head_name", ""))
    _russian(doc)
    _hyphenated(doc)
    props = doc.core_properties
    stamp = dt.datetime.combine(day, dt.time())
    author = _property(view["org_short"])
    props.title, props.author, props.last_modified_by = _property(title), author, author
    props.language, props.revision = "ru-RU", 1
    props.created = props.modified = props.last_printed = stamp
    out = io.BytesIO()
    doc.save(out)
    return normalize_zip(out.getvalue())


KEPT_WITH_SIGNATURE = 2  # paragraphs of text kept on the signature's page (GOST R 7.0.97: never alone)


def _keep_signature_with_text(doc, head_name: str) -> None:
    """The signature block (the last table whose last cell is the head's name) never stands alone on a
    page: the paragraphs before it — at least the last one of text — keep with it, and its row does not
    split. Word and LibreOffice lay the page out; this only tells them what belongs together."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    tables = [t for t in doc.tables if head_name and t.rows and t.rows[-1].cells[-1].text.strip() == head_name]
    if not tables:
        return
    signature = tables[-1]._tbl

    def keep_next(paragraph) -> None:
        properties = paragraph.get_or_add_pPr()
        if properties.find(qn("w:keepNext")) is None:
            properties.insert(0, OxmlElement("w:keepNext"))

    _executor_into_signature(tables[-1], keep_next)
    for row in signature.iterchildren(qn("w:tr")):
        properties = row.get_or_add_trPr()
        if properties.find(qn("w:cantSplit")) is None:
            properties.append(OxmlElement("w:cantSplit"))
    kept, node = 0, signature.getprevious()
    while node is not None and node.tag == qn("w:p") and kept < KEPT_WITH_SIGNATURE:
        keep_next(node)
        if "".join(node.itertext()).strip():
            kept += 1
        node = node.getprevious()


def _executor_into_signature(table, keep_next) -> None:
    """«Исп.» after the signature block becomes the block's second row, across its columns: Word and
    LibreOffice then move the two together, where LibreOffice lets a paragraph after a table go alone
    onto a page of its own (it reads no keep-with-next out of a table)."""
    from docx.oxml.ns import qn

    following, node = [], table._tbl.getnext()
    while node is not None and node.tag == qn("w:p") and len(following) < 3:
        following.append(node)
        if "".join(node.itertext()).strip().startswith("Исп."):
            break
        node = node.getnext()
    else:
        return  # no «Исп.» (--no-names, or a roadmap)
    phone = node.getnext()
    if phone is not None and phone.tag == qn("w:p") and "".join(phone.itertext()).strip():
        following.append(phone)  # the executor's telephone, the mark's second line
    for paragraph in table._tbl.iter(qn("w:p")):
        keep_next(paragraph)  # Word: the signature's row keeps with the executor's
    row = table.add_row()
    cell = row.cells[0].merge(row.cells[-1])
    for paragraph in list(cell._tc.iterchildren(qn("w:p"))):
        cell._tc.remove(paragraph)
    for paragraph in following:
        cell._tc.append(paragraph)


def _russian(doc) -> None:
    """The documents' language is Russian in the styles and in every run that names one, so that Word
    spell-checks and hyphenates the text as Russian (the templates came with en-US)."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    defaults = doc.styles.element.find(qn("w:docDefaults"))
    if defaults is not None:
        run_defaults = defaults.find(qn("w:rPrDefault"))
        if run_defaults is None:
            run_defaults = OxmlElement("w:rPrDefault")
            defaults.insert(0, run_defaults)
        properties = run_defaults.find(qn("w:rPr"))
        if properties is None:
            properties = OxmlElement("w:rPr")
            run_defaults.append(properties)
        if properties.find(qn("w:lang")) is None:
            properties.append(OxmlElement("w:lang"))
    parts = [doc.styles.element, doc.element.body]
    parts += [s.header._element for s in doc.sections] + [s.first_page_header._element for s in doc.sections]
    for part in parts:
        for lang in part.iter(qn("w:lang")):
            lang.set(qn("w:val"), "ru-RU")
            lang.set(qn("w:eastAsia"), "ru-RU")


# What may follow w:suppressAutoHyphens in a paragraph's properties (ECMA-376, CT_PPr's sequence)
_AFTER_SUPPRESS = (
    "w:kinsoku", "w:wordWrap", "w:overflowPunct", "w:topLinePunct", "w:autoSpaceDE", "w:autoSpaceDN", "w:bidi",
    "w:adjustRightInd", "w:snapToGrid", "w:spacing", "w:ind", "w:contextualSpacing", "w:mirrorIndents",
    "w:suppressOverlap", "w:jc", "w:textDirection", "w:textAlignment", "w:textboxTightWrap", "w:outlineLvl",
    "w:divId", "w:cnfStyle", "w:rPr", "w:sectPr", "w:pPrChange",
)  # fmt: skip


def _hyphenated(doc) -> None:
    """Word hyphenates the running text as the PDF does (``hyphens: auto`` in the body): the document's
    automatic hyphenation on, and off for headings, centred lines (titles, the organisation's name) and
    tables."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    settings = doc.settings.element
    if settings.find(qn("w:autoHyphenation")) is None:
        switch = OxmlElement("w:autoHyphenation")
        tab = settings.find(qn("w:defaultTabStop"))  # the schema's order: autoHyphenation right after it
        if tab is not None:
            tab.addnext(switch)
        else:
            settings.insert(0, switch)
    # tables too: their names, statuses, dates and numbers are never hyphenated (docs/documents.md, «Tables»)
    in_tables = [p for table in doc.tables for row in table.rows for cell in row.cells for p in cell.paragraphs]
    for paragraph in [*doc.paragraphs, *in_tables]:
        style = paragraph.style.name if paragraph.style is not None else ""
        whole = style.startswith(("Heading", "Title")) or paragraph.alignment == WD_ALIGN_PARAGRAPH.CENTER
        if whole or paragraph in in_tables:
            properties = paragraph._p.get_or_add_pPr()
            if properties.find(qn("w:suppressAutoHyphens")) is None:  # in its place in the schema's order
                properties.insert_element_before(OxmlElement("w:suppressAutoHyphens"), *_AFTER_SUPPRESS)


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


def _put_table(doc, slot, rows: list[list[str]], layout) -> None:
    """A table whose columns vary (the ranking: one per indicator; the year: one per period of the
    school's year), built here in place of its slot, because a Word template's table has a fixed
    number of columns."""
    table = add_table(doc, list(layout.headers), rows, list(layout.widths_mm))
    slot._p.addprevious(table._tbl)
    for run in slot.runs:  # the emptied slot is the space after the table, as below every other table
        run.text = ""


def add_table(doc, headers: list[str], rows: list[list[str]], widths_mm: list[float]):
    """A bordered table as the templates draw theirs: the header repeated on each page, rows kept whole."""
    from docx.enum.table import WD_TABLE_ALIGNMENT
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Mm, Pt

    grid = doc.add_table(rows=1 + len(rows), cols=len(headers))
    grid.style = "Table Grid"
    grid.alignment = WD_TABLE_ALIGNMENT.CENTER
    layout = OxmlElement("w:tblLayout")
    layout.set(qn("w:type"), "fixed")
    grid._tbl.tblPr.append(layout)
    for column, width in zip(grid.columns, widths_mm, strict=True):
        column.width = Mm(width)
    for number, (row, values) in enumerate(zip(grid.rows, [headers, *rows], strict=True)):
        element = OxmlElement("w:tblHeader" if number == 0 else "w:cantSplit")
        if number == 0:
            element.set(qn("w:val"), "true")
        row._tr.get_or_add_trPr().append(element)
        for cell, value, width in zip(row.cells, values, widths_mm, strict=True):
            cell.width = Mm(width)
            paragraph = cell.paragraphs[0]
            paragraph.paragraph_format.space_after = Pt(0)
            if number == 0:
                paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
            run = paragraph.add_run(value)  # text, never markup: python-docx escapes it
            run.bold = number == 0
            run.font.size = Pt(TABLE_PT)
    return grid


def _fit(table, layouts: dict) -> None:
    """Give a table the widths its layout computed (matched by its header row), in grid and cells."""
    from docx.shared import Mm

    headers = tuple(cell.text for cell in table.rows[0].cells) if table.rows else ()
    layout = next((x for x in layouts.values() if x.headers == headers), None)
    if layout is None:
        return
    for column, width in zip(table.columns, layout.widths_mm, strict=True):
        column.width = Mm(width)
    for row in table.rows:
        for cell, width in zip(row.cells, layout.widths_mm, strict=True):
            cell.width = Mm(width)
