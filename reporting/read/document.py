"""The approved roadmap kept as a Word document (``roadmap.docx``), read as the roadmap's tables.

The document holds the activities as a table (№, Мероприятие, Ответственные, Срок, Результат) and
the target indicators as the text before it («…при достижении следующих целевых показателей к
30.12.2023: – 100% педагогических работников … написавших не менее 10 сообщений; …»).  Both become
the sheets the roadmap's reader knows: «Дорожная карта» (the title paragraphs above the table, as a
sheet's title rows) and «Показатели» (one row per target, its text verbatim).

The file is checked as a workbook is (zip proportions, a DTD in any part) before python-docx parses it.
"""

from __future__ import annotations

import io
import re
import zipfile
from dataclasses import dataclass, field

from ..errors import Problem
from ..words import counted
from .parts import PartRefused, xml_parts
from .workbook import Workbook, WorkbookUnreadable, check_proportions

ACTIVITIES, INDICATORS = "Дорожная карта", "Показатели"
INDICATOR_HEADERS = ["Показатель", "Категория", "Порог сообщений", "Целевое значение, %", "Срок"]
_TARGET = re.compile(r"(\d{1,3}(?:[.,]\d+)?)\s*%")
_THRESHOLD = re.compile(r"не\s+менее\s+(\d+)\s+сообщ", re.IGNORECASE)
_DEADLINE = re.compile(r"\bк\s+(\d{1,2}\.\d{1,2}\.\d{4})")
# who a target counts, by the words the approved texts use for them
_TEACHERS = re.compile(r"педагог|учител", re.IGNORECASE)
_ADMINISTRATION = re.compile(r"управлени|администрац|руковод|МОИВ", re.IGNORECASE)


@dataclass
class DocumentBook(Workbook):
    """A Word document as the two sheets it holds; the reader treats it as any workbook."""

    sheets: dict[str, list[list[object]]] = field(default_factory=dict)
    said: list[str] = field(default_factory=list)  # what the reading report says about the document

    def rows(self, sheet: str, probe: bool = False, limit: int | None = None) -> list[list[object]]:
        if not probe:
            self.read.add(sheet)
        return [list(row) for row in self.sheets[sheet][:limit]]

    def percent_cells(self, sheet: str) -> set[tuple[int, int]]:
        return set()

    def hidden_lines(self, sheet: str) -> tuple[tuple[int, ...], tuple[int, ...]]:
        return (), ()

    def merged_ranges(self, sheet: str) -> list[tuple[int, int, int, int]]:
        return []  # a cell merged down a Word table is in each of its rows already (python-docx)

    def error_cells(self, sheet: str):
        return ()

    def uncached_formulas(self, sheet: str) -> list[tuple[int, int]]:
        return []

    def saved_at(self) -> str:
        return ""


def open_document(data: bytes, name: str) -> DocumentBook:
    def refuse(message: str, hint: str | None = None) -> WorkbookUnreadable:
        return WorkbookUnreadable(Problem("unreadable_file", name, message, hint=hint))

    if not data.startswith(b"PK\x03\x04"):
        raise refuse("это не документ Word (.docx)", "Сохраните документ как «Документ Word (*.docx)»")
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            check_proportions(archive, refuse)
            for _ in xml_parts(archive, (".xml", ".rels")):
                pass  # each part decompressed once and refused with a DTD, before python-docx parses any
    except PartRefused as exc:
        raise refuse(exc.message, exc.hint) from None
    except (zipfile.BadZipFile, OSError, ValueError, EOFError, NotImplementedError):
        raise refuse("файл повреждён: не читается как .docx") from None
    try:
        import docx

        document = docx.Document(io.BytesIO(data))
    except Exception as exc:  # python-docx raises several types for damage
        raise refuse(f"документ не читается как документ Word ({exc})",
                     "Сохраните его в Word как «Документ Word (*.docx)»; если это таблица Excel, назовите её "
                     "roadmap.xlsx") from None  # fmt: skip
    if not document.tables:
        raise refuse("в документе нет таблицы мероприятий",
                     "Таблица мероприятий (№, Мероприятие, Ответственные, Срок, Результат) должна быть таблицей Word")  # fmt: skip
    table = document.tables[0]
    before = _paragraphs_before(document, table)
    rows = [[_text(cell) for cell in _cells(row)] for row in table.rows]
    title = [[text] for text in before if not _is_target(text) and not _is_intro(text)]
    book = DocumentBook(data, name, [ACTIVITIES], None, sheets={ACTIVITIES: [*title[:6], *rows]})
    targets = [text for text in before if _is_target(text)]
    if targets:
        deadline = next((m[1] for t in before if _is_intro(t) and (m := _DEADLINE.search(t))), "")
        book.sheets[INDICATORS] = [INDICATOR_HEADERS, *(_indicator(text, deadline) for text in targets)]
        book.sheet_names.append(INDICATORS)
        book.said.append(f"целевые показатели прочитаны из текста перед таблицей ({len(targets)})")
    book.said.append("мероприятия прочитаны из таблицы документа: "
                     + counted(max(len(rows) - 1, 0), ("строка", "строки", "строк"), " "))  # fmt: skip
    return book


def _paragraphs_before(document, table) -> list[str]:
    """Texts of the body's paragraphs before the table (in document order)."""
    texts = []
    for element in document.element.body.iterchildren():
        if element is table._tbl:
            break
        if element.tag.endswith("}p"):
            text = "".join(node.text or "" for node in element.iter() if node.tag.endswith("}t")).strip()
            if text:
                texts.append(text)
    return texts


def _cells(row):
    """A row's cells once each (a merged cell spans several grid columns but is one cell)."""
    seen, found = set(), []
    for cell in row.cells:
        if id(cell._tc) not in seen:
            seen.add(id(cell._tc))
            found.append(cell)
    return found


def _text(cell) -> str:
    return "\n".join(p.text for p in cell.paragraphs).strip()


def _is_intro(text: str) -> bool:
    return "целев" in text.casefold() and "показател" in text.casefold()


_LEADING_TARGET = re.compile(r"^[–—\-•·]?\s*(?:\d+[.)]\s*)?\d{1,3}(?:[.,]\d+)?\s*%")


def _is_target(text: str) -> bool:
    """«– 100% педагогических работников …»: a line that opens with its target, after a typed dash or
    none (a Word list's bullet or number is formatting, not text)."""
    return bool(_LEADING_TARGET.match(text.strip())) and not _is_intro(text)


def _indicator(text: str, deadline: str) -> list[object]:
    """A «Показатели» row from a target's sentence: its text verbatim, whom it counts, the threshold."""
    wording = text.lstrip("–—-•· \t").rstrip(";.")
    target = _TARGET.search(text)[1].replace(",", ".")
    threshold = _THRESHOLD.search(text)
    teachers, administration = bool(_TEACHERS.search(text[:120])), bool(_ADMINISTRATION.search(text[:120]))
    category = "педагогические работники" if teachers and not administration else (
        "администрация" if administration and not teachers else "")  # fmt: skip
    return [wording, category, int(threshold[1]) if threshold else "", f"{target}%", deadline]
