"""A Google Forms / Яндекс Формы export as the weekly sheet (issue 16): a row per submission with its
time, e-mail, ФИО, week and count, under the form service's own sheet name; a resubmission replaces
the earlier answer of that person and week, and the reading report names the replacement."""

from __future__ import annotations

import datetime as dt

from .builders import ROSTER, ROSTER_HEADERS, WEEKLY, WEEKS, make_inputs, write_xlsx
from .test_errors import assert_refused
from .test_layouts_roster import base, weeks_of


def answers(stamp, counts=lambda v: v):
    """The base school's weeks as form answers, one a day after the week; empty answers are not sent."""
    rows = []
    for person in WEEKLY[:-1]:
        for week, value in zip(WEEKS, person[1:], strict=True):
            if value in (None, "-", "—"):
                continue
            monday = week if isinstance(week, dt.date) else dt.datetime.strptime(week[:10], "%d.%m.%Y").date()
            rows.append([stamp(dt.datetime.combine(monday, dt.time(18)) + dt.timedelta(days=6)),
                         "teacher@example.ru", person[0], week, counts(value)])  # fmt: skip
    return rows


def test_a_google_forms_export_reads_and_a_resubmission_replaces_the_answer(tmp_path, run_cli):
    expected = base(tmp_path, run_cli)
    rows = answers(lambda t: t)
    # Семёнова first sent 3 for the week of 25.12, then corrected it to 10 an hour later
    rows.insert(0, [dt.datetime(2023, 12, 31, 17), "teacher@example.ru", "СЕМЕНОВА\u00a0Юлия", "25.12.2023", 3])
    header = ["Отметка времени", "Адрес электронной почты", "ФИО", "Неделя", "Количество сообщений"]
    folder = make_inputs(tmp_path / "in")
    write_xlsx(folder / "monitoring.xlsx", {"Сотрудники": [ROSTER_HEADERS, *ROSTER],
                                            "Ответы на форму (1)": [header, *rows]})  # fmt: skip
    run = run_cli(folder, 2, "--data-only")
    assert run.exit_code == 0, run.output
    assert weeks_of(run) == expected
    reading = (run.package / "reading.txt").read_text(encoding="utf-8")
    assert "лист «Ответы на форму (1)»: листа «Мониторинг» нет: прочитан как «Мониторинг» этот лист" in reading
    assert "ответы формы, отправленные заново, заменили прежние (1): Семёнова Юлия, неделя с 25.12.2023: строка 2 → " \
        "строка" in reading  # fmt: skip
    assert "«Адрес электронной почты» (адрес почты из формы для расчёта не нужен)" in reading
    from reporting import describe
    from reporting.layout.words import describe_lines

    [answers_table] = [layout for layout in describe(folder).layouts if layout.reads_as == "Мониторинг"]
    said = describe_lines(answers_table)
    assert said[0] == "monitoring.xlsx, лист «Ответы на форму (1)» — таблица «Мониторинг» (определено программой)"
    assert "  не читаются: B «Адрес электронной почты»" in said


def test_a_yandex_forms_export_with_text_times_and_threshold_answers(tmp_path, run_cli):
    expected = base(tmp_path, run_cli)
    rows = answers(lambda t: t.strftime("%Y-%m-%d %H:%M:%S"), lambda v: "10+" if int(v) >= 10 else "менее 10")
    header = ["Время создания", "ФИО", "Дата", "Сообщений"]
    body = [[r[0], r[2], r[3], r[4]] for r in rows]
    folder = make_inputs(tmp_path / "in")
    write_xlsx(folder / "monitoring.xlsx", {"Сотрудники": [ROSTER_HEADERS, *ROSTER], "Ответы": [header, *body]})
    run = run_cli(folder, 2, "--data-only")
    assert run.exit_code == 0, run.output
    assert weeks_of(run) == expected


def test_two_sheets_that_fit_are_never_chosen_between_and_renaming_one_reads(tmp_path, run_cli):
    header = ["Отметка времени", "ФИО", "Неделя", "Сообщений"]
    rows = [[r[0], r[2], r[3], r[4]] for r in answers(lambda t: t)]
    folder = make_inputs(tmp_path / "in")
    sheets = {"Сотрудники": [ROSTER_HEADERS, *ROSTER], "Ответы 1": [header, *rows], "Ответы 2": [header, *rows[:3]]}
    write_xlsx(folder / "monitoring.xlsx", sheets)
    assert_refused(run_cli(folder, 2, "--data-only", outputs=tmp_path / "o1"), "подходят по заголовкам несколько",
                   "«Ответы 1», «Ответы 2»", "Переименуйте нужный лист в «Мониторинг»")  # fmt: skip
    sheets["Мониторинг"] = sheets.pop("Ответы 1")  # as the hint says
    write_xlsx(folder / "monitoring.xlsx", sheets)
    run = run_cli(folder, 2, "--data-only", outputs=tmp_path / "o2")
    assert run.exit_code == 0, run.output
    assert weeks_of(run) == base(tmp_path, run_cli)


def test_a_forms_question_headers_read_as_their_roles(tmp_path, run_cli):
    """The form's own questions as headers — a variant no spelling list holds — each read and said."""
    expected = base(tmp_path, run_cli)
    header = ["Отметка времени", "Ваше ФИО", "За какую неделю отчёт?", "Сколько сообщений вы написали за неделю?"]
    rows = [[r[0], r[2], r[3], r[4]] for r in answers(lambda t: t)]
    folder = make_inputs(tmp_path / "in")
    write_xlsx(
        folder / "monitoring.xlsx", {"Сотрудники": [ROSTER_HEADERS, *ROSTER], "Ответы на форму (1)": [header, *rows]}
    )
    run = run_cli(folder, 2, "--data-only")
    assert run.exit_code == 0, run.output
    assert weeks_of(run) == expected
    assert "«Сколько сообщений вы написали за неделю?» → «Сообщений»" in (run.package / "reading.txt").read_text(
        encoding="utf-8")  # fmt: skip


def test_a_week_label_with_a_digit_is_never_taken_for_a_question():
    from reporting.read.table import is_question

    assert is_question("за какую неделю отчёт?") and is_question("ваше фио")
    assert not is_question("неделя 5") and not is_question("сколько за 04.09?") and not is_question("фио")
