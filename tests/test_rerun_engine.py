"""Issue 34, point 2: a rerun after the machine gained (or lost) HarfBuzz's subsetter is not a new
package.  The PDFs' bytes differ, every page says the same: the run says so in one line, leaves
the archive as it is and exits 0.  A real change stays as strict as before."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from reporting.archive.same_document import fingerprint, same_document
from reporting.cli import main

from .conftest import ROOT
from .test_outputs import snapshot


def harfbuzz_subset():
    try:
        from weasyprint.text import ffi
    except (ImportError, OSError):
        return None
    return getattr(ffi, "harfbuzz_subset", None)


needs_harfbuzz = pytest.mark.skipif(
    harfbuzz_subset() is None, reason="libharfbuzz-subset0 is not installed here (.ci/run installs it)"
)


def build(outputs, *extra):
    args = ["--quarter", "2", "--inputs", str(ROOT / "inputs"), "--outputs", str(outputs), *extra]
    return CliRunner().invoke(main, args, catch_exceptions=False)


@needs_harfbuzz
@pytest.mark.parametrize("first", ["with the subsetter", "without it"])
def test_a_rerun_on_another_font_subsetter_keeps_the_package(tmp_path, monkeypatch, first):
    import weasyprint.pdf.fonts as fonts
    from weasyprint.text import ffi

    library = ffi.harfbuzz_subset

    def subsetter(present: bool) -> None:  # as where libharfbuzz-subset0 is (not) installed
        for module in (ffi, fonts):  # weasyprint.pdf.fonts holds its own name for it
            monkeypatch.setattr(module, "harfbuzz_subset", library if present else None)

    outputs = tmp_path / "out"
    subsetter(first == "with the subsetter")
    assert build(outputs).exit_code == 0
    package = outputs / "2023-2024" / "Q2"
    before = snapshot(package)
    subsetter(first != "with the subsetter")
    again = build(tmp_path / "elsewhere")  # the other engine's bytes, to show they really differ
    assert again.exit_code == 0
    other = tmp_path / "elsewhere" / "2023-2024" / "Q2" / "report.pdf"
    assert other.read_bytes() != before["report.pdf"]
    rerun = build(outputs)
    assert rerun.exit_code == 0, rerun.output
    assert (
        "Пакет не изменился по содержанию" in rerun.output and "PDF отличаются только байтами шрифтов" in rerun.output
    )
    assert "--force" not in rerun.output
    assert snapshot(package) == before  # nothing touched
    assert CliRunner().invoke(main, ["verify", str(package)]).exit_code == 0


def test_a_document_that_says_something_else_is_another_document(sample_package, tmp_path):
    assert build(tmp_path / "numbered", "--number", "01-12/999", "--number", "roadmap=01-12/998").exit_code == 0
    numbered = (tmp_path / "numbered" / "2023-2024" / "Q2" / "report.pdf").read_bytes()
    original = (sample_package / "report.pdf").read_bytes()
    assert not same_document(original, numbered)
    assert same_document(original, original)
    assert not same_document(original, b"not a pdf") and fingerprint(b"%PDF-1.7 broken") is None
    roadmap = (sample_package / "roadmap.pdf").read_bytes()
    assert not same_document(original, roadmap)


def test_a_changed_pdf_in_the_archive_still_needs_force(tmp_path):
    """The rule is about what the documents say: a package whose text differs from what the inputs
    give is refused as before (here an option that changes only the PDF's text)."""
    outputs = tmp_path / "out"
    assert build(outputs, "--number", "01-12/1", "--number", "roadmap=01-12/3").exit_code == 0
    other = build(outputs, "--number", "01-12/2", "--number", "roadmap=01-12/3")
    assert other.exit_code == 4 and "--force" in other.output
