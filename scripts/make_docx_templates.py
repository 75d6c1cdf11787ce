"""Write the Word templates ``templates/report.docx`` and ``templates/roadmap.docx``.

The templates are ordinary DOCX files with docxtpl (Jinja2) tags: a secretary
can open them in Word or LibreOffice and change the letterhead, fonts,
margins or wording without touching the tags (``{{ … }}``, ``{%p … %}`` for
paragraphs, ``{%tr … %}`` for table rows).  This script is how the shipped
versions were made; run it again only to start over from the defaults:
``python scripts/make_docx_templates.py``.
"""

from __future__ import annotations

from pathlib import Path

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, RGBColor

TEMPLATES = Path(__file__).resolve().parents[1] / "templates"
FONT = "Times New Roman"  # Word has it; LibreOffice substitutes the metric-compatible Liberation Serif
BODY_PT, TABLE_PT, NOTE_PT = 13, 10, 10
ALIGN = {"center": WD_ALIGN_PARAGRAPH.CENTER, "right": WD_ALIGN_PARAGRAPH.RIGHT, "left": WD_ALIGN_PARAGRAPH.LEFT,
         None: WD_ALIGN_PARAGRAPH.JUSTIFY}  # fmt: skip


def setup(doc, landscape: bool = False) -> None:
    style = doc.styles["Normal"]
    style.font.name = FONT
    style.font.size = Pt(BODY_PT)
    style.element.rPr.rFonts.set(qn("w:eastAsia"), FONT)
    # the PDF's spacing (document.css): line-height 1.2, 6 pt after a paragraph
    style.paragraph_format.space_after = Pt(6)
    style.paragraph_format.line_spacing = Pt(BODY_PT * 1.2)
    for name, size, before, after, center in (
        ("Heading 1", BODY_PT, 12, 0, True),
        ("Heading 2", BODY_PT, 12, 6, False),
    ):
        heading_style = doc.styles[name]  # real headings: Word's navigation pane and table of contents see them
        heading_style.font.name, heading_style.font.size = FONT, Pt(size)
        heading_style.font.bold, heading_style.font.italic = True, False
        heading_style.font.color.rgb = RGBColor(0, 0, 0)
        fonts = heading_style.element.rPr.rFonts
        for attribute in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
            fonts.attrib.pop(qn(attribute), None)  # the theme's heading font (a sans) would win over ours
        for attribute in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
            fonts.set(qn(attribute), FONT)
        heading_style.paragraph_format.space_before, heading_style.paragraph_format.space_after = Pt(before), Pt(after)
        heading_style.paragraph_format.line_spacing = Pt(size * 1.2)
        heading_style.paragraph_format.keep_with_next = True
        heading_style.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER if center else WD_ALIGN_PARAGRAPH.LEFT
    bullets_style = doc.styles["List Bullet"]  # the PDF's <ul>: a bullet, 8 mm in, 2 pt between items
    bullets_style.font.name, bullets_style.font.size = FONT, Pt(BODY_PT)
    bullets_style.paragraph_format.space_after = Pt(2)
    bullets_style.paragraph_format.line_spacing = Pt(BODY_PT * 1.2)
    bullets_style.paragraph_format.left_indent = Mm(8)
    section = doc.sections[0]
    section.page_height, section.page_width = (Mm(210), Mm(297)) if landscape else (Mm(297), Mm(210))
    if landscape:  # the roadmap: a wide table (GOST R 7.0.97-2025 allows landscape pages for tables)
        section.orientation = WD_ORIENT.LANDSCAPE
    section.top_margin, section.bottom_margin = Mm(20), Mm(20)
    section.left_margin, section.right_margin = Mm(20), Mm(10)
    section.different_first_page_header_footer = True  # GOST: numbers from page 2
    page_number(section.header.paragraphs[0])


def page_number(paragraph) -> None:
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


def para(doc, text="", *, bold=False, align=None, indent=True, size=None, left=None, after=None):
    paragraph = doc.add_paragraph()
    paragraph.alignment = ALIGN[align]
    if indent and align is None:
        paragraph.paragraph_format.first_line_indent = Mm(12.5)
    if left is not None:
        paragraph.paragraph_format.left_indent = Mm(left)
    if after is not None:
        paragraph.paragraph_format.space_after = Pt(after)
    run = paragraph.add_run(text)
    run.bold = bold
    if bold and align == "left":
        paragraph.paragraph_format.keep_with_next = True  # a heading stays with what it heads
    if size:
        run.font.size = Pt(size)
        paragraph.paragraph_format.line_spacing = Pt(size * 1.2)
    return paragraph


def styled_heading(doc, text: str, level: int = 2):
    """A heading in Word's own heading style (Heading 1: the document's kind; Heading 2: a section)."""
    return doc.add_paragraph(text, style=f"Heading {level}")


def bullets(doc, loop: str, text: str) -> None:
    """The PDF's list (<ul>): one «List Bullet» paragraph per item of ``loop``."""
    tag(doc, f"{{%p for {loop} %}}")
    doc.add_paragraph(text, style="List Bullet")
    tag(doc, "{%p endfor %}")


def tag(doc, text: str) -> None:
    """A paragraph that holds only a docxtpl tag (removed when rendered)."""
    para(doc, text, align="left", after=0)


def table(
    doc, headers: list[str], loop: str, cells: list[str], widths: list[float], right: tuple[int, ...] = ()
) -> None:
    """A header row repeated on every page and one templated row per item of ``loop``; the columns in
    ``right`` (figures) right-aligned, as the PDF has them."""
    grid = doc.add_table(rows=4, cols=len(headers))
    grid.style = "Table Grid"
    grid.alignment = WD_TABLE_ALIGNMENT.CENTER
    rows = [
        headers,
        [f"{{%tr for {loop} %}}"] + [""] * (len(headers) - 1),
        cells,
        ["{%tr endfor %}"] + [""] * (len(headers) - 1),
    ]
    for number, (row, values) in enumerate(zip(grid.rows, rows, strict=True)):
        for index, (cell, value) in enumerate(zip(row.cells, values, strict=True)):
            fill(cell, value, bold=number == 0)
            if number == 2 and index in right:
                for paragraph in cell.paragraphs:
                    paragraph.alignment = ALIGN["right"]
        props = row._tr.get_or_add_trPr()
        element = OxmlElement("w:tblHeader" if number == 0 else "w:cantSplit")
        if number == 0:
            element.set(qn("w:val"), "true")
        props.append(element)
    layout = OxmlElement("w:tblLayout")
    layout.set(qn("w:type"), "fixed")
    grid._tbl.tblPr.append(layout)
    for column, width in zip(grid.columns, widths, strict=True):
        column.width = Mm(width)
    for row in grid.rows:
        for cell, width in zip(row.cells, widths, strict=True):
            cell.width = Mm(width)
    para(doc, "", after=0)


def fill(cell, text: str, bold: bool = False) -> None:
    """Each line of ``text`` is a paragraph of its own (so ``{%p %}`` tags work in cells)."""
    lines = text.split("\n")
    cell.text = ""
    for number, line in enumerate(lines):
        paragraph = cell.paragraphs[0] if number == 0 else cell.add_paragraph()
        paragraph.paragraph_format.space_after = Pt(0)
        paragraph.paragraph_format.line_spacing = Pt(TABLE_PT * 1.2)
        if bold:
            paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        run = paragraph.add_run(line)
        run.bold = bold
        run.font.size = Pt(TABLE_PT)


def mark(doc, left: float = 95) -> None:
    """The attachment mark of a covering letter (only with --letter)."""
    each(doc, "line in mark", "{{ line }}", align="left", left=left, after=0)
    tag(doc, "{%p if mark %}")  # a line between the mark and the approval stamp, as the PDF has it
    para(doc, "", align="left", left=left, after=0)
    tag(doc, "{%p endif %}")


def each(doc, loop: str, text: str, **style) -> None:
    """One paragraph repeated for every item of ``loop`` (a docxtpl paragraph loop)."""
    tag(doc, f"{{%p for {loop} %}}")
    para(doc, text, **style)
    tag(doc, "{%p endfor %}")


def executor(doc) -> None:
    """The executor mark at the end of the last page (not with --no-names)."""
    tag(doc, "{%p if v.executor_name %}")
    para(doc, "")
    para(doc, "Исп. {{ v.executor_name }}", align="left", size=NOTE_PT, after=0)
    para(doc, "{{ v.executor_phone }}", align="left", size=NOTE_PT)
    tag(doc, "{%p endif %}")


def approval(doc, left: float = 95) -> None:
    for line in ("УТВЕРЖДАЮ", "{{ v.head_position_full }}", "____________ {{ v.head_name }}",
                 "{{ v.doc_date or '«___» ____________ 20___\u00a0г.' }}"):  # fmt: skip
        para(doc, line, align="left", left=left, after=0)
    para(doc, "")


def heading(doc, kind: str, title: str) -> None:
    """Organisation, kind of document, date and number, then the title (GOST R 7.0.97's order)."""
    para(doc, "{{ v.org_full }}", bold=True, align="center")
    styled_heading(doc, kind, level=1)
    para(doc, "{{ v.doc_date or '____________' }} №\u00a0{{ v.doc_number or '______' }}", align="left")
    para(doc, title, bold=True, align="center")


def signature(doc, landscape: bool = False) -> None:
    """Position, line, name across the whole text block (267 mm wide on a landscape page, 180 mm upright)."""
    para(doc, "")
    grid = doc.add_table(rows=1, cols=3)
    for cell, text, align in zip(grid.rows[0].cells, ("{{ v.head_position_full }}", "____________", "{{ v.head_name }}"),
                                 ("left", "center", "right"), strict=True):  # fmt: skip
        cell.text = ""
        cell.paragraphs[0].alignment = ALIGN[align]
        cell.paragraphs[0].add_run(text).font.size = Pt(BODY_PT)
    widths = (137, 50, 80) if landscape else (85, 35, 60)
    for column, cell, width in zip(grid.columns, grid.rows[0].cells, widths, strict=True):
        column.width = cell.width = Mm(width)


def titled(kind: str, title: str, landscape: bool = False, approved: bool = True) -> Document:
    """A new document with the attachment mark, the approval block and the heading."""
    doc = Document()
    setup(doc, landscape)
    right_block = 170 if landscape else 95  # mm from the left margin: the right part of the page
    mark(doc, right_block)
    if approved:  # the report is approved; the corrected roadmap is signed, as the approved one was
        approval(doc, right_block)
    heading(doc, kind, title)
    return doc


def report() -> Document:
    doc = titled("{{ v.report_kind }}", "{{ v.report_title }}")
    para(doc, "Отчётный период: {{ v.period_text }}; {{ v.monitoring_text }}. Статусы "
         "мероприятий указаны на {{ v.status_date }}. {{ v.rule_text }}")  # fmt: skip
    tag(doc, "{%p if v.indicators_note %}")
    para(doc, "{{ v.indicators_note }}")
    tag(doc, "{%p endif %}")
    tag(doc, "{%p if v.no_monitoring %}")
    para(doc, "{{ v.no_monitoring_text }}")
    tag(doc, "{%p else %}")
    styled_heading(doc, "{{ v.section.indicators }}. Целевые показатели")
    table(doc, ["Показатель", "Цель", "Срок", "{{ v.end_column }}", "Изменение", "Итог"], "i in v.indicators",
          ["{{ i.text }}", "{{ i.target }}", "{{ i.deadline }}", "{{ i.end }}\n({{ i.end_counts }})", "{{ i.change }}",
           "{{ i.verdict }}"], [70, 18, 22, 25, 22, 23], right=(1, 3, 4))  # fmt: skip
    styled_heading(doc, "{{ v.section.weekly }}. Динамика по неделям")
    tag(doc, "{%p if chart %}")
    picture = para(doc, "{{ chart }}", align="center", after=0)
    picture.paragraph_format.keep_with_next = True  # with its caption
    picture.paragraph_format.line_spacing = 1.0  # «single»: an exact line height would crop the picture
    para(doc, "{{ v.chart_caption }}", align="center", indent=False, size=11)
    tag(doc, "{%p endif %}")
    tag(doc, "{%p for i in v.indicators %}")
    para(doc, "{{ i.category }} (порог — {{ i.rule }} в неделю; средний охват — {{ i.average }}; "
         "недель на целевом уровне — {{ i.weeks_at_target }})", align="left")  # fmt: skip
    tag(doc, "{%p if i.platforms %}")
    para(doc, "{{ i.platforms }}", align="left")
    tag(doc, "{%p endif %}")
    table(doc, ["Неделя", "Учтено", "Написали не менее порога", "Охват"], "w in i.weeks",
          ["{{ w.week }}", "{{ w.counted }}", "{{ w.active }}", "{{ w.percent }}"], [60, 30, 50, 30], right=(1, 2, 3))  # fmt: skip
    tag(doc, "{%p endfor %}")
    styled_heading(doc, "{{ v.section.departments }}. Охват по подразделениям ({{ v.last_week_words }})")
    tag(doc, "{%p if v.department_rows %}")
    table(doc, ["Категория", "Подразделение", "Охват", "Активных из учтённых", "Средний охват"], "d in v.department_rows",
          ["{{ d.category }}", "{{ d.name }}", "{{ d.end }}", "{{ d.end_counts }}", "{{ d.average }}"],
          [40, 60, 22, 28, 30], right=(2, 3, 4))  # fmt: skip
    tag(doc, "{%p else %}")
    para(doc, "Данных по подразделениям нет: показатели посчитаны по отчётам об охвате, без списков сотрудников.")
    tag(doc, "{%p endif %}")
    tag(doc, "{%p if v.ranking %}")
    styled_heading(doc, "Охват по организациям (последняя неделя мониторинга каждой организации)")
    para(doc, "В отчёт включено: {{ v.ranking.count }}.{% if v.excluded %} Не включены из-за ошибок в данных: "
         "{{ v.excluded | join(', ') }}.{% endif %}", align="left")  # fmt: skip
    para(doc, "{{ ranking_slot }}", align="left", after=0)  # the ranking table goes here (reporting/render/docx.py)
    tag(doc, "{%p if v.ranking.behind %}")
    para(doc, "Не достигли целевых показателей:", align="left", after=0)
    bullets(doc, "line in v.ranking.behind", "{{ line }}")
    tag(doc, "{%p endif %}")
    tag(doc, "{%p if v.missing_returns %}")
    para(doc, "Не представили отчёт об охвате за неделю:", align="left", after=0)
    bullets(doc, "line in v.missing_returns", "{{ line }}")
    tag(doc, "{%p endif %}")
    tag(doc, "{%p endif %}")
    tag(doc, "{%p endif %}")
    styled_heading(doc, "{{ v.section.activities }}. Исполнение мероприятий на {{ v.status_date }}")
    tag(doc, "{%p if v.activities_note %}")
    para(doc, "{{ v.activities_note }}")
    tag(doc, "{%p else %}")
    table(doc, ["№", "Мероприятие", "Ответственные", "Срок", "Статус", "{{ v.execution_column }}", "Новый срок"],
          "a in v.activities",
          ["{{ a.number }}", "{{ a.title }}", "{{ a.responsible }}", "{{ a.deadline }}", "{{ a.status }}",
           "{%p for e in a.evidence %}\n{{ e }}\n{%p endfor %}\n",  # a cell needs one paragraph even when empty
           "{% cellbg 'FFF2CC' if a.due_changed else 'auto' %}{{ a.new_due }}{% if a.due_changed %}\u00a0*{% endif %}"],
          [8, 46, 25, 22, 24, 33, 22])  # fmt: skip
    tag(doc, "{%p if v.changed_note %}")
    para(doc, "{{ v.changed_note }}", align="left", size=NOTE_PT)
    tag(doc, "{%p endif %}")
    tag(doc, "{%p endif %}")
    styled_heading(doc, "{{ v.section.conclusions }}. Выводы и предложения")
    each(doc, "line in v.conclusions", "{{ line }}")
    para(doc, "Предложения:", align="left")
    bullets(doc, "line in v.proposals", "{{ line }}")
    year_summary(doc)
    tag(doc, "{%p if v.appendix_mark %}")
    para(doc, "{{ v.appendix_mark }}", align="left", indent=False)
    tag(doc, "{%p endif %}")
    signature(doc)
    executor(doc)
    tag(doc, "{%p if v.below %}")
    doc.add_page_break()
    para(doc, "Приложение к отчёту", align="left", left=95, after=0)
    tag(doc, "{%p if v.doc_date or v.doc_number %}")  # no empty line where the report is not yet registered
    para(
        doc,
        "{% if v.doc_date %}от {{ v.doc_date }} {% endif %}{% if v.doc_number %}№\u00a0{{ v.doc_number }}{% endif %}",
        align="left",
        left=95,
        after=0,
    )
    tag(doc, "{%p endif %}")
    para(doc, "(для внутреннего пользования)", align="left", left=95)
    styled_heading(doc, "Сотрудники ниже порога активности в {{ v.in_last_week_words }}", level=1)
    table(doc, ["№", "ФИО", "Категория", "Должность", "Подразделение", "Сообщений"], "p in v.below",
          ["{{ loop.index }}", "{{ p.name }}", "{{ p.category }}", "{{ p.position }}", "{{ p.department }}",
           "{{ p.messages }}"], [8, 50, 30, 35, 35, 18], right=(5,))  # fmt: skip
    tag(doc, "{%p endif %}")
    return doc


def year_summary(doc) -> None:
    """Quarter 4 only: each quarter's end side by side, final state, what carries over."""
    tag(doc, "{%p if v.year %}")
    styled_heading(doc, "{{ v.section.year }}. {{ v.year.title }}")
    # one column per period of the school's year (3 trimesters, 4 quarters, up to 6 modules): the table is
    # built in place of its slot (reporting/render/docx.py), since a Word table's columns are fixed
    para(doc, "{{ year_slot }}", align="left", after=0)
    para(doc, "Состояние дорожной карты на конец учебного года: {{ v.year.statuses | join('; ') }}.", align="left")
    tag(doc, "{%p if v.year.carry_over %}")
    para(doc, "Не завершены (предлагается перенести в дорожную карту следующего учебного года):", align="left", after=0)
    bullets(doc, "line in v.year.carry_over", "{{ line }}")
    tag(doc, "{%p else %}")
    para(doc, "Все мероприятия дорожной карты выполнены или отменены.", align="left")
    tag(doc, "{%p endif %}")
    tag(doc, "{%p endif %}")


def roadmap() -> Document:
    doc = titled("ДОРОЖНАЯ КАРТА", "{{ v.roadmap_title }}", landscape=True, approved=False)
    para(doc, "{{ v.preamble }}")
    each(doc, "line in v.preamble_lines", "–\u00a0{{ line }}")
    tag(doc, "{%p if v.indicators_note %}")  # short names, never presented as the approved wording
    para(doc, "{{ v.indicators_note }}")
    tag(doc, "{%p endif %}")
    table(doc, ["№", "Мероприятие", "Ответственные", "Срок", "Результат", "Статус на {{ v.status_date }}",
                "Скорректированный срок"], "a in v.activities",
          ["{{ a.number }}", "{{ a.title }}", "{% cellbg 'FFF2CC' if a.responsible_changed else 'auto' %}{{ a.responsible }}"
           "{% if a.responsible_changed %}\u00a0*{% endif %}",
           "{{ a.deadline }}", "{{ a.result }}", "{{ a.status }}",
           "{% cellbg 'FFF2CC' if a.due_changed else 'auto' %}{{ a.new_due }}{% if a.due_changed %}\u00a0*{% endif %}"],
          [8, 48, 25, 22, 28, 26, 23])  # fmt: skip
    styled_heading(doc, "{{ v.changes_title }}")
    bullets(doc, "line in v.changes", "{{ line }}")
    tag(doc, "{%p if not v.changes %}")
    para(doc, "Изменений нет.")
    tag(doc, "{%p endif %}")
    tag(doc, "{%p if v.changed_cells_note %}")
    para(doc, "{{ v.changed_cells_note }}", align="left", size=NOTE_PT)
    tag(doc, "{%p endif %}")
    signature(doc, landscape=True)
    return doc


def letter() -> Document:
    doc = Document()
    setup(doc)
    head = doc.add_table(rows=1, cols=2)
    sender, addressee = head.rows[0].cells
    fill(sender, "{{ v.org_full }}\n{%p for line in v.requisites %}\n{{ line }}\n{%p endfor %}\n{{ v.city }}\n"
         "{{ v.letter_date }} №\u00a0{{ v.letter_number }}")  # fmt: skip
    fill(addressee, "{%p for line in v.addressee %}\n{{ line }}\n{%p endfor %}\n{%p if not v.addressee %}\n"
         "____________________________\n____________________________\n{%p endif %}\n")  # fmt: skip
    for cell in (sender, addressee):
        for paragraph in cell.paragraphs:
            for run in paragraph.runs:
                run.font.size = Pt(BODY_PT)
    sender.paragraphs[0].runs[0].bold = True
    sender.paragraphs[0].alignment = ALIGN["center"]  # as in the PDF: the name bold and centred
    # corner requisites at most 8 cm wide (GOST R 7.0.97), the addressee in the right half
    for column, cell, width in zip(head.columns, head.rows[0].cells, (80, 100), strict=True):
        column.width = cell.width = Mm(width)
    para(doc, "")
    para(doc, "{{ v.subject }}", align="left")
    para(doc, "{{ v.text }}")
    para(doc, "Приложение:", align="left", after=0)
    each(doc, "item in v.attachments", "{{ loop.index }}. {{ item }}", align="left", after=0)
    signature(doc)
    executor(doc)
    return doc


def main() -> None:
    report().save(TEMPLATES / "report.docx")
    roadmap().save(TEMPLATES / "roadmap.docx")
    letter().save(TEMPLATES / "letter.docx")


if __name__ == "__main__":
    main()
