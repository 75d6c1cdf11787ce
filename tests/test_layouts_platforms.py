"""Platform sub-columns (Сферум / MAX) under a merged week header (issue 16): they add up into the
week, with the platform breakdown kept — the base school's figures, split between two platforms."""

from __future__ import annotations

from .builders import ROSTER, ROSTER_HEADERS, WEEKLY, WEEKS, make_inputs, write_xlsx
from .test_errors import assert_refused
from .test_layouts_roster import base, weeks_of


def split(value):
    """A base cell as Сферум + MAX: numbers halved (the odd message on MAX), anything else on Сферум."""
    if isinstance(value, int | str) and str(value).isdigit():
        return int(value) // 2, int(value) - int(value) // 2
    return value, None


def platform_rows(platforms=("Сферум", "MAX")):
    top, sub = ["№ п/п", "ФИО"], [None, None]
    for week in WEEKS:
        top += [week, None]
        sub += list(platforms)
    rows = [top, sub]
    for number, person in enumerate(WEEKLY, start=1):
        cells = [number, person[0]]
        for value in person[1:]:
            cells += list(split(value))
        rows.append(cells)
    # the «Итого» row sums each sub-column, as the spreadsheet's SUM does (the tool checks it)
    people = [r for r in rows[2:] if r[1] != "Итого"]
    for row in rows[2:]:
        if row[1] == "Итого":
            row[2:] = [column_sum(people, c) for c in range(2, len(row))]
    return rows


def column_sum(rows, column):
    numbers = [int(r[column]) for r in rows if isinstance(r[column], int | str) and str(r[column]).isdigit()]
    return sum(numbers) if numbers else None


def test_platform_sub_columns_add_up_and_keep_the_breakdown(tmp_path, run_cli):
    expected = base(tmp_path, run_cli)
    folder = make_inputs(tmp_path / "in")
    write_xlsx(folder / "monitoring.xlsx", {"Сотрудники": [ROSTER_HEADERS, *ROSTER], "Мониторинг": platform_rows()})
    run = run_cli(folder, 2, "--data-only")
    assert run.exit_code == 0, run.output
    assert weeks_of(run) == expected
    teachers = next(i for i in run.summary()["indicators"] if i["category"] == "teachers")
    # 25.12 by hand: Иванова, Семёнова, Петров wrote 10 each — 5 on Сферум and 5 on MAX: all wrote on both,
    # none reached 10 on one platform alone
    assert {p["platform"]: (p["writers"], p["active"]) for p in teachers["platforms"]} == {
        "MAX": (3, 0),
        "Сферум": (3, 0),
    }
    assert "под неделями — подстолбцы платформ (Сферум, MAX, строка 2)" in (run.package / "reading.txt").read_text(
        encoding="utf-8")  # fmt: skip


def test_one_platform_twice_under_a_week_is_located(tmp_path, run_cli):
    folder = make_inputs(tmp_path / "in")
    write_xlsx(folder / "monitoring.xlsx", {"Сотрудники": [ROSTER_HEADERS, *ROSTER],
                                            "Мониторинг": platform_rows(("MAX", "MAX"))})  # fmt: skip
    assert_refused(run_cli(folder, 2, "--data-only"), "неделя с 23.10.2023 и платформа «MAX» уже есть в столбце C")


def test_describe_says_the_weeks_and_their_platforms(tmp_path):
    from reporting import describe
    from reporting.layout.words import describe_lines

    folder = make_inputs(tmp_path / "in")
    write_xlsx(folder / "monitoring.xlsx", {"Сотрудники": [ROSTER_HEADERS, *ROSTER], "Мониторинг": platform_rows()})
    [weekly] = [layout for layout in describe(folder).layouts if layout.reads_as == "Мониторинг"]
    assert "  недели: C–N (6: 23.10.2023 … 25.12.2023, по подстолбцам платформ: Сферум, MAX); в ячейках — число " \
        "сообщений" in describe_lines(weekly)  # fmt: skip


def test_a_total_sub_column_beside_the_platforms_is_a_sum_not_read(tmp_path, run_cli):
    expected = base(tmp_path, run_cli)
    rows = platform_rows()
    top, sub = rows[0], rows[1]
    wide = [["№ п/п", "ФИО"], [None, None]]
    body = [row[:2] for row in rows[2:]]
    for start in range(2, len(top), 2):  # «Сферум | MAX | Всего» under each week
        wide[0] += [top[start], None, None]
        wide[1] += [sub[start], sub[start + 1], "Всего"]
        for out, row in zip(body, rows[2:], strict=True):
            total = sum(v for v in row[start : start + 2] if isinstance(v, int)) or None
            out += [row[start], row[start + 1], total]
    folder = make_inputs(tmp_path / "in")
    write_xlsx(folder / "monitoring.xlsx", {"Сотрудники": [ROSTER_HEADERS, *ROSTER], "Мониторинг": [*wide, *body]})
    run = run_cli(folder, 2, "--data-only")
    assert run.exit_code == 0, run.output
    assert weeks_of(run) == expected  # the sums are not counted again
    assert "«Всего (23.10.2023)»" in (run.package / "reading.txt").read_text(encoding="utf-8")


def test_a_subtotal_column_among_the_weeks_is_a_sum(tmp_path, run_cli):
    from .builders import wide_rows

    expected = base(tmp_path, run_cli)
    rows = wide_rows()
    for r, row in enumerate(rows[2:]):  # between the weeks of 06.11 and 13.11: the sum of the weeks before it
        numbers = [column_sum([row], c) for c in (2, 3) if column_sum([row], c) is not None]
        row.insert(4, "Итого за ноябрь" if r == 0 else sum(numbers) if numbers else None)
    folder = make_inputs(tmp_path / "in", weekly=rows)
    run = run_cli(folder, 2, "--data-only")
    assert run.exit_code == 0, run.output
    assert weeks_of(run) == expected
