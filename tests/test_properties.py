"""Properties that hold for any roster and any counts (hypothesis)."""

from __future__ import annotations

import datetime as dt

import numpy as np
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from reporting.compute.calendar import reporting_period
from reporting.compute.coverage import indicator_result
from reporting.inputs import Indicator, Monitoring, Person

from .builders import ROSTER_HEADERS, make_inputs
from .test_reading import SCHOOL

WEEKS = [dt.date(2023, 11, 6) + dt.timedelta(weeks=i) for i in range(8)]
dates = st.one_of(st.none(), st.sampled_from([w + dt.timedelta(days=d) for w in WEEKS for d in (0, 2, 6)]))


@st.composite
def monitoring(draw):
    size = draw(st.integers(1, 8))
    people = []
    for n in range(size):
        hired, dismissed, absent = draw(dates), draw(dates), draw(dates)
        people.append(Person(key=f"#{n}", name=f"Сотрудник {n}", category="teachers", hired=hired,
                             dismissed=dismissed if dismissed and (not hired or dismissed >= hired) else None,
                             absent_from=absent, absent_to=draw(dates) if absent else None))  # fmt: skip
    weeks = sorted(draw(st.lists(st.sampled_from(WEEKS), min_size=1, unique=True)))
    counts = np.array([[draw(st.integers(-1, 30)) for _ in weeks] for _ in people], dtype=np.int32)
    counts[0, :] = np.maximum(counts[0, :], 0)  # every listed week holds a number somewhere
    return Monitoring(people, weeks, counts)


def _result(data: Monitoring, threshold: int):
    indicator = Indicator("Охват", "teachers", threshold, 100.0, dt.date(2023, 12, 30))
    return indicator_result(indicator, data, SCHOOL, reporting_period(SCHOOL, 2))


@given(monitoring(), st.integers(1, 30))
def test_active_never_exceeds_counted(data, threshold):
    for week in _result(data, threshold).series.weeks:
        assert 0 <= week.active <= week.counted
        assert week.percent is None or 0 <= week.percent <= 100


@given(monitoring(), st.integers(1, 29))
def test_coverage_never_rises_with_the_threshold(data, threshold):
    lower, higher = _result(data, threshold).series.weeks, _result(data, threshold + 1).series.weeks
    for a, b in zip(lower, higher, strict=True):
        assert b.active <= a.active and b.counted == a.counted


names = ["Иванова Анна", "Петров Илья", "Орлова Мария"]
cells = st.one_of(st.none(), st.integers(0, 25), st.sampled_from(["-", "—", "7", " 12 "]))


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.lists(cells, min_size=3, max_size=3), min_size=3, max_size=3))
def test_wide_and_long_layouts_give_the_same_summary(tmp_path_factory, run_cli, grid):
    weeks = ["06.11.2023", "13.11.2023", "20.11.2023"]
    roster = [ROSTER_HEADERS] + [[n, None, "педагог", "", None, None, None, None] for n in names]
    wide = [["ФИО", *weeks]] + [[n, *row] for n, row in zip(names, grid, strict=True)]
    long = [["Неделя", "ФИО", "Сообщений"]] + [
        [w, n, v] for n, row in zip(names, grid, strict=True) for w, v in zip(weeks, row, strict=True)
    ]
    if not any(isinstance(v, int) or (isinstance(v, str) and v.strip().isdigit()) for row in grid for v in row):
        return  # nothing monitored at all is an input error, covered elsewhere
    base = tmp_path_factory.mktemp("layouts")
    # three November weeks of a quarter that ends 29.12: an interim report (issue 32)
    a = run_cli(
        make_inputs(base / "wide", roster=roster, weekly=wide), 2, "--data-only", "--interim", outputs=base / "o1"
    )
    b = run_cli(
        make_inputs(base / "long", roster=roster, weekly=long), 2, "--data-only", "--interim", outputs=base / "o2"
    )
    assert a.exit_code == b.exit_code == 0, a.output + b.output
    assert a.summary() == b.summary()
