"""What ``make-report check`` prints: the weekly status as lines of text (the CLI prints them)."""

from __future__ import annotations

from .formatting import CATEGORY_LABELS, after_at_least, percent, short_date, week_label


def organization_lines(status) -> list[str]:
    """A district: one line per organisation, no names (names: --organization)."""
    model = status.model
    lines = [
        "Ошибок во входных данных нет.",
        f"Последняя неделя мониторинга: {week_label(status.last_week)} "
        f"({model.school.kind.numbered(model.quarter)} {model.school.year_label} учебного года). Организаций: "
        f"{len(status.organizations)}.",
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


def status_lines(status) -> list[str]:
    """What ``check`` says of where monitoring stands: one line per organisation for a district, else the
    school's week with who is below the threshold (the command and the page alike)."""
    return organization_lines(status) if status.organizations else weekly_lines(status)


def weekly_lines(status) -> list[str]:
    lines = ["Ошибок во входных данных нет."]
    if status.model is None:
        return [*lines, "Мониторинг ещё не проводился: ни в одной неделе нет чисел."]
    model = status.model
    lines.append(
        f"Последняя неделя мониторинга: {week_label(status.last_week)} "
        f"({model.school.kind.numbered(model.quarter)} {model.school.year_label} учебного года)."
    )
    for result in model.indicators:
        end, indicator = result.series.end, result.indicator
        lines.append(
            f"{CATEGORY_LABELS[result.category]}: {end.active} из {end.counted} ({percent(end.share)}), "
            f"цель {percent(indicator.target_percent)} к {short_date(indicator.deadline)}."
        )
        if result.below_threshold:
            lines.append(f"  Ниже порога (менее {after_at_least(indicator.threshold, 'сообщения', 'сообщений')}):")
            lines += [f"    • {row.person.name} — {row.shown}" for row in result.below_threshold]
    if status.missing_weeks:
        lines.append(
            f"Недели {model.school.kind.adjective('этой', 'этого', 'этого')} {model.school.kind.genitive} без данных: "
            + ", ".join(week_label(w) for w in status.missing_weeks)
            + "."
        )
    return lines


def signature_lines(checked, source: str | None = None) -> list[str]:
    """What ``sign`` and ``sign --check`` print of one signature: the file, each signer's
    certificate (serial as КриптоПро shows it and as the printed mark does), time and checks.
    ``source``: the signature file as its sender named it (the page's upload), else its path."""
    from ..signatures.mark import MOSCOW

    signature = checked.signature
    kind = "прикреплённая (документ внутри подписи)" if signature.content is not None else "откреплённая"
    lines = [f"Подпись {source or checked.source} → {checked.file} ({signature.form}, {kind})"]
    for check in checked.checks:
        certificate, owner = check.signer.certificate, check.signer.certificate.owner
        details = [f"CN {owner.common_name}"] if owner.common_name and owner.common_name != owner.person else []
        details += [f"{label} {value}" for label, value in (("должность", owner.title), ("организация", owner.organization), ("СНИЛС", owner.snils), ("ИНН", owner.inn or owner.inn_le)) if value]  # fmt: skip
        lines.append(f"  Владелец: {owner.person}" + (f" ({'; '.join(details)})" if details else ""))
        lines.append(
            f"  Сертификат: {certificate.serial_hex} (как в КриптоПро), {certificate.serial_decimal} (десятичный)"
        )
        lines.append(
            f"  Действителен: с {certificate.not_before.astimezone(MOSCOW):%d.%m.%Y %H:%M} "
            f"по {certificate.not_after.astimezone(MOSCOW):%d.%m.%Y %H:%M} (МСК); издатель: {certificate.issuer}"
        )
        when = check.signer.signing_time
        lines.append(
            f"  Время подписания: {when.astimezone(MOSCOW):%d.%m.%Y %H:%M:%S} (МСК)"
            if when
            else "  Время подписания: не указано"
        )
        if check.valid:
            lines.append(
                "  Проверено: хэш файла, подпись открытым ключом сертификата, сертификат подписанта, время подписания в сроке действия"
            )
        if not check.cades:
            lines.append("  Не CAdES-BES: в подписи нет signingCertificateV2 — сертификат, а с ним и владелец, "
                         "подписью не заверен")  # fmt: skip
        if check.chain.level == "verified":
            lines.append(f"  Сертификат проверен: {check.chain.reason}")
        elif check.chain.level == "unverified":
            lines.append(f"  Подпись верна; сертификат не проверен: {check.chain.reason}")
        if when:
            lines.append("  Время подписания заявлено подписавшим: штампа времени в подписи нет")
        for finding in check.findings:
            lines.append(f"  НЕ ВЕРНО: {finding}")
    return lines


def package_lines(model) -> list[str]:
    """A built package's key figures, one line per indicator (the web page's result)."""
    lines = []
    for result in model.indicators:
        end, indicator, series = result.series.end, result.indicator, result.series
        figure = f"{end.active} из {end.counted} ({percent(end.share)})" if end and end.counted else "нет данных"
        average = f", в среднем за период {percent(series.average_share)}" if series.average_share is not None else ""
        lines.append(
            f"{CATEGORY_LABELS[result.category]}: в последнюю неделю периода {figure}{average}; "
            f"цель {percent(indicator.target_percent)} к {short_date(indicator.deadline)}."
        )
    return lines
