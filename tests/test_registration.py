"""Registration before signing (issue 32, point 3): a package whose documents still carry «____ № ____»
is refused by sign with the exact command that rebuilds it; a document registered when it is signed
takes its date and number at sign, recorded beside the signatures and shown on the print copy."""

from __future__ import annotations

import io
import json
import shlex
import shutil

import pytest
from click.testing import CliRunner

from reporting.cli import main

from . import signing_kit as kit


def cli(*args):
    return CliRunner().invoke(main, [str(a) for a in args], catch_exceptions=False)


@pytest.fixture
def unregistered(sample_package, tmp_path):
    copy = tmp_path / "outputs" / "2023-2024" / "Q2"
    shutil.copytree(sample_package, copy)
    return copy


@pytest.fixture(scope="module")
def director():
    key = kit.new_key()
    return key, kit.certificate(key)


def signed(tmp_path, package, who, name="report.pdf"):
    key, cert = who
    path = tmp_path / f"{name}.sig"
    path.write_bytes(kit.signature((package / name).read_bytes(), key, cert))
    return path


def text_of(path) -> str:
    from pypdf import PdfReader

    return " ".join(" ".join(p.extract_text().split()) for p in PdfReader(io.BytesIO(path.read_bytes())).pages)


def test_a_package_with_blank_registration_is_refused_with_the_command_that_rebuilds_it(
    unregistered, tmp_path, director
):
    before = {p: p.read_bytes() for p in unregistered.rglob("*") if p.is_file()}
    result = cli("sign", unregistered, signed(tmp_path, unregistered, director))
    assert result.exit_code == 2
    assert "не заполнены дата и регистрационный номер" in result.output
    assert {p: p.read_bytes() for p in unregistered.rglob("*") if p.is_file()} == before  # nothing written
    command = result.output.split("подпишите новые PDF: ", 1)[1].split("; или,", 1)[0]
    assert command.startswith("make-report --quarter 2 --inputs ") and command.endswith("--force")
    # the hint, followed: its placeholders filled in, then the new PDFs signed
    filled = command.replace("ДД.ММ.ГГГГ", "10.01.2024").replace("report=НОМЕР", "report=01-12/15")
    words = shlex.split(filled.replace("roadmap=НОМЕР", "roadmap=01-12/16").replace("НОМЕР", "01-12/15"))[1:]
    rebuilt = cli(*words)
    assert rebuilt.exit_code == 0, rebuilt.output
    assert "10.01.2024 № 01-12/15" in text_of(unregistered / "report.pdf")
    again = cli("sign", unregistered, signed(tmp_path, unregistered, director))
    assert again.exit_code == 0, again.output


def test_registration_given_at_signing_is_recorded_and_printed_and_the_pdf_untouched(unregistered, tmp_path, director):
    original = (unregistered / "report.pdf").read_bytes()
    result = cli("sign", unregistered, signed(tmp_path, unregistered, director), "--date", "10.01.2024",
                 "--number", "01-12/15")  # fmt: skip
    assert result.exit_code == 0, result.output
    assert (unregistered / "report.pdf").read_bytes() == original
    manifest = json.loads((unregistered / "manifest.json").read_bytes())
    assert manifest["registration"] == {"report.pdf": {"date": "10.01.2024", "number": "01-12/15"}}
    assert "Рег. № 01-12/15 от 10.01.2024" in text_of(unregistered / "report.print.pdf")
    assert cli("verify", unregistered).exit_code == 0


def test_each_document_has_its_own_number(unregistered, tmp_path, director):
    report = signed(tmp_path, unregistered, director, "report.pdf")
    roadmap = signed(tmp_path, unregistered, director, "roadmap.pdf")
    one = cli("sign", unregistered, report, roadmap, "--date", "10.01.2024", "--number", "01-12/15")
    assert one.exit_code == 2 and "у каждого документа свой номер" in one.output
    both = cli("sign", unregistered, report, roadmap, "--date", "10.01.2024",
               "--number", "report.pdf=01-12/15", "--number", "roadmap.pdf=01-12/16")  # fmt: skip
    assert both.exit_code == 0, both.output
    registration = json.loads((unregistered / "manifest.json").read_bytes())["registration"]
    assert {name: entry["number"] for name, entry in registration.items()} == {
        "report.pdf": "01-12/15", "roadmap.pdf": "01-12/16"
    }  # fmt: skip


def test_a_package_registered_at_build_takes_no_second_registration(package, tmp_path, director):
    result = cli("sign", package, signed(tmp_path, package, director), "--date", "11.01.2024", "--number", "7")
    assert result.exit_code == 2 and "уже зарегистрированы при сборке: от 10.01.2024 № 01-12/15" in result.output


def test_half_a_registration_is_refused(unregistered, tmp_path, director):
    result = cli("sign", unregistered, signed(tmp_path, unregistered, director), "--date", "10.01.2024")
    assert result.exit_code == 2 and "нужны и дата, и номер" in result.output


def test_each_document_gets_its_own_number_at_build_and_one_number_for_both_is_refused(tmp_path):
    from .conftest import ROOT

    outputs = tmp_path / "out"
    base = ["--quarter", "2", "--inputs", str(ROOT / "inputs"), "--outputs", str(outputs), "--date", "10.01.2024"]
    one = cli(*base, "--number", "01-12/15")
    assert one.exit_code == 2
    assert "не указан регистрационный номер дорожной карты" in one.output
    assert "--number report=01-12/15 --number roadmap=НОМЕР" in one.output
    same = cli(*base, "--number", "report=01-12/15", "--number", "roadmap=01-12/15")
    assert same.exit_code == 2 and "один и тот же номер" in same.output
    assert not (outputs / "2023-2024" / "Q2").exists()
    built = cli(*base, "--number", "report=01-12/15", "--number", "roadmap.pdf=01-12/16")
    assert built.exit_code == 0, built.output
    package = outputs / "2023-2024" / "Q2"
    report, roadmap = text_of(package / "report.pdf"), text_of(package / "roadmap.pdf")
    assert "10.01.2024 № 01-12/15" in report and "01-12/16" not in report
    assert "10.01.2024 № 01-12/16" in roadmap and "01-12/15" not in roadmap
    from docx import Document

    word = " ".join(p.text for p in Document(package / "roadmap.docx").paragraphs).replace("\u00a0", " ")
    assert "10.01.2024 № 01-12/16" in word
    twice = cli(*base, "--number", "roadmap=1", "--number", "roadmap=2")
    assert twice.exit_code == 2 and "указан дважды" in twice.output
