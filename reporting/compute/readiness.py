"""Whether a quarter can be reported: a quarter with nothing measured, not yet over, or whose
monitoring stops before its last teaching week must not look reported. Each exception is asked
for by name (``--no-monitoring``, ``--interim``)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from ..words import WEEKS, counted
from .calendar import WEEK, monday
from .model import QuarterModel


@dataclass(frozen=True)
class Refusal:
    option: str  # the option the message is about («--quarter», «--no-monitoring»)
    message: str
    hint: str


def missing_at_end(model: QuarterModel) -> tuple[dt.date, ...]:
    """The teaching weeks after the last monitored one, up to the week of the quarter's last
    teaching day (the holidays after it may go unmonitored): a report on the quarter would call
    an earlier week its last."""
    weeks = model.reported_weeks
    if not weeks:
        return ()
    last_teaching = monday(model.period.last_day)
    found, week = [], max(weeks) + WEEK
    while week <= last_teaching:
        found.append(week)
        week += WEEK
    return tuple(found)


def interim_end(model: QuarterModel, today: dt.date) -> dt.date | None:
    """An interim report on a quarter that is over but whose monitoring stops early is as of the
    Sunday of its last monitored week (None: as of today, as any interim report)."""
    if model.period.last_day <= today and missing_at_end(model):
        return max(model.reported_weeks) + dt.timedelta(days=6)
    return None


def refusals(model: QuarterModel, today: dt.date, interim: bool, no_monitoring: bool) -> list[Refusal]:
    period, kind = model.period, model.school.kind
    option = "--quarter" if kind.letter == "Q" else "--period"
    this, of_this = kind.numbered(model.quarter), kind.of_numbered(model.quarter)  # «2 триместр», «2 триместра»
    its = kind.adjective("её", "его", "его")
    found = []
    missing = missing_at_end(model)
    if missing and not interim and period.last_day <= today:
        last = max(model.reported_weeks)
        shown = ", ".join(f"{w:%d.%m}" for w in missing[:6]) + (" …" if len(missing) > 6 else "")
        found.append(Refusal(
            option,
            f"мониторинг {of_this} кончается неделей {last:%d.%m}–{last + dt.timedelta(days=6):%d.%m.%Y}, "
            f"а {kind.name} — {period.last_day:%d.%m.%Y}: нет данных за {counted(len(missing), WEEKS, ' ')} в {its} "
            f"конце (с понедельника {shown}); итоговый отчёт назвал бы эту неделю последней неделей {kind.genitive}",
            f"Внесите недели мониторинга до конца {kind.genitive} (или выгрузите чаты за них) — или, чтобы отчитаться на "
            f"последнюю неделю с данными, добавьте --interim: отчёт будет промежуточным, на "
            f"{last + dt.timedelta(days=6):%d.%m.%Y}",
        ))  # fmt: skip
    if period.last_day > today and not interim:
        found.append(Refusal(
            option,
            f"{this} ещё не {kind.ended()}: {its} последний учебный день — {period.last_day:%d.%m.%Y}, "
            f"сегодня {today:%d.%m.%Y}; итоговый отчёт о {kind.adjective('ней', 'нём', 'нём')} составлять рано",
            f"Для промежуточного отчёта на сегодня добавьте --interim; итоговый — после окончания {kind.genitive}",
        ))  # fmt: skip
    if interim and period.last_day <= today and not missing:
        found.append(Refusal("--interim", f"{this} уже {kind.ended()} ({period.last_day:%d.%m.%Y}): "
                             f"промежуточный отчёт о {kind.adjective('ней', 'нём', 'нём')} не нужен",
                             "Уберите --interim"))  # fmt: skip
    weeks = model.reported_weeks
    if not weeks and not no_monitoring:
        found.append(Refusal(
            option,
            f"за {this} нет ни одной недели мониторинга ({period.first_week:%d.%m.%Y}–"
            f"{period.status_date:%d.%m.%Y}): показатели не измерены, и отчёт выглядел бы так, будто они есть",
            f"Внесите недели мониторинга {kind.adjective('этой', 'этого', 'этого')} {kind.genitive} или, для отчёта "
            "только об исполнении мероприятий, добавьте --no-monitoring",
        ))  # fmt: skip
    if weeks and no_monitoring:
        found.append(Refusal(
            "--no-monitoring",
            f"за {this} мониторинг есть ({counted(len(weeks), WEEKS, ' ')}), а --no-monitoring велит "
            "его не показывать",
            "Уберите --no-monitoring: недели мониторинга войдут в отчёт",
        ))  # fmt: skip
    return found
