"""Pages of a chat on disk: what they already cover, what is missing, and how a new one is saved.

A page is one answer of ``GET /messages``, saved as it came with the chat id and the window it
covers: ``{"chat_id": …, "window": {"since": ms, "until": ms}, "messages": […]}``, the very shape
``inputs/chats/`` reads.  A page is written to a temporary name and renamed, so a run cut short
leaves whole pages only; the next run fetches the windows no page covers yet.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from ..errors import CollectError, InputError, Problem
from .max_api import PAGE, Client

Progress = Callable[[str], None]
MAX_PAGES = 500  # pages of one chat in one run: a school chat's year is a few dozen
CHAT_ID = re.compile(r"-?[0-9]{1,20}")  # MAX chat ids are integers; group chats' are negative


def checked_chat(chat: str) -> str:
    """A chat id, and so the name of its folder under ``chats/max/``: digits alone, never a path."""
    if not CHAT_ID.fullmatch(chat):
        raise InputError([Problem("bad_option", "--chat", "id чата MAX — это число (у групповых чатов — со знаком «−»)",
                                  value=chat, hint="Например: --chat -72145678901234; id чата видно в ответе "
                                                   "бота или в ссылке на чат")])  # fmt: skip
    return chat


@dataclass
class Collected:
    chat: str
    pages: int  # written by this run
    messages: int
    already: int  # pages that were there before
    members: int


def covered(folder: Path) -> list[tuple[int, int]]:
    """The windows (ms) the saved pages cover, merged."""
    spans = []
    for path in sorted(folder.glob("page-*.json")):
        try:
            window = json.loads(path.read_text(encoding="utf-8")).get("window") or {}
            spans.append((int(window["since"]), int(window["until"])))
        except (ValueError, KeyError, TypeError, OSError):
            continue  # not one of ours, or damaged: its window is fetched again
    merged: list[list[int]] = []
    for low, high in sorted(spans):
        if merged and low <= merged[-1][1] + 1:
            merged[-1][1] = max(merged[-1][1], high)
        else:
            merged.append([low, high])
    return [(a, b) for a, b in merged]


def gaps(since: int, until: int, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Parts of [since, until] no span covers, newest first (the order the API pages in)."""
    found, start = [], since
    for low, high in spans:
        if high < start or low > until:
            continue
        if low > start:
            found.append((start, low - 1))
        start = max(start, high + 1)
    if start <= until:
        found.append((start, until))
    return list(reversed(found))


def _write(path: Path, data: dict) -> None:
    temporary = path.with_name(f".{path.name}.part")
    temporary.write_text(json.dumps(data, ensure_ascii=False, indent=1), encoding="utf-8")
    os.replace(temporary, path)


def collect_chat(
    client: Client, chat: str, folder: Path, since: int, until: int, progress: Progress, max_pages: int = MAX_PAGES
) -> Collected:
    checked_chat(chat)
    folder.mkdir(parents=True, exist_ok=True)
    already = len(list(folder.glob("page-*.json")))
    written = messages = 0
    last_page = None
    for low, high in gaps(since, until, covered(folder)):
        newer = high
        while newer >= low:
            if written >= max_pages:
                raise CollectError(
                    _stopped(chat, CollectError(f"страниц больше {max_pages} (--max-pages)"), written, newer)
                )
            try:
                batch = client.messages(chat, newer, low)
            except CollectError as exc:
                raise CollectError(_stopped(chat, exc, written, newer)) from None
            stamps = [m.get("timestamp") for m in batch]
            if not all(type(s) is int for s in stamps):
                raise CollectError(_stopped(chat, CollectError("у сообщения нет timestamp"), written, newer))
            fingerprint = hashlib.sha256(json.dumps(batch, sort_keys=True, default=str).encode()).digest()
            if batch and fingerprint == last_page:
                raise CollectError(_stopped(chat, CollectError("MAX вернул ту же страницу снова"), written, newer))
            last_page = fingerprint
            full = len(batch) >= PAGE
            oldest = min(stamps) if batch else low
            # a full page covers only down to its oldest message; messages in that millisecond
            # the page may not hold all of, so the next request starts there again (ids dedupe)
            window_low = oldest + 1 if full else low
            if full and oldest >= newer:  # a whole page in one millisecond: step past it
                window_low = oldest
            if window_low > newer:  # messages newer than asked: the window would not move down
                raise CollectError(_stopped(chat, CollectError("MAX вернул сообщения не из запрошенного окна"),
                                            written, newer))  # fmt: skip
            page = {"chat_id": chat, "window": {"since": window_low, "until": newer}, "messages": batch}
            _write(folder / f"page-{window_low}-{newer}.json", page)
            written, messages = written + 1, messages + len(batch)
            if not full:
                break
            newer = oldest if oldest < newer else oldest - 1
    members = [membership(m) for m in client.members(chat, max_pages) if isinstance(m, dict)]
    _write(folder / "members.json", {"chat_id": chat, "members": members})
    progress(
        f"Чат {chat}: страниц записано {written} (было {already}), сообщений {messages}, участников {len(members)}"
    )
    return Collected(chat, written, messages, already, len(members))


MEMBER_FIELDS = ("user_id", "name", "first_name", "last_name", "is_bot", "join_time")


def membership(member: dict) -> dict:
    """What «connected» needs of a member and nothing more: who, whether a bot, when they joined, and the
    day (only the day) of their last activity; no avatar, description, username or phone."""
    import datetime as dt

    kept = {key: member[key] for key in MEMBER_FIELDS if key in member}
    last = member.get("last_activity_time")
    if type(last) is int and last > 0:
        kept["last_activity_date"] = dt.datetime.fromtimestamp(last / 1000, dt.UTC).date().isoformat()
    return kept


def _stopped(chat: str, exc: CollectError, written: int, newer: int) -> str:
    import datetime as dt

    moment = dt.datetime.fromtimestamp(newer / 1000, dt.UTC).strftime("%d.%m.%Y %H:%M UTC")
    return (
        f"чат {chat}: {exc}. Сохранено страниц в этот раз: {written}; остановилось на сообщениях раньше {moment}. "
        "Сохранённое не потеряно: запустите collect снова — скачается только недостающее"
    )
