"""Table column widths from what the columns hold, the same for the PDF and the DOCX.

A column is at least as wide as its longest word (its whole text, for dates and
numbers that must not wrap), so that no name, status, date or number is ever
broken; the rest of the text block goes to the columns whose text is long, in
proportion to how much they would need to fit on one line.
"""

from __future__ import annotations

from dataclasses import dataclass

# Liberation Serif (Times metrics): an average Cyrillic letter is about 0.5 em, a bold one 0.55 em.
EM_PER_CHAR, BOLD_EM_PER_CHAR = 0.52, 0.58
PT_MM = 25.4 / 72
PADDING_MM = 4.5  # cell padding on both sides and the borders (Word's default margins are 1.9 mm a side)
MIN_MM = 8.0  # a column of «№» or single digits still reads as a column
NARROW_GROWTH = 1.6
WRAP, WORDS, WHOLE = "wrap", "words", "whole"  # running text | names, statuses (break between words only) | never wraps


@dataclass(frozen=True)
class Column:
    header: str
    kind: str = WORDS
    at_most: float = 0.5  # of the text block: a column of running text does not take the whole table


def _chars_mm(text: str, font_pt: float, em: float) -> float:
    return len(text) * em * font_pt * PT_MM


def _longest(text: str, kind: str) -> str:
    if kind == WHOLE:
        return max(text.split("\n"), key=len, default="")
    return max(text.replace("\u00a0", "\x00").split(), key=len, default="").replace("\x00", " ")


def column_widths(columns: list[Column], rows: list[list[str]], total_mm: float, font_pt: float) -> list[float]:
    """Widths in mm, adding up to ``total_mm``."""
    least, natural = [], []
    for index, column in enumerate(columns):
        texts = [str(row[index]) for row in rows if index < len(row)]
        header_word = _chars_mm(_longest(column.header, WORDS), font_pt, BOLD_EM_PER_CHAR)
        words = [_chars_mm(_longest(t, column.kind), font_pt, EM_PER_CHAR) for t in texts]
        lines = [_chars_mm(line, font_pt, EM_PER_CHAR) for t in texts for line in t.split("\n")]
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
    wants = [n - m for n, m in zip(natural, least, strict=True)]
    return [m + spare * w / sum(wants) for m, w in zip(least, wants, strict=True)]


def percents(widths_mm: list[float]) -> list[str]:
    """For the HTML ``<col style="width: …%">`` (dot decimal: CSS, not Russian typography)."""
    total = sum(widths_mm)
    return [f"{w * 100 / total:.2f}" for w in widths_mm]
