"""The signer's certificate: what the mark and the output show, and the key to check with.

asn1crypto parses X.509; it does not know GOST's public-key algorithms, so the subject
public key info is read here by its own small spec instead of ``Certificate.public_key``.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from asn1crypto import core, x509

# Russian attributes of a qualified certificate's subject (Приказ ФСБ № 795, п. 18)
SNILS = "1.2.643.100.3"
INN = "1.2.643.3.131.1.1"  # ИНН физического лица
INN_LE = "1.2.643.100.4"  # ИНН юридического лица
OGRN = "1.2.643.100.1"


class _AlgorithmIdentifier(core.Sequence):
    _fields = [("algorithm", core.ObjectIdentifier), ("parameters", core.Any, {"optional": True})]


class _PublicKeyInfo(core.Sequence):
    _fields = [("algorithm", _AlgorithmIdentifier), ("public_key", core.OctetBitString)]


class _GostKeyParameters(core.Sequence):
    _fields = [
        ("public_key_param_set", core.ObjectIdentifier),
        ("digest_param_set", core.ObjectIdentifier, {"optional": True}),
    ]


@dataclass(frozen=True)
class Owner:
    common_name: str
    surname: str
    given_names: str
    organization: str
    title: str
    snils: str
    inn: str
    inn_le: str

    @property
    def person(self) -> str:
        """«Гайдуков Андрей Николаевич» from SN and G; the CN where they are absent."""
        name = " ".join(part for part in (self.surname, self.given_names) if part)
        return name or self.common_name


@dataclass(frozen=True)
class CertificateInfo:
    serial: int
    owner: Owner
    issuer: str
    not_before: dt.datetime
    not_after: dt.datetime
    key_algorithm: str  # dotted OID
    key_parameters: str | None  # the GOST parameter set's OID
    public_key: bytes  # GOST: X‖Y little-endian (the OCTET STRING's content); others: the SPKI DER
    der: bytes

    @property
    def serial_hex(self) -> str:
        """As CryptoPro and Windows show it: hexadecimal, upper case, an even number of digits."""
        text = f"{self.serial:X}"
        return text if len(text) % 2 == 0 else "0" + text

    @property
    def serial_decimal(self) -> str:
        """As the printed mark of the approved roadmap shows it."""
        return str(self.serial)

    def valid_on(self, moment: dt.datetime) -> bool:
        return self.not_before <= moment <= self.not_after

    def as_record(self) -> dict:
        o = self.owner
        return {
            "serial_hex": self.serial_hex,
            "serial_decimal": self.serial_decimal,
            "owner": o.person,
            "common_name": o.common_name,
            "organization": o.organization,
            "title": o.title,
            "snils": o.snils,
            "inn": o.inn or o.inn_le,
            "issuer": self.issuer,
            "valid_from": self.not_before.isoformat(),
            "valid_to": self.not_after.isoformat(),
        }


def read_certificate(certificate: x509.Certificate) -> CertificateInfo:
    """Raises ValueError (with a Russian message) for a certificate that cannot be read."""
    try:
        tbs = certificate["tbs_certificate"]
        subject = tbs["subject"].native
        spki = _PublicKeyInfo.load(tbs["subject_public_key_info"].dump())
        algorithm = spki["algorithm"]["algorithm"].dotted
        parameters = None
        key = spki["public_key"].native
        if algorithm.startswith("1.2.643."):
            parameters = _GostKeyParameters.load(spki["algorithm"]["parameters"].dump())["public_key_param_set"].dotted
            key = core.OctetString.load(key).native
        else:
            key = tbs["subject_public_key_info"].dump()
        validity = tbs["validity"]
        return CertificateInfo(
            serial=tbs["serial_number"].native,
            owner=_owner(subject),
            issuer=_text(tbs["issuer"].native.get("common_name")) or _text(tbs["issuer"].human_friendly),
            not_before=validity["not_before"].native,
            not_after=validity["not_after"].native,
            key_algorithm=algorithm,
            key_parameters=parameters,
            public_key=bytes(key),
            der=certificate.dump(),
        )
    except (ValueError, TypeError, KeyError, AttributeError) as exc:
        raise ValueError(f"сертификат подписанта не читается ({exc})") from exc


def _text(value) -> str:
    """A certificate's field as data: anyone can make a certificate, and its owner's name is
    printed on the terminal, in the manifest and on the print copy."""
    from ..read.text import name_text

    if isinstance(value, list):  # an attribute given twice
        value = " ".join(str(v) for v in value)
    return name_text(value)


def _owner(subject: dict) -> Owner:
    return Owner(
        common_name=_text(subject.get("common_name")),
        surname=_text(subject.get("surname")),
        given_names=_text(subject.get("given_name")),
        organization=_text(subject.get("organization_name")),
        title=_text(subject.get("title")),
        snils=_text(subject.get(SNILS)),
        inn=_text(subject.get(INN)),
        inn_le=_text(subject.get(INN_LE)),
    )
