"""``roadmap.xlsx``: the corrected roadmap in the input contract's own shape.

Next quarter's review starts from this file: its «Срок» holds the corrected
deadlines and «Ответственные» the corrected responsibles, so reading it back
as ``roadmap.xlsx`` gives the same activities.
"""

from __future__ import annotations

from ..compute.model import QuarterModel
from ..inputs import Section
from .formatting import CATEGORY_LABELS, STATUS_LABELS, short_date
from .xlsx_safe import SheetWriter, new_book


def render_roadmap_xlsx(model: QuarterModel) -> bytes:
    roadmap = model.roadmap
    book, buffer, formats = new_book(
        model.period.status_date, "Дорожная карта (скорректированная)", model.school.short_name
    )
    sheet = SheetWriter(book, "Дорожная карта", [
        "№", "Мероприятие", "Ответственные", "Срок", "Результат", "Статус", "Дата выполнения",
        "Отметка о выполнении", "Срок по утверждённой редакции", f"Статус на {short_date(model.period.status_date)}",
    ], formats)  # fmt: skip
    for item in model.roadmap_order:
        if isinstance(item, Section):  # a heading, where the approved roadmap has it
            sheet.write_row([item.label, item.title], {1: "wrap"})
            continue
        a, source = item, item.activity
        deadline = f"до {short_date(a.new_due)}" if a.new_due else source.deadline.text
        sheet.write_row([
            a.number, source.title, a.responsible, deadline, source.result, source.status_mark,
            source.completed_on, source.completion_note, source.deadline.text, STATUS_LABELS[a.status],
        ], {1: "wrap", 4: "wrap", 7: "wrap"})  # fmt: skip
    sheet.finish(max_width=50)

    sheet = SheetWriter(
        book, "Показатели", ["Показатель", "Категория", "Порог сообщений", "Целевое значение, %", "Срок"], formats
    )
    for i in roadmap.indicators:
        sheet.write_row(
            [i.text, CATEGORY_LABELS[i.category].lower(), i.threshold, i.target_percent, i.deadline], {0: "wrap"}
        )
    sheet.finish(max_width=80)

    sheet = SheetWriter(book, "Исполнение", ["№ мероприятия", "Дата", "Описание"], formats)
    for e in roadmap.evidence:
        sheet.write_row([e.activity, e.date, e.text])
    sheet.finish()

    sheet = SheetWriter(
        book, "Корректировки", ["№ мероприятия", "Новый срок", "Ответственные", "Основание", "Дата решения"], formats
    )
    for c in roadmap.corrections:
        sheet.write_row([c.activity, c.new_due_text, c.responsible, c.reason, c.decided_on])
    sheet.finish()
    book.close()
    return buffer.getvalue()
