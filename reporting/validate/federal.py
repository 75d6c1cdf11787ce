"""The federal targets for MAX as one row of «Показатели» (issue 31, point 2): a school writes «Федеральные
показатели» (or picks it from the blank roadmap's list) and gets the published pair — at least 75 % of
its staff and at least 30 % of its pupils and of their parents active on the platform each week —
without typing three rows.  «Активен за неделю» is read as at least one message in the week (a
«Порог сообщений» in the row says otherwise); the «Срок» in the row, else the last day of the school
year.  Pupils and parents are measured by counts (the «Охват» sheet, or their chats with the contingent
table), as any indicator of theirs.
What the row became is a line of the reading report."""

from __future__ import annotations

import re

from ..inputs import ALL, FEDERAL_ROW, PARENTS, PUPILS, Indicator, School
from ..read.text import normalize

ROW = re.compile(r"^федеральн\w*\s+(целев\w*\s+)?показател")
LABEL = FEDERAL_ROW  # as the blank roadmap's list offers it
TARGETS = ((ALL, 75.0, "Доля работников, активных на платформе {platform} еженедельно"),
           (PUPILS, 30.0, "Доля обучающихся, активных на платформе {platform} еженедельно"),
           (PARENTS, 30.0, "Доля родителей (законных представителей), активных на платформе {platform} еженедельно"))  # fmt: skip
THRESHOLD = 1  # «active in the week»: wrote at least once


def is_federal(text: str) -> bool:
    return bool(ROW.match(normalize(text or "")))


def federal_indicators(school: School, threshold: int | None, deadline) -> tuple[Indicator, ...]:
    """The pair (three indicators: staff, pupils, parents) for ``school``; ``deadline`` None: the year's end."""
    due = deadline or school.quarters[-1][1]
    return tuple(
        Indicator(text.format(platform=school.platform), category, threshold or THRESHOLD, target, due)
        for category, target, text in TARGETS
    )


def federal_note(indicators: tuple[Indicator, ...]) -> str:
    first = indicators[0]
    return (f"«{LABEL}»: не менее 75 % всех работников, 30 % обучающихся и 30 % родителей, активных за неделю "
            f"(работник — не менее {first.threshold} сообщ. за неделю; обучающиеся и родители — по листу «Охват» или по "
            f"их чатам и таблице контингента), "
            f"к {first.deadline:%d.%m.%Y}")  # fmt: skip
