"""Whom a signature can be trusted to come from: the signer's certificate chained to a root the user
trusts (``--trust DIR``: root and intermediate certificates, and CRLs, checked offline).

Three verdicts, and the print copy's mark claims no more than the one reached:
* **verified** — every link's signature, the CA flags and key usage, validity at the signing time
  and the revocation lists of every issuer check out, up to a root in the folder;
* **unverified** — the signature itself is sound, but the chain was not (or could not be) checked:
  no folder, no path to a trusted root, no revocation list;
* **invalid** — a self-signed signer, a revoked certificate, a link that does not verify: findings
  that refuse the signature, as a tampered file is refused.

The system's own certificate store is not read: qualified (GOST) certificates chain to Минцифры's
head CA, which no system store holds, and nothing is read outside what the user names.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

from asn1crypto import crl, pem, x509

from ..errors import InputError, Problem
from ..kinds import Kind
from . import gost
from .certificate import CertificateInfo, read_certificate

VERIFIED, UNVERIFIED, INVALID = "verified", "unverified", "invalid"
MAX_TRUST_FILES = 1000
MAX_TRUST_FILE = 4 * 1024 * 1024  # a CA's CRL may be a few MB
MAX_DEPTH = 8
CERTIFICATE_SUFFIXES = (".cer", ".crt", ".der", ".pem")
CRL_SUFFIXES = (".crl",)
# digest of an RSA or ECDSA certificate signature, by its algorithm
_CLASSIC = {
    "1.2.840.113549.1.1.5": "SHA1", "1.2.840.113549.1.1.11": "SHA256", "1.2.840.113549.1.1.12": "SHA384",
    "1.2.840.113549.1.1.13": "SHA512", "1.2.840.10045.4.3.2": "SHA256", "1.2.840.10045.4.3.3": "SHA384",
    "1.2.840.10045.4.3.4": "SHA512",
}  # fmt: skip


def _refused(message: str) -> InputError:
    """The folder given as ``--trust`` cannot be read: a located refusal (exit 2), naming the file and why."""
    return InputError([Problem(Kind.BAD_OPTION, "--trust", message,
                               hint="Укажите папку с сертификатами УЦ (.cer) и списками отзыва (.crl)")])  # fmt: skip


@dataclass(frozen=True)
class ChainVerdict:
    level: str  # VERIFIED | UNVERIFIED | INVALID
    reason: str  # what was (not) verified, in Russian: the CLI, the manifest and the mark say it
    short: str = ""  # the reason in the few words the mark holds
    anchor: str = ""  # the trusted root's name, when verified
    path: tuple[str, ...] = ()  # the certificates' owners, from the signer up


@dataclass
class TrustStore:
    folder: str
    roots: list[x509.Certificate] = field(default_factory=list)
    intermediates: list[x509.Certificate] = field(default_factory=list)
    crls: list[crl.CertificateList] = field(default_factory=list)


def load_trust(folder: Path) -> TrustStore:
    """Certificates (.cer/.crt/.der/.pem, DER or PEM) and CRLs (.crl) of ``folder``; the self-signed
    certificates are the roots trusted, the others only build the path."""
    from ..read.limits import read_regular

    if not folder.is_dir():
        raise _refused(f"папка доверенных сертификатов {folder} не найдена")
    store = TrustStore(str(folder))
    files = sorted(p for p in folder.iterdir() if p.suffix.lower() in CERTIFICATE_SUFFIXES + CRL_SUFFIXES)
    if len(files) > MAX_TRUST_FILES:
        raise _refused(f"файлов сертификатов в папке {folder} больше, чем {MAX_TRUST_FILES}")
    for path in files:
        try:
            data = read_regular(path, MAX_TRUST_FILE)
            for der in _ders(data):
                if path.suffix.lower() in CRL_SUFFIXES:
                    revocations = crl.CertificateList.load(der)
                    revocations["tbs_cert_list"].native  # noqa: B018 (parsed whole: a damaged list is named here)
                    store.crls.append(revocations)
                else:
                    certificate = x509.Certificate.load(der)
                    _parsed(certificate)  # a damaged file is named here, not in the middle of a check
                    (store.roots if _self_signed(certificate) else store.intermediates).append(certificate)
        except (OSError, ValueError, TypeError, KeyError) as exc:
            raise _refused(f"{path.name}: не читается как сертификат или список отзыва ({exc})") from None
    if not store.roots:
        raise _refused(f"в папке {folder} нет ни одного корневого (самоподписанного) сертификата")
    return store


def _parsed(certificate: x509.Certificate) -> None:
    """Every field the checks read (asn1crypto parses lazily; ``.native`` of a GOST key fails)."""
    tbs = certificate["tbs_certificate"]
    tbs["subject"].native, tbs["issuer"].native, tbs["validity"].native, tbs["serial_number"].native  # noqa: B018
    certificate.key_usage_value, certificate.basic_constraints_value  # noqa: B018
    read_certificate(certificate)


def _ders(data: bytes) -> list[bytes]:
    if pem.detect(data):
        return [der for _, _, der in pem.unarmor(data, multiple=True)]
    return [data]


def chain_verdict(
    leaf_der: bytes, carried: tuple[bytes, ...], moment: dt.datetime, store: TrustStore | None
) -> ChainVerdict:
    """The verdict on the signer's certificate at ``moment`` (the signing time), with the
    certificates the signature carries (``carried``) to build the path."""
    leaf = x509.Certificate.load(leaf_der)
    if _self_signed(leaf):
        return ChainVerdict(INVALID, "сертификат подписанта самоподписанный: его выпустил сам владелец, "
                            "а не удостоверяющий центр — такой сертификат может сделать кто угодно на любое имя")  # fmt: skip
    if store is None:
        return ChainVerdict(UNVERIFIED, "цепочка сертификатов, отзыв и квалифицированность не проверялись "
                            "(укажите папку доверенных сертификатов: --trust ПАПКА)", "цепочка не проверялась")  # fmt: skip
    pool = [x509.Certificate.load(d) for d in carried] + store.intermediates + store.roots
    path, current = [leaf], leaf
    while not any(current.dump() == root.dump() for root in store.roots):
        issuer = next((c for c in pool if c.subject == current.issuer and _signed_by(current, c)), None)
        if issuer is None:
            named = _name(current.issuer)
            if any(c.subject == current.issuer for c in pool):
                return ChainVerdict(INVALID, f"подпись сертификата «{_name(current.subject)}» не проверяется ключом "
                                    f"издателя «{named}»: сертификат подделан или повреждён")  # fmt: skip
            return ChainVerdict(UNVERIFIED, f"цепочка не доходит до доверенного корня: нет сертификата издателя "
                                f"«{named}» (положите его в папку {store.folder})", "нет сертификата издателя")  # fmt: skip
        if _self_signed(issuer) and not any(issuer.dump() == root.dump() for root in store.roots):
            return ChainVerdict(UNVERIFIED, f"цепочка ведёт к корню «{_name(issuer.subject)}», которого нет среди "
                                "доверенных", "корень не доверенный")  # fmt: skip
        path.append(issuer)
        current = issuer
        if len(path) > MAX_DEPTH:
            return ChainVerdict(UNVERIFIED, "цепочка сертификатов длиннее 8 звеньев", "цепочка не построена")
    problems = _links(path, moment)
    if problems:
        return ChainVerdict(INVALID, problems[0])
    revocation = _revocation(path, store, moment)
    if revocation is not None:
        return revocation
    names = tuple(_name(c.subject) for c in path)
    return ChainVerdict(
        VERIFIED,
        f"цепочка проверена до доверенного корня «{names[-1]}»: подписи звеньев, сроки действия на момент "
        "подписания, назначение ключей и списки отзыва",
        anchor=names[-1], path=names,
    )  # fmt: skip


def _links(path: list[x509.Certificate], moment: dt.datetime) -> list[str]:
    problems = []
    for position, certificate in enumerate(path):
        validity = certificate["tbs_certificate"]["validity"]
        start, end = validity["not_before"].native, validity["not_after"].native
        if not start <= moment <= end:
            problems.append(f"сертификат «{_name(certificate.subject)}» на момент подписания "
                            f"{moment:%d.%m.%Y %H:%M} UTC не действовал (с {start:%d.%m.%Y} по {end:%d.%m.%Y})")  # fmt: skip
        usage = set(certificate.key_usage_value.native) if certificate.key_usage_value else None
        if position == 0:
            if usage is not None and not usage & {"digital_signature", "non_repudiation"}:
                problems.append("ключ сертификата подписанта не предназначен для подписи документов (keyUsage)")
            continue
        constraints = certificate.basic_constraints_value
        is_root = position == len(path) - 1
        if (constraints is None and not is_root) or (constraints is not None and not constraints["ca"].native):
            problems.append(f"сертификат «{_name(certificate.subject)}» не удостоверяющего центра (basicConstraints)")
        if usage is not None and "key_cert_sign" not in usage:
            problems.append(f"ключ «{_name(certificate.subject)}» не предназначен для выпуска сертификатов (keyUsage)")
    return problems


def _revocation(path: list[x509.Certificate], store: TrustStore, moment: dt.datetime) -> ChainVerdict | None:
    """None when every certificate below the root is on no list of its issuer's; a verdict otherwise."""
    for certificate, issuer in zip(path, path[1:], strict=False):
        lists = [c for c in store.crls if c.issuer == certificate.issuer and _crl_signed_by(c, issuer)]
        if not lists:
            return ChainVerdict(UNVERIFIED, f"отзыв не проверен: в папке {store.folder} нет списка отзыва (CRL) "
                                f"издателя «{_name(issuer.subject)}»", "отзыв не проверен")  # fmt: skip
        serial = certificate.serial_number
        for found in lists:
            for entry in found["tbs_cert_list"]["revoked_certificates"] or []:
                if entry["user_certificate"].native == serial:
                    when = entry["revocation_date"].native
                    return ChainVerdict(INVALID, f"сертификат «{_name(certificate.subject)}» отозван "
                                        f"{when:%d.%m.%Y} (список отзыва издателя «{_name(issuer.subject)}»)")  # fmt: skip
        fresh = [c for c in lists if c["tbs_cert_list"]["next_update"].native is None
                 or c["tbs_cert_list"]["next_update"].native >= moment]  # fmt: skip
        if not fresh:
            return ChainVerdict(UNVERIFIED, f"список отзыва издателя «{_name(issuer.subject)}» устарел к моменту "
                                "подписания: положите свежий", "список отзыва устарел")  # fmt: skip
    return None


def _self_signed(certificate: x509.Certificate) -> bool:
    return _signed_by(certificate, certificate)


def _signed_by(child: x509.Certificate, issuer: x509.Certificate) -> bool:
    return _verifies(
        child["tbs_certificate"].dump(), child["signature_algorithm"]["algorithm"].dotted,
        bytes(child["signature_value"].native), issuer,
    )  # fmt: skip


def _crl_signed_by(revocations: crl.CertificateList, issuer: x509.Certificate) -> bool:
    return _verifies(
        revocations["tbs_cert_list"].dump(), revocations["signature_algorithm"]["algorithm"].dotted,
        bytes(revocations["signature"].native), issuer,
    )  # fmt: skip


def _verifies(signed: bytes, algorithm: str, signature: bytes, issuer: x509.Certificate) -> bool:
    try:
        key: CertificateInfo = read_certificate(issuer)
    except ValueError:
        return False
    bits = gost.SIGNATURES.get(algorithm)
    if bits and key.key_algorithm in (gost.KEY_256, gost.KEY_512):
        curve = gost.Curve.named(key.key_parameters or "")
        digest_oid = gost.DIGEST_256 if bits == 256 else gost.DIGEST_512
        return curve is not None and gost.verify_cms(curve, bits, key.public_key, gost.streebog(signed, digest_oid),
                                                      signature)  # fmt: skip
    if algorithm in _CLASSIC and not key.key_algorithm.startswith("1.2.643."):
        return verify_classic(key.public_key, signed, signature, _CLASSIC[algorithm])
    return False


def verify_classic(spki: bytes, signed: bytes, signature: bytes, digest: str) -> bool:
    """RSA (PKCS #1 v1.5) or ECDSA over ``signed`` with the key ``spki`` (DER) and hash ``digest``
    («SHA256»), by the cryptography library."""
    from cryptography.exceptions import InvalidSignature, UnsupportedAlgorithm
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec, padding, rsa

    try:
        public = serialization.load_der_public_key(spki)
        if isinstance(public, rsa.RSAPublicKey):
            public.verify(signature, signed, padding.PKCS1v15(), getattr(hashes, digest)())
        elif isinstance(public, ec.EllipticCurvePublicKey):
            public.verify(signature, signed, ec.ECDSA(getattr(hashes, digest)()))
        else:
            return False
    except (InvalidSignature, UnsupportedAlgorithm, ValueError):
        return False
    return True


def _name(name: x509.Name) -> str:
    from ..read.text import name_text

    native = name.native
    return name_text(native.get("common_name") or native.get("organization_name") or name.human_friendly)
