"""Where the roster and its categories come from (issue 16): categories as section rows, and the
roster in the weekly sheet itself — each read with the base school's figures, hand-checked."""

from __future__ import annotations

from .builders import ROSTER, ROSTER_HEADERS, WEEKLY, WEEKS, make_inputs, wide_rows, write_xlsx
from .test_errors import assert_refused

# by hand (builders): 25.12 — teachers Иванова 10, Семёнова 10, Петров 10 (Орлова away, Зайцев gone); head 10
LAST_WEEK = {"teachers": ("2023-12-25", 3, 3), "administration": ("2023-12-25", 1, 1)}


def weeks_of(run) -> dict:
    return {i["category"]: [(w["week"], w["counted"], w["active"]) for w in i["weeks"]]
            for i in run.summary()["indicators"]}  # fmt: skip


def base(tmp_path, run_cli):
    run = run_cli(make_inputs(tmp_path / "base"), 2, "--data-only", outputs=tmp_path / "base-out")
    assert run.exit_code == 0, run.output
    assert {k: v[-1] for k, v in weeks_of(run).items()} == LAST_WEEK
    return weeks_of(run)


def sectioned(rows_with_category, headers, titles=("Педагогические работники", "Администрация")):
    """The roster without «Категория», teachers under one section row and the head under another."""
    at = headers.index("Категория")
    bare = [h for i, h in enumerate(headers) if i != at]
    teachers = [[v for i, v in enumerate(r) if i != at] for r in rows_with_category if r[at] != "АДМИНИСТРАЦИЯ"]
    heads = [[v for i, v in enumerate(r) if i != at] for r in rows_with_category if r[at] == "АДМИНИСТРАЦИЯ"]
    name = bare.index("ФИО")
    section = lambda text: [text if i == name else None for i in range(len(bare))]  # noqa: E731
    return [bare, section(titles[0]), *teachers, section(titles[1]), *heads]


def test_categories_as_section_rows(tmp_path, run_cli):
    expected = base(tmp_path, run_cli)
    folder = make_inputs(tmp_path / "in", roster=sectioned(ROSTER, ROSTER_HEADERS))
    run = run_cli(folder, 2, "--data-only")
    assert run.exit_code == 0, run.output
    assert weeks_of(run) == expected
    reading = (run.package / "reading.txt").read_text(encoding="utf-8")
    assert (
        "категории взяты из строк-разделов: «Педагогические работники» — строки 3–7; «Администрация» — строки 9"
        in reading
    )


def test_section_rows_as_people_number_and_punctuate_them(tmp_path, run_cli):
    expected = base(tmp_path, run_cli)
    for number, titles in enumerate([("1. Педагогические работники:", "2. Администрация:"),
                                     ("ПЕДАГОГИЧЕСКИЕ РАБОТНИКИ", "II) Административно-управленческий персонал")]):  # fmt: skip
        folder = make_inputs(tmp_path / f"in{number}", roster=sectioned(ROSTER, ROSTER_HEADERS, titles))
        run = run_cli(folder, 2, "--data-only", outputs=tmp_path / f"o{number}")
        assert run.exit_code == 0, run.output
        assert weeks_of(run) == expected


def test_no_category_and_no_sections_says_both_ways_and_a_section_row_fixes_it(tmp_path, run_cli):
    roster = sectioned(ROSTER, ROSTER_HEADERS)
    plain = [row for row in roster if row[0] not in ("Педагогические работники", "Администрация")]
    folder = make_inputs(tmp_path / "in", roster=plain)
    assert_refused(run_cli(folder, 2, "--data-only", outputs=tmp_path / "o1"), "не найден столбец «Категория»",
                   "строку-раздел «Педагогические работники» над их ФИО")  # fmt: skip
    folder = make_inputs(tmp_path / "in2", roster=roster)  # the hint, followed
    assert run_cli(folder, 2, "--data-only", outputs=tmp_path / "o2").exit_code == 0


def one_sheet(weekly_names=True):
    """«Мониторинг» alone: the roster's columns, then the weeks (no «Сотрудники»)."""
    headers = ["№ п/п", *ROSTER_HEADERS, *WEEKS]
    rows = [[None] * len(headers), headers]
    names = [w[0] for w in WEEKLY[:-1]] if weekly_names else [r[0] for r in ROSTER]
    for number, (person, counts, name) in enumerate(zip(ROSTER, WEEKLY, names, strict=False), start=1):
        rows.append([number, name, *person[1:], *counts[1:]])
    return rows


def test_the_roster_in_the_weekly_sheet_itself(tmp_path, run_cli):
    expected = base(tmp_path, run_cli)
    folder = make_inputs(tmp_path / "in")
    write_xlsx(folder / "monitoring.xlsx", {"Мониторинг": one_sheet()})
    run = run_cli(folder, 2, "--data-only")
    assert run.exit_code == 0, run.output
    assert weeks_of(run) == expected
    assert "листа «Сотрудники» нет: сотрудники и их категории взяты из этого же листа" in (
        run.package / "reading.txt").read_text(encoding="utf-8")  # fmt: skip


def test_one_sheet_with_section_rows(tmp_path, run_cli):
    expected = base(tmp_path, run_cli)
    rows = one_sheet()
    headers = rows[1]
    body = sectioned([r for r in rows[2:]], headers)
    folder = make_inputs(tmp_path / "in")
    write_xlsx(folder / "monitoring.xlsx", {"Мониторинг": [rows[0], *body]})
    run = run_cli(folder, 2, "--data-only")
    assert run.exit_code == 0, run.output
    assert weeks_of(run) == expected


def test_a_weekly_sheet_without_a_roster_or_categories_names_the_ways(tmp_path, run_cli):
    folder = make_inputs(tmp_path / "in")
    write_xlsx(folder / "monitoring.xlsx", {"Мониторинг": wide_rows()})
    assert_refused(run_cli(folder, 2, "--data-only", outputs=tmp_path / "o1"), "не найден столбец «Категория»",
                   "добавьте лист «Сотрудники»")  # fmt: skip
    write_xlsx(folder / "monitoring.xlsx", {"Сотрудники": [ROSTER_HEADERS, *ROSTER], "Мониторинг": wide_rows()})
    run = run_cli(folder, 2, "--data-only", outputs=tmp_path / "o2")  # the hint, followed
    assert run.exit_code == 0, run.output
    assert weeks_of(run) == base(tmp_path, run_cli)
