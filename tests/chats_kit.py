"""Chat exports for tests, in the platforms' own shapes: MAX Bot API pages (dev.max.ru, with the
field names of max-botapi-python), a VKSferumChatExport dump with sferumChatMembers' output.csv,
and a Telegram Desktop result.json.  Message texts are real-looking words, so that a test can
look for them in every output."""

from __future__ import annotations

import csv
import datetime as dt
import json
from pathlib import Path

MSK = dt.timezone(dt.timedelta(hours=3))
SECRET = "ПАРОЛЬ-ОТ-ЖУРНАЛА-42"  # a message text that must never leave the export


def at(day: str, hour: int = 10, minute: int = 0) -> int:
    """Unix seconds of a Moscow wall-clock time: at("14.11.2023", 10, 5)."""
    moment = dt.datetime.strptime(day, "%d.%m.%Y").replace(hour=hour, minute=minute, tzinfo=MSK)
    return int(moment.timestamp())


def max_message(mid: str, user_id: int, name: str, seconds: int, text: str = "Добрый день", bot: bool = False,
                attachments=None, chat_id: int = 5001) -> dict:  # fmt: skip
    first, _, last = name.partition(" ")
    return {
        "sender": {"user_id": user_id, "name": name, "first_name": first, "last_name": last, "is_bot": bot,
                   "username": None},
        "recipient": {"chat_id": chat_id, "chat_type": "chat"},
        "timestamp": seconds * 1000,
        "body": {"mid": mid, "seq": int(mid.rsplit(".", 1)[-1]), "text": text, "attachments": attachments},
        "stat": {"views": 3},
    }  # fmt: skip


def write_max_page(
    path: Path, messages: list[dict], chat_id: int = 5001, window: tuple[int, int] | None = None
) -> Path:
    page: dict = {"messages": messages}
    if window:  # as make-report collect saves it
        page = {"chat_id": chat_id, "window": {"since": window[0] * 1000, "until": window[1] * 1000}, **page}
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(page, ensure_ascii=False, indent=2), encoding="utf-8")
    return path


def write_vk_dump(folder: Path, peer_id: int, messages: list[tuple[int, int, str]], members: dict[int, str]) -> Path:
    """``sferum_dump/<peer_id>/history.json`` and ``output.csv`` beside it."""
    chat = folder / str(peer_id)
    chat.mkdir(parents=True, exist_ok=True)
    history = [{"date": s, "from_id": who, "text": text, "attachments": []} for s, who, text in messages]
    (chat / "history.json").write_text(json.dumps(history, ensure_ascii=False, indent=4), encoding="utf-8")
    (chat / "chat.html").write_text(f"<html>{SECRET}</html>", encoding="utf-8")  # the dump's page: never read
    with open(folder / "output.csv", "w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["id", "ФИО", "Учебные заведения", "Роли"])
        for user, name in members.items():
            writer.writerow([user, name, "МАОУ «СОШ № 24»", "Преподаватель"])
    return chat / "history.json"


def write_telegram(path: Path, messages: list[dict], chat_id: int = 777) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    data = {"name": "Педсовет", "type": "private_supergroup", "id": chat_id, "messages": messages}
    path.write_text(json.dumps(data, ensure_ascii=False, indent=1), encoding="utf-8")
    return path


def telegram_message(number: int, seconds: int, sender: str, user: str, text="Принято") -> dict:
    moment = dt.datetime.fromtimestamp(seconds, MSK).strftime("%Y-%m-%dT%H:%M:%S")
    return {"id": number, "type": "message", "date": moment, "date_unixtime": str(seconds), "from": sender,
            "from_id": user, "text": text, "text_entities": [{"type": "plain", "text": text}]}  # fmt: skip


def telegram_service(number: int, seconds: int, actor: str, actor_id: str, action: str) -> dict:
    moment = dt.datetime.fromtimestamp(seconds, MSK).strftime("%Y-%m-%dT%H:%M:%S")
    return {"id": number, "type": "service", "date": moment, "date_unixtime": str(seconds), "actor": actor,
            "actor_id": actor_id, "action": action, "text": ""}  # fmt: skip
