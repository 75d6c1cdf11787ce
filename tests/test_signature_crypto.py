"""Signatures, the cryptography: standard test vectors, a real CryptoPro signature, and
signatures the tests make themselves with every kind of damage a file can suffer."""

from __future__ import annotations

import base64
import datetime as dt
from pathlib import Path

import pytest

from reporting.signatures import gost
from reporting.signatures.check import check_signature, find_file
from reporting.signatures.cms import NotASignature, read_signature

from . import signing_kit as kit

FIXTURES = Path(__file__).parent / "fixtures" / "signatures"

# RFC 6986 §10.1, example 1: the message and the digests are printed there as numbers, most
# significant byte first; as byte strings (what files hold) both are reversed.
M1 = bytes.fromhex(
    "32313039383736353433323130393837363534333231303938373635343332"
    "3130393837363534333231303938373635343332313039383736353433323130"
)[::-1]
H256_M1 = bytes.fromhex("00557be5e584fd52a449b16b0251d05d27f94ab76cbaa6da890b59d8ef1e159d")[::-1]
H512_M1 = bytes.fromhex(
    "486f64c1917879417fef082b3381a4e211c324f074654c38823a7b76f830ad00"
    "fa1fbae42b1285c0352f227524bc9ab16254288dd6863dccd5b9f54a1ad0541b"
)[::-1]


def test_streebog_rfc6986_example_1():
    assert M1 == b"012345678901234567890123456789012345678901234567890123456789012"
    assert gost.streebog(M1, gost.DIGEST_256) == H256_M1
    assert gost.streebog(M1, gost.DIGEST_512) == H512_M1


# RFC 7091 §A.1 (GOST R 34.10-2012 example, 256-bit test curve), as integers.
RFC7091 = gost.Curve(
    p=0x8000000000000000000000000000000000000000000000000000000000000431,
    a=7,
    b=0x5FBFF498AA938CE739B8E022FBAFEF40563F6E6A3472FC2A514C0CE9DAE23B7E,
    m=0x8000000000000000000000000000000150FE8A1892976154C59CFC193ACCF5B3,
    q=0x8000000000000000000000000000000150FE8A1892976154C59CFC193ACCF5B3,
    x=2,
    y=0x08E2A8A0E65147D4BD6316030E16D19C85C97F0A9CA267122B96ABBCEA7E8FC8,
)
Q = (
    0x7F2B49E270DB6D90D8595BEC458B50C58585BA1D4E9B788F6689DBD8E56FD80B,
    0x26F1B489D6701DD185C8413A977B3CBBAF64D1C593D26627DFFB101A87FF77DA,
)
E = 0x2DFBC1B372D89A1188C09C52E0EEC61FCE52032AB1022E8E67ECE6672B043EE5
R = 0x41AA28D2F1AB148280CD9ED56FEDA41974053554A42767B83AD043FD39DC0493
S = 0x01456C64BA4642A1653C235A98A60249BCD6D3F746B631DF928014F6C5BF9C40


def test_gost_34_10_2012_rfc7091_example():
    assert gost.verify_numbers(RFC7091, 256, Q, E, R, S)
    assert not gost.verify_numbers(RFC7091, 256, Q, E + 1, R, S)
    assert not gost.verify_numbers(RFC7091, 256, Q, E, R, S + 1)
    assert not gost.verify_numbers(RFC7091, 256, Q, E, 0, S)


def test_the_cms_byte_orders_are_the_rfc_4491_ones():
    """The same example written as a CMS file writes it: key X‖Y little-endian, the digest as a
    little-endian number, the signature s‖r big-endian."""
    key = Q[0].to_bytes(32, "little") + Q[1].to_bytes(32, "little")
    digest = E.to_bytes(32, "little")
    value = S.to_bytes(32, "big") + R.to_bytes(32, "big")
    assert gost.verify_cms(RFC7091, 256, key, digest, value)
    assert not gost.verify_cms(RFC7091, 256, key, digest, R.to_bytes(32, "big") + S.to_bytes(32, "big"))


def test_a_real_cryptopro_signature_verifies():
    """Made by КриптоПро CSP 5.0 with a qualified certificate of ФНС России (fixtures/README.md)."""
    signature = read_signature((FIXTURES / "gost_test.txt.p7s").read_bytes())
    content = (FIXTURES / "gost_test.txt").read_bytes()
    assert signature.content == content == "Тест ГОСТ.".encode()
    (check,) = check_signature(signature, content)
    assert check.valid, check.findings
    certificate = check.signer.certificate
    assert certificate.owner.surname == "БЕЛИКОВ" and certificate.owner.given_names == "СТАНИСЛАВ СЕРГЕЕВИЧ"
    assert certificate.serial_hex == "02F4A7C700BFB1BBB24004196617A31FC1"
    assert certificate.serial_decimal == str(0x02F4A7C700BFB1BBB24004196617A31FC1)
    assert certificate.key_parameters == "1.2.643.2.2.36.0"  # CryptoPro-XchA
    assert check.signer.signing_time == dt.datetime(2025, 6, 23, 16, 32, 8, tzinfo=dt.UTC)
    assert certificate.issuer == "Федеральная налоговая служба"
    (damaged,) = check_signature(signature, content + b" ")  # another file than the one inside it
    assert not damaged.valid and damaged.findings == ("подпись содержит другой документ, не этот файл",)
    # the same signature taken as detached: the message digest itself tells the file was changed
    import dataclasses

    (detached,) = check_signature(dataclasses.replace(signature, content=None), content + b" ")
    assert not detached.valid and "хэш файла не совпадает" in detached.findings[0]


@pytest.fixture(
    scope="module",
    params=[("gost", 256), ("gost", 512), ("rsa", 0), ("ec", 0)],
    ids=["gost256", "gost512", "rsa", "ecdsa"],
)
def signer(request):
    key = kit.new_key(*request.param)
    return key, kit.certificate(key)


DATA = b"%PDF-1.7 a report the director signs\n"


@pytest.mark.parametrize("form", ["DER", "PEM", "base64"])
def test_every_form_verifies(signer, form):
    key, cert = signer
    signature = read_signature(kit.signature(DATA, key, cert, form=form))
    assert signature.form == form
    assert [c.findings for c in check_signature(signature, DATA)] == [()]


def test_attached_signature_carries_its_document(signer):
    key, cert = signer
    signature = read_signature(kit.signature(DATA, key, cert, detached=False))
    assert signature.content == DATA
    assert find_file(signature, [("other.pdf", b"x"), ("report.pdf", DATA)]) == "report.pdf"


def test_the_file_is_found_by_its_digest_not_its_name(signer):
    key, cert = signer
    signature = read_signature(kit.signature(DATA, key, cert))
    assert find_file(signature, [("report.pdf", b"another"), ("roadmap.pdf", DATA)]) == "roadmap.pdf"
    assert find_file(signature, [("report.pdf", b"another")]) is None


def _flip(data: bytes, at: int) -> bytes:
    return data[:at] + bytes([data[at] ^ 0x01]) + data[at + 1 :]


def test_a_flipped_byte_in_the_file(signer):
    key, cert = signer
    (check,) = check_signature(read_signature(kit.signature(DATA, key, cert)), _flip(DATA, 5))
    assert check.findings == ("хэш файла не совпадает с хэшем в подписи: файл изменён после подписания",)


def test_a_flipped_byte_in_the_signature_value(signer):
    key, cert = signer
    der = kit.signature(DATA, key, cert)
    value = read_signature(der).signers[0].signature
    at = der.rindex(value) + len(value) // 3
    (check,) = check_signature(read_signature(_flip(der, at)), DATA)
    assert check.digest_matches and not check.signature_valid
    assert check.findings[0].startswith("подпись не верна")


def test_a_flipped_byte_in_the_signed_time(signer):
    key, cert = signer
    der = kit.signature(DATA, key, cert)
    at = der.index(b"240109")  # signing time 2024-01-09, inside the signed attributes
    (check,) = check_signature(read_signature(der[:at] + b"240108" + der[at + 6 :]), DATA)
    assert not check.signature_valid


def test_a_changed_owner_in_the_certificate(signer):
    """A certificate edited inside the file (another owner's name on the mark) is caught by the
    signed digest of the certificate (CAdES-BES signingCertificateV2)."""
    key, cert = signer
    der = kit.signature(DATA, key, cert)
    name = "Гайдуков".encode()
    at = der.index(name)
    forged = der[:at] + "Гайдукав".encode() + der[at + len(name) :]
    (check,) = check_signature(read_signature(forged), DATA)
    assert check.signature_valid  # the signature itself still matches: only the certificate lies
    assert check.findings == (
        "сертификат подписанта изменён: его хэш не совпадает с подписанным (signingCertificateV2)",
    )


def test_signing_time_outside_the_validity(signer):
    key, cert = signer
    late = dt.datetime(2024, 10, 8, 10, 0, tzinfo=dt.UTC)  # the certificate ends on 07.10.2024
    (check,) = check_signature(read_signature(kit.signature(DATA, key, cert, signing_time=late)), DATA)
    assert check.findings == (
        "время подписания 08.10.2024 10:00 UTC вне срока действия сертификата (с 08.10.2023 по 07.10.2024)",
    )


def test_a_cosignature_checks_each_signer():
    first, second = kit.new_key(), kit.new_key()
    c1 = kit.certificate(first)
    c2 = kit.certificate(second, surname="Шмыглева", given="Полина Романовна", serial=0x120036AF)
    signature = read_signature(
        kit.signature(DATA, first, c1, more=[(second, c2, dt.datetime(2024, 1, 10, tzinfo=dt.UTC))])
    )
    checks = check_signature(signature, DATA)
    assert all(c.valid for c in checks)
    # SignerInfos are a SET OF (DER sorts them): the order of signing is the signing time's
    owners = {c.signer.certificate.owner.person: c.signer.signing_time.day for c in checks}
    assert owners == {"Гайдуков Андрей Николаевич": 9, "Шмыглева Полина Романовна": 10}


@pytest.mark.parametrize(
    "data, says",
    [
        (b"", "ни DER, ни PEM, ни base64"),
        (b"%PDF-1.7\n%\xe2\xe3\n1 0 obj", "ни DER, ни PEM, ни base64"),
        (base64.b64encode(b"plain text, not DER"), "не подпись CMS"),
        (b"-----BEGIN CMS-----\nMIIB!!!\n-----END CMS-----\n", "ни DER, ни PEM, ни base64"),
        (b"0\x03\x02\x01\x01", "структура CMS повреждена"),
    ],
    ids=["empty", "a pdf", "base64 of text", "broken pem", "der of something else"],
)
def test_what_is_not_a_signature(data, says):
    with pytest.raises(NotASignature, match=says):
        read_signature(data)


def test_a_truncated_signature_is_refused(signer):
    key, cert = signer
    der = kit.signature(DATA, key, cert)
    for cut in (len(der) // 2, len(der) - 1):
        with pytest.raises(NotASignature, match="повреждена или файл обрезан"):
            read_signature(der[:cut])
    with pytest.raises(NotASignature, match="обрезан"):
        read_signature(kit.signature(DATA, key, cert, form="PEM")[:-40])


def test_a_signature_without_signing_certificate_attribute_is_not_trusted_for_the_owner():
    """Plain CMS (not CAdES-BES): the owner's name could be anyone's; refused with what to do."""
    key = kit.new_key()
    cert = kit.certificate(key)
    der = kit.signature(DATA, key, cert, cades=False)
    (check,) = check_signature(read_signature(der), DATA)
    assert check.signature_valid and check.findings == () and not check.cades  # sound, not bound: a verdict of its own
    assert check.chain.level == "unverified" and check.chain.short == "подпись не CAdES-BES"
