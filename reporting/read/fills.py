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
