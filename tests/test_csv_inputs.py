"""CSV exports are read like .xlsx (issue 30, point 7): one table per file, its encoding, separator and
decimal mark sniffed and named in the reading report, a separator two readings fit refused with both
named — and the hint, followed, gives the hand-checked figures of the base school."""

from __future__ import annotations

import csv
import datetime as dt
import io

import pytest

from reporting.read.csv_book import CsvRefused, read_csv

from .builders import make_inputs
from .test_errors import assert_refused
from .test_layouts_roster import LAST_WEEK, base, one_sheet, weeks_of


def _cell(value, decimal: str = ",") -> str:
    value = getattr(value, "value", value) if type(value).__name__ == "Cached" else value  # a CSV keeps the value
    if value is None:
        return ""
    if isinstance(value, bool):
        return "ИСТИНА" if value else "ЛОЖЬ"  # as Russian Excel writes a checkbox's cell
    if isinstance(value, dt.date):
        return f"{value:%d.%m.%Y}"  # as Excel writes a date cell into a Russian CSV
    if isinstance(value, float):
        return f"{value:g}".replace(".", decimal)
    return str(value)


def as_csv(rows, separator: str = ";", encoding: str = "cp1251") -> bytes:
    out = io.StringIO(newline="")
    writer = csv.writer(out, delimiter=separator, lineterminator="\r\n")
    for row in rows:
        writer.writerow([_cell(v, "." if separator == "," else ",") for v in row])
    return out.getvalue().encode(encoding)


def csv_inputs(tmp_path, data: bytes, name: str = "in"):
    folder = make_inputs(tmp_path / name)
    (folder / "monitoring.xlsx").unlink()
    (folder / "monitoring.csv").write_bytes(data)
    return folder


@pytest.mark.parametrize(
    ("separator", "encoding", "said"),
    [
        (";", "cp1251", "кодировка Windows-1251, разделитель «;», десятичный знак — запятая"),  # Excel, Russian
        (",", "utf-8-sig", "кодировка UTF-8, разделитель «,», десятичный знак — точка"),  # «CSV UTF-8», Google
        ("\t", "utf-16", "кодировка UTF-16, разделитель табуляция"),  # Excel's «Текст Юникод»
    ],
)
def test_a_csv_export_of_the_one_sheet_gives_the_base_figures(tmp_path, run_cli, separator, encoding, said):
    expected = base(tmp_path, run_cli)  # hand-checked: its last week is LAST_WEEK
    folder = csv_inputs(tmp_path, as_csv(one_sheet(), separator, encoding))
    run = run_cli(folder, 2, "--data-only")
    assert run.exit_code == 0, run.output
    assert weeks_of(run) == expected and {k: v[-1] for k, v in weeks_of(run).items()} == LAST_WEEK
    reading = (run.package / "reading.txt").read_text(encoding="utf-8")
    assert said in reading and "прочитан как лист «Мониторинг»" in reading
    assert "листа «Сотрудники» нет: сотрудники и их категории взяты из этого же листа" in reading
    assert (run.package / "inputs" / "monitoring.csv").read_bytes() == (folder / "monitoring.csv").read_bytes()


def test_a_separator_two_readings_fit_is_refused_and_the_hint_followed_gives_the_figures(tmp_path, run_cli):
    expected = base(tmp_path, run_cli)
    # every line splits into two fields by «;» and into two by «,» alike: no reading is the safer one
    ambiguous = "ФИО, категория;Примечание\r\nИванова, учитель;x\r\n".encode()
    with pytest.raises(CsvRefused) as refused:
        read_csv(ambiguous)
    assert "«;» и «,» делят каждую строку на 2 столбца одинаково" in refused.value.message
    folder = csv_inputs(tmp_path, ambiguous, "ambiguous")
    assert_refused(
        run_cli(folder, 2, "--data-only", outputs=tmp_path / "o1"), "разделитель столбцов в CSV не определить"
    )
    # the hint: save it with «;», which the cells do not hold — the base sheet, as Excel saves it
    (folder / "monitoring.csv").write_bytes(as_csv(one_sheet(), ";"))
    run = run_cli(folder, 2, "--data-only", outputs=tmp_path / "o2")
    assert run.exit_code == 0, run.output
    assert weeks_of(run) == expected


def test_what_is_not_a_csv_is_refused_where_it_is(tmp_path, run_cli):
    folder = csv_inputs(tmp_path, b"\x7fELF\x02\x01\x00\x00binary\x00junk")
    run = run_cli(folder, 2, "--data-only")
    assert_refused(run, "monitoring.csv: это не текстовая таблица CSV")
    assert "Сохраните таблицу как .xlsx" in run.output


def test_a_csv_beside_the_same_xlsx_is_two_formats_of_one_table(tmp_path, run_cli):
    folder = make_inputs(tmp_path / "in")
    (folder / "monitoring.csv").write_bytes(as_csv(one_sheet()))
    run = run_cli(folder, 2, "--data-only")
    assert run.exit_code == 2 and "monitoring.xlsx и monitoring.csv" in run.output


def test_cells_read_as_an_xlsx_gives_them():
    reading = read_csv("Таб. №;ФИО;Сообщений;Доля\r\n007;Иванова;1 234;12,5\r\n8;Петров;=1+2;75 %\r\n".encode())
    assert reading.rows == [
        ["Таб. №", "ФИО", "Сообщений", "Доля"],
        ["007", "Иванова", 1234.0, 12.5],  # zeros kept as text; a thousands' space; a decimal comma
        [8.0, "Петров", "=1+2", "75 %"],  # a formula's text is text, never a formula
    ]
    assert (reading.separator, reading.decimal, reading.encoding) == (";", ",", "UTF-8")
    # a checkbox's cell as Russian and English Excel save it: a logical value, as an .xlsx gives it
    assert read_csv("A;B;C;D\r\nИСТИНА;ЛОЖЬ;TRUE;false\r\n".encode()).rows[1] == [True, False, True, False]


def test_the_page_places_a_csv_table_and_a_chats_member_list_each_where_it_belongs(tmp_path):
    """An upload «Мониторинг 2 четверть.csv» is the monitoring table (by its columns); VK's output.csv,
    whose first row names «id» and «ФИО» too, stays a chat's member list."""
    from reporting.api import place_upload

    inputs = make_inputs(tmp_path / "in")
    (inputs / "monitoring.xlsx").unlink()
    placed = place_upload(inputs, tmp_path / "out", "Мониторинг 2 четверть.csv", as_csv(one_sheet()))
    assert (placed.kind, placed.name) == ("monitoring", "monitoring.csv")
    members = "id,ФИО,Учебные заведения,Роли\r\n501,Аникина Ольга,МАОУ «СОШ № 24»,Преподаватель\r\n".encode()
    assert place_upload(inputs, tmp_path / "out", "output.csv", members).kind == "chat"
