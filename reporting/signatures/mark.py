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


def mark_text(
    certificate: CertificateInfo, chain_verified: bool = False, unverified: str = "", registration: str = ""
) -> MarkText:
    """The seed's own words only for a certificate whose chain was verified to a trusted root;
    otherwise the mark says that the signature is sound and the certificate was not checked, and why
    (``unverified``: a few words)."""

    def day(moment: dt.datetime) -> str:
        return f"{moment.astimezone(MOSCOW):%d.%m.%Y}"

    owner = certificate.owner
    head, sub = ("ДОКУМЕНТ ПОДПИСАН", "ЭЛЕКТРОННОЙ ПОДПИСЬЮ"), "СВЕДЕНИЯ О СЕРТИФИКАТЕ ЭП"
    if not chain_verified:
        head, sub = ("ПОДПИСЬ ВЕРНА;", "СЕРТИФИКАТ НЕ ПРОВЕРЕН:"), unverified or "цепочка не проверялась"
    return MarkText(
        who=" ".join(part for part in (owner.title, owner.organization) if part) or owner.person,
        head=head,
        sub=sub,
        lines=(
            f"Сертификат {certificate.serial_decimal}",
            f"Владелец {certificate.owner.person}",
            f"Действителен с {day(certificate.not_before)} по {day(certificate.not_after)}",
            *([registration] if registration else []),  # «Рег. № … от …», given at signing
        ),
    )
