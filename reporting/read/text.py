"""Text normalisation shared by header matching, names and categories."""

from __future__ import annotations

import re

_SPACES = re.compile(r"[\s\u00a0\u2007\u202f]+")


def normalize(text: object) -> str:
    """Fold case, ``ё``/``е``, non-breaking and repeated spaces.

    Spreadsheet users type the same word in many ways; comparisons go through
    this so that «Ёлкина  Анна» and «елкина анна» are one person.
    """
    s = str(text).replace("\u00a0", " ").casefold().replace("ё", "е")
    return _SPACES.sub(" ", s).strip()


def header_key(text: object) -> str:
    """A header as a comparison key: normalised, trailing ``:``/``*`` dropped."""
    return normalize(text).rstrip(":*. ").strip()


def clean(text: object) -> str:
    """Display text: NBSP and repeated spaces folded, ends stripped, case kept."""
    return _SPACES.sub(" ", str(text).replace("\u00a0", " ")).strip()
