"""Write OpenDocument spreadsheets (.ods) for tests, independently of the tool's reader.

``as_ods`` turns a test's .xlsx into the .ods LibreOffice would save: the same
cells, dates as dates, percent-formatted cells as percentages, formulas as
formulas, and LibreOffice's own padding — every row ended by a run of empty
cells to column XFD and the sheet by a run of empty rows to row 1 048 576.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile
from pathlib import Path
from xml.sax.saxutils import escape, quoteattr

from openpyxl import load_workbook

MIMETYPE = "application/vnd.oasis.opendocument.spreadsheet"
_NS = (
    'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
    'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
    'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
    'xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" '
    'xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0" office:version="1.3"'
)
_MANIFEST = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.3">'
    f'<manifest:file-entry manifest:full-path="/" manifest:media-type="{MIMETYPE}"/>'
    '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>{extra}'
    "</manifest:manifest>"
)
_STYLES = (
    '<office:automatic-styles><style:style style:name="ta-hidden" style:family="table">'
    '<style:table-properties table:display="false"/></style:style>{cells}</office:automatic-styles>'
)
_CELL_STYLE = (
    '<style:style style:name="ce-{hex}" style:family="table-cell">'
    '<style:table-cell-properties fo:background-color="#{hex}"/></style:style>'
)


class Filled:
    """A cell filled with a colour (Calc's background colour, «00b050»), holding ``value``."""

    def __init__(self, value, colour: str):
        self.value, self.colour = value, colour.lower()


PADDING_ROW = '<table:table-cell table:number-columns-repeated="{n}"/>'
PADDING_ROWS = '<table:table-row table:number-rows-repeated="{n}"><table:table-cell table:number-columns-repeated="1024"/></table:table-row>'


class Percent(float):
    """A cell shown as a percentage: 1.0 is «100 %»."""


class OdsFormula(str):
    """A formula saved without a computed value (as scripts write them)."""


class Merged(str):
    """A text cell merged over ``rows`` × ``columns`` cells (Calc writes the cells it covers as
    ``<table:covered-table-cell/>``: put ``COVERED`` there)."""

    def __new__(cls, text: str, rows: int = 1, columns: int = 1):
        made = super().__new__(cls, text)
        made.rows, made.columns = rows, columns
        return made


COVERED = object()  # a cell a merge covers


def cell(value) -> str:
    if isinstance(value, Filled):
        inner = cell(value.value)
        return inner.replace("<table:table-cell", f'<table:table-cell table:style-name="ce-{value.colour}"', 1)
    if value is COVERED:
        return "<table:covered-table-cell/>"
    if isinstance(value, Merged):
        return (
            f'<table:table-cell table:number-rows-spanned="{value.rows}" table:number-columns-spanned='
            f'"{value.columns}" office:value-type="string"><text:p>{escape(str(value))}</text:p></table:table-cell>'
        )
    if value is None or value == "":
        return "<table:table-cell/>"
    if type(value).__name__ == "Cached":  # builders.Cached: a calculated formula, in LibreOffice's syntax
        formula = re.sub(r"([A-Z]{1,3}\d+)(?::([A-Z]{1,3}\d+))?",
                         lambda m: f"[.{m.group(1)}" + (f":.{m.group(2)}]" if m.group(2) else "]"), value.formula)  # fmt: skip
        inner = cell(value.value)
        return inner.replace("<table:table-cell", f"<table:table-cell table:formula={quoteattr('of:=' + formula)}", 1)
    if isinstance(value, OdsFormula):
        return f"<table:table-cell table:formula={quoteattr('of:' + value)}/>"
    if isinstance(value, Percent):
        return (
            f'<table:table-cell office:value-type="percentage" office:value="{float(value)}">'
            f"<text:p>{float(value) * 100:g}%</text:p></table:table-cell>"
        )
    if isinstance(value, bool):  # as Calc saves a checkbox's TRUE/FALSE
        return (f'<table:table-cell office:value-type="boolean" office:boolean-value="{str(value).lower()}">'
                f"<text:p>{'ИСТИНА' if value else 'ЛОЖЬ'}</text:p></table:table-cell>")  # fmt: skip
    if isinstance(value, int | float):
        return f'<table:table-cell office:value-type="float" office:value="{value}"><text:p>{value}</text:p></table:table-cell>'
    if isinstance(value, dt.datetime):
        value = value.date()
    if isinstance(value, dt.date):
        return (
            f'<table:table-cell office:value-type="date" office:date-value="{value.isoformat()}">'
            f"<text:p>{value:%d.%m.%Y}</text:p></table:table-cell>"
        )
    return f'<table:table-cell office:value-type="string"><text:p>{escape(str(value))}</text:p></table:table-cell>'


def write_ods(
    sheets: dict[str, list[list]],
    *,
    padding: bool = True,
    content_tail: str = "",
    rows_xml: str = "",
    encrypted: bool = False,
    hidden: frozenset[str] = frozenset(),
) -> bytes:
    """An .ods of these sheets; ``rows_xml`` is raw row XML put at the end of every sheet; the sheets in
    ``hidden`` are hidden as Calc hides them (a table style with ``table:display="false"``)."""
    body = []
    for name, rows in sheets.items():
        style = ' table:style-name="ta-hidden"' if name in hidden else ""
        body.append(f"<table:table table:name={quoteattr(name)}{style}>")
        for row in rows:
            pad = PADDING_ROW.format(n=16384 - len(row)) if padding else ""
            body.append("<table:table-row>" + "".join(cell(v) for v in row) + pad + "</table:table-row>")
        body.append(rows_xml)
        if padding:
            body.append(PADDING_ROWS.format(n=1048576 - len(rows)))
        body.append("</table:table>")
    colours = sorted({v.colour for rows in sheets.values() for row in rows for v in row if isinstance(v, Filled)})
    styles = "".join(_CELL_STYLE.format(hex=c) for c in colours)
    content = (
        f'<?xml version="1.0" encoding="UTF-8"?>{content_tail}<office:document-content {_NS}>{_STYLES.format(cells=styles)}<office:body>'
        f"<office:spreadsheet>{''.join(body)}</office:spreadsheet></office:body></office:document-content>"
    )
    extra = '<manifest:file-entry manifest:full-path="content.xml"><manifest:encryption-data/></manifest:file-entry>'
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr(zipfile.ZipInfo("mimetype"), MIMETYPE)  # first and stored, as the format requires
        archive.writestr(
            "META-INF/manifest.xml", _MANIFEST.format(extra=extra if encrypted else ""), zipfile.ZIP_DEFLATED
        )
        archive.writestr("content.xml", content, zipfile.ZIP_DEFLATED)
    return out.getvalue()


def as_ods(xlsx: Path) -> Path:
    """Save ``x.xlsx`` as ``x.ods`` beside it (the .xlsx is removed): the same cells, hidden sheets hidden."""
    book = load_workbook(xlsx)
    sheets, hidden = {}, frozenset(s.title for s in book.worksheets if s.sheet_state != "visible")
    for sheet in book.worksheets:
        rows = []
        for row in sheet.iter_rows():
            values = []
            for item in row:
                value = item.value
                if item.data_type == "f":
                    value = OdsFormula(str(value).lstrip("="))
                elif isinstance(value, int | float) and "%" in (item.number_format or ""):
                    value = Percent(value)
                values.append(value)
            rows.append(values)
        sheets[sheet.title] = rows
    target = xlsx.with_suffix(".ods")
    target.write_bytes(write_ods(sheets, hidden=hidden))
    xlsx.unlink()
    return target
