"""inputs/chats/: weekly counts straight from MAX, VK/Сферум and Telegram exports, against counts
worked out by hand from the messages written below."""

from __future__ import annotations

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
    messages += [
        kit.max_message(f"mid.5.{i}", 404, "Андрей Гайдуков", kit.at("22.11.2023", 12, i)) for i in range(1, 10)
    ]
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
    # the VK dump's one empty line: a join, or a forward or a poll alone — history.json cannot tell
    assert "не засчитано пустых и только с реакцией — 1" in text
    assert "пересланное сообщение, опрос или ссылка без текста сохраняются пустыми" in text
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


def test_data_xlsx_shows_each_count_and_its_source(tmp_path, monkeypatch):
    import datetime as dt

    import reporting.pipeline

    monkeypatch.setattr(reporting.pipeline, "today", lambda: dt.date(2023, 11, 27))
    inputs, outputs = school(tmp_path / "inputs"), tmp_path / "outputs"
    args = ["--quarter", "2", "--inputs", str(inputs), "--outputs", str(outputs), "-q", "--interim", "--data-only"]
    assert CliRunner().invoke(main, args).exit_code == 0
    book = load_workbook(outputs / "2023-2024" / "Q2" / "data.xlsx", read_only=True)
    rows = [r for r in book["Счёт из чатов"].iter_rows(values_only=True)]
    # the fixture's chats are a script's (one text, a message a minute): the last column names those weeks
    assert rows[0] == ("ФИО", "Категория", "Неделя", "Сообщений", "Звонков", "Откуда", "Проверить (возможная накрутка)")
    found = {(r[0], r[2][:5]): (r[3], r[4], r[5]) for r in rows[1:]}
    assert found[("Иванова Анна Петровна", "13.11")] == (12, 0, "MAX: чат 5001")
    assert found[("Петров Илья Сергеевич", "20.11")] == (2, 1, "Telegram: чат 777")
    assert found[("Семёнова Юлия Игоревна", "20.11")] == (15, 0, "Сферум/VK Мессенджер: чат 2000000001")


@pytest.mark.parametrize(
    "name, content, says",
    [
        ("max/page.json", '{"messages": [{"body": {"text": "x"}}]}', "сообщение 1: ожидались поля timestamp (мс) и body.mid"),
        ("max/page.json", '{"result": []}', "в объекте нет ключа «messages»"),
        ("telegram/result.json", '{"name": "x", "type": "private_group", "messages": [{"id": 1, "type": "message"}]}',
         "сообщение 1: ожидались поля id и date_unixtime"),
        ("sferum/1/history.json", '[{"date": 1700000000, "from_id": 5, "text": "a"}, {"when": 1}]',
         "сообщение 2: ожидались поля date (секунды) и from_id"),
        ("sferum/1/history.json", '[{"date": 1700000000, "from_id": 5, "text": "a"}, {"date": 17000',
         "сообщение 2: файл обрезан или повреждён"),
        ("sferum/output.csv", "user;name\n1;Иванова Анна\n", "строка 1: в CSV участников нужны столбцы id, ФИО"),
        ("sferum/output.csv", "id,ФИО,Роли\nabc,Иванова Анна,Учитель\n", "строка 2: в столбце id должно быть число"),
        ("notes.json", "plain text", "это не выгрузка чата"),
        ("max/page.json", '{"messages": [1, 2]}', "сообщение 1: неизвестная форма JSON"),
    ],
    ids=["max without mid", "max without messages", "telegram without time", "vk without date", "vk truncated",
         "csv other columns", "csv bad id", "not json", "max of numbers"],
)  # fmt: skip
def test_an_export_that_is_not_what_it_claims(tmp_path, name, content, says):
    inputs = school(tmp_path / "inputs")
    path = inputs / "chats" / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(content, encoding="utf-8")
    result = CliRunner().invoke(main, ["check", "--inputs", str(inputs)])
    assert result.exit_code == 2
    assert f"chats/{name}: {says}" in result.output, result.output


def test_an_export_of_another_year(tmp_path):
    inputs = school(tmp_path / "inputs")
    old = [kit.max_message(f"mid.9.{i}", 101, "Анна Иванова", kit.at("14.11.2021")) for i in range(3)]
    kit.write_max_page(inputs / "chats" / "max" / "2021.json", old)
    result = CliRunner().invoke(main, ["check", "--inputs", str(inputs)])
    assert result.exit_code == 2
    assert "chats/max/2021.json: все сообщения (3) вне 2023/2024 учебного года: выгрузка за другой год" in result.output
    # some old messages in a dump of the whole history are left out and said so, not refused
    mixed = old[:1] + [kit.max_message("mid.9.9", 101, "Анна Иванова", kit.at("15.11.2023"))]
    kit.write_max_page(inputs / "chats" / "max" / "2021.json", mixed)
    report = check(inputs)
    assert report.valid
    assert any("вне учебного года — 1" in n.message for n in report.reading)


def test_a_huge_file_is_refused_before_it_is_read(tmp_path, monkeypatch):
    import reporting.read.chats

    monkeypatch.setattr(reporting.read.chats, "MAX_CHAT_FILE", 1000)
    inputs = school(tmp_path / "inputs")
    result = CliRunner().invoke(main, ["check", "--inputs", str(inputs)])
    assert result.exit_code == 2 and "chats/sferum_dump/2000000001/history.json: файл больше" in result.output


def test_the_time_zone_decides_the_week(tmp_path):
    """Monday 20.11 01:00 in Moscow is Sunday 22:00 in UTC: with timezone = "UTC" that message
    belongs to the week of 13.11."""
    utc = check(school(tmp_path / "utc", '\n[school]\ntimezone = "UTC"\n'))
    monitoring = utc.model.monitoring
    people = {p.name: i for i, p in enumerate(monitoring.people)}
    by_week = dict(
        zip(
            (f"{w:%d.%m}" for w in monitoring.weeks),
            monitoring.counts[people["Гайдуков Андрей Николаевич"]],
            strict=True,
        )
    )
    # the window began at 13.11 00:00 Moscow time, which is Sunday 12.11 in UTC: that week is covered too
    assert by_week == {"06.11": 0, "13.11": 11, "20.11": 9}
    wrong = CliRunner().invoke(
        main, ["check", "--inputs", str(school(tmp_path / "bad", '\n[school]\ntimezone = "MSK"\n'))]
    )
    assert wrong.exit_code == 2 and "ключ «school.timezone»: неизвестный часовой пояс" in wrong.output
    # the hint, followed
    fixed = check(school(tmp_path / "fixed", '\n[school]\ntimezone = "Europe/Moscow"\n'))
    assert fixed.valid


def test_an_unmatched_writer_is_matched_once_the_roster_has_the_id(tmp_path):
    """Following the reading report's advice: the id in «ID пользователя» of the person's row."""
    inputs = school(tmp_path / "inputs")
    roster = [row[:] for row in ROSTER]
    roster.append(["Кузнецова Ольга Викторовна", "педагогический работник", None, 303])
    write_xlsx(inputs / "monitoring.xlsx", {"Сотрудники": roster})
    report = check(inputs)
    people = {p.name: i for i, p in enumerate(report.model.monitoring.people)}
    assert list(report.model.monitoring.counts[people["Кузнецова Ольга Викторовна"]]) == [4, 0]
    assert not any("Неизвестный Человек" in n.message for n in report.reading)


def test_empty_messages_count_when_asked(tmp_path):
    report = check(school(tmp_path / "inputs", "\n[chats]\ncount_empty = true\n"))
    people = {p.name: i for i, p in enumerate(report.model.monitoring.people)}
    assert list(report.model.monitoring.counts[people["Иванова Анна Петровна"]]) == [14, 9]


@pytest.mark.parametrize(
    "zone", ["Europe/Moscow", "Asia/Yekaterinburg", "Asia/Kolkata", "Asia/Kathmandu", "Europe/Berlin"]
)
def test_the_week_of_a_moment_is_the_monday_of_its_local_day(zone):
    """Against datetime's own arithmetic, for moments over six years (DST changes included)."""
    import datetime as dt
    import random
    from zoneinfo import ZoneInfo

    from reporting.validate.chats import _Weeks

    week_of, where = _Weeks(ZoneInfo(zone)), ZoneInfo(zone)
    picked = random.Random(7)
    for _ in range(5000):
        seconds = picked.randint(1_600_000_000, 1_800_000_000)
        day = dt.datetime.fromtimestamp(seconds, dt.UTC).astimezone(where).date()
        assert week_of(seconds) == day - dt.timedelta(days=day.weekday())


def test_the_reading_report_states_the_settings_and_the_matching(tmp_path):
    report = check(school(tmp_path / "inputs"))
    (line,) = [n.message for n in report.reading if "по местному времени" in n.message]
    # MAX 101 and the head's 404 by id; Семёнова (VK) and Петров (Telegram) by name
    assert line == (
        "неделя сообщения — по местному времени Europe/Moscow ([school] timezone); пустые сообщения и только с "
        "реакцией не засчитываются ([chats] count_empty); писавшие сопоставлены со списком сотрудников по id — 2, "
        "по имени — 2"
    )


def test_the_weekly_return_counts_from_chats(tmp_path):
    inputs = school(tmp_path / "inputs")
    result = CliRunner().invoke(
        main, ["week", "--inputs", str(inputs), "--week", "20.11.2023", "--outputs", str(tmp_path / "out")]
    )
    assert result.exit_code == 0, result.output


def test_a_full_telegram_account_export_is_refused_with_how_to_export_one_chat(tmp_path):
    import json

    inputs = school(tmp_path / "inputs")
    one_chat = json.loads((inputs / "chats" / "telegram" / "result.json").read_text(encoding="utf-8"))
    account = {"about": "Telegram export", "personal_information": {"first_name": "Илья"},
               "chats": {"about": "Chat list", "list": [one_chat]}}  # fmt: skip
    (inputs / "chats" / "telegram" / "result.json").write_text(
        json.dumps(account, ensure_ascii=False), encoding="utf-8"
    )
    result = CliRunner().invoke(main, ["check", "--inputs", str(inputs)])
    assert result.exit_code == 2
    assert "это полный экспорт аккаунта Telegram, а нужна история одного чата" in result.output
    # the advice, followed: that one chat's own result.json
    (inputs / "chats" / "telegram" / "result.json").write_text(
        json.dumps(one_chat, ensure_ascii=False), encoding="utf-8"
    )
    assert CliRunner().invoke(main, ["check", "--inputs", str(inputs)]).exit_code == 0
