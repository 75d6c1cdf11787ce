"""The fast path for a big chat export: an array of objects decoded a few megabytes at a time by
msgspec into small typed records, skipping at C speed every field the indicator does not need
(texts are kept only as raw bytes, to tell empty from not).

The file is read in chunks; each chunk is cut after an element's closing «}» that a «,» and a
«{» follow, and the part before the cut is decoded as one array.  A cut inside a string or a
nested object leaves that part unbalanced, so it cannot decode: then the cut before it is tried.
Only a cut between two whole elements decodes, so the elements are exactly those of the file.
Anything else — a field of the wrong type, an element too large, a shape not expected — is
``Unsuitable``, and the caller reads the file again on the slow path (``json_stream``), which
says exactly what and where.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

CHUNK = 8 << 20
TRIES = 16  # cuts tried from the chunk's end before giving up on the fast path
MAX_ELEMENT = 16 << 20
_CUT = re.compile(rb"\}\s*,\s*\{")


class Unsuitable(Exception):
    """The fast path cannot read this file: read it on the slow path."""


def available() -> bool:
    try:
        import msgspec  # noqa: F401
    except ImportError:  # a platform without its wheel: the slow path reads everything
        return False
    return True


def batches(handle, element_type, start: bytes = b"") -> Iterator[list]:
    """Lists of ``element_type`` from ``handle`` (binary, positioned just after the array's «[»;
    ``start``: bytes already read past it).  Ends at the array's «]»; ``handle`` is not read
    further than the chunk holding it."""
    import msgspec

    decoder = msgspec.json.Decoder(list[element_type])
    buffer, finished = start, False
    while True:
        if not finished:
            more = handle.read(CHUNK)
            finished = not more
            buffer += more
        if finished:
            yield _last(decoder, buffer)
            return
        cut = _decodable(decoder, buffer)
        if cut is None:
            if len(buffer) > 4 * CHUNK + MAX_ELEMENT:
                raise Unsuitable  # no element ends in 16 MB: not a chat export's message
            continue  # no whole element yet in the buffer: read more
        items, rest = cut
        yield items
        buffer = rest


def _decodable(decoder, buffer: bytes):
    import msgspec

    ends = [m for m in _CUT.finditer(buffer, max(0, len(buffer) - (1 << 20)))][-TRIES:]
    if not ends:
        ends = [m for m in _CUT.finditer(buffer)][-TRIES:]
    for found in reversed(ends):
        try:
            items = decoder.decode(b"[" + buffer[: found.start() + 1] + b"]")
        except msgspec.DecodeError:
            continue
        return items, buffer[found.end() - 1 :]
    return None


def _last(decoder, buffer: bytes) -> list:
    """The last elements: up to the array's «]» (the last «]» that decodes, anything after it
    being the rest of the document)."""
    import msgspec

    end = len(buffer)
    for _ in range(TRIES):
        end = buffer.rfind(b"]", 0, end)
        if end < 0:
            break
        try:
            return decoder.decode(b"[" + buffer[:end] + b"]")
        except msgspec.DecodeError:
            continue
    raise Unsuitable
