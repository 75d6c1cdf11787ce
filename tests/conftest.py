from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import settings

from reporting.cli import main

from .builders import make_inputs

ROOT = Path(__file__).resolve().parents[1]


def needs(tool: str, package: str):
    """Skip, with the reason, a test that looks at output through an optional system tool: `make test`
    passes on a fresh machine without it, and `.ci/run` installs it so that CI runs the test."""
    return pytest.mark.skipif(
        not shutil.which(tool), reason=f"{tool} ({package}) is not installed; .ci/run installs it"
    )


needs_poppler = needs("pdftotext", "poppler-utils")

# The fuzzers replay the same examples on every run, here and in CI: a red CI must mean a regression,
# not a new corner they happened to reach that day. To explore: pytest --hypothesis-profile explore.
settings.register_profile("replay", derandomize=True, database=None)
settings.register_profile("explore")  # random examples on each run; failures are remembered
settings.load_profile("replay")


@pytest.fixture
def inputs(tmp_path: Path) -> Path:
    return make_inputs(tmp_path / "inputs")


@pytest.fixture
def sample_inputs(tmp_path: Path) -> Path:
    target = tmp_path / "sample"
    shutil.copytree(ROOT / "inputs", target)
    return target


class Run:
    def __init__(self, result, outputs: Path):
        self.result, self.outputs = result, outputs
        self.exit_code, self.output = result.exit_code, result.output

    @property
    def package(self) -> Path:
        return self.outputs / "2023-2024" / f"Q{self.quarter}"

    def summary(self) -> dict:
        return json.loads((self.package / "summary.json").read_text(encoding="utf-8"))


@pytest.fixture
def package(registered_package, tmp_path) -> Path:
    """A copy of the sample's Q2 package, registered at build time (a date and a number, as signing
    requires), in an archive of its own, to sign, alter or verify (a module's own ``package``
    fixture takes precedence)."""
    copy = tmp_path / "outputs" / "2023-2024" / "Q2"
    shutil.copytree(registered_package, copy)
    return copy


@pytest.fixture(scope="session")
def registered_package(tmp_path_factory) -> Path:
    """The sample's Q2 package built with --date and --number: ready to sign. Read it, never change it."""
    outputs = tmp_path_factory.mktemp("registered-package") / "outputs"
    args = ["--quarter", "2", "--inputs", str(ROOT / "inputs"), "--outputs", str(outputs), "-q",
            "--date", "10.01.2024", "--number", "report=01-12/15", "--number", "roadmap=01-12/16"]  # fmt: skip
    result = CliRunner().invoke(main, args, catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return outputs / "2023-2024" / "Q2"


@pytest.fixture(scope="session")
def sample_package(tmp_path_factory) -> Path:
    """The sample inputs' Q2 package, built once per session: read it, never change it."""
    outputs = tmp_path_factory.mktemp("sample-package") / "outputs"
    args = ["--quarter", "2", "--inputs", str(ROOT / "inputs"), "--outputs", str(outputs), "-q"]
    result = CliRunner().invoke(main, args, catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return outputs / "2023-2024" / "Q2"


@pytest.fixture
def run_cli(tmp_path: Path):
    def run(inputs: Path, quarter: int = 2, *extra: str, outputs: Path | None = None) -> Run:
        outputs = outputs or tmp_path / "outputs"
        args = ["--quarter", str(quarter), "--inputs", str(inputs), "--outputs", str(outputs), "-q", *extra]
        result = CliRunner().invoke(main, args, catch_exceptions=False)
        run = Run(result, outputs)
        run.quarter = quarter
        return run

    return run
