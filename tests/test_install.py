"""The tool as a user installs it: the wheel, in a fresh virtual environment, outside the checkout."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import sysconfig
import zipfile
from pathlib import Path

from .conftest import ROOT


def test_the_wheel_builds_a_full_package_outside_the_checkout(tmp_path, tmp_path_factory):
    from filelock import FileLock

    wheels = tmp_path / "wheels"
    with FileLock(tmp_path_factory.getbasetemp().parent / "build.lock"):  # setuptools builds in the checkout
        subprocess.run(
            [sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", "--no-build-isolation", "-w", str(wheels),
             str(ROOT)], check=True, capture_output=True,
        )  # fmt: skip
    (wheel,) = wheels.glob("make_report-*.whl")
    names = zipfile.ZipFile(wheel).namelist()
    for shipped in ("report.docx", "report.html.j2", "document.css", "fonts/LiberationSerif-Regular.ttf"):
        assert f"reporting/templates/{shipped}" in names

    # A fresh venv with the wheel alone; its dependencies are borrowed from the test environment
    # through a .pth line (no download here), which never brings in the checkout's own code.
    venv = tmp_path / "venv с пробелом"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True)
    python = venv / ("Scripts/python.exe" if os.name == "nt" else "bin/python")
    purelib = Path(
        subprocess.check_output(
            [python, "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"], text=True
        ).strip()
    )
    subprocess.run(
        [sys.executable, "-m", "pip", "--python", str(python), "install", "-q", "--no-deps", str(wheel)],
        check=True, capture_output=True,
    )  # fmt: skip
    (purelib / "borrowed-dependencies.pth").write_text(sysconfig.get_paths()["purelib"] + "\n", encoding="utf-8")

    work = tmp_path / "Школа № 24"  # Cyrillic letters and spaces in the paths
    shutil.copytree(ROOT / "inputs", work / "входные данные")
    where = subprocess.check_output([python, "-c", "import reporting; print(reporting.__file__)"], cwd=work, text=True)
    assert Path(where.strip()).is_relative_to(venv), where
    command = venv / ("Scripts/make-report.exe" if os.name == "nt" else "bin/make-report")
    run = subprocess.run(
        [command, "--quarter", "2", "--inputs", "входные данные", "--outputs", "архив", "-q"],
        cwd=work, capture_output=True, text=True, env={**os.environ, "PYTHONPATH": ""},
    )  # fmt: skip
    assert run.returncode == 0, run.stderr
    package = work / "архив" / "2023-2024" / "Q2"
    for name in ("report.pdf", "report.docx", "roadmap.pdf", "roadmap.docx", "roadmap.xlsx", "data.xlsx",
                 "summary.json", "manifest.json", "reading.txt"):  # fmt: skip
        assert (package / name).stat().st_size > 0, name
    assert (package / "report.pdf").read_bytes().startswith(b"%PDF")
    api = "from reporting import build_package, check, verify; print(check('входные данные').valid, verify('архив/2023-2024/Q2').intact)"
    assert subprocess.check_output([python, "-c", api], cwd=work, text=True).split() == ["True", "True"]
