"""What a week cell may say instead of a number: a yes/no mark («да», «+», «нет») or a threshold
answer («10+», «не менее 10», «менее 10»), as forms and checklists ask «написал ли 10 сообщений».

Either says whether the threshold was met, never how many messages: it is kept as ``MARK_YES`` or
``MARK_NO`` and no sum ever counts it.
"""

from __future__ import annotations

import re

from ..inputs import MARK_NO, MARK_YES
from ..read.cells import CellError
from ..read.text import normalize
from ..words import counted

MESSAGES = ("сообщение", "сообщения", "сообщений")

YES = ("да", "+", "✓", "✔", "✅", "v", "есть", "yes", "написал", "написала", "писал", "писала", "активен", "активна")
NO = ("нет", "х", "x", "✗", "✘", "❌", "no", "не писал", "не писала", "не писал(а)", "не активен", "не активна")
_YES, _NO = set(YES), set(NO)
# «не менее 10», «от 10», «10+», «10 и более», «≥ 10»: at least n; «более 10», «> 10»: at least n + 1
_AT_LEAST = re.compile(r"^(?:(не менее|не меньше|от|≥|>=)\s*(\d+)(?:\s*и (?:более|больше|выше))?"
                       r"|(\d+)\s*(?:\+|и более|и больше|и выше|или более)"
                       r"|(более|больше|свыше|>)\s*(\d+))$")  # fmt: skip
# «менее 10», «меньше 10», «< 10»: at most n − 1; «не более 10», «≤ 10»: at most n
_AT_MOST = re.compile(r"^(?:(менее|меньше|<)\s*(\d+)|(не более|не больше|≤|<=)\s*(\d+))$")


def mark_key(text: object) -> str:
    return normalize(text).replace("\ufe0f", "").strip(" .")  # «✔️» is «✔» with an emoji selector


def own_words(words: dict) -> tuple[frozenset[str], frozenset[str]]:
    """A table's own yes and no words (layout.toml ``yes_words``/``no_words``), as ``yes_no`` takes them."""
    yes = frozenset(mark_key(w) for w in words.get("yes", ()))
    no = frozenset(mark_key(w) for w in words.get("no", ()))
    return yes, no


def yes_no(text: str, yes: frozenset[str] = frozenset(), no: frozenset[str] = frozenset()) -> int | None:
    """MARK_YES or MARK_NO for a yes/no word (``yes``/``no``: a table's own, from layout.toml, as
    ``mark_key`` gives them), else None."""
    key = mark_key(text)
    return MARK_YES if key in _YES or key in yes else MARK_NO if key in _NO or key in no else None


def threshold_answer(text: str, thresholds: tuple[int, ...]) -> int | None:
    """MARK_YES/MARK_NO for «10+» or «менее 10» against the indicators' thresholds, None for any
    other text; CellError when the answer does not tell (``«более 5»`` against a threshold of 10)."""
    key = re.sub(r"\s+", " ", mark_key(text)).replace(" сообщений", "").replace(" сообщ", "")
    low = _AT_LEAST.match(key)
    high = _AT_MOST.match(key) if low is None else None
    if low is None and high is None:
        return None
    top, bottom = max(thresholds or (10,)), min(thresholds or (10,))
    if low is not None:
        at_least = int(low[2] or low[3]) if low[5] is None else int(low[5]) + 1
        if at_least >= top:
            return MARK_YES
        raise CellError(
            f"ответ «{text}» не говорит, достигнут ли порог в {counted(top, MESSAGES, ' ')}: впишите число или «да»/«нет»"
        )
    at_most = int(high[2]) - 1 if high[2] is not None else int(high[4])
    if at_most < bottom:
        return MARK_NO
    raise CellError(
        f"ответ «{text}» не говорит, ниже ли порога в {counted(bottom, MESSAGES, ' ')}: впишите число или «да»/«нет»"
    )
