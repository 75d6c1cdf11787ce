"""Issue 34, point 3: PDFs without Pango.  Where WeasyPrint cannot load and LibreOffice is installed
(a Windows PC without MSYS2), the PDFs are the package's DOCX exported by LibreOffice as PDF/A-3b,
report.pdf carrying data.xlsx; the manifest says which engine made them, and verify and sign treat
them as any other.  --pdf-engine chooses explicitly."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import textwrap

import pytest

from . import signing_kit as kit
from .conftest import needs

pytestmark = needs("soffice", "libreoffice-writer-nogui")

NO_WEASYPRINT = textwrap.dedent(
    """
    import sys

    class Refuse:
        def find_spec(self, name, path=None, target=None):
            if name == "weasyprint" or name.startswith("weasyprint."):
                raise ImportError("No module named 'weasyprint'")  # as on a PC without Pango

    sys.meta_path.insert(0, Refuse())
    sys.argv = ["make-report", *sys.argv[1:]]
    from reporting.cli import run_command
    run_command()
    """
)


def make_report(*args, weasyprint=True):
    command = ["-m", "reporting"] if weasyprint else ["-c", NO_WEASYPRINT]
    return subprocess.run([sys.executable, *command, *map(str, args)], capture_output=True, text=True, timeout=600)


@pytest.fixture(scope="module")
def package(tmp_path_factory):
    from .conftest import ROOT

    outputs = tmp_path_factory.mktemp("lo") / "out"
    done = make_report("--quarter", "2", "--inputs", ROOT / "inputs", "--outputs", outputs, "-q", weasyprint=False)
    assert done.returncode == 0, done.stderr
    return outputs / "2023-2024" / "Q2"


def test_without_weasyprint_libreoffice_makes_the_pdfs_and_the_manifest_says_so(package):
    manifest = json.loads((package / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["pdf_engine"] == "libreoffice" and "incomplete" not in manifest
    assert {"report.pdf", "roadmap.pdf", "report.docx", "roadmap.docx"} <= {p.name for p in package.iterdir()}


@pytest.mark.parametrize("name", ["report.pdf", "roadmap.pdf"])
def test_the_pdfs_are_pdfa_3b_with_fonts_embedded_and_the_data_attached(package, name):
    import pikepdf
    from pikepdf import pdfa

    with pikepdf.open(package / name) as pdf:
        meta = pdf.open_metadata()
        assert (meta.get("pdfaid:part"), meta.get("pdfaid:conformance")) == ("3", "B")
        assert [f.message for f in pdfa.check(pdf, "3b").findings] == []
        assert meta.get("xmp:CreateDate") == "2024-01-07T00:00:00Z"  # the status date, not the moment of the run
        assert str(pdf.docinfo["/Author"]) == "МАОУ «СОШ № 24»"
        assert list(pdf.attachments) == (["data.xlsx"] if name == "report.pdf" else [])
        if name == "report.pdf":
            attached = pdf.attachments["data.xlsx"].get_file().read_bytes()
            assert attached == (package / "data.xlsx").read_bytes()
    if shutil.which("qpdf"):
        assert subprocess.run(["qpdf", "--check", str(package / name)], capture_output=True).returncode == 0


def test_the_text_is_the_reports(package):
    from pypdf import PdfReader

    text = " ".join(page.extract_text() for page in PdfReader(package / "report.pdf").pages)
    assert "ОТЧЁТ" in text and "54 из 59" in " ".join(text.split())


def test_the_same_inputs_give_the_same_bytes_and_verify_and_sign_take_them(package, tmp_path):
    from .conftest import ROOT

    again = make_report(
        "--quarter", "2", "--inputs", ROOT / "inputs", "--outputs", package.parent.parent, weasyprint=False
    )
    assert again.returncode == 0 and "файлы совпадают байт в байт" in again.stderr, again.stderr
    assert make_report("verify", package).returncode == 0
    key = kit.new_key()
    signature = tmp_path / "report.pdf.sig"
    signature.write_bytes(kit.signature((package / "report.pdf").read_bytes(), key, kit.certificate(key)))
    copy = tmp_path / "outputs" / "2023-2024" / "Q2"
    shutil.copytree(package, copy)
    signed = make_report("sign", copy, signature, "--date", "10.01.2024", "--number", "01-12/15")  # registered now
    assert signed.returncode == 0, signed.stderr
    assert (copy / "report.print.pdf").is_file() and make_report("verify", copy).returncode == 0


def test_none_writes_no_pdf_on_purpose(tmp_path):
    from .conftest import ROOT

    done = make_report(
        "--quarter", "2", "--inputs", ROOT / "inputs", "--outputs", tmp_path, "--pdf-engine", "none", "-q"
    )
    assert done.returncode == 0, done.stderr
    package = tmp_path / "2023-2024" / "Q2"
    manifest = json.loads((package / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["pdf_engine"] == "none" and "incomplete" not in manifest
    assert not list(package.glob("*.pdf")) and (package / "report.docx").is_file()


def test_weasyprint_asked_for_where_it_cannot_load_stops_before_any_work(tmp_path):
    from .conftest import ROOT

    done = make_report("--quarter", "2", "--inputs", ROOT / "inputs", "--outputs", tmp_path, "--pdf-engine", "weasyprint",
                       weasyprint=False)  # fmt: skip
    assert done.returncode == 1 and "не могу сформировать PDF" in done.stderr and not any(tmp_path.iterdir())


def test_a_letter_names_the_libreoffice_pdfs_true_page_counts(tmp_path):
    from pypdf import PdfReader

    from .conftest import ROOT

    done = make_report("--quarter", "2", "--inputs", ROOT / "inputs", "--outputs", tmp_path, "--pdf-engine", "libreoffice",
                       "--letter", "№ 01-12/345 от 15.01.2024", "-q")  # fmt: skip
    assert done.returncode == 0, done.stderr
    package = tmp_path / "2023-2024" / "Q2"
    pages = {name: len(PdfReader(package / name).pages) for name in ("report.pdf", "roadmap.pdf")}
    letter = " ".join(" ".join(page.extract_text() for page in PdfReader(package / "letter.pdf").pages).split())
    assert f"на {pages['report.pdf']} л." in letter and f"на {pages['roadmap.pdf']} л." in letter


def test_pango_installed_after_a_libreoffice_package_names_the_engine_and_the_hint_keeps_it(tmp_path):
    """The archive was built through LibreOffice; a rerun where WeasyPrint now loads makes other PDFs.
    The refusal says why (not «изменились параметры»), and its hint, followed, keeps the package."""
    from .conftest import ROOT
    from .test_outputs import snapshot

    base = ("--quarter", "2", "--inputs", ROOT / "inputs", "--outputs", tmp_path)
    assert make_report(*base, "--pdf-engine", "libreoffice", "-q").returncode == 0
    package = tmp_path / "2023-2024" / "Q2"
    before = snapshot(package)
    again = make_report(*base)  # WeasyPrint loads here
    assert again.returncode == 4
    assert "PDF в архиве сделаны через LibreOffice, а сейчас — WeasyPrint" in again.stderr
    assert "изменились параметры" not in again.stderr
    kept = make_report(*base, "--pdf-engine", "libreoffice")  # the hint, literally
    assert kept.returncode == 0 and "файлы совпадают байт в байт" in kept.stderr
    assert snapshot(package) == before
