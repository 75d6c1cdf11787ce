"""Real exports the readers missed (issue 31, point 4): Telegram Desktop's JSON from before 2021 (no
date_unixtime, numeric from_id) and a MAX message whose body is null (a forward)."""

from __future__ import annotations

import json

import pytest

from reporting import check
from reporting.load_chats import school_zone
from reporting.read.chats import ChatFileError, read_export

from . import chats_kit as kit
from .test_chats import school


def old_shape(message: dict) -> dict:
    """The same message as Telegram Desktop wrote it in 2019: local «date» only, the user's number."""
    old = {k: v for k, v in message.items() if k not in ("date_unixtime", "text_entities")}
    for key in ("from_id", "actor_id"):
        if key in old:
            old[key] = int(old[key].removeprefix("user"))
    return old


def chat(seconds_from: int) -> list[dict]:
    found = [kit.telegram_message(i, seconds_from + 60 * i, "Илья Петров", "user3030") for i in range(12)]
    found.append(kit.telegram_service(40, seconds_from + 3600, "Илья Петров", "user3030", "pin_message"))
    found.append(kit.telegram_message(41, kit.at("20.11.2023", 0, 30), "Илья Петров", "user3030"))  # Monday 00:30
    return found


def test_a_2019_telegram_export_gives_what_the_modern_one_gives(tmp_path):
    messages = chat(kit.at("15.11.2023", 15))
    modern = read_export(kit.write_telegram(tmp_path / "new" / "result.json", messages), "chats/t/result.json")
    old_path = kit.write_telegram(tmp_path / "old" / "result.json", [old_shape(m) for m in messages])
    old = read_export(old_path, "chats/t/result.json", "Europe/Moscow")
    assert old.messages == modern.messages  # the same ids, senders, moments (Moscow) and kinds
    assert old.members == modern.members and old.local_zone == "Europe/Moscow" and modern.local_zone == ""


def test_a_2019_export_is_read_in_the_schools_zone_and_says_so(tmp_path):
    folder = school(tmp_path / "inputs", '\n[school]\ntimezone = "Asia/Yekaterinburg"\n')
    path = folder / "chats" / "telegram" / "result.json"
    messages = json.loads(path.read_text(encoding="utf-8"))["messages"]
    kit.write_telegram(path, [old_shape(m) for m in messages])
    assert school_zone((folder / "school.toml").read_bytes()) == "Asia/Yekaterinburg"
    report = check(folder)
    assert report.valid, report.problems
    text = "\n".join(n.describe() for n in report.reading)
    assert "прочитано как время Asia/Yekaterinburg ([school] timezone)" in text


def test_a_max_forward_with_a_null_body_is_a_message(tmp_path):
    forward = kit.max_message("mid.1.1", 101, "Анна Иванова", kit.at("14.11.2023"))
    forward["body"] = None
    forward["link"] = {"type": "forward", "message": {"mid": "mid.9.9", "text": "пересланное"}}
    plain = kit.max_message("mid.1.2", 101, "Анна Иванова", kit.at("14.11.2023", 11))
    page = kit.write_max_page(tmp_path / "max" / "5001" / "page-0001.json", [forward, plain])
    extract = read_export(page, "chats/max/5001/page-0001.json")
    assert [(m[1], m[3]) for m in extract.messages] == [("101", "m"), ("101", "m")]
    assert extract.messages[0][0] == f"fwd.{kit.at('14.11.2023') * 1000}.101.mid.9.9"


def test_a_max_message_with_neither_body_nor_link_is_refused_where_it_is(tmp_path):
    broken = kit.max_message("mid.1.1", 101, "Анна Иванова", kit.at("14.11.2023"))
    broken["body"] = None
    page = kit.write_max_page(tmp_path / "max" / "5001" / "page-0001.json", [broken])
    with pytest.raises(ChatFileError) as found:
        read_export(page, "chats/max/5001/page-0001.json")
    assert found.value.where == "сообщение 1"
