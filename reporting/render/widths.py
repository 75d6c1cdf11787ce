"""Table column widths from what the columns hold, the same for the PDF and the DOCX.

A column is at least as wide as its longest word (its whole text, for dates and
numbers that must not wrap), so that no name, status, date or number is ever
broken; the rest of the text block goes to the columns whose text is long, in
proportion to how much they would need to fit on one line.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .metrics import text_width

PT_MM = 25.4 / 72
PADDING_MM = 4.5  # cell padding on both sides and the borders (Word's default margins are 1.9 mm a side)
MIN_MM = 8.0  # a column of «№» or single digits still reads as a column
NARROW_GROWTH = 1.6
RUNNING_TEXT_FIRST = 3  # how much more of the spare width a column of running text gets, per mm it wants
WRAP, WORDS, WHOLE = "wrap", "words", "whole"  # running text | names, statuses (break between words only) | never wraps


@dataclass(frozen=True)
class Column:
    header: str
    kind: str = WORDS
    at_most: float = 0.5  # of the text block: a column of running text does not take the whole table


def _width_mm(text: str, font_pt: float, bold: bool = False) -> float:
    """The text's width in the shipped font, from its own advance widths (not a count of letters)."""
    return text_width(text.replace("\u200b", ""), font_pt, bold) * PT_MM


def _widest(text: str, kind: str, font_pt: float, bold: bool = False) -> float:
    """The widest piece that must stay on one line: a whole line (``WHOLE``), else a word, words
    joined by a non-breaking space counting as one («Шмыглева П.Р.»)."""
    pieces = text.split("\n") if kind == WHOLE else _BREAKS.split(text)
    return max((_width_mm(piece, font_pt, bold) for piece in pieces), default=0.0)


# Where a line may break between words: spaces (not the non-breaking one) and the zero-width spaces
# typography puts into over-long «words».
_BREAKS = re.compile("[ \t\n\u200b]+")


def column_widths(columns: list[Column], rows: list[list[str]], total_mm: float, font_pt: float) -> list[float]:
    """Widths in mm, adding up to ``total_mm``."""
    least, natural = [], []
    for index, column in enumerate(columns):
        texts = [str(row[index]) for row in rows if index < len(row)]
        header_word = _widest(column.header, WORDS, font_pt, bold=True)
        words = [_widest(t, column.kind, font_pt) for t in texts]
        lines = [_width_mm(line, font_pt) for t in texts for line in t.split("\n")]
        least.append(max([header_word, *words, MIN_MM - PADDING_MM]) + PADDING_MM)
        # Running text may take up to its share of the table; a column of names or dates wraps between
        # its words rather than widen past 1.6 times its longest word, leaving the room to running text.
        cap = column.at_most * total_mm if column.kind == WRAP else max(least[-1] * NARROW_GROWTH, least[-1])
        natural.append(min(max([header_word, *lines]) + PADDING_MM, cap))
    natural = [max(n, m) for n, m in zip(natural, least, strict=True)]
    if sum(least) >= total_mm:  # even the longest words do not fit: shrink in proportion
        return [w * total_mm / sum(least) for w in least]
    if sum(natural) <= total_mm:  # everything fits on one line: share the rest by the same measure
        return [w * total_mm / sum(natural) for w in natural]
    spare = total_mm - sum(least)
    # Running text first: a column of names or dates wrapped between words reads well, running text
    # squeezed into a narrow column is hyphenated at every line.
    wants = [(n - m) * (RUNNING_TEXT_FIRST if c.kind == WRAP else 1)
             for n, m, c in zip(natural, least, columns, strict=True)]  # fmt: skip
    return [m + spare * w / sum(wants) for m, w in zip(least, wants, strict=True)]


def percents(widths_mm: list[float]) -> list[str]:
    """For the HTML ``<col style="width: …%">`` (dot decimal: CSS, not Russian typography)."""
    total = sum(widths_mm)
    return [f"{w * 100 / total:.2f}" for w in widths_mm]
