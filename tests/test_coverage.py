"""Figures against a case computed by hand (see tests/builders.py for the data).

Teachers, quarter 2 (status date 07.01.2024):
  06.11: counted Иванова, Семёнова, Орлова, Зайцев (Петров hired Wed 08.11) → active 2 of 4 = 50 %
  13.11: Орлова absent from that Monday; Зайцев dismissed that Monday still counts → 3 of 4 = 75 %
  20.11 (header 22.11.2023): Зайцев gone; Иванова's empty cell is 0 → 2 of 3 = 66.67 %
  27.11: no cell holds a number → not monitored, left out
  25.12: 3 of 3 = 100 %
Quarter 1 ended (23.10) at 3 of 4 = 75 %.
"""

from __future__ import annotations

from .builders import long_rows, make_inputs


def teachers(summary: dict) -> dict:
    return next(i for i in summary["indicators"] if i["category"] == "teachers")


def administration(summary: dict) -> dict:
    return next(i for i in summary["indicators"] if i["category"] == "administration")


def test_weekly_coverage_follows_the_counting_rules(inputs, run_cli):
    run = run_cli(inputs, 2, "--data-only")
    assert run.exit_code == 0, run.output
    weeks = teachers(run.summary())["weeks"]
    assert weeks == [
        {"week": "2023-11-06", "counted": 4, "active": 2, "percent": 50.0},
        {"week": "2023-11-13", "counted": 4, "active": 3, "percent": 75.0},
        {"week": "2023-11-20", "counted": 3, "active": 2, "percent": 66.67},
        {"week": "2023-12-25", "counted": 3, "active": 3, "percent": 100.0},
    ]


def test_quarter_aggregates(inputs, run_cli):
    summary = run_cli(inputs, 2, "--data-only").summary()
    assert summary["school_year"] == "2023/2024"
    assert summary["quarter"] == 2
    assert summary["period"]["first_week"] == "2023-11-06"
    assert summary["period"]["last_week"] == "2024-01-01"
    t = teachers(summary)
    assert t["end_of_quarter"] == {"week": "2023-12-25", "counted": 3, "active": 3, "percent": 100.0}
    assert t["average_percent"] == 72.92  # (50 + 75 + 66.666… + 100) / 4, unrounded mean
    assert t["weeks_at_target"] == 1
    assert t["target_met"] is True
    assert t["change_pp"] == 25.0
    assert (t["threshold"], t["target_percent"], t["deadline"]) == (10, 100.0, "2023-12-30")
    a = administration(summary)
    assert [w["percent"] for w in a["weeks"]] == [100.0, 0.0, 100.0, 100.0]  # «—» is 0 messages
    assert a["average_percent"] == 75.0
    assert a["weeks_at_target"] == 3
    assert a["change_pp"] == 100.0


def test_quarter_one_has_no_decision_yet_and_no_change(inputs, run_cli):
    summary = run_cli(inputs, 1, "--data-only").summary()
    t = teachers(summary)
    assert summary["period"] == {
        "kind": "четверть",
        "first_week": "2023-08-28",
        "last_week": "2023-10-30",
        "status_date": "2023-11-05",
    }
    assert t["weeks"] == [{"week": "2023-10-23", "counted": 4, "active": 3, "percent": 75.0}]
    assert t["target_met"] is None  # deadline 30.12.2023 is after the period
    assert t["change_pp"] is None


def test_later_quarter_judges_the_target_on_the_week_before_the_deadline(inputs, run_cli):
    summary = run_cli(inputs, 3, "--data-only", "--no-monitoring").summary()
    t = teachers(summary)
    assert t["weeks"] == []  # nothing monitored in quarter 3
    assert t["end_of_quarter"] is None
    assert t["average_percent"] is None
    assert t["target_met"] is True  # decided by 25.12.2023, the last week before 30.12.2023


def test_long_layout_gives_the_same_summary(inputs, tmp_path, run_cli):
    wide = run_cli(inputs, 2, "--data-only").summary()
    long_inputs = make_inputs(tmp_path / "long", weekly=long_rows())
    long = run_cli(long_inputs, 2, "--data-only", outputs=tmp_path / "long-out").summary()
    assert long == wide


def test_personnel_numbers_match_as_whole_numbers(tmp_path, run_cli):
    from .builders import ROSTER, ROSTER_HEADERS, WEEKLY, wide_rows

    # The roster holds numbers as Excel floats; the monitoring sheet as int, text and float.
    roster = [ROSTER_HEADERS] + [[f"Другое Имя {r[1]}", float(r[1] + 1000), *r[2:]] for r in ROSTER]
    keys = [1001, 1002, "1003", 1004.0, " 1005 ", 1006, "Итого"]
    weekly = wide_rows(weekly=[[key, *row[1:]] for key, row in zip(keys, WEEKLY, strict=True)], title=False)
    weekly[0][1] = "Табельный номер"
    run = run_cli(make_inputs(tmp_path / "n", roster=roster, weekly=weekly), 2, "--data-only")
    assert run.exit_code == 0, run.output
    assert teachers(run.summary())["weeks"][0] == {"week": "2023-11-06", "counted": 4, "active": 2, "percent": 50.0}


def test_percent_is_null_when_nobody_is_counted(tmp_path, run_cli):
    from .builders import ROSTER, ROSTER_HEADERS, WEEKLY, wide_rows

    roster = [ROSTER_HEADERS] + [r for r in ROSTER if r[2] != "АДМИНИСТРАЦИЯ"]
    weekly = wide_rows(weekly=[r for r in WEEKLY if not r[0].startswith("Гайдуков")])
    run = run_cli(make_inputs(tmp_path / "x", roster=roster, weekly=weekly), 2, "--data-only")
    a = administration(run.summary())
    assert all(w["percent"] is None and w["counted"] == 0 for w in a["weeks"])
    assert a["average_percent"] is None and a["weeks_at_target"] == 0
    assert a["target_met"] is False
