"""A district consolidates the schools' weekly returns: late, corrected and missing ones; counts only."""

from __future__ import annotations

import datetime as dt
import json

from reporting import build_package, check

from .builders import ROADMAP_HEADERS, ROADMAP_ROWS, SCHOOL_TOML, write_xlsx

D = dt.date(2023, 12, 30)
INDICATORS = [
    ["Показатель", "Категория", "Порог сообщений", "Целевое значение, %", "Срок"],
    ["Доля педагогов", "педагогические работники", 10, 75, D],
    ["Доля родителей", "родители", 10, 30, D],
]
HEADERS = ["Организация", "Неделя", "Группа", "Всего", "Активных"]
RETURNS = {
    "a-sosh1.xlsx": [["СОШ № 1", "06.11.2023", "педагогические работники", 50, 40], ["СОШ № 1", "06.11.2023", "родители", 300, 90],
                     ["СОШ № 1", "13.11.2023", "педагогические работники", 50, 45], ["СОШ № 1", "13.11.2023", "родители", 300, 120]],
    "b-sosh2.xlsx": [["СОШ № 2", "06.11.2023", "педагогические работники", 40, 20], ["СОШ № 2", "06.11.2023", "родители", 200, 40]],
    "c-sosh2-late.xlsx": [["СОШ № 2", "13.11.2023", "педагогические работники", 40, 30], ["СОШ № 2", "13.11.2023", "родители", 200, 50]],
    "d-sosh1-corrected.xlsx": [["СОШ № 1", "13.11.2023", "педагогические работники", 50, 48],
                               ["СОШ № 1", "13.11.2023", "родители", 300, 120]],
    "e-sosh3.xlsx": [["СОШ № 3", "06.11.2023", "педагогические работники", 30, 30], ["СОШ № 3", "06.11.2023", "родители", 100, 10]],
}  # fmt: skip


def district(tmp_path):
    """Returns for two November weeks of a quarter that ends 29.12: its reports are interim (issue 32)."""
    folder = tmp_path / "district"
    (folder / "returns").mkdir(parents=True)
    (folder / "school.toml").write_text(SCHOOL_TOML, encoding="utf-8")
    write_xlsx(folder / "roadmap.xlsx", {"Дорожная карта": [ROADMAP_HEADERS, *ROADMAP_ROWS], "Показатели": INDICATORS})
    for name, rows in RETURNS.items():
        write_xlsx(folder / "returns" / name, {"Охват": [HEADERS, *rows]})
    return folder


def test_the_district_consolidates_late_corrected_and_missing_returns(tmp_path):
    result = build_package(2, district(tmp_path), tmp_path / "out", interim=True, data_only=True)
    found = {r.category: r for r in result.model.indicators}
    # 06.11: teachers 50+40+30 = 120, active 40+20+30 = 90 → 75 %; parents 600, 90+40+10 = 140 → 23,33 %.
    # 13.11: СОШ № 1 corrected (48 of 50), СОШ № 2 late (30 of 40), СОШ № 3 sent nothing → 78 of 90 = 86,67 %;
    #        parents 120 + 50 of 300 + 200 → 170 of 500 = 34 %.
    assert [(w.counted, w.active, w.percent) for w in found["teachers"].series.weeks] == [
        (120, 90, 75.0),
        (90, 78, 86.67),
    ]
    assert [(w.counted, w.active, w.percent) for w in found["parents"].series.weeks] == [
        (600, 140, 23.33),
        (500, 170, 34.0),
    ]
    assert result.model.missing_returns == ((dt.date(2023, 11, 13), ("СОШ № 3",)),)
    # Each at its own last week: СОШ № 3 100 % (06.11), СОШ № 1 96 %, СОШ № 2 75 %; parents 10 %, 40 %, 25 %.
    ranking = [(o.name, [e.percent for e in o.ends], o.below_target) for o in result.model.ranking]
    assert ranking == [
        ("СОШ № 3", [100.0, 10.0], True),
        ("СОШ № 1", [96.0, 40.0], False),
        ("СОШ № 2", [75.0, 25.0], True),
    ]
    summary = json.loads((result.folder / "summary.json").read_text(encoding="utf-8"))
    assert summary["missing_returns"] == [{"week": "2023-11-13", "organizations": ["СОШ № 3"]}]
    reading = (result.folder / "reading.txt").read_text(encoding="utf-8")
    assert "returns/d-sosh1-corrected.xlsx: заменяет returns/a-sosh1.xlsx за недели: «СОШ № 1» 13.11.2023" in reading
    assert result.model.people == ()
    from reporting import verify

    found = verify(result.folder)  # the returns are archived; their order and figures are recomputed alike
    assert found.intact and any("пересчитаны" in line for line in found.checked), found


def test_the_district_report_names_who_is_behind_and_who_sent_nothing(tmp_path):
    from .test_documents import docx_text, pdf_text, squash

    result = build_package(2, district(tmp_path), tmp_path / "out", interim=True, each_organization=True, jobs=1)
    for text in (pdf_text(result.folder / "report.pdf"), docx_text(result.folder / "report.docx")):
        assert (
            squash("Не представили отчёт об охвате за неделю") in text and squash("13.11–19.11.2023: СОШ № 3") in text
        )
        assert squash("Рассмотреть итоги организаций, не достигших целевых показателей") in text
    folders = json.loads((result.folder / "manifest.json").read_text(encoding="utf-8"))["organizations"]
    assert sorted(folders) == ["СОШ № 1", "СОШ № 2", "СОШ № 3"]
    own = json.loads((result.folder / folders["СОШ № 2"] / "summary.json").read_text(encoding="utf-8"))
    assert own["indicators"][0]["end_of_quarter"] == {
        "week": "2023-11-13",
        "counted": 40,
        "active": 30,
        "percent": 75.0,
    }


def test_a_return_with_a_wrong_count_is_located_in_its_file(tmp_path):
    folder = district(tmp_path)
    write_xlsx(
        folder / "returns" / "b-sosh2.xlsx", {"Охват": [HEADERS, ["СОШ № 2", "06.11.2023", "родители", 200, 240]]}
    )
    report = check(folder)
    assert [(p.kind, p.file, p.sheet, p.row, p.column) for p in report.problems] == [
        ("bad_value", "returns/b-sosh2.xlsx", "Охват", 2, "Активных")
    ]


def test_check_of_a_district_prints_one_line_per_organisation(tmp_path):
    from click.testing import CliRunner

    from reporting.cli import main

    folder = district(tmp_path)
    result = CliRunner().invoke(main, ["check", "--inputs", str(folder), "-q"])
    assert result.exit_code == 0, result.output
    lines = [line for line in result.output.splitlines() if line.startswith("  • ")]
    assert lines == [
        "  • СОШ № 1: педагогические работники 48 из 50 (96,0\u00a0%); родители (законные представители) 120 из 300 (40,0\u00a0%)",
        "  • СОШ № 2: педагогические работники 30 из 40 (75,0\u00a0%); родители (законные представители) 50 из 200 (25,0\u00a0%)",
        "  • СОШ № 3: педагогические работники 30 из 30 (100,0\u00a0%); родители (законные представители) 10 из 100 (10,0\u00a0%)"
        "; недель без данных: 1",  # 13.11 not sent
    ]
    one = CliRunner().invoke(main, ["check", "--inputs", str(folder), "-q", "--organization", "СОШ № 2"])
    assert one.exit_code == 0 and "Педагогические работники: 30 из 40 (75,0\u00a0%)" in one.output
    unknown = CliRunner().invoke(main, ["check", "--inputs", str(folder), "--organization", "СОШ № 9"])
    assert unknown.exit_code == 2 and "«СОШ № 9»" in unknown.output


WIDE = [
    ["Мониторинг активности в национальном мессенджере (сводная форма)"],
    ["Организация", "Неделя", "Всего педагогических работников", "Из них написали не менее 10 сообщений за неделю", "%",
     "Всего родителей (законных представителей)", "Из них написали не менее 10 сообщений за неделю", "%"],
    ["СОШ № 1", "06.11.2023", 50, 40, 80, 300, 90, 30],
    ["СОШ № 2", "06.11.2023", 40, 20, 50, 200, 40, 20],
    ["СОШ № 3", "06.11.2023", 30, 30, 100, 100, 10, 15],  # 10 of 100 is 10 %: the counts win
    ["СОШ № 1", "13.11.2023", 50, 48, 96, 300, 120, 40],
    ["СОШ № 2", "13.11.2023", 40, 30, 75, 200, 50, 25],
    ["Итого", None, 210, 168, None, 1100, 310, None],
]  # fmt: skip


def test_the_wide_form_districts_circulate_gives_the_same_figures(tmp_path):
    folder = tmp_path / "wide"
    folder.mkdir()
    (folder / "school.toml").write_text(SCHOOL_TOML, encoding="utf-8")
    write_xlsx(folder / "roadmap.xlsx", {"Дорожная карта": [ROADMAP_HEADERS, *ROADMAP_ROWS], "Показатели": INDICATORS})
    write_xlsx(folder / "monitoring.xlsx", {"Охват": WIDE})
    wide = build_package(2, folder, tmp_path / "out", interim=True, data_only=True)
    returns = build_package(2, district(tmp_path), tmp_path / "out2", interim=True, data_only=True)
    assert wide.model.indicators == returns.model.indicators  # the same figures as the returns (corrected, late)
    assert wide.model.missing_returns == ((dt.date(2023, 11, 13), ("СОШ № 3",)),)
    reading = (wide.folder / "reading.txt").read_text(encoding="utf-8")
    assert (
        "широкая форма: «Всего педагогических работников» / «Из них написали не менее 10 сообщений за неделю»"
        in reading
    )
    assert "процент не сходится с числами «Всего»/«Активных» в строках 5: взяты числа" in reading
    assert "пропущены как итоговые: строки 8" in reading


def test_a_wide_form_without_pairs_says_both_layouts(tmp_path):
    folder = tmp_path / "wide"
    folder.mkdir()
    (folder / "school.toml").write_text(SCHOOL_TOML, encoding="utf-8")
    write_xlsx(folder / "roadmap.xlsx", {"Дорожная карта": [ROADMAP_HEADERS, *ROADMAP_ROWS], "Показатели": INDICATORS})
    write_xlsx(
        folder / "monitoring.xlsx",
        {"Охват": [["Организация", "Неделя", "Педагогов", "Активных"], ["СОШ № 1", "06.11.2023", 5, 4]]},
    )
    [problem] = check(folder).problems
    assert (problem.kind, problem.sheet, problem.row) == ("missing_column", "Охват", 1)
    assert "«Всего педагогических работников»" in problem.describe()


def test_the_district_report_says_by_how_much_each_is_behind_and_how_it_changed(tmp_path):
    from .test_documents import docx_text, pdf_text, squash

    folder = district(tmp_path)
    write_xlsx(
        folder / "returns" / "f-sosh3-q1.xlsx", {"Охват": [HEADERS, ["СОШ № 3", "23.10.2023", "родители", 100, 5]]}
    )
    result = build_package(2, folder, tmp_path / "out", interim=True)
    # СОШ № 3: parents 10 of 100 = 10 % against 30 % → 20 p.p. behind; quarter 1 ended at 5 of 100 → +5 p.p.
    # СОШ № 2: parents 50 of 200 = 25 % → 5 p.p. behind; nothing in quarter 1 to compare with.
    behind = [
        "СОШ № 3: родители (законные представители) — 10,0 % при цели 30,0 % (отставание 20,0 п. п.; за четверть +5,0 п. п.)",
        "СОШ № 2: родители (законные представители) — 25,0 % при цели 30,0 % (отставание 5,0 п. п.)",
    ]
    for text in (pdf_text(result.folder / "report.pdf"), docx_text(result.folder / "report.docx")):
        assert squash("Не достигли целевых показателей") in text
        for line in behind:
            assert squash(line) in text, line
    summary = json.loads((result.folder / "summary.json").read_text(encoding="utf-8"))
    third = next(o for o in summary["organizations"] if o["name"] == "СОШ № 3")
    assert [(i["gap_pp"], i["change_pp"]) for i in third["indicators"]] == [(None, None), (20.0, 5.0)]


def test_the_later_saved_return_wins_whatever_its_name(tmp_path):
    """«СОШ1 (исправленный).xlsx» sorts before «СОШ1.xlsx»: the file's own save time decides, not its name."""
    import xlsxwriter

    folder = district(tmp_path)
    for name in ("a-sosh1.xlsx", "d-sosh1-corrected.xlsx"):
        (folder / "returns" / name).unlink()

    def saved(name: str, when: dt.datetime, teachers_active: int) -> None:
        book = xlsxwriter.Workbook(folder / "returns" / name)
        book.set_properties({"created": when})  # xlsxwriter stamps «modified» with it too
        sheet = book.add_worksheet("Охват")
        for r, row in enumerate([HEADERS, ["СОШ № 1", "13.11.2023", "педагогические работники", 50, teachers_active],
                                 ["СОШ № 1", "13.11.2023", "родители", 300, 120]]):  # fmt: skip
            for c, value in enumerate(row):
                sheet.write(r, c, value)
        book.close()

    saved("sosh1.xlsx", dt.datetime(2023, 11, 20, 9, 0), 45)
    saved("sosh1 (исправленный).xlsx", dt.datetime(2023, 11, 21, 16, 30), 48)
    result = build_package(2, folder, tmp_path / "out", interim=True, data_only=True)
    teachers = next(r for r in result.model.indicators if r.category == "teachers")
    assert teachers.series.weeks[-1].active == 48 + 30  # the corrected 48, with СОШ № 2's 30
    reading = (result.folder / "reading.txt").read_text(encoding="utf-8")
    assert "returns/sosh1 (исправленный).xlsx: заменяет returns/sosh1.xlsx" in reading


def test_an_organisations_own_package_counts_only_its_own_weeks(tmp_path):
    from reporting.compute.build import build_model
    from reporting.load import load_inputs

    inputs = load_inputs(district(tmp_path))
    third = build_model(inputs, 2, inputs.monitoring.select("СОШ № 3"), organization="СОШ № 3")
    assert third.reported_weeks == (dt.date(2023, 11, 6),)  # it sent nothing for 13.11 («проводился 1 неделю»)
    assert build_model(inputs, 2).reported_weeks == (dt.date(2023, 11, 6), dt.date(2023, 11, 13))


def test_a_wide_row_without_its_week_is_located_once(tmp_path):
    folder = tmp_path / "wide"
    folder.mkdir()
    (folder / "school.toml").write_text(SCHOOL_TOML, encoding="utf-8")
    write_xlsx(folder / "roadmap.xlsx", {"Дорожная карта": [ROADMAP_HEADERS, *ROADMAP_ROWS], "Показатели": INDICATORS})
    rows = [list(r) for r in WIDE]
    rows[2][1] = None  # СОШ № 1's 06.11 row lost its week: never silently dropped
    write_xlsx(folder / "monitoring.xlsx", {"Охват": rows})
    assert [(p.kind, p.row, p.column) for p in check(folder).problems] == [("missing_value", 3, "Неделя")]


def test_a_regional_svod_with_naimenovanie_oo_is_read_per_organisation(tmp_path):
    """A region's «Свод» renamed «Охват» as told: «Наименование ОО» is the organisation (issue 16);
    two schools reporting the same week and group are two rows, not duplicates."""
    from reporting import check

    from .builders import make_inputs, write_xlsx

    folder = make_inputs(tmp_path / "in")
    rows = [["Наименование ОО", "Неделя", "Группа", "Всего", "Активных"]]
    for school, total, active in (("МАОУ СОШ № 1", 50, 45), ("МАОУ СОШ № 2", 40, 20)):
        rows += [[school, "25.12.2023", "педагогические работники", total, active],
                 [school, "25.12.2023", "администрация", 5, 5]]  # fmt: skip
    write_xlsx(folder / "monitoring.xlsx", {"Охват": rows})
    report = check(folder)
    assert report.valid, [p.describe() for p in report.problems]
    assert sorted(o.name for o in report.model.organizations) == ["МАОУ СОШ № 1", "МАОУ СОШ № 2"]
    end = report.model.indicators[0].series.end  # teachers, week of 25.12: 45 + 20 of 50 + 40
    assert (end.active, end.counted) == (65, 90)


def test_a_roadmap_kept_as_word_document_is_named_with_what_to_do(tmp_path):
    from click.testing import CliRunner

    from reporting.cli import main

    from .builders import make_inputs

    folder = make_inputs(tmp_path / "in")
    (folder / "roadmap.xlsx").rename(folder / "roadmap.doc")  # Word 97–2003: not read (a .docx is, see
    result = CliRunner().invoke(main, ["check", "--inputs", str(folder)])  # test_roadmap_document.py)
    assert result.exit_code == 2
    assert "Найден roadmap.doc — документ, а программе нужна таблица мероприятий" in result.output
    (folder / "roadmap.doc").rename(folder / "roadmap.docx")  # a workbook misnamed .docx: said, and what to do
    result = CliRunner().invoke(main, ["check", "--inputs", str(folder)])
    assert result.exit_code == 2
    assert "документ не читается как документ Word" in result.output and "назовите её roadmap.xlsx" in result.output


def test_the_word_roadmaps_hint_followed_gives_a_working_input(tmp_path):
    """«создайте заготовку (make-report init ПАПКА) и перенесите в её roadmap.xlsx строки таблицы»,
    done as written: the blank's roadmap.xlsx with the document's rows checks clean."""
    from click.testing import CliRunner
    from openpyxl import load_workbook

    from reporting.cli import main

    from .builders import ROADMAP_ROWS, make_inputs

    folder = make_inputs(tmp_path / "in")
    (folder / "roadmap.xlsx").rename(folder / "roadmap.doc")
    assert CliRunner().invoke(main, ["init", str(tmp_path / "blank"), "--year", "2023/2024", "-q"]).exit_code == 0
    book = load_workbook(tmp_path / "blank" / "roadmap.xlsx")
    sheet = book["Дорожная карта"]
    for number, row in enumerate(ROADMAP_ROWS, start=2):  # the rows of the document's table
        for column, value in enumerate(row, start=1):
            sheet.cell(number, column, value)
    book.save(folder / "roadmap.xlsx")
    result = CliRunner().invoke(main, ["check", "--inputs", str(folder)])
    assert result.exit_code == 2 and "лист «Показатели»" in result.output  # the blank's targets have no deadline
    targets = book["Показатели"]  # «на листе «Показатели» впишите сроки целевых показателей»
    for row in (2, 3):
        targets.cell(row, 5, "30.12.2023")
    book.save(folder / "roadmap.xlsx")
    result = CliRunner().invoke(main, ["check", "--inputs", str(folder)])
    assert result.exit_code == 0, result.output
    del book["Показатели"]  # «или удалите этот лист: возьмутся показатели утверждённой дорожной карты»
    book.save(folder / "roadmap.xlsx")
    assert CliRunner().invoke(main, ["check", "--inputs", str(folder)]).exit_code == 0


def test_a_district_table_under_its_own_sheet_name_and_headers(tmp_path):
    """Issue 16: «Свод» as the district sends it — «Наименование ОО», any sheet name — reads as «Охват»
    with the same figures, and the reading report says which sheet was taken for it."""
    folder = tmp_path / "svod"
    folder.mkdir()
    (folder / "school.toml").write_text(SCHOOL_TOML, encoding="utf-8")
    write_xlsx(folder / "roadmap.xlsx", {"Дорожная карта": [ROADMAP_HEADERS, *ROADMAP_ROWS], "Показатели": INDICATORS})
    own = [list(row) for row in WIDE]
    own[1][0] = "Наименование ОО"
    write_xlsx(folder / "monitoring.xlsx", {"Свод на 13.11.2023": own})
    svod = build_package(2, folder, tmp_path / "out", interim=True, data_only=True)
    returns = build_package(2, district(tmp_path), tmp_path / "out2", interim=True, data_only=True)
    assert svod.model.indicators == returns.model.indicators
    reading = (svod.folder / "reading.txt").read_text(encoding="utf-8")
    assert "лист «Свод на 13.11.2023»: листа «Охват» нет: прочитан как «Охват» этот лист — по его заголовкам" in reading
