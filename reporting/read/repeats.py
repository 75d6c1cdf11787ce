"""Exact repeats of a sender's own texts within one export (issue 31, point 6: activity padding).

Scripts post generated texts into school chats to meet quotas; the same text again and again is the
mark of it.  While an export is read, each message's text is hashed here in memory, with its sender,
and a message whose text the same sender already sent is a repeat.  Only the repeats' message ids
reach the extract; neither the texts nor their hashes are kept.  Whitespace and case are not a
difference (a script varies neither; a person rarely sends the same words twice)."""

from __future__ import annotations

import hashlib


class Repeats:
    def __init__(self) -> None:
        self._seen: set[bytes] = set()

    def seen_before(self, sender: str, text: str) -> bool:
        """Whether ``sender`` sent this ``text`` earlier in the export (an empty text is never a repeat)."""
        words = " ".join(text.split()).casefold()
        if not words:
            return False
        digest = hashlib.blake2b(f"{sender}\0{words}".encode("utf-8", "surrogatepass"), digest_size=16).digest()
        if digest in self._seen:
            return True
        self._seen.add(digest)
        return False


def plain_text(value) -> str:
    """A message's text as its words: a string, or Telegram's rich text (a list of strings and
    ``{"type", "text"}`` parts); anything else has none."""
    if isinstance(value, str):
        return value
    if isinstance(value, list):
        return "".join(part if isinstance(part, str) else str(part.get("text", "")) if isinstance(part, dict) else ""
                       for part in value)  # fmt: skip
    return ""
