"""Every defective input gets a located message, exit code 2 and nothing written."""

from __future__ import annotations

import io
import zipfile

import pytest

from .builders import (
    ROADMAP_HEADERS,
    ROADMAP_ROWS,
    ROSTER,
    ROSTER_HEADERS,
    SCHOOL_TOML,
    WEEKLY,
    WEEKS,
    Formula,
    long_rows,
    make_inputs,
    wide_rows,
    write_xlsx,
)


def assert_refused(run, *fragments: str) -> None:
    assert run.exit_code == 2, run.output
    assert "Traceback" not in run.output
    assert "Пакет не записан" in run.output
    for fragment in fragments:
        assert fragment in run.output, f"{fragment!r} not in:\n{run.output}"
    assert not run.outputs.exists() or not any(run.outputs.rglob("*"))


def with_weekly(tmp_path, rows):
    return make_inputs(tmp_path / "in", weekly=rows)


def replace_cell(weekly, name_prefix, week_index, value):
    rows = [list(r) for r in weekly]
    for row in rows:
        if str(row[0]).startswith(name_prefix):
            row[1 + week_index] = value
    return rows


def test_missing_file(inputs, run_cli):
    (inputs / "monitoring.xlsx").unlink()
    assert_refused(run_cli(inputs), "monitoring.xlsx", "файл не найден")


def test_missing_sheet(tmp_path, run_cli):
    folder = make_inputs(tmp_path / "in")
    write_xlsx(folder / "monitoring.xlsx", {"Сотрудники": [ROSTER_HEADERS, *ROSTER], "Лист1": [["x"]]})
    assert_refused(run_cli(folder), "monitoring.xlsx", "нет листа «Мониторинг»", "«Лист1»")


def test_missing_required_column(tmp_path, run_cli):
    roster = [[h for h in ROSTER_HEADERS if h != "Категория"]] + [
        [c for i, c in enumerate(r) if i != 2] for r in ROSTER
    ]
    assert_refused(run_cli(make_inputs(tmp_path / "in", roster=roster)), "лист «Сотрудники»", "«Категория»", "строка 1")


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600, "файл Excel 97–2003 (.xls) повреждён"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 100 + "EncryptedPackage".encode("utf-16-le"), "защищён паролем"),
        ("ФИО;Категория\n".encode(), "это не файл Excel"),
        (b"PK\x03\x04" + b"\0" * 40, "файл повреждён"),
    ],
    ids=["xls", "password", "csv", "truncated"],
)
def test_unreadable_workbook(inputs, run_cli, content, message):
    (inputs / "monitoring.xlsx").write_bytes(content)
    assert_refused(run_cli(inputs), "monitoring.xlsx", message)


@pytest.mark.parametrize(
    ("value", "message"),
    [(-3, "не может быть отрицательным"), (2.5, "должно быть целым"), ("много", "ожидается целое число")],
)
def test_bad_counts(tmp_path, run_cli, value, message):
    weekly = wide_rows(weekly=replace_cell(WEEKLY, "Петров", 2, value))
    # Title rows 1-2, header row 3, Петров is the third person: row 6; the week column is D.
    assert_refused(
        run_cli(with_weekly(tmp_path, weekly)), "лист «Мониторинг»", "строка 6", "13.11.2023–19.11.2023", message
    )


def test_unknown_person_suggests_close_names(tmp_path, run_cli):
    rows = [list(r) for r in WEEKLY]
    rows[2][0] = "Петрова Илья"
    assert_refused(
        run_cli(with_weekly(tmp_path, wide_rows(weekly=rows))),
        "строка 6", "столбец «ФИО»", "сотрудника нет в листе «Сотрудники»", "Петров Илья",
    )  # fmt: skip


def test_duplicate_person_week(tmp_path, run_cli):
    rows = long_rows()
    rows.append(["06.11.2023", "Иванова Анна Петровна", 5])
    assert_refused(run_cli(with_weekly(tmp_path, rows)), "повтор", f"строка {len(rows)}", "уже есть в строке")


def test_unknown_category(tmp_path, run_cli):
    roster = [ROSTER_HEADERS, *ROSTER]
    roster[3] = [roster[3][0], roster[3][1], "охранник", *roster[3][3:]]
    assert_refused(
        run_cli(make_inputs(tmp_path / "in", roster=roster)),
        "лист «Сотрудники»",
        "строка 4",
        "столбец «Категория»",
        "охранник",
        "неизвестная категория",
    )


def test_malformed_dates(tmp_path, run_cli):
    roster = [ROSTER_HEADERS, *ROSTER]
    roster[1] = [*roster[1][:4], "31.02.2023", *roster[1][5:]]
    weeks = list(WEEKS)
    weeks[4] = "32.11.2023"
    folder = make_inputs(tmp_path / "in", roster=roster, weekly=wide_rows(weeks=weeks))
    assert_refused(run_cli(folder), "строка 2, столбец «Дата приёма»", "такой даты нет", "столбец «32.11.2023»")


def test_week_outside_the_school_year(tmp_path, run_cli):
    weeks = list(WEEKS)
    weeks[4] = "02.09.2024"
    assert_refused(
        run_cli(make_inputs(tmp_path / "in", weekly=wide_rows(weeks=weeks))),
        "неделя вне 2023/2024 учебного года",
        "02.09.2024",
    )


def test_range_that_is_not_one_week(tmp_path, run_cli):
    weeks = list(WEEKS)
    weeks[4] = "27.11.2023–10.12.2023"
    assert_refused(
        run_cli(make_inputs(tmp_path / "in", weekly=wide_rows(weeks=weeks))), "не укладывается в одну неделю"
    )


@pytest.mark.parametrize(
    ("quarters", "message"),
    [
        (
            '[["2023-09-01","2023-10-27"],["2023-10-20","2023-12-29"],["2024-01-09","2024-03-22"],["2024-04-01","2024-05-24"]]',
            "перекрываются",
        ),
        (
            '[["2023-09-01","2023-10-27"],["2023-12-29","2023-11-07"],["2024-01-09","2024-03-22"],["2024-04-01","2024-05-24"]]',
            "кончается раньше",
        ),
        ('[["2023-09-01","2023-10-27"]]', "ровно 4 четверти"),
    ],
)
def test_bad_calendar(tmp_path, run_cli, quarters, message):
    start = SCHOOL_TOML.index("quarters = [")
    school = SCHOOL_TOML[:start] + f"quarters = {quarters}\n"
    assert_refused(run_cli(make_inputs(tmp_path / "in", school=school)), "school.toml", "school_year.quarters", message)


def test_unreadable_deadline_lists_accepted_forms(tmp_path, run_cli):
    rows = [list(r) for r in ROADMAP_ROWS]
    rows[2][3] = "когда-нибудь"
    folder = make_inputs(tmp_path / "in", roadmap={"Дорожная карта": [ROADMAP_HEADERS, *rows]})
    assert_refused(
        run_cli(folder),
        "roadmap.xlsx",
        "строка 4",
        "столбец «Срок»",
        "когда-нибудь",
        "Сентябрь 2023 – май 2024",
        "ежеквартально",
    )


def test_formula_without_cached_value(tmp_path, run_cli):
    rows = replace_cell(WEEKLY, "Петров", 2, Formula("=10+1"))
    assert_refused(
        run_cli(with_weekly(tmp_path, wide_rows(weekly=rows))),
        "формула без вычисленного значения",
        "строка 6",
        "13.11.2023–19.11.2023",
    )


def _add_entry(path, name, data, compress=zipfile.ZIP_DEFLATED):
    buffer = io.BytesIO(path.read_bytes())
    with zipfile.ZipFile(buffer, "a", compress) as archive:
        archive.writestr(name, data)
    path.write_bytes(buffer.getvalue())


def test_zip_bomb_is_refused_before_parsing(inputs, run_cli):
    _add_entry(inputs / "monitoring.xlsx", "xl/media/padding.bin", b"\0" * (40 * 1024**2))
    assert_refused(run_cli(inputs), "monitoring.xlsx", "сжата подозрительно сильно")


def test_xml_entities_are_refused(inputs, run_cli):
    bomb = '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;">]><x>&lol2;</x>'
    _add_entry(inputs / "roadmap.xlsx", "customXml/item9.xml", bomb)
    assert_refused(run_cli(inputs), "roadmap.xlsx", "содержит DTD")


def test_all_problems_are_reported_together(tmp_path, run_cli):
    rows = replace_cell(WEEKLY, "Петров", 2, -1)
    rows = replace_cell(rows, "Зайцев", 0, 1.5)
    roadmap_rows = [list(r) for r in ROADMAP_ROWS]
    roadmap_rows[0][5] = "почти готово"
    folder = make_inputs(
        tmp_path / "in", weekly=wide_rows(weekly=rows), roadmap={"Дорожная карта": [ROADMAP_HEADERS, *roadmap_rows]}
    )
    run = run_cli(folder)
    assert_refused(run, "проблем: 3", "неизвестный статус", "отрицательным", "целым")


def test_debug_shows_the_traceback(inputs, run_cli):
    (inputs / "monitoring.xlsx").write_bytes(b"not a workbook")
    run = run_cli(inputs, 2, "--debug")
    assert run.exit_code == 2
    assert "Traceback" in run.output


def test_quarter_out_of_range_is_refused(inputs, run_cli):
    run = run_cli(inputs, 5)
    assert run.exit_code == 2
    assert "в учебном году школы 4 четверти, а указан 5-й" in run.output and "от 1 до 4" in run.output
    assert run_cli(inputs, 7).exit_code == 2  # beyond any school's year: refused by the option itself


def test_dates_typed_as_text_are_accepted(tmp_path, run_cli):
    roster = [ROSTER_HEADERS, *ROSTER]
    roster[3] = [*roster[3][:4], "08.11.2023", *roster[3][5:]]
    run = run_cli(make_inputs(tmp_path / "in", roster=roster), 2, "--data-only")
    assert run.exit_code == 0, run.output
    assert run.summary()["indicators"][0]["weeks"][0]["counted"] == 4


def test_year_label_never_becomes_a_path_outside_the_archive(tmp_path, run_cli):
    school = SCHOOL_TOML.replace('label = "2023/2024"', 'label = "../../etc"')
    assert_refused(
        run_cli(make_inputs(tmp_path / "in", school=school)), "school.toml", "school_year.label", "2023/2024"
    )


def test_repeated_problems_are_grouped_with_their_rows(tmp_path, run_cli):
    rows = [list(r) for r in WEEKLY]
    for row in rows[:5]:
        row[2] = "много"  # the same mistake in five rows of one column
    rows[0][4] = -3  # the week of 22.11.2023 (a date cell in the header)
    folder = make_inputs(tmp_path / "in", weekly=wide_rows(weekly=rows))
    run = run_cli(folder, 2)
    assert_refused(
        run,
        "проблем: 6",
        "лист «Мониторинг», строки 4–8, столбец «06.11.2023»: ожидается целое число сообщений, а в ячейке текст — 5 раз (например: «много»)",
        "строка 4, столбец «22.11.2023»: число сообщений не может быть отрицательным (значение: «-3»)",
        "--all-problems",
    )
    assert len([line for line in run.output.splitlines() if line.startswith("  • ")]) == 2
    every = run_cli(folder, 2, "--all-problems")
    assert every.exit_code == 2
    assert len([line for line in every.output.splitlines() if line.startswith("  • ")]) == 6


def test_a_refused_roster_row_is_not_reported_again_in_the_weekly_sheet(tmp_path, run_cli):
    roster = [ROSTER_HEADERS, *[list(r) for r in ROSTER]]
    roster[2][2] = "охранник"  # Семёнова Юлия: unknown category
    run = run_cli(make_inputs(tmp_path / "in", roster=roster), 2)
    assert_refused(run, "проблем: 1", "лист «Сотрудники», строка 3, столбец «Категория»")
    assert "нет в листе «Сотрудники»" not in run.output and "Похожие" not in run.output


def test_a_block_of_week_headers_from_another_year_is_one_line(tmp_path, run_cli):
    weeks = ["23.10.2024", "06.11.2024", "11.11-17.11.2024", "18.11.2024", "25.11.2024", "23.12.2024"]
    run = run_cli(make_inputs(tmp_path / "in", weekly=wide_rows(weeks=weeks)), 2)
    assert_refused(
        run, "проблем: 6", "строка 3, столбцы «23.10.2024», «06.11.2024»", "неделя вне 2023/2024", "6 столбцов"
    )
    assert len([line for line in run.output.splitlines() if line.startswith("  • ")]) == 1


def test_a_workbook_saved_under_the_csv_extension_says_to_rename_it(inputs, run_cli, tmp_path):
    """A CSV is read (issue 30); an .xlsx renamed to .csv is not one, and the hint, followed, gives the
    figures the workbook gives under its own name."""
    before = run_cli(inputs, 2, "--data-only", outputs=tmp_path / "before")
    assert before.exit_code == 0, before.output
    (inputs / "monitoring.xlsx").rename(inputs / "monitoring.csv")
    assert_refused(run_cli(inputs, 2, "--data-only", outputs=tmp_path / "refused"),
                   "monitoring.csv: это не CSV, а книга Excel или LibreOffice", "Переименуйте файл: monitoring.xlsx")  # fmt: skip
    (inputs / "monitoring.csv").rename(inputs / "monitoring.xlsx")  # the hint, literally
    after = run_cli(inputs, 2, "--data-only", outputs=tmp_path / "after")
    assert after.exit_code == 0, after.output
    assert after.summary()["indicators"] == before.summary()["indicators"]
    assert after.summary()["indicators"][0]["weeks"]  # figures, not an empty list compared with another
