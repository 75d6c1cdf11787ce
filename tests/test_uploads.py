"""Uploaded files into the inputs folder (``api.place_upload``): what a file is comes from its kind and
content, never from a path in its name; what it replaces is kept; two readings are refused, named."""

from __future__ import annotations

import io

import openpyxl
import pytest

from reporting import api
from reporting.errors import InputError

from .builders import make_inputs


def workbook(**sheets) -> bytes:
    book = openpyxl.Workbook()
    book.remove(book.active)
    for title, rows in sheets.items():
        sheet = book.create_sheet(title.replace("_", " "))
        for row in rows:
            sheet.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


@pytest.fixture
def folders(tmp_path):
    return make_inputs(tmp_path / "inputs"), tmp_path / "outputs"


@pytest.mark.parametrize(
    ("name", "data", "kind", "target"),
    [
        ("карта.xlsx", workbook(Лист1=[["№", "Мероприятие", "Ответственные", "Срок"]]), "roadmap", "roadmap.xlsx"),
        ("2 четверть.xlsx", workbook(Мониторинг=[["ФИО", "06.11"]]), "monitoring", "monitoring.xlsx"),
        ("list.xlsx", workbook(Организации=[["Организация", "Полное наименование"]]), "organizations",
         "organizations.xlsx"),
        ("ROADMAP.XLSX", workbook(Лист1=[["что угодно"]]), "roadmap", "roadmap.xlsx"),
        ("Дорожная карта (утв.).docx", b"PK", "roadmap_document", "roadmap.docx"),
        ("настройки.toml", b'[school_year]\nlabel = "2025/2026"\n', "school", "school.toml"),
        ("layout.toml", b"[[table]]\n", "layout", "layout.toml"),
    ],
)  # fmt: skip
def test_each_kind_lands_under_its_contract_name(folders, name, data, kind, target):
    inputs, outputs = folders
    placed = api.place_upload(inputs, outputs, name, data)
    assert (placed.kind, placed.name) == (kind, target)
    assert (inputs / target).read_bytes() == data


def test_the_replaced_file_is_kept_byte_for_byte_and_an_identical_one_is_not_copied(folders):
    inputs, outputs = folders
    old = (inputs / "school.toml").read_bytes()
    new = old + b"\n# changed\n"
    placed = api.place_upload(inputs, outputs, "school.toml", new)
    assert (outputs / placed.aside).read_bytes() == old and placed.aside.startswith("replaced-inputs/")
    again = api.place_upload(inputs, outputs, "school.toml", new)
    assert again.aside == "" and len(list((outputs / "replaced-inputs").rglob("*.toml"))) == 1


def test_a_table_in_the_other_format_replaces_the_first_so_two_formats_never_meet(folders):
    inputs, outputs = folders
    data = workbook(Мониторинг=[["ФИО", "06.11"]])
    (inputs / "monitoring.ods").write_bytes(b"an ods before")
    api.place_upload(inputs, outputs, "monitoring.xlsx", data)
    assert not (inputs / "monitoring.ods").exists()
    assert [p.read_bytes() for p in (outputs / "replaced-inputs").rglob("monitoring.ods")] == [b"an ods before"]


def test_a_table_that_fits_two_inputs_names_both_and_writes_nothing(folders):
    inputs, outputs = folders
    before = {p.name: p.read_bytes() for p in inputs.iterdir()}
    both = workbook(Сотрудники=[["ФИО", "Категория"]], Дорожная_карта=[["№", "Мероприятие"]])
    with pytest.raises(InputError) as caught:
        api.place_upload(inputs, outputs, "таблица.xlsx", both)
    problem = caught.value.problems[0]
    assert problem.kind == "unplaced_upload" and problem.value == "roadmap;monitoring"
    assert "«дорожная карта»" in problem.hint and "«мониторинг" in problem.hint
    assert {p.name: p.read_bytes() for p in inputs.iterdir()} == before
    placed = api.place_upload(inputs, outputs, "таблица.xlsx", both, kind="monitoring")  # the hint, followed
    assert (
        placed.name == "monitoring.xlsx" and api.check(inputs).problems
    )  # read as monitoring: its sheets say what is missing


def test_a_table_like_no_input_offers_every_table(folders):
    inputs, outputs = folders
    with pytest.raises(InputError) as caught:
        api.place_upload(inputs, outputs, "Книга1.xlsx", workbook(Лист1=[["a", "b"]]))
    assert caught.value.problems[0].value == "roadmap;monitoring;organizations;contingent"


@pytest.mark.parametrize(("name", "words"), [("monitoring.xlsb", "сохраните его как .xlsx"),
                                             ("macro.xlsm", "сохраните его как .xlsx"),
                                             ("photo.png", "не входят во входные данные"),
                                             ("report.pdf.sig", "«Подписи и архив»"),
                                             ("run.exe", "не входят во входные данные")])  # fmt: skip
def test_files_the_tool_does_not_read_are_refused_with_what_to_do(folders, name, words):
    inputs, outputs = folders
    with pytest.raises(InputError) as caught:
        api.place_upload(inputs, outputs, name, b"\xd0\xcf\x11\xe0" + b"\0" * 100)
    assert words in caught.value.problems[0].describe()


def test_a_damaged_workbook_is_refused_as_unreadable(folders):
    inputs, outputs = folders
    with pytest.raises(InputError) as caught:
        api.place_upload(inputs, outputs, "Книга1.xlsx", b"PK\x03\x04 not really")
    assert caught.value.problems[0].kind == "unreadable_file"


@pytest.mark.parametrize("name", ["../../etc/evil.json", "..\\..\\evil.json", "/abs/result.json", "..", ".hidden.json",
                                  "a/../../b.json", "ok.json\x00.xlsx"])  # fmt: skip
def test_a_chat_export_stays_inside_chats_whatever_its_name(folders, name):
    inputs, outputs = folders
    try:
        placed = api.place_upload(inputs, outputs, name, b'{"messages": []}', kind="chat")
    except InputError:
        return  # refused is fine; written elsewhere is not
    path = (inputs / placed.name).resolve()
    assert path.is_relative_to((inputs / "chats").resolve()) and path.is_file()
    assert not path.name.startswith(".")


def test_a_link_in_the_inputs_folder_is_replaced_never_written_through(folders, tmp_path):
    inputs, outputs = folders
    outside = tmp_path / "elsewhere.toml"
    outside.write_text("mine")
    (inputs / "school.toml").unlink()
    (inputs / "school.toml").symlink_to(outside)
    api.place_upload(inputs, outputs, "school.toml", b'[school_year]\nlabel = "x"\n')
    assert outside.read_text() == "mine" and not (inputs / "school.toml").is_symlink()
