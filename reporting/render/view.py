"""The model as display text for the documents: Russian formatting, no arithmetic.

Both the DOCX and the PDF renderer lay out this one view, so the two
documents always say the same thing.
"""

from __future__ import annotations

from ..compute.model import IndicatorResult, MoveCause, Proposal, QuarterModel
from ..options import Options
from .formatting import (
    ACTIVITY_NOUNS,
    CATEGORY_LABELS,
    CATEGORY_NOUNS,
    ORGANIZATION_NOUNS,
    STATUS_LABELS,
    VERDICT_LABELS,
    WEEK_NOUNS,
    after_at_least,
    percent,
    plural,
    points,
    quoted,
    short_date,
    week_label,
)
from .view_letter import BLANK_NAME, BLANK_PHONE, BLANK_POSITION, appendix_mark
from .view_roadmap import activity_row, change_line, decision_needed, due_text


def rule(indicator) -> str:
    """The weekly rule in words: «не менее 10 сообщений» or «не менее 10 сообщений и 1 звонка»."""
    text = f"не менее {after_at_least(indicator.threshold, 'сообщения', 'сообщений')}"
    if indicator.call_threshold:
        text += f" и {after_at_least(indicator.call_threshold, 'звонка', 'звонков')}"
    return text


def _rule_text(model: QuarterModel) -> str:
    results = model.indicators
    calls = any(r.indicator.call_threshold for r in results)
    staff = [r for r in results if not r.measured_by_counts and not r.connected]
    text = ""
    if staff or not results:
        text = "Пользователем платформы считается сотрудник, " + (
            "написавший за неделю не менее установленного порога сообщений и совершивший не менее установленного "
            "числа звонков (порог каждого показателя указан ниже)."
            if calls
            else "написавший за неделю не менее установленного порога сообщений."
        )
    chats = [r for r in results if r.measured_by_chats and not r.connected]
    if chats:
        text += (
            " Активным по группе «" + "», «".join(CATEGORY_LABELS[r.category].lower() for r in chats) + "» считается "
            "участник чатов этой группы, написавший в них за неделю не менее установленного порога сообщений; "
            "численность группы взята из таблицы контингента, участники чатов в документах не называются."
        )
    if any(r.connected for r in results):
        text += (
            " Подключённым к чатам считается участник чатов школы на платформе (по спискам участников чатов) "
            "или написавший в них к концу недели."
        )
    counted = [CATEGORY_LABELS[r.category].lower() for r in results if r.measured_by_counts and not r.measured_by_chats]
    if counted:
        text += (
            " По группам «" + "», «".join(counted) + "» число пользователей и активных пользователей взято из "
            "еженедельного отчёта об охвате (лист «Охват»), без списков."
        )
    return text.strip()


def _default_indicators_note(model: QuarterModel) -> str:
    """Without «Показатели» the approved roadmap's targets apply under short names: said to be short, never
    presented as the approved wording."""
    results = model.indicators
    targets = "; ".join(f"{CATEGORY_NOUNS[r.category][2]} — {percent(r.indicator.target_percent)}" for r in results)
    rules = sorted({rule(r.indicator) for r in results})
    return (f"Листа «Показатели» во входных данных нет: применены целевые значения утверждённой дорожной карты "
            f"({targets}; {', '.join(rules)} в неделю); показатели названы кратко, их полный текст — в утверждённой "
            "дорожной карте.")  # fmt: skip


def _period_text(model: QuarterModel) -> str:
    """«2 четверть (07.11–29.12.2023) с каникулами после неё: недели с 06.11.2023 по 07.01.2024» — the
    school's own dates of the period, and the Monday weeks the report covers (the holidays after it
    belong to it; an interim report's weeks end at its day)."""
    kind, period, number = model.school.kind, model.period, model.quarter
    first, last = period.first_day, period.last_day
    start = f"{first:%d.%m}" if first.year == last.year else f"{first:%d.%m.%Y}"  # «04.12.2023–22.02.2024»
    text = f"{kind.numbered(number)} ({start}–{last:%d.%m.%Y})"
    if period.status_date > last:
        text += f" с каникулами после {kind.adjective('неё', 'него', 'него')}"
    return f"{text}: недели с {short_date(period.first_week)} по {short_date(period.status_date)}"


def _platform_line(result: IndicatorResult) -> str:
    """«Из них по платформам (25.12–31.12.2023): MAX — писали 40, не менее порога 30; …»."""
    found = result.end_platforms
    if not found:
        return ""
    parts = [f"{f.platform} — писали {f.writers}, не менее порога только там {f.active}" for f in found]
    return f"По платформам в последнюю неделю ({week_label(found[0].week)}): " + "; ".join(parts) + "."


def _counts(figure) -> str:
    return "—" if figure is None else f"{figure.active} из {figure.counted}"


def _indicator(result: IndicatorResult) -> dict:
    end, indicator = result.series.end, result.indicator
    return {
        "text": indicator.text,
        "category": CATEGORY_LABELS[result.category],
        "target": percent(indicator.target_percent),
        "threshold": "" if result.threshold is None else str(result.threshold),
        "rule": rule(indicator),
        "rule_phrase": (
            "подключённые — участники чатов школы на платформе"
            if result.connected
            else f"порог — {rule(indicator)} в неделю"
        ),
        "active_header": "Подключены к чатам" if result.connected else "Написали не менее порога",
        "platforms": _platform_line(result),
        "deadline": short_date(indicator.deadline),
        "end": percent(end.share if end else None),
        "end_counts": _counts(end),
        "end_week": week_label(end.week) if end else "—",
        "change": points(result.change),
        "average": percent(result.series.average_share),
        "weeks_at_target": str(result.series.weeks_at_target),
        "verdict": VERDICT_LABELS[result.verdict],
        "weeks": [
            {
                "week": week_label(w.week),
                "counted": str(w.counted),
                "active": str(w.active),
                "percent": percent(w.share),
            }
            for w in result.series.weeks
        ],
        "departments": [
            {
                "name": s.label,
                "end": percent(s.end.share if s.end else None),
                "end_counts": _counts(s.end),
                "average": percent(s.average_share),
            }
            for s in result.departments
        ],
    }


def _preamble(model: QuarterModel) -> dict:
    """The roadmap's preamble as the approved text words it: «… показателей к 30.12.2023:», then each
    indicator after a dash, ending with «;» (each with its own date when the dates differ)."""
    deadlines = {r.indicator.deadline for r in model.indicators}
    one = len(deadlines) == 1
    lead = "Дорожная карта является выполненной при достижении следующих целевых показателей"
    lines = []
    for r in model.indicators:
        text = r.indicator.text.rstrip(" .;")
        if not one:
            text += f" — к {short_date(r.indicator.deadline)}"
        lines.append(f"{text};")
    return {"preamble": f"{lead} к {short_date(next(iter(deadlines)))}:" if one and deadlines else f"{lead}:",
            "preamble_lines": lines}  # fmt: skip


def _last_week_words(model: QuarterModel, case: str = "accusative") -> str:
    """«последнюю неделю четверти» only for a finished period; an interim one has a last week with data."""
    finished, of = model.period.finished, model.school.kind.genitive
    if case == "nominative":
        return f"последняя неделя {of}" if finished else "последняя неделя с данными"
    return f"последнюю неделю {of}" if finished else "последнюю неделю с данными"


def _section_numbers(no_monitoring: bool) -> dict[str, int]:
    """Sections are numbered in a row: without monitoring the coverage sections are not there."""
    names = ["activities", "conclusions", "year"] if no_monitoring else ["indicators", "weekly", "departments",
                                                                         "activities", "conclusions", "year"]  # fmt: skip
    return {name: number for number, name in enumerate(names, start=1)}


def _conclusions(model: QuarterModel, no_monitoring: bool = False) -> list[str]:
    lines = []
    for result in () if no_monitoring else model.indicators:
        end, nouns = result.series.end, CATEGORY_NOUNS[result.category]
        if end is None or not end.counted:
            lines.append(f"{CATEGORY_LABELS[result.category]}: за период нет данных мониторинга.")
            continue
        who = plural(end.active, nouns)
        done = (
            f"число подключённых к чатам школы — {who}"
            if result.connected
            else f"условие «{rule(result.indicator)} за неделю» выполнили {who}"
            if result.indicator.call_threshold
            else f"не менее {after_at_least(result.indicator.threshold, 'сообщения', 'сообщений')} написали {who}"
        )
        text = (
            f"{CATEGORY_LABELS[result.category]}: в {_last_week_words(model)} ({week_label(end.week)}) {done} "
            f"из {end.counted} ({percent(end.share)}) при целевом значении {percent(result.indicator.target_percent)}"
        )
        if result.change is not None:
            before = result.previous_end
            text += (f"; по сравнению с концом {model.school.kind.previous_of} ({percent(before.share)} на неделю "
                     f"{week_label(before.week)}) — {points(result.change)}")  # fmt: skip
        verdict = {
            "met": f"Целевой показатель к {short_date(result.indicator.deadline)} достигнут.",
            "not_met": f"Целевой показатель к {short_date(result.indicator.deadline)} не достигнут.",
            "pending": f"Срок достижения показателя ({short_date(result.indicator.deadline)}) не наступил.",
        }[result.verdict]
        lines.append(f"{text}{' ' if text.endswith('.') else '. '}{verdict}")  # «п. п.» ends the sentence too
        if result.below_threshold:
            lines.append(
                f"Ниже порога в последнюю неделю: {plural(len(result.below_threshold), nouns)}"
                + (
                    f"; ни разу за период не достигли порога: {plural(len(result.never_active), nouns)}."
                    if result.never_active
                    else "."
                )
            )
    overdue = model.overdue
    if overdue:
        lines.append(f"Просрочено: {plural(len(overdue), ACTIVITY_NOUNS)}.")
        for a in overdue:
            if a.needs_decision or not a.new_due:
                continue
            if a.move.cause == MoveCause.CORRECTION:  # decided already: nothing to propose
                lines.append(f"Мероприятие № {a.number} {quoted(a.activity.title)}: новый срок по решению от "
                             f"{short_date(a.move.decided_on)} — {due_text(a)}.")  # fmt: skip
            else:
                lines.append(f"Мероприятие № {a.number} {quoted(a.activity.title)}: предлагается новый срок — "
                             f"{due_text(a)}.")  # fmt: skip
        undecided = [a.number for a in overdue if a.needs_decision]
        if undecided:  # said once, for all of them
            which = (f"о новом сроке мероприятия № {undecided[0]}" if len(undecided) == 1
                     else "о новых сроках мероприятий № " + ", ".join(undecided))  # fmt: skip
            lines.append(f"Требуется решение {which} или о снятии: срок истёк, а без решения срок не переносится.")
    elif model.own_roadmap:  # an organisation with no roadmap of its own has nothing overdue to speak of
        lines.append("Просроченных мероприятий нет.")
    return lines


def _ranking(model: QuarterModel) -> dict | None:
    """A consolidated report: organisations ranked by coverage at the end of the quarter."""
    if not model.organizations:
        return None
    ranked = model.ranking
    return {
        "headers": [CATEGORY_LABELS[r.category] for r in model.indicators],
        "rows": [
            {
                "rank": str(number),
                "name": o.name,
                "ends": [f"{percent(e.share)} ({_counts(e)})" if e and e.counted else "нет данных" for e in o.ends],
                "target": "не достигнута" if o.below_target else "достигнута",
            }
            for number, o in enumerate(ranked, start=1)
        ],
        "below_target": [o.name for o in ranked if o.below_target],
        "behind": [_behind(model, o) for o in ranked if o.below_target],
        "count": plural(len(ranked), ORGANIZATION_NOUNS),
    }


def _behind(model: QuarterModel, organization) -> str:
    """«СОШ № 2: родители — 25,0 % при цели 30,0 % (отставание 5,0 п. п.; за четверть +15,0 п. п.)»."""
    parts = []
    for k, result in enumerate(model.indicators):
        end, gap, change = organization.ends[k], organization.gap(k), organization.change(k)
        label = CATEGORY_LABELS[result.category].lower()
        if end is None or not end.counted:
            parts.append(f"{label} — нет данных")
        elif gap is not None:
            since = f"; за {model.school.kind.name} {points(change)}" if change is not None else ""
            parts.append(
                f"{label} — {percent(end.share)} при цели {percent(organization.targets[k])} "
                f"(отставание {points(gap).lstrip('+')}{since})"
            )
    return f"{organization.name}: " + "; ".join(parts)


def _year(model: QuarterModel) -> dict:
    """Quarter 4: each quarter's end side by side, the roadmap's final state, what carries over."""
    return {
        "title": f"Итоги {model.school.year_label} учебного года",
        "quarters": [model.school.kind.numbered(q) for q in range(1, model.quarter + 1)],
        "rows": [
            {
                "category": CATEGORY_LABELS[r.category],
                "target": percent(r.indicator.target_percent),
                "ends": [f"{percent(e.share)} ({_counts(e)})" if e and e.counted else "—" for e in r.quarter_ends],
                "verdict": VERDICT_LABELS[r.verdict],
            }
            for r in model.indicators
        ],
        "statuses": [
            f"{STATUS_LABELS[status]} — {plural(count, ACTIVITY_NOUNS)}"
            for status, count in model.status_counts.items()
        ],
        "carry_over": [
            f"№ {a.number} {quoted(a.activity.title)} ({STATUS_LABELS[a.status]})" for a in model.carry_over
        ],
    }


PROPOSALS = {
    Proposal.CONSULTATIONS: "Провести индивидуальные консультации для сотрудников, не достигших порога активности, "
    "и закрепить за ними наставников из числа активных пользователей.",
    Proposal.APPROVE_DEADLINES: "Утвердить скорректированные сроки просроченных мероприятий "
    "(скорректированная дорожная карта — отдельным документом).",
    Proposal.DECIDE_DEADLINES: "Принять решение по мероприятиям, срок которых истёк без отметки о выполнении: "
    "новый срок или снятие мероприятия.",
    Proposal.ORGANIZATIONS_BEHIND: "Рассмотреть итоги организаций, не достигших целевых показателей, с их "
    "руководителями и установить сроки устранения отставания.",
    Proposal.CARRY_OVER: "Перенести незавершённые мероприятия в дорожную карту следующего учебного года и продолжить "
    "еженедельный мониторинг.",
    Proposal.CONTINUE: "Продолжить еженедельный мониторинг и рассмотреть его итоги по окончании {next_of}.",
}


def document_view(model: QuarterModel, options: Options) -> dict:
    school, period = model.school, model.period
    # The roadmap's title as approved (its sheet's title rows), else a grammatical one of our own.
    # An organisation's package: its names from organizations.xlsx (school.*_name, the monitoring label
    # where the table gives none: compute/organizations.py), never the label over them.
    subject = model.roadmap.title if model.roadmap.title and not model.organization else (
        f"по внедрению платформы {school.platform} в {school.short_name}")  # fmt: skip
    if (
        model.organizations and not model.roadmap.title
    ):  # a consolidation: the organisations, never «в Управление образования»
        subject = (f"по внедрению платформы {school.platform} в подведомственных образовательных организациях "
                   f"({plural(len(model.organizations), ORGANIZATION_NOUNS)})")  # fmt: skip
    kind = school.kind
    quarter_text = f"{kind.of_numbered(model.quarter)} {school.year_label} учебного года"
    indicators = [_indicator(r) for r in model.indicators]
    activities = [activity_row(item, period) for item in model.roadmap_order]
    below = []
    if not options.no_names and not model.organizations:  # a consolidated report leaves names to each organisation
        for result in model.indicators:
            for row in result.below_threshold:
                p = row.person
                below.append({
                    "category": CATEGORY_LABELS[result.category], "name": p.name, "position": p.position,
                    "department": p.department, "messages": row.shown,
                })  # fmt: skip
    org_full, org_short = school.full_name, school.short_name
    return {
        "org_full": org_full,
        "org_short": org_short,
        "head_position": school.head_position,
        # an organisation whose requisites organizations.xlsx does not give: lines to fill in by hand
        "head_position_full": school.head_full_position
        or f"{school.head_position or BLANK_POSITION} {school.short_name}",
        "head_name": school.head_name or BLANK_NAME,
        # the box a handwritten signature (or, on a print copy, the electronic signature's mark) takes,
        # mm: seven lines of 8 pt (the mark with a registration given at signing) need 27 mm, and the
        # seed's 48-digit serial after «Сертификат» 87 mm
        "sign_place": {"width": 88, "height": 27},
        "year_label": school.year_label,
        "quarter": str(model.quarter),
        # the school's own period (issue 31): «2 триместр», «2 триместра», «в триместре»
        "period_name": kind.name,
        "period_numbered": kind.numbered(model.quarter),
        "period_of": kind.of_numbered(model.quarter),
        "execution_column": f"Исполнение в {kind.prepositional}",
        # an interim report's roadmap precedes the period's review: as of its day, never «по итогам»
        "changes_title": f"Изменения по итогам {kind.of_numbered(model.quarter)}"
        if period.finished
        else f"Изменения на {period.status_date:%d.%m.%Y}",
        "city": school.city,
        "doc_date": options.doc_date,
        # an organisation's report in a district's package is the organisation's document, registered by
        # it: the district's number is never lent to it (a line to fill in instead)
        "doc_number": "" if model.organization else options.doc_number,
        "roadmap_number": options.roadmap_number,  # the corrected roadmap's own (documents.py lays it in)
        "report_kind": "ПРОМЕЖУТОЧНЫЙ ОТЧЁТ" if options.interim else "ОТЧЁТ",
        # «на конец четверти» only once the quarter is over: an interim report is as of its day
        "end_column": f"На конец {kind.genitive}"
        if model.period.finished
        else f"На {short_date(model.period.status_date)}",
        "last_week_words": _last_week_words(model, "nominative"),
        "in_last_week_words": _last_week_words(model),
        "report_title": f"об итогах реализации дорожной карты {subject} за {kind.numbered(model.quarter)} {school.year_label} учебного года"
        + (f" (на {short_date(period.status_date)})" if options.interim else ""),
        "no_monitoring": options.no_monitoring,
        "no_monitoring_text": f"Мониторинг использования платформы {kind.this_in} не проводился: целевые показатели "
        "не измерялись, и отчёт составлен только об исполнении мероприятий дорожной карты.",
        "section": _section_numbers(options.no_monitoring),
        "roadmap_title": f"{subject} (редакция по итогам {quarter_text})"
        if period.finished
        else f"{subject} (промежуточная редакция на {period.status_date:%d.%m.%Y} — {kind.numbered(model.quarter)} "
        f"{school.year_label} учебного года)",
        "period_text": _period_text(model),
        "status_date": short_date(period.status_date),
        # kept for schools' own templates made from earlier shipped ones (the shipped ones use monitoring_text)
        "monitored_weeks": str(len(model.reported_weeks)),
        "monitored_weeks_text": plural(len(model.reported_weeks), WEEK_NOUNS),  # «8 недель», never «8 нед.»
        "monitoring_text": f"мониторинг проводился {plural(len(model.reported_weeks), WEEK_NOUNS)}"
        if model.reported_weeks
        else "мониторинг не проводился",
        "rule_text": "" if options.no_monitoring else _rule_text(model),
        "chart_caption": f"Рисунок 1 — Охват по неделям {kind.of_numbered(model.quarter)} {school.year_label} учебного года: "
        + (
            "доля учтённых, выполнивших недельный порог или подключённых к чатам, %"
            if any(r.connected for r in model.indicators)
            else "доля учтённых, выполнивших недельный порог, %"
        ),
        **_preamble(model),
        "indicators_note": "" if model.roadmap.indicators_from_file else _default_indicators_note(model),
        "indicators": indicators,
        "department_rows": [{"category": i["category"], **row} for i in indicators for row in i["departments"]],
        "activities_note": ""
        if model.own_roadmap
        else (
            "Своей дорожной карты организации во входных данных нет: исполнение мероприятий дорожной карты "
            "отражено в сводном отчёте."
        ),
        "activities": activities,
        "changed_note": "Знаком * отмечен срок, изменённый по итогам рассмотрения в этом периоде."
        if model.own_roadmap and any(row["due_changed"] for row in activities)
        else "",
        # the corrected roadmap's key to its marks, only where a cell is marked
        "changed_cells_note": "Изменённые ячейки выделены цветом и отмечены знаком *."
        if any(row["due_changed"] or row["responsible_changed"] for row in activities)
        else "",
        "changes": [change_line(a, model.school.kind) for a in model.activities if a.moved_in(period.first_week)]
        + [decision_needed(a) for a in model.activities if a.needs_decision],
        "conclusions": _conclusions(model, options.no_monitoring)
        + (["Список сотрудников ниже порога — в приложении к отчёту."] if below else []),
        # the attachment mark of the report's own appendix; its page count is the PDF's (documents.py)
        "appendix_mark": appendix_mark(1) if below else "",
        "ranking": _ranking(model),
        "excluded": list(model.excluded),
        "missing_returns": [f"{week_label(week)}: " + ", ".join(names) for week, names in model.missing_returns],
        "year": _year(model) if model.is_year_end else None,
        "proposals": [PROPOSALS[p].format(next_of=model.school.kind.next_of) for p in model.proposals],
        "below": below,
        "no_names": options.no_names,
        "addressee": list(school.addressee),
        # an organisation of a consolidation whose executor organizations.xlsx does not give: the mark's
        # lines to fill in by hand, as its other requisites (reading.txt says so)
        "executor_name": school.executor_name or (BLANK_NAME if model.organization else ""),
        "requisites": list(school.requisites),
        "executor_phone": school.executor_phone
        or (BLANK_PHONE if model.organization and not school.executor_name else ""),
    }
