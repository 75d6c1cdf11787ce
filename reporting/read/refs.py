"""Excel cell references: column letters and indexes (A ↔ 0, AA ↔ 26).

Their own module, so that the part scanner, the .ods reader and the workbook
reader share them without importing one another.
"""

from __future__ import annotations


def column_index(letters: str) -> int:
    """A → 0, Z → 25, AA → 26."""
    index = 0
    for char in letters:
        index = index * 26 + ord(char) - 64
    return index - 1


def column_letters(index: int) -> str:
    """0 → A, 25 → Z, 26 → AA: the column as Excel shows it."""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters
