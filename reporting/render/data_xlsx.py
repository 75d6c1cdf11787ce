"""``data.xlsx``: the figures behind the documents, for checking and reuse."""

from __future__ import annotations

from ..compute.coverage import MARK_WORDS
from ..compute.model import Mark, QuarterModel
from .formatting import CATEGORY_LABELS, STATUS_LABELS, VERDICT_LABELS, person_categories, week_label
from .xlsx_safe import SheetWriter, new_book


def render_data_xlsx(model: QuarterModel, no_names: bool = False) -> bytes:
    """With ``no_names`` the person × week sheet is left out (152-FZ)."""
    school = model.school
    book, buffer, formats = new_book(
        model.period.status_date,
        f"Показатели за {school.kind.numbered(model.quarter)} {school.year_label}",
        school.short_name,
    )
    _indicators(book, formats, model)
    _weekly(book, formats, model)
    _departments(book, formats, model)
    if any(r.platforms for r in model.indicators):
        _platforms(book, formats, model)
    if model.organizations:
        _organizations(book, formats, model)
    elif not no_names:  # a consolidated model leaves people to the organisations' packages
        _people(book, formats, model)
        if model.monitoring.chat_sources:
            _chat_counts(book, formats, model)
    _activities(book, formats, model)
    book.close()
    return buffer.getvalue()


def _indicators(book, formats, model):
    of = model.school.kind.genitive
    end_week, end_share = ((f"Неделя конца {of}", f"Охват на конец {of}, %") if model.period.finished else
                           ("Последняя неделя с данными", f"Охват на {model.period.status_date:%d.%m.%Y}, %"))  # fmt: skip
    sheet = SheetWriter(book, "Показатели", [
        "Показатель", "Категория", "Порог сообщений", "Целевое значение, %", "Срок",
        end_week, "Учтено", "Активных", end_share,
        f"Изменение к {model.school.kind.adjective('прошлой', 'прошлому', 'прошлому')} {model.school.kind.dative}, п. п.",
        "Средний охват, %", "Недель на целевом уровне",
        "Целевой показатель",
    ], formats)  # fmt: skip
    for r in model.indicators:
        end = r.series.end
        sheet.write_row([
            r.indicator.text, CATEGORY_LABELS[r.category],
            r.threshold, r.indicator.target_percent,
            r.indicator.deadline, end.week if end else None, end.counted if end else None,
            end.active if end else None, end.percent if end else None, r.change_pp,
            r.series.average_percent, r.series.weeks_at_target, VERDICT_LABELS[r.verdict],
        ], {0: "wrap"})  # fmt: skip
    sheet.finish()


def _weekly(book, formats, model):
    sheet = SheetWriter(
        book, "Охват по неделям", ["Неделя", "Период", "Категория", "Учтено", "Активных", "Охват, %"], formats
    )
    for r in model.indicators:
        for w in r.series.weeks:
            sheet.write_row([w.week, week_label(w.week), CATEGORY_LABELS[r.category], w.counted, w.active, w.percent])
    sheet.finish()


def _departments(book, formats, model):
    sheet = SheetWriter(
        book, "По подразделениям", ["Категория", "Подразделение", "Неделя", "Учтено", "Активных", "Охват, %"], formats
    )
    for r in model.indicators:
        for series in r.departments:
            for w in series.weeks:
                sheet.write_row([CATEGORY_LABELS[r.category], series.label, w.week, w.counted, w.active, w.percent])
    sheet.finish()


def _platforms(book, formats, model):
    sheet = SheetWriter(book, "По платформам", [
        "Категория", "Платформа", "Неделя", "Учтено", "Писали на платформе", "Не менее порога на платформе",
    ], formats)  # fmt: skip
    for r in model.indicators:
        for f in r.platforms:
            sheet.write_row([CATEGORY_LABELS[r.category], f.platform, f.week, f.counted, f.writers, f.active])
    sheet.finish()


def _people(book, formats, model):
    monitoring = model.monitoring
    columns = [monitoring.column[w] for w in model.monitored_weeks]
    headers = ["ФИО", "Табельный номер", "Категория", "Подразделение"] + [week_label(w) for w in model.monitored_weeks]
    sheet = SheetWriter(book, "Сообщения сотрудников", headers, formats)
    order = sorted(
        range(len(monitoring.people)), key=lambda i: (monitoring.people[i].category, monitoring.people[i].name)
    )
    for i in order:
        person = monitoring.people[i]
        values = [person.name, person.personnel_number, person_categories(person), person.department]
        styles = {}
        for offset, (k, j) in enumerate(enumerate(columns), start=len(values)):
            mark = model.marks[i, k]
            if mark == Mark.NOT_COUNTED:
                values.append(None)
                styles[offset] = "absent"
                continue
            count = int(monitoring.counts[i, j])
            values.append(MARK_WORDS.get(count, max(count, 0)))  # «да»/«нет»: the school's mark, no number
            if mark == Mark.BELOW:
                styles[offset] = "low"
        sheet.write_row(values, styles)
    sheet.sheet.freeze_panes(1, 1)
    sheet.finish(max_width=40)


def _chat_counts(book, formats, model):
    """Each person's count of a week and where it came from, to check against the chat itself."""
    monitoring = model.monitoring
    headers = ["ФИО", "Категория", "Неделя", "Сообщений", "Откуда"]
    if monitoring.calls is not None:
        headers.insert(4, "Звонков")
    if monitoring.chat_flags:  # signs of padded activity: for the school to look at, no figure changed
        headers.append("Проверить (возможная накрутка)")
    sheet = SheetWriter(book, "Счёт из чатов", headers, formats)
    chat_weeks = {w for _, w in monitoring.chat_sources}
    for i, person in sorted(enumerate(monitoring.people), key=lambda item: (item[1].category, item[1].name)):
        for week in model.monitored_weeks:
            if week not in chat_weeks:
                continue
            j = monitoring.column[week]
            source = monitoring.chat_sources.get((person.key, week), "в чатах не писал(а)")
            values = [
                person.name,
                person_categories(person),
                week_label(week),
                MARK_WORDS.get(int(monitoring.counts[i, j]), max(int(monitoring.counts[i, j]), 0)),
            ]
            if monitoring.calls is not None:
                values.append(max(int(monitoring.calls[i, j]), 0))
            flagged = [monitoring.chat_flags.get((person.key, week), "")] if monitoring.chat_flags else []
            sheet.write_row([*values, source, *flagged])
    sheet.sheet.freeze_panes(1, 1)
    sheet.finish(max_width=60)


def _organizations(book, formats, model):
    headers = ["Место", "Организация"]
    for r in model.indicators:
        label = CATEGORY_LABELS[r.category]
        headers += [f"{label}: неделя", f"{label}: учтено", f"{label}: активных", f"{label}: охват, %"]
    sheet = SheetWriter(book, "Организации", headers + ["Цель достигнута"], formats)
    for rank, o in enumerate(model.ranking, start=1):
        values = [rank, o.name]
        for end in o.ends:
            values += [end.week, end.counted, end.active, end.percent] if end else [None] * 4
        sheet.write_row([*values, not o.below_target])
    sheet.finish()


def _activities(book, formats, model):
    sheet = SheetWriter(book, "Мероприятия", [
        "№", "Мероприятие", "Ответственные", "Срок", "Срок по", "Статус", "Скорректированный срок",
        f"Исполнение в {model.school.kind.prepositional}",
    ], formats)  # fmt: skip
    for a in model.activities:
        evidence = "; ".join(f"{e.date:%d.%m.%Y} {e.text}" for e in a.evidence)
        sheet.write_row([
            a.number, a.activity.title, a.responsible, a.activity.deadline.text, a.due,
            STATUS_LABELS[a.status], a.new_due, evidence,
        ], {1: "wrap", 7: "wrap"})  # fmt: skip
    sheet.finish()
