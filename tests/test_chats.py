"""inputs/chats/: weekly counts straight from MAX, VK/Сферум and Telegram exports, against counts
worked out by hand from the messages written below."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from openpyxl import load_workbook

from reporting import check
from reporting.cli import main

from . import chats_kit as kit
from .builders import ROADMAP_HEADERS, ROADMAP_ROWS, SCHOOL_TOML, write_xlsx

ROSTER = [
    ["ФИО", "Категория", "MAX ID", "ID пользователя"],
    ["Иванова Анна Петровна", "педагогический работник", 101, None],
    ["Семёнова Юлия Игоревна", "педагогический работник", None, None],  # VK: by the member list's name
    ["Петров Илья Сергеевич", "педагогический работник", None, None],  # Telegram: «Илья Петров»
    ["Гайдуков Андрей Николаевич", "администрация", None, 404],
]


def school(folder: Path, extra_toml: str = "", weekly: list[list] | None = None) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "school.toml").write_text(SCHOOL_TOML + extra_toml, encoding="utf-8")
    write_xlsx(folder / "roadmap.xlsx", {"Дорожная карта": [ROADMAP_HEADERS, *ROADMAP_ROWS]})
    sheets = {"Сотрудники": ROSTER}
    if weekly:
        sheets["Мониторинг"] = weekly
    write_xlsx(folder / "monitoring.xlsx", sheets)
    chats = folder / "chats"
    # MAX, chat 5001, saved by collect with its window (13.11–26.11.2023)
    messages = [kit.max_message(f"mid.1.{i}", 101, "Анна Иванова", kit.at("14.11.2023", 10, i), text=kit.SECRET)
                for i in range(12)]  # fmt: skip
    messages += [kit.max_message(f"mid.2.{i}", 101, "Анна Иванова", kit.at("21.11.2023", 9, i)) for i in range(9)]
    messages += [kit.max_message(f"mid.3.{i}", 101, "Анна Иванова", kit.at("15.11.2023"), text="") for i in range(2)]
    messages += [kit.max_message(f"mid.4.{i}", 404, "Андрей Гайдуков", kit.at("16.11.2023", 12, i)) for i in range(10)]
    # Monday 20.11, 01:00 in Moscow is still Sunday in UTC: it is the week of 20.11
    messages += [kit.max_message("mid.5.0", 404, "Андрей Гайдуков", kit.at("20.11.2023", 1, 0))]
    messages += [kit.max_message(f"mid.5.{i}", 404, "Андрей Гайдуков", kit.at("22.11.2023", 12, i)) for i in range(1, 10)]
    messages += [kit.max_message(f"mid.6.{i}", 999, "Бот Школы", kit.at("14.11.2023"), bot=True) for i in range(5)]
    window = (kit.at("13.11.2023", 0, 0), kit.at("26.11.2023", 23, 59))
    kit.write_max_page(chats / "max" / "5001" / "page-0001.json", messages[:20], window=window)
    kit.write_max_page(chats / "max" / "5001" / "page-0002.json", messages[20:], window=window)
    # the same messages fetched again into another file: counted once
    kit.write_max_page(chats / "max" / "5001-copy.json", messages[:3])
    # VK/Сферум, chat 2000000001, with its member list
    vk = [(kit.at("14.11.2023", 11, i), 202, "Здравствуйте") for i in range(10)]
    vk += [(kit.at("23.11.2023", 11, i), 202, "Спасибо") for i in range(15)]
    vk += [(kit.at("23.11.2023", 12, 0), 202, "")]  # a joined-the-chat line: no text, no attachment
    vk += [(kit.at("14.11.2023", 13, i), -55, "Новости школы") for i in range(3)]
    vk += [(kit.at("15.11.2023", 13, i), 303, "Привет") for i in range(4)]
    kit.write_vk_dump(chats / "sferum_dump", 2000000001, vk, {202: "Семёнова Юлия", 303: "Неизвестный Человек"})
    # Telegram, chat 777
    tg = [kit.telegram_message(i, kit.at("15.11.2023", 15, i), "Илья Петров", "user3030") for i in range(10)]
    tg += [kit.telegram_message(20 + i, kit.at("24.11.2023", 15, i), "Илья Петров", "user3030") for i in range(2)]
    tg += [kit.telegram_service(30, kit.at("24.11.2023", 16), "Илья Петров", "user3030", "pin_message")]
    tg += [kit.telegram_service(31, kit.at("24.11.2023", 17), "Илья Петров", "user3030", "phone_call")]
    kit.write_telegram(chats / "telegram" / "result.json", tg)
    return folder


def test_counts_from_three_platforms(tmp_path):
    report = check(school(tmp_path / "inputs"))
    assert report.valid, [p.describe() for p in report.problems]
    monitoring = report.model.monitoring
    weeks = [f"{w:%d.%m}" for w in monitoring.weeks]
    assert weeks == ["13.11", "20.11"]
    by_name = {p.name: list(monitoring.counts[i]) for i, p in enumerate(monitoring.people)}
    assert by_name == {
        "Иванова Анна Петровна": [12, 9],  # 12 + 9; the 2 empty ones not; the copied page once
        "Семёнова Юлия Игоревна": [10, 15],  # the empty join line not
        "Петров Илья Сергеевич": [10, 2],  # the pin and the call are not messages
        "Гайдуков Андрей Николаевич": [10, 10],  # Monday 01:00 MSK in the week of 20.11
    }
    assert list(monitoring.calls[2]) == [0, 1]  # Telegram shows the call


def test_the_indicator_from_chats(tmp_path):
    """Week of 20.11: teachers with at least 10 messages — Семёнова only: 1 of 3; the head: 1 of 1."""
    result = CliRunner().invoke(main, ["check", "--inputs", str(school(tmp_path / "inputs"))])
    assert result.exit_code == 0, result.output
    assert "1 из 3" in result.output and "1 из 1" in result.output


def test_the_reading_report_says_what_was_left_out(tmp_path):
    report = check(school(tmp_path / "inputs"))
    text = "\n".join(n.describe() for n in report.reading)
    assert "не засчитано ботов — 5" in text
    assert "не засчитано сообществ и каналов — 3" in text
    assert "не засчитано повторов (то же сообщение в другой выгрузке) — 3" in text
    assert "не засчитано служебных (вход, закрепление) — 1" in text
    assert "Неизвестный Человек (Сферум/VK Мессенджер 303, сообщений 4: нет в списке сотрудников)" in text
    assert "тексты сообщений в пакет не попадают" in text
    assert "по заявленному окну выгрузки" in text and "крайние недели могут быть неполными" in text


def test_no_message_text_reaches_the_package(tmp_path, monkeypatch):
    import datetime as dt

    import reporting.pipeline

    monkeypatch.setattr(reporting.pipeline, "today", lambda: dt.date(2023, 11, 27))  # the quarter is not over
    inputs = school(tmp_path / "inputs")
    outputs = tmp_path / "outputs"
    result = CliRunner().invoke(main, ["--quarter", "2", "--inputs", str(inputs), "--outputs", str(outputs), "-q",
                                       "--interim"])  # fmt: skip
    assert result.exit_code == 0, result.output
    package = outputs / "2023-2024" / "Q2"
    secret = kit.SECRET.encode()
    for path in package.rglob("*"):
        if path.is_file():
            data = path.read_bytes()
            assert secret not in data, path
            assert "Здравствуйте".encode() not in data and "Добрый день".encode() not in data, path
    archived = sorted(p.relative_to(package / "inputs").as_posix() for p in (package / "inputs").rglob("*.txt"))
    assert "chats/max/5001/page-0001.json.extract.txt" in archived
    assert not list((package / "inputs").rglob("*.json"))  # the exports themselves are not archived
    assert CliRunner().invoke(main, ["verify", str(package)]).exit_code == 0


def test_typed_and_chat_counts_for_one_week_need_a_choice(tmp_path):
    weekly = [["ФИО", "13.11.2023"], ["Иванова Анна Петровна", 5]]
    result = CliRunner().invoke(main, ["check", "--inputs", str(school(tmp_path / "a", weekly=weekly))])
    assert result.exit_code == 2
    assert "неделя 13.11.2023" in result.output and '[chats] prefer = "chats"' in result.output
    chosen = school(tmp_path / "b", '\n[chats]\nprefer = "chats"\n', weekly=weekly)
    report = check(chosen)
    assert report.valid
    assert report.model.monitoring.counts[0][0] == 12
