"""Telegram Desktop's HTML export of a chat (``messages.html``, ``messages2.html``, …) → the same
text-free extract as its JSON export gives (issue 31, point 4).

The pages are read in their order with the standard library's ``html.parser``, a chunk at a time.
Each ``<div class="message default" id="messageN">`` is a message: its id is the JSON export's id,
its time the ``title`` of its date (``25.12.2023 10:15:30 UTC+05:00``; exports before about 2021
write the local time alone, read in the school's zone as for the JSON of those years), its sender
the ``from_name`` (a *joined* message, the sender's next one, has none: it is the previous
message's sender, across pages too).  What a forward or a reply quotes (its own sender, date and
text) is never taken for the message's own.  A message with text, media, a sticker or a forward
is a message; one with none of these is empty.  Service messages (joins, pins, calls) are nobody's.

The HTML gives no user ids: a sender is named by the name the page shows, and matched to the
roster by name as any export without ids is.  Texts are looked at only to tell an empty message
from one with content, and never kept."""

from __future__ import annotations

import codecs
import datetime as dt
import hashlib
import re
from html.parser import HTMLParser
from pathlib import Path

from .limits import NotReadable, check_regular

PAGE = re.compile(r"messages(\d*)\.html", re.IGNORECASE)
_ID = re.compile(r"message(-?\d+)")
_TIME = re.compile(r"(\d{2})\.(\d{2})\.(\d{4}) (\d{2}):(\d{2}):(\d{2})(?: UTC(?:([+-]\d{2}):(\d{2}))?)?")
_MEDIA = ("media_wrap", "photo_wrap", "video_file_wrap", "sticker_wrap", "animated_wrap", "media_file",
          "media_voice_message", "media_audio_file", "media_video", "media_poll", "media_location", "media_contact")  # fmt: skip
_VOID = {"br", "img", "hr", "wbr", "input", "meta", "link", "source"}  # elements with no end tag
CHUNK = 1 << 20
MAX_PAGE = 4 << 30


def pages_of(first: Path) -> list[Path]:
    """``messages.html`` and the pages that continue it, in their order (messages2.html, messages3.html…)."""
    numbered = []
    for path in first.parent.iterdir():
        found = PAGE.fullmatch(path.name)
        if found and found.group(1) not in ("", "1"):
            numbered.append((int(found.group(1)), path))
    return [first, *(path for _, path in sorted(numbered))]


def read_html_export(first: Path, name: str, zone: str, extract_type, error_type):
    """The extract of the HTML export whose first page is ``first`` (``extract_type``: read.chats'
    Extract; ``error_type``: its ChatFileError, raised located for a message the reader cannot take)."""
    extract = extract_type(name, "", "telegram", first.parent.name)
    reader = _Reader(extract, zone, error_type)
    digest = hashlib.sha256()
    for page in pages_of(first):
        try:
            check_regular(page, MAX_PAGE)
        except NotReadable as exc:
            raise error_type(f"{page.name}: {exc.strerror}: это не страница выгрузки Telegram") from None
        decoder = codecs.getincrementaldecoder("utf-8-sig")(errors="strict")
        reader.page = page.name
        with open(page, "rb") as handle:
            while block := handle.read(CHUNK):
                digest.update(block)
                try:
                    reader.feed(decoder.decode(block))
                except UnicodeDecodeError:
                    raise error_type(f"{page.name}: страница не в кодировке UTF-8 — это не выгрузка Telegram") from None
        reader.feed(decoder.decode(b"", final=True))
    reader.close()
    if not reader.seen_message:
        raise error_type('в HTML нет ни одного сообщения Telegram (div class="message"): это не выгрузка чата')
    extract.sha256 = digest.hexdigest()
    extract.local_zone = zone if reader.local_used else ""
    return extract


class _Reader(HTMLParser):
    def __init__(self, extract, zone: str, error_type):
        super().__init__(convert_charrefs=True)
        self.extract, self.zone, self.error_type = extract, zone, error_type
        self.page, self.depth, self.message, self.quoted = "", 0, None, None
        self.name_at = self.text_at = None  # the div depth of the from_name, of the text, while inside
        self.name_nested = 0  # elements open inside the from_name («via @bot», a date): not the name
        self.previous_sender, self.seen_message, self.local_used = "", False, False
        from .repeats import Repeats

        self.repeats = Repeats()  # texts hashed in memory only, to tell a sender's exact repeats

    def handle_starttag(self, tag, attrs):
        found = dict(attrs)
        classes = set((found.get("class") or "").split())
        if self.name_at is not None and tag not in _VOID:
            self.name_nested += 1
        if tag != "div":
            if self.message is not None and self.quoted is None and any(c in classes for c in _MEDIA):
                self.message["content"] = True
            return
        self.depth += 1
        number = _ID.fullmatch(found.get("id") or "")
        if "message" in classes and number:
            self.seen_message = True
            self.message = {"id": number.group(1), "service": "service" in classes, "joined": "joined" in classes,
                            "depth": self.depth, "time": None, "name": None, "content": False, "text": []}  # fmt: skip
            return
        message = self.message
        if message is None or self.quoted is not None:
            return
        if ("forwarded" in classes and "body" in classes) or "reply_to" in classes:
            self.quoted = self.depth  # what it quotes is another message's
            message["content"] = message["content"] or "forwarded" in classes  # a forward is a message
        elif "date" in classes and "details" in classes and found.get("title") and message["time"] is None:
            message["time"] = found["title"]
        elif "from_name" in classes:
            self.name_at, self.name_nested, message["name"] = self.depth, 0, ""
        elif "text" in classes:
            self.text_at = self.depth
        elif any(c in classes for c in _MEDIA):
            message["content"] = True

    def handle_endtag(self, tag):
        if tag != "div":
            if self.name_at is not None and self.name_nested:
                self.name_nested -= 1
            return
        if self.name_at == self.depth:
            self.name_at = None
        if self.text_at == self.depth:
            self.text_at = None
        if self.quoted == self.depth:
            self.quoted = None
        if self.message is not None and self.message["depth"] == self.depth:
            self._finish(self.message)
            self.message = None
        self.depth -= 1

    def handle_data(self, data):
        message = self.message
        if message is None or self.quoted is not None:
            return
        if self.name_at is not None and not self.name_nested:
            message["name"] += data
        elif self.text_at is not None:
            message["text"].append(data)
            message["content"] = message["content"] or bool(data.strip())

    def _finish(self, message: dict) -> None:
        key = message["id"]
        if key.startswith("-"):  # a date between messages, not a message
            return
        where = f"{self.page}, сообщение {key}"
        if message["service"]:
            if message["time"] is not None:
                self.extract.messages.append((key, "", self._seconds(message["time"], where), "s"))
            return
        if message["time"] is None:
            raise self.error_type("у сообщения нет времени (title даты), как в выгрузке Telegram Desktop", where)
        named = " ".join((message["name"] or "").split())
        if named:
            sender = "name:" + named.lower().replace("ё", "е")
            self.extract.members.setdefault(sender, named)
            self.previous_sender = sender
        elif message["joined"] and self.previous_sender:
            sender = self.previous_sender
        else:
            raise self.error_type("у сообщения нет отправителя (from_name), и оно не продолжает предыдущее", where)
        kind = "m" if message["content"] else "e"
        if kind == "m" and self.repeats.seen_before(sender, "".join(message["text"]).strip()):
            kind = "r"
        self.extract.messages.append((key, sender, self._seconds(message["time"], where), kind))

    def _seconds(self, title: str, where: str) -> int:
        found = _TIME.match(title.strip())
        if not found:
            raise self.error_type(
                f"время «{title[:40]}» не прочитано: ожидалось «25.12.2023 10:15:30 UTC+05:00»", where
            )
        day, month, year, hour, minute, second, offset_hours, offset_minutes = found.groups()
        try:
            moment = dt.datetime(int(year), int(month), int(day), int(hour), int(minute), int(second))
        except ValueError:
            raise self.error_type(f"время «{title[:40]}» не бывает", where) from None
        if offset_hours is not None:
            sign = -1 if offset_hours.startswith("-") else 1
            offset = dt.timedelta(hours=int(offset_hours), minutes=sign * int(offset_minutes))
            moment = moment.replace(tzinfo=dt.timezone(offset))
        elif "UTC" in title:
            moment = moment.replace(tzinfo=dt.UTC)
        else:  # before about 2021: the exporting computer's local time
            from zoneinfo import ZoneInfo

            moment = moment.replace(tzinfo=ZoneInfo(self.zone))
            self.local_used = True
        return int(moment.timestamp())
