"""What ``make-report check`` prints: the weekly status as lines of text (the CLI prints them)."""

from __future__ import annotations

from .formatting import CATEGORY_LABELS, after_at_least, percent, short_date, week_label


def organization_lines(status) -> list[str]:
    """A district: one line per organisation, no names (names: --organization)."""
    model = status.model
    lines = [
        "Ошибок во входных данных нет.",
        f"Последняя неделя мониторинга: {week_label(status.last_week)} "
        f"({model.quarter} четверть {model.school.year_label} учебного года). Организаций: {len(status.organizations)}.",
    ]
    for org in status.organizations:
        parts = []
        for result, end, below in zip(model.indicators, org.ends, org.below, strict=True):
            figure = f"{end.active} из {end.counted} ({percent(end.share)})" if end and end.counted else "нет данных"
            parts.append(
                f"{CATEGORY_LABELS[result.category].lower()} {figure}" + (f", ниже порога {below}" if below else "")
            )
        gaps = f"; недель без данных: {len(org.missing_weeks)}" if org.missing_weeks else ""
        lines.append(f"  • {org.name}: " + "; ".join(parts) + gaps)
    lines.append("Подробности по организации: make-report check --organization «название».")
    return lines


def weekly_lines(status) -> list[str]:
    lines = ["Ошибок во входных данных нет."]
    if status.model is None:
        return [*lines, "Мониторинг ещё не проводился: ни в одной неделе нет чисел."]
    model = status.model
    lines.append(
        f"Последняя неделя мониторинга: {week_label(status.last_week)} "
        f"({model.quarter} четверть {model.school.year_label} учебного года)."
    )
    for result in model.indicators:
        end, indicator = result.series.end, result.indicator
        lines.append(
            f"{CATEGORY_LABELS[result.category]}: {end.active} из {end.counted} ({percent(end.share)}), "
            f"цель {percent(indicator.target_percent)} к {short_date(indicator.deadline)}."
        )
        if result.below_threshold:
            lines.append(f"  Ниже порога (менее {after_at_least(indicator.threshold, 'сообщения', 'сообщений')}):")
            lines += [f"    • {row.person.name} — {row.messages}" for row in result.below_threshold]
    if status.missing_weeks:
        lines.append("Недели этой четверти без данных: " + ", ".join(week_label(w) for w in status.missing_weeks) + ".")
    return lines
