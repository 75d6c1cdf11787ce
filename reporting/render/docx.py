"""DOCX documents built with python-docx from the same view as the PDFs.

Text goes in as runs, never parsed as markup, so any cell text stays data.
Timestamps are fixed and the zip is rewritten with constant dates so the
same inputs give the same bytes.
"""

from __future__ import annotations

import datetime as dt
import io
import zipfile

from .fonts import DOCX_FAMILY

BODY_PT, TABLE_PT, NOTE_PT = 13, 10, 10


def _setup(doc, title: str, author: str, day: dt.date):
    from docx.oxml.ns import qn
    from docx.shared import Mm, Pt

    style = doc.styles["Normal"]
    style.font.name = DOCX_FAMILY
    style.font.size = Pt(BODY_PT)
    style.element.rPr.rFonts.set(qn("w:eastAsia"), DOCX_FAMILY)
    style.paragraph_format.space_after = Pt(4)
    section = doc.sections[0]
    section.page_height, section.page_width = Mm(297), Mm(210)
    section.top_margin, section.bottom_margin = Mm(20), Mm(20)
    section.left_margin, section.right_margin = Mm(20), Mm(10)
    section.different_first_page_header_footer = True
    _page_number(section.header.paragraphs[0])
    props = doc.core_properties
    stamp = dt.datetime.combine(day, dt.time())
    props.title, props.author, props.language = title, author, "ru-RU"
    props.created = props.modified = props.last_printed = stamp
    props.last_modified_by = author
    props.revision = 1


def _page_number(paragraph):
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run = paragraph.add_run()
    for kind, text in (("begin", None), (None, "PAGE"), ("end", None)):
        if kind:
            element = OxmlElement("w:fldChar")
            element.set(qn("w:fldCharType"), kind)
        else:
            element = OxmlElement("w:instrText")
            element.set(qn("xml:space"), "preserve")
            element.text = text
        run._r.append(element)


def _para(doc, text="", *, bold=False, align=None, indent=True, size=None, left=None, space_after=None):
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Mm, Pt

    paragraph = doc.add_paragraph()
    aligns = {
        "center": WD_ALIGN_PARAGRAPH.CENTER,
        "right": WD_ALIGN_PARAGRAPH.RIGHT,
        None: WD_ALIGN_PARAGRAPH.JUSTIFY,
        "left": WD_ALIGN_PARAGRAPH.LEFT,
    }
    paragraph.alignment = aligns[align]
    if indent and align is None:
        paragraph.paragraph_format.first_line_indent = Mm(12.5)
    if left is not None:
        paragraph.paragraph_format.left_indent = Mm(left)
    if space_after is not None:
        paragraph.paragraph_format.space_after = Pt(space_after)
    for number, line in enumerate(str(text).split("\n")):
        if number:
            paragraph.add_run().add_break()
        run = paragraph.add_run(line)
        run.bold = bold
        if size:
            run.font.size = Pt(size)
    return paragraph


def _table(
    doc, headers: list[str], rows: list[list[str]], widths_mm: list[float], shaded: set[tuple[int, int]] = frozenset()
):
    from docx.enum.table import WD_TABLE_ALIGNMENT
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Pt

    table = doc.add_table(rows=1, cols=len(headers))
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False

    def fill(cell, text, bold=False):
        cell.text = ""
        paragraph = cell.paragraphs[0]
        paragraph.paragraph_format.space_after = Pt(0)
        for number, line in enumerate(str(text).split("\n")):
            if number:
                paragraph.add_run().add_break()
            run = paragraph.add_run(line)
            run.bold = bold
            run.font.size = Pt(TABLE_PT)

    for cell, header in zip(table.rows[0].cells, headers, strict=True):
        fill(cell, header, bold=True)
    header_props = table.rows[0]._tr.get_or_add_trPr()
    repeat = OxmlElement("w:tblHeader")
    repeat.set(qn("w:val"), "true")
    header_props.append(repeat)
    for r, values in enumerate(rows):
        row = table.add_row()
        cant_split = OxmlElement("w:cantSplit")
        row._tr.get_or_add_trPr().append(cant_split)
        for c, (cell, value) in enumerate(zip(row.cells, values, strict=True)):
            fill(cell, value)
            if (r, c) in shaded:
                shade = OxmlElement("w:shd")
                shade.set(qn("w:val"), "clear")
                shade.set(qn("w:fill"), "FFF2CC")
                cell._tc.get_or_add_tcPr().append(shade)
    _widths(table, widths_mm)
    doc.add_paragraph().paragraph_format.space_after = Pt(0)
    return table


def _widths(table, widths_mm: list[float]) -> None:
    """Fixed layout with explicit grid widths: Word reads tcW, LibreOffice the grid."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Mm

    layout = OxmlElement("w:tblLayout")
    layout.set(qn("w:type"), "fixed")
    table._tbl.tblPr.append(layout)
    for column, width in zip(table.columns, widths_mm, strict=True):
        column.width = Mm(width)
    for row in table.rows:
        for cell, width in zip(row.cells, widths_mm, strict=True):
            cell.width = Mm(width)


def _approval(doc, v):
    for line in (
        "УТВЕРЖДАЮ",
        v["head_position_full"],
        f"____________ {v['head_name']}",
        v["doc_date"] or "«___» ____________ 20___ г.",
    ):
        _para(doc, line, align="left", left=95, space_after=0)
    _para(doc, "")


def _heading(doc, v, kind: str, title: str):
    _para(doc, v["org_full"], bold=True, align="center")
    _para(doc, kind, bold=True, align="center", space_after=0)
    _para(doc, title, bold=True, align="center")
    reg = f"{v['doc_date'] or '____________'} № {v['doc_number'] or '______'}"
    _para(doc, reg + (f"\n{v['city']}" if v["city"] else ""), align="left")


def _signature(doc, v):
    from docx.shared import Pt

    _para(doc, "")
    table = doc.add_table(rows=1, cols=3)
    for cell, text in zip(table.rows[0].cells, (v["head_position_full"], "____________", v["head_name"]), strict=True):
        cell.text = ""
        run = cell.paragraphs[0].add_run(text)
        run.font.size = Pt(BODY_PT)
    _widths(table, [85, 35, 60])
    table.rows[0].cells[1].paragraphs[0].alignment = 1  # centre
    table.rows[0].cells[2].paragraphs[0].alignment = 2  # right


def _save(doc) -> bytes:
    raw = io.BytesIO()
    doc.save(raw)
    return normalize_zip(raw.getvalue())


def normalize_zip(data: bytes) -> bytes:
    """Rewrite an OOXML zip with constant entry dates (python-docx stamps the clock)."""
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            entry = zipfile.ZipInfo(info.filename, date_time=(1980, 1, 1, 0, 0, 0))
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.external_attr = 0o644 << 16
            target.writestr(entry, source.read(info.filename))
    return out.getvalue()


def render_report_docx(v: dict, chart_png: bytes, day: dt.date) -> bytes:
    from docx import Document
    from docx.shared import Mm

    doc = Document()
    _setup(doc, "Отчёт " + v["report_title"], v["org_short"], day)
    _approval(doc, v)
    _heading(doc, v, "ОТЧЁТ", v["report_title"])
    _para(doc, f"Отчётный период: {v['period_text']}; мониторинг проведён в {v['monitored_weeks']} нед. "
          f"Статусы мероприятий указаны на {v['status_date']}. Пользователем платформы считается сотрудник, "
          "написавший за неделю не менее установленного порога сообщений.")  # fmt: skip
    _para(doc, "1. Целевые показатели", bold=True, align="left")
    _table(doc, ["Показатель", "Цель", "Срок", "На конец четверти", "Изменение", "Итог"],
           [[i["text"], i["target"], i["deadline"], f"{i['end']}\n({i['end_counts']})", i["change"], i["verdict"]] for i in v["indicators"]],
           [70, 18, 22, 25, 22, 23])  # fmt: skip
    _para(doc, "2. Динамика по неделям", bold=True, align="left")
    doc.add_picture(io.BytesIO(chart_png), width=Mm(170))
    for i in v["indicators"]:
        _para(doc, f"{i['category']} (порог — {i['threshold']} сообщений в неделю; средний охват — {i['average']}; "
              f"недель на целевом уровне — {i['weeks_at_target']})", bold=False, align="left")  # fmt: skip
        rows = [[w["week"], w["counted"], w["active"], w["percent"]] for w in i["weeks"]] or [
            ["Мониторинг не проводился", "", "", ""]
        ]
        _table(doc, ["Неделя", "Учтено", "Написали не менее порога", "Охват"], rows, [60, 30, 50, 30])
    _para(doc, "3. Охват по подразделениям (последняя неделя четверти)", bold=True, align="left")
    _table(doc, ["Категория", "Подразделение", "Охват", "Учтено / активных", "Средний охват"],
           [[i["category"], d["name"], d["end"], d["end_counts"], d["average"]] for i in v["indicators"] for d in i["departments"]],
           [40, 60, 22, 28, 30])  # fmt: skip
    _para(doc, f"4. Исполнение мероприятий на {v['status_date']}", bold=True, align="left")
    rows = [
        [a["number"], a["title"], a["responsible"], a["deadline"], a["status"], "\n".join(a["evidence"]), a["new_due"]]
        for a in v["activities"]
    ]
    shaded = {(r, 6) for r, a in enumerate(v["activities"]) if a["new_due"]}
    _table(doc, ["№", "Мероприятие", "Ответственные", "Срок", "Статус", "Исполнение в четверти", "Скорректированный срок"],
           rows, [8, 46, 25, 22, 24, 33, 22], shaded)  # fmt: skip
    _para(doc, "5. Выводы и предложения", bold=True, align="left")
    for line in v["conclusions"]:
        _para(doc, line)
    _para(doc, "Предложения:", align="left")
    for number, line in enumerate(v["proposals"], start=1):
        _para(doc, f"{number}) {line}")
    _signature(doc, v)
    if v["executor_name"] and not v["no_names"]:
        _para(doc, "")
        _para(doc, f"Исп. {v['executor_name']}", align="left", size=NOTE_PT, space_after=0)
        _para(doc, v["executor_phone"], align="left", size=NOTE_PT)
    if v["below"]:
        doc.add_page_break()
        _para(doc, "Приложение к отчёту\n(для внутреннего пользования)", align="left", left=95)
        _para(doc, "Сотрудники ниже порога активности в последнюю неделю четверти", bold=True, align="center")
        _table(doc, ["№", "ФИО", "Категория", "Должность", "Подразделение", "Сообщений"],
               [[str(n), p["name"], p["category"], p["position"], p["department"], p["messages"]] for n, p in enumerate(v["below"], start=1)],
               [8, 50, 30, 35, 35, 18])  # fmt: skip
    return _save(doc)


def render_roadmap_docx(v: dict, day: dt.date) -> bytes:
    from docx import Document

    doc = Document()
    _setup(doc, "Дорожная карта " + v["roadmap_title"], v["org_short"], day)
    _approval(doc, v)
    _heading(doc, v, "ДОРОЖНАЯ КАРТА", v["roadmap_title"])
    _para(doc, "Дорожная карта является выполненной при достижении следующих целевых показателей:")
    for i in v["indicators"]:
        _para(doc, f"– {i['text']} — целевое значение {i['target']} к {i['deadline']}.")
    rows = [
        [a["number"], a["title"], a["responsible"], a["deadline"], a["result"], a["status"], a["new_due"]]
        for a in v["activities"]
    ]
    shaded = {(r, 6) for r, a in enumerate(v["activities"]) if a["new_due"]}
    shaded |= {(r, 2) for r, a in enumerate(v["activities"]) if a["responsible_changed"]}
    _table(doc, ["№", "Мероприятие", "Ответственные", "Срок", "Результат", f"Статус на {v['status_date']}", "Скорректированный срок"],
           rows, [8, 48, 25, 22, 28, 26, 23], shaded)  # fmt: skip
    _para(doc, f"Изменения по итогам {v['quarter']} четверти", bold=True, align="left")
    for line in v["changes"] or ["Изменений нет."]:
        _para(doc, f"– {line}")
    _para(doc, "Изменённые ячейки выделены цветом.", align="left", size=NOTE_PT)
    _signature(doc, v)
    return _save(doc)
