"""Group counts from the chats (issue 31, point 2): for each indicator of pupils or parents, and each
«connected» indicator of staff, the week's total and how many are connected or active — what a school's
«Охват» row gives, made from the chats instead, with no names.

* **Pupils and parents.** The total is the contingent table's.  *Active* in a week: an anonymous sender
  of the group's chats who wrote at least the indicator's threshold that week (summed over those chats).
  *Connected* by a week: on a member list of the group's chats having joined before the week's end (a
  list without join times: from the first week on, said in the reading report), or wrote in one of them
  that week or before.
* **Staff** (the connected family only; their activity is per person, as ever).  The total is the
  roster's counted people of the category that week; connected: on a member list of any chat, or wrote
  in one, by the week's end.

The weeks are those the group's exports cover (staff: every export's)."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict

from ..errors import Problems
from ..inputs import (
    AUDIENCE_WORDS,
    PARENTS,
    PUPILS,
    GroupCount,
    Indicator,
    Monitoring,
    School,
    base_group,
    is_connected,
)
from .coverage import category_members


def chat_group_counts(chats, indicators: tuple[Indicator, ...], contingent, monitoring: Monitoring,
                      school: School, counted_groups: frozenset[str], problems: Problems) -> list[GroupCount]:  # fmt: skip
    """The rows, one per group key and week; problems (a group measured twice, a missing contingent, more
    members than the contingent) are located and added."""
    from zoneinfo import ZoneInfo

    zone = ZoneInfo(school.timezone)
    rows: list[GroupCount] = []
    thresholds: dict[str, set[int]] = defaultdict(set)
    for indicator in indicators:
        thresholds[indicator.category].add(indicator.threshold)
    told = set()
    for key, wanted in sorted(thresholds.items()):
        group = base_group(key)
        if group in (PARENTS, PUPILS):
            if not _audience_chats(chats, group):
                continue  # measured by «Охват», or not at all (check_groups says which)
            if key in counted_groups:
                problems.add("group_measured_twice", "chats/", f"группа «{AUDIENCE_WORDS[group][0]}» есть и в листе "
                             "«Охват», и в чатах", hint="Оставьте один источник: строки этой группы в листе «Охват» "
                             "или её чаты в inputs/chats/chats.toml")  # fmt: skip
                continue
            if len(wanted) > 1 and not is_connected(key):
                problems.add("bad_value", "roadmap.xlsx", f"у показателей группы «{AUDIENCE_WORDS[group][0]}» разные "
                             f"пороги сообщений ({', '.join(map(str, sorted(wanted)))}), а считается она одна",
                             sheet="Показатели", hint="Оставьте один порог для этой группы")  # fmt: skip
                continue
            total = contingent.total(group) if contingent else None
            if total is None:
                if group not in told:
                    told.add(group)
                    _no_contingent(problems, group)
                continue
            rows += _audience_rows(chats, key, group, total, min(wanted), zone, problems, contingent)
        elif is_connected(key) and monitoring.people:
            rows += _staff_rows(chats, key, group, monitoring, zone)
    _note_unused(chats, thresholds, problems)
    return rows


def _audience_chats(chats, group: str) -> bool:
    return bool(chats.audience_weeks.get(group) or chats.audience_members.get(group))


def _week_end(week: dt.date, zone) -> int:
    """The first second after the week (Monday next, 00:00 local), in Unix seconds."""
    return int(dt.datetime.combine(week + dt.timedelta(days=7), dt.time(), zone).timestamp())


def _audience_rows(chats, key, group, total, threshold, zone, problems, contingent) -> list[GroupCount]:
    writes = chats.audience_writes.get(group, {})
    if is_connected(key):
        weeks = sorted(chats.audience_weeks.get(group) or chats.weeks)
        members = chats.audience_members.get(group, {})
        first_write: dict[str, dt.date] = {}
        for week in sorted(writes):
            for sender in writes[week]:
                first_write.setdefault(sender, week)
        figures = []
        for week in weeks:
            end = _week_end(week, zone)
            joined = {s for s, when in members.items() if when is None or when < end}
            wrote = {s for s, first in first_write.items() if first <= week}
            figures.append((week, len(joined | wrote)))
    else:
        weeks = sorted(chats.audience_weeks.get(group, ()))
        figures = [(week, sum(1 for n in writes.get(week, {}).values() if n >= threshold)) for week in weeks]
    over = [(week, n) for week, n in figures if n > total]
    if over:
        week, n = max(over, key=lambda item: item[1])
        what = "подключено" if is_connected(key) else "писали"
        words = "семей" if group == PARENTS and contingent.parents_are_families else AUDIENCE_WORDS[group][1]
        problems.add("contingent_exceeded", contingent.file,
                     f"в чатах {AUDIENCE_WORDS[group][1]} на неделе с {week:%d.%m.%Y} {what} {n}, а в таблице "
                     f"контингента {words} {total}: доля была бы больше 100 %",
                     hint="Проверьте численность в таблице контингента (родителей, а не семей: в чате бывают оба "
                     "родителя) и аудиторию чатов в inputs/chats/chats.toml")  # fmt: skip
        return []
    return [GroupCount("", key, week, total, n) for week, n in figures]


def _staff_rows(chats, key, group, monitoring: Monitoring, zone) -> list[GroupCount]:
    import numpy as np

    people = monitoring.people
    members = category_members(monitoring, group)
    first_write: dict[int, dt.date] = {}
    for (row, week), n in sorted(chats.messages.items(), key=lambda item: item[0][1]):
        if n > 0:
            first_write.setdefault(row, week)
    rows = []
    for week in chats.weeks:
        j = monitoring.column.get(week)
        if j is None:
            continue
        end = _week_end(week, zone)
        connected = np.zeros(len(people), dtype=bool)
        for row, when in chats.member_rows.items():
            connected[row] |= when is None or when < end
        for row, first in first_write.items():
            connected[row] |= first <= week
        counted = monitoring.counted[:, j] & members
        rows.append(GroupCount("", key, week, int(counted.sum()), int((counted & connected).sum())))
    return rows


def _no_contingent(problems: Problems, group: str) -> None:
    problems.add("missing_sheet", "contingent.xlsx", f"показатель по группе «{AUDIENCE_WORDS[group][0]}» считается по "
                 f"её чатам, а сколько всего {AUDIENCE_WORDS[group][1]} в школе, не сказано: нет таблицы контингента",
                 hint="Положите в inputs/ contingent.xlsx с листом «Контингент»: Класс, Количество обучающихся, "
                 "Количество родителей — по строке на класс (выгрузка из электронного журнала подойдёт)")  # fmt: skip


def _note_unused(chats, thresholds, problems: Problems) -> None:
    named = {base_group(key) for key in thresholds}
    for group in (PARENTS, PUPILS):
        if _audience_chats(chats, group) and group not in named:
            problems.note("chats/", f"чаты {AUDIENCE_WORDS[group][1]} прочитаны, но ни один показатель не считает "
                          f"{AUDIENCE_WORDS[group][1]}: их числа в отчёт не входят")  # fmt: skip
