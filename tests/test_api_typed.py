"""The Python API as an analyst meets it: keyword arguments named like the options, a date as a
date, the state as an enum, errors that read in Russian, dates as dates in the frames, logging."""

from __future__ import annotations

import datetime as dt
import inspect
import logging

import reporting
from reporting import InputError, Problem, Result, State, Verification, build_package


def test_build_package_takes_the_options_by_their_names_and_a_date(inputs, tmp_path):
    result = build_package(2, inputs, tmp_path / "out", date=dt.date(2024, 1, 15), number="01-12/345", data_only=True)
    assert isinstance(result, Result) and result.state is State.WRITTEN and result.state == "written"
    options = (result.folder / "manifest.json").read_text(encoding="utf-8")
    assert '"doc_date": "15.01.2024"' in options and '"doc_number": "01-12/345"' in options
    parameters = inspect.signature(build_package).parameters
    assert {"no_names", "date", "number", "letter", "force", "wait", "data_only", "templates"} <= set(parameters)
    assert all(p.kind is not inspect.Parameter.VAR_KEYWORD for p in parameters.values())  # no **options


def test_an_input_error_reads_in_russian_with_its_first_problems(inputs, tmp_path):
    (inputs / "school.toml").write_text("[school_year\n", encoding="utf-8")
    try:
        build_package(2, inputs, tmp_path / "out", data_only=True)
    except InputError as exc:
        text = str(exc)
    assert text.startswith("во входных данных найдено проблем: 1\n  • school.toml, строка 1:")
    assert all(isinstance(p, Problem) for p in InputError([]).problems)


def test_the_package_exports_what_its_functions_return():
    for name in ("Result", "State", "Verification", "Problem", "InputError", "CheckReport"):
        assert hasattr(reporting, name) and name in reporting.__all__
    assert Verification.__name__ == "Verification"


def test_progress_goes_to_logging_as_well(inputs, tmp_path, caplog):
    with caplog.at_level(logging.INFO, logger="reporting"):
        build_package(2, inputs, tmp_path / "out", data_only=True)
    assert "Расчёт показателей" in caplog.text


def test_week_columns_are_dates(inputs, tmp_path):
    import pandas

    frames = reporting.result_frames(build_package(2, inputs, tmp_path / "out", data_only=True))
    assert pandas.api.types.is_datetime64_any_dtype(frames["weekly"]["week"])
    assert pandas.api.types.is_datetime64_any_dtype(frames["people"]["week"])
    assert frames["weekly"]["week"].min() == pandas.Timestamp(2023, 11, 6)


ANALYST_SCRIPT = """\
from reporting import build_package, check

report = check("inputs")
print(report.valid, report.model)
build_package("2", no_name=True)
"""


def test_a_type_checker_sees_the_documented_import(tmp_path):
    """Issue 34, point 5: ``from reporting import build_package`` was ``Any`` to mypy (the lazy
    ``__getattr__``), so a mistyped option passed the check. Both mistakes are now found."""
    import os
    import subprocess
    import sys

    import pytest

    pytest.importorskip("mypy")
    script = tmp_path / "analyst.py"
    script.write_text(ANALYST_SCRIPT, encoding="utf-8")
    root = os.path.dirname(os.path.dirname(reporting.__file__))
    done = subprocess.run(
        [sys.executable, "-m", "mypy", "--no-incremental", "--follow-imports=silent", "--ignore-missing-imports",
         "--cache-dir", str(tmp_path / "cache"), str(script)],
        env={**os.environ, "MYPYPATH": root}, capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    assert 'Unexpected keyword argument "no_name" for "build_package"' in done.stdout, done.stdout + done.stderr
    assert 'Argument 1 to "build_package" has incompatible type "str"; expected "int"' in done.stdout
    assert "Found 2 errors in 1 file" in done.stdout
