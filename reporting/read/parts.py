"""Look at every XML part of a workbook before any parser does.

Each part is decompressed once, here: a damaged part (bad CRC, a false size, a
part the workbook names but the zip lacks) becomes a located refusal instead of
a crash deep in a reader; a DTD anywhere in a part is refused; and a sheet whose
cells reach far away (one stray value in XFD1048576 makes a reader allocate the
whole rectangle up to it) is refused, naming the cell, before it is read.
"""

from __future__ import annotations

import dataclasses
import zipfile
import zlib

from .hidden import hidden_lines
from .sheet_scan import AGAIN, MAX_CELLS, PartRefused, SheetScan, refuse_extent, scan_sheet

__all__ = ["AGAIN", "MAX_CELLS", "PREFETCH_FROM", "PartRefused", "SheetScan", "read_part", "refuse_extent", "scan_parts",
           "xml_parts"]  # fmt: skip

PREFETCH_FROM = 4 * 1024**2  # a sheet this big is parsed in the background; a small one when read
DAMAGE = (zipfile.BadZipFile, zlib.error, EOFError, OSError, NotImplementedError, RuntimeError, ValueError)


def read_part(archive: zipfile.ZipFile, name: str) -> bytes:
    try:
        return archive.read(name)
    except KeyError:
        raise PartRefused(f"в файле нет части {name}, которую называет книга; файл повреждён", hint=AGAIN) from None
    except DAMAGE as exc:
        raise PartRefused(f"часть {name} повреждена ({exc}); файл не читается", hint=AGAIN) from None


def scan_parts(archive: zipfile.ZipFile, sheets: dict[str, str], ready=None, pieces=None) -> dict[str, SheetScan]:
    """Check every XML part; return each sheet's extent by sheet name (raise ``PartRefused``).

    The parts other than sheets come first, then the sheets, smallest first, and
    ``ready(sheet, scan)`` is called as soon as that sheet has passed: its parse may start while
    the next sheet is still being checked (a reader opening the book reads the other parts: all of
    them are checked by then).  ``pieces(sheet, xml, others)`` gives what the proof of a big sheet
    calls with each window of rows it has passed, ``others`` being the checked parts that are not
    sheets (pieces.py)."""
    by_part = {part: sheet for sheet, part in sheets.items()}
    names = set(archive.namelist())
    for sheet, part in sheets.items():
        if part not in names:
            raise PartRefused(f"в файле нет листа «{sheet}» (часть {part}); файл повреждён", AGAIN, sheet)
    # the smaller sheet first: a region's roster (read first) is parsed while its weekly sheet is
    # checked; the weekly sheet is then parsed in pieces on both cores while the roster is validated
    infos = sorted(archive.infolist(), key=lambda info: (1, info.file_size) if info.filename in by_part else (0, 0))
    scans, others = {}, {}
    for name, xml in xml_parts(archive, (".xml", ".rels"), infos, own_check=set(by_part)):
        sheet = by_part.get(name)
        if sheet is None:
            others[name] = xml  # checked: what a piece of a big sheet is packed with (pieces.py)
            continue
        on_window = pieces(sheet, xml, others) if pieces is not None else None  # a big sheet's pieces start
        scans[sheet] = scan_sheet(xml, sheet, name, on_window)  # a DTD in a sheet is refused there
        if b"hidden" in xml:  # rows or columns hidden by hand or a filter: read, and said (table.py)
            scans[sheet] = dataclasses.replace(scans[sheet], hidden=hidden_lines(xml))
        if ready is not None and len(xml) >= PREFETCH_FROM:
            ready(sheet, scans[sheet])
    return scans


def xml_parts(archive: zipfile.ZipFile, suffixes: tuple[str, ...], infos=None, own_check=frozenset()):
    """(name, bytes) of every XML part, each decompressed once and refused if it holds a DTD
    (an entity can be declared only inside one, so «<!DOCTYPE» is what is looked for) — except the
    parts in ``own_check``, whose scanner refuses a DTD itself, in the same pass it makes anyway."""
    for info in archive.infolist() if infos is None else infos:
        if info.filename.endswith(suffixes):
            xml = read_part(archive, info.filename)
            # XML is case-sensitive: no other spelling declares a DTD
            if info.filename not in own_check and b"<!DOCTYPE" in xml:
                raise PartRefused(f"часть {info.filename} содержит DTD; файл отклонён")
            yield info.filename, xml
