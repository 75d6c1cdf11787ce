"""Open an .xlsx or .ods safely and hand out its sheets as rows of Python values.

Reading goes through python-calamine (a Rust reader, many times faster than
openpyxl), which reads LibreOffice's .ods as well.  Before anything parses the
file we check that it is a real, unencrypted zip of sane proportions: a
workbook arrives by e-mail and must not be able to exhaust memory (zip or XML
bombs, or an .ods that repeats one cell a hundred million times).
"""

from __future__ import annotations

import io
import re
import zipfile
from dataclasses import dataclass, field
from pathlib import PurePosixPath

from ..errors import Problem
from . import pieces
from .fills import fill_styles, ods_fills
from .formulas import FormulaCells, xlsx_formulas
from .ods import OdsSheet, is_ods, scan_ods
from .ods import percent_cells as ods_percent_cells
from .parts import PartRefused, SheetScan, scan_parts
from .sheet_scan import cell_styles

MAX_ENTRIES = 10_000
MAX_TOTAL_BYTES = 2 * 1024**3
MAX_RATIO = 200  # real sheets compress 5-50x; bombs compress 1000x and more
RATIO_CHECK_FROM = 1024**2  # tiny entries may have any ratio

_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ENCRYPTED = "EncryptedPackage".encode("utf-16-le")
_PERCENT_FORMATS = {9, 10}  # Excel's built-in 0% and 0.00%


# Excel's format, LibreOffice's own, Excel 97–2003's and a CSV export (one sheet): read alike
TABLE_SUFFIXES = (".xlsx", ".ods", ".xls", ".csv")


class WorkbookUnreadable(Exception):
    def __init__(self, problem: Problem):
        self.problem = problem
        super().__init__(problem.message)


@dataclass
class Workbook:
    data: bytes = field(repr=False)  # the file as read once: parsed and hashed alike
    name: str  # as shown to the user in messages
    sheet_names: list[str]
    _book: object = field(repr=False)
    _sheet_xml: dict[str, str] = field(repr=False, default_factory=dict)
    _scans: dict[str, SheetScan] = field(repr=False, default_factory=dict)
    _ods: dict[str, OdsSheet] | None = field(repr=False, default=None)  # an .ods: what its scan found per sheet
    read: set[str] = field(default_factory=set)  # sheets read so far (the others are reported unused)
    hidden: frozenset[str] = frozenset()  # sheets Excel or Calc does not show (hidden or very hidden)
    _parsed: dict[str, object] = field(repr=False, default_factory=dict)  # sheet -> Future of its parse
    declared: dict[str, object] = field(default_factory=dict)  # header_key(contract sheet) -> DeclaredTable
    layouts: dict[str, object] = field(default_factory=dict)  # contract sheet -> TableLayout, as read
    by_content: dict[str, list[str]] = field(default_factory=dict)  # contract sheet -> sheets that fit it
    said: list[str] = field(default_factory=list)  # what the reading report says of the file itself (an .xls)
    period: tuple = ()  # (first day, last day, where it was read) of the week or month the file is for, if it says
    _formula_cells: dict[str, FormulaCells | None] = field(repr=False, default_factory=dict)  # sheet -> as found

    def rows(self, sheet: str, probe: bool = False, limit: int | None = None) -> list[list[object]]:
        """All rows from A1, so that list index + 1 is the Excel row number.

        An empty cell is "" as calamine gives it (``Row.get`` turns it into None);
        not rewriting millions of cells keeps a regional sheet fast.  Raises
        ``WorkbookUnreadable`` (naming the sheet) when the reader fails on it.
        """
        if not probe:  # a look at the header to see what the sheet holds is not a reading
            self.read.add(sheet)
        try:
            parsed = self._parsed.get(sheet) if probe else self._parsed.pop(sheet, None)
            found = parsed.result() if parsed is not None else self._book.get_sheet_by_name(sheet)
            return found.to_python(skip_empty_area=False, nrows=limit)
        except (KeyboardInterrupt, SystemExit, MemoryError):
            raise
        except BaseException as exc:  # calamine raises several types, and a Rust panic is a BaseException
            problem = Problem("unreadable_file", self.name, f"лист не читается, файл повреждён ({exc})", sheet=sheet)
            raise WorkbookUnreadable(problem) from None

    def fills(self, sheet: str) -> dict[tuple[int, int], str]:
        """(row, column index) -> the cell's solid fill colour («FF00B050», «theme 9», «indexed 13»)
        for every filled cell of an .xlsx sheet (white and «no fill» left out). For small sheets (the
        roadmap), where a status may be kept as a colour; an .ods's from its cell styles."""
        if self._ods is not None:  # LibreOffice's cell styles: their background colour
            with zipfile.ZipFile(io.BytesIO(self.data)) as archive:
                return ods_fills(archive, sheet)
        part = self._sheet_xml.get(sheet)
        if part is None:
            return {}
        with zipfile.ZipFile(io.BytesIO(self.data)) as archive:
            colours = fill_styles(archive)
            if not colours:
                return {}
            xml = archive.read(part)
        try:
            return {(row, column): colours[style] for row, column, style in cell_styles(xml, sheet) if style in colours}
        except PartRefused:
            return {}

    def hidden_lines(self, sheet: str) -> tuple[tuple[int, ...], tuple[int, ...]]:
        """(row numbers, column indexes) hidden in an .xlsx sheet — by hand or by a filter, as the
        sheet's one scan found them; calamine reads them as any other. An .ods gives none."""
        scan = self._scans.get(sheet)
        return scan.hidden if scan is not None else ((), ())

    def may_have_merges(self, sheet: str) -> bool:
        """False when the sheet is known to hold no merged cell (an .xlsx proved by its scan, an .ods
        scanned without one): then nothing need look for them row by row."""
        if self._ods is not None:
            return bool(self._ods[sheet].merges) if sheet in self._ods else False
        scan = self._scans.get(sheet)
        return scan is None or scan.merged

    def merged_ranges(self, sheet: str) -> list[tuple[int, int, int, int]]:
        """(first row, first column, last row, last column), 0-based, of the sheet's merged cells
        (a merge's value stands in its first cell; the others read empty). An .xlsx's sheet is parsed
        again for them: asked only where a sheet shows the sign of one; an .ods's come from its scan."""
        if self._ods is not None:  # found by the .ods scan (calamine gives none for an .ods)
            return list(self._ods[sheet].merges) if sheet in self._ods else []
        try:
            found = self._book.get_sheet_by_name(sheet).merged_cell_ranges or []
        except (KeyboardInterrupt, SystemExit, MemoryError):
            raise
        except BaseException:  # damaged: the sheet's own read says so
            return []
        return [(r0, c0, r1, c1) for (r0, c0), (r1, c1) in found]

    def saved_at(self) -> str:
        """When the file was last saved, from its own properties (``dcterms:modified`` of an .xlsx,
        ``dc:date`` of an .ods) as an ISO string, or "" — part of the file, so it survives archiving."""
        part, tag = ("meta.xml", rb"<dc:date>([^<]+)</dc:date>") if self._ods is not None else (
            "docProps/core.xml", rb"<dcterms:modified[^>]*>([^<]+)</dcterms:modified>")  # fmt: skip
        try:
            with zipfile.ZipFile(io.BytesIO(self.data)) as archive:
                found = re.search(tag, archive.read(part)[:65536])
        except (KeyError, zipfile.BadZipFile, OSError, ValueError):
            return ""
        return found.group(1).decode("ascii", "replace").strip() if found else ""

    def percent_cells(self, sheet: str) -> set[tuple[int, int]]:
        """(row, column index) of cells shown as a percentage: Excel stores «100%» as 1.

        Read for small sheets only (the indicators), where a fraction would
        otherwise pass for a target of 1 %.
        """
        if self._ods is not None:
            return ods_percent_cells(self._ods[sheet]) if sheet in self._ods else set()
        part = self._sheet_xml.get(sheet)
        if part is None:
            return set()
        with zipfile.ZipFile(io.BytesIO(self.data)) as archive:
            styles = _percent_styles(archive)
            if not styles:
                return set()
            xml = archive.read(part)
        try:
            return {(row, column) for row, column, style in cell_styles(xml, sheet) if style in styles}
        except PartRefused:  # damaged: the sheet's own read says so
            return set()

    def error_cells(self, sheet: str) -> tuple[tuple[int, int, str], ...]:
        """(row, column index, text) of cells holding a cached error value such as #DIV/0!
        (an .ods keeps an error as a formula without a value: ``uncached_formulas`` names it)."""
        scan = self._scans.get(sheet)
        return scan.errors if scan is not None else ()

    def formula_kinds(self, sheet: str) -> dict[tuple[int, int], str]:
        """(row, column index) -> what the cell's formula computes (formulas.SUM, AGGREGATE or ""), for
        every formula cell; nothing is read for a sheet without formulas."""
        if self._ods is not None:
            return dict(self._ods[sheet].formula_kinds) if sheet in self._ods else {}
        found = self._formulas(sheet)
        return dict(found.kinds) if found else {}

    def uncached_formulas(self, sheet: str) -> list[tuple[int, int]]:
        """(row, column index) of formula cells saved without a computed value.

        Files written by scripts often carry formulas nobody calculated;
        readers see them as empty and silently drop figures.
        """
        if self._ods is not None:
            return list(self._ods[sheet].uncached) if sheet in self._ods else []
        scan = self._scans.get(sheet)
        if scan is not None and scan.uncached is not None:  # the sheet was walked element by element
            return list(scan.uncached)
        found = self._formulas(sheet)
        return list(found.uncached) if found else []

    def _formulas(self, sheet: str) -> FormulaCells | None:
        """An .xlsx sheet's formula cells, its part read once for both questions; None without formulas."""
        if sheet in self._formula_cells:
            return self._formula_cells[sheet]
        part, scan = self._sheet_xml.get(sheet), self._scans.get(sheet)
        found = None
        if part is not None and (scan is None or scan.formulas):
            with zipfile.ZipFile(io.BytesIO(self.data)) as archive:
                xml = archive.read(part)
            found = xlsx_formulas(xml) if b"<f" in xml else None
        self._formula_cells[sheet] = found
        return found


def open_workbook(data: bytes, name: str, csv_sheet: str = "") -> Workbook:
    """Check, then open; raise ``WorkbookUnreadable`` with a located problem. A CSV is one sheet,
    named ``csv_sheet`` (the table it stands for: «Мониторинг» for monitoring.csv), else its file's."""

    def refuse(message: str, hint: str | None = None) -> WorkbookUnreadable:
        return WorkbookUnreadable(Problem("unreadable_file", name, message, hint=hint))

    if name.lower().endswith(".csv"):
        return _csv(data, name, csv_sheet or PurePosixPath(name).stem, refuse)

    head = data[:8]
    if head == _OLE_MAGIC:
        if _ENCRYPTED in data:
            raise refuse(
                "файл защищён паролем",
                "Снимите пароль (Файл → Сведения → Защита книги) и сохраните заново",
            )
        return _old_excel(data, name, refuse)
    if not head.startswith(b"PK\x03\x04"):
        raise refuse("это не файл Excel (.xlsx) и не таблица LibreOffice (.ods)", "Сохраните таблицу в формате .xlsx")
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, NotImplementedError, ValueError, EOFError, OSError):
        raise refuse("файл повреждён: не читается как .xlsx или .ods") from None
    ods, parser = None, _Parser(data, {})
    with archive:
        check_proportions(archive, refuse)
        try:
            if is_ods(archive):
                sheet_xml, scans, ods = {}, {}, scan_ods(archive)
            else:
                _require_workbook(archive, refuse)
                sheet_xml = _sheet_parts(archive)
                parser.sheet_parts = sheet_xml
                scans = scan_parts(archive, sheet_xml, ready=parser.start, pieces=parser.pieces_for)
                parser.finish()
        except PartRefused as exc:
            parser.abandon()
            raise WorkbookUnreadable(
                Problem("unreadable_file", name, exc.message, sheet=exc.sheet, hint=exc.hint)
            ) from None
    try:
        import python_calamine

        book = python_calamine.CalamineWorkbook.from_filelike(io.BytesIO(data))
        names = list(book.sheet_names)
        shown = python_calamine.SheetVisibleEnum.Visible
        hidden = frozenset(m.name for m in book.sheets_metadata if m.visible != shown)
    except Exception as exc:  # calamine raises several error types for damage
        parser.abandon()
        raise refuse(f"файл повреждён: {exc}") from None
    workbook = Workbook(data, name, names, book, sheet_xml, scans, _ods=ods, hidden=hidden)
    workbook._parsed = parser.futures
    return workbook


OLD_FORMAT_NOTE = ("старый формат Excel 97–2003 (.xls): прочитаны значения ячеек и объединения; цвета заливки, "
                   "скрытые строки и столбцы и процентный формат ячеек в нём не читаются — сохраните файл как .xlsx, "
                   "если они что-то значат")  # fmt: skip


def _old_excel(data: bytes, name: str, refuse) -> Workbook:
    """An .xls (Excel 97–2003) as calamine reads it: the cells' values and merges.  The file is no zip, so
    none of the .xlsx checks apply, and none is needed: a BIFF file holds its cells uncompressed, bounded
    by its size (capped before reading) and by the format's 65 536 rows × 256 columns."""
    try:
        import python_calamine

        book = python_calamine.CalamineWorkbook.from_filelike(io.BytesIO(data))
        names = list(book.sheet_names)
        shown = python_calamine.SheetVisibleEnum.Visible
        hidden = frozenset(m.name for m in book.sheets_metadata if m.visible != shown)
    except Exception as exc:  # a password (FILEPASS), damage: calamine's own words
        if "password" in str(exc).lower() or "encrypt" in str(exc).lower():
            raise refuse("файл защищён паролем", "Снимите пароль и сохраните заново") from None
        raise refuse(f"файл Excel 97–2003 (.xls) повреждён: {exc}"[:300],
                     "Откройте его и сохраните как «Книга Excel (*.xlsx)»") from None  # fmt: skip
    workbook = Workbook(data, name, names, book, {}, {}, hidden=hidden)
    workbook.said = [OLD_FORMAT_NOTE]
    return workbook


def _csv(data: bytes, name: str, sheet: str, refuse) -> Workbook:
    from .csv_book import CsvBook, CsvRefused, read_csv

    try:
        reading = read_csv(data)
    except CsvRefused as exc:
        raise refuse(exc.message, exc.hint) from None
    workbook = Workbook(data, name, [sheet], CsvBook(sheet, reading.rows), {}, {})
    workbook.said = [reading.said(sheet)]
    return workbook


class _Parser:
    """Sheets parsed in the background, each as soon as its XML has passed the checks.

    calamine releases the GIL while it parses, so a region's weekly sheet is parsed on one core
    while its roster is parsed on the other and then validated; a sheet of ``PIECES_FROM`` or more
    is cut into pieces that both threads parse (pieces.py).  Each thread has a reader of its own
    (opened once every part but the sheets has passed): one reader is never used by two threads."""

    def __init__(self, data: bytes, sheet_parts: dict[str, str]):
        import threading

        self.data, self.futures, self._pool, self._local = data, {}, None, threading.local()
        self.sheet_parts, self._queues = sheet_parts, {}

    def _submit(self, job, *args):
        if self._pool is None:
            from concurrent.futures import ThreadPoolExecutor

            self._pool = ThreadPoolExecutor(max_workers=2, thread_name_prefix="make-report-sheets")
        return self._pool.submit(job, *args)

    def pieces_for(self, sheet: str, xml: bytes, others: dict[str, bytes]):
        """What the proof calls with each window of rows it passes: a big sheet's pieces start then."""
        if len(xml) < pieces.PIECES_FROM:
            return None
        queue = self._queues[sheet] = pieces.PieceQueue(self._submit, dict(others), self.sheet_parts[sheet], sheet, xml)
        return queue.window

    def start(self, sheet: str, scan: SheetScan) -> None:
        """The sheet has passed: its pieces make it up, or it is parsed in one go."""
        queue = self._queues.pop(sheet, None)
        if queue is not None and scan.proved:
            self.futures[sheet] = queue.sheet(whole=lambda: self._parse(sheet))
            return
        if queue is not None:
            queue.cancel()  # walked, not proved: its pieces are not the sheet calamine reads
        self.futures[sheet] = self._submit(self._parse, sheet)

    def _parse(self, sheet: str):
        import python_calamine

        book = getattr(self._local, "book", None)
        if book is None:
            book = self._local.book = python_calamine.CalamineWorkbook.from_filelike(io.BytesIO(self.data))
        return book.get_sheet_by_name(sheet)

    def finish(self) -> None:
        """Every sheet is queued: the threads end once they are parsed."""
        if self._pool is not None:
            self._pool.shutdown(wait=False)

    def abandon(self) -> None:
        """The file is refused: parse nothing more (a parse under way finishes and is dropped)."""
        for future in self.futures.values():
            future.cancel()
        for queue in self._queues.values():
            queue.cancel()
        self.futures, self._queues = {}, {}
        self.finish()


def check_proportions(archive: zipfile.ZipFile, refuse) -> None:
    entries = archive.infolist()
    if len(entries) > MAX_ENTRIES:
        raise refuse(f"в файле слишком много частей ({len(entries)}); файл отклонён")
    if sum(e.file_size for e in entries) > MAX_TOTAL_BYTES:
        raise refuse("заявленный размер распакованного файла больше 2 ГБ; файл отклонён")
    for entry in entries:
        if entry.file_size > RATIO_CHECK_FROM and entry.file_size > MAX_RATIO * max(entry.compress_size, 1):
            raise refuse(f"часть {entry.filename} сжата подозрительно сильно; файл отклонён")


def _require_workbook(archive: zipfile.ZipFile, refuse) -> None:
    names = archive.namelist()
    if "xl/workbook.xml" not in names:
        # some Windows tools write «xl\workbook.xml», or put the book elsewhere: the checks here know
        # the parts by their standard names, so such a file is saved again by a spreadsheet first
        odd = " (части записаны с обратной косой чертой, «xl\\workbook.xml»)" if any("\\" in n for n in names) else ""
        raise refuse(
            f"файл не является книгой Excel (нет xl/workbook.xml) или таблицей LibreOffice (.ods){odd}",
            "Откройте файл в Excel или LibreOffice Calc и сохраните его заново как «Книга Excel (*.xlsx)»",
        )


def _percent_styles(archive: zipfile.ZipFile) -> set[int]:
    """Indexes of cell styles (cellXfs) whose number format shows a percentage."""
    from defusedxml import ElementTree

    try:
        root = ElementTree.fromstring(archive.read("xl/styles.xml"))
    except Exception:  # no styles, or damaged: no percent formats to honour
        return set()
    custom = set()
    for element in root.iter():
        if element.tag.endswith("}numFmt"):
            code = re.sub(r'"[^"]*"|\\.', "", element.get("formatCode", ""))  # quoted text is not a format
            if "%" in code:
                custom.add(int(element.get("numFmtId", "-1")))
    styles = set()
    for element in root.iter():
        if element.tag.endswith("}cellXfs"):
            for index, xf in enumerate(x for x in element if x.tag.endswith("}xf")):
                if int(xf.get("numFmtId", "0")) in _PERCENT_FORMATS | custom:
                    styles.add(index)
    return styles


def _sheet_parts(archive: zipfile.ZipFile) -> dict[str, str]:
    """Map sheet names to their XML parts (for the formula check)."""
    from defusedxml import ElementTree

    try:
        book = ElementTree.fromstring(archive.read("xl/workbook.xml"))
        rels = ElementTree.fromstring(archive.read("xl/_rels/workbook.xml.rels"))
    except Exception:
        return {}
    targets = {rel.get("Id"): rel.get("Target", "") for rel in rels}
    parts = {}
    for sheet in book.iter():
        if sheet.tag.endswith("}sheet"):
            rid = next((v for k, v in sheet.attrib.items() if k.endswith("}id")), None)
            target = targets.get(rid, "")
            target = target.lstrip("/") if target.startswith("/") else "xl/" + target
            parts[sheet.get("name")] = target
    return parts
