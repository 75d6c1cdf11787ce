"""ФИО split over «Фамилия», «Имя», «Отчество» columns is joined (issue 30, point 8)."""

from __future__ import annotations

from click.testing import CliRunner

from reporting import build_package, check
from reporting.cli import main

from .builders import ROSTER, ROSTER_HEADERS, make_inputs, wide_rows


def split_roster() -> list[list]:
    rows = [["Фамилия", "Имя", "Отчество", *ROSTER_HEADERS[1:]]]
    for row in ROSTER:
        parts = [*row[0].split(), None, None]
        rows.append([parts[0], parts[1], parts[2], *row[1:]])
    return rows


def split_weekly() -> list[list]:
    rows = wide_rows(title=False)
    out = [["№ п/п", "Фамилия", "Имя", *rows[0][2:]]]
    for row in rows[1:]:
        name = row[1].replace("\u00a0", " ").split()
        out.append([row[0], name[0], " ".join(name[1:]), *row[2:]])
    return out


def teachers(result):
    series = next(r for r in result.model.indicators if r.category == "teachers").series
    return [(w.week, w.counted, w.active) for w in series.weeks]


def test_a_roster_and_a_weekly_sheet_with_split_names_give_the_same_figures(tmp_path):
    expected = build_package(2, make_inputs(tmp_path / "one"), tmp_path / "one-out", data_only=True)
    folder = make_inputs(tmp_path / "in", roster=split_roster(), weekly=split_weekly())
    report = check(folder)
    assert report.valid, report.problems
    notes = [n.message for n in report.reading if "ФИО собраны из столбцов" in n.message]
    assert len(notes) == 2 and "«Фамилия» (A), «Имя» (B), «Отчество» (C)" in notes[0]
    assert not [n for n in report.reading if "не используются" in n.message and "«Фамилия»" in n.message]
    result = build_package(2, folder, tmp_path / "out", data_only=True)
    assert teachers(result) == teachers(expected)
    assert len(result.model.monitoring.people) == len(ROSTER)


def test_describe_write_then_the_declared_layout_reads_the_same(tmp_path):
    folder = make_inputs(tmp_path / "in", roster=split_roster(), weekly=split_weekly())
    assert CliRunner().invoke(main, ["describe", "--inputs", str(folder), "--write"]).exit_code == 0
    report = check(folder)
    assert report.valid, report.problems
