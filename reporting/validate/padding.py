"""Activity padding (issue 31, point 6): a person whose counted messages of a week are mostly exact repeats
of their own texts, or come at machine-regular intervals, is named in the reading report and in
data.xlsx, for the school to look at.  No figure changes: these are signs, not proof (a teacher may send
«Принято» to every parent), and only «Показатели» could ever say otherwise."""

from __future__ import annotations

from dataclasses import dataclass

REPEATS_AT_LEAST = 5  # messages in the week before repeats can say anything
REPEATED_SHARE = 0.5  # «most of»
REGULAR_AT_LEAST = 10  # messages in the week before their rhythm can
REGULAR_SPREAD = 0.02  # the gaps differ by at most 2 % of their median (and 2 s): a timer, not a hand


@dataclass(frozen=True)
class Flag:
    messages: int
    repeats: int
    regular_every: int | None  # seconds between messages when they come like clockwork

    def describe(self) -> str:
        parts = []
        if self.repeats:
            parts.append(f"из {self.messages} засчитанных сообщений {self.repeats} — точные повторы его (её) "
                         "же текстов")  # fmt: skip
        if self.regular_every is not None:
            parts.append(f"сообщения идут через равные промежутки (каждые {_interval(self.regular_every)})")
        return "; ".join(parts)


def _interval(seconds: int) -> str:
    if seconds < 120:
        return f"{seconds} с"
    if seconds < 7200:
        return f"{round(seconds / 60)} мин"
    return f"{round(seconds / 3600)} ч"


def flags(moments: dict) -> dict:
    """(roster row, week) → the sign seen in that person's counted messages of that week, from
    (the moments of their messages, in one array per export; how many repeat an earlier text)."""
    found = {}
    for slot, (parts, repeats) in moments.items():
        seconds = sorted(s for part in parts for s in part)
        n = len(seconds)
        repeated = n >= REPEATS_AT_LEAST and repeats > REPEATED_SHARE * n
        every = _regular(seconds) if n >= REGULAR_AT_LEAST else None
        if repeated or every is not None:
            found[slot] = Flag(n, repeats if repeated else 0, every)
    return found


def _regular(moments: list[int]) -> int | None:
    gaps = sorted(b - a for a, b in zip(moments, moments[1:], strict=False))
    if not gaps or gaps[0] <= 0:
        return None
    median = gaps[len(gaps) // 2]
    return median if gaps[-1] - gaps[0] <= max(2, REGULAR_SPREAD * median) else None
