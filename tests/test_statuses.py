"""Activity statuses on the status date and corrected deadlines (contract rules, in order)."""

from __future__ import annotations

import datetime as dt

from .builders import ROADMAP_HEADERS, ROADMAP_ROWS, make_inputs


def activities(run) -> dict[str, dict]:
    return {a["number"]: a for a in run.summary()["activities"]}


def test_each_status_rule(inputs, run_cli):
    found = activities(run_cli(inputs, 2, "--data-only"))
    assert found["1"] == {"number": "1", "status": "done", "due": "2023-08-31", "new_due": None}
    assert found["2"]["status"] == "done"  # a completion date before the status date
    assert found["3"] == {"number": "3", "status": "overdue", "due": "2023-11-30", "new_due": "2024-03-22"}
    assert found["4"] == {"number": "4", "status": "in_progress", "due": "2024-05-31", "new_due": None}
    assert found["5"] == {"number": "5", "status": "not_started", "due": "2024-03-31", "new_due": None}
    assert found["6"] == {"number": "6", "status": "cancelled", "due": "2023-12-30", "new_due": None}


def test_statuses_move_with_the_quarter(inputs, run_cli):
    q1 = activities(run_cli(inputs, 1, "--data-only"))
    assert q1["3"]["status"] == "in_progress"  # Ноябрь 2023 started on 01.11, before 05.11.2023
    assert q1["5"]["status"] == "not_started"
    assert q1["6"]["status"] == "cancelled"
    q4 = activities(run_cli(inputs, 4, "--data-only", "--no-monitoring"))
    assert q4["4"]["status"] == "overdue"
    assert q4["4"]["new_due"] is None  # no quarter after the 4th: a decision is needed


def _with_corrections(tmp_path, rows):
    roadmap = {
        "Дорожная карта": [ROADMAP_HEADERS, *ROADMAP_ROWS],
        "Корректировки": [["№ мероприятия", "Новый срок", "Ответственные", "Основание", "Дата решения"], *rows],
    }
    return make_inputs(tmp_path / "corr", roadmap=roadmap)


def test_latest_correction_decided_by_the_status_date_wins(tmp_path, run_cli):
    folder = _with_corrections(tmp_path, [
        ["3", "Февраль 2024", None, "Протокол № 1", dt.date(2023, 12, 1)],
        ["3", dt.date(2024, 2, 15), "Шмыглева П.Р.", "Протокол № 2", dt.date(2023, 12, 20)],
        ["4", "30.04.2024", None, "Протокол № 3", dt.date(2024, 1, 10)],  # after 07.01.2024
    ])  # fmt: skip
    found = activities(run_cli(folder, 2, "--data-only"))
    assert found["3"]["new_due"] == "2024-02-15"
    assert found["4"]["new_due"] is None  # decided after the status date: not yet
    q3 = activities(run_cli(folder, 3, "--data-only", "--no-monitoring", outputs=tmp_path / "q3"))
    assert q3["4"]["new_due"] == "2024-04-30"


def test_correction_for_an_activity_that_is_not_overdue_sets_new_due(tmp_path, run_cli):
    folder = _with_corrections(tmp_path, [["5", "Апрель 2024", None, "Перенос", dt.date(2023, 12, 28)]])
    assert activities(run_cli(folder, 2, "--data-only"))["5"]["new_due"] == "2024-04-30"


def test_quarter_four_sums_up_the_school_year(inputs, run_cli):
    run = run_cli(inputs, 4, "--no-monitoring")
    assert run.exit_code == 0, run.output
    year = run.summary()["year"]
    teachers = year["indicators"][0]
    assert [e and e["percent"] for e in teachers["quarter_ends"]] == [75.0, 100.0, None, None]
    assert year["statuses"] == {"done": 2, "overdue": 3, "cancelled": 1}
    assert year["carry_over"] == ["3", "4", "5"]
    from .test_documents import docx_text, pdf_text

    for text in (pdf_text(run.package / "report.pdf"), docx_text(run.package / "report.docx")):
        assert "3.Итоги2023/2024учебногогода" in text  # no monitoring in Q4: the sections in a row
        assert "Мониторингиспользованияплатформывэтойчетвертинепроводился" in text
        assert "75,0%(3из4)" in text and "100,0%(3из3)" in text
        assert "Незавершены(предлагаетсяперенестивдорожнуюкартуследующегоучебногогода)" in text
        assert "выполнено—2мероприятия" in text and "просрочено—3мероприятия" in text


def test_other_quarters_have_no_year_summary(inputs, run_cli):
    assert "year" not in run_cli(inputs, 2, "--data-only").summary()


def test_a_correction_without_a_reason_is_not_called_overdue(tmp_path, run_cli):
    from .test_documents import docx_text, pdf_text, squash

    folder = _with_corrections(tmp_path, [
        ["5", "Апрель 2024", None, None, dt.date(2023, 12, 28)],  # not started, moved, no reason written
        ["6", "Май 2024", None, "Приказ № 7", dt.date(2023, 12, 28)],
    ])  # fmt: skip
    run = run_cli(folder, 2)
    assert run.exit_code == 0, run.output
    assert activities(run)["5"] == {
        "number": "5",
        "status": "not_started",
        "due": "2024-03-31",
        "new_due": "2024-04-30",
    }
    moved = squash("Мероприятие № 5: срок «Март 2024» изменён на Апрель 2024 (решение о корректировке от 28.12.2023)")
    overdue = squash(
        "Мероприятие № 3: срок «Ноябрь 2023» переносится на 22.03.2024 (просрочено; перенос на конец следующей "
        "четверти; решения о сроке не было — перенос вступает в силу с подписанием этой редакции)"
    )
    reasoned = squash("Мероприятие № 6: срок «до 30.12.2023» изменён на Май 2024 (Приказ № 7)")
    for text in (pdf_text(run.package / "roadmap.pdf"), docx_text(run.package / "roadmap.docx")):
        assert moved in text and overdue in text and reasoned in text
