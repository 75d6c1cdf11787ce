"""Nothing is assumed silently: completion notes, default indicators, unused sheets and columns."""

from __future__ import annotations

from click.testing import CliRunner

from reporting.cli import main

from .builders import ROSTER, ROSTER_HEADERS, make_inputs, resum, wide_rows, write_xlsx

NOTE_HEADERS = ["№ п/п", "Мероприятие", "Ответственные", "Срок", "Результат", "Отметка о выполнении"]
NOTE_ROWS = [
    ["1", "Создание чата", "Шмыглева П.Р.", "Август 2023", "Сообщество", "выполнено"],
    ["2", "Сетевые сообщества", "Шмыглева П.Р.", "Сентябрь 2023", "Не менее 1", "Исполнено."],
    ["3", "Рекомендации", "Администрация", "Ноябрь 2023", "Письмо", "Приказ № 214 от 29.11.2023"],
    ["4", "Консультации", "Администрация", "Сентябрь 2023 – май 2024", "", None],
    ["5", "Итоги четверти", "Администрация", "Март 2024", "Корректировка", "Протокол № 9 от 15.03.2024"],
    ["6", "Отменённое", "Администрация", "Октябрь 2023", "", "отменено"],
]


def read_text(package, name="reading.txt") -> str:
    return (package / name).read_text(encoding="utf-8")


def test_a_completion_note_is_read_as_the_status(tmp_path, run_cli):
    folder = make_inputs(tmp_path / "in", roadmap={"Дорожная карта": [NOTE_HEADERS, *NOTE_ROWS]})
    run = run_cli(folder, 2, "--data-only")
    assert run.exit_code == 0, run.output
    statuses = {a["number"]: (a["status"], a["new_due"]) for a in run.summary()["activities"]}
    # Status date 07.01.2024 (end of Q2): 1–3 are done (3 by the order of 29.11.2023), 4 runs till
    # May, 5's protocol is dated after the status date (March 2024, not started), 6 is cancelled.
    assert statuses == {
        "1": ("done", None),
        "2": ("done", None),
        "3": ("done", None),
        "4": ("in_progress", None),
        "5": ("not_started", None),
        "6": ("cancelled", None),
    }
    reading = read_text(run.package)
    assert "строка 4: отметка «Приказ № 214 от 29.11.2023» прочитана как «выполнено» 29.11.2023" in reading
    assert "строка 2: отметка «выполнено» прочитана как «выполнено»" in reading


def test_default_indicators_are_named_in_the_report_and_in_check(inputs, run_cli):
    run = run_cli(inputs, 2)
    assert run.exit_code == 0, run.output
    from .test_documents import docx_text, pdf_text, squash

    # the short names are said to be short: never presented as the approved wording (issue 32)
    said = squash("Листа «Показатели» во входных данных нет: применены целевые значения утверждённой дорожной карты "
                  "(педагогических работников — 100,0 %; сотрудников администрации — 100,0 %; не менее 10 сообщений в "
                  "неделю); показатели "
                  "названы кратко, их полный текст — в утверждённой дорожной карте.")  # fmt: skip
    for text in (pdf_text(run.package / "report.pdf"), docx_text(run.package / "report.docx")):
        assert said in text
    # the corrected roadmap's preamble too: it lists the short names under «следующих целевых показателей»
    for text in (pdf_text(run.package / "roadmap.pdf"), docx_text(run.package / "roadmap.docx")):
        assert said in text
    assert "нет листа «Показатели»: взяты показатели утверждённой дорожной карты" in read_text(run.package)
    assert "к 30.12.2023" in read_text(run.package)
    checked = CliRunner().invoke(main, ["check", "--inputs", str(inputs)])
    assert checked.exit_code == 0 and "нет листа «Показатели»" in checked.output


def test_the_sample_report_does_not_claim_default_indicators():
    from reporting.compute.build import build_model
    from reporting.load import load_inputs
    from reporting.options import Options
    from reporting.render.view import document_view

    from .conftest import ROOT

    inputs = load_inputs(ROOT / "inputs")  # the sample has its «Показатели» sheet
    assert document_view(build_model(inputs, 2), Options(quarter=2))["indicators_note"] == ""
    assert not any("взяты показатели" in note.message for note in inputs.reading)


def test_unused_sheets_columns_and_skipped_rows_are_reported(tmp_path, run_cli):
    folder = make_inputs(tmp_path / "in")
    weekly = wide_rows()
    weekly[2].append("Звонков")
    roster = [[*ROSTER_HEADERS, "СНИЛС"], *[[*r, "000"] for r in ROSTER], ["Итого", None, None, None]]
    write_xlsx(
        folder / "monitoring.xlsx",
        {"Сотрудники": roster, "Мониторинг": weekly, "Опросы": [["ФИО", "Оценка"], ["Иванова", 1]]},
    )
    run = run_cli(folder, 2, "--data-only")
    assert run.exit_code == 0, run.output
    reading = read_text(run.package)
    assert "monitoring.xlsx, лист «Опросы»: лист не используется" in reading
    assert "лист «Мониторинг»: строка заголовков — 3 (строки выше — заголовок листа, пропущены)" in reading
    assert (
        "лист «Мониторинг»: столбец «Звонков» не используется: в таблице по неделям звонки ведутся на отдельном листе"
        in reading
    )
    assert "лист «Мониторинг»: пропущены как итоговые («Итого»/«Всего»): строки 10" in reading
    assert "лист «Сотрудники»: строка заголовков — 1; не используются: «СНИЛС»" in reading
    assert "лист «Сотрудники»: пропущены как итоговые («Итого»/«Всего»): строки 8" in reading
    checked = CliRunner().invoke(main, ["check", "--inputs", str(folder)])
    assert "лист «Опросы»: лист не используется" in checked.output


def test_respelled_headers_are_named_with_what_they_were_read_as(tmp_path, run_cli):
    roster = [["Ф.И.О.", "Таб. №", *ROSTER_HEADERS[2:]], *ROSTER]
    run = run_cli(make_inputs(tmp_path / "in", roster=roster), 2, "--data-only")
    assert run.exit_code == 0, run.output
    assert "прочитаны как: «Ф.И.О.» → «ФИО», «Таб. №» → «Табельный номер»" in read_text(run.package)


def test_total_rows_anywhere_are_skipped_and_listed(tmp_path, run_cli):
    plain = run_cli(make_inputs(tmp_path / "plain"), 2, "--data-only", outputs=tmp_path / "o1").summary()
    weekly = wide_rows()
    from .builders import _column_sum

    # a subtotal of the three people above it (Иванова, Семёнова, Петров), as a spreadsheet sums them
    weekly.insert(6, [None, "Всего по школе", *(_column_sum(weekly[3:6], c) for c in range(2, 8))])
    weekly.append([None, "Доля написавших не менее 10 сообщений, %", 75, 50, 75, 66.7, None, 100])
    weekly.append([None, "Процент охвата", 75, 50, 75, 66.7, None, 100])
    run = run_cli(make_inputs(tmp_path / "in", weekly=weekly), 2, "--data-only", outputs=tmp_path / "o2")
    assert run.exit_code == 0, run.output
    assert run.summary() == plain
    assert "пропущены как итоговые («Итого»/«Всего»): строки 7, 11–13" in read_text(run.package)


def test_a_surname_that_reads_like_a_share_is_a_person(tmp_path, run_cli):
    roster = [ROSTER_HEADERS, *ROSTER, ["Доля Иван Петрович", 7, "учитель", "Основная школа", None, None, None, None]]
    weekly = wide_rows()
    weekly.insert(9, [None, "Доля Иван Петрович", 10, 10, 10, 10, None, 10])
    resum(weekly)  # the sheet's «Итого» takes him in, as its SUM would
    run = run_cli(make_inputs(tmp_path / "in", roster=roster, weekly=weekly), 2, "--data-only")
    assert run.exit_code == 0, run.output
    assert run.summary()["indicators"][0]["end_of_quarter"] == {
        "week": "2023-12-25",
        "counted": 4,
        "active": 4,
        "percent": 100.0,
    }  # fmt: skip  (3 of 3 before, and Доля wrote 10)


def test_support_staff_are_on_the_roster_and_in_no_figure_unless_named(tmp_path, run_cli):
    from .test_figures_safety import INDICATOR_HEADERS

    roster = [
        ROSTER_HEADERS,
        *ROSTER,
        ["Кузнецова Ольга", 7, "Учебно-вспомогательный персонал", None, None, None, None, None],
    ]
    weekly = wide_rows()
    weekly.insert(9, [None, "Кузнецова Ольга", 10, 10, 10, 10, None, 10])
    resum(weekly)
    plain = run_cli(make_inputs(tmp_path / "plain"), 2, "--data-only", outputs=tmp_path / "o1").summary()
    run = run_cli(make_inputs(tmp_path / "in", roster=roster, weekly=weekly), 2, "--data-only", outputs=tmp_path / "o2")
    assert run.exit_code == 0, run.output
    assert run.summary() == plain  # in no figure
    assert "категория «прочий персонал»: 1 чел." in read_text(run.package)
    # «Все работники», hand count: 06.11 — teachers 2 of 4, Гайдуков 10, Кузнецова 10 → 4 of 6;
    # 25.12 — teachers 3 of 3, Гайдуков 10, Кузнецова 10 → 5 of 5.
    import datetime as dt

    from .builders import ROADMAP_HEADERS, ROADMAP_ROWS

    indicators = [INDICATOR_HEADERS, ["Доля всех работников", "Все работники", 10, 75, dt.date(2023, 12, 30)]]
    roadmap = {"Дорожная карта": [ROADMAP_HEADERS, *ROADMAP_ROWS], "Показатели": indicators}
    folder = make_inputs(tmp_path / "all", roster=roster, weekly=weekly, roadmap=roadmap)
    everyone = run_cli(folder, 2, "--data-only", outputs=tmp_path / "o3")
    assert everyone.exit_code == 0, everyone.output
    (indicator,) = everyone.summary()["indicators"]
    assert indicator["category"] == "all"
    weeks = {w["week"]: (w["active"], w["counted"], w["percent"]) for w in indicator["weeks"]}
    assert weeks["2023-11-06"] == (4, 6, 66.67) and weeks["2023-12-25"] == (5, 5, 100.0)
    assert "прочий персонал" not in read_text(everyone.package)


def test_roadmaps_as_schools_publish_them_read_the_same(tmp_path, run_cli):
    from .builders import ROADMAP_HEADERS, ROADMAP_ROWS

    plain = run_cli(make_inputs(tmp_path / "plain"), 2, "--data-only", outputs=tmp_path / "o1").summary()
    headers = ["№ п/п", "Наименование мероприятия", "Ответственный исполнитель", "Сроки проведения",
               "Планируемый результат", "Статус", "Дата выполнения"]  # fmt: skip
    rows = [list(r) for r in ROADMAP_ROWS]
    rows[0][3], rows[1][3], rows[2][3] = "август 2023 г.", "Сентябрь 2023 года", "01.11.2023 - 30.11.2023"
    run = run_cli(
        make_inputs(tmp_path / "in", roadmap={"Дорожная карта": [["Дорожная карта"], [], headers, *rows]}),
        2, "--data-only", outputs=tmp_path / "o2",
    )  # fmt: skip
    assert run.exit_code == 0, run.output
    assert run.summary() == plain
    assert "«Наименование мероприятия» → «Мероприятие»" in read_text(run.package)
    weekly_rows = [list(r) for r in ROADMAP_ROWS]
    weekly_rows[1][3], weekly_rows[1][6] = "еженедельно", None  # periodic: runs the whole school year
    periodic = run_cli(
        make_inputs(tmp_path / "p", roadmap={"Дорожная карта": [ROADMAP_HEADERS, *weekly_rows]}),
        2, "--data-only", outputs=tmp_path / "o3",
    )  # fmt: skip
    assert periodic.exit_code == 0, periodic.output
    second = next(a for a in periodic.summary()["activities"] if a["number"] == "2")
    assert second == {"number": "2", "status": "in_progress", "due": "2024-05-24", "new_due": None}


def test_names_with_initials_or_without_patronymic_match_the_roster(tmp_path, run_cli):
    from .builders import WEEKLY
    from .test_errors import assert_refused

    plain = run_cli(make_inputs(tmp_path / "plain"), 2, "--data-only", outputs=tmp_path / "o1").summary()
    short = ["Иванова А.П.", "Семенова Ю.", "Петров И.", "Орлова Мария", "Зайцев О", "Гайдуков А. Н."]
    rows = [[name, *row[1:]] for name, row in zip(short, WEEKLY, strict=False)] + [list(WEEKLY[-1])]
    run = run_cli(
        make_inputs(tmp_path / "in", weekly=wide_rows(weekly=rows)), 2, "--data-only", outputs=tmp_path / "o2"
    )
    assert run.exit_code == 0, run.output
    assert run.summary() == plain
    assert "«Иванова А.П.» → «Иванова Анна Петровна»" in read_text(run.package)
    roster = [ROSTER_HEADERS, *ROSTER, ["Иванова Алла Сергеевна", 8, "учитель", None, None, None, None, None]]
    rows[0][0] = "Иванова А."  # Анна Петровна or Алла Сергеевна?
    folder = make_inputs(tmp_path / "amb", roster=roster, weekly=wide_rows(weekly=rows))
    assert_refused(
        run_cli(folder, 2, outputs=tmp_path / "o3"),
        "строка 4, столбец «ФИО»: под эти ФИО подходят несколько сотрудников: «Иванова Анна Петровна», «Иванова Алла Сергеевна»",
    )


def test_two_row_headers_with_month_names_read_the_same(tmp_path, run_cli):
    from .builders import WEEKS

    plain = run_cli(make_inputs(tmp_path / "plain"), 2, "--data-only", outputs=tmp_path / "o1").summary()
    months = ["Октябрь", "Ноябрь", None, None, None, "Декабрь"]  # merged cells keep the value in the first
    for number, (upper, lower) in enumerate([
        (["№ п/п", "ФИО", *months], [None, None, *WEEKS]),  # «ФИО» above (merged down), weeks below
        ([None, None, *months], ["№ п/п", "ФИО", *WEEKS]),  # months above, «ФИО» with the weeks
    ]):  # fmt: skip
        weekly = wide_rows()
        weekly[2:3] = [upper, lower]
        for row in weekly[4:]:
            row[0] = None  # keep «№ п/п» out of the way
        run = run_cli(
            make_inputs(tmp_path / f"in{number}", weekly=weekly), 2, "--data-only", outputs=tmp_path / f"o{number + 2}"
        )
        assert run.exit_code == 0, (number, run.output)
        assert run.summary() == plain, number
    assert "заголовок в две строки (3–4)" in read_text(tmp_path / "o2" / "2023-2024" / "Q2")


MONDAYS = ["2023-10-23", "2023-11-06", "2023-11-13", "2023-11-20", "2023-11-27", "2023-12-25"]


def split_rows(day_header: bool, platform: bool):
    """builders.WEEKLY as one row per day (or per platform): whole counts split in two rows."""
    import datetime as dt

    from .builders import WEEKLY

    rows = [["Дата" if day_header else "Неделя", "ФИО", "Сообщений", *(["Платформа"] if platform else [])]]
    for person in WEEKLY:
        for monday, value in zip(MONDAYS, person[1:], strict=True):
            day = dt.date.fromisoformat(monday)
            if isinstance(value, int) and value >= 2:
                first, second = value // 2, value - value // 2
                rows.append([day, person[0], first, *(["Сферум"] if platform else [])])
                later = day + dt.timedelta(days=2) if day_header else day
                rows.append([later, person[0], second, *(["MAX"] if platform else [])])
            else:
                rows.append([day, person[0], value, *(["Сферум"] if platform else [])])
    return rows


def test_rows_per_day_or_per_platform_are_added_up_into_weeks(tmp_path, run_cli):
    from .builders import ROSTER, ROSTER_HEADERS

    plain = run_cli(make_inputs(tmp_path / "plain"), 2, "--data-only", outputs=tmp_path / "o1").summary()
    for number, (by_day, platform) in enumerate([(True, False), (False, True), (True, True)]):
        folder = tmp_path / f"in{number}"
        make_inputs(folder)
        write_xlsx(
            folder / "monitoring.xlsx",
            {"Сотрудники": [ROSTER_HEADERS, *ROSTER], "Мониторинг": split_rows(by_day, platform)},
        )
        run = run_cli(folder, 2, "--data-only", outputs=tmp_path / f"o{number + 2}")
        assert run.exit_code == 0, (by_day, platform, run.output)
        summary = run.summary()
        breakdowns = [indicator.pop("platforms", None) for indicator in summary["indicators"]]
        assert summary == plain, (by_day, platform)
        assert all(breakdowns) == platform  # the breakdown is the only addition
        assert "сложены" in read_text(run.package)


def test_the_same_person_week_and_platform_twice_is_a_duplicate(tmp_path, run_cli):
    from .builders import ROSTER, ROSTER_HEADERS
    from .test_errors import assert_refused

    rows = split_rows(False, True)
    rows = [[*r[:3], "Сферум"] if i else r for i, r in enumerate(rows)]  # every row on one platform
    folder = make_inputs(tmp_path / "in")
    write_xlsx(folder / "monitoring.xlsx", {"Сотрудники": [ROSTER_HEADERS, *ROSTER], "Мониторинг": rows})
    assert_refused(run_cli(folder, 2), "повтор: данные этого сотрудника (сферум) за неделю с")


def test_platforms_are_broken_down_in_the_report_data_and_summary(tmp_path, run_cli):
    from openpyxl import load_workbook

    from .builders import ROSTER, ROSTER_HEADERS
    from .test_documents import docx_text, pdf_text, squash

    folder = make_inputs(tmp_path / "in")
    rows = split_rows(False, True)
    write_xlsx(folder / "monitoring.xlsx", {"Сотрудники": [ROSTER_HEADERS, *ROSTER], "Мониторинг": rows})
    run = run_cli(folder, 2)
    assert run.exit_code == 0, run.output
    # Hand count, teachers, week 25.12: Иванова, Семёнова, Петров counted, 10 messages each split
    # 5 (Сферум) + 5 (MAX): all three wrote on both platforms, none reached 10 on one alone.
    (teachers, _) = run.summary()["indicators"]
    assert teachers["platforms"] == [
        {"platform": "MAX", "writers": 3, "active": 0},
        {"platform": "Сферум", "writers": 3, "active": 0},
    ]
    said = squash("По платформам в последнюю неделю (25.12–31.12.2023): MAX — писали 3, не менее порога только там 0")
    assert said in pdf_text(run.package / "report.pdf") and said in docx_text(run.package / "report.docx")
    sheet = load_workbook(run.package / "data.xlsx", read_only=True)["По платформам"]
    values = [row for row in sheet.iter_rows(min_row=2, values_only=True)]
    assert ("Педагогические работники", "MAX", 3, 3, 0) in [
        (r[0], r[1], r[3], r[4], r[5]) for r in values if r[2].day == 25
    ]
