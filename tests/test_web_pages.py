"""The page's route for the sample, through Starlette's TestClient: uploads land under the contract's
names, a problem shows its cell, the build's ZIP is the command's package byte for byte, signatures
are recorded and the archive verifies (issue 28).  The browser walks the same route in test_web_browser."""

from __future__ import annotations

import io
import re
import time
import zipfile

import openpyxl
import pytest
from click.testing import CliRunner

from reporting.cli import main
from reporting.web.jobs import Jobs

from . import signing_kit as kit
from .conftest import ROOT
from .web_kit import face


@pytest.fixture(scope="module")
def jobs():
    runner = Jobs()
    yield runner
    runner.close()


def wait_for(web, answer, seconds: float = 120):
    """Poll the job's part of the page until it stops asking to be polled."""
    job_id = re.search(r'hx-get="/jobs/([0-9a-f]+)"', answer.text)
    deadline = time.monotonic() + seconds
    while job_id and time.monotonic() < deadline:
        answer = web.client.get(f"/jobs/{job_id.group(1)}", headers={"hx-request": "true"})
        if 'hx-trigger="every 1s"' not in answer.text:
            return answer
        time.sleep(0.3)
    return answer


def test_a_workbook_under_any_name_lands_as_monitoring_and_the_old_one_is_kept(tmp_path):
    web = face(tmp_path)
    old = (web.inputs / "monitoring.xlsx").read_bytes()
    book = openpyxl.load_workbook(io.BytesIO(old))
    book["Сотрудники"]["B2"].value = "Гайдуков Андрей Николаевич "  # a different file, the same figures
    changed = io.BytesIO()
    book.save(changed)
    answer = web.upload(("Мониторинг 2 четверть (исправлено).xlsx", changed.getvalue()))
    assert answer.status_code == 200
    assert "Принято файлов: 1" in answer.text and "monitoring.xlsx" in answer.text
    assert (web.inputs / "monitoring.xlsx").read_bytes() == changed.getvalue()
    kept = list((web.outputs / "replaced-inputs").glob("*/monitoring.xlsx"))
    assert len(kept) == 1 and kept[0].read_bytes() == old
    assert "replaced-inputs" in answer.text


def test_an_upload_runs_the_check_again_by_itself(tmp_path):
    web = face(tmp_path)
    data = (web.inputs / "monitoring.xlsx").read_bytes()
    book = openpyxl.load_workbook(io.BytesIO(data))
    book["Мониторинг"]["F9"].value = "много"
    broken = io.BytesIO()
    book.save(broken)
    answer = web.upload(("monitoring.xlsx", broken.getvalue()))
    assert "Найдено проблем" in answer.text and "ячейка F9" in answer.text
    fixed = web.upload(("monitoring.xlsx", data))
    assert "Ошибок во входных данных нет" in fixed.text


def test_a_table_that_fits_two_inputs_is_refused_with_the_choices_and_placed_as_chosen(tmp_path):
    web = face(tmp_path)
    book = openpyxl.Workbook()
    book.active.title = "Сотрудники"
    book.active.append(["ФИО", "Категория"])
    book.create_sheet("Дорожная карта").append(["№", "Мероприятие", "Срок"])
    both = io.BytesIO()
    book.save(both)
    answer = web.upload(("таблица.xlsx", both.getvalue()))
    assert "подходит под несколько входных файлов" in answer.text
    assert "Это дорожная карта" in answer.text and "Это мониторинг" in answer.text
    assert (web.inputs / "monitoring.xlsx").read_bytes() != both.getvalue()
    upload_id = re.search(
        r'name="upload" value="([^"]+)"><input type="hidden" name="kind" value="roadmap"', answer.text
    )
    chosen = web.post("/upload/choose", data={"upload": upload_id.group(1), "kind": "roadmap"})
    assert (web.inputs / "roadmap.xlsx").read_bytes() == both.getvalue()
    assert "Принято файлов: 1" in chosen.text
    again = web.post("/upload/choose", data={"upload": upload_id.group(1), "kind": "roadmap"})
    assert again.status_code == 404  # spent


def test_an_old_xls_takes_the_tables_place_and_is_read(tmp_path):
    """Excel 97–2003 is read (issue 30): the upload replaces the .xlsx of the same table, and the page's
    check says what that format does not carry."""
    from .conftest import ROOT

    web = face(tmp_path)
    data = (ROOT / "tests" / "fixtures" / "xls" / "monitoring.xls").read_bytes()
    answer = web.upload(("monitoring.xls", data))
    assert answer.status_code == 200
    assert (web.inputs / "monitoring.xls").read_bytes() == data
    assert not (web.inputs / "monitoring.xlsx").exists()
    assert "старый формат Excel 97–2003 (.xls)" in answer.text


def test_a_chat_export_name_is_never_a_path(tmp_path):
    web = face(tmp_path)
    web.upload(("../../../evil.json", b'{"messages": []}'), ("..\\..\\result.json", b'{"messages": []}'))
    written = sorted(p.relative_to(tmp_path).as_posix() for p in tmp_path.rglob("*.json"))
    assert all(name.startswith("inputs/chats/") for name in written), written
    assert len(written) == 2


def test_the_problem_list_downloads_as_xlsx_with_each_cell(tmp_path):
    web = face(tmp_path)
    book = openpyxl.load_workbook(web.inputs / "monitoring.xlsx")
    book["Мониторинг"]["G12"].value = "-3"
    book.save(web.inputs / "monitoring.xlsx")
    answer = web.client.get("/problems.xlsx")
    assert answer.headers["content-type"].startswith("application/vnd.openxmlformats")
    rows = list(openpyxl.load_workbook(io.BytesIO(answer.content)).active.iter_rows(values_only=True))
    assert rows[0][:4] == ("Вид", "Файл", "Лист", "Ячейка")
    assert ("monitoring.xlsx", "Мониторинг", "G12", "12") in [r[1:5] for r in rows[1:]]


def test_the_build_zip_is_the_commands_package_byte_for_byte(tmp_path, jobs):
    web = face(tmp_path, jobs=jobs)
    form = web.client.get("/build")
    assert '<option value="2"' in form.text and "2 четверть (07.11.2023 – 29.12.2023)" in form.text
    done = wait_for(web, web.post("/build", data={"period": "2", "no_names": "on"}))
    assert "Пакет готов: outputs/2023-2024/Q2" in done.text
    assert "Педагогические работники: в последнюю неделю периода 54 из 59 (91,5" in done.text
    assert 'src="data:image/svg+xml;base64,' in done.text
    steps = re.findall(r"<li>([^<]+)</li>", done.text)
    assert "Чтение и проверка входных файлов" in steps and "Расчёт показателей" in steps
    zipped = web.client.get("/zip", params={"package": "2023-2024/Q2"})
    assert zipped.status_code == 200 and ".zip" in zipped.headers["content-disposition"]
    cli_outputs = tmp_path / "cli"
    result = CliRunner().invoke(main, ["--quarter", "2", "--no-names", "--inputs", str(ROOT / "inputs"),
                                       "--outputs", str(cli_outputs), "-q"])  # fmt: skip
    assert result.exit_code == 0, result.output
    folder = cli_outputs / "2023-2024" / "Q2"
    expected = {p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.rglob("*") if p.is_file()}
    with zipfile.ZipFile(io.BytesIO(zipped.content)) as archive:
        got = {name: archive.read(name) for name in archive.namelist()}
    assert got.keys() == expected.keys() and "report.pdf" in got
    assert all(got[name] == expected[name] for name in expected)
    again = web.client.get("/zip", params={"package": "2023-2024/Q2"})
    assert again.content == zipped.content  # fixed entry times: the same download twice


def test_a_build_with_problems_says_so_and_writes_nothing(tmp_path, jobs):
    web = face(tmp_path, jobs=jobs)
    book = openpyxl.load_workbook(web.inputs / "monitoring.xlsx")
    book["Мониторинг"]["F9"].value = "много"
    book.save(web.inputs / "monitoring.xlsx")
    done = wait_for(web, web.post("/build", data={"period": "2"}))
    assert "Пакет не сформирован" in done.text and "строка 9" in done.text
    assert not (web.outputs / "2023-2024").exists()


def test_a_period_the_calendar_does_not_have_is_refused(tmp_path, jobs):
    web = face(tmp_path, jobs=jobs)
    assert web.post("/build", data={"period": "7"}).status_code == 422
    assert web.post("/build", data={"period": "../2"}).status_code == 422


def test_signatures_uploaded_are_recorded_and_the_archive_verifies(tmp_path, jobs):
    web = face(tmp_path, jobs=jobs)
    done = wait_for(
        web,
        web.post(
            "/build", data={"period": "2", "date": "10.01.2024", "number": "01-12/15", "roadmap_number": "01-12/16"}
        ),
    )
    assert "Пакет готов" in done.text
    folder = web.outputs / "2023-2024" / "Q2"
    key = kit.new_key()
    cert = kit.certificate(key)
    signature = kit.signature((folder / "report.pdf").read_bytes(), key, cert)
    archive = web.client.get("/archive")
    assert "пакет цел" in archive.text and "report.pdf" in archive.text
    answer = web.post("/sign", data={"package": "2023-2024/Q2"}, files=[("signatures", ("../../x.sig", signature))])
    assert answer.status_code == 200, answer.text
    assert "Подписей записано: 1" in answer.text and "report.pdf.sig" in answer.text
    assert "Гайдуков" in answer.text  # the certificate's owner
    assert "report.print.pdf" in answer.text
    assert (folder / "report.pdf.sig").is_file() and not (tmp_path / "x.sig").exists()
    printed = web.client.get("/file", params={"package": "2023-2024/Q2", "name": "report.print.pdf"})
    assert printed.status_code == 200 and printed.content.startswith(b"%PDF")
    assert "inline" in printed.headers["content-disposition"]
    assert "пакет цел" in web.client.get("/archive").text


def test_with_trusted_roots_the_chain_is_checked(tmp_path, jobs):
    ca = kit.make_ca()
    trust = kit.trust_folder(tmp_path / "trust", ca)
    web = face(tmp_path, jobs=jobs, trust=trust)
    wait_for(
        web,
        web.post(
            "/build", data={"period": "2", "date": "10.01.2024", "number": "01-12/15", "roadmap_number": "01-12/16"}
        ),
    )
    key = kit.new_key()
    document = (web.outputs / "2023-2024" / "Q2" / "report.pdf").read_bytes()
    signature = kit.signature(document, key, kit.certificate(key, issuer=ca))
    answer = web.post("/sign", data={"package": "2023-2024/Q2"}, files=[("signatures", ("report.pdf.sig", signature))])
    assert answer.status_code == 200 and "Подписей записано: 1" in answer.text
    assert "сертификат не проверен" not in answer.text and "--trust" not in answer.text


def test_a_bad_signature_is_refused_with_its_reason(tmp_path, jobs):
    web = face(tmp_path, jobs=jobs)
    wait_for(
        web,
        web.post(
            "/build", data={"period": "2", "date": "10.01.2024", "number": "01-12/15", "roadmap_number": "01-12/16"}
        ),
    )
    answer = web.post("/sign", data={"package": "2023-2024/Q2"},
                      files=[("signatures", ("../отчёт.pdf.sig", b"not a signature"))])  # fmt: skip
    assert answer.status_code == 422
    assert "Подписи не записаны, пакет не изменён" in answer.text
    assert "отчёт.pdf.sig: " in answer.text and "make-report-sig" not in answer.text  # the clerk's name, not a path
    assert not list((web.outputs / "2023-2024" / "Q2").glob("*.sig"))


def test_the_week_page_and_its_return(tmp_path):
    web = face(tmp_path)
    page = web.client.get("/week")
    assert "Последняя неделя мониторинга: 25.12–31.12.2023" in page.text
    assert "Семёнова Юлия Сергеевна" in page.text
    answer = web.client.get("/week/return.xlsx")
    assert answer.status_code == 200 and answer.content.startswith(b"PK")
    sheet = openpyxl.load_workbook(io.BytesIO(answer.content)).active
    assert sheet.title == "Охват"


def test_a_changed_package_is_replaced_only_when_asked_and_the_old_one_is_listed(tmp_path, jobs):
    web = face(tmp_path, jobs=jobs)
    assert "Пакет готов" in wait_for(web, web.post("/build", data={"period": "2", "no_names": "on"})).text
    school = web.inputs / "school.toml"
    school.write_text(school.read_text(encoding="utf-8").replace("00-00-24", "00-00-25"), encoding="utf-8")
    refused = wait_for(web, web.post("/build", data={"period": "2", "no_names": "on"}))
    assert "Заменить пакет" in refused.text
    assert re.search(r'<input type="hidden" name="no_names" value="on">', refused.text)  # the same options again
    replaced = wait_for(web, web.post("/build", data={"period": "2", "no_names": "on", "force": "on"}))
    assert "прежний пакет сохранён в versions/" in replaced.text
    archive = web.client.get("/archive").text
    assert "Прежние версии пакета" in archive and "пакет цел" in archive
    assert (web.outputs / "2023-2024" / "Q2" / "versions" / "1" / "report.pdf").is_file()


def test_a_refusal_offers_the_option_its_hint_names(tmp_path, jobs):
    web = face(tmp_path, jobs=jobs)
    refused = wait_for(web, web.post("/build", data={"period": "3"}))
    assert "нет ни одной недели мониторинга" in refused.text
    assert "Сформировать без показателей мониторинга" in refused.text
    assert '<input type="hidden" name="no_monitoring" value="on">' in refused.text
    done = wait_for(web, web.post("/build", data={"period": "3", "no_monitoring": "on"}))  # the button, pressed
    assert "Пакет готов: outputs/2023-2024/Q3" in done.text


def test_ways_out_are_read_from_the_refusals_hints():
    from reporting.api import ways_out
    from reporting.errors import Problem

    assert ways_out([Problem("bad_option", "--quarter", "x", hint="… добавьте --no-monitoring")]) == (
        ("no_monitoring", "без показателей мониторинга (только исполнение мероприятий)"),
    )
    assert ways_out([Problem("bad_value", "monitoring.xlsx", "x", hint="--interim")]) == ()
