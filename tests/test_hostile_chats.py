"""Issue 33: chat exports, member lists and settings files that used to steer the terminal, break
verify, count one person's messages for another or end in «Внутренняя ошибка программы» — each is
now data or a located refusal, and each refusal's hint, followed literally, gives the base figures."""

from __future__ import annotations

import os
import sys

import pytest
from click.testing import CliRunner

from reporting import check
from reporting.cli import main

from . import chats_kit as kit
from .test_chats import school

BASE = {  # test_chats.test_counts_from_three_platforms, worked out by hand there
    "Иванова Анна Петровна": [12, 9],
    "Семёнова Юлия Игоревна": [10, 15],
    "Петров Илья Сергеевич": [10, 2],
    "Гайдуков Андрей Николаевич": [10, 10],
}


def counts(inputs) -> dict[str, list[int]]:
    report = check(inputs)
    assert report.valid, [p.describe() for p in report.problems]
    monitoring = report.model.monitoring
    return {p.name: [int(n) for n in monitoring.counts[i]] for i, p in enumerate(monitoring.people)}


def refused(inputs) -> str:
    result = CliRunner().invoke(main, ["check", "--inputs", str(inputs)])
    assert result.exit_code == 2, result.output
    assert "Внутренняя ошибка" not in result.output
    return result.output


ESCAPES = "\x1b]0;ВЗЛОМ\x07\x1b[2J\x1b[31m Злодей\u202e Тёмный\x9b1m"


def test_a_writers_name_cannot_steer_the_terminal_or_the_reading_report(tmp_path, monkeypatch):
    import datetime as dt

    import reporting.pipeline

    inputs = school(tmp_path / "inputs")
    messages = [kit.max_message(f"mid.8.{i}", 888, ESCAPES, kit.at("14.11.2023", 10, i)) for i in range(3)]
    kit.write_max_page(inputs / "chats" / "hostile.json", messages)
    result = CliRunner().invoke(main, ["check", "--inputs", str(inputs)])
    assert result.exit_code == 0, result.output
    assert "\x1b" not in result.output and "\x9b" not in result.output and "\u202e" not in result.output
    assert "ВЗЛОМ" not in result.output  # the window title's sequence goes whole, not just its ESC
    assert "(MAX 888, сообщений 3" in result.output
    monkeypatch.setattr(reporting.pipeline, "today", lambda: dt.date(2023, 11, 27))
    outputs = tmp_path / "out"
    args = ["--quarter", "2", "--inputs", str(inputs), "--outputs", str(outputs), "-q", "--interim", "--data-only"]
    assert CliRunner().invoke(main, args).exit_code == 0
    package = outputs / "2023-2024" / "Q2"
    texts = [p for p in package.rglob("*") if p.suffix in (".txt", ".json")]  # the others are compressed
    assert len(texts) >= 4  # reading.txt, summary.json, manifest.json, the extracts
    for path in texts:
        assert "\x1b" not in path.read_text(encoding="utf-8"), path
    from openpyxl import load_workbook

    book = load_workbook(package / "data.xlsx", read_only=True)
    cells = [str(v) for sheet in book for row in sheet.iter_rows(values_only=True) for v in row if v]
    assert not any("\x1b" in v or "ВЗЛОМ" in v for v in cells)
    reading = (package / "reading.txt").read_text(encoding="utf-8")
    assert "Злодей Тёмный" in reading or "Злодей  Тёмный" not in reading  # one name, its letters kept
    assert counts(inputs) == BASE  # a stranger's name changes no figure


def test_half_an_emoji_in_a_name_is_a_replacement_character(tmp_path):
    inputs = school(tmp_path / "inputs")
    seconds = kit.at("14.11.2023") * 1000
    (inputs / "chats" / "emoji.json").write_text(
        '{"messages": [{"sender": {"user_id": 77, "name": "\\ud83d Иван", "is_bot": false}, "timestamp": '
        + str(seconds)
        + ', "body": {"mid": "mid.9.1", "text": "x"}}]}',
        encoding="utf-8",
    )
    report = check(inputs)
    assert report.valid
    assert any("\ufffd Иван (MAX 77" in n.describe() for n in report.reading)


def test_message_ids_with_line_separators_verify_and_stay_distinct(tmp_path, monkeypatch):
    """Each separator splits a line somewhere (splitlines breaks at U+2028, CR and NEL): the archived
    extract was «damaged» for ever. Four ids that differ only by them are four messages."""
    import datetime as dt

    import reporting.pipeline

    monkeypatch.setattr(reporting.pipeline, "today", lambda: dt.date(2024, 1, 10))
    inputs = school(tmp_path / "inputs")
    ids = ["mid\u2028x", "mid\rx", "mid\x85x", "mid x", "mid\\u2028x"]
    messages = [kit.max_message("mid.0.0", 404, "Андрей Гайдуков", kit.at("28.11.2023", 10, 0))]
    for i, key in enumerate(ids):
        message = kit.max_message(f"mid.0.{i + 1}", 404, "Андрей Гайдуков", kit.at("28.11.2023", 10, i + 1))
        message["body"]["mid"] = key
        messages.append(message)
    kit.write_max_page(inputs / "chats" / "separators.json", messages)
    found = counts(inputs)
    assert found["Гайдуков Андрей Николаевич"] == [10, 10, 6]  # 1 + 5 distinct ids in the week of 27.11
    outputs = tmp_path / "out"
    args = ["--quarter", "2", "--inputs", str(inputs), "--outputs", str(outputs), "-q", "--data-only", "--interim"]
    built = CliRunner().invoke(main, args)
    assert built.exit_code == 0, built.output
    verified = CliRunner().invoke(main, ["verify", str(outputs / "2023-2024" / "Q2")])
    assert verified.exit_code == 0, verified.output


def test_one_id_two_names_in_a_member_list_is_located_and_the_hint_gives_the_base_figures(tmp_path):
    inputs = school(tmp_path / "inputs")
    members = inputs / "chats" / "sferum_dump" / "output.csv"
    original = members.read_text(encoding="utf-8")
    members.write_text(original + "202,Другая Фамилия,МАОУ «СОШ № 24»,Ученик\n", encoding="utf-8")
    said = refused(inputs)
    assert "output.csv: строка 4: у id 202 два разных ФИО: «Семёнова Юлия» (строка 2) и «Другая Фамилия»" in said
    assert "Оставьте в списке одну строку с id 202" in said
    members.write_text(original, encoding="utf-8")  # the hint: one row for id 202, the right name
    assert counts(inputs) == BASE


def test_the_same_name_twice_is_no_problem(tmp_path):
    inputs = school(tmp_path / "inputs")
    members = inputs / "chats" / "sferum_dump" / "output.csv"
    members.write_text(members.read_text(encoding="utf-8") + "202,Семёнова  Юлия,x,y\n", encoding="utf-8")
    assert counts(inputs) == BASE


def test_deeply_nested_json_is_a_located_refusal(tmp_path):
    inputs = school(tmp_path / "inputs")
    (inputs / "chats" / "deep.json").write_text('{"messages": [' + "[" * 100_000 + "]" * 100_000 + "]}")
    said = refused(inputs)
    assert "chats/deep.json: сообщение 1: структура вложена слишком глубоко" in said
    (inputs / "chats" / "deep.json").unlink()  # the general hint: only the exports the tool reads
    assert counts(inputs) == BASE


def test_a_windows_1251_result_json_says_so_and_saved_as_utf8_it_counts(tmp_path):
    inputs = school(tmp_path / "inputs")
    export = inputs / "chats" / "telegram" / "result.json"
    text = export.read_text(encoding="utf-8")
    export.write_bytes(text.encode("cp1251"))
    said = refused(inputs)
    assert "chats/telegram/result.json: файл в кодировке Windows-1251" in said
    assert "кодировка «UTF-8», сохраните под тем же именем" in said
    export.write_bytes(export.read_bytes().decode("cp1251").encode("utf-8"))  # Notepad: «Сохранить как», UTF-8
    assert counts(inputs) == BASE


@pytest.mark.skipif(sys.platform in ("win32", "darwin"), reason="names there are always Unicode")
def test_a_folder_name_not_in_utf8_is_refused_once_and_renamed_it_counts(tmp_path):
    inputs = school(tmp_path / "inputs")
    bad = os.path.join(os.fsencode(inputs / "chats"), "Педсовет".encode("cp866"))
    os.rename(inputs / "chats" / "telegram", bad)
    said = refused(inputs)
    assert said.count("имя файла или папки не в кодировке UTF-8") == 1
    os.rename(bad, inputs / "chats" / "Педсовет")  # the hint: renamed in Russian
    assert counts(inputs) == BASE


def test_an_html_page_that_is_no_telegram_export_is_refused_and_beside_json_passed_over(tmp_path):
    inputs = school(tmp_path / "inputs")
    telegram = inputs / "chats" / "telegram"
    result = telegram / "result.json"
    kept = result.read_bytes()
    result.unlink()
    (telegram / "messages.html").write_text(f"<html><body>{kit.SECRET}</body></html>", encoding="utf-8")
    (telegram / "messages2.html").write_text("<html></html>", encoding="utf-8")
    said = refused(inputs)
    assert "chats/telegram/messages.html: в HTML нет ни одного сообщения Telegram" in said
    assert kit.SECRET not in said
    result.write_bytes(kept)  # the same chat as JSON beside it: the HTML is passed over, said so
    assert counts(inputs) == BASE


def test_a_layout_toml_that_is_a_folder_is_refused_and_removed_all_reads(tmp_path):
    inputs = school(tmp_path / "inputs")
    (inputs / "layout.toml").mkdir()
    said = refused(inputs)
    assert "layout.toml: под этим именем — папка, а не файл" in said
    (inputs / "layout.toml").rmdir()  # «уберите layout.toml из папки»
    assert counts(inputs) == BASE


@pytest.mark.parametrize("name", ["layout.toml", "school.toml"])
def test_deeply_nested_toml_is_located_by_its_line(tmp_path, name):
    inputs = school(tmp_path / "inputs")
    target = inputs / name
    before = target.read_text(encoding="utf-8") if target.exists() else ""
    target.write_text(before + "\nx = " + "[" * 5000 + "]" * 5000 + "\n", encoding="utf-8")
    said = refused(inputs)
    assert f"{name}, строка " in said and "структура вложена слишком глубоко" in said
    if name == "layout.toml":  # the hint: delete it and let describe --write write it again
        target.unlink()
        assert CliRunner().invoke(main, ["describe", "--inputs", str(inputs), "--write", "-q"]).exit_code == 0
        assert target.is_file()
        assert counts(inputs) == BASE


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="FIFOs: POSIX")
def test_a_fifo_under_an_inputs_name_is_refused_by_name_not_waited_on(tmp_path):
    inputs = school(tmp_path / "inputs")
    os.unlink(inputs / "school.toml")
    os.mkfifo(inputs / "school.toml")  # nobody ever writes into it: a read would wait for ever
    said = refused(inputs)
    assert "school.toml: под этим именем — именованный канал (FIFO)" in said


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="FIFOs: POSIX")
def test_a_fifo_among_the_chat_exports_is_refused_by_name(tmp_path):
    inputs = school(tmp_path / "inputs")
    os.mkfifo(inputs / "chats" / "page.json")
    said = refused(inputs)
    assert "chats/page.json" in said and "именованный канал (FIFO)" in said


def test_the_boundary_keeps_clean_text_as_it_is_and_ids_apart():
    from reporting.read.text import canonical_id, name_text

    for name in ("Иванова Анна Петровна", "Петров-Водкин Илья", "O'Neil Ann", "Анна 🌸"):
        assert name_text(name) == name
    assert len(name_text("Я" * 1_000_000)) == 200 and name_text("Я" * 1_000_000).endswith("…")
    ids = ["mid.1", "mid\u2028x", "mid\rx", "mid\x85x", "mid x", "mid\\u2028x", "mid\tx", "mid\nx"]
    canonical = [canonical_id(i) for i in ids]
    assert len(set(canonical)) == len(ids)  # never two ids made one
    assert all(c.isprintable() and "\t" not in c for c in canonical)
    assert [canonical_id(c) for c in canonical[:1]] == canonical[:1]  # a clean id as it is
