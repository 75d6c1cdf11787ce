"""Chats of pupils and of parents (issue 31, point 2): whom each chat is for, and the extract of such a
chat with its pupils and parents made anonymous.

A chat's audience is declared in ``inputs/chats/chats.toml`` — by its id (``collect --discover --write``
writes them) or by the folder or file of its export under ``chats/`` (``path``), for Telegram and VK
exports.  A chat not declared, or declared «?», is read as the staff's, as before.

In a chat of pupils or parents, a writer or member who is on the staff roster (a class teacher in the
parents' chat) is staff and counts as staff.  Everyone else is kept only as a salted hash: the same
person in two chats is one person, and the archived extract holds neither a name nor an id of theirs.
The salt is derived from all those ids together, so the same exports give the same bytes, and the
package alone cannot test a guessed id.  A writer whose name fits several staff members is neither
staff nor the chat's audience: counted nowhere, and the reading report says how many."""

from __future__ import annotations

import dataclasses
import hashlib
import hmac
import tomllib
from dataclasses import dataclass

from ..errors import Problems
from ..inputs import PARENTS, PUPILS, STAFF, Person, is_connected
from ..read.chats import Extract
from .categories import category_of
from .chats import HASHED, UNSURE, StaffMatcher

CHATS_TOML = "chats/chats.toml"
GROUPS = (PARENTS, PUPILS)  # the audiences counted without names
WORDS = "«сотрудники», «родители», «обучающиеся» или «?»"


@dataclass(frozen=True)
class Audiences:
    by_id: dict[tuple[str, str], str]  # (platform, chat id) → PARENTS, PUPILS or STAFF
    by_path: tuple[tuple[str, str], ...]  # (an export's folder or file under chats/, group), longest first

    def of(self, extract: Extract) -> str | None:
        for path, group in self.by_path:
            if extract.source == path or extract.source.startswith(path + "/"):
                return group
        return self.by_id.get((extract.platform, extract.chat))


def read_audiences(data: bytes | None, problems: Problems) -> Audiences:
    """chats.toml's ``[[chat]]`` entries: ``id`` (with ``platform``, «max» unless said) or ``path``, and
    ``audience``.  An entry that does not read is a located problem."""
    if not data:
        return Audiences({}, ())
    try:
        entries = tomllib.loads(data.decode("utf-8-sig")).get("chat", [])
    except (UnicodeDecodeError, tomllib.TOMLDecodeError, RecursionError, ValueError) as exc:
        problems.add("bad_toml", CHATS_TOML, f"файл не читается: {exc}"[:300],
                     hint="Исправьте его или удалите и выполните make-report collect --discover --write")  # fmt: skip
        return Audiences({}, ())
    by_id, by_path = {}, []
    for number, entry in enumerate(entries if isinstance(entries, list) else [], 1):
        if not isinstance(entry, dict):
            continue
        group = _group(entry.get("audience", "?"))
        where = f"chat[{number}]"
        if group is False:
            problems.add("bad_value", CHATS_TOML, f"непонятно, для кого чат: допустимо {WORDS}",
                         column=f"{where}.audience", value=str(entry.get("audience"))[:60],
                         hint='Напишите, например, audience = "родители"')  # fmt: skip
            continue
        path = str(entry.get("path", "")).strip().strip("/")
        if path:
            path = "chats/" + path.removeprefix("chats/")  # as an export's source is named
            if group:
                by_path.append((path, group))
        elif str(entry.get("id", "")).strip():
            if group:
                by_id[str(entry.get("platform", "max")).strip().lower(), str(entry["id"]).strip()] = group
        else:
            problems.add("bad_value", CHATS_TOML, "у чата нет ни id, ни path", column=where,
                         hint='Напишите id = "123456" (чат MAX) или path = "telegram/5А родители" (папка выгрузки)')  # fmt: skip
    return Audiences(by_id, tuple(sorted(by_path, key=lambda item: -len(item[0]))))


def _group(value: object) -> str | None | bool:
    """PARENTS, PUPILS, STAFF; None for «?» (read as the staff's, as any chat); False if not understood."""
    text = str(value or "").strip()
    if text in ("", "?"):
        return None
    found = category_of(text, indicator=True)
    if found is None or is_connected(found):
        return False
    return found if found in GROUPS else STAFF


def anonymized(extracts: list[Extract], audiences: Audiences, people: list[Person]) -> tuple[list[Extract], dict]:
    """The extracts with every pupil's and parent's id replaced by a hash and their names gone; and
    each audience extract's group by its source.  Idempotent: an archived extract comes back the same."""
    groups = {e.source: audiences.of(e) for e in extracts}
    groups = {source: group for source, group in groups.items() if group in GROUPS}
    if not groups:
        return extracts, {}
    matcher = StaffMatcher(people)
    sort: dict[tuple[str, str], str] = {}  # (platform, sender) → "staff", "audience", "unsure"
    for extract in extracts:
        if extract.source not in groups:
            continue
        for sender in {s for _, s, _, _ in extract.messages} | set(extract.members) | set(extract.joined):
            who = (extract.platform, sender)
            if who not in sort:
                sort[who] = _sort(matcher, extract.platform, sender, extract.members.get(sender, ""))
    hidden = sorted(f"{p}:{s}" for (p, s), how in sort.items() if how != "staff" and not s.startswith(HASHED))
    salt = hashlib.sha256(b"make-report audience salt v1\n" + "\n".join(hidden).encode()).digest()
    result = []
    for extract in extracts:
        result.append(_hidden(extract, salt, sort) if extract.source in groups else extract)
    return result, groups


def _sort(matcher, platform: str, sender: str, name: str) -> str:
    if sender.startswith(UNSURE):
        return "unsure"
    if sender.startswith(HASHED):
        return "audience"
    row, why = matcher.match(platform, sender, name)
    if row is not None:
        return "staff"
    return "unsure" if why.startswith("подходят несколько") else "audience"


def _hidden(extract: Extract, salt: bytes, sort: dict) -> Extract:
    done: dict[str, str] = {}  # a sender's hash, made once however many messages they wrote

    def hashed(sender: str) -> str:
        found = done.get(sender)
        if found is not None:
            return found
        how = sort.get((extract.platform, sender))
        if how == "staff" or sender.startswith((HASHED, UNSURE)):
            found = sender
        else:
            digest = hmac.new(salt, f"{extract.platform}:{sender}".encode(), hashlib.sha256).hexdigest()[:24]
            found = (UNSURE if how == "unsure" else HASHED) + digest
        done[sender] = found
        return found

    def key(message_id: str) -> str:
        if message_id.startswith(HASHED):
            return message_id
        return HASHED + hmac.new(salt, f"m:{extract.platform}:{message_id}".encode(), hashlib.sha256).hexdigest()[:24]

    return dataclasses.replace(
        extract,
        # a member list keeps its pupils and parents as hashes without names (for «connected»); an export of
        # messages, its writers' names only for staff (the others are in its messages, hashed)
        members={
            hashed(s): (n if sort.get((extract.platform, s)) == "staff" else "")
            for s, n in extract.members.items()
            if not extract.messages or sort.get((extract.platform, s)) == "staff"
        },
        messages=[(key(k), hashed(s), seconds, kind) for k, s, seconds, kind in extract.messages],
        joined={hashed(s): when for s, when in extract.joined.items()},
    )
