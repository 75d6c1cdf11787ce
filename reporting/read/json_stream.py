"""The elements of a JSON array, one at a time, from a file of any size.

A chat export holds up to millions of messages; ``json.load`` would hold them all as Python
objects (gigabytes).  Here the file is read in chunks and each element decoded by the C
decoder (``JSONDecoder.raw_decode``) where it starts: memory is one chunk and one element, and
the speed is the decoder's.  The array is the document itself (``[…]``, a VK dump) or the value
of a top-level key (``{"messages": […]}``, Telegram and MAX); the other top-level values are
returned as the header.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator

from .limits import MAX_DEPTH_MESSAGE

CHUNK = 1 << 22  # characters read at a time
MAX_ELEMENT = 1 << 24  # one message larger than this is not a message: refused, not buffered


class JsonShapeError(ValueError):
    """Not the expected JSON: ``where`` is the element's number (1-based) or 0 before the array."""

    def __init__(self, message: str, where: int = 0):
        super().__init__(message)
        self.where = where


TOO_DEEP = MAX_DEPTH_MESSAGE.format(what="выгрузка чата")
_SPACE = re.compile(r"[ \t\n\r]*")
_DECODER = json.JSONDecoder()


class Reader:
    def __init__(self, handle):
        self.handle, self.buf, self.pos, self.eof = handle, "", 0, False
        self.fill()

    def fill(self) -> None:
        more = self.handle.read(CHUNK)
        if not more:
            self.eof = True
        self.buf, self.pos = self.buf[self.pos :] + more, 0

    def peek(self) -> str:
        while True:
            self.pos = _SPACE.match(self.buf, self.pos).end()
            if self.pos < len(self.buf) or self.eof:
                return self.buf[self.pos : self.pos + 1]
            self.fill()

    def value(self, where: int):
        """One JSON value at the position; a value cut by the chunk's end is read again whole."""
        self.peek()  # raw_decode does not skip the spaces before a value
        while True:
            try:
                value, end = _DECODER.raw_decode(self.buf, self.pos)
                if end < len(self.buf) or self.eof:  # a number at the very end may go on
                    self.pos = end
                    return value
            except json.JSONDecodeError as exc:
                if self.eof:
                    raise JsonShapeError(_decode_message(exc, self.eof), where) from None
            except RecursionError:
                raise JsonShapeError(TOO_DEEP, where) from None
            if len(self.buf) - self.pos > MAX_ELEMENT:
                raise JsonShapeError(f"элемент больше {MAX_ELEMENT // 2**20} МБ — это не сообщение", where)
            self.fill()


def _decode_message(exc: json.JSONDecodeError, eof: bool) -> str:
    if exc.msg.startswith(("Unterminated", "Expecting")) and eof:
        return "файл обрезан или повреждён: JSON не закончен"
    return f"JSON повреждён ({exc.msg})"


def items(handle, key: str | None = None, header: dict | None = None) -> Iterator:
    """Each element of the array (the document, or its top-level ``key``); ``header`` receives the
    document's other top-level values (those before the array are known when the first element
    comes, those after it when the iteration ends)."""
    reader = Reader(handle)
    first = reader.peek()
    if key is None:
        if first != "[":
            raise JsonShapeError("ожидался массив JSON […]" if first else "файл пуст")
    else:
        if first != "{":
            raise JsonShapeError(f"ожидался объект JSON {{…}} с ключом «{key}»" if first else "файл пуст")
        reader.pos += 1
        if not find_key(reader, key, header):
            raise JsonShapeError(f"в объекте нет ключа «{key}»")
        if reader.peek() != "[":
            raise JsonShapeError(f"«{key}» должен быть массивом […]")
    reader.pos += 1
    if reader.peek() == "]":
        reader.pos += 1
    else:
        yield from _elements(reader)
    if key is not None:
        find_key(reader, None, header)  # the keys after the array, into the header


def _elements(reader: Reader) -> Iterator:
    """The array's elements up to its «]». The hot loop of a million messages: the common case (an
    element and its comma inside the chunk) stays in local variables; the rest goes through the
    reader, which refills."""
    decode, space = _DECODER.raw_decode, _SPACE.match
    buf, pos, number = reader.buf, reader.pos, 0
    while True:
        number += 1
        pos = space(buf, pos).end()
        try:
            value, end = decode(buf, pos)
        except (json.JSONDecodeError, RecursionError):  # the reader's own call says which
            end = len(buf)
        if end >= len(buf) - 1:  # at the chunk's end: the element (or its comma) may go on
            reader.pos = pos
            value = reader.value(number)
            buf, end = reader.buf, reader.pos
        yield value
        reader.buf, reader.pos = buf, end
        mark = reader.peek()
        buf, pos = reader.buf, reader.pos + 1
        if mark == "]":
            reader.pos = pos
            return
        if mark != ",":
            raise JsonShapeError("после элемента массива нет запятой или «]»: JSON повреждён", number)


def find_key(reader: Reader, key: str | None, header: dict | None) -> bool:
    """Reads ``"name": value`` pairs of the top-level object until ``key`` (its value not read)."""
    while True:
        mark = reader.peek()
        if mark == ",":
            reader.pos += 1
            mark = reader.peek()
        if mark == "}":
            reader.pos += 1
            return False
        if mark != '"':
            raise JsonShapeError("объект JSON повреждён: ожидалось имя ключа")
        name = reader.value(0)
        if reader.peek() != ":":
            raise JsonShapeError("объект JSON повреждён: после имени ключа нет «:»")
        reader.pos += 1
        if name == key:
            return True
        value = reader.value(0)
        if header is not None:
            header[name] = value
