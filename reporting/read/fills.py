"""Cell fill colours of an .xlsx: which cell styles paint a cell, and in what colour."""

from __future__ import annotations

import zipfile

_NO_COLOUR = {"", "FFFFFFFF", "00FFFFFF", "FFFFFF"}  # white is the sheet's own background


def _colour(element) -> str:
    """A fill's colour as text a user can find in Excel: its ARGB, or the theme or palette entry."""
    if element is None:
        return ""
    if element.get("rgb"):
        return element.get("rgb").upper()
    if element.get("theme") is not None:
        tint = element.get("tint")
        return f"theme {element.get('theme')}" + (f" tint {float(tint):.2f}" if tint else "")
    if element.get("indexed") is not None:
        return "" if element.get("indexed") in ("64", "65") else f"indexed {element.get('indexed')}"  # system colours
    return ""


def fill_styles(archive: zipfile.ZipFile) -> dict[int, str]:
    """Cell style index (cellXfs) -> the colour of its solid fill, for the styles that fill a cell."""
    from defusedxml import ElementTree

    try:
        root = ElementTree.fromstring(archive.read("xl/styles.xml"))
    except Exception:  # no styles, or damaged: no fills to read
        return {}
    fills = []
    for element in root.iter():
        if element.tag.endswith("}fills"):
            for fill in (f for f in element if f.tag.endswith("}fill")):
                pattern = next((p for p in fill if p.tag.endswith("}patternFill")), None)
                colour = ""
                if pattern is not None and pattern.get("patternType") == "solid":
                    colour = _colour(next((c for c in pattern if c.tag.endswith("}fgColor")), None))
                fills.append("" if colour in _NO_COLOUR else colour)
            break
    styles = {}
    for element in root.iter():
        if element.tag.endswith("}cellXfs"):
            for index, xf in enumerate(x for x in element if x.tag.endswith("}xf")):
                fill = int(xf.get("fillId", "0") or 0)
                if 0 <= fill < len(fills) and fills[fill]:
                    styles[index] = fills[fill]
            break
    return styles


_ODS = {
    "table": "urn:oasis:names:tc:opendocument:xmlns:table:1.0",
    "style": "urn:oasis:names:tc:opendocument:xmlns:style:1.0",
    "fo": "urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0",
}
_RUN = 1024  # cells of one repeated run looked at: a row's padding repeated to the sheet's edge is no fill


def ods_fills(archive: zipfile.ZipFile, sheet: str) -> dict[tuple[int, int], str]:
    """(row, column index) -> the fill of a cell of an .ods sheet, as ARGB («FF00B050», as Excel names
    it), from the cell styles' background colour — the same answer an .xlsx's ``fills`` gives."""
    from defusedxml import ElementTree

    try:
        root = ElementTree.fromstring(archive.read("content.xml"))
    except Exception:  # damaged: the sheet's own read says so
        return {}

    def q(prefix: str, name: str) -> str:
        return f"{{{_ODS[prefix]}}}{name}"

    colours = {}
    for style in root.iter(q("style", "style")):
        if style.get(q("style", "family")) != "table-cell":
            continue
        props = style.find(q("style", "table-cell-properties"))
        colour = (props.get(q("fo", "background-color")) or "") if props is not None else ""
        if colour.startswith("#") and len(colour) == 7 and ("FF" + colour[1:].upper()) not in _NO_COLOUR:
            colours[style.get(q("style", "name"))] = "FF" + colour[1:].upper()
    found: dict[tuple[int, int], str] = {}
    table = next((t for t in root.iter(q("table", "table")) if t.get(q("table", "name")) == sheet), None)
    if table is None or not colours:
        return found
    row_number = 1
    for row in table.iter(q("table", "table-row")):
        rows = int(row.get(q("table", "number-rows-repeated"), "1") or 1)
        column = 0
        for cell in row:
            if not cell.tag.endswith("table-cell"):
                continue
            span = int(cell.get(q("table", "number-columns-repeated"), "1") or 1)
            colour = colours.get(cell.get(q("table", "style-name")))
            if colour:
                for r in range(row_number, row_number + min(rows, _RUN)):
                    for c in range(column, column + min(span, _RUN)):
                        found[(r, c)] = colour
            column += span
        row_number += rows
    return found
