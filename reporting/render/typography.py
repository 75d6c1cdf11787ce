"""Text as it reaches a document: every word short enough to lay out.

A cell may hold one unbreakable «word» of thousands of characters (a pasted
link, a slip of the finger on a key): a line breaker then tries every split
of it, and a page takes minutes.  A zero-width space every few characters of
such a word lets it wrap, and keeps layout time bounded; ordinary words are
never touched.
"""

from __future__ import annotations

import re

LONGEST_WORD = 40  # the longest Russian words and e-mail addresses fit; a 1 000-character «name» does not
BREAK_EVERY = 20
_LONG_WORD = re.compile(rf"\S{{{LONGEST_WORD + 1},}}")
ZWSP = "\u200b"


def breakable(text: str) -> str:
    if len(text) <= LONGEST_WORD:
        return text
    return _LONG_WORD.sub(_split, text)


def _split(match: re.Match) -> str:
    word = match.group(0)
    return ZWSP.join(word[i : i + BREAK_EVERY] for i in range(0, len(word), BREAK_EVERY))


def breakable_view(value):
    """The same view with every string passed through ``breakable``."""
    if isinstance(value, str):
        return breakable(value)
    if isinstance(value, dict):
        return {key: breakable_view(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return type(value)(breakable_view(item) for item in value)
    return value
