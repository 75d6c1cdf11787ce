"""Signs of padded activity (issue 31, point 6): a week of exact repeats of one's own text, or of messages
at machine-regular intervals, is named in the reading report and data.xlsx; no figure changes; no text
or hash of one reaches the package."""

from __future__ import annotations

import io
import json

import openpyxl

from reporting import build_package, check
from reporting.read.chats import Extract, read_export

from . import chats_kit as kit
from .test_chats import school

WEEK = "04.12.2023"  # a week of its own, after the school's other chats (13.11–26.11)


def padded(folder, texts: list[str], minutes: list[int], user=101, name="Анна Иванова"):
    messages = [kit.max_message(f"mid.9.{i}", user, name, kit.at(WEEK, 9) + 60 * m, text=t)
                for i, (t, m) in enumerate(zip(texts, minutes, strict=True))]  # fmt: skip
    return kit.write_max_page(folder / "chats" / "max" / "5009" / "page-0001.json", messages, chat_id=5009)


def reading(report) -> str:
    return "\n".join(n.describe() for n in report.reading)


def counted(report, name: str) -> int:
    monitoring = report.model.monitoring
    i = next(i for i, p in enumerate(monitoring.people) if p.name == name)
    return int(monitoring.counts[i, monitoring.weeks.index(__import__("datetime").date(2023, 12, 4))])


IRREGULAR = [0, 7, 31, 44, 102, 180, 181, 240, 333, 401, 470, 555]  # minutes after 9:00, as a person writes


def test_a_week_of_one_text_again_and_again_is_named_and_still_counted(tmp_path):
    inputs = school(tmp_path / "inputs")
    padded(inputs, ["Активность"] * 12, IRREGULAR)
    report = check(inputs)
    assert report.valid, [p.describe() for p in report.problems]
    said = reading(report)
    assert ("возможная накрутка активности: Иванова Анна Петровна, неделя 04.12.2023: из 12 засчитанных "
            "сообщений 11 — точные повторы его (её) же текстов; на показатели это не влияет") in said  # fmt: skip
    assert counted(report, "Иванова Анна Петровна") == 12  # the figure is the same as without the flag


def test_messages_like_clockwork_are_named_and_a_persons_rhythm_is_not(tmp_path):
    inputs = school(tmp_path / "inputs")
    padded(inputs, [f"Сообщение номер {i}" for i in range(12)], [10 * i for i in range(12)])
    said = reading(check(inputs))
    assert "неделя 04.12.2023: сообщения идут через равные промежутки (каждые 10 мин)" in said
    other = school(tmp_path / "other")
    padded(other, [f"Сообщение номер {i}" for i in range(12)], IRREGULAR)
    assert "неделя 04.12.2023" not in reading(check(other))  # (the fixture's own weeks are a script's: flagged)


def test_a_few_repeats_among_many_words_are_nothing(tmp_path):
    inputs = school(tmp_path / "inputs")
    texts = ["Принято"] * 3 + [f"Ответ родителю {i}" for i in range(9)]  # 2 repeats of 12: a teacher's day
    padded(inputs, texts, IRREGULAR)
    assert "неделя 04.12.2023" not in reading(check(inputs))


def test_the_extract_keeps_which_messages_repeat_but_no_text_or_hash(tmp_path):
    page = padded(tmp_path, ["Активность", "Активность", "Другое", "АКТИВНОСТЬ"], [0, 5, 9, 30])
    extract = read_export(page, "chats/max/5009/page-0001.json")
    assert [m[3] for m in extract.messages] == ["m", "r", "m", "m"]  # the exact text again: «r»
    data = extract.to_bytes()
    assert "ктивност".encode() not in data and "Другое".encode() not in data
    assert Extract.from_bytes(data, "x").messages == extract.messages


def test_fast_and_slow_readers_find_the_same_repeats(tmp_path):
    from reporting.read import chat_fast, chats

    messages = [kit.telegram_message(i, kit.at("15.11.2023", 10, i), "Илья Петров", "user3030",
                                     text="Готово" if i % 2 else f"Текст {i}") for i in range(8)]  # fmt: skip
    messages[3]["text"] = [{"type": "bold", "text": "Гот"}, "ово"]  # rich text, the same words
    path = kit.write_telegram(tmp_path / "result.json", messages)
    fast = chat_fast.read_fast(path, "chats/t/result.json", Extract)
    with open(path, "rb") as raw:
        slow = chats._object(chats._HashingText(raw), "chats/t/result.json", "")
    assert [m[3] for m in fast.messages] == [m[3] for m in slow.messages] == ["m", "m", "m", "r", "m", "r", "m", "r"]


def test_data_xlsx_names_the_week_to_look_at(tmp_path):
    inputs = school(tmp_path / "inputs")
    padded(inputs, ["Активность"] * 12, IRREGULAR)
    result = build_package(2, inputs, tmp_path / "out", interim=True, data_only=True)
    book = openpyxl.load_workbook(io.BytesIO((result.folder / "data.xlsx").read_bytes()))
    sheet = book["Счёт из чатов"]
    header = [c.value for c in sheet[1]]
    assert header[-1] == "Проверить (возможная накрутка)"
    flagged = [
        (r[0], r[-1]) for r in sheet.iter_rows(min_row=2, values_only=True) if r[-1] and r[2].startswith("04.12")
    ]
    assert flagged == [("Иванова Анна Петровна", "из 12 засчитанных сообщений 11 — точные повторы его (её) же текстов")]
    summary = json.loads((result.folder / "summary.json").read_text(encoding="utf-8"))
    assert "накрутк" not in json.dumps(summary, ensure_ascii=False)  # figures only: summary.json is unchanged
