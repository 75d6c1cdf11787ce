"""The distribution as a packaging reviewer sees it: one version everywhere, metadata that passes
twine and check-wheel-contents, no dev tools in the wheel's requirements, and an sdist that
carries its own tests and passes a part of them from an install made from it."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import sysconfig
import tarfile
import zipfile
from importlib import metadata
from pathlib import Path

import pytest
from click.testing import CliRunner

import reporting
from reporting.cli import main

from .conftest import ROOT


def test_one_version_everywhere():
    assert metadata.version("make-report") == reporting.__version__
    assert CliRunner().invoke(main, ["--version"]).output.strip() == f"make-report {reporting.__version__}"


@pytest.fixture(scope="module")
def dists(tmp_path_factory):
    from filelock import FileLock

    out = tmp_path_factory.mktemp("dist")
    # two xdist workers may both need the distributions: setuptools builds the sdist in the checkout
    # itself (make_report-0.1.0/), so the builds take turns (the lock is shared by the workers' runs)
    with FileLock(tmp_path_factory.getbasetemp().parent / "build.lock"):
        done = subprocess.run([sys.executable, "-m", "build", "--no-isolation", "-o", str(out), str(ROOT)],
                              capture_output=True, text=True)  # fmt: skip
    assert done.returncode == 0, done.stderr
    (sdist,), (wheel,) = out.glob("*.tar.gz"), out.glob("*.whl")
    return sdist, wheel


def test_the_distributions_pass_twine_and_check_wheel_contents(dists):
    sdist, wheel = dists
    twine = subprocess.run([sys.executable, "-m", "twine", "check", "--strict", str(sdist), str(wheel)],
                           capture_output=True, text=True)  # fmt: skip
    assert twine.returncode == 0, twine.stdout + twine.stderr
    contents = subprocess.run(
        [sys.executable, "-m", "check_wheel_contents", str(wheel)], capture_output=True, text=True
    )
    assert contents.returncode == 0, contents.stdout + contents.stderr


def test_the_wheel_metadata(dists):
    _, wheel = dists
    with zipfile.ZipFile(wheel) as archive:
        meta = next(n for n in archive.namelist() if n.endswith(".dist-info/METADATA"))
        text = archive.read(meta).decode("utf-8")
        names = archive.namelist()
    assert "License-Expression: MIT AND LicenseRef-Liberation-Fonts" in text
    assert "Classifier: Natural Language :: Russian" in text
    requires = [line for line in text.splitlines() if line.startswith("Requires-Dist:")]
    assert not any(tool in line for line in requires for tool in ("pytest", "ruff", "hypothesis", "twine"))
    assert "reporting/py.typed" in names
    assert any(n.endswith("licenses/LICENSE") for n in names)


def test_the_sdist_tests_itself(dists, tmp_path):
    sdist, _ = dists
    with tarfile.open(sdist) as archive:
        # the «data» filter came with Python 3.11.4 (and Debian's 3.11.2 has none): our own sdist either way
        archive.extractall(tmp_path, **({"filter": "data"} if hasattr(tarfile, "data_filter") else {}))
    (source,) = tmp_path.glob("make_report-*")
    for needed in ("tests/__init__.py", "tests/conftest.py", "tests/builders.py", "tests/fixtures/libreoffice",
                   "docs/inputs.md", "inputs/school.toml", "LICENSE", "CHANGELOG.md"):  # fmt: skip
        assert (source / needed).exists(), needed
    # Install from the sdist into a fresh venv (dependencies borrowed from this environment, no
    # download), then run a part of the sdist's own tests against that install.
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True)
    python = venv / ("Scripts/python.exe" if os.name == "nt" else "bin/python")
    purelib = subprocess.check_output([python, "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
                                      text=True).strip()  # fmt: skip
    wheels = tmp_path / "wheels"
    subprocess.run([sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", "--no-build-isolation", "-w", str(wheels),
                    str(sdist)], check=True, capture_output=True)  # fmt: skip
    (wheel,) = wheels.glob("*.whl")
    subprocess.run([sys.executable, "-m", "pip", "--python", str(python), "install", "-q", "--no-deps", str(wheel)],
                   check=True, capture_output=True)  # fmt: skip
    Path(purelib, "borrowed.pth").write_text(sysconfig.get_paths()["purelib"] + "\n", encoding="utf-8")
    shutil.rmtree(source / "reporting")  # what is tested is the install, never the sources beside the tests
    tests = ["tests/test_formatting.py", "tests/test_unchecked_inputs.py", "tests/test_reading.py"]
    run = subprocess.run(
        [python, "-m", "pytest", "-q", "-p", "no:cacheprovider", "-o", "addopts=", *tests],
        cwd=source, capture_output=True, text=True, env={**os.environ, "PYTHONPATH": ""},
    )  # fmt: skip
    assert run.returncode == 0, run.stdout[-3000:] + run.stderr[-2000:]
    assert " passed" in run.stdout.splitlines()[-1] and "failed" not in run.stdout.splitlines()[-1]
    where = subprocess.check_output(
        [python, "-c", "import reporting; print(reporting.__file__)"], cwd=source, text=True
    )
    assert Path(where.strip()).is_relative_to(venv)


def test_every_subpackage_is_in_the_wheel_list():
    """A folder of code left out of [tool.setuptools] packages is missing from every install
    (``make-report collect`` once was: reporting.collect)."""
    import tomllib

    listed = set(tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["setuptools"]["packages"])
    found = {".".join(path.parent.relative_to(ROOT).parts) for path in (ROOT / "reporting").rglob("__init__.py")}
    assert found - listed == set()


def test_the_sdist_carries_every_file_of_the_tests(dists):
    """Issue 34, point 6: MANIFEST.in left out the fixtures that are not .py or .ods (.json, .p7s,
    .txt, .md), so the sdist's own tests could not run; the docs the tests read (the JSON schema)
    and the sample they build from go with them."""
    if not (ROOT / ".git").exists() or not shutil.which("git"):
        pytest.skip("the files the tests need are those git tracks: this is no checkout")
    sdist, _ = dists
    tracked = subprocess.run(["git", "ls-files", "tests", "docs", "inputs", "templates"], cwd=ROOT,
                             capture_output=True, text=True, check=True)  # fmt: skip
    with tarfile.open(sdist) as archive:
        packed = {name.split("/", 1)[1] for name in archive.getnames() if "/" in name}
    missing = sorted(set(tracked.stdout.split()) - packed)
    assert not missing, missing
    assert not any("__pycache__" in name or name.endswith(".pyc") for name in packed)
