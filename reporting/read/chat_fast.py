"""The fast readers of the two formats that grow to millions of messages: a VK/Сферум dump's
history.json and Telegram's result.json (``json_batches``: msgspec, a few MB at a time).  They
give exactly what the slow readers in ``chats.py`` give; a file they cannot read is
``Unsuitable`` and is read again on the slow path."""

import io
import json

from .hashing import HashingReader
from .json_batches import CHUNK, Unsuitable, available, batches
from .text import canonical_id

_EMPTY = (b"", b"null", b'""', b"false", b"0", b"[]", b"{}")


def _has_text(raw) -> bool:
    """A JSON value's «has content»: a string not blank, a non-empty list (Telegram's rich text)."""
    raw = bytes(raw).strip()
    if raw in _EMPTY:
        return False
    if raw[:1] == b'"':
        text = raw.decode("utf-8")[1:-1]
        if "\\" in text:
            text = json.loads(raw)
        return bool(text) and not text.isspace()
    if raw[:1] == b"[":
        return bool(raw[1:-1].strip())
    return True


def _present(raw) -> bool:
    if raw is None:
        return False
    raw = bytes(raw).strip()
    if raw[:1] in (b"[", b"{"):
        return bool(raw[1:-1].strip())
    return raw not in _EMPTY


def _types():
    import msgspec

    NULL = msgspec.Raw(b"null")  # noqa: N806 (a constant of the records below; «Raw | None» accepts null only)

    class VK(msgspec.Struct):
        date: int
        from_id: int
        text: msgspec.Raw = msgspec.Raw(b'""')
        attachments: msgspec.Raw = msgspec.Raw(b"[]")
        # the API's own fields, in a dump that keeps them (messages.getHistory's items as they come)
        fwd_messages: msgspec.Raw = msgspec.Raw(b"[]")
        geo: msgspec.Raw = msgspec.Raw(b"null")
        action: msgspec.Raw = msgspec.Raw(b"null")

    class Telegram(msgspec.Struct):
        id: int | str
        date_unixtime: int | str
        type: msgspec.Raw = msgspec.Raw(b'"message"')
        from_id: str | None = None
        sender: msgspec.Raw = msgspec.field(default=NULL, name="from")  # decoded once per sender
        actor_id: str | None = None
        actor: str | None = None
        action: str | None = None
        text: msgspec.Raw = msgspec.Raw(b'""')
        text_entities: msgspec.Raw = NULL
        photo: msgspec.Raw = NULL
        file: msgspec.Raw = NULL
        media_type: msgspec.Raw = NULL
        poll: msgspec.Raw = NULL
        location_information: msgspec.Raw = NULL
        contact_information: msgspec.Raw = NULL

    Telegram.NULL = NULL
    return VK, Telegram


def _open_array(raw, first: bytes) -> tuple[bytes, dict | None]:
    """The bytes after the array's «[»: the document's own (a VK dump) or its «messages»
    (Telegram: the header before it parsed by the slow reader's rules)."""
    start = first.lstrip(b"\xef\xbb\xbf \t\r\n")
    if start[:1] == b"[":
        return start[1:], None
    from .json_stream import JsonShapeError, Reader, find_key

    text = first.decode("utf-8", errors="ignore")
    reader = Reader(io.StringIO(text))
    header: dict = {}
    try:
        if reader.peek() != "{":
            raise Unsuitable
        reader.pos += 1
        if not find_key(reader, "messages", header) or reader.peek() != "[":
            raise Unsuitable
    except JsonShapeError:
        raise Unsuitable from None
    consumed = len(reader.buf[: reader.pos + 1].encode("utf-8"))
    offset = first.find(b"[", consumed - 1)
    return first[offset + 1 :], header


def read_fast(path, name: str, extract_type):
    """The extract of a VK dump or a Telegram export, or Unsuitable."""
    if not available():
        raise Unsuitable
    vk_type, telegram_type = _types()
    import msgspec

    with open(path, "rb") as handle:
        raw = HashingReader(handle)
        try:
            return _read(raw, path, name, extract_type, vk_type, telegram_type)
        except (msgspec.DecodeError, RecursionError, UnicodeDecodeError):
            raise Unsuitable from None  # the slow reader says what is wrong and where
        finally:
            raw.close()


def _read(raw: HashingReader, path, name: str, extract_type, vk_type, telegram_type):
    first = raw.read(CHUNK)
    rest, header = _open_array(raw, first)
    if header is None:
        chat = path.parent.name if path.name == "history.json" else path.stem
        extract = extract_type(name, "", "vk", chat)
        _vk(batches(raw, vk_type, rest), extract)
    else:
        if not header.get("type") and "date_unixtime" not in rest[:4096].decode("utf-8", "ignore"):
            raise Unsuitable  # not Telegram's: the slow reader tells MAX pages apart
        extract = extract_type(name, "", "telegram", canonical_id(header.get("id", path.parent.name)))
        _telegram(batches(raw, telegram_type, rest), extract)
    extract.sha256 = raw.finish()
    return extract


# The first byte of a string that may be blank: an ASCII space or escape, or the lead byte of a
# Unicode space (U+0085, U+00A0: C2; U+1680: E1; U+2000–U+205F: E2; U+3000: E3).
_MAYBE_BLANK = frozenset(b" \t\r\n\\\xc2\xe1\xe2\xe3")


def _vk_has_text(raw) -> bool:
    """The slow reader's «a string, not blank», decided from the raw bytes where it can be: a
    string whose first character is no space has text; only the rest are decoded."""
    if len(raw) <= 2:
        return False  # "" (or a number, which is no text either)
    data = bytes(raw)
    if data[0] != 0x22:  # a list or anything but a string: VK writes its text as a string
        return False
    if data[1] not in _MAYBE_BLANK:
        return True
    return _has_text(data)


def _text(raw) -> bytes | None:
    """A message's text for telling repeats (read.repeats), None when it has no words: a JSON string's
    bytes as they stand, and Telegram's rich text (a list of parts) as the JSON string of its words,
    as a plain text is written."""
    data = bytes(raw)
    if data[0] == 34:  # «"»
        return data if data[1] not in _MAYBE_BLANK or _has_text(data) else None
    if data[:1] != b"[":
        return None
    import msgspec

    from .repeats import plain_text

    words = plain_text(msgspec.json.decode(data))
    return json.dumps(words, ensure_ascii=False).encode("utf-8") if words and not words.isspace() else None


def _vk(parts, extract) -> None:
    out, seen = extract.messages.append, set()  # seen: read.repeats, inlined (a million messages a second)
    senders: dict[int, str] = {}  # one string per sender, not one per message
    last_seconds = last_sender = None
    order = 0
    for part in parts:
        for item in part:
            seconds, sender = item.date, item.from_id
            if seconds == last_seconds and sender == last_sender:
                order += 1
            else:
                last_seconds, last_sender, order = seconds, sender, 0
            worded = False
            if sender < 0:
                kind = "c"
            elif len(item.action) > 4 and _present(item.action):
                kind = "s"  # a join, a leave, a new title: an event, not a message
            else:
                attachments, forwarded = item.attachments, item.fwd_messages
                worded = _vk_has_text(item.text)
                kind = (
                    "m"
                    if worded
                    or (len(attachments) > 2 and _present(attachments))
                    or (len(forwarded) > 2 and _present(forwarded))
                    or (len(item.geo) > 4 and _present(item.geo))
                    else "e"
                )
            who = senders.get(sender)
            if who is None:
                who = senders[sender] = str(sender)
            if kind == "m" and worded:  # read.repeats, inlined: a million a second
                digest = hash(bytes(item.text)) ^ hash(who)  # the sender's and the text's, with no tuple each time
                if digest in seen:
                    kind = "r"
                else:
                    seen.add(digest)
            out((f"{seconds}:{who}:{order}", who, seconds, kind))


def _telegram(parts, extract) -> None:
    import msgspec

    out, members, seen = extract.messages.append, extract.members, set()
    null = None
    for part in parts:
        for item in part:
            if null is None:
                null = type(item).NULL
            try:
                seconds = int(item.date_unixtime)
            except ValueError:
                raise Unsuitable from None
            key = str(item.id) if type(item.id) is int else canonical_id(item.id)
            if bytes(item.type) == b'"service"':
                actor = canonical_id(item.actor_id or "")
                kind = "call" if item.action in ("phone_call", "group_call") and actor.startswith("user") else "s"
                if actor and item.actor:
                    members.setdefault(actor, item.actor)
                out((key, actor, seconds, kind))
                continue
            sender = item.from_id or ""
            if not sender.isprintable() or "\\" in sender or sender[:1] == " " or sender[-1:] == " ":
                sender = canonical_id(sender)  # the common id skips the call: a million messages a second
            if sender not in members and len(item.sender) > 4:
                name = msgspec.json.decode(item.sender)
                if isinstance(name, str) and name:
                    members[sender] = name
            if not sender.startswith("user"):
                kind = "c"
            else:
                text = item.text
                if (
                    len(text) > 2
                    and (bytes(text)[1] not in _MAYBE_BLANK or _has_text(text))
                    or item.text_entities is not null
                    and _present(item.text_entities)
                ):
                    kind = "m"
                else:  # no text: a photo, a file, a poll… is a message too (absent fields are NULL itself)
                    media = (item.photo, item.file, item.media_type, item.poll, item.location_information,
                             item.contact_information)  # fmt: skip
                    kind = "m" if any(v is not null and bytes(v) != b"null" for v in media) else "e"
                words = _text(text) if kind == "m" and len(text) > 2 else None  # read.repeats, inlined
                if words is not None:
                    digest = hash(words) ^ hash(sender)
                    if digest in seen:
                        kind = "r"
                    else:
                        seen.add(digest)
            out((key, sender, seconds, kind))
