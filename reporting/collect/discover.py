"""``collect --discover``: the school's MAX chats found from the bot's own events (issue 31, point 3).

Since 2026 the Bot API has no list of a bot's chats (``GET /chats`` is gone): a bot learns a chat's id
when it is added to it (``bot_added``) or when a message arrives there.  Discovery long-polls
``GET /updates`` for a few seconds while the clerk adds the bot to the school's chats, then asks each
chat's title (``GET /chats/{id}``) and guesses whom the chat is for from it.  Ctrl-C ends the wait
early and keeps what was found.  ``--write`` records the chats in ``inputs/chats/chats.toml``, where
``collect`` without ``--chat`` takes them from; the audience written there is the guess, for the
clerk to correct."""

from __future__ import annotations

import json
import re
import time
import tomllib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from ..errors import CollectError, InputError, Problem
from .max_api import Client

CHATS_TOML = "chats.toml"
_GUESSES = (  # the first that fits the title, checked in this order
    ("родители", re.compile(r"родител|законн\w* представ", re.IGNORECASE)),
    (
        "сотрудники",
        re.compile(r"педагог|учител|сотрудник|коллектив|педсовет|администрац|методич|кафедр", re.IGNORECASE),
    ),
    (
        "обучающиеся",
        re.compile(
            r"\b\d{1,2}\s*-?\s*[а-яa-z]?\s*класс|\bкласс\b|\b\d{1,2}\s*-?\s*[а-я]\b|учени|обучающ|"
            r"школьник|студент",
            re.IGNORECASE,
        ),
    ),  # fmt: skip
)


@dataclass(frozen=True)
class FoundChat:
    id: str
    title: str
    audience: str  # a guess from the title: «сотрудники», «родители», «обучающиеся» or «?»


def audience_of(title: str) -> str:
    return next((who for who, pattern in _GUESSES if pattern.search(title or "")), "?")


def discover(client: Client, seconds: float, progress: Callable[[str], None],
             clock: Callable[[], float] = time.monotonic) -> tuple[list[FoundChat], bool]:  # fmt: skip
    """The group chats the bot's events name within ``seconds``; and whether Ctrl-C ended the wait."""
    ids: list[str] = []
    marker, deadline, interrupted = None, clock() + seconds, False
    try:
        while (left := deadline - clock()) > 0:
            updates, marker = client.updates(marker, int(max(1, min(left, 30))))
            for update in updates:
                chat = _chat_of(update)
                if chat and chat not in ids:
                    ids.append(chat)
                    progress(f"Найден чат {chat} ({update.get('update_type', 'событие')})")
    except KeyboardInterrupt:
        interrupted = True
    found = []
    for chat in ids:
        try:
            about = client.chat(chat)
        except CollectError:
            about = {}
        title = str(about.get("title") or "")[:200]
        if about.get("type") == "dialog":
            continue  # a person's private dialog with the bot is no school chat
        found.append(FoundChat(chat, title, audience_of(title)))
    return found, interrupted


def _chat_of(update: dict) -> str:
    """The group chat an event happened in (a private dialog with the bot is none)."""
    chat = update.get("chat_id")
    message = update.get("message") if isinstance(update.get("message"), dict) else {}
    recipient = message.get("recipient") if isinstance(message.get("recipient"), dict) else {}
    if chat is None:
        if recipient.get("chat_type") == "dialog":
            return ""
        chat = recipient.get("chat_id")
    text = str(chat) if chat is not None else ""
    return text if re.fullmatch(r"-?\d{1,20}", text) else ""


def write_chats(inputs: Path, found: list[FoundChat]) -> tuple[Path, int]:
    """Add the chats to ``inputs/chats/chats.toml`` (kept: every chat already there, with the audience the
    clerk set); returns the file and how many chats were new."""
    path = inputs / "chats" / CHATS_TOML
    known = read_chats(inputs)
    new = [chat for chat in found if chat.id not in {k.id for k in known}]
    # the file as the clerk left it (her audiences, her «path» entries for other exports, her comments),
    # and the new chats after it
    before = path.read_text(encoding="utf-8-sig") if path.is_file() else ""
    lines = [before.rstrip("\n"), ""] if before.strip() else [
        "# Чаты школы (make-report collect --discover --write). collect без --chat скачивает все чаты MAX с id.",
        "# audience — для кого чат: сотрудники, родители, обучающиеся или ? (поправьте, если угадано неверно);",
        '# выгрузку Telegram или VK можно отнести к аудитории по папке: path = "telegram/Родители 5А"', ""]  # fmt: skip
    for chat in new:
        lines += ["[[chat]]", f"id = {json.dumps(chat.id)}", f"title = {json.dumps(chat.title, ensure_ascii=False)}",
                  f"audience = {json.dumps(chat.audience, ensure_ascii=False)}", ""]  # fmt: skip
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(f".{path.name}.new")
    temporary.write_text("\n".join(lines), encoding="utf-8")
    temporary.replace(path)
    return path, len(new)


def read_chats(inputs: Path) -> list[FoundChat]:
    """The chats of ``inputs/chats/chats.toml`` (none when there is no such file); a file that does not read,
    or a chat without a numeric id, is a located InputError."""
    path = inputs / "chats" / CHATS_TOML
    if not path.is_file():
        return []
    where = f"chats/{CHATS_TOML}"
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8-sig"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError, RecursionError, ValueError) as exc:
        raise InputError([Problem("bad_toml", where, f"файл не читается: {exc}"[:300],
                                  hint="Удалите его и выполните make-report collect --discover --write")]) from None  # fmt: skip
    found = []
    for number, chat in enumerate(data.get("chat", []) if isinstance(data.get("chat"), list) else [], 1):
        chat_id = str(chat.get("id", "")) if isinstance(chat, dict) else ""
        if isinstance(chat, dict) and "path" in chat and "id" not in chat:
            continue  # a Telegram or VK export's audience, by its folder: nothing to fetch from MAX
        if isinstance(chat, dict) and str(chat.get("platform", "max")).lower() != "max":
            continue
        if not re.fullmatch(r"-?\d{1,20}", chat_id):
            raise InputError([Problem("bad_value", where, "у чата нет числового id", column=f"chat[{number}].id",
                                      value=chat_id[:40], hint='Напишите id = "123456", как его нашёл --discover')])  # fmt: skip
        # the audience as written: the pipeline judges it (validate.audiences), naming a word it does not know
        found.append(FoundChat(chat_id, str(chat.get("title", ""))[:200], str(chat.get("audience", "?"))[:60]))
    return found
