"""The fast readers (msgspec, a few MB at a time) give exactly what the slow ones give, on the
awkward corners of real exports: blank and escaped texts, Unicode spaces, rich-text lists,
media, null senders, bots, services, communities, and chunk boundaries inside any of them."""

from __future__ import annotations

import json
import random

import pytest

import reporting.read.json_batches as batches
from reporting.read import chat_fast
from reporting.read.chats import Extract, read_export

TEXTS = ["Добрый день", "", " ", "\u00a0", "\u3000", "\n", "\\", "\"кавычки\"", "a},{b", "]", "Ок", "\t x",
         "текст с } и { и ,", "😀", "\u2003пробел"]  # fmt: skip


def vk_dump(seed: int, count: int) -> list[dict]:
    picked = random.Random(seed)
    out = []
    for i in range(count):
        item = {"date": 1_699_000_000 + i // 3, "from_id": picked.choice([1, 2, 3, -55]), "text": picked.choice(TEXTS),
                "attachments": picked.choice([[], [], ["a.jpg"], ["x]y.png", "b"]])}  # fmt: skip
        if seed % 2 and picked.random() < 0.4:  # the API's own fields, as messages.getHistory gives them
            field = picked.choice(["fwd_messages", "geo", "action"])
            item[field] = picked.choice(
                [[], {}, None, "", [{"from_id": 5, "text": "пересланное"}], {"type": "chat_invite_user", "member_id": 7},
                 {"type": "point", "coordinates": {"latitude": 57.1}}]
            )  # fmt: skip
        out.append(item)
    return out


def telegram(seed: int, count: int) -> dict:
    picked = random.Random(seed)
    messages = []
    for i in range(count):
        kind = picked.random()
        item = {"id": i, "type": "message", "date": "2023-11-07T09:15:00", "date_unixtime": str(1_699_000_000 + i)}
        if kind < 0.1:
            item.update(
                type="service",
                actor="Илья Петров",
                actor_id="user30",
                action=picked.choice(["phone_call", "pin_message", "group_call"]),
            )
        else:
            who = picked.choice(["user1", "user2", "channel9", "user3"])
            item.update({"from": picked.choice(["Анна Иванова", None, "Юлия"]), "from_id": who})
            item["text"] = picked.choice(
                [*TEXTS, [], [{"type": "bold", "text": "Важно"}], ["просто", {"type": "link", "text": "x"}]]
            )
            if picked.random() < 0.2:
                item[picked.choice(["photo", "file", "media_type", "sticker_emoji", "poll"])] = picked.choice(
                    ["p.jpg", {"question": "?"}, "sticker"]
                )
            if picked.random() < 0.05:
                item["via_bot"] = "@school_bot"
        messages.append(item)
    return {"name": "Чат", "type": "private_supergroup", "id": 777, "messages": messages}


def slow(path, name) -> Extract:
    original = chat_fast.available
    chat_fast.available = lambda: False
    try:
        return read_export(path, name)
    finally:
        chat_fast.available = original


@pytest.mark.parametrize("seed", range(6))
@pytest.mark.parametrize("chunk", [64, 1000, 1 << 20])
def test_vk_fast_equals_slow(tmp_path, monkeypatch, seed, chunk):
    monkeypatch.setattr(batches, "CHUNK", chunk)
    monkeypatch.setattr(chat_fast, "CHUNK", max(chunk, 256))
    path = tmp_path / "2000000001" / "history.json"
    path.parent.mkdir()
    path.write_text(
        json.dumps(vk_dump(seed, 400), ensure_ascii=False, indent=4 if seed % 2 else None), encoding="utf-8"
    )
    fast = chat_fast.read_fast(path, "chats/x/history.json", Extract)
    assert fast == slow(path, "chats/x/history.json")
    assert fast.sha256 and fast.chat == "2000000001"


@pytest.mark.parametrize("seed", range(6))
@pytest.mark.parametrize("chunk", [64, 1000, 1 << 20])
def test_telegram_fast_equals_slow(tmp_path, monkeypatch, seed, chunk):
    monkeypatch.setattr(batches, "CHUNK", chunk)
    monkeypatch.setattr(chat_fast, "CHUNK", max(chunk, 4096))
    path = tmp_path / "result.json"
    path.write_text(
        json.dumps(telegram(seed, 400), ensure_ascii=False, indent=1 if seed % 2 else None), encoding="utf-8"
    )
    fast = chat_fast.read_fast(path, "chats/t/result.json", Extract)
    assert fast == slow(path, "chats/t/result.json")
    kinds = {m[3] for m in fast.messages}
    assert {"m", "e", "c", "s", "call"} <= kinds  # every corner was met


def test_a_bad_element_falls_back_to_the_located_slow_error(tmp_path):
    path = tmp_path / "1" / "history.json"
    path.parent.mkdir()
    items = vk_dump(1, 50)
    items[30]["date"] = "вчера"
    path.write_text(json.dumps(items, ensure_ascii=False), encoding="utf-8")
    with pytest.raises(chat_fast.Unsuitable):
        chat_fast.read_fast(path, "chats/1/history.json", Extract)
    from reporting.read.chats import ChatFileError

    with pytest.raises(ChatFileError) as found:
        read_export(path, "chats/1/history.json")
    assert found.value.where == "сообщение 31"


def test_vk_api_items_tell_a_forward_a_poll_and_a_link_from_a_join(tmp_path):
    """messages.getHistory's own items: a forward, a poll, a link, a sticker or a place sent alone is a
    message; a join or a leave (``action``) is an event; a message with nothing at all is empty."""
    items = [
        {"date": 1_699_000_000, "from_id": 1, "text": "", "fwd_messages": [{"from_id": 9, "text": "x"}]},
        {"date": 1_699_000_001, "from_id": 1, "text": "", "attachments": [{"type": "poll", "poll": {"id": 3}}]},
        {"date": 1_699_000_002, "from_id": 1, "text": "", "attachments": [{"type": "link", "link": {"url": "u"}}]},
        {"date": 1_699_000_003, "from_id": 1, "text": "", "attachments": [{"type": "sticker", "sticker": {}}]},
        {"date": 1_699_000_004, "from_id": 1, "text": "", "geo": {"type": "point"}},
        {"date": 1_699_000_005, "from_id": 2, "text": "", "action": {"type": "chat_invite_user", "member_id": 2}},
        {"date": 1_699_000_006, "from_id": 2, "text": "", "action": {"type": "chat_kick_user", "member_id": 2}},
        {"date": 1_699_000_007, "from_id": 2, "text": "", "attachments": [], "fwd_messages": []},
    ]
    path = tmp_path / "2000000001" / "history.json"
    path.parent.mkdir()
    path.write_text(json.dumps(items, ensure_ascii=False), encoding="utf-8")
    expected = ["m", "m", "m", "m", "m", "s", "s", "e"]
    assert [m[3] for m in chat_fast.read_fast(path, "chats/x/history.json", Extract).messages] == expected
    assert [m[3] for m in slow(path, "chats/x/history.json").messages] == expected
