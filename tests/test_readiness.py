"""A quarter that has not been reported must not look reported: no monitored week, or not over yet,
is refused (exit 2, nothing written) unless asked for by name — --no-monitoring, --interim."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from click.testing import CliRunner
from pypdf import PdfReader

import reporting.pipeline
from reporting.cli import main

from .builders import SCHOOL_TOML


def _text(path) -> str:
    return " ".join(page.extract_text() for page in PdfReader(path).pages).replace("\u00a0", " ")


def test_a_quarter_without_monitoring_is_refused_and_named(sample_inputs, run_cli):
    run = run_cli(sample_inputs, 4)
    assert run.exit_code == 2
    assert "--quarter: за 4 четверть нет ни одной недели мониторинга" in run.output
    assert "добавьте --no-monitoring" in run.output
    assert not run.package.exists()


def test_no_monitoring_gives_a_report_on_the_activities_alone(sample_inputs, run_cli):
    run = run_cli(sample_inputs, 4, "--no-monitoring")  # the hint, literally
    assert run.exit_code == 0, run.output
    text = _text(run.package / "report.pdf")
    assert "мониторинг не проводился" in text and "отчёт составлен только об исполнении мероприятий" in text
    assert "Динамика по неделям" not in text and "Целевые показатели" not in text
    assert "1. Исполнение мероприятий" in text and "2. Выводы и предложения" in text
    assert "0 недель" not in text and "— (—)" not in text


def test_no_monitoring_where_there_is_monitoring_is_refused(sample_inputs, run_cli):
    run = run_cli(sample_inputs, 2, "--no-monitoring")
    assert run.exit_code == 2 and "Уберите --no-monitoring" in run.output


@pytest.fixture
def this_year(tmp_path, monkeypatch):
    """A school in the middle of its 2nd quarter: «today» is 03.12.2026, the quarter ends 26.12."""
    from .builders import make_inputs

    monkeypatch.setattr(reporting.pipeline, "today", lambda: dt.date(2026, 12, 3))
    school = SCHOOL_TOML.replace('label = "2023/2024"', 'label = "2026/2027"').replace(
        """  ["2023-09-01", "2023-10-27"],
  ["2023-11-07", "2023-12-29"],
  ["2024-01-09", "2024-03-22"],
  ["2024-04-01", "2024-05-24"],""",
        """  ["2026-09-01", "2026-10-25"],
  ["2026-11-05", "2026-12-26"],
  ["2027-01-11", "2027-03-21"],
  ["2027-03-30", "2027-05-25"],""",
    )
    from .builders import ROSTER, ROSTER_HEADERS, wide_rows, write_xlsx

    folder = make_inputs(tmp_path / "now", school=school)
    weeks = ["09.11.2026", "16.11.2026", "23.11.2026", "30.11.2026"]
    rows = [[r[0], 10, 12, 9, 15] for r in ROSTER]
    write_xlsx(
        folder / "monitoring.xlsx", {"Сотрудники": [ROSTER_HEADERS, *ROSTER], "Мониторинг": wide_rows(weeks, rows)}
    )
    return folder


def test_a_quarter_not_over_is_refused(this_year, run_cli):
    run = run_cli(this_year, 2, "--data-only")
    assert run.exit_code == 2
    assert "2 четверть ещё не закончилась: её последний учебный день — 26.12.2026, сегодня 03.12.2026" in run.output
    assert "добавьте --interim" in run.output


def test_an_interim_report_is_as_of_today_and_says_so(this_year, run_cli, tmp_path):
    run = run_cli(this_year, 2, "--interim", outputs=tmp_path / "out")
    assert run.exit_code == 0, run.output
    package = tmp_path / "out" / "2026-2027" / "Q2"
    summary = (package / "summary.json").read_text(encoding="utf-8")
    assert '"status_date": "2026-12-03"' in summary and '"last_week": "2026-11-23"' in summary  # the last full week
    text = _text(package / "report.pdf")
    assert "ПРОМЕЖУТОЧНЫЙ ОТЧЁТ" in text and "(на 03.12.2026)" in text
    from reporting import verify

    assert verify(package).intact  # verify recomputes as of the recorded day, not of its own today


def test_quarter_four_follows_its_own_date(sample_inputs, run_cli):
    """The sample's Q2 decision moved activity 4 to «Февраль 2024»: on 31.08.2024 that is past. Q4 keeps
    the decision (it was taken), proposes no new deadline of its own, marks nothing as changed, and asks
    for a decision once; activities 5–8 ran through their term (Sept–May, with evidence) and are done,
    not overdue — activity 8 among them is this very review (issue 32, point 2)."""
    run = run_cli(sample_inputs, 4, "--no-monitoring")
    assert run.exit_code == 0, run.output
    found = {a["number"]: a for a in run.summary()["activities"]}
    assert found["4"]["status"] == "overdue" and found["4"]["new_due"] == "2024-02-29"
    assert [found[n]["status"] for n in "5678"] == ["done"] * 4
    report = _text(run.package / "report.pdf")
    assert "предлагается новый срок" not in report
    assert report.count("Требуется решение") == 1 and "о новом сроке мероприятия № 4 или о снятии" in report
    assert "Не завершены (предлагается перенести в дорожную карту следующего учебного года)" in report
    roadmap = _text(run.package / "roadmap.pdf")
    changes = roadmap[roadmap.index("Изменения по итогам 4 четверти") :]
    assert "Изменений нет." not in changes
    assert "Требуетсярешение:мероприятие№4—срокпорешениюот28.12.2023(«Февраль2024»)истёк" in "".join(changes.split())
    flat = "".join(roadmap.split())
    assert "Февраль2024;требуетсярешение" in flat and "Февраль2024*" not in flat  # kept, not changed now
    assert "Шмыглева П.Р. *" not in roadmap and "П.Р.*" not in flat  # changed in Q2, not by this review
    reading = (run.package / "reading.txt").read_text(encoding="utf-8")
    assert "мероприятия на срок (№ 5, № 6, № 7, № 8) проводились в течение срока" in reading


def test_changed_cells_carry_a_mark_a_black_and_white_print_keeps(sample_inputs, run_cli):
    from docx import Document

    run = run_cli(sample_inputs, 2)
    assert run.exit_code == 0, run.output
    assert "Февраль 2024 *" in _text(run.package / "roadmap.pdf")  # the decision's words, marked
    cells = {c.text for t in Document(run.package / "roadmap.docx").tables for r in t.rows for c in r.cells}
    assert "Февраль 2024\u00a0*" in cells and "Администрация, Шмыглева\u00a0П.Р.\u00a0*" in cells


def _docx_text(path) -> str:
    from docx import Document

    document = Document(path)
    cells = [c.text for t in document.tables for row in t.rows for c in row.cells]
    return " ".join([p.text for p in document.paragraphs] + cells).replace("\u00a0", " ")


def test_monitoring_that_stops_before_the_quarters_end_is_never_a_final_report(tmp_path, run_cli):
    """Issue 32, point 3: chat exports covering two November weeks gave a final Q2 report calling
    20.11–26.11 «последняя неделя четверти». Refused, with the choice named; the hint, followed,
    gives an interim report as of the last week with data, worded as one."""
    from .test_chats import school

    inputs = school(tmp_path / "inputs")
    run = run_cli(inputs, 2)
    assert run.exit_code == 2 and not run.package.exists()
    assert "мониторинг 2 четверти кончается неделей 20.11–26.11.2023, а четверть — 29.12.2023" in run.output
    assert "нет данных за 5 недель" in run.output and "добавьте --interim" in run.output
    run = run_cli(inputs, 2, "--interim")  # the hint, literally
    assert run.exit_code == 0, run.output
    for text in (_text(run.package / "report.pdf"), _docx_text(run.package / "report.docx")):
        flat = " ".join(text.replace("\u2010\n", "").split())  # lines joined, hyphenation undone
        assert "ПРОМЕЖУТОЧНЫЙ ОТЧЁТ" in flat and "(на 26.11.2023)" in flat
        assert "конец четверти" not in flat.lower() and "неделя четверти" not in flat and "неделю четверти" not in flat
        assert "На 26.11.2023" in flat and "последняя неделя с данными" in flat
    # its roadmap precedes the period's review: an interim edition, as of the same day (issue 32, cosmetic)
    for text in (_text(run.package / "roadmap.pdf"), _docx_text(run.package / "roadmap.docx")):
        flat = " ".join(text.replace("\u2010\n", "").split())
        assert "промежуточная редакция на 26.11.2023 — 2 четверть 2023/2024 учебного года" in flat
        assert "Изменения на 26.11.2023" in flat and "по итогам 2 четверти" not in flat
    summary = (run.package / "summary.json").read_text(encoding="utf-8")
    assert '"status_date": "2023-11-26"' in summary or "2023-11-26" in summary


def test_a_finished_quarter_still_speaks_of_its_end(sample_package):
    text = _text(sample_package / "report.pdf")
    assert "На конец четверти" in " ".join(text.split()) or "На конец" in text
    assert "последнюю неделю четверти" in " ".join(text.split())


def test_an_organisation_whose_monitoring_stops_early_gets_an_interim_report_of_its_own(tmp_path, run_cli):
    """Issue 32, point 2, in a consolidation: the kindergarten's weeks stop at 20.11–26.11 (nobody of its
    staff has a value after), the district's run on to 25.12. Its own package said «за 2 четверть» and
    «последняя неделя четверти» of November; now it is interim, as of 26.11.2023, and reading.txt says
    why. The school with all its weeks keeps a final report."""
    from .test_municipal import GARDEN, SCHOOL, municipal_inputs

    run = run_cli(municipal_inputs(tmp_path), 2, "--each-organization", "--jobs", "1")
    assert run.exit_code == 0, run.output
    mapping = json.loads((run.package / "manifest.json").read_text(encoding="utf-8"))["organizations"]
    garden, school = run.package / mapping[GARDEN], run.package / mapping[SCHOOL]
    flat = " ".join(_text(garden / "report.pdf").replace("\u2010\n", "").split())
    assert "ПРОМЕЖУТОЧНЫЙ ОТЧЁТ" in flat and "(на 26.11.2023)" in flat
    assert "неделя четверти" not in flat and "конец четверти" not in flat.lower()
    own = " ".join(_text(school / "report.pdf").split())
    assert "ПРОМЕЖУТОЧНЫЙ" not in own and "последнюю неделю четверти (25.12–31.12.2023)" in own
    reading = (run.package / "reading.txt").read_text(encoding="utf-8")
    assert f"«{GARDEN}»: мониторинг кончается неделей 20.11–26.11.2023, а четверть — 29.12.2023" in reading
    assert json.loads((garden / "summary.json").read_text(encoding="utf-8"))["period"]["status_date"] == "2023-11-26"
    for folder in (garden, school, run.package):
        assert CliRunner().invoke(main, ["verify", str(folder)]).exit_code == 0


def test_an_interim_roadmap_moves_no_deadline(this_year, run_cli, tmp_path):
    """Issue 32 (retouch): the interim roadmap moved overdue deadlines to the next quarter's end with no
    decision behind them. The review that decides comes after the period: an interim report asks for the
    decision and moves nothing."""
    run = run_cli(this_year, 2, "--interim", outputs=tmp_path / "out")
    assert run.exit_code == 0, run.output
    package = tmp_path / "out" / "2026-2027" / "Q2"
    activities = json.loads((package / "summary.json").read_text(encoding="utf-8"))["activities"]
    overdue = [a for a in activities if a["status"] == "overdue"]
    assert overdue and all(a["new_due"] is None for a in overdue)
    roadmap = " ".join(_text(package / "roadmap.pdf").split())
    assert "переносится на" not in roadmap and "изменён на" not in roadmap and " *" not in roadmap
    assert f"Требуется решение: мероприятие № {overdue[0]['number']}" in roadmap
