"""A signature file as КриптоПро, КриптоАРМ or Госуслуги write it: a CMS (PKCS#7) SignedData,
detached or attached, in DER, PEM or bare base64 → its signers, nothing verified yet."""

from __future__ import annotations

import base64
import binascii
import datetime as dt
import re
from dataclasses import dataclass

from asn1crypto import core

from .certificate import CertificateInfo, read_certificate

MAX_SIGNATURE_BYTES = 64 * 1024 * 1024  # an attached signature holds its document (a PDF of a few MB)
_PEM = re.compile(rb"-----BEGIN ([A-Z0-9 ]+)-----(.*?)-----END \1-----", re.S)
_BASE64 = re.compile(rb"^[A-Za-z0-9+/=\s]+$")


class NotASignature(ValueError):
    """The bytes are not a CMS signature (or not a complete one): the message says what failed."""


@dataclass(frozen=True)
class Signer:
    certificate: CertificateInfo
    digest_oid: str
    signature_oid: str
    signed_attrs: bytes | None  # DER with the SET tag (0x31): exactly what the signature covers
    message_digest: bytes | None
    signing_time: dt.datetime | None
    signature: bytes
    # CAdES-BES's signingCertificateV2 (or v1): (digest OID, digest of the signer's certificate),
    # which binds the certificate — its owner's name included — to the signature
    certificate_digest: tuple[str, bytes] | None = None


@dataclass(frozen=True)
class Signature:
    form: str  # «DER», «PEM», «base64»
    der: bytes
    signers: tuple[Signer, ...]
    content: bytes | None  # the signed file itself, for an attached signature
    certificates: tuple[bytes, ...] = ()  # every certificate the signature carries (DER): the path's material


def der_of(data: bytes) -> tuple[str, bytes]:
    """The DER bytes of a signature file in any of the three forms."""
    if len(data) > MAX_SIGNATURE_BYTES:
        raise NotASignature(f"файл больше {MAX_SIGNATURE_BYTES // 2**20} МБ — это не файл подписи")
    if data[:1] == b"\x30":
        return "DER", data
    text = data.strip()
    if text.startswith(b"\xef\xbb\xbf"):  # Notepad's byte order mark
        text = text[3:].strip()
    found = _PEM.search(text)
    if not found and text.startswith(b"-----BEGIN "):
        raise NotASignature("текст PEM обрезан: нет завершающей строки -----END …-----")
    form = "PEM" if found else "base64"
    body = found.group(2) if found else text
    if not body or not _BASE64.match(body):
        raise NotASignature("это не подпись CMS: ни DER, ни PEM, ни base64")
    try:
        decoded = base64.b64decode(b"".join(body.split()), validate=True)
    except (binascii.Error, ValueError):
        raise NotASignature(f"текст {form} повреждён или обрезан (base64 не раскодируется)") from None
    if decoded[:1] != b"\x30":
        raise NotASignature(f"в тексте {form} не подпись CMS")
    return form, decoded


def read_signature(data: bytes) -> Signature:
    from asn1crypto import cms

    form, der = der_of(data)
    try:
        info = cms.ContentInfo.load(der, strict=False)
        if info["content_type"].native != "signed_data":
            raise NotASignature(f"это CMS вида «{info['content_type'].native}», а не подпись (signed_data)")
        signed = info["content"]
        certificates = [c.chosen for c in signed["certificates"] or [] if c.name == "certificate"]
        encapsulated = signed["encap_content_info"]["content"]
        content = None if encapsulated.native is None else bytes(encapsulated.native)
        signers = tuple(_signer(si, certificates) for si in signed["signer_infos"])
        trailing = der[_encoded_length(der) :]
    except NotASignature:
        raise
    except (ValueError, TypeError, KeyError, AttributeError, OverflowError) as exc:
        raise NotASignature(f"структура CMS повреждена или файл обрезан ({_short(exc)})") from None
    if trailing.strip(b"\x00\r\n\t "):
        raise NotASignature(f"после подписи CMS в файле ещё {len(trailing)} байт — файл склеен или повреждён")
    if not signers:
        raise NotASignature("в подписи CMS нет ни одного подписанта")
    return Signature(form, der, signers, content, tuple(c.dump() for c in certificates))


def _encoded_length(der: bytes) -> int:
    """How many bytes the outer ContentInfo takes as written (BER's indefinite lengths included:
    a re-encoding would not tell)."""
    from asn1crypto import parser

    _, _, _, header, content, trailer = parser.parse(der, strict=False)
    return len(header) + len(content) + len(trailer)


def _short(exc: Exception) -> str:
    return " ".join(str(exc).split())[:160]


def _signer(info, certificates) -> Signer:
    certificate = _certificate_of(info["sid"], certificates)
    attrs = info["signed_attrs"]
    raw = message_digest = signing_time = certificate_digest = None
    if attrs.native is not None and len(attrs):
        # The original bytes, never a re-encoding; the implicit [0] tag becomes SET (RFC 5652 §5.4).
        raw = b"\x31" + attrs.dump()[1:]
        for attr in attrs:
            kind, values = attr["type"].native, attr["values"]
            if kind == "message_digest":
                message_digest = bytes(values[0].native)
            elif kind == "signing_time":
                signing_time = values[0].native
            elif attr["type"].dotted in (_SIGNING_CERTIFICATE_V2, _SIGNING_CERTIFICATE):
                certificate_digest = _certificate_digest(attr["type"].dotted, values[0].dump())
    return Signer(
        certificate=certificate,
        digest_oid=info["digest_algorithm"]["algorithm"].dotted,
        signature_oid=info["signature_algorithm"]["algorithm"].dotted,
        signed_attrs=raw,
        message_digest=message_digest,
        signing_time=signing_time,
        signature=bytes(info["signature"].native),
        certificate_digest=certificate_digest,
    )


_SIGNING_CERTIFICATE = "1.2.840.113549.1.9.16.2.12"  # ESS signingCertificate: SHA-1 (RFC 2634)
_SIGNING_CERTIFICATE_V2 = "1.2.840.113549.1.9.16.2.47"  # ESS signingCertificateV2 (RFC 5035)
_SHA1, _SHA256 = "1.3.14.3.2.26", "2.16.840.1.101.3.4.2.1"


class _Algorithm(core.Sequence):
    _fields = [("algorithm", core.ObjectIdentifier), ("parameters", core.Any, {"optional": True})]


class _CertId(core.Sequence):
    _fields = [("hash_algorithm", _Algorithm, {"optional": True}), ("cert_hash", core.OctetString)]


class _CertIds(core.SequenceOf):
    _child_spec = core.Any


class _SigningCertificate(core.Sequence):
    _fields = [("certs", _CertIds), ("policies", core.Any, {"optional": True})]


def _certificate_digest(kind: str, value: bytes) -> tuple[str, bytes]:
    """The first ESSCertID(v2): the signer's own certificate (RFC 5035 §3)."""
    first = _SigningCertificate.load(value)["certs"][0].dump()
    if kind == _SIGNING_CERTIFICATE:  # ESSCertID: certHash only, SHA-1
        return _SHA1, bytes(core.Sequence.load(first)[0].native)
    parsed = _CertId.load(first) if core.Sequence.load(first)[0].tag == 16 else None
    if parsed is None:  # hashAlgorithm omitted: its DEFAULT, SHA-256
        return _SHA256, bytes(core.Sequence.load(first)[0].native)
    return parsed["hash_algorithm"]["algorithm"].dotted, bytes(parsed["cert_hash"].native)


def _certificate_of(sid, certificates) -> CertificateInfo:
    for certificate in certificates:
        if sid.name == "issuer_and_serial_number":
            wanted = sid.chosen
            if certificate.serial_number == wanted["serial_number"].native and certificate.issuer == wanted["issuer"]:
                return _read(certificate)
        elif certificate.key_identifier == sid.chosen.native:
            return _read(certificate)
    raise NotASignature(
        "в подписи нет сертификата подписанта; подпишите заново с включением сертификата "
        "(в КриптоАРМ: «Включить сертификат подписчика»)"
    )


def _read(certificate) -> CertificateInfo:
    try:
        return read_certificate(certificate)
    except ValueError as exc:
        raise NotASignature(str(exc)) from None
