"""Excel 97–2003 files (.xls) are read like .xlsx (issue 30, point 7): the sample saved as .xls gives the
sample's own figures, and the reading report says what that format does not carry."""

from __future__ import annotations

import json
import shutil

from reporting import build_package, check

from .conftest import ROOT

FIXTURES = ROOT / "tests" / "fixtures" / "xls"


def _inputs(tmp_path, *old: str):
    folder = tmp_path / "in"
    shutil.copytree(ROOT / "inputs", folder)
    for name in old:
        (folder / f"{name}.xlsx").unlink()
        shutil.copy(FIXTURES / f"{name}.xls", folder / f"{name}.xls")
    return folder


def _figures(folder, out):
    summary = json.loads((build_package(2, folder, out, data_only=True).folder / "summary.json").read_text("utf-8"))
    return [(i["category"], i["weeks"], i["end_of_quarter"]) for i in summary["indicators"]], summary["activities"]


def test_the_sample_as_xls_gives_the_samples_figures(tmp_path):
    expected = _figures(ROOT / "inputs", tmp_path / "a")
    folder = _inputs(tmp_path, "roadmap", "monitoring")
    assert _figures(folder, tmp_path / "b") == expected
    reading = "\n".join(n.message for n in check(folder).reading)
    assert "старый формат Excel 97–2003 (.xls)" in reading and "процентный формат" in reading


def test_an_xls_beside_the_same_xlsx_is_two_formats_of_one_table(tmp_path):
    folder = _inputs(tmp_path)
    shutil.copy(FIXTURES / "monitoring.xls", folder / "monitoring.xls")
    report = check(folder)
    assert [p.kind for p in report.problems] == ["ambiguous_file"]
    assert "monitoring.xlsx и monitoring.xls" in report.problems[0].file
