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


# --- totals known by their formulas alone (no «Итого» label) ---------------------------------------------


def formula_totals(kind: str = "sum", skip_last: bool = False):
    """The weekly sheet with its «Итого» row unlabelled, its cells the formulas a spreadsheet keeps with
    their computed values, and an unlabelled column after the weeks of each row's =SUM (or, ``kind``
    "countif", a row of =COUNTIF(…;">=10") instead: how many wrote 10 or more, a count, not a sum).
    ``skip_last``: the SUM's range stops a row short (the last person left out by mistake)."""
    from reporting.read.refs import column_letters

    from .builders import Cached

    rows = wide_rows()
    header = 2  # 0-based: the title, a blank row, then the header (Excel row 3)
    people = [r for r in rows[header + 1 :] if r[1] != "Итого"]
    first, last = header + 2, header + 1 + len(people)  # Excel rows of the people
    end = last - 1 if skip_last else last
    weeks = range(2, len(rows[header]))
    total = [None, None]
    for c in weeks:
        letter = column_letters(c)
        if kind == "sum":
            total.append(Cached(_column_sum(people[: end - first + 1], c) or 0, f"SUM({letter}{first}:{letter}{end})"))
        else:
            active = sum(1 for p in people if isinstance(p[c], int) and p[c] >= 10)
            total.append(Cached(active, f'COUNTIF({letter}{first}:{letter}{last},">=10")'))
    side = column_letters(len(rows[header]))
    out = [*rows[:header], [*rows[header], None]]
    for number, person in enumerate(people, start=first):
        value = _column_sum([[v] for v in person[2:]], 0)
        formula = f"SUM(C{number}:{column_letters(len(rows[header]) - 1)}{number})"
        out.append([*person, Cached(value, formula) if value is not None else None])
        assert side  # the column after the weeks, unlabelled
    return [*out, total]


def test_an_unlabelled_totals_row_and_column_are_known_by_their_sum_formulas(tmp_path, run_cli):
    """Before: the row was refused as a person without a name, the column as an unread week."""
    expected = base(tmp_path, run_cli)
    run = run_cli(make_inputs(tmp_path / "in", weekly=formula_totals()), 2, "--data-only")
    assert run.exit_code == 0, run.output
    assert weeks_of(run) == expected
    reading = (run.package / "reading.txt").read_text(encoding="utf-8")
    assert "строки 10 без ФИО, в их ячейках — формулы; столбцы I (без заголовка) — формулы (суммы)" in reading
    assert "строки итогов (10) и столбцы итогов (I (без заголовка)) сверены с суммами программы: совпадают" in reading


def test_an_unlabelled_row_of_counts_is_computed_not_a_person(tmp_path, run_cli):
    expected = base(tmp_path, run_cli)
    run = run_cli(make_inputs(tmp_path / "in", weekly=formula_totals("countif")), 2, "--data-only")
    assert run.exit_code == 0, run.output
    assert weeks_of(run) == expected
    reading = (run.package / "reading.txt").read_text(encoding="utf-8")
    assert (
        "строки 10 без ФИО, в их ячейках — формулы; столбцы I (без заголовка) — формулы (суммы, подсчёты и доли"
        in reading
    )


def test_a_sum_that_leaves_a_person_out_is_named_with_both_figures_and_its_hint_gives_the_figures(tmp_path, run_cli):
    expected = base(tmp_path, run_cli)
    rows = formula_totals(skip_last=True)
    # 06.11 by hand: the six people's 12 + 9 + 50 + 10 + 0 + 10 = 91; the SUM stops before Гайдуков: 81
    assert_refused(run_cli(make_inputs(tmp_path / "in", weekly=rows), 2, "--data-only", outputs=tmp_path / "o1"),
                   "строка 10, столбец «06.11.2023»: итог 81, а сумма чисел столбца над ним — 91")  # fmt: skip
    run = run_cli(make_inputs(tmp_path / "fixed", weekly=rows[:-1]), 2, "--data-only", outputs=tmp_path / "o2")
    assert run.exit_code == 0, run.output  # the hint: delete the totals row, the program adds up itself
    assert weeks_of(run) == expected


def test_an_unnamed_row_of_references_is_still_a_person_without_a_name(tmp_path, run_cli):
    """=Лист2!C5 is no total: the row is someone's numbers and needs its ФИО."""
    from .builders import Cached

    rows = formula_totals()
    rows[-1] = [None, None, *(Cached(5, f"Лист2!{chr(67 + i)}5") for i in range(len(rows[-1]) - 2))]
    run = run_cli(make_inputs(tmp_path / "in", weekly=rows), 2, "--data-only")
    assert_refused(run, "строка 10")
    assert "не указаны ФИО" in run.output


def test_an_ods_unlabelled_totals_row_is_known_by_its_formulas(tmp_path, run_cli):
    from .builders import ROSTER, ROSTER_HEADERS
    from .ods import write_ods

    expected = base(tmp_path, run_cli)
    folder = make_inputs(tmp_path / "in")
    (folder / "monitoring.xlsx").unlink()
    sheets = {"Сотрудники": [ROSTER_HEADERS, *ROSTER], "Мониторинг": formula_totals()}
    (folder / "monitoring.ods").write_bytes(write_ods(sheets))
    run = run_cli(folder, 2, "--data-only")
    assert run.exit_code == 0, run.output
    assert weeks_of(run) == expected
    assert "строки итогов (10) и столбцы итогов (I (без заголовка)) сверены" in (run.package / "reading.txt").read_text(
        encoding="utf-8"
    )


def test_typed_unlabelled_totals_are_refused_and_the_hint_followed_gives_the_figures(tmp_path, run_cli):
    """Without formulas (a CSV, an .xls, numbers typed in) an unlabelled row of sums or counts cannot be
    told from a person whose ФИО was left out: refused, and the hint says what to write for each."""
    expected = base(tmp_path, run_cli)
    rows = [[getattr(v, "value", v) for v in row] for row in formula_totals("countif")]  # the values alone
    rows[3 - 1][-1] = "Итого"  # the column is labelled: only the rows are in question
    sums = [None, None, *(_column_sum(rows[3:-1], c) or 0 for c in range(2, len(rows[2]) - 1)), None]
    rows = [*rows[:-1], sums, rows[-1]]  # row 10 the sums, row 11 the counts
    run = run_cli(
        make_inputs(tmp_path / "in", weekly=rows), 2, "--data-only", "--all-problems", outputs=tmp_path / "o1"
    )
    assert_refused(run, "строка 10, столбец «ФИО»: не указаны ФИО")
    assert "строка 11, столбец «ФИО»: не указаны ФИО" in run.output
    assert (
        "если в строке суммы — впишите в эту ячейку «Итого» (суммы сверяются), если подсчёт или доля — «Доля, %»"
        in (run.output.replace("\n", " "))
    )
    rows[-2][1], rows[-1][1] = "Итого", "Доля, %"  # the hint, literally
    run = run_cli(make_inputs(tmp_path / "fixed", weekly=rows), 2, "--data-only", outputs=tmp_path / "o2")
    assert run.exit_code == 0, run.output
    assert weeks_of(run) == expected
    assert "строки итогов (10) и столбцы итогов («Итого») сверены с суммами программы: совпадают" in (
        run.package / "reading.txt"
    ).read_text(encoding="utf-8")


def test_excels_shared_formulas_are_known_by_their_first_cells(tmp_path, run_cli):
    """Excel fills a formula right as one shared formula: its text in the first cell only
    (``<f t="shared" ref="C10:H10" si="0">SUM(C4:C9)</f>``), the others ``<f t="shared" si="0"/>``."""
    import re
    import zipfile

    expected = base(tmp_path, run_cli)
    folder = make_inputs(tmp_path / "in", weekly=formula_totals())
    path = folder / "monitoring.xlsx"
    with zipfile.ZipFile(path) as archive:
        parts = {i.filename: archive.read(i.filename) for i in archive.infolist()}
    xml = parts["xl/worksheets/sheet2.xml"].decode()
    row = re.search(r'<row r="10".*?</row>', xml).group(0)
    formulas = re.findall(r"<f>([^<]*)</f>", row)
    assert len(formulas) == 6 and formulas[0] == "SUM(C4:C9)"
    shared = re.sub(r"<f>[^<]*</f>", '<f t="shared" si="0"/>', row)
    shared = shared.replace('<f t="shared" si="0"/>', '<f t="shared" ref="C10:H10" si="0">SUM(C4:C9)</f>', 1)
    parts["xl/worksheets/sheet2.xml"] = xml.replace(row, shared).encode()
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    run = run_cli(folder, 2, "--data-only")
    assert run.exit_code == 0, run.output
    assert weeks_of(run) == expected
    assert "строки итогов (10) и столбцы итогов" in (run.package / "reading.txt").read_text(encoding="utf-8")


def test_describe_names_the_totals_known_by_their_formulas(tmp_path):
    from click.testing import CliRunner

    from reporting.cli import main

    folder = make_inputs(tmp_path / "in", weekly=formula_totals("countif"))
    said = CliRunner().invoke(main, ["describe", "--inputs", str(folder)]).output
    assert "итоги по формулам (не сотрудники и не недели): строка 10 — подсчёты, столбец I — суммы" in said


def test_a_long_sheets_unlabelled_sum_row_is_a_total_and_its_value_alone_is_refused_with_the_hint(tmp_path, run_cli):
    """A row per person and week, «=SUM(C2:C37)» under the counts with no label: a total, never a row
    without its week. With its value alone (an .xls, a CSV) the row is refused, and its hint followed
    gives the figures."""
    from .builders import ROSTER, ROSTER_HEADERS, WEEKLY, Cached, long_rows, write_xlsx

    expected = base(tmp_path, run_cli)
    rows = long_rows(weekly=WEEKLY[:-1])
    total = _column_sum(rows[1:], 2)
    rows.append([None, None, Cached(total, f"SUM(C2:C{len(rows)})")])
    run = run_cli(make_inputs(tmp_path / "in", weekly=rows), 2, "--data-only", outputs=tmp_path / "o1")
    assert run.exit_code == 0, run.output
    assert weeks_of(run) == expected
    reading = (run.package / "reading.txt").read_text(encoding="utf-8")
    assert f"строки {len(rows)} без ФИО, в их ячейках — формулы (суммы)" in reading
    assert "в листе по строке на сотрудника и неделю они не сверяются" in reading

    folder = make_inputs(tmp_path / "values")
    write_xlsx(
        folder / "monitoring.xlsx",
        {
            "Сотрудники": [ROSTER_HEADERS, *ROSTER],
            "Мониторинг": [[getattr(v, "value", v) for v in row] for row in rows],
        },
    )  # fmt: skip  (the values alone, as .xls and .csv keep)
    run = run_cli(folder, 2, "--data-only", outputs=tmp_path / "o2")
    assert_refused(run, f"строка {len(rows)}, столбец «Неделя»: не указана неделя")
    assert "если в строке итоги — впишите в ячейку ФИО «Итого»" in " ".join(run.output.split())
    rows[-1][1] = "Итого"  # the hint, literally
    write_xlsx(folder / "monitoring.xlsx", {"Сотрудники": [ROSTER_HEADERS, *ROSTER], "Мониторинг": [
        [getattr(v, "value", v) for v in row] for row in rows]})  # fmt: skip
    run = run_cli(folder, 2, "--data-only", outputs=tmp_path / "o3")
    assert run.exit_code == 0, run.output
    assert weeks_of(run) == expected


def test_a_share_column_among_the_weeks_is_a_share_not_an_unread_week(tmp_path, run_cli):
    """«Охват, %» after November's weeks (a month's share, as «Доля» and «%» are): not a week, not
    refused as a column of numbers whose header was not read — the words of the shares are one list."""
    expected = base(tmp_path, run_cli)
    rows = wide_rows()
    at = 2 + 4  # after 22.11 (23.10, 06.11, 13.11, 22.11), before 27.11
    rows = [r[:at] + (["Охват, %"] if i == 2 else [None if i < 2 else 75.0]) + r[at:] for i, r in enumerate(rows)]
    run = run_cli(make_inputs(tmp_path / "in", weekly=rows), 2, "--data-only")
    assert run.exit_code == 0, run.output
    assert weeks_of(run) == expected
    assert "не используются столбцы: «№ п/п», «Охват, %»" in (run.package / "reading.txt").read_text(encoding="utf-8")
