"""[documents] qr = true: the QR-code requisite, read back from the printed page."""

from __future__ import annotations

import hashlib
import shutil
import subprocess

import pytest
from click.testing import CliRunner

from reporting.cli import main

from .conftest import ROOT, needs

ZBAR = shutil.which("zbarimg")


@pytest.fixture(scope="module")
def package(tmp_path_factory):
    work = tmp_path_factory.mktemp("qr")
    shutil.copytree(ROOT / "inputs", work / "inputs")
    with open(work / "inputs" / "school.toml", "a", encoding="utf-8") as handle:
        handle.write("\n[documents]\nqr = true\n")
    args = ["--quarter", "2", "--inputs", work / "inputs", "--outputs", work / "outputs", "-q",
            "--date", "15.01.2024", "--number", "01-12/345", "--number", "roadmap=01-12/346"]  # fmt: skip
    result = CliRunner().invoke(main, [str(a) for a in args], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return work / "outputs" / "2023-2024" / "Q2"


def page_picture(pdf, tmp_path, page: int):
    from PIL import Image

    subprocess.run(["pdftoppm", "-png", "-r", "300", "-f", str(page), "-l", str(page), pdf, tmp_path / f"p{page}"],
                   check=True)  # fmt: skip
    (picture,) = tmp_path.glob(f"p{page}*.png")
    return Image.open(picture).convert("L")


def corner(picture):
    """The lower right corner of the page within its bottom margin (20 mm): where the requisite goes."""
    width, height = picture.size
    margin = round(20 / 25.4 * 300)
    return picture.crop((width // 2, height - margin, width, height))


def read_qr(picture, tmp_path) -> str:
    """The QR code in a picture, read by zbar as a phone would."""
    path = tmp_path / "corner.png"
    picture.save(path)
    return subprocess.run(["zbarimg", "-q", "--raw", path], capture_output=True, text=True).stdout.strip()


@pytest.mark.skipif(not ZBAR, reason="zbarimg (zbar-tools) reads the code back; .ci/run installs it")
@pytest.mark.parametrize("name, kind, number", [("report.pdf", "ОТЧЁТ", "01-12/345"),
                                                ("roadmap.pdf", "ДОРОЖНАЯ КАРТА", "01-12/346")])  # fmt: skip
def test_the_qr_code_names_the_document_and_its_package(package, tmp_path, name, kind, number):
    """Read back from the lower right corner of page 1, in the bottom margin: over no text."""
    digest = hashlib.sha256((package / "summary.json").read_bytes()).hexdigest()
    assert read_qr(corner(page_picture(package / name, tmp_path, 1)), tmp_path) == (
        "МАОУ «СОШ № 24»\n"
        f"{kind} за 2 четверть 2023/2024 учебного года, от 15.01.2024 № {number}\n"  # each document its own
        "пакет 2023-2024/Q2\n"
        f"SHA-256 summary.json {digest}"
    )


@needs("pdftoppm", "poppler-utils")
def test_only_the_first_page_carries_it(package, tmp_path):
    band = corner(page_picture(package / "report.pdf", tmp_path, 2))
    assert band.getextrema()[0] > 200  # nothing dark in page 2's corner


def test_verify_prints_the_same_value(package):
    digest = hashlib.sha256((package / "summary.json").read_bytes()).hexdigest()
    result = CliRunner().invoke(main, ["verify", str(package)])
    assert result.exit_code == 0 and f"SHA-256 summary.json: {digest}" in result.output


def test_qr_must_be_true_or_false(tmp_path):
    work = tmp_path / "inputs"
    shutil.copytree(ROOT / "inputs", work)
    with open(work / "school.toml", "a", encoding="utf-8") as handle:
        handle.write('\n[documents]\nqr = "да"\n')
    result = CliRunner().invoke(main, ["check", "--inputs", str(work)])
    assert result.exit_code == 2
    assert "ключ «documents.qr»: ожидается true или false" in result.output
    # the hint, followed
    (work / "school.toml").write_text(
        (work / "school.toml").read_text(encoding="utf-8").replace('qr = "да"', "qr = true"), encoding="utf-8"
    )
    assert CliRunner().invoke(main, ["check", "--inputs", str(work)]).exit_code == 0
