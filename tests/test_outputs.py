"""summary.json, data.xlsx, roadmap.xlsx and manifest.json."""

from __future__ import annotations

import hashlib
import json
import zipfile

from openpyxl import load_workbook

from reporting.errors import Problems
from reporting.read.workbook import open_workbook
from reporting.validate.roadmap import load_roadmap
from reporting.validate.school import load_school

from .builders import ROSTER, ROSTER_HEADERS, make_inputs, wide_rows, write_xlsx

FORMULA_LIKE = ["=1+2", "+7 (999) 000-00-00", "-минус", "@cmd"]


def test_summary_keys_follow_the_contract(inputs, run_cli):
    summary = run_cli(inputs, 2, "--data-only").summary()
    assert list(summary) == ["school_year", "quarter", "period", "indicators", "activities", "generated_by"]
    for indicator in summary["indicators"]:
        for key in ("category", "threshold", "target_percent", "deadline", "weeks", "end_of_quarter",
                    "average_percent", "weeks_at_target", "target_met"):  # fmt: skip
            assert key in indicator
    assert set(summary["activities"][0]) == {"number", "status", "due", "new_due"}


def test_data_xlsx_has_typed_cells_and_never_a_formula(tmp_path, run_cli):
    roster = [ROSTER_HEADERS, *ROSTER]
    roster[1] = [roster[1][0], roster[1][1], roster[1][2], FORMULA_LIKE[0], *roster[1][4:]]
    folder = make_inputs(tmp_path / "in", roster=roster)
    run = run_cli(folder, 2, "--data-only")
    path = run.package / "data.xlsx"
    book = load_workbook(path)
    assert book.sheetnames == [
        "Показатели",
        "Охват по неделям",
        "По подразделениям",
        "Сообщения сотрудников",
        "Мероприятия",
    ]
    weekly = book["Охват по неделям"]
    assert weekly.freeze_panes == "A2"
    first = [c.value for c in weekly[2]]
    assert first[2:] == ["Педагогические работники", 4, 2, 50.0]
    departments = [c.value for row in book["По подразделениям"].iter_rows(min_row=2) for c in row]
    assert FORMULA_LIKE[0] in departments  # a department named like a formula stays text
    with zipfile.ZipFile(path) as archive:
        assert not any(b"<f>" in archive.read(n) for n in archive.namelist() if n.startswith("xl/worksheets/"))
    # Hand-marked from tests/builders.py (weeks 06.11, 13.11, 20.11, 25.12; L below 10, - not counted):
    assert marked_weeks(path) == {
        "Гайдуков Андрей Николаевич": [10, "0 L", 15, 10],  # «—» is 0
        "Зайцев Олег": ["0 L", "3 L", "-", "-"],  # dismissed 13.11: counted that Monday, gone after
        "Иванова Анна Петровна": [12, 10, "0 L", 10],  # an empty cell is 0
        "Орлова Мария": [10, "-", "-", "-"],  # absent from 13.11
        "Петров Илья": ["-", 11, 10, 10],  # hired Wed 08.11
        "Семёнова Юлия": ["9 L", 10, 25, 10],
    }


def marked_weeks(path) -> dict[str, list]:
    """The person × week sheet as {name: [count, "count L" when highlighted low, "-" when greyed]}."""
    colours = {"FFF8CBAD": "L", "FFE7E6E6": "-"}
    found = {}
    for row in load_workbook(path)["Сообщения сотрудников"].iter_rows(min_row=2):
        cells = []
        for cell in row[4:]:
            mark = colours.get(cell.fill.fgColor.rgb)
            cells.append("-" if mark == "-" else f"{cell.value} L" if mark else cell.value)
        found[row[0].value] = cells
    return found


def test_a_week_below_the_call_threshold_is_highlighted_too(tmp_path, run_cli):
    from .test_calls import CALLS, roadmap

    folder = make_inputs(tmp_path / "in", roadmap=roadmap())
    write_xlsx(
        folder / "monitoring.xlsx",
        {"Сотрудники": [ROSTER_HEADERS, *ROSTER], "Мониторинг": wide_rows(), "Звонки": CALLS},
    )
    run = run_cli(folder, 2, "--data-only")
    marked = marked_weeks(run.package / "data.xlsx")
    # Иванова: 12, 10, 0, 10 messages with 3, —, —, 1 calls: only 06.11 and 25.12 meet both.
    assert marked["Иванова Анна Петровна"] == [12, "10 L", "0 L", 10]
    # Семёнова wrote 10 on 25.12 but made no call; Гайдуков is counted by no indicator here.
    assert marked["Семёнова Юлия"][3] == "10 L"
    assert marked["Гайдуков Андрей Николаевич"] == [10, 0, 15, 10]


def test_corrected_roadmap_reads_back_as_the_same_activities(inputs, run_cli):
    run = run_cli(inputs, 2, "--data-only")
    problems = Problems()
    school = load_school((inputs / "school.toml").read_bytes(), problems)
    original = load_roadmap(open_workbook((inputs / "roadmap.xlsx").read_bytes(), "roadmap.xlsx"), school, problems)
    again = load_roadmap(open_workbook((run.package / "roadmap.xlsx").read_bytes(), "roadmap.xlsx"), school, problems)
    assert not problems.items
    new_due = {a["number"]: a["new_due"] for a in run.summary()["activities"]}
    assert [(a.number, a.title, a.result) for a in again.activities] == [
        (a.number, a.title, a.result) for a in original.activities
    ]
    for before, after in zip(original.activities, again.activities, strict=True):
        expected = new_due[before.number] or before.deadline.due.isoformat()
        assert after.deadline.due.isoformat() == expected
        assert after.status_mark == before.status_mark
    assert again.indicators == original.indicators


def test_manifest_hashes_every_input_and_output(inputs, run_cli):
    run = run_cli(inputs, 2, "--data-only")
    manifest = json.loads((run.package / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["status_date"] == "2024-01-07"
    assert manifest["options"]["quarter"] == 2
    for name, entry in manifest["inputs"].items():
        assert entry["sha256"] == hashlib.sha256((inputs / name).read_bytes()).hexdigest()
    outputs = {p.name for p in run.package.iterdir() if p.is_file()} - {"manifest.json"}
    assert set(manifest["outputs"]) == outputs
    for name, entry in manifest["outputs"].items():
        data = (run.package / name).read_bytes()
        assert entry == {"sha256": hashlib.sha256(data).hexdigest(), "size": len(data)}


def test_failed_run_leaves_the_previous_package_untouched(inputs, run_cli):
    first = run_cli(inputs, 2, "--data-only")
    before = snapshot(first.package)
    (inputs / "monitoring.xlsx").write_bytes(b"broken")
    second = run_cli(inputs, 2, "--data-only", outputs=first.outputs)
    assert second.exit_code == 2
    assert snapshot(first.package) == before
    assert [p.name for p in first.package.parent.iterdir()] == ["Q2"]  # no temporary folders left


def snapshot(folder) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}
