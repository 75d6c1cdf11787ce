"""Which family an indicator of «Показатели» measures (issue 31, point 2): **active** — the share of the
group who wrote at least the threshold in the week (the approved roadmap's, and the default) — or
**connected** — the share who are members of the school's chats on the platform.

A column «Вид показателя» says it («подключение» / «активность»); without it, the indicator's own words
do: «Доля родителей, подключённых к чатам школы» is of the connected family (the reading report says
so).  Words that name both, or a «Вид» that names neither, are refused with the choice named."""

from __future__ import annotations

import re

from ..inputs import connected, is_connected
from ..read.cells import is_empty
from ..read.text import normalize
from .problems import problem_at

ACTIVE, CONNECTED = "active", "connected"
_CONNECTED_WORDS = re.compile(r"подключ|участник\w* чат|состо\w* в чат")
_ACTIVE_WORDS = re.compile(r"актив|написал|пишущ|сообщени")
WORDS = "«подключение» (доля участников чатов) или «активность» (доля написавших не менее порога за неделю)"


def family_of(kind: object, text: str) -> tuple[str | None, str]:
    """(family, how it was decided) — or (None, why not) when it cannot be told."""
    if not is_empty(kind):
        said = normalize(str(kind))
        if _CONNECTED_WORDS.search(said) and not _ACTIVE_WORDS.search(said):
            return CONNECTED, "column"
        if _ACTIVE_WORDS.search(said) and not _CONNECTED_WORDS.search(said):
            return ACTIVE, "column"
        return None, f"вид показателя не распознан: допустимо {WORDS}"
    words = normalize(text or "")
    if _CONNECTED_WORDS.search(words):
        if _ACTIVE_WORDS.search(words):
            return None, ("в тексте показателя есть и «подключ…», и «актив…/сообщени…»: непонятно, что считать — "
                          "подключённых к чатам или написавших за неделю")  # fmt: skip
        return CONNECTED, "words"
    return ACTIVE, "default"


def with_family(category: str, family: str) -> str:
    """The group key an indicator's figures are kept under: «parents» or «parents_connected»."""
    return connected(category) if family == CONNECTED and not is_connected(category) else category


def indicator_family(problems, table, row, category: str | None, text: str) -> str | None:
    """The indicator's group key with its family: connected to the chats, or active in the week."""
    family, how = family_of(row.get("family"), text)
    if family is None:
        column = "family" if table.has("family") and not is_empty(row.get("family")) else "text"
        problem_at(problems, table, row, column, "ambiguous_indicator", how, value=row.get(column),
                   hint=f"Добавьте столбец «Вид показателя» и впишите в этой строке {WORDS}")  # fmt: skip
        return None
    if category is None:
        return None
    if family == CONNECTED and how == "words":
        problems.note(table.file, f"строка {row.number}: показатель «{text}» считает подключённых к "
                      "чатам (по его словам «подключ…»); если нужна доля написавших за неделю, впишите в столбец "
                      "«Вид показателя» «активность»", table.sheet)  # fmt: skip
    return with_family(category, family)
