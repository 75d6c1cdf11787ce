"""Sub-columns under a week (issue 30, point 1): a measure no indicator counts («Минут») is set aside
and said; describe --write records each sub-header's role in layout.toml (`subcolumns`), the layout
it writes reads back to the same figures, and a role the school states there decides."""

from __future__ import annotations

import json

from click.testing import CliRunner

from reporting.cli import main

from .builders import ROSTER, ROSTER_HEADERS, WEEKLY, WEEKS, make_inputs, write_xlsx
from .test_layouts_platforms import split
from .test_layouts_roster import base, weeks_of


def sub_rows(names=("Сообщений", "Минут"), value=lambda v: (v, 7 if v is not None else None)):
    top, sub = ["№ п/п", "ФИО"], [None, None]
    for week in WEEKS:
        top += [week, *([None] * (len(names) - 1))]
        sub += list(names)
    rows = [top, sub]
    for number, person in enumerate(WEEKLY[:-1], start=1):  # no «Итого» row: the sums are another test's
        rows.append([number, person[0], *(c for v in person[1:] for c in value(v))])
    return rows


def inputs(tmp_path, rows, name="in"):
    folder = make_inputs(tmp_path / name)
    write_xlsx(folder / "monitoring.xlsx", {"Сотрудники": [ROSTER_HEADERS, *ROSTER], "Мониторинг": rows})
    return folder


def test_minutes_beside_the_messages_are_set_aside_and_said(tmp_path, run_cli):
    expected = base(tmp_path, run_cli)
    run = run_cli(inputs(tmp_path, sub_rows()), 2, "--data-only")
    assert run.exit_code == 0, run.output
    assert weeks_of(run) == expected
    reading = (run.package / "reading.txt").read_text(encoding="utf-8")
    assert "подстолбцы «Минут» (строка 2) не читаются" in reading


def test_the_layout_describe_writes_reads_back_to_the_same_figures(tmp_path, run_cli):
    """Sub-columns labelled «Минут (06.11.2023)» in layout.toml: checked against the same composed
    header, never «пусто» in the file (which a sheet with a «Всего» sub-column used to get)."""
    expected = base(tmp_path, run_cli)
    folder = inputs(tmp_path, sub_rows())
    CliRunner().invoke(main, ["describe", "--write", "--inputs", str(folder)])
    layout = (folder / "layout.toml").read_text(encoding="utf-8")
    assert 'subcolumns = { "Сообщений" = "сообщения", "Минут" = "-" }' in layout
    assert 'header = "Минут (06.11.2023)"' in layout
    run = run_cli(folder, 2, "--data-only", outputs=tmp_path / "o2")
    assert run.exit_code == 0, run.output
    assert weeks_of(run) == expected


def test_a_role_the_school_states_decides(tmp_path, run_cli):
    """«Пн–Пт» and «Сб–Вс» read as platforms by their words (a breakdown by «platform» is printed);
    the school says they are days: the same figures, and no platforms."""
    expected = base(tmp_path, run_cli)
    folder = inputs(tmp_path, sub_rows(("Пн–Пт", "Сб–Вс"), lambda v: split(v)))
    run = run_cli(folder, 2, "--data-only", outputs=tmp_path / "o1")
    assert run.exit_code == 0, run.output
    assert weeks_of(run) == expected
    assert run.summary()["indicators"][0]["platforms"]  # read by the words: platforms
    CliRunner().invoke(main, ["describe", "--write", "--inputs", str(folder)])
    layout = folder / "layout.toml"
    text = layout.read_text(encoding="utf-8")
    assert 'subcolumns = { "Пн–Пт" = "платформа", "Сб–Вс" = "платформа" }' in text
    layout.write_text(text.replace('"Пн–Пт" = "платформа", "Сб–Вс" = "платформа"', '"Пн–Пт" = "день", "Сб–Вс" = "день"'),
                      encoding="utf-8")  # fmt: skip
    run = run_cli(folder, 2, "--data-only", outputs=tmp_path / "o2")
    assert run.exit_code == 0, run.output
    assert weeks_of(run) == expected
    summary = json.loads((run.package / "summary.json").read_text(encoding="utf-8"))
    assert not summary["indicators"][0].get("platforms")
    assert "подстолбцы дней (Пн–Пт, Сб–Вс" in (run.package / "reading.txt").read_text(encoding="utf-8")


def test_a_role_that_is_no_role_is_refused_at_its_key_and_its_hint_gives_the_figures(tmp_path, run_cli):
    expected = base(tmp_path, run_cli)
    folder = inputs(tmp_path, sub_rows())
    CliRunner().invoke(main, ["describe", "--write", "--inputs", str(folder)])
    layout = folder / "layout.toml"
    layout.write_text(layout.read_text(encoding="utf-8").replace('"Минут" = "-"', '"Минут" = "минуты"'),
                      encoding="utf-8")  # fmt: skip
    run = run_cli(folder, 2, "--data-only", outputs=tmp_path / "o1")
    assert run.exit_code == 2 and "subcolumns — роль каждого подстолбца под неделями" in run.output
    said = " ".join(run.output.split())
    assert "«сообщения»" in said and "«-» (не читать)" in said
    # the hint, literally: minutes are no measure the indicators count — «-», not read
    layout.write_text(layout.read_text(encoding="utf-8").replace('"Минут" = "минуты"', '"Минут" = "-"'),
                      encoding="utf-8")  # fmt: skip
    run = run_cli(folder, 2, "--data-only", outputs=tmp_path / "o2")
    assert run.exit_code == 0, run.output
    assert weeks_of(run) == expected
    # a wrong role chosen from the hint's list (minutes as a second «сообщения»): refused at the columns, never
    # summed into the week's messages
    layout.write_text(layout.read_text(encoding="utf-8").replace('"Минут" = "-"', '"Минут" = "сообщения"'),
                      encoding="utf-8")  # fmt: skip
    run = run_cli(folder, 2, "--data-only", outputs=tmp_path / "o3")
    assert run.exit_code == 2 and "заголовок «Минут (06.11.2023)», а в файле" in " ".join(run.output.split())


def test_a_header_of_three_rows_months_weeks_platforms(tmp_path, run_cli):
    """«Ноябрь 2023» merged over its weeks, each week over «Сферум | MAX» (issue 30, point 1): the base
    figures with the platform breakdown, said; and the layout describe --write records reads back."""
    from .test_metamorphic import MONTH_NAMES, monday

    expected = base(tmp_path, run_cli)
    rows = sub_rows(("Сферум", "MAX"), lambda v: split(v))
    months, seen = [None, None], None
    for label in rows[0][2:]:
        month = f"{MONTH_NAMES[monday(label).month]} {monday(label).year}" if label is not None else seen
        months.append(month if label is not None and month != seen else None)
        seen = month
    folder = inputs(tmp_path, [["№ п/п", "ФИО", *months[2:]], [None, None, *rows[0][2:]], *rows[1:]])
    run = run_cli(folder, 2, "--data-only")
    assert run.exit_code == 0, run.output
    assert weeks_of(run) == expected
    assert {p["platform"] for p in run.summary()["indicators"][0]["platforms"]} == {"Сферум", "MAX"}
    reading = (run.package / "reading.txt").read_text(encoding="utf-8")
    assert "заголовок в три строки (1–3): месяцы, недели и подстолбцы недель" in reading
    CliRunner().invoke(main, ["describe", "--write", "--inputs", str(folder)])
    again = run_cli(folder, 2, "--data-only", outputs=tmp_path / "o2")
    assert again.exit_code == 0, again.output
    assert weeks_of(again) == expected
