"""Text normalisation shared by header matching, names and categories."""

from __future__ import annotations

import re
import unicodedata

_SPACES = re.compile(r"[\s\u00a0\u2007\u202f]+")
# Control characters cannot go into a DOCX (XML) at all, and bidi controls (U+202E…) make a name
# display as another, plausible name: neither is ever part of what a person meant to type.  Line
# and paragraph separators (U+2028, U+2029, NEL) end a line wherever text is split into lines.
_CONTROLS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u2028\u2029]")
_BIDI = re.compile(r"[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")
# A terminal's escape sequences (ECMA-48): CSI «ESC [ … letter», OSC «ESC ] … BEL or ESC \\» (the
# window title), the other «ESC letter» and their 8-bit forms.  Taken out whole, so that no
# «]0;…» is left behind once the ESC is gone.
_ESCAPES = re.compile(
    r"(?:\x1b\[|\x9b)[0-?]*[ -/]*[@-~]?"
    r"|(?:\x1b[\]PX^_]|[\x90\x9d\x98\x9e\x9f])[^\x07\x1b\x9c]*(?:\x07|\x1b\\\\|\x9c)?"
    r"|\x1b[ -~]?"
)
_SURROGATES = re.compile(r"[\ud800-\udfff]")  # half an emoji («\\ud83d» in JSON): no character at all


def visible(text: str) -> str:
    """Text without escape sequences or bidi controls, control characters as spaces, a broken
    character as U+FFFD, in NFC: a «й» typed as «и» and a combining breve (macOS, some web forms)
    is the same letter as the «й» of the roster."""
    if text.isprintable():  # the common case, fast
        return text if unicodedata.is_normalized("NFC", text) else unicodedata.normalize("NFC", text)
    text = _SURROGATES.sub("\ufffd", _ESCAPES.sub("", text))
    text = _CONTROLS.sub(" ", _BIDI.sub("", text))
    return text if unicodedata.is_normalized("NFC", text) else unicodedata.normalize("NFC", text)


MAX_NAME = 200  # characters: the longest ФИО with a post fits many times over


def name_text(value: object) -> str:
    """A name as read from anywhere outside the tool's own files (a chat export, a certificate, a
    member list): the one boundary where such text becomes data, shown as typed but never able to
    steer a terminal, a document or a page, nor fill a reading report with a novel."""
    text = clean(str(value or ""))
    return text if len(text) <= MAX_NAME else text[: MAX_NAME - 1].rstrip() + "…"


def canonical_id(value: object) -> str:
    """An identifier from an export (a message, member or chat id) as one line of printable text,
    the same however often it is written and read back: every character that is not printable, and
    the backslash, as «\\uXXXX» (so two ids never become one), outer spaces stripped."""
    text = str(value)
    if not text.isprintable() or "\\" in text:
        text = "".join(c if c.isprintable() and c != "\\" else f"\\u{ord(c):04x}" for c in text)
    return text.strip(" ")


def terminal_text(text: str) -> str:
    """A line for a terminal or a plain-text file: whatever reached it unchecked (a file name, a
    cell quoted in a message) cannot clear the screen or retitle the window. Line breaks and tabs
    are kept; everything else that is not printable goes."""
    if text.isprintable():
        return text
    return "\n".join("\t".join(visible(part) for part in line.split("\t")) for line in text.split("\n"))


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
