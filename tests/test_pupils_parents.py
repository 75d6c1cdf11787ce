"""Pupils and parents from a contingent table and class chats, and the «connected» family (issue 31, point
2): each figure worked out by hand from the messages and member lists written below; no pupil's or
parent's name or id in anything the package holds."""

from __future__ import annotations

import json
import shutil
import zipfile
from pathlib import Path

from reporting import build_package, check

from . import chats_kit as kit
from .builders import ROADMAP_HEADERS, ROADMAP_ROWS, SCHOOL_TOML, write_xlsx

ROSTER = [["ФИО", "Категория", "MAX ID"], ["Аникина Анна", "педагог", 1], ["Борисов Борис", "педагог", 2],
          ["Власова Вера", "педагог", 3], ["Гайдуков Андрей", "администрация", 5]]  # fmt: skip
INDICATORS = [
    ["Показатель", "Категория", "Порог сообщений", "Целевое значение, %", "Срок"],
    ["Доля педагогических работников, которые пишут не менее 10 сообщений", "педагог", 10, 100, "30.12.2023"],
    ["Доля родителей, писавших в чаты за неделю", "родители", 1, 30, "30.12.2023"],
    ["Доля родителей, подключённых к чатам школы", "родители", None, 50, "30.12.2023"],
    ["Доля обучающихся, писавших в чаты за неделю", "обучающиеся", 1, 30, "30.12.2023"],
    ["Доля работников, подключённых к чатам школы", "все работники", None, 75, "30.12.2023"],
]
CONTINGENT = [["Класс", "Количество обучающихся", "Количество родителей"], ["5А", 25, 40], ["6Б", 20, 35],
              ["Итого", 45, 75]]  # fmt: skip
CHATS_TOML = """\
[[chat]]
id = "5001"
title = "Педагоги СОШ № 24"
audience = "сотрудники"

[[chat]]
id = "6001"
title = "Родители 5А"
audience = "родители"

[[chat]]
id = "6002"
title = "Родители 6Б"
audience = "родители"

[[chat]]
path = "sferum_dump/2000000005"
audience = "обучающиеся"
"""
PARENT_NAMES = ("Родителева Мария", "Отцов Пётр", "Мамина Ольга", "Тётина Зоя", "Ученикова Катя", "Школьников Петя")
PARENT_IDS = ("9001", "9002", "9003", "9004", "7001", "7002")
WINDOW = (kit.at("13.11.2023", 0, 0), kit.at("26.11.2023", 23, 59))


def _ms(day: str) -> int:
    return kit.at(day) * 1000


def _members(path: Path, chat: int, members: list[tuple[int, str, str | None, bool]]) -> None:
    listed = [{"user_id": who, "name": name, "is_bot": bot, **({"join_time": _ms(day)} if day else {})}
              for who, name, day, bot in members]  # fmt: skip
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps({"chat_id": chat, "members": listed}, ensure_ascii=False), encoding="utf-8")


def school(folder: Path, contingent: list[list] | None = CONTINGENT, chats_toml: str = CHATS_TOML) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "school.toml").write_text(SCHOOL_TOML, encoding="utf-8")
    write_xlsx(folder / "roadmap.xlsx", {"Дорожная карта": [ROADMAP_HEADERS, *ROADMAP_ROWS], "Показатели": INDICATORS})
    write_xlsx(folder / "monitoring.xlsx", {"Сотрудники": ROSTER})
    if contingent:
        write_xlsx(folder / "contingent.xlsx", {"Контингент": contingent})
    chats = folder / "chats"
    (chats).mkdir(exist_ok=True)
    (chats / "chats.toml").write_text(chats_toml, encoding="utf-8")
    # the staff's chat: Аникина 10 in the week of 13.11, Борисов 2 in the week of 20.11
    staff = [kit.max_message(f"s.1.{i}", 1, "Анна Аникина", kit.at("14.11.2023", 10, i)) for i in range(10)]
    staff += [kit.max_message(f"s.2.{i}", 2, "Борис Борисов", kit.at("21.11.2023", 10, i)) for i in range(2)]
    kit.write_max_page(chats / "max" / "5001" / "page-0001.json", staff, window=WINDOW)
    _members(chats / "max" / "5001" / "members.json", 5001, [
        (1, "Анна Аникина", "01.09.2023", False), (2, "Борис Борисов", "01.09.2023", False),
        (3, "Вера Власова", "21.11.2023", False), (77, "Бот школы", "01.09.2023", True)])  # fmt: skip
    # parents of 5А: 9001 writes 3 (week of 13.11) and 1 (20.11), 9002 once (20.11); the class teacher 4
    five = [kit.max_message(f"p.1.{i}", 9001, "Мария Родителева", kit.at("15.11.2023", 19, i), chat_id=6001,
                            text=kit.SECRET) for i in range(3)]  # fmt: skip
    five += [kit.max_message("p.2.0", 9001, "Мария Родителева", kit.at("22.11.2023", 19), chat_id=6001)]
    five += [kit.max_message("p.3.0", 9002, "Пётр Отцов", kit.at("23.11.2023", 19), chat_id=6001)]
    five += [kit.max_message(f"p.4.{i}", 1, "Анна Аникина", kit.at("16.11.2023", 18, i), chat_id=6001)
             for i in range(4)]  # fmt: skip
    kit.write_max_page(chats / "max" / "6001" / "page-0001.json", five, chat_id=6001, window=WINDOW)
    _members(chats / "max" / "6001" / "members.json", 6001, [
        (9001, "Мария Родителева", "01.09.2023", False), (9002, "Пётр Отцов", "01.09.2023", False),
        (9003, "Ольга Мамина", "22.11.2023", False), (1, "Анна Аникина", "01.09.2023", False),
        (78, "Бот класса", "01.09.2023", True)])  # fmt: skip
    # parents of 6Б: 9001 again (two children), once in the week of 20.11; 9004 joined on 14.11
    six = [kit.max_message("q.1.0", 9001, "Мария Родителева", kit.at("24.11.2023", 20), chat_id=6002)]
    kit.write_max_page(chats / "max" / "6002" / "page-0001.json", six, chat_id=6002, window=WINDOW)
    _members(chats / "max" / "6002" / "members.json", 6002, [
        (9001, "Мария Родителева", "01.09.2023", False), (9004, "Зоя Тётина", "14.11.2023", False)])  # fmt: skip
    # pupils in Сферум: 7001 twice on 14.11, 7002 once on 22.11
    vk = [(kit.at("14.11.2023", 15, i), 7001, "Привет") for i in range(2)] + [(kit.at("22.11.2023", 15), 7002, "Ок")]
    kit.write_vk_dump(chats / "sferum_dump", 2000000005, vk, {7001: "Ученикова Катя", 7002: "Школьников Петя"})
    (chats / "sferum_dump" / "output.csv").unlink()  # the pupils' dump without a member list
    return folder


def _figures(model) -> dict[str, list[tuple[str, int, int]]]:
    return {r.category: [(f"{w.week:%d.%m}", w.active, w.counted) for w in r.series.weeks] for r in model.indicators}


def test_each_group_and_family_by_hand(tmp_path):
    report = check(school(tmp_path / "in"))
    assert report.valid, [p.describe() for p in report.problems]
    assert _figures(report.model) == {
        # Аникина 10 (staff chat) + 4 (the parents' chat: she is staff there) in the week of 13.11
        "teachers": [("13.11", 1, 3), ("20.11", 0, 3)],
        # 9001 (3); then 9001 (1 + 1 in two chats) and 9002 — of 75 parents
        "parents": [("13.11", 1, 75), ("20.11", 2, 75)],
        # members by the week's end: 9001, 9002, 9004 (joined 14.11); then 9003 (22.11) — no bot, no teacher
        "parents_connected": [("13.11", 3, 75), ("20.11", 4, 75)],
        # 7001, then 7002 — of 45 pupils (the «Итого» row is not a class)
        "pupils": [("13.11", 1, 45), ("20.11", 1, 45)],
        # Аникина and Борисов; then Власова (joined 21.11) — of 4 staff; Гайдуков never
        "all_connected": [("13.11", 2, 4), ("20.11", 3, 4)],
    }


def test_no_pupil_or_parent_is_named_or_identified_in_the_package(tmp_path):
    result = build_package(2, school(tmp_path / "in"), tmp_path / "out", interim=True)
    assert result.folder.is_dir()
    texts = []
    for path in (tmp_path / "out").rglob("*"):
        if path.is_file() and path.suffix == ".zip":
            with zipfile.ZipFile(path) as archive:
                texts += [archive.read(n).decode("utf-8", "replace") for n in archive.namelist()]
        elif path.is_file():
            texts.append(path.read_bytes().decode("utf-8", "replace"))
    extracts = [t for t in texts if '"format"' in t[:200] and "6001" in t[:400]]
    assert extracts, "the parents' chat extract is archived"
    for text in texts:
        for secret in (*PARENT_NAMES, *(f"\t{i}\t" for i in PARENT_IDS), f'"{PARENT_IDS[0]}"', kit.SECRET):
            assert secret not in text
    # the staff in the parents' chat keep their name and id: their messages count for them on verify
    assert any("Анна Аникина" in t for t in extracts)


def test_the_same_exports_give_the_same_extract(tmp_path):
    from reporting.load import load_inputs

    first = load_inputs(school(tmp_path / "a"))
    second = load_inputs(school(tmp_path / "b"))
    name = next(n for n in first.raw if "6001/page" in n)
    assert first.raw[name] == second.raw[name]
    assert first.counts.of("parents") == second.counts.of("parents")


def test_without_a_contingent_the_hint_names_the_table(tmp_path):
    report = check(school(tmp_path / "in", contingent=None))
    assert not report.valid
    said = [p for p in report.problems if p.file == "contingent.xlsx"]
    assert said and "Контингент" in said[0].hint
    # following the hint literally: the table put there gives the figures
    write_xlsx(tmp_path / "in" / "contingent.xlsx", {"Контингент": CONTINGENT})
    assert check(tmp_path / "in").valid


def test_more_members_than_the_contingent_is_refused(tmp_path):
    small = [["Класс", "Кол-во учеников", "Кол-во семей"], ["5А", 25, 2], ["6Б", 20, 1]]
    report = check(school(tmp_path / "in", contingent=small))
    kinds = {p.kind for p in report.problems}
    assert "contingent_exceeded" in kinds
    problem = next(p for p in report.problems if p.kind == "contingent_exceeded")
    assert "семей 3" in problem.message and "подключено 4" in problem.message
    # the hint, literally: parents (not families) in the contingent table — then the hand-computed figures
    assert "родителей, а не семей" in problem.hint
    write_xlsx(tmp_path / "in" / "contingent.xlsx", {"Контингент": [["Класс", "Кол-во учеников", "Кол-во родителей"],
                                                                   ["5А", 25, 40], ["6Б", 20, 35]]})  # fmt: skip
    report = check(tmp_path / "in")
    assert report.valid, [p.describe() for p in report.problems]
    assert _figures(report.model)["parents_connected"] == [("13.11", 3, 75), ("20.11", 4, 75)]


def test_an_undeclared_parents_chat_is_read_as_the_staffs(tmp_path):
    """Without chats.toml's audience the chat is the staff's, as before: its unknown writers are named as
    unmatched, and no parents' figure is made from it."""
    toml = CHATS_TOML.replace('audience = "родители"', 'audience = "?"')
    report = check(school(tmp_path / "in", chats_toml=toml))
    assert any(p.kind == "missing_sheet" for p in report.problems)  # parents' indicators have nothing to count


def test_the_federal_pair_from_chats(tmp_path):
    folder = school(tmp_path / "in")
    write_xlsx(folder / "roadmap.xlsx", {"Дорожная карта": [ROADMAP_HEADERS, *ROADMAP_ROWS],
                                         "Показатели": [INDICATORS[0], ["Федеральные показатели"]]})  # fmt: skip
    report = check(folder)
    assert report.valid, [p.describe() for p in report.problems]
    assert _figures(report.model) == {
        # at least one message: Аникина (10 + 4), then Борисов (2) — of all 4 staff
        "all": [("13.11", 1, 4), ("20.11", 1, 4)],
        "pupils": [("13.11", 1, 45), ("20.11", 1, 45)],
        "parents": [("13.11", 1, 75), ("20.11", 2, 75)],
    }
    assert "или по их чатам и таблице контингента" in "\n".join(n.message for n in report.reading)


def test_the_weekly_return_reads_back_at_the_district(tmp_path):
    """The school's return names each group with its family; the district reads every figure back."""
    from click.testing import CliRunner

    from reporting.cli import main

    from .builders import DISTRICT_TOML

    folder = school(tmp_path / "in")
    out = tmp_path / "out"
    result = CliRunner().invoke(main, ["week", "--inputs", str(folder), "--outputs", str(out)])
    assert result.exit_code == 0, result.output
    returned = next(out.rglob("return.xlsx"))
    district = tmp_path / "district"
    (district / "returns").mkdir(parents=True)
    (district / "school.toml").write_text(DISTRICT_TOML, encoding="utf-8")
    write_xlsx(
        district / "roadmap.xlsx", {"Дорожная карта": [ROADMAP_HEADERS, *ROADMAP_ROWS], "Показатели": INDICATORS}
    )
    (district / "returns" / "sosh24.xlsx").write_bytes(returned.read_bytes())
    report = check(district)
    assert report.valid, [p.describe() for p in report.problems]
    week = {r.category: (r.series.end.active, r.series.end.counted) for r in report.model.indicators}
    assert week == {"teachers": (0, 3), "parents": (2, 75), "parents_connected": (4, 75), "pupils": (1, 45),
                    "all_connected": (3, 4)}  # fmt: skip


def test_a_connected_indicator_without_chats_is_refused(tmp_path):
    full = school(tmp_path / "full")
    folder = tmp_path / "in"
    folder.mkdir()
    for name in ("school.toml", "monitoring.xlsx"):
        shutil.copy(full / name, folder / name)
    write_xlsx(folder / "roadmap.xlsx", {"Дорожная карта": [ROADMAP_HEADERS, *ROADMAP_ROWS],
                                         "Показатели": [INDICATORS[0], INDICATORS[5]]})  # fmt: skip
    report = check(folder)
    problem = next(p for p in report.problems if p.kind == "missing_sheet" and p.file == "chats/")
    assert "подключённые к чатам" in problem.message and "members.json" in problem.hint
    # the hint, literally: the staff chat's export with its member list — then the hand-computed figures
    shutil.copytree(full / "chats" / "max" / "5001", folder / "chats" / "max" / "5001")
    report = check(folder)
    assert report.valid, [p.describe() for p in report.problems]
    # Аникина (member, wrote) and Борисов (member); then Власова, who joined on 21.11 — of 4 staff
    assert _figures(report.model) == {"all_connected": [("13.11", 2, 4), ("20.11", 3, 4)]}


def test_words_naming_both_families_are_refused_and_the_column_decides(tmp_path):
    folder = school(tmp_path / "in")
    both = ["Доля родителей, подключённых к чатам и активных в них", "родители", 1, 30, "30.12.2023"]
    write_xlsx(folder / "roadmap.xlsx", {"Дорожная карта": [ROADMAP_HEADERS, *ROADMAP_ROWS],
                                         "Показатели": [INDICATORS[0], both]})  # fmt: skip
    report = check(folder)
    problem = next(p for p in report.problems if p.kind == "ambiguous_indicator")
    assert (problem.row, "Вид показателя" in problem.hint) == (2, True)
    # the hint, literally: a «Вид показателя» column saying which
    write_xlsx(folder / "roadmap.xlsx", {"Дорожная карта": [ROADMAP_HEADERS, *ROADMAP_ROWS], "Показатели": [
        [*INDICATORS[0], "Вид показателя"], [*INDICATORS[1][:5], "активность"], [*both, "подключение"]]})  # fmt: skip
    report = check(folder)
    assert report.valid, [p.describe() for p in report.problems]
    assert _figures(report.model)["parents_connected"] == [("13.11", 3, 75), ("20.11", 4, 75)]


def test_summary_and_data_say_each_family(tmp_path):
    from openpyxl import load_workbook

    result = build_package(2, school(tmp_path / "in"), tmp_path / "out", interim=True)
    summary = json.loads((result.folder / "summary.json").read_text(encoding="utf-8"))
    said = {i["category"]: (i["family"], i["threshold"], i["measured_by"]) for i in summary["indicators"]}
    assert said == {"teachers": ("active", 10, "persons"), "parents": ("active", 1, "chats"),
                    "parents_connected": ("connected", None, "chats"), "pupils": ("active", 1, "chats"),
                    "all_connected": ("connected", None, "chats")}  # fmt: skip
    rows = list(load_workbook(result.folder / "data.xlsx")["Показатели"].iter_rows(min_row=2, values_only=True))
    assert [(r[1], r[2], r[6], r[7]) for r in rows if r[0]] == [
        ("Педагогические работники", 10, 3, 0),
        ("Родители (законные представители)", 1, 75, 2),
        ("Родители (законные представители), подключённые к чатам", None, 75, 4),
        ("Обучающиеся", 1, 45, 1),
        ("Все работники, подключённые к чатам", None, 4, 3),
    ]


def test_the_page_takes_the_contingent_and_chats_toml(tmp_path):
    """A clerk without a terminal uploads both: each goes where the reader looks for it."""
    from reporting import api

    from .builders import write_xlsx as write

    inputs, outputs = tmp_path / "in", tmp_path / "out"
    inputs.mkdir()
    write(tmp_path / "Книга1.xlsx", {"Лист1": CONTINGENT})
    placed = api.place_upload(inputs, outputs, "Книга1.xlsx", (tmp_path / "Книга1.xlsx").read_bytes())
    assert (placed.kind, placed.name) == ("contingent", "contingent.xlsx")
    placed = api.place_upload(inputs, outputs, "чаты.toml", CHATS_TOML.encode())
    assert (placed.kind, placed.name) == ("chats_toml", "chats/chats.toml")
    assert (inputs / "chats" / "chats.toml").read_text(encoding="utf-8") == CHATS_TOML


def test_an_upload_never_follows_a_linked_folder(tmp_path):
    import pytest

    from reporting import api
    from reporting.errors import InputError

    inputs, outputs, elsewhere = tmp_path / "in", tmp_path / "out", tmp_path / "elsewhere"
    inputs.mkdir()
    elsewhere.mkdir()
    (inputs / "chats").symlink_to(elsewhere)
    with pytest.raises(InputError) as caught:
        api.place_upload(inputs, outputs, "chats.toml", CHATS_TOML.encode())
    assert caught.value.problems[0].kind == "linked_file"
    assert not any(elsewhere.iterdir())
