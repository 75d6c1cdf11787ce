"""One signature against one file: the message digest, the signature over the signed
attributes with the signer's public key, and the signing time against the certificate's
validity.  Problems are findings (sentences), never exceptions: a clerk needs all of them."""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Iterable
from dataclasses import dataclass

from . import gost
from .cms import Signature, Signer
from .trust import INVALID, UNVERIFIED, ChainVerdict, TrustStore, chain_verdict, verify_classic

SHA = {
    "1.3.14.3.2.26": "sha1",
    "2.16.840.1.101.3.4.2.1": "sha256",
    "2.16.840.1.101.3.4.2.2": "sha384",
    "2.16.840.1.101.3.4.2.3": "sha512",
    "2.16.840.1.101.3.4.2.4": "sha224",
}
RSA = "1.2.840.113549.1.1.1"
EC = "1.2.840.10045.2.1"
CLOCK_SKEW = dt.timedelta(minutes=5)  # a signing time this far ahead of the clock is still a clock's error
NOT_CHECKED = (
    "цепочка сертификатов, отзыв сертификата и статус квалифицированной подписи не проверялись: "
    "это делают Госуслуги (gosuslugi.ru/eds) или КриптоАРМ"
)


@dataclass(frozen=True)
class SignerCheck:
    signer: Signer
    digest_matches: bool
    signature_valid: bool
    findings: tuple[str, ...]
    chain: ChainVerdict = ChainVerdict(UNVERIFIED, NOT_CHECKED, "цепочка не проверялась")
    cades: bool = True  # the certificate is bound to the signature (signingCertificateV2): CAdES-BES

    @property
    def valid(self) -> bool:
        return not self.findings


def digest(data: bytes, oid: str) -> bytes | None:
    """The file's digest by the signer's algorithm; None for an algorithm not supported here."""
    if oid in gost.DIGESTS:
        return gost.streebog(data, oid)
    if oid in SHA:
        return hashlib.new(SHA[oid], data).digest()
    return None


def signs(signer: Signer, data: bytes) -> bool:
    """Does ``signer`` sign exactly these bytes? (The digest alone: cheap, for finding the file.)"""
    if signer.message_digest is not None:
        return digest(data, signer.digest_oid) == signer.message_digest
    return _signature_valid(signer, data)


def check_signer(
    signer: Signer, content: bytes, carried: tuple[bytes, ...] = (), store: TrustStore | None = None,
    now: dt.datetime | None = None,
) -> SignerCheck:  # fmt: skip
    """``carried``: the certificates the signature holds; ``store``: the roots trusted (``--trust``);
    ``now``: the moment of the check, which a signing time may not lie after (beyond a clock's skew)."""
    findings: list[str] = []
    if digest(b"", signer.digest_oid) is None:
        findings.append(f"алгоритм хэширования {signer.digest_oid} не поддерживается")
        return SignerCheck(signer, False, False, tuple(findings))
    if signer.signed_attrs is None:  # no signed attributes: the signature covers the file itself
        matches = valid = _signature_valid(signer, content)
        if not valid:
            findings.append("подпись не соответствует файлу: файл изменён после подписания или подпись к другому файлу")
    else:
        matches = digest(content, signer.digest_oid) == signer.message_digest
        if not matches:
            findings.append("хэш файла не совпадает с хэшем в подписи: файл изменён после подписания")
        valid = _signature_valid(signer, signer.signed_attrs)
        if not valid:
            findings.append(_invalid(signer))
    certificate = signer.certificate
    cades = signer.certificate_digest is not None
    findings += _certificate_binding(signer) if cades else []
    if signer.signing_time is None:
        findings.append("в подписи нет времени подписания: срок действия сертификата не с чем сверить")
    elif not certificate.valid_on(signer.signing_time):
        findings.append(
            f"время подписания {signer.signing_time:%d.%m.%Y %H:%M} UTC вне срока действия сертификата "
            f"(с {certificate.not_before:%d.%m.%Y} по {certificate.not_after:%d.%m.%Y})"
        )
    now = now or dt.datetime.now(dt.UTC)
    if signer.signing_time is not None and signer.signing_time > now + CLOCK_SKEW:
        findings.append(
            f"время подписания {signer.signing_time:%d.%m.%Y %H:%M} UTC ещё не наступило: часы подписавшего "
            "компьютера неверны или время подделано"
        )
    chain = chain_verdict(certificate.der, carried, signer.signing_time or now, store)
    if chain.level == INVALID:
        findings.append(chain.reason)
    elif not cades:  # a chain of a certificate the signature does not name says nothing of who signed
        chain = ChainVerdict(UNVERIFIED, PLAIN_CMS, "подпись не CAdES-BES")
    return SignerCheck(signer, matches, valid, tuple(findings), chain, cades)


def check_signature(
    signature: Signature, content: bytes, store: TrustStore | None = None, now: dt.datetime | None = None
) -> tuple[SignerCheck, ...]:
    """Every signer against ``content``. An attached signature holding another document is checked
    against its own, with that said first: the signature may be sound, but not for this file."""
    carried = signature.certificates
    if signature.content is None or signature.content == content:
        return tuple(check_signer(signer, content, carried, store, now) for signer in signature.signers)
    return tuple(
        SignerCheck(c.signer, False, c.signature_valid, (OTHER_DOCUMENT, *c.findings), c.chain, c.cades)
        for c in (check_signer(signer, signature.content, carried, store, now) for signer in signature.signers)
    )


OTHER_DOCUMENT = "подпись содержит другой документ, не этот файл"


def find_file(signature: Signature, files: Iterable[tuple[str, bytes]]) -> str | None:
    """The name of the file the signature is for: the attached content's twin, or the file whose
    digest the first signer signed (``files`` in the order to try: the likeliest first)."""
    signer = signature.signers[0]
    for name, data in files:
        if signature.content is not None:
            if data == signature.content:
                return name
        elif signs(signer, data):
            return name
    return None


PLAIN_CMS = (
    "подпись математически верна, но это не CAdES-BES: в ней нет подписанного атрибута signingCertificateV2, "
    "и сертификат, а с ним и владелец, подписью не заверен"
)


def _certificate_binding(signer: Signer) -> list[str]:
    """The owner shown on the mark must be the one signed for: CAdES-BES signs the digest of the
    signer's certificate, so a certificate altered or swapped inside the file is caught (plain CMS
    binds none: ``SignerCheck.cades`` says so, and the verdict is a third one)."""
    oid, expected = signer.certificate_digest
    found = digest(signer.certificate.der, oid)
    if found is None:
        return [f"алгоритм хэша сертификата {oid} не поддерживается: сертификат не проверен"]
    if found != expected:
        return ["сертификат подписанта изменён: его хэш не совпадает с подписанным (signingCertificateV2)"]
    return []


def _invalid(signer: Signer) -> str:
    key = signer.certificate.key_algorithm
    if key.startswith("1.2.643.") and gost.Curve.named(signer.certificate.key_parameters or "") is None:
        return f"параметры ключа ГОСТ {signer.certificate.key_parameters} не поддерживаются: подпись не проверена"
    if not (key.startswith("1.2.643.") or key in (RSA, EC)):
        return f"алгоритм ключа {key} не поддерживается: подпись не проверена"
    return "подпись не верна: подписанные атрибуты или подпись изменены, или подпись сделана другим ключом"


def _signature_valid(signer: Signer, signed: bytes) -> bool:
    certificate = signer.certificate
    key = certificate.key_algorithm
    if key in (gost.KEY_256, gost.KEY_512):
        bits = 256 if key == gost.KEY_256 else 512
        curve = gost.Curve.named(certificate.key_parameters or "")
        digest_oid = gost.DIGEST_256 if bits == 256 else gost.DIGEST_512
        if curve is None or signer.digest_oid != digest_oid or gost.SIGNATURES.get(signer.signature_oid) != bits:
            return False
        return gost.verify_cms(curve, bits, certificate.public_key, gost.streebog(signed, digest_oid), signer.signature)
    if key in (RSA, EC) and signer.digest_oid in SHA:
        return _verify_classic(signer, signed)
    return False


def _verify_classic(signer: Signer, signed: bytes) -> bool:
    """RSA (PKCS #1 v1.5) and ECDSA, by the cryptography library (one verifier for signatures and
    certificates: trust.py)."""
    return verify_classic(signer.certificate.public_key, signed, signer.signature, SHA[signer.digest_oid].upper())
