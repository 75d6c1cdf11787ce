"""What the mark of an electronic signature says (GOST R 7.0.97-2025, the mark of an electronic
signature on a printed copy): the words of the approved roadmap's own printed mark, filled from a
verified certificate only."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from .certificate import CertificateInfo

# Certificates give their validity in UTC; a school's clerk reads Moscow dates (no DST since 2014).
MOSCOW = dt.timezone(dt.timedelta(hours=3), "MSK")


@dataclass(frozen=True)
class MarkText:
    head: tuple[str, ...]
    sub: str
    lines: tuple[str, ...]
    who: str = ""  # on a signing sheet: the signer's position and organisation, from the certificate

    def all_lines(self) -> tuple[str, ...]:
        return (*self.head, self.sub, *self.lines)


def mark_text(certificate: CertificateInfo) -> MarkText:
    def day(moment: dt.datetime) -> str:
        return f"{moment.astimezone(MOSCOW):%d.%m.%Y}"

    owner = certificate.owner
    return MarkText(
        who=" ".join(part for part in (owner.title, owner.organization) if part) or owner.person,
        head=("ДОКУМЕНТ ПОДПИСАН", "ЭЛЕКТРОННОЙ ПОДПИСЬЮ"),
        sub="СВЕДЕНИЯ О СЕРТИФИКАТЕ ЭП",
        lines=(
            f"Сертификат {certificate.serial_decimal}",
            f"Владелец {certificate.owner.person}",
            f"Действителен с {day(certificate.not_before)} по {day(certificate.not_after)}",
        ),
    )
