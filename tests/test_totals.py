"""A sheet's own totals are checked against the tool's sums (issue 30, point 5): a subtotal per
section and a grand total that does not add the subtotals again agree; a total that agrees with no
reading is a located problem naming both figures, and its hint, followed, gives the base figures.

By hand (builders' WEEKLY, week of 06.11): Иванова 12, Семёнова 9, Петров 50 — the section's 71;
Орлова 10, Зайцев 0, Гайдуков 10 — 20; the school's 91."""

from __future__ import annotations

from .builders import _column_sum, make_inputs, wide_rows
from .test_errors import assert_refused
from .test_layouts_roster import base, weeks_of


def sectioned_totals(grand_adds_subtotals: bool = False):
    rows = wide_rows()
    header, people = rows[:3], [r for r in rows[3:] if r[1] != "Итого"]
    first, second = people[:3], people[3:]

    def subtotal(label, part):
        return [None, label, *(_column_sum(part, c) for c in range(2, 8))]

    totals = [subtotal("Всего по начальной школе", first), subtotal("Всего по основной школе", second)]
    grand = subtotal("Итого", people)
    if grand_adds_subtotals:  # SUM over the whole column above, subtotals and all: twice the school
        grand = subtotal("Итого", [*people, *totals])
    return [*header, *first, totals[0], *second, totals[1], grand]


def test_subtotals_and_a_grand_total_that_agree_are_said_to(tmp_path, run_cli):
    expected = base(tmp_path, run_cli)
    run = run_cli(make_inputs(tmp_path / "in", weekly=sectioned_totals()), 2, "--data-only")
    assert run.exit_code == 0, run.output
    assert weeks_of(run) == expected
    reading = (run.package / "reading.txt").read_text(encoding="utf-8")
    assert "строки итогов (7, 11, 12) сверены с суммами программы: совпадают" in reading


def test_a_grand_total_that_adds_the_subtotals_again_is_named_with_both_figures(tmp_path, run_cli):
    expected = base(tmp_path, run_cli)
    rows = sectioned_totals(grand_adds_subtotals=True)
    run = run_cli(make_inputs(tmp_path / "in", weekly=rows), 2, "--data-only", outputs=tmp_path / "o1")
    # 06.11: 91 people + 71 + 20 subtotals = 182, where the school's is 91 (and the section's since the
    # last subtotal 0: no one between them)
    assert_refused(run, "строка 12, столбец «06.11.2023»: итог 182, а сумма чисел столбца над ним — 0")
    assert "удалите строку или столбец итогов: программа складывает сама" in run.output
    # the hint: delete the row of totals — the program adds up itself
    run = run_cli(make_inputs(tmp_path / "fixed", weekly=rows[:-1]), 2, "--data-only", outputs=tmp_path / "o2")
    assert run.exit_code == 0, run.output
    assert weeks_of(run) == expected


def test_a_weeks_total_sub_column_is_checked_against_its_platforms(tmp_path, run_cli):
    from .test_layouts_platforms import column_sum, platform_rows

    expected = base(tmp_path, run_cli)
    rows = platform_rows()
    top, sub = rows[0], rows[1]
    wide, body = [top[:2], sub[:2]], [row[:2] for row in rows[2:]]
    for start in range(2, len(top), 2):  # «Сферум | MAX | Всего» under each week
        wide[0] += [top[start], None, None]
        wide[1] += [sub[start], sub[start + 1], "Всего"]
        for out, row in zip(body, rows[2:], strict=True):
            parts = [column_sum([row], c) for c in (start, start + 1)]
            out += [row[start], row[start + 1], sum(p for p in parts if p is not None) if any(parts) else None]
    from .builders import ROSTER, ROSTER_HEADERS, write_xlsx

    folder = make_inputs(tmp_path / "in")
    body[0][4 + 3] = 13  # Иванова, 06.11: Сферум 6 + MAX 6 = 12, her «Всего» typed 13
    write_xlsx(folder / "monitoring.xlsx", {"Сотрудники": [ROSTER_HEADERS, *ROSTER], "Мониторинг": [*wide, *body]})
    assert_refused(run_cli(folder, 2, "--data-only", outputs=tmp_path / "o1"),
                   "строка 3, столбец «Всего (06.11.2023)»: итог 13, а сумма недель в строке — 12")  # fmt: skip
    body[0][4 + 3] = 12  # the hint: correct the total
    write_xlsx(folder / "monitoring.xlsx", {"Сотрудники": [ROSTER_HEADERS, *ROSTER], "Мониторинг": [*wide, *body]})
    run = run_cli(folder, 2, "--data-only", outputs=tmp_path / "o2")
    assert run.exit_code == 0, run.output
    assert weeks_of(run) == expected
