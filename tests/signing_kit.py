"""Keys, certificates and CAdES-BES signatures the tests make themselves, GOST R 34.10-2012 and
RSA, in the byte orders CryptoPro writes (RFC 4491): what a director's КриптоАРМ would hand over.

Independent of the code under test: signing here uses gostcrypto and cryptography directly,
and the CMS is assembled with asn1crypto from the RFC 5652 structures."""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import secrets
from dataclasses import dataclass

from asn1crypto import cms, core, keys, x509

UTC = dt.UTC
GOST_PARAMS = {256: "1.2.643.7.1.2.1.1.1", 512: "1.2.643.7.1.2.1.2.1"}
GOST_CURVES = {256: "id-tc26-gost-3410-2012-256-paramSetA", 512: "id-tc26-gost-3410-12-512-paramSetA"}
GOST_KEY = {256: "1.2.643.7.1.1.1.1", 512: "1.2.643.7.1.1.1.2"}
GOST_DIGEST = {256: "1.2.643.7.1.1.2.2", 512: "1.2.643.7.1.1.2.3"}
GOST_SIGN_WITH_DIGEST = {256: "1.2.643.7.1.1.3.2", 512: "1.2.643.7.1.1.3.3"}


def _length(n: int) -> bytes:
    if n < 0x80:
        return bytes([n])
    body = n.to_bytes((n.bit_length() + 7) // 8, "big")
    return bytes([0x80 | len(body)]) + body


def seq(*parts: bytes) -> bytes:
    """DER SEQUENCE of already encoded parts."""
    body = b"".join(parts)
    return b"\x30" + _length(len(body)) + body


def _tagged(tag: int, body: bytes) -> bytes:
    return bytes([tag]) + _length(len(body)) + body


def _set(*parts: bytes) -> bytes:
    return _tagged(0x31, b"".join(sorted(parts)))  # DER sorts a SET OF


def oid(dotted: str) -> bytes:
    return core.ObjectIdentifier(dotted).dump()


def octets(data: bytes) -> bytes:
    return core.OctetString(data).dump()


def bits_of(data: bytes) -> bytes:
    return b"\x03" + _length(len(data) + 1) + b"\x00" + data


def streebog(data: bytes, bits: int) -> bytes:
    from gostcrypto import gosthash

    return bytes(gosthash.new(f"streebog{bits}", data=data).digest())


@dataclass
class Key:
    kind: str  # "gost" or "rsa"
    bits: int
    private: object  # gost: the private key bytes (big-endian); rsa: a cryptography key

    def sign(self, data: bytes) -> bytes:
        """The CMS signature value over ``data``: s‖r for GOST, PKCS #1 v1.5 with SHA-256 for RSA."""
        if self.kind == "gost":
            size = self.bits // 8
            signer = _gost(self.bits)
            digest = streebog(data, self.bits)[::-1]  # read little-endian
            r_s = bytes(signer.sign(bytearray(self.private), bytearray(digest)))
            return r_s[size:] + r_s[:size]
        from cryptography.hazmat.primitives import hashes
        from cryptography.hazmat.primitives.asymmetric import ec, padding

        if self.kind == "ec":
            return self.private.sign(data, ec.ECDSA(hashes.SHA256()))
        return self.private.sign(data, padding.PKCS1v15(), hashes.SHA256())

    def spki(self) -> bytes:
        if self.kind == "gost":
            size = self.bits // 8
            xy = bytes(_gost(self.bits).public_key_generate(bytearray(self.private)))
            little = xy[:size][::-1] + xy[size:][::-1]
            algorithm = seq(oid(GOST_KEY[self.bits]), seq(oid(GOST_PARAMS[self.bits])))
            return seq(algorithm, bits_of(octets(little)))
        from cryptography.hazmat.primitives import serialization

        return self.private.public_key().public_bytes(
            serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo
        )

    @property
    def digest_oid(self) -> str:
        return GOST_DIGEST[self.bits] if self.kind == "gost" else "2.16.840.1.101.3.4.2.1"

    def digest(self, data: bytes) -> bytes:
        return streebog(data, self.bits) if self.kind == "gost" else hashlib.sha256(data).digest()

    @property
    def signature_oid(self) -> str:
        """What SignerInfo names: CryptoPro writes the key's algorithm for GOST."""
        if self.kind == "ec":
            return "1.2.840.10045.4.3.2"  # ecdsa-with-SHA256
        return GOST_KEY[self.bits] if self.kind == "gost" else "1.2.840.113549.1.1.1"

    @property
    def certificate_signature_oid(self) -> str:
        if self.kind == "ec":
            return "1.2.840.10045.4.3.2"
        return GOST_SIGN_WITH_DIGEST[self.bits] if self.kind == "gost" else "1.2.840.113549.1.1.11"


def _gost(bits: int):
    from gostcrypto import gostsignature

    mode = gostsignature.MODE_256 if bits == 256 else gostsignature.MODE_512
    return gostsignature.new(mode, gostsignature.CURVES_R_1323565_1_024_2019[GOST_CURVES[bits]])


def new_key(kind: str = "gost", bits: int = 256) -> Key:
    if kind == "gost":
        from gostcrypto import gostsignature

        q = gostsignature.CURVES_R_1323565_1_024_2019[GOST_CURVES[bits]]["q"]
        private = secrets.randbelow(q - 1) + 1
        return Key("gost", bits, private.to_bytes(bits // 8, "big"))
    from cryptography.hazmat.primitives.asymmetric import ec, rsa

    if kind == "ec":
        return Key("ec", 256, ec.generate_private_key(ec.SECP256R1()))
    return Key("rsa", 2048, rsa.generate_private_key(public_exponent=65537, key_size=2048))


def _attribute(oid: str, value: core.Asn1Value):
    return x509.NameTypeAndValue({"type": oid, "value": value})


def certificate(
    key: Key,
    surname: str = "Гайдуков",
    given: str = "Андрей Николаевич",
    organization: str = "МАОУ «СОШ № 24»",
    title: str = "Директор",
    snils: str = "12345678901",
    inn: str = "123456789012",
    serial: int = 141801485388770673109170416287983275056075262721,
    valid_from: dt.datetime = dt.datetime(2023, 10, 8, 9, 0, tzinfo=UTC),
    valid_to: dt.datetime = dt.datetime(2024, 10, 7, 9, 0, tzinfo=UTC),
    issuer: tuple[Key, bytes] | None = None,
    self_signed: bool = False,
) -> bytes:
    """A certificate with a qualified certificate's subject (SN, G, CN, O, СНИЛС, ИНН), issued by
    ``issuer`` (its key and certificate; the test CA by default), or ``self_signed`` by its own key."""
    rdns = [
        ("2.5.4.4", core.UTF8String(surname)),
        ("2.5.4.42", core.UTF8String(given)),
        ("2.5.4.3", core.UTF8String(f"{surname} {given}")),
        ("2.5.4.10", core.UTF8String(organization)),
        ("2.5.4.12", core.UTF8String(title)),
        ("1.2.643.100.3", core.NumericString(snils)),
        ("1.2.643.3.131.1.1", core.NumericString(inn)),
    ]
    name = x509.Name(
        name="", value=x509.RDNSequence([x509.RelativeDistinguishedName([_attribute(o, v)]) for o, v in rdns])
    )
    if self_signed:
        signer_key, issuer_name = key, name
    else:
        signer_key, ca_der = issuer or make_ca()
        issuer_name = x509.Certificate.load(ca_der).subject
    return _issue(signer_key, key, name, issuer_name, serial, valid_from, valid_to)


def _issue(signer_key: Key, key: Key, name, issuer_name, serial, valid_from, valid_to, extensions=None) -> bytes:
    algorithm = {"algorithm": signer_key.certificate_signature_oid}
    fields = {
        "version": "v3",
        "serial_number": serial,
        "signature": algorithm,
        "issuer": issuer_name,
        "validity": {
            "not_before": x509.Time(name="utc_time", value=valid_from),
            "not_after": x509.Time(name="utc_time", value=valid_to),
        },
        "subject": name,
        "subject_public_key_info": keys.PublicKeyInfo.load(key.spki()),
    }
    if extensions:
        fields["extensions"] = extensions
    tbs_der = x509.TbsCertificate(fields).dump()
    return seq(tbs_der, seq(oid(signer_key.certificate_signature_oid)), bits_of(signer_key.sign(tbs_der)))


_CA: dict[str, tuple[Key, bytes]] = {}


def make_ca(name: str = "Тестовый УЦ make-report") -> tuple[Key, bytes]:
    """A root CA of the tests' own (GOST 2012-256), made once per process and per name: its key and
    its self-signed certificate, with the CA flag and the key usage a CA has."""
    if name not in _CA:
        key = new_key("gost")
        subject = x509.Name.build({"common_name": name, "country_name": "RU"})
        extensions = [
            {"extn_id": "basic_constraints", "critical": True, "extn_value": {"ca": True}},
            {"extn_id": "key_usage", "critical": True, "extn_value": {"key_cert_sign", "crl_sign"}},
        ]
        cert = _issue(key, key, subject, subject, 7, dt.datetime(2020, 1, 1, tzinfo=UTC),
                      dt.datetime(2035, 1, 1, tzinfo=UTC), extensions)  # fmt: skip
        _CA[name] = (key, cert)
    return _CA[name]


def revocation_list(
    ca: tuple[Key, bytes], revoked: list[tuple[int, dt.datetime]] = (),
    this_update: dt.datetime = dt.datetime(2024, 1, 1, tzinfo=UTC),
    next_update: dt.datetime = dt.datetime(2034, 1, 1, tzinfo=UTC),
) -> bytes:  # fmt: skip
    """The CA's CRL (DER) listing ``revoked`` (serial, date)."""
    from asn1crypto import crl

    key, cert = ca
    tbs = crl.TbsCertList({
        "version": "v2",
        "signature": {"algorithm": key.certificate_signature_oid},
        "issuer": x509.Certificate.load(cert).subject,
        "this_update": x509.Time(name="utc_time", value=this_update),
        "next_update": x509.Time(name="utc_time", value=next_update),
        "revoked_certificates": [
            {"user_certificate": serial, "revocation_date": x509.Time(name="utc_time", value=when)}
            for serial, when in revoked
        ] or None,
    })  # fmt: skip
    tbs_der = tbs.dump()
    return seq(tbs_der, seq(oid(key.certificate_signature_oid)), bits_of(key.sign(tbs_der)))


def trust_folder(folder, ca: tuple[Key, bytes] | None = None, crl: bytes | None | bool = True):
    """A ``--trust`` folder: the CA's certificate and, unless ``crl`` is False, its CRL (an empty one
    by default)."""
    ca = ca or make_ca()
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "ca.cer").write_bytes(ca[1])
    if crl is not False:
        (folder / "ca.crl").write_bytes(revocation_list(ca) if crl is True else crl)
    return folder


def signature(
    data: bytes,
    key: Key,
    cert_der: bytes,
    signing_time: dt.datetime = dt.datetime(2024, 1, 9, 11, 30, tzinfo=UTC),
    detached: bool = True,
    form: str = "DER",
    more: list[tuple[Key, bytes, dt.datetime]] | None = None,
    cades: bool = True,
) -> bytes:
    """A CAdES-BES signature of ``data`` (signed attributes: content type, signing time, message
    digest, signingCertificateV2), detached or attached, as DER, PEM or bare base64.  ``more``:
    further signers (key, certificate, time) in the same SignedData, as a co-signature."""
    signers = [(key, cert_der, signing_time), *(more or [])]
    infos, certificates, digests = [], [], []
    for signer_key, signer_cert, when in signers:
        cert = x509.Certificate.load(signer_cert)
        # SigningCertificateV2 ::= SEQUENCE { certs SEQUENCE OF ESSCertIDv2 } (RFC 5035)
        cert_digest = seq(seq(seq(seq(oid(signer_key.digest_oid)), octets(signer_key.digest(signer_cert)))))
        attributes = cms.CMSAttributes(
            [
                {"type": "content_type", "values": ["data"]},
                {"type": "signing_time", "values": [cms.Time(name="utc_time", value=when)]},
                {"type": "message_digest", "values": [signer_key.digest(data)]},
            ]
            + (
                [cms.CMSAttribute({"type": "1.2.840.113549.1.9.16.2.47", "values": [core.Any.load(cert_digest)]})]
                if cades
                else []
            )
        )
        signed_attrs = attributes.dump()  # a SET OF (0x31): what is signed
        value = signer_key.sign(signed_attrs)
        tbs = cert["tbs_certificate"]
        issuer_serial = seq(tbs["issuer"].dump(), core.Integer(tbs["serial_number"].native).dump())
        infos.append(
            seq(
                core.Integer(1).dump(),
                issuer_serial,
                seq(oid(signer_key.digest_oid)),
                b"\xa0" + signed_attrs[1:],  # signedAttrs: [0] IMPLICIT SET OF
                seq(oid(signer_key.signature_oid)),
                octets(value),
            )
        )
        certificates.append(signer_cert)
        digests.append(seq(oid(signer_key.digest_oid)))
    # Assembled by hand (RFC 5652 §5.1), certificates as given: a DER writer must not touch them.
    content = seq(oid("1.2.840.113549.1.7.1"), *([] if detached else [_tagged(0xA0, octets(data))]))
    signed = seq(
        core.Integer(1).dump(),
        _set(*set(digests)),
        content,
        _tagged(0xA0, b"".join(certificates)),
        _set(*infos),
    )
    der = seq(oid("1.2.840.113549.1.7.2"), _tagged(0xA0, signed))
    if form == "DER":
        return der
    text = base64.encodebytes(der)
    return b"-----BEGIN CMS-----\n" + text + b"-----END CMS-----\n" if form == "PEM" else text
