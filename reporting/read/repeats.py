"""Exact repeats of a sender's own texts within one export (issue 31, point 6: activity padding).

Scripts post generated texts into school chats to meet quotas; the same text again and again is the
mark of it.  While an export is read, each message's text is hashed here in memory, with its sender,
and a message whose exact text the same sender already sent is a repeat: its kind in the extract is
``r`` instead of ``m`` (it counts all the same).  Neither the texts nor their hashes are kept."""

from __future__ import annotations


class Repeats:
    """The (sender, text) pairs seen so far, as Python's own hashes (salted per process, in memory only)."""

    def __init__(self) -> None:
        self._seen: set[int] = set()

    def seen_before(self, sender: str, text: str) -> bool:
        """Whether ``sender`` sent exactly this ``text`` earlier in the export (an empty text never repeats).
        The fast readers (chat_fast.py) do the same inline on a text's JSON bytes: within one export equal
        bytes are equal texts, and an export is read by one reader from its start to its end."""
        if not text or text.isspace():
            return False
        digest = hash((sender, text))
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
