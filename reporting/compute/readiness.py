"""Whether a quarter can be reported: a quarter with nothing measured, or not yet over, must not
look reported. Each exception is asked for by name (``--no-monitoring``, ``--interim``)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from ..words import WEEKS, counted
from .model import QuarterModel


@dataclass(frozen=True)
class Refusal:
    option: str  # the option the message is about («--quarter», «--no-monitoring»)
    message: str
    hint: str


def refusals(model: QuarterModel, today: dt.date, interim: bool, no_monitoring: bool) -> list[Refusal]:
    period, quarter = model.period, model.quarter
    found = []
    if period.last_day > today and not interim:
        found.append(Refusal(
            "--quarter",
            f"{quarter} четверть ещё не закончилась: её последний учебный день — {period.last_day:%d.%m.%Y}, "
            f"сегодня {today:%d.%m.%Y}; итоговый отчёт о ней составлять рано",
            "Для промежуточного отчёта на сегодня добавьте --interim; итоговый — после окончания четверти",
        ))  # fmt: skip
    if interim and period.last_day <= today:
        found.append(Refusal("--interim", f"{quarter} четверть уже закончилась ({period.last_day:%d.%m.%Y}): "
                             "промежуточный отчёт о ней не нужен", "Уберите --interim"))  # fmt: skip
    weeks = model.reported_weeks
    if not weeks and not no_monitoring:
        found.append(Refusal(
            "--quarter",
            f"за {quarter} четверть нет ни одной недели мониторинга ({period.first_week:%d.%m.%Y}–"
            f"{period.status_date:%d.%m.%Y}): показатели не измерены, и отчёт выглядел бы так, будто они есть",
            "Внесите недели мониторинга этой четверти или, для отчёта только об исполнении мероприятий, "
            "добавьте --no-monitoring",
        ))  # fmt: skip
    if weeks and no_monitoring:
        found.append(Refusal(
            "--no-monitoring",
            f"за {quarter} четверть мониторинг есть ({counted(len(weeks), WEEKS, ' ')}), а --no-monitoring велит "
            "его не показывать",
            "Уберите --no-monitoring: недели мониторинга войдут в отчёт",
        ))  # fmt: skip
    return found
