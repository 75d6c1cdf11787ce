"""Chat exports in ``inputs/chats/``: MAX pages, VK/Сферум dumps with their member lists, Telegram
Desktop's ``result.json`` → a text-free extract per export.

An extract keeps what the indicator needs and nothing more (152-ФЗ): per message its id, sender
id, time (Unix seconds) and kind; per sender the name the export gives; the export's SHA-256.
Message texts are read only to tell an empty message from one with content, and are dropped on
the spot.  The package archives the extracts, never the exports; ``verify`` recounts from them.

Kinds: ``m`` a message the person sent, ``r`` one that repeats exactly a text the same person sent
earlier in the export (a message all the same: it counts as ``m`` does; read.repeats), ``e`` an empty
or reaction-only one, ``s`` a service
message (joins, pins), ``b`` a bot's, ``c`` a community's or channel's, ``call`` a call.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from .json_stream import JsonShapeError, items
from .limits import NotReadable, check_regular, not_utf8
from .repeats import Repeats, plain_text
from .text import canonical_id, name_text, normalize

FORMAT = "make-report chat extract"
EXTRACT_SUFFIX = ".extract.txt"
MEMBER_COLUMNS = ("id", "ФИО")  # igro83/sferumChatMembers' output.csv: id, ФИО, Учебные заведения, Роли
MAX_CHAT_FILE = 4 << 30  # 4 GB: beyond that, not a school chat's export


class ChatFileError(ValueError):
    """An export that is not what it claims: ``where`` names the element or row."""

    def __init__(self, message: str, where: str = "", hint: str = ""):
        super().__init__(message)
        self.where, self.hint = where, hint  # hint: what to do, where the general one does not fit


@dataclass
class Extract:
    source: str  # the export's path under chats/
    sha256: str
    platform: str  # «max», «vk», «telegram»
    chat: str
    members: dict[str, str] = field(default_factory=dict)  # sender id → name
    messages: list[tuple[str, str, int, str]] = field(default_factory=list)  # (id, sender, seconds, kind)
    window: tuple[int, int] | None = None  # seconds: the span the export declares it covers
    local_zone: str = ""  # the export gave local times only (Telegram before 2021): the zone they were read in
    joined: dict[str, int] = field(default_factory=dict)  # a member list's sender id → when they joined (seconds)

    def to_bytes(self) -> bytes:
        head = {"format": FORMAT, "version": 1, "source": self.source, "sha256": self.sha256,
                "platform": self.platform, "chat": self.chat, "window": self.window,
                "members": self.members}  # fmt: skip
        if self.local_zone:
            head["local_zone"] = self.local_zone
        if self.joined:
            head["joined"] = self.joined
        out = io.BytesIO()
        out.write((json.dumps(head, ensure_ascii=False, sort_keys=True) + "\n").encode("utf-8"))
        step = 50_000  # a few MB at a time: a million lines never sit in memory as strings
        for start in range(0, len(self.messages), step):
            part = self.messages[start : start + step]
            out.write("".join(f"{key}\t{sender}\t{seconds}\t{kind}\n" for key, sender, seconds, kind in part).encode())
        return out.getvalue()

    @classmethod
    def from_bytes(cls, data: bytes, name: str) -> Extract:
        text = data.decode("utf-8")
        head_line, _, body = text.partition("\n")
        try:
            head = json.loads(head_line)
            if head.get("format") != FORMAT:
                raise ValueError
            messages = []
            for line in body.split("\n")[:-1]:  # not splitlines(): it also breaks at U+2028 and NEL
                key, sender, seconds, kind = line.split("\t")
                messages.append((key, sender, int(seconds), kind))
        except ValueError:
            raise ChatFileError(f"{name}: выписка из чата повреждена") from None
        window = tuple(head["window"]) if head.get("window") else None
        try:
            joined = {str(who): int(when) for who, when in (head.get("joined") or {}).items()}
        except (ValueError, TypeError, AttributeError):
            raise ChatFileError(f"{name}: выписка из чата повреждена") from None
        return cls(head["source"], head["sha256"], head["platform"], str(head["chat"]),
                   dict(head.get("members") or {}), messages, window, str(head.get("local_zone") or ""), joined)  # fmt: skip


def _name(*parts) -> str:
    return " ".join(str(p).strip() for p in parts if p and str(p).strip())


class _HashingText:
    """Text from a binary file, its bytes hashed as they pass (``hashing.HashingReader``)."""

    def __init__(self, handle):
        import codecs

        from .hashing import HashingReader

        self.raw = HashingReader(handle)
        self.decoder = codecs.getincrementaldecoder("utf-8-sig")(errors="strict")

    def read(self, size: int) -> str:
        block = self.raw.read(size)
        return self.decoder.decode(block, final=not block)


def read_export(path: Path, name: str, zone: str = "Europe/Moscow") -> Extract:
    """The extract of one export; ChatFileError says what it is not.  Every name in it is data from
    here on (``name_text``): whatever the export's names hold, none steers a terminal or a page."""
    extract = _read_export(path, name, zone)
    extract.members = {who: name_text(named) for who, named in extract.members.items()}
    return extract


def _read_export(path: Path, name: str, zone: str) -> Extract:
    try:
        check_regular(path, MAX_CHAT_FILE)
    except NotReadable as exc:
        raise ChatFileError(f"{exc.strerror}: это не выгрузка чата школы") from None
    if path.suffix.lower() == ".csv":
        from .hashing import file_sha256

        return _members_csv(path, name, file_sha256(path))
    if path.suffix.lower() == ".html":  # Telegram Desktop's HTML export: its first page, the others follow
        from .telegram_html import read_html_export

        return read_html_export(path, name, zone, Extract, ChatFileError)
    from .chat_fast import Unsuitable, read_fast

    try:
        return read_fast(path, name, Extract)
    except Unsuitable:
        pass  # read again, element by element: the slow reader says what is wrong and where
    except UnicodeDecodeError:
        pass
    with open(path, "rb") as raw:
        first = raw.read(64).lstrip(b"\xef\xbb\xbf \t\r\n")[:1]
        raw.seek(0)
        handle = _HashingText(raw)
        try:
            if first == b"[":
                chat = path.parent.name if path.name == "history.json" else path.stem
                return _finish(_vk(handle, name, "", chat), handle)
            if first == b"{":
                return _finish(_object(handle, name, "", zone), handle)
        except JsonShapeError as exc:
            where = f"сообщение {exc.where}" if exc.where else ""
            raise ChatFileError(str(exc), where) from None
        except UnicodeDecodeError:
            raw.seek(0)
            message, hint = not_utf8(raw.read(1 << 16), "выгрузка чата")
            raise ChatFileError(message, hint=hint) from None
        finally:
            handle.raw.close()
    raise ChatFileError("это не выгрузка чата: ожидался JSON (MAX, VK/Сферум, Telegram) или CSV участников")


def _finish(extract: Extract, handle: _HashingText) -> Extract:
    extract.sha256 = handle.raw.finish()  # whatever follows the JSON (spaces) is part of the file's hash
    return extract


def _object(handle, name: str, sha: str, zone: str = "Europe/Moscow") -> Extract:
    """Telegram's result.json, a MAX page (as the API returns it or as collect saves it), or MAX's
    member list: told apart by their keys."""
    header: dict = {}
    stream = _Peekable(items(handle, "messages", header))
    try:
        first = stream.peek()
    except JsonShapeError:
        if "members" in header:  # collect's members.json: {"chat_id": …, "members": […]}
            return _max_members(header["members"], name, sha, header.get("chat_id"))
        if "chats" in header and "personal_information" in header:
            raise ChatFileError(
                "это полный экспорт аккаунта Telegram, а нужна история одного чата: в Telegram Desktop откройте "
                "чат → ⋮ → «Экспорт истории чата», формат «Машиночитаемый JSON», и положите сюда его result.json"
            ) from None
        raise
    if isinstance(first, dict) and ("date_unixtime" in first or "from_id" in first or header.get("type")
                                    or ("date" in first and "id" in first and "from" in first)):  # fmt: skip
        return _telegram(stream, header, name, sha, zone)
    if first is None or (isinstance(first, dict) and ("body" in first or "sender" in first or "timestamp" in first)):
        return _max(stream, header, name, sha)
    raise ChatFileError("неизвестная форма JSON: это не страница MAX, не result.json Telegram и не список участников",
                        "сообщение 1")  # fmt: skip


class _Peekable:
    def __init__(self, iterator: Iterator):
        self.iterator, self.head, self.done = iterator, [], False

    def peek(self):
        if not self.head and not self.done:
            try:
                self.head.append(next(self.iterator))
            except StopIteration:
                self.done = True
        return self.head[0] if self.head else None

    def __iter__(self):
        yield from self.head
        self.head = []
        yield from self.iterator


def _located(number: int, message: str) -> ChatFileError:
    return ChatFileError(message, f"сообщение {number}")


def _vk(handle, name: str, sha: str, chat: str) -> Extract:
    """alexsovi/VKSferumChatExport's history.json: [{date, from_id, text, attachments}, …], or the
    API's own items (with ``fwd_messages``, ``geo``, ``action``: a forward, a poll or a link alone is a
    message, a join or a leave is an event; the history.json keeps none of them, and there they are
    empty messages, as the reading report says). No
    message ids: a message is (time, sender, its order among that sender's messages in that
    second), the same in two overlapping dumps of the chat."""
    extract = Extract(name, sha, "vk", chat)
    out, repeats = extract.messages.append, Repeats()
    last_seconds, last_sender, order, number = None, None, 0, 0
    for item in items(handle):
        number += 1  # noqa: SIM113 (enumerate costs a tuple per message)
        try:
            seconds, sender = item["date"], item["from_id"]
            if type(seconds) is not int or type(sender) is not int:  # noqa: E721 (fast, and bool is no id)
                seconds, sender = int(seconds), int(sender)
        except (KeyError, TypeError, ValueError):
            raise _located(number, "ожидались поля date (секунды) и from_id (число), как в history.json VK") from None
        if seconds == last_seconds and sender == last_sender:
            order += 1
        else:
            last_seconds, last_sender, order = seconds, sender, 0
        if sender < 0:
            kind = "c"  # a community (a bot of a group) writes with a negative id
        elif item.get("action"):
            kind = "s"  # a join, a leave, a new title: an event, not a message
        else:
            text = item.get("text")
            content = item.get("attachments") or item.get("fwd_messages") or item.get("geo")  # a poll, a forward
            kind = "m" if (text.__class__ is str and text and not text.isspace()) or content else "e"
            if kind == "m" and text.__class__ is str and repeats.seen_before(str(sender), text):
                kind = "r"
        out((f"{seconds}:{sender}:{order}", str(sender), seconds, kind))
    return extract


def _member_rows(text: str):
    dialect = csv.Sniffer().sniff(text[:4096], delimiters=",;\t") if text.strip() else csv.excel
    return csv.reader(io.StringIO(text), dialect)


def is_member_list(data: bytes) -> bool:
    """A chat's member list (sferumChatMembers' output.csv), by the header its reader requires."""
    try:
        header = [h.strip() for h in next(_member_rows(data[:4096].decode("utf-8-sig", "ignore")), [])]
    except csv.Error:
        return False
    return all(column in header for column in MEMBER_COLUMNS)


def _members_csv(path: Path, name: str, sha: str) -> Extract:
    """igro83/sferumChatMembers' output.csv: id, ФИО («Фамилия Имя»), Учебные заведения, Роли."""
    data = path.read_bytes()
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        message, hint = not_utf8(data[: 1 << 16], "список участников (output.csv)")
        raise ChatFileError(message, hint=hint) from None
    rows = _member_rows(text)
    header = [h.strip() for h in next(rows, [])]
    if not all(column in header for column in MEMBER_COLUMNS):
        raise ChatFileError(
            f"в CSV участников нужны столбцы {', '.join(MEMBER_COLUMNS)} (как в output.csv sferumChatMembers), "
            f"а в нём: {', '.join(header) or 'ничего'}",
            "строка 1",
        )
    at_id, at_name = header.index("id"), header.index("ФИО")
    extract = Extract(name, sha, "vk", "")
    named = _MemberNames(extract.members, "строка", "ФИО")
    for number, row in enumerate(rows, 2):
        if not any(cell.strip() for cell in row):
            continue
        if len(row) <= max(at_id, at_name) or not row[at_id].strip().lstrip("-").isdigit():
            raise ChatFileError("в столбце id должно быть число — id пользователя VK", f"строка {number}")
        named.add(row[at_id].strip(), " ".join(row[at_name].split()), number)
    return extract


def _telegram(stream, header: dict, name: str, sha: str, zone: str = "Europe/Moscow") -> Extract:
    """Telegram Desktop's JSON export: messages[] with type, date_unixtime, from, from_id. Exports made
    before about 2021 give only ``date``, the exporting computer's local time, and a numeric
    ``from_id`` (a user's id): the time is read in the school's zone (``zone``), and the extract says so."""
    extract = Extract(name, sha, "telegram", canonical_id(header.get("id", Path(name).parent.name)))
    out, members, repeats = extract.messages.append, extract.members, Repeats()
    local = _LocalTimes(zone)
    for number, item in enumerate(stream, 1):
        if not isinstance(item, dict):
            raise _located(number, "элемент messages должен быть объектом {…}")
        try:
            seconds = int(item["date_unixtime"]) if "date_unixtime" in item else local.seconds(item["date"])
            key = canonical_id(item["id"])
        except (KeyError, TypeError, ValueError, OverflowError):
            raise _located(
                number, "ожидались поля id и date_unixtime (или date), как в result.json Telegram Desktop"
            ) from None
        if item.get("type") == "service":
            actor = _user(item.get("actor_id"))
            kind = "call" if item.get("action") in ("phone_call", "group_call") and actor.startswith("user") else "s"
            if actor and item.get("actor"):
                members.setdefault(actor, str(item["actor"]))
            out((key, actor, seconds, kind))
            continue
        sender = _user(item.get("from_id"))
        if sender and item.get("from"):
            members.setdefault(sender, str(item["from"]))
        if not sender.startswith("user"):
            kind = "c"  # a channel writing into the chat
        else:  # (Telegram marks no bot as a sender: a bot not in the roster is an unmatched writer)
            text = item.get("text")
            has_text = bool(text.strip()) if isinstance(text, str) else bool(text)
            has_text = has_text or bool(item.get("text_entities"))  # some exports give the entities alone
            media = any(item.get(k) is not None for k in ("photo", "file", "media_type", "poll", "location_information",
                                                          "contact_information"))  # fmt: skip
            kind = "m" if has_text or media else "e"
            if kind == "m" and repeats.seen_before(sender, plain_text(text)):
                kind = "r"
        out((key, sender, seconds, kind))
    extract.local_zone = zone if local.used else ""
    return extract


def _user(value) -> str:
    """A sender's id as the exports since 2021 write it («user123»); the older ones write the number alone."""
    if isinstance(value, int) and not isinstance(value, bool):
        return f"user{value}"
    return canonical_id(value or "")


class _LocalTimes:
    """``date`` without ``date_unixtime``: a local time, read in the school's zone."""

    def __init__(self, zone: str):
        self.zone, self.used, self._info = zone, False, None

    def seconds(self, text) -> int:
        import datetime as dt
        from zoneinfo import ZoneInfo

        if self._info is None:
            self._info = ZoneInfo(self.zone)
        moment = dt.datetime.fromisoformat(str(text))
        if moment.tzinfo is None:
            moment = moment.replace(tzinfo=self._info)
        self.used = True
        return int(moment.timestamp())


def _max(stream, header: dict, name: str, sha: str) -> Extract:
    """A page of GET /messages (dev.max.ru): messages[] with sender {user_id, name, first_name,
    last_name, is_bot}, timestamp (ms), body {mid, seq, text, attachments}, link (forwards, replies);
    collect adds chat_id and the window it fetched."""
    chat = canonical_id(header.get("chat_id", ""))
    window = header.get("window")
    extract = Extract(name, sha, "max", chat)
    if isinstance(window, dict) and {"since", "until"} <= set(window):
        extract.window = (int(window["since"]) // 1000, int(window["until"]) // 1000)
    out, members, repeats = extract.messages.append, extract.members, Repeats()
    for number, item in enumerate(stream, 1):
        try:
            body, milliseconds = item.get("body") or {}, int(item["timestamp"])
            seconds = milliseconds // 1000
            key = canonical_id(body["mid"]) if "mid" in body else _forward_key(item, milliseconds)
        except (KeyError, TypeError, ValueError, AttributeError):
            raise _located(number, "ожидались поля timestamp (мс) и body.mid, как в ответе GET /messages MAX") from None
        if not extract.chat:
            extract.chat = canonical_id((item.get("recipient") or {}).get("chat_id", ""))
        sender = item.get("sender")
        if not isinstance(sender, dict) or "user_id" not in sender:
            out((key, "", seconds, "c"))  # a channel's post: no person sent it
            continue
        who = canonical_id(sender["user_id"])
        if who not in members:
            members[who] = _name(sender.get("last_name"), sender.get("first_name")) or str(sender.get("name") or "")
        if sender.get("is_bot"):
            kind = "b"
        else:
            text = body.get("text")
            kind = (
                "m" if (isinstance(text, str) and text.strip()) or body.get("attachments") or item.get("link") else "e"
            )
            if kind == "m" and isinstance(text, str) and repeats.seen_before(who, text):
                kind = "r"
        out((key, who, seconds, kind))
    return extract


def _forward_key(item: dict, milliseconds: int) -> str:
    """A message with ``body: null`` (the API's schema allows it: a message that only forwards another,
    in ``link``) has no id of its own: its time, sender and the forwarded message's id name it, the
    same in two exports of the chat. Anything else without a body is no message the reader knows."""
    link = item["link"]
    forwarded = (link.get("message") or {}).get("mid", "") if isinstance(link, dict) else ""
    sender = canonical_id((item.get("sender") or {}).get("user_id", ""))
    if not isinstance(link, dict):
        raise KeyError("link")
    return f"fwd.{milliseconds}.{sender}.{canonical_id(forwarded)}"


def _max_members(members, name: str, sha: str, chat=None) -> Extract:
    """GET /chats/{chatId}/members, as collect saves it: members[] with user_id, name, first_name,
    last_name."""
    extract = Extract(name, sha, "max", canonical_id(chat or ""))
    if not isinstance(members, list):
        raise ChatFileError("«members» должен быть списком участников")
    named = _MemberNames(extract.members, "участник", "имя")
    for number, member in enumerate(members, 1):
        if not isinstance(member, dict) or "user_id" not in member:
            raise ChatFileError("у участника нет user_id", f"участник {number}")
        if member.get("is_bot") is True:
            continue  # a bot is no member of the school
        who = canonical_id(member["user_id"])
        joined = member.get("join_time")
        if isinstance(joined, int | float) and not isinstance(joined, bool) and 0 < joined < 1e14:
            extract.joined[who] = int(joined // 1000)  # the API's milliseconds
        named.add(
            who, _name(member.get("last_name"), member.get("first_name")) or str(member.get("name") or ""), number
        )
    return extract


class _MemberNames:
    """A member list's id → name, where one id given two different names is a located problem: the
    later one winning would silently count one person's messages for another."""

    def __init__(self, members: dict[str, str], unit: str, field: str):
        self.members, self.unit, self.field, self.where = members, unit, field, {}

    def add(self, who: str, named: str, number: int) -> None:
        before = self.members.get(who)
        if before is not None and normalize(name_text(before)) != normalize(name_text(named)):
            raise ChatFileError(
                f"у id {who} два разных {self.field}: «{name_text(before)}» ({self.unit} {self.where[who]}) и "
                f"«{name_text(named)}» ({self.unit} {number}) — непонятно, чьи это сообщения",
                f"{self.unit} {number}",
                f"Оставьте в списке одну строку с id {who} — с верным именем — и запустите снова",
            )
        self.members.setdefault(who, named)
        self.where.setdefault(who, number)
