"""Text normalisation shared by header matching, names and categories."""

from __future__ import annotations

import re
import unicodedata

_SPACES = re.compile(r"[\s\u00a0\u2007\u202f]+")
# Control characters cannot go into a DOCX (XML) at all, and bidi controls (U+202E…) make a name
# display as another, plausible name: neither is ever part of what a person meant to type.
_CONTROLS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
_BIDI = re.compile(r"[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def visible(text: str) -> str:
    """Text without bidi controls, control characters as spaces, in NFC: a «й» typed as «и» and a
    combining breve (macOS, some web forms) is the same letter as the «й» of the roster."""
    if not unicodedata.is_normalized("NFC", text):
        text = unicodedata.normalize("NFC", text)
    if text.isprintable():  # the common case, fast
        return text
    return _CONTROLS.sub(" ", _BIDI.sub("", text))


def normalize(text: object) -> str:
    """Fold case, ``ё``/``е``, non-breaking and repeated spaces.

    Spreadsheet users type the same word in many ways; comparisons go through
    this so that «Ёлкина  Анна» and «елкина анна» are one person.
    """
    s = visible(str(text)).replace("\u00a0", " ").casefold().replace("ё", "е")
    return _SPACES.sub(" ", s).strip()


def header_key(text: object) -> str:
    """A header as a comparison key: normalised, trailing ``:``/``*`` dropped."""
    return normalize(text).rstrip(":*. ").strip()


def clean(text: object) -> str:
    """Display text: NBSP and repeated spaces folded, ends stripped, case kept."""
    if (
        type(text) is str  # the common cell, already clean (a region's 100 000 names): as it is
        and text.isprintable()  # no control, tab, NBSP or other space but the ASCII one
        and "  " not in text
        and text[:1] != " " != text[-1:]
        and unicodedata.is_normalized("NFC", text)
    ):
        return text
    return _SPACES.sub(" ", visible(str(text)).replace("\u00a0", " ")).strip()


# «Иванова Анна Петровна», «Иванова А.П.», «Иванова А. П.», «Петров-Водкин Илья»: a ФИО as typed
_NAME = re.compile(r"^[А-ЯЁ][А-ЯЁа-яё]+(?:-[А-ЯЁ][А-ЯЁа-яё]+)?(?:\s+(?:[А-ЯЁ][а-яё]+|[А-ЯЁ]\.\s*(?:[А-ЯЁ]\.)?)){1,2}$")


def looks_like_name(value: object) -> bool:
    """Does the cell read as a person's ФИО (what a name column or a row of names holds)?"""
    return isinstance(value, str) and bool(_NAME.match(" ".join(clean(value).split())))


def blank(value: object) -> bool:
    """An empty cell: nothing, or text of spaces alone."""
    return value is None or (isinstance(value, str) and not clean(value))
