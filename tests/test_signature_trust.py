"""A signature mark that claims only what was verified (issue 32, point 4): the signer's certificate
chained to a root the user trusts (--trust), key usage, validity at the signing time, CRLs — and
a self-signed or revoked certificate, or a signing time in the future, refused."""

from __future__ import annotations

import datetime as dt
import io
import json

import pytest
from click.testing import CliRunner

from reporting.cli import main

from . import signing_kit as kit
from .conftest import ROOT

UTC = dt.UTC
JAN9 = dt.datetime(2024, 1, 9, 11, 30, tzinfo=UTC)


def cli(*args):
    return CliRunner().invoke(main, [str(a) for a in args], catch_exceptions=False)


def signed(tmp_path, package, who, when=JAN9, name="report.pdf"):
    key, cert = who
    path = tmp_path / f"{name}.{when:%Y%m%d%H%M}.sig"
    path.write_bytes(kit.signature((package / name).read_bytes(), key, cert, signing_time=when))
    return path


def print_copy_text(package) -> str:
    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO((package / "report.print.pdf").read_bytes()))
    return " ".join(" ".join(page.extract_text().split()) for page in reader.pages)


def director(**kw):
    key = kit.new_key()
    return key, kit.certificate(key, **kw)


def test_a_self_signed_certificate_in_the_directors_name_is_refused(package, tmp_path):
    key = kit.new_key()
    forged = (key, kit.certificate(key, self_signed=True))
    signature = signed(tmp_path, package, forged)
    result = cli("sign", package, signature)
    assert result.exit_code == 2
    assert "сертификат подписанта самоподписанный" in result.output
    assert not (package / "report.print.pdf").exists() and not (package / "report.pdf.sig").exists()
    check = cli("sign", "--check", package / "report.pdf", signature)
    assert check.exit_code == 5 and "НЕ ВЕРНО: сертификат подписанта самоподписанный" in check.output


def test_a_certificate_of_a_trusted_ca_gets_the_seeds_mark(package, tmp_path):
    trust = kit.trust_folder(tmp_path / "trust")
    result = cli("sign", package, signed(tmp_path, package, director()), "--trust", trust)
    assert result.exit_code == 0, result.output
    assert "Сертификат проверен: цепочка проверена до доверенного корня «Тестовый УЦ make-report»" in result.output
    text = print_copy_text(package)
    assert "ДОКУМЕНТ ПОДПИСАН ЭЛЕКТРОННОЙ ПОДПИСЬЮ" in text and "НЕ ПРОВЕРЕН" not in text
    [entry] = json.loads((package / "manifest.json").read_bytes())["signatures"]
    [signer] = entry["signers"]
    assert signer["chain"]["level"] == "verified" and signer["chain"]["anchor"] == "Тестовый УЦ make-report"
    assert {"certificate_chain", "key_usage", "revocation"} <= set(signer["verified"])
    assert signer["signing_time_is"].startswith("заявлено подписавшим")
    assert entry["not_verified"] == ""


def test_without_trust_the_mark_says_the_certificate_was_not_checked(package, tmp_path):
    result = cli("sign", package, signed(tmp_path, package, director()))
    assert result.exit_code == 0, result.output
    text = print_copy_text(package)
    assert "ПОДПИСЬ ВЕРНА; СЕРТИФИКАТ НЕ ПРОВЕРЕН: цепочка не проверялась" in text
    assert "ДОКУМЕНТ ПОДПИСАН" not in text


def test_a_ca_that_is_not_trusted_leaves_the_certificate_unverified(package, tmp_path):
    other = kit.make_ca("Другой УЦ")
    trust = kit.trust_folder(tmp_path / "trust", ca=other)
    result = cli("sign", package, signed(tmp_path, package, director()), "--trust", trust)
    assert result.exit_code == 0, result.output
    assert "сертификат не проверен: цепочка не доходит до доверенного корня: нет сертификата издателя " \
           "«Тестовый УЦ make-report»" in result.output  # fmt: skip
    assert "СЕРТИФИКАТ НЕ ПРОВЕРЕН: нет сертификата издателя" in print_copy_text(package)


def test_without_a_crl_revocation_is_not_claimed(package, tmp_path):
    trust = kit.trust_folder(tmp_path / "trust", crl=False)
    result = cli("sign", package, signed(tmp_path, package, director()), "--trust", trust)
    assert result.exit_code == 0, result.output
    assert "отзыв не проверен: в папке" in result.output
    assert "СЕРТИФИКАТ НЕ ПРОВЕРЕН: отзыв не проверен" in print_copy_text(package)


def test_a_revoked_certificate_is_refused(package, tmp_path):
    who = director(serial=4242)
    crl = kit.revocation_list(kit.make_ca(), revoked=[(4242, dt.datetime(2023, 12, 1, tzinfo=UTC))])
    trust = kit.trust_folder(tmp_path / "trust", crl=crl)
    signature = signed(tmp_path, package, who)
    result = cli("sign", package, signature, "--trust", trust)
    assert result.exit_code == 2
    assert "сертификат «Гайдуков Андрей Николаевич» отозван 01.12.2023" in result.output
    check = cli("sign", "--check", package / "report.pdf", signature, "--trust", trust)
    assert check.exit_code == 5


def test_a_signing_time_in_the_future_is_refused(package, tmp_path):
    later = dt.datetime.now(UTC) + dt.timedelta(days=2)
    key = kit.new_key()
    who = (key, kit.certificate(key, valid_from=later - dt.timedelta(days=30), valid_to=later + dt.timedelta(days=300)))
    result = cli("sign", "--check", package / "report.pdf", signed(tmp_path, package, who, when=later))
    assert result.exit_code == 5
    assert "ещё не наступило" in result.output


def test_a_signing_time_after_expiry_is_refused(package, tmp_path):
    late = dt.datetime(2024, 11, 1, tzinfo=UTC)  # the certificate ends on 07.10.2024
    result = cli("sign", "--check", package / "report.pdf", signed(tmp_path, package, director(), when=late))
    assert result.exit_code == 5
    assert "вне срока действия сертификата" in result.output


def test_the_real_cryptopro_sample_is_sound_and_its_chain_unverified():
    sample = ROOT / "tests" / "fixtures" / "signatures"
    result = cli("sign", "--check", sample / "gost_test.txt", sample / "gost_test.txt.p7s")
    assert result.exit_code == 0, result.output
    assert "Подпись верна; сертификат не проверен: цепочка сертификатов" in result.output
    document = json.loads(cli("sign", "--check", sample / "gost_test.txt", sample / "gost_test.txt.p7s",
                              "--format", "json").output)  # fmt: skip
    assert document["valid"] is True and document["signers"][0]["chain"]["level"] == "unverified"


def test_the_real_sample_against_another_root_names_its_missing_issuer(tmp_path):
    sample = ROOT / "tests" / "fixtures" / "signatures"
    trust = kit.trust_folder(tmp_path / "trust")
    result = cli("sign", "--check", sample / "gost_test.txt", sample / "gost_test.txt.p7s", "--trust", trust)
    assert result.exit_code == 0, result.output
    assert "цепочка не доходит до доверенного корня: нет сертификата издателя" in result.output


@pytest.mark.parametrize("content", [b"", b"not a certificate"])
def test_a_trust_folder_that_does_not_read_is_a_located_refusal(package, tmp_path, content):
    folder = tmp_path / "trust"
    folder.mkdir()
    if content:
        (folder / "broken.cer").write_bytes(content)
    result = cli("sign", package, signed(tmp_path, package, director()), "--trust", folder)
    assert result.exit_code == 2 and "--trust" in result.output and "Traceback" not in result.output
    assert not (package / "report.pdf.sig").exists()


def plain_cms(tmp_path, package):
    key = kit.new_key()
    path = tmp_path / "report.pdf.plain.sig"
    path.write_bytes(kit.signature((package / "report.pdf").read_bytes(), key, kit.certificate(key), cades=False))
    return path


def test_a_plain_cms_signature_is_its_own_verdict_with_its_own_exit_code(package, tmp_path):
    """Issue 31, point 5: a GOST signature in plain CMS is mathematically valid but not CAdES-BES —
    not «НЕ ВЕРНО» with exit 5 like a tampered file."""
    signature = plain_cms(tmp_path, package)
    check = cli("sign", "--check", package / "report.pdf", signature)
    assert check.exit_code == 7, check.output
    assert "НЕ ВЕРНО" not in check.output and "математически верна, но это не CAdES-BES" in check.output
    accepted = cli("sign", "--check", package / "report.pdf", signature, "--accept-cms")
    assert accepted.exit_code == 0 and "принята по --accept-cms" in accepted.output
    document = json.loads(cli("sign", "--check", package / "report.pdf", signature, "--format", "json").output)
    assert document["verdict"] == "plain_cms" and document["valid"] is False


def test_sign_records_a_plain_cms_signature_only_when_accepted_and_says_so_on_the_mark(package, tmp_path):
    signature = plain_cms(tmp_path, package)
    refused = cli("sign", package, signature)
    assert refused.exit_code == 2 and "--accept-cms" in refused.output
    assert not (package / "report.pdf.sig").exists()
    trust = kit.trust_folder(tmp_path / "trust")  # a trusted chain changes nothing: the certificate is not bound
    done = cli("sign", package, signature, "--accept-cms", "--trust", trust)
    assert done.exit_code == 0, done.output
    text = print_copy_text(package)
    assert "ПОДПИСЬ ВЕРНА; СЕРТИФИКАТ НЕ ПРОВЕРЕН: подпись не CAdES-BES" in text and "ДОКУМЕНТ ПОДПИСАН" not in text
