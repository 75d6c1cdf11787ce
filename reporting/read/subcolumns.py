"""Sub-columns under a merged week header, as schools keep them:

    ФИО       | 04.09.2023–10.09.2023 |        | 11.09.2023–17.09.2023 |
              | Сферум                | MAX    | Сферум                | MAX
    Иванова   | 5                     | 7      | 10                    | 2

Each sub-column gets a role from its words:
* a **platform** («Сферум», «MAX»): the week's messages there — they add up into the week, and the
  platform breakdown is kept;
* a **day** of the week («Пн», «вторник») or of the month («6», «06.11»): the day's messages — they
  add up into the week, and no platform is printed for them;
* a **measure**: «Сообщений» is the week's messages, «Звонков» its calls (read as the «Звонки»
  sheet would be);
* a **total** («Итого», «Всего») or a **share** («%», «Охват»): computed from the others, not read.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from .text import blank, clean, header_key
from .weeks import looks_like_week, month_label

PLATFORM, DAY, MESSAGES, CALLS, TOTAL = "platform", "day", "messages", "calls", "total"
UNREAD = "unread"  # a measure no indicator counts («Минут»), or what layout.toml says not to read: said so
SUM_WORDS = ("итого", "всего", "сумма")  # how a label of sums begins (a totals row or column, a week's «Итого»)
SHARE_WORDS = ("%", "охват", "доля", "процент")  # a share's: computed from the others, not a sum to check
_DAYS = {
    "пн": "пн", "понедельник": "пн", "вт": "вт", "вторник": "вт", "ср": "ср", "среда": "ср", "чт": "чт",
    "четверг": "чт", "пт": "пт", "пятница": "пт", "сб": "сб", "суббота": "сб", "вс": "вс", "воскресенье": "вс",
}  # fmt: skip
# what one week's sub-columns may be: the same kind each (and totals beside them), or messages and calls
_GROUPS = {frozenset({PLATFORM}), frozenset({DAY}), frozenset({MESSAGES}), frozenset({MESSAGES, CALLS})}
_DAY_NUMBER = re.compile(r"^(\d{1,2})(?:\.(\d{1,2})(?:\.(\d{2}|\d{4}))?)?\.?$")


# layout.toml's words for a sub-column's role (``subcolumns = { "Сферум" = "платформа" }``)
DECLARED_ROLES = {
    "платформа": PLATFORM,
    "день": DAY,
    "сообщения": MESSAGES,
    "звонки": CALLS,
    "итого": TOTAL,
    "-": UNREAD,  # not read
}


def role_of(name: object, declared: dict[str, str] | None = None) -> tuple[str, str]:
    """(role, the key that tells sub-columns of one role apart) of a sub-header; ("", "") for none.
    ``declared``: layout.toml's sub-header (normalised) -> role word, which decides before the words do."""
    said = declared.get(header_key(clean(name))) if declared and not blank(name) else None
    if said is not None:
        role = DECLARED_ROLES[said]
        key = {MESSAGES: "messages", CALLS: "calls"}.get(role, header_key(clean(name)))
        return role, key
    if isinstance(name, int | float) and not isinstance(name, bool) and float(name).is_integer() and 1 <= name <= 31:
        return DAY, str(int(name))
    if not isinstance(name, str):
        return "", ""
    text = header_key(name)
    if not text or looks_like_week(text) and not _DAY_NUMBER.match(text):
        return "", ""
    if text.startswith(SUM_WORDS):
        return TOTAL, text
    if any(text.startswith(s) or s == "%" and "%" in text for s in SHARE_WORDS):
        return TOTAL, text
    if text.startswith(("сообщ", "кол-во сообщ", "количество сообщ")):
        return MESSAGES, "messages"
    if text.startswith(("звон", "кол-во звон", "количество звон")):
        return CALLS, "calls"
    if text.startswith(("минут", "время", "длительн", "кол-во минут", "количество минут")):
        return UNREAD, "unread"  # a measure the indicators do not count: not read, said in the reading report
    if text.startswith(("кол-во", "количество")):
        return "", ""  # a count of what, the words do not say: the sheet is not read this way
    day = _DAYS.get(text.strip(" .,"))
    if day:
        return DAY, day
    number = _DAY_NUMBER.match(text)
    if number:
        return DAY, text
    return PLATFORM, text


class Split(NamedTuple):
    """A week row over its sub-columns, as read."""

    headers: list[object]  # each week label carried over its sub-columns («Минут (06.11.2023)» for a measure set aside)
    parts: dict[int, str]  # column -> its platform or day as written
    roles: dict[int, str]  # column -> role
    said: dict[str, str]  # a sub-header as written -> its role (describe --write records it)


def padded(*rows: list[object]) -> list[list[object]]:
    """Copies of header rows, each as wide as the widest (a row's trailing blanks are not stored)."""
    width = max(len(row) for row in rows)
    return [list(row) + [""] * (width - len(row)) for row in rows]


def platform_split(rows: list[list[object]], index: int, known: set[int], declared: dict[str, str] | None = None):
    """The week row ``index`` over its sub-columns (``Split``), or None when it is no week row over
    sub-headers; ``declared``: layout.toml's roles of sub-headers."""
    if index + 1 >= len(rows):
        return None
    top, below = padded(rows[index], rows[index + 1])
    width = len(top)
    if any(not blank(below[c]) for c in known if c < width):
        return None  # the next row is data
    groups: list[list[int]] = []
    for column in range(width):
        if column in known:
            groups.append([])
        elif not blank(top[column]) and looks_like_week(top[column]) and not month_label(top[column]):
            groups.append([column])
        elif blank(top[column]) and groups and groups[-1] and not blank(below[column]):
            groups[-1].append(column)  # a sub-column of the week before (a blank sub-header ends the week)
        else:
            groups.append([])
    weeks = [g for g in groups if g]
    if not weeks or not all(len(g) >= 2 for g in weeks):
        return None
    parts, roles, said = {}, {}, {}
    for group in weeks:
        found = [role_of(below[c], declared) for c in group]
        if any(not role for role, _ in found):
            return None
        kinds = frozenset(role for role, _ in found if role not in (TOTAL, UNREAD))
        if kinds not in _GROUPS:
            return None  # platforms beside days, a measure beside a platform: not read this way
        for column, name, (role, _) in zip(group, (below[c] for c in group), found, strict=True):
            first = top[group[0]]
            label = f"{first:%d.%m.%Y}" if hasattr(first, "strftime") else clean(first)
            said[clean(name)] = role
            if role in (TOTAL, UNREAD):  # beside the others: their sum or share, or minutes — not read
                top[column] = f"{clean(name)} ({label})"
                if role == UNREAD:
                    roles[column] = UNREAD  # the table sets it aside (read_elsewhere): it is no week
                continue
            top[column] = top[group[0]]
            roles[column] = role
            if role in (PLATFORM, DAY):
                parts[column] = clean(name)
    return Split(top, parts, roles, said)


ROLE_WORDS = {
    PLATFORM: "платформа",
    DAY: "день",
    MESSAGES: "сообщения",
    CALLS: "звонки",
    TOTAL: "итого",
    UNREAD: "-",
}  # fmt: skip  (layout.toml's word for each role: DECLARED_ROLES reversed)


def subcolumns_note(parts: dict[int, str], roles: dict[int, str], row: int) -> str:
    """What the reading report says of the sub-columns under the weeks (``row``: their header row)."""
    found = set(roles.values())
    if PLATFORM in found:
        return (f"под неделями — подстолбцы платформ ({', '.join(dict.fromkeys(parts.values()))}, строка {row}): "
                "сообщения сложены по неделе, разбивка по платформам сохранена")  # fmt: skip
    if DAY in found:
        return (f"под неделями — подстолбцы дней ({', '.join(dict.fromkeys(parts.values()))}, строка {row}): "
                "сообщения за дни сложены в неделю; это не платформы")  # fmt: skip
    if CALLS in found:
        return (f"под неделями — подстолбцы «Сообщений» и «Звонков» (строка {row}): сообщения — число недели, "
                "звонки прочитаны как на листе «Звонки»")  # fmt: skip
    return f"под неделями — подстолбцы «Сообщений» (строка {row}): это число сообщений недели"


def unread_note(said: dict[str, str], row: int) -> str:
    unread = [name for name, role in said.items() if role == UNREAD]
    return (f"подстолбцы {', '.join(f'«{m}»' for m in unread)} (строка {row}) не читаются: их чисел ни один "
            "показатель не считает (минуты, время) или так сказано в layout.toml") if unread else ""  # fmt: skip
