"""make-report sign / sign --check / verify: the signatures of an archived package, end to end."""

from __future__ import annotations

import datetime as dt
import io
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from reporting.cli import main

from . import signing_kit as kit
from .conftest import ROOT


def cli(*args: str):
    return CliRunner().invoke(main, [str(a) for a in args], catch_exceptions=False)


@pytest.fixture(scope="module")
def director():
    key = kit.new_key()
    return key, kit.certificate(key)


@pytest.fixture(scope="module")
def deputy():
    key = kit.new_key("rsa")
    cert = kit.certificate(key, surname="Шмыглева", given="Полина Романовна", title="Заместитель директора",
                           serial=0x120036AF)  # fmt: skip
    return key, cert


def snapshot(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def sign_file(tmp_path: Path, package: Path, name: str, who, when=dt.datetime(2024, 1, 9, 11, 30, tzinfo=dt.UTC), **kw):
    key, cert = who
    path = tmp_path / f"{name}.{key.kind}{kw.get('form', 'DER')}{when:%d%H%M}.sig"
    path.write_bytes(kit.signature((package / name).read_bytes(), key, cert, signing_time=when, **kw))
    return path


def test_sign_then_verify(package, tmp_path, director):
    before = snapshot(package)
    signature = sign_file(tmp_path, package, "report.pdf", director)
    result = cli("sign", package, signature)
    assert result.exit_code == 0, result.output
    assert "Гайдуков Андрей Николаевич" in result.output
    assert "18D699388822410527B767DEBECEF1C890FA4B01 (как в КриптоПро)" in result.output
    assert "141801485388770673109170416287983275056075262721 (десятичный)" in result.output
    assert "Подпись верна; сертификат не проверен: цепочка сертификатов" in result.output
    assert "укажите папку доверенных сертификатов: --trust ПАПКА" in result.output
    after = snapshot(package)
    # the signed files stay byte for byte; the signature, the print copy and the old manifest are added
    assert {n: d for n, d in after.items() if n in before and n != "manifest.json"} == {
        n: d for n, d in before.items() if n != "manifest.json"
    }
    assert set(after) - set(before) == {"report.pdf.sig", "report.print.pdf", "manifests/manifest.1.json"}
    assert after["report.pdf.sig"] == signature.read_bytes()
    assert after["manifests/manifest.1.json"] == before["manifest.json"]
    manifest = json.loads(after["manifest.json"])
    (entry,) = manifest["signatures"]
    assert entry["file"] == "report.pdf" and entry["signature"] == "report.pdf.sig"
    (signer,) = entry["signers"]
    assert signer["owner"] == "Гайдуков Андрей Николаевич" and signer["valid_to"].startswith("2024-10-07")
    assert signer["verified"] == ["message_digest", "signature", "signing_certificate", "signing_time_in_validity"]
    assert "цепочка сертификатов" in entry["not_verified"]
    assert set(manifest["signed"]) == {"report.pdf.sig", "report.print.pdf", "manifests/manifest.1.json"}
    verified = cli("verify", package)
    assert verified.exit_code == 0, verified.output
    assert "электронные подписи перепроверены: 1" in verified.output


def test_a_second_signer_and_a_rerun(package, tmp_path, director, deputy):
    first = sign_file(tmp_path, package, "report.pdf", director)
    assert cli("sign", package, first).exit_code == 0
    second = sign_file(tmp_path, package, "report.pdf", deputy, when=dt.datetime(2024, 1, 10, 8, 0, tzinfo=dt.UTC),
                       form="PEM")  # fmt: skip
    result = cli("sign", package, second, first)
    assert result.exit_code == 0, result.output
    assert "уже записана в пакете — пропущена" in result.output
    assert (package / "report.pdf.2.sig").read_bytes() == second.read_bytes()
    assert (package / "manifests" / "manifest.2.json").exists()
    assert len(json.loads((package / "manifest.json").read_text())["signatures"]) == 2
    assert cli("verify", package).exit_code == 0
    # the same inputs built again: the signed package is left as it is, signatures and all
    rerun = cli("--quarter", "2", "--inputs", ROOT / "inputs", "--outputs", package.parent.parent, "-q",
                "--date", "10.01.2024", "--number", "report=01-12/15", "--number", "roadmap=01-12/16")  # fmt: skip
    assert rerun.exit_code == 0 and (package / "report.pdf.2.sig").exists()


@pytest.mark.parametrize("damage", ["file", "signature"])
def test_verify_finds_a_signature_that_no_longer_matches(package, tmp_path, director, damage):
    assert cli("sign", package, sign_file(tmp_path, package, "report.pdf", director)).exit_code == 0
    name = "report.pdf" if damage == "file" else "report.pdf.sig"
    data = bytearray((package / name).read_bytes())
    data[len(data) // 2] ^= 0x01
    (package / name).write_bytes(bytes(data))
    result = cli("verify", package)
    assert result.exit_code == 5
    assert f"{name}: файл изменён после записи" in result.output


def test_verify_rechecks_the_signature_itself(package, tmp_path, director):
    """Even with the manifest's hashes made to agree, a signature that does not sign its file is
    a finding: verify checks the cryptography again, not only the bytes."""
    assert cli("sign", package, sign_file(tmp_path, package, "report.pdf", director)).exit_code == 0
    other = kit.signature(b"another document", *director)
    (package / "report.pdf.sig").write_bytes(other)
    manifest = json.loads((package / "manifest.json").read_text())
    import hashlib

    manifest["signed"]["report.pdf.sig"] = {"sha256": hashlib.sha256(other).hexdigest(), "size": len(other)}
    (package / "manifest.json").write_text(json.dumps(manifest, ensure_ascii=False))
    result = cli("verify", package)
    assert result.exit_code == 5
    assert "report.pdf.sig (подпись к report.pdf): хэш файла не совпадает" in result.output


def test_a_signature_of_another_file_is_refused_and_nothing_written(package, tmp_path, director):
    before = snapshot(package)
    stray = tmp_path / "letter.pdf.sig"
    stray.write_bytes(kit.signature(b"%PDF a letter from elsewhere", *director))
    result = cli("sign", package, stray)
    assert result.exit_code == 2
    assert "не совпадает ни с одним файлом пакета" in result.output
    assert "Подпишите файл из этого пакета" in result.output
    assert snapshot(package) == before
    # the hint, followed: sign the package's own file
    assert cli("sign", package, sign_file(tmp_path, package, "roadmap.pdf", director)).exit_code == 0


def test_an_invalid_or_broken_signature_is_refused(package, tmp_path, director):
    before = snapshot(package)
    late = sign_file(tmp_path, package, "report.pdf", director, when=dt.datetime(2025, 1, 1, tzinfo=dt.UTC))
    broken = tmp_path / "roadmap.pdf.sig"
    broken.write_bytes(sign_file(tmp_path, package, "roadmap.pdf", director).read_bytes()[:300])
    result = cli("sign", package, late, broken)
    assert result.exit_code == 2
    assert "вне срока действия сертификата" in result.output
    assert "файл обрезан" in result.output
    assert snapshot(package) == before
    # the hint, followed: signed again, within the certificate's validity, and the whole file
    again = sign_file(tmp_path, package, "report.pdf", director, when=dt.datetime(2024, 2, 1, tzinfo=dt.UTC))
    assert cli("sign", package, again, sign_file(tmp_path, package, "roadmap.pdf", director)).exit_code == 0


def test_sign_refuses_a_package_that_departs_from_its_manifest(package, tmp_path, director):
    signature = sign_file(tmp_path, package, "report.pdf", director)
    (package / "notes.txt").write_text("добавлено вручную")
    result = cli("sign", package, signature)
    assert result.exit_code == 5
    assert "notes.txt: лишний файл" in result.output and "подписи не записаны" in result.output
    assert not (package / "report.pdf.sig").exists()


def test_sign_check(package, tmp_path, director):
    signature = sign_file(tmp_path, package, "report.pdf", director)
    ok = cli("sign", "--check", package / "report.pdf", signature)
    assert ok.exit_code == 0 and "Подпись верна." in ok.output
    assert not (package / "report.pdf.sig").exists()  # --check writes nothing
    wrong = cli("sign", "--check", package / "roadmap.pdf", signature)
    assert wrong.exit_code == 5 and "хэш файла не совпадает" in wrong.output
    text = tmp_path / "note.txt"
    text.write_text("не подпись")
    assert cli("sign", "--check", package / "report.pdf", text).exit_code == 2
    real = ROOT / "tests" / "fixtures" / "signatures"
    assert cli("sign", "--check", real / "gost_test.txt", real / "gost_test.txt.p7s").exit_code == 0


# The print copy: the mark read back, inside the reserved place, over nothing of the page.


def _text_boxes(page) -> list[tuple[float, float, str]]:
    found = []

    def visit(text, cm, tm, font, size):
        if text.strip():
            found.append((tm[4] * cm[0] + cm[4], tm[5] * cm[3] + cm[5], text))

    page.extract_text(visitor_text=visit)
    return found


def test_the_print_copy_mark(package, tmp_path, director, deputy):
    from pypdf import PdfReader

    from reporting.render.signature_marks import places

    first = sign_file(tmp_path, package, "report.pdf", director)
    second = sign_file(tmp_path, package, "report.pdf", deputy, when=dt.datetime(2024, 1, 10, tzinfo=dt.UTC))
    trust = kit.trust_folder(tmp_path / "trust")
    assert cli("sign", package, first, second, "--trust", trust).exit_code == 0
    original = (package / "report.pdf").read_bytes()
    copy = PdfReader(io.BytesIO((package / "report.print.pdf").read_bytes()))
    source = PdfReader(io.BytesIO(original))
    assert len(copy.pages) == len(source.pages)
    spots = {p.role: p for p in places(original)}
    for role, owner, serial in (
        ("signature", "Гайдуков Андрей Николаевич", "141801485388770673109170416287983275056075262721"),
        ("approval", "Шмыглева Полина Романовна", str(0x120036AF)),
    ):
        place = spots[role]
        height = float(source.pages[place.page].mediabox.height)
        x0, x1 = place.left, place.left + place.width
        y1, y0 = height - place.top, height - place.top - place.height  # PDF's upward y
        added = [t for t in _text_boxes(copy.pages[place.page]) if t not in _text_boxes(source.pages[place.page])]
        inside = " ".join(t for x, y, t in added if x0 <= x <= x1 and y0 <= y <= y1)
        for words in ("ДОКУМЕНТ ПОДПИСАН", "ЭЛЕКТРОННОЙ ПОДПИСЬЮ", f"Сертификат {serial}", f"Владелец {owner}",
                      "Действителен с 08.10.2023 по 07.10.2024"):  # fmt: skip
            assert words in inside, (role, words, inside)
        assert all(x0 <= x <= x1 and y0 <= y <= y1 for x, y, t in added if t in inside)
        # nothing of the original page lies in the frame
        assert not [t for x, y, t in _text_boxes(source.pages[place.page]) if x0 <= x <= x1 and y0 <= y <= y1]


def test_refusals_name_the_signature_and_the_file(package, tmp_path, director):
    """An edited certificate inside the signature, through the command: exit 2, located."""
    signature = sign_file(tmp_path, package, "report.pdf", director)
    data = signature.read_bytes()
    name = "Гайдуков".encode()
    forged = tmp_path / "forged.sig"
    forged.write_bytes(data.replace(name, "Гайдукав".encode(), 1))
    result = cli("sign", package, forged)
    assert result.exit_code == 2
    assert (
        f"{forged}: подпись к report.pdf, подписант Гайдукав Андрей Николаевич: сертификат подписанта изменён"
        in result.output
    )
    assert not (package / "report.pdf.sig").exists()


def test_an_attached_signature_in_base64(package, tmp_path, director):
    """КриптоАРМ's «прикреплённая» signature holds the document: it is matched to the package file
    equal to its content, and kept as given."""
    key, cert = director
    attached = tmp_path / "report.pdf.p7s"
    attached.write_bytes(kit.signature((package / "report.pdf").read_bytes(), key, cert, detached=False, form="base64"))
    result = cli("sign", package, attached)
    assert result.exit_code == 0, result.output
    assert "(base64, прикреплённая (документ внутри подписи))" in result.output
    assert (package / "report.pdf.sig").read_bytes() == attached.read_bytes()
    assert cli("verify", package).exit_code == 0


def test_an_attached_signature_of_another_document(package, tmp_path, director):
    key, cert = director
    attached = tmp_path / "report.pdf.p7s"
    attached.write_bytes(kit.signature((package / "report.pdf").read_bytes(), key, cert, detached=False))
    result = cli("sign", "--check", package / "roadmap.pdf", attached)
    assert result.exit_code == 5
    assert "НЕ ВЕРНО: подпись содержит другой документ, не этот файл" in result.output
    assert cli("sign", "--check", package / "report.pdf", attached).exit_code == 0
