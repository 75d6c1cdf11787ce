"""Text as it reaches a document: Russian typography, and every word short enough to lay out.

One step for every string of the display view, generated or typed by the
school: non-breaking spaces where Russian typesetting keeps words together
(«№ 24», «100 %», «А.Н. Гайдуков», «2023 г.», «п. п.», «2–3», before a dash),
without changing a letter of the approved wording.

A cell may also hold one unbreakable «word» of thousands of characters (a
pasted link, a slip of the finger on a key): a line breaker then tries every
split of it, and a page takes minutes.  A zero-width space every few
characters of such a word lets it wrap, and keeps layout time bounded;
ordinary words are never touched.
"""

from __future__ import annotations

import re

LONGEST_WORD = 40  # the longest Russian words and e-mail addresses fit; a 1 000-character «name» does not
BREAK_EVERY = 20
_LONG_WORD = re.compile(rf"\S{{{LONGEST_WORD + 1},}}")
ZWSP = "\u200b"
NBSP = "\u00a0"
_UPPER = "А-ЯЁA-Z"
_NBSP_RULES = [
    (re.compile(r"(№|§)[ \t]+(?=\S)"), rf"\1{NBSP}"),  # «№ 24»
    (re.compile(r"(«[^»\s]{1,12})[ \t]+(?=№)"), rf"\1{NBSP}"),  # «СОШ №24»: a short name in quotes never breaks
    # «Детский сад № 5»: a name's closing number never starts a line alone
    (re.compile(r"[ \t]+(?=№[ \t\u00a0]*\d+[а-яА-ЯёЁ]?»)"), NBSP),
    (re.compile(r"(\d)[ \t]+(?=%|‰|г\.|гг\.|руб\.|чел\.|п\.\s?п\.)"), rf"\1{NBSP}"),  # «100 %», «2023 г.»
    (re.compile(r"\bп\.[ \t]+п\."), f"п.{NBSP}п."),  # «п. п.»
    # «А.Н. Гайдуков», «А. Н. Гайдуков», «Шмыглева П.Р.»: initials stay with the surname, spaced as written
    (re.compile(rf"\b([{_UPPER}]\.)[ \t]+(?=[{_UPPER}]\.)"), rf"\1{NBSP}"),
    (re.compile(rf"\b([{_UPPER}]\.)[ \t]+(?=[{_UPPER}][а-яёa-z])"), rf"\1{NBSP}"),
    (re.compile(rf"(?<=[а-яёa-z])[ \t]+(?=[{_UPPER}]\.[ \t\u00a0]*[{_UPPER}]\.)"), NBSP),
    (re.compile(r"[ \t]+(?=[—–][ \t])"), NBSP),  # a dash never starts a line
    (re.compile(r"([–—])[ \t]+(?=\d)"), rf"\1{NBSP}"),  # «1 – 3»: the end of a range stays with its dash
    (re.compile(r"(\d)[ \t]+(?=(?:января|февраля|марта|апреля|мая|июня|июля|августа|сентября|октября|ноября|декабря)\b)"),
     rf"\1{NBSP}"),  # «29 декабря»
    (re.compile(r"(\d)[ \t]+(?=из[ \t]+\d)"), rf"\1{NBSP}"),  # «44 из 60» stays on one line
    (re.compile(r"(\d[ \t\u00a0]*из)[ \t]+(?=\d)"), rf"\1{NBSP}"),
    (re.compile(r"\b(за|в|к|по)[ \t]+(?=\d[ \t]+(?:четверт|триместр|модул|полугоди))"), rf"\1{NBSP}"),  # «за 2 четверть»
    (re.compile(r"(\d)[ \t]+(?=(?:четверт|триместр|модул|полугоди))"), rf"\1{NBSP}"),  # «2 триместр», «3 модуль»
    (re.compile(r"(учебного)[ \t]+(?=года\b)"), rf"\1{NBSP}"),  # «учебного года»: «года» never alone on a line
]  # fmt: skip


# The platform's name is never hyphenated («Сфе-рум»): its words are marked here, and the PDF
# renderer turns the marks into a span that the stylesheet keeps whole (``hyphens: manual``); the
# Word renderer drops them.  Private-use characters: a school's text never carries them (stripped).
# The tool's own marks are private-use characters U+E000–U+E00F (docx.RANKING_SLOT is another):
# stripped from every text a school gives, so none can be forged.
WHOLE_OPEN, WHOLE_CLOSE = "\ue000", "\ue001"
MARKS = "".join(chr(c) for c in range(0xE000, 0xE010))
_MARKS = re.compile("[\ue000-\ue00f]")


def whole_words(platform: str) -> re.Pattern | None:
    """The platform name's words (4 letters and more) with any ending: «Сферум», «Мессенджере»."""
    words = sorted({w for w in re.split(r"[\s/]+", platform) if len(w) >= 4}, key=len, reverse=True)
    if not words:
        return None
    return re.compile(r"\b(?:" + "|".join(re.escape(w) for w in words) + r")\w*", re.IGNORECASE)


def plain(text: str) -> str:
    """Text for metadata, a QR code or a search: plain spaces, no soft hyphens, no marks."""
    return _MARKS.sub("", str(text).replace("\u00a0", " ").replace("\u00ad", ""))


def without_marks(value):
    """The view for Word (and anything that is not the PDF's HTML): the marks taken out."""
    if isinstance(value, str):
        return _MARKS.sub("", value)
    if isinstance(value, dict):
        return {key: without_marks(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return type(value)(without_marks(item) for item in value)
    return value


def typeset(text: str, whole: re.Pattern | None = None) -> str:
    """Non-breaking spaces after Russian typesetting rules, then ``breakable``; the words ``whole``
    matches marked to be kept whole."""
    text = _MARKS.sub("", text)
    if whole is not None:
        text = whole.sub(lambda m: f"{WHOLE_OPEN}{m.group(0)}{WHOLE_CLOSE}", text)
    if " " in text:
        for pattern, replacement in _NBSP_RULES:
            text = pattern.sub(replacement, text)
    return breakable(text)


def breakable(text: str) -> str:
    if len(text) <= LONGEST_WORD:
        return text
    return _LONG_WORD.sub(_split, text)


def _split(match: re.Match) -> str:
    word = match.group(0)
    return ZWSP.join(word[i : i + BREAK_EVERY] for i in range(0, len(word), BREAK_EVERY))


def typeset_view(value, whole: re.Pattern | None = None):
    """The same view with every string passed through ``typeset``."""
    if isinstance(value, str):
        return typeset(value, whole)
    if isinstance(value, dict):
        return {key: typeset_view(item, whole) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return type(value)(typeset_view(item, whole) for item in value)
    return value
