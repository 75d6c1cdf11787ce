"""Chat extracts → each roster person's messages per Monday week, beside or instead of typed counts.

Who wrote a message is matched to the roster by an id column («ID пользователя», «MAX ID», «VK ID»,
«Telegram ID») when the roster has one, otherwise by the name the export gives, with the same
name matching the rest of the tool uses (surname first; a name written first-name-first is tried
the other way round).  Bots, communities and service messages are not anyone's messages; empty
and reaction-only messages count only with ``[chats] count_empty = true``.  A message belongs to
the Monday week of its local time in ``[school] timezone``.  The same message in two exports
(its id) counts once.  Everything left out is counted in the reading report.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass, field

from ..errors import Problems
from ..inputs import AUDIENCE_WORDS, Person, School
from ..read.chats import Extract
from ..read.text import normalize
from .names import ShortNames

PLATFORM_LABELS = {"max": "MAX", "vk": "Сферум/VK Мессенджер", "telegram": "Telegram"}
_EPOCH_MONDAY = dt.date(1970, 1, 5)  # the first Monday of Unix time
# how a pupil's or parent's sender id begins once made anonymous (validate.audiences): one of the chat's
# group / nobody's (a name that fits several staff members)
HASHED, UNSURE = "#", "?#"


def is_anonymous(sender: str) -> bool:
    return sender.startswith(HASHED)


def is_unsure(sender: str) -> bool:
    return sender.startswith(UNSURE)


@dataclass
class ChatCounts:
    """Messages (and calls) per roster person and Monday week, from every chat."""

    weeks: tuple[dt.date, ...] = ()
    messages: dict[tuple[int, dt.date], int] = field(default_factory=dict)  # (person row, week) → n
    calls: dict[tuple[int, dt.date], int] = field(default_factory=dict)
    by_platform: dict[str, dict[tuple[int, dt.date], int]] = field(default_factory=dict)
    sources: dict[tuple[int, dt.date], set[str]] = field(default_factory=dict)  # chats a count came from
    has_calls: bool = False
    flags: dict = field(default_factory=dict)  # (person row, week) → padding.Flag: signs of padded activity
    # pupils' and parents' chats (validate.audiences): by group, the anonymous senders' counted messages per
    # week, the members with when they joined (None: the list does not say), the weeks covered
    audience_writes: dict[str, dict[dt.date, Counter]] = field(default_factory=dict)
    audience_members: dict[str, dict[str, int | None]] = field(default_factory=dict)
    audience_weeks: dict[str, set[dt.date]] = field(default_factory=dict)
    unassigned: int = 0  # writers of those chats whose name fits several staff: counted nowhere
    member_rows: dict[int, int | None] = field(default_factory=dict)  # roster row → joined (a member list's)


class _Weeks:
    """Unix seconds → the Monday of the local week, the zone's offset looked up once a quarter hour."""

    def __init__(self, zone):
        self.zone, self.offsets = zone, {}

    def __call__(self, seconds: int) -> dt.date:
        slot = seconds // 900
        offset = self.offsets.get(slot)
        if offset is None:
            moment = dt.datetime.fromtimestamp(slot * 900, dt.UTC).astimezone(self.zone)
            offset = self.offsets[slot] = int(moment.utcoffset().total_seconds())
        days = (seconds + offset) // 86400
        return _EPOCH_MONDAY + dt.timedelta(days=(days - 4) // 7 * 7)


def _roster_ids(people: list[Person]) -> dict[tuple[str, str], int]:
    ids = {}
    for row, person in enumerate(people):
        for platform, value in person.platform_ids:
            ids[platform, _plain_id(value)] = row
    return ids


def _plain_id(value: str) -> str:
    """«user123» (Telegram), «id123» (VK's links), «123.0» (a number cell) → «123»."""
    text = str(value).strip().lower()
    for prefix in ("user", "id"):
        if text.startswith(prefix) and text[len(prefix) :].isdigit():
            text = text[len(prefix) :]
    return text[:-2] if text.endswith(".0") and text[:-2].isdigit() else text


class StaffMatcher:
    def __init__(self, people: list[Person]):
        self.people = people
        self.ids = _roster_ids(people)
        self.full = {}
        for row, person in enumerate(people):
            self.full.setdefault(normalize(person.name), []).append(row)
        self.short = ShortNames(people)
        self.row_of = {p.key: row for row, p in enumerate(people)}

    def match(self, platform: str, sender: str, name: str) -> tuple[int | None, str]:
        """(roster row, how) or (None, why not)."""
        plain = _plain_id(sender)
        for key in ((platform, plain), ("*", plain)):
            if key in self.ids:
                return self.ids[key], "id"
        if not name:
            return None, "нет имени в выгрузке"
        words = name.split()
        for candidate in (name, " ".join(reversed(words)) if len(words) == 2 else None):
            if candidate is None:
                continue
            exact = self.full.get(normalize(candidate), [])
            if len(exact) == 1:
                return exact[0], "name"
            found = self.short.candidates(candidate)
            if len(found) == 1:
                return self.row_of[found[0].key], "name"
            if len(found) > 1:
                return None, "подходят несколько: " + ", ".join(p.name for p in found[:3])
        return None, "нет в списке сотрудников"


def count_chats(
    extracts: list[Extract], people: list[Person], school: School, problems: Problems, groups: dict | None = None
) -> ChatCounts:
    """``groups``: the group (parents, pupils) of each pupils' or parents' chat by its source (their senders
    anonymous already: ``audiences.anonymized``)."""
    from zoneinfo import ZoneInfo

    week_of = _Weeks(ZoneInfo(school.timezone))
    first_day = dt.datetime(school.quarters[0][0].year if school.quarters[0][0].month >= 7
                            else school.quarters[0][0].year - 1, 7, 1, tzinfo=dt.UTC)  # fmt: skip
    last_day = dt.datetime.combine(dt.date(school.quarters[-1][1].year, 8, 31), dt.time(23, 59), dt.UTC)
    start, end = int(first_day.timestamp()), int(last_day.timestamp())
    names: dict[tuple[str, str], str] = {}
    for extract in extracts:
        for sender, name in extract.members.items():
            names.setdefault((extract.platform, sender), name)
    matcher = StaffMatcher(people)
    result, seen, moments = ChatCounts(), {}, {}
    matched: dict[tuple[str, str], int | None] = {}
    unmatched: Counter = Counter()
    why: dict[tuple[str, str], str] = {}
    weeks: set[dt.date] = set()
    sources = Counter((e.platform, e.chat) for e in extracts if e.messages)
    groups = groups or {}
    unsure: set = set()
    for extract in extracts:
        group = groups.get(extract.source)
        _members(result, extract, group, matcher, names)
        if not extract.messages:
            continue
        label = PLATFORM_LABELS[extract.platform]
        chat = f"{label}: чат {extract.chat}" if extract.chat else label
        # a chat in one export only: its ids are its own, nothing to tell apart
        alone = sources[extract.platform, extract.chat] == 1
        seen_here = None if alone else seen.setdefault((extract.platform, extract.chat), set())
        tally, duplicates, outside, times = _tally(extract, seen_here, week_of, start, end, school.count_empty)
        if outside == len(extract.messages):
            problems.add("bad_value", extract.source,
                         f"все сообщения ({len(extract.messages)}) вне {school.year_label} учебного года: выгрузка за другой год",
                         hint="Положите в inputs/chats/ выгрузку за этот учебный год")  # fmt: skip
            continue
        left_out: Counter = Counter()
        if duplicates:
            left_out["повторов (то же сообщение в другой выгрузке)"] = duplicates
        counted = calls_seen = anonymous = 0
        for (sender, kind, week), n in tally.items():
            if kind in ("s", "b", "c") or (kind == "e" and not school.count_empty):
                left_out[_LEFT_OUT[kind]] += n
                continue
            if group and (is_anonymous(sender) or is_unsure(sender)):
                if is_unsure(sender):
                    unsure.add(sender)
                elif kind != "call":
                    writes = result.audience_writes.setdefault(group, {}).setdefault(week, Counter())
                    writes[sender] += n
                    anonymous += n
                continue
            who = (extract.platform, sender)
            if who not in matched:
                matched[who], why[who] = matcher.match(extract.platform, sender, names.get(who, ""))
            row = matched[who]
            if row is None:
                unmatched[who] += n
                continue
            if kind == "call":
                result.calls[row, week] = result.calls.get((row, week), 0) + n
                calls_seen += n
            else:
                slot = moments.setdefault((row, week), [[], 0])  # for padding.flags
                slot[1] += n if kind == "r" else 0  # «r»: a message repeating the sender's own text (read.repeats)
                slot[0].append(times.get((sender, kind, week), ()))
                result.messages[row, week] = result.messages.get((row, week), 0) + n
                platform = result.by_platform.setdefault(label, {})
                platform[row, week] = platform.get((row, week), 0) + n
                counted += n
            result.sources.setdefault((row, week), set()).add(chat)
        span = [min(w for _, _, w in tally), max(w for _, _, w in tally)] if tally else [None, None]
        covered = _covered(extract, span, week_of)
        weeks.update(covered)
        if group:
            result.audience_weeks.setdefault(group, set()).update(covered)
        result.has_calls = result.has_calls or calls_seen > 0
        if group:
            chat += f" (чат {AUDIENCE_WORDS[group][1]}, по chats.toml)"
        group_said = f"сообщений {AUDIENCE_WORDS[group][1]} — {anonymous}" if group else ""
        _note_export(problems, extract, chat, counted, calls_seen, left_out, outside, covered, group_said)
    _note_unmatched(problems, unmatched, names, why)
    result.unassigned = len(unsure)
    how = Counter(why[who] for who, row in matched.items() if row is not None)
    settings = (
        f"неделя сообщения — по местному времени {school.timezone} ([school] timezone); "
        f"пустые сообщения и только с реакцией {'засчитываются' if school.count_empty else 'не засчитываются'} "
        "([chats] count_empty); "
        f"писавшие сопоставлены со списком сотрудников по id — {how['id']}, по имени — {how['name']}"
    )
    problems.note("chats/", settings)
    result.weeks = tuple(sorted(weeks))
    from .padding import flags

    result.flags = flags(moments)
    for (row, week), flag in sorted(result.flags.items(), key=lambda item: (item[0][1], people[item[0][0]].name)):
        problems.note("chats/", f"возможная накрутка активности: {people[row].name}, неделя {week:%d.%m.%Y}: "
                      f"{flag.describe()}; на показатели это не влияет — посмотрите сами")  # fmt: skip
    return result


def _members(result: ChatCounts, extract: Extract, group: str | None, matcher, names) -> None:
    """A member list's people (and when they joined): a pupil or parent by their hash, staff by roster row
    — for the «connected» indicators."""
    if extract.messages:
        return  # an export of messages: its writers are counted from their messages, it lists no members
    for sender in set(extract.members) | set(extract.joined):
        when = extract.joined.get(sender)
        if is_unsure(sender):
            continue
        if group and is_anonymous(sender):
            known = result.audience_members.setdefault(group, {})
        else:
            row, _ = matcher.match(extract.platform, sender, names.get((extract.platform, sender), ""))
            if row is None:
                continue
            known, sender = result.member_rows, row
        before = known.get(sender, when)
        known[sender] = None if before is None or when is None else min(before, when)


_LEFT_OUT = {"s": "служебных (вход, закрепление)", "b": "ботов", "c": "сообществ и каналов",
             "e": "пустых и только с реакцией"}  # fmt: skip


def _tally(extract: Extract, seen: set | None, week_of, start: int, end: int, empty_counts: bool = False):
    """Messages by (sender, kind, week), and the moments of each sender's counted messages by week (for
    ``padding``): the one loop over every message, kept to a few dict operations per message (a million
    take about a second). ``seen``: the ids already counted from other exports of the chat (None: the
    chat has no other export)."""
    from array import array

    tally: dict = {}
    times: dict = {}  # (sender, kind, week) of a counted kind → the messages' seconds (their count is its length)
    counted = {"m", "r", "e"} if empty_counts else {"m", "r"}
    duplicates = outside = 0
    hours: dict[int, dt.date] = {}
    for key, sender, seconds, kind in extract.messages:
        if seen is not None:
            if key in seen:
                duplicates += 1
                continue
            seen.add(key)
        if not start <= seconds <= end:
            outside += 1
            continue
        quarter_hour = seconds // 900  # every zone's midnight falls on a quarter hour (Nepal: +5:45)
        week = hours.get(quarter_hour)
        if week is None:
            week = hours[quarter_hour] = week_of(seconds)
        slot = (sender, kind, week)
        if kind in counted:
            moments = times.get(slot)
            if moments is None:
                moments = times[slot] = array("q")
            moments.append(seconds)
        else:
            tally[slot] = tally.get(slot, 0) + 1
    for slot, moments in times.items():
        tally[slot] = len(moments)
    return Counter(tally), duplicates, outside, times


def _covered(extract: Extract, span, week_of) -> list[dt.date]:
    """The weeks an export covers: its declared window's, else from its first to its last week."""
    if extract.window:
        first, last = week_of(int(extract.window[0])), week_of(int(extract.window[1]))
    else:
        first, last = span
    if first is None:
        return []
    return [first + dt.timedelta(days=7 * i) for i in range((last - first).days // 7 + 1)]


def _note_export(problems, extract, chat, counted, calls, left_out, outside, covered, group_said="") -> None:
    parts = [f"{chat}; сообщений {len(extract.messages)}, засчитано {counted}"]
    if group_said:  # a pupils' or parents' chat: «засчитано» is the staff's, the group's own said beside
        parts[0] = parts[0].replace("засчитано", "засчитано сотрудникам") + f", {group_said}"
    if calls:
        parts.append(f"звонков {calls}")
    parts += [f"не засчитано {what} — {n}" for what, n in sorted(left_out.items())]
    if extract.local_zone:
        parts.append(
            f"в выгрузке нет date_unixtime (Telegram Desktop до 2021 года): время сообщений — местное время "
            f"компьютера, на котором её сделали, прочитано как время {extract.local_zone} ([school] timezone)"
        )
    if extract.platform == "vk" and left_out.get(_LEFT_OUT["e"]):
        parts.append(
            "в history.json VK пересланное сообщение, опрос или ссылка без текста сохраняются пустыми, как и вход "
            "или выход из чата, и их не отличить; выгрузка с полями API (fwd_messages, action) их различает, "
            "а [chats] count_empty = true засчитает все пустые"
        )
    if outside:
        parts.append(f"вне учебного года — {outside}")
    if covered:
        how = (
            "по заявленному окну выгрузки"
            if extract.window
            else "от первого до последнего сообщения: крайние недели могут быть неполными"
        )
        parts.append(f"недели {covered[0]:%d.%m.%Y}–{covered[-1] + dt.timedelta(days=6):%d.%m.%Y} ({how})")
    parts.append(
        f"SHA-256 выгрузки {extract.sha256[:16]}…; тексты сообщений в пакет не попадают, в архиве — выписка без текстов"
    )
    problems.note(extract.source, "; ".join(parts))


def _note_unmatched(problems, unmatched: Counter, names, why) -> None:
    if not unmatched:
        return
    shown = [
        f"{names.get(who) or 'без имени'} ({PLATFORM_LABELS[who[0]]} {who[1]}, сообщений {n}: {why[who]})"
        for who, n in unmatched.most_common(30)
    ]
    more = f" и ещё {len(unmatched) - 30}" if len(unmatched) > 30 else ""
    problems.note(
        "chats/",
        "не найдены в списке сотрудников и не засчитаны: " + "; ".join(shown) + more
        + ". Если это сотрудник, добавьте его в лист «Сотрудники» (или, если он там под другим именем, "
        "впишите этот id в столбец «ID пользователя» — его можно добавить — в его строке)",
    )  # fmt: skip
