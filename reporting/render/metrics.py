"""Text widths from the shipped font's own metrics (advance widths of Liberation Serif).

Laying out a chart's legend or a table's columns by character counts breaks
on real text: «Ш» is three times as wide as «і».  The font files ship with
the tool, so the widths here are the widths the PDF will have.
"""

from __future__ import annotations

import functools

from .fonts import FONTS

REGULAR, BOLD = "LiberationSerif-Regular.ttf", "LiberationSerif-Bold.ttf"


@functools.cache
def _advances(name: str) -> tuple[dict[int, float], float]:
    """Advance width of each character in em, and the width of a character the font lacks."""
    from fontTools.ttLib import TTFont

    font = TTFont(FONTS / name, lazy=True)
    units = font["head"].unitsPerEm
    metrics = font["hmtx"].metrics
    widths = {code: metrics[glyph][0] / units for code, glyph in font.getBestCmap().items()}
    return widths, metrics[".notdef"][0] / units


def text_width(text: str, size_pt: float, bold: bool = False) -> float:
    """Width of one line of ``text`` in points, at ``size_pt``."""
    from .typography import MARKS

    widths, missing = _advances(BOLD if bold else REGULAR)
    return size_pt * sum(widths.get(ord(char), missing) for char in text if char not in MARKS)  # marks print nothing
