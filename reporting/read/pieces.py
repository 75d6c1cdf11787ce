"""A region's big sheet parsed in pieces, on both cores at once (issue 22).

calamine parses a sheet in one go, on one core: a region's weekly sheet (108 MB of XML) took 1.5 s
while the other core waited.  A sheet whose XML has passed the proof (``sheet_scan``: every tag one
that spreadsheet writers write, every cell within bounds) can be cut between its rows.  Each piece
is a workbook of its own: the parts calamine opens a book with (``BOOK_PARTS``, as they were
checked), and the sheet's head, a run of whole rows and its closing tags, stored, not deflated.  Two threads each write a
piece and parse it; the pieces' rows are then joined into exactly the rows one parse gives (a test
compares them), or — should the rows not come in order — the sheet is parsed in one go after all.

A piece lives in memory (a memfd) on Linux, or in a private temporary folder elsewhere, and is
gone as soon as it is parsed.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import tempfile
import zipfile
from collections.abc import Callable
from concurrent.futures import Future

PIECES_FROM = 24 * 1024**2  # a sheet this big is cut (a school's sheets are a few hundred KB)
PIECE_BYTES = 16 * 1024**2  # about this much XML a piece: a region's weekly sheet in 7
_OPEN, _CLOSE = b"<sheetData>", b"</sheetData>"
# What calamine reads to open a workbook and give a sheet's values (names, shared strings, number
# formats for dates, the 1904 flag): not the other sheets, pivot caches, calcChain or drawings,
# which could be bigger than the piece itself
BOOK_PARTS = frozenset((
    "[Content_Types].xml", "_rels/.rels", "xl/workbook.xml", "xl/_rels/workbook.xml.rels", "xl/sharedStrings.xml",
    "xl/styles.xml", "xl/metadata.xml",
))  # fmt: skip


def book_parts(parts: dict[str, bytes]) -> dict[str, bytes]:
    """The parts of ``parts`` a piece needs: ``BOOK_PARTS`` and what the workbook's relationships
    name as its shared strings, styles, theme or metadata — matched without regard to case, as
    calamine finds them (a writer that saved «xl/SharedStrings.xml» is read so)."""
    from defusedxml import ElementTree

    wanted = {name.casefold() for name in BOOK_PARTS}
    rels = next((data for name, data in parts.items() if name.casefold() == "xl/_rels/workbook.xml.rels"), None)
    try:
        relationships = list(ElementTree.fromstring(rels)) if rels else []
    except Exception:  # damaged: calamine's own opening says so; the piece takes every part along
        return dict(parts)
    for relationship in relationships:
        kind, target = relationship.get("Type", "").rpartition("/")[2], relationship.get("Target", "")
        if kind in ("sharedStrings", "styles", "theme", "sheetMetadata") and target:
            wanted.add((target.lstrip("/") if target.startswith("/") else "xl/" + target).casefold())
    return {name: data for name, data in parts.items() if name.casefold() in wanted}


def memfd_available() -> bool:
    return hasattr(os, "memfd_create") and os.path.isdir("/proc/self/fd")


class PieceFiles:
    """The pieces' files: in memory where the system has memfd, else in a folder of its own."""

    def __init__(self) -> None:
        # made here, once, on the reader's thread: the two threads writing pieces share it
        self.in_memory = memfd_available()
        self.folder: str | None = None if self.in_memory else tempfile.mkdtemp(prefix="make-report-")

    def write(self, parts: dict[str, bytes], part: str, chunks) -> tuple[str, int | None]:
        """A stored workbook of ``parts`` and the sheet ``part`` made of ``chunks``; (path, fd)."""
        if self.in_memory:
            fd = os.memfd_create("make-report-piece", os.MFD_CLOEXEC)
            path, handle = f"/proc/self/fd/{fd}", open(fd, "wb", closefd=False)  # noqa: SIM115 (closed below)
        else:
            fd, handle = None, tempfile.NamedTemporaryFile(dir=self.folder, suffix=".xlsx", delete=False)  # noqa: SIM115
            path = handle.name
        with handle, zipfile.ZipFile(handle, "w", zipfile.ZIP_STORED) as book:
            for name, data in parts.items():
                book.writestr(name, data)
            with book.open(part, "w", force_zip64=True) as sheet:
                for chunk in chunks:
                    sheet.write(chunk)
        return path, fd

    def release(self, path: str, fd: int | None) -> None:
        if fd is not None:
            os.close(fd)
        else:
            with contextlib.suppress(OSError):
                os.unlink(path)

    def close(self) -> None:
        if self.folder is not None:
            shutil.rmtree(self.folder, ignore_errors=True)
            self.folder = None


class PieceQueue:
    """A sheet's pieces, each handed to the threads as soon as the proof has passed its rows.

    ``window(first, last)`` is called for each proved window of rows (sheet_scan); runs of windows
    of ``PIECE_BYTES`` or so become pieces.  ``sheet()`` once the whole sheet is proved, or
    ``cancel()`` when it is not (what was started finishes and is dropped)."""

    def __init__(self, submit: Callable, parts: dict[str, bytes], part: str, sheet: str, xml: bytes):
        self.submit, self.part, self.sheet_name = submit, part, sheet
        self.parts = book_parts(parts)
        self.files = PieceFiles()
        view = memoryview(xml)
        self.end = xml.rfind(_CLOSE)
        self.head, self.tail, self.view = view[: xml.find(_OPEN) + len(_OPEN)], _closing(xml), view
        self.first: int | None = None
        self.futures: list[Future] = []

    def window(self, first: int, last: int) -> None:
        if self.first is None:
            self.first = first
        if last - self.first >= PIECE_BYTES or last == self.end:
            self.futures.append(self.submit(self._parse, self.first, last))
            self.first = None

    def sheet(self, whole: Callable) -> PiecedSheet:
        _when_done(self.futures, self.files.close)
        return PiecedSheet(self.futures, whole)

    def cancel(self) -> None:
        for future in self.futures:
            future.cancel()
        _when_done(self.futures, self.files.close)

    def _parse(self, first: int, last: int):
        """Write the piece, parse it, let its file go."""
        import python_calamine

        path, fd = self.files.write(self.parts, self.part, (self.head, self.view[first:last], self.tail))
        try:
            book = python_calamine.CalamineWorkbook.from_path(path)
            try:
                return book.get_sheet_by_name(self.sheet_name)
            finally:
                book.close()
        finally:
            self.files.release(path, fd)


def _when_done(futures: list[Future], then: Callable) -> None:
    """``then()`` once every one of ``futures`` is done (a sheet's pieces: their folder goes)."""
    import threading

    if not futures:
        then()
        return
    left, lock = [len(futures)], threading.Lock()

    def one_done(_):
        with lock:
            left[0] -= 1
            if left[0] == 0:
                then()

    for future in futures:
        future.add_done_callback(one_done)


def _closing(xml: bytes) -> bytes:
    """</sheetData> and the root's own end tag, whatever its prefix (the original tail's other
    elements — margins, page setup — hold no values)."""
    return _CLOSE + xml[xml.rfind(b"</") :].strip()


class PiecedSheet:
    """The pieces' parses in order; ``to_python`` joins them as one parse gives the sheet."""

    def __init__(self, futures: list[Future], whole: Callable):
        self.futures, self.whole = futures, whole

    def result(self) -> PiecedSheet:
        return self

    def cancel(self) -> None:
        for future in self.futures:
            future.cancel()

    def to_python(self, skip_empty_area: bool = False, nrows: int | None = None) -> list[list]:
        assert not skip_empty_area, "pieces give the sheet from A1, as the workbook reads it"
        sheets = [future.result() for future in self.futures]
        used = [sheet for sheet in sheets if sheet.start is not None and sheet.height]
        if any(after.start[0] <= before.end[0] for before, after in zip(used, used[1:], strict=False)):
            # rows out of order (no writer does that, but calamine sorts them): one parse decides
            return self.whole().to_python(skip_empty_area=False, nrows=nrows)
        width = max((sheet.end[1] + 1 for sheet in used), default=0)
        rows: list[list] = []
        for sheet in used:
            (top, left), right = sheet.start, width - sheet.end[1] - 1
            rows.extend([""] * width for _ in range(top - len(rows)))
            block = sheet.to_python(skip_empty_area=True)
            if left or right:
                block = [[""] * left + row + [""] * right for row in block]
            rows.extend(block)
            if nrows is not None and len(rows) >= nrows:
                return rows[:nrows]
        return rows
