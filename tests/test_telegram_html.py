"""Telegram Desktop's HTML export (issue 31, point 4): ``messages.html`` and the pages after it give the
same messages as the JSON export of the same chat — joined messages across pages, forwards, replies,
media, the local times of old exports — and no text is kept."""

from __future__ import annotations

import datetime as dt
import html
import json
from pathlib import Path

import pytest

from reporting import check
from reporting.read.chats import ChatFileError, read_export

from . import chats_kit as kit
from .test_chats import school
from .test_hostile_chats import BASE, counts

YEKATERINBURG = dt.timezone(dt.timedelta(hours=5))


def title(seconds: int, old: bool = False) -> str:
    """As Telegram Desktop writes a message's date: «15.11.2023 20:00:00 UTC+05:00» (the exporting
    computer's zone); before about 2021 the local time alone."""
    moment = dt.datetime.fromtimestamp(seconds, kit.MSK if old else YEKATERINBURG)
    return moment.strftime("%d.%m.%Y %H:%M:%S") + ("" if old else " UTC+05:00")


def message_div(item: dict, joined: bool, old: bool = False, inner: str = "") -> str:
    if item.get("type") == "service":
        return (f'<div class="message service" id="message{item["id"]}"><div class="body details">'
                f'{html.escape(item["actor"])} pinned a message</div></div>')  # fmt: skip
    name = "" if joined else f'<div class="from_name">{html.escape(item["from"])} </div>'
    text = f'<div class="text">{html.escape(item["text"])}</div>' if item["text"] else ""
    return (f'<div class="message default clearfix{" joined" if joined else ""}" id="message{item["id"]}">'
            f'<div class="pull_left userpic_wrap"><div class="userpic"><div class="initials">ИП</div></div></div>'
            f'<div class="body"><div class="pull_right date details" title="{title(int(item["date_unixtime"]), old)}">'
            f"15:00</div>{name}{inner}{text}</div></div>")  # fmt: skip


def write_html(folder: Path, messages: list[dict], per_page: int = 7, old: bool = False) -> Path:
    """The chat as Telegram Desktop writes it: pages of messages, a sender's next message «joined»."""
    folder.mkdir(parents=True, exist_ok=True)
    divs, previous = [], None
    for item in messages:
        sender = item.get("from_id") if item.get("type") != "service" else None
        divs.append(message_div(item, joined=sender is not None and sender == previous, old=old))
        previous = sender
    pages = [divs[i : i + per_page] for i in range(0, len(divs), per_page)]
    for number, page in enumerate(pages, 1):
        name = "messages.html" if number == 1 else f"messages{number}.html"
        body = '<div class="message service" id="message-1"><div class="body details">15 November 2023</div></div>'
        (folder / name).write_text(f'<!DOCTYPE html><html><head><meta charset="utf-8"><title>Exported Data</title>'
                                   f'</head><body><div class="page_wrap"><div class="history">{body}{"".join(page)}'
                                   f"</div></div></body></html>", encoding="utf-8")  # fmt: skip
    return folder / "messages.html"


def as_html(inputs: Path, **options) -> Path:
    """The school's Telegram chat exported as HTML instead of JSON (the same messages)."""
    result = inputs / "chats" / "telegram" / "result.json"
    messages = json.loads(result.read_text(encoding="utf-8"))["messages"]
    result.unlink()
    return write_html(result.parent, messages, **options)


def test_the_html_export_gives_the_counts_the_json_gives(tmp_path):
    inputs = school(tmp_path / "inputs")
    first = as_html(inputs)  # 14 messages on two pages; the first of page 2 is joined to page 1's sender
    assert (first.parent / "messages2.html").is_file()
    assert (
        '<div class="message default clearfix joined" id="message7">' in (first.parent / "messages2.html").read_text()
    )
    assert counts(inputs) == BASE


def test_the_same_messages_as_the_json_one_by_one(tmp_path):
    messages = [kit.telegram_message(i, kit.at("15.11.2023", 15, i), "Илья Петров", "user3030") for i in range(5)]
    messages += [kit.telegram_message(9, kit.at("16.11.2023", 9), "Анна Иванова", "user44", text="")]
    from_json = read_export(kit.write_telegram(tmp_path / "json" / "result.json", messages), "chats/t/result.json")
    from_html = read_export(write_html(tmp_path / "html", messages, per_page=2), "chats/t/messages.html")
    assert [(k, s, kind) for k, s, _, kind in from_html.messages] == [("0", "name:илья петров", "m")] + [
        (str(i), "name:илья петров", "r")
        for i in range(1, 5)  # «Принято» again: a repeat (read.repeats)
    ] + [("9", "name:анна иванова", "e")]
    assert [m[3] for m in from_html.messages][:5] == [m[3] for m in from_json.messages][:5]
    assert [m[2] for m in from_html.messages] == [m[2] for m in from_json.messages]  # the same moments
    assert from_html.members == {"name:илья петров": "Илья Петров", "name:анна иванова": "Анна Иванова"}
    assert from_html.local_zone == ""


def test_an_old_export_without_the_zone_is_read_in_the_schools_and_says_so(tmp_path):
    inputs = school(tmp_path / "inputs")
    as_html(inputs, old=True)  # Moscow's local times with no «UTC+…»: the school's zone is Moscow
    assert counts(inputs) == BASE
    reading = "\n".join(n.describe() for n in check(inputs).reading)
    assert "прочитано как время Europe/Moscow" in reading


def test_forwards_replies_media_and_bot_names_are_read_as_the_json_has_them(tmp_path):
    at = kit.at("15.11.2023", 15)
    forward = (
        '<div class="forwarded body"><div class="from_name">Министерство просвещения <span class="date details" '
        'title="01.11.2023 10:00:00 UTC+03:00">01.11.2023</span></div><div class="text">Новость</div></div>'
    )
    reply = (
        '<div class="reply_to details">In reply to <a href="#go_to_message1">this message</a></div>'
        '<div class="pull_right date details" title="01.01.2020 00:00:00 UTC+03:00">x</div>'
    )
    media = '<div class="media_wrap clearfix"><a class="photo_wrap clearfix pull_left" href="photos/1.jpg"></a></div>'
    item = {"type": "message", "date_unixtime": str(at), "text": ""}
    page = "".join([
        message_div({**item, "id": 1, "from": "Илья Петров"}, False, inner=forward),
        message_div({**item, "id": 2, "from": "Анна Иванова", "text": "Да"}, False, inner=reply),
        message_div({**item, "id": 3, "from": "Анна Иванова"}, True, inner=media),
        message_div({**item, "id": 4, "from": "Анна Иванова"}, True, inner='<span class="reactions">👍</span>'),
        message_div({**item, "id": 5, "from": "Гайдуков А.Н.", "text": "Опрос"}, False).replace(
            "Гайдуков А.Н. </div>", 'Гайдуков А.Н. <span class="details">via @school_bot</span></div>'),
    ])  # fmt: skip
    folder = tmp_path / "chat"
    folder.mkdir()
    (folder / "messages.html").write_text(f"<html><body>{page}</body></html>", encoding="utf-8")
    extract = read_export(folder / "messages.html", "chats/chat/messages.html")
    assert [(k, s, kind) for k, s, _, kind in extract.messages] == [
        ("1", "name:илья петров", "m"),  # a forward is the forwarder's message, not the ministry's
        ("2", "name:анна иванова", "m"),
        ("3", "name:анна иванова", "m"),  # a photo alone
        ("4", "name:анна иванова", "e"),  # a reaction alone: empty
        ("5", "name:гайдуков а.н.", "m"),
    ]
    assert {m[2] for m in extract.messages} == {at}  # the reply's quoted date is not the message's


def test_a_message_without_its_time_is_located_on_its_page(tmp_path):
    folder = tmp_path / "chat"
    folder.mkdir()
    page = '<div class="message default clearfix" id="message77"><div class="body"><div class="from_name">Я</div></div></div>'
    (folder / "messages.html").write_text(page, encoding="utf-8")
    with pytest.raises(ChatFileError) as found:
        read_export(folder / "messages.html", "chats/chat/messages.html")
    assert found.value.where == "messages.html, сообщение 77" and "нет времени" in str(found.value)


def test_no_text_of_the_chat_reaches_the_extract(tmp_path):
    inputs = school(tmp_path / "inputs")
    path = inputs / "chats" / "telegram" / "result.json"
    messages = json.loads(path.read_text(encoding="utf-8"))["messages"]
    for item in messages:
        item["text"] = kit.SECRET if item.get("type") != "service" else ""
    path.unlink()
    first = write_html(path.parent, messages)
    extract = read_export(first, "chats/telegram/messages.html")
    assert kit.SECRET.encode() not in extract.to_bytes()
    assert len(extract.sha256) == 64


def test_a_second_page_without_the_first_is_refused_with_what_to_bring(tmp_path):
    from click.testing import CliRunner

    from reporting.cli import main

    inputs = school(tmp_path / "inputs")
    first = as_html(inputs)
    first.unlink()
    result = CliRunner().invoke(main, ["check", "--inputs", str(inputs)])
    assert result.exit_code == 2 and "messages2.html" in result.output and "первой страницы" in result.output
    as_html(school(tmp_path / "whole"))  # the hint, followed: the whole folder of the export put back
    for page in (tmp_path / "whole" / "chats" / "telegram").glob("messages*.html"):
        (first.parent / page.name).write_bytes(page.read_bytes())
    assert counts(inputs) == BASE


def test_a_package_from_an_html_export_archives_its_extract_and_verifies(tmp_path):
    from reporting import build_package, verify

    inputs = school(tmp_path / "inputs")
    as_html(inputs)
    result = build_package(2, inputs, tmp_path / "out", interim=True, data_only=True)
    archived = result.folder / "inputs" / "chats" / "telegram" / "messages.html.extract.txt"
    assert archived.is_file() and not (result.folder / "inputs" / "chats" / "telegram" / "messages.html").exists()
    found = verify(result.folder)
    assert found.intact, found.findings
