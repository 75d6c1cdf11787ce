"""Every displayed figure is rounded once, half up, from the exact fraction: never a two-decimal
figure rounded again (49/59 = 83,0508… is «83,1 %», not 83,05 → «83,0 %»)."""

from __future__ import annotations

import json
from fractions import Fraction

import pytest

from reporting.render.formatting import percent, points


@pytest.mark.parametrize(
    ("share", "shown"),
    [
        (Fraction(4900, 59), "83,1\u00a0%"),  # 83,0508…: two steps give 83,05 → 83,0 (half even) or 83,1
        (Fraction(5000, 59), "84,7\u00a0%"),  # 84,7457…: two steps give 84,75 → 84,8
        (Fraction(100, 16), "6,3\u00a0%"),  # exactly 6,25: half up, not half even
        (Fraction(100, 8), "12,5\u00a0%"),
        (Fraction(0), "0,0\u00a0%"),
        (100.0, "100,0\u00a0%"),  # a target as typed
    ],
)
def test_a_share_is_rounded_once_half_up(share, shown):
    assert percent(share) == shown


def test_points_take_their_sign_from_what_is_shown():
    assert points(Fraction(1, 100)) == "0,0\u00a0п.\u00a0п."  # not «+0,0»
    assert points(Fraction(-1, 20)) == "−0,1\u00a0п.\u00a0п."
    assert points(Fraction(5000, 59) - Fraction(4900, 59)) == "+1,7\u00a0п.\u00a0п."  # 1,6949…


def test_the_sample_report_shows_each_week_rounded_once(sample_inputs, run_cli):
    """Teachers in the sample: 49 of 59 in the week of 04.12 and 50 of 59 in the week of 18.12."""
    from pypdf import PdfReader

    run = run_cli(sample_inputs, 2)
    assert run.exit_code == 0, run.output
    text = " ".join(page.extract_text() for page in PdfReader(run.package / "report.pdf").pages).replace("\u00a0", " ")
    assert "04.12–10.12.2023 59 49 83,1 %" in text
    assert "18.12–24.12.2023 59 50 84,7 %" in text
    assert "59 49 83,0 %" not in text and "84,8 %" not in text
    from docx import Document

    cells = {c.text for t in Document(run.package / "report.docx").tables for row in t.rows for c in row.cells}
    assert {"83,1\u00a0%", "84,7\u00a0%"} <= cells and not {"83,0\u00a0%", "84,8\u00a0%"} & cells
    weeks = {w["week"]: w for w in run.summary()["indicators"][0]["weeks"]}
    assert weeks["2023-12-04"]["percent"] == 83.05  # summary.json keeps two decimals, rounded once too


def test_nothing_measured_is_null_not_zero(sample_inputs, run_cli):
    """Quarter 4 of the sample has no monitored week: nobody was looked at, so nobody is «below»."""
    run = run_cli(sample_inputs, 4, "--data-only", "--no-monitoring")
    assert run.exit_code == 0, run.output
    summary = json.loads((run.package / "summary.json").read_text(encoding="utf-8"))
    assert [i["below_threshold"] for i in summary["indicators"]] == [None, None]
