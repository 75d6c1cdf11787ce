"""The clerk's route in a real browser (Playwright driving Debian's chromium): upload → check → see the
broken cell → fix it by re-upload → build → ZIP equal to the command's package → sign → verify.
Screenshots of each page at 1366×768 go to $WEB_SCREENSHOTS when it is set."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import zipfile
from contextlib import contextmanager
from pathlib import Path

import openpyxl
import pytest
from click.testing import CliRunner

from reporting.cli import main

from . import signing_kit as kit
from .conftest import ROOT

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
if not CHROMIUM and not os.environ.get("CI"):
    pytest.skip("chromium is not installed (apt-get install chromium); .ci/run installs it", allow_module_level=True)
sync_api = pytest.importorskip("playwright.sync_api")
FLAGS = ["--disable-background-networking", "--disable-component-update", "--no-first-run", "--disable-sync",
         "--disable-gpu"]  # fmt: skip


@contextmanager
def serving(inputs: Path, outputs: Path):
    """``make-report serve`` on a free port over ``inputs``; yields its login URL."""
    process = subprocess.Popen(
        [sys.executable, "-m", "reporting", "serve", "--no-browser", "--port", "0", "--inputs", str(inputs),
         "--outputs", str(outputs)],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, encoding="utf-8",
    )  # fmt: skip
    try:
        line = process.stdout.readline()
        found = re.search(r"Откройте в браузере: (http://127\.0\.0\.1:\d+/login\?token=\S+)", line)
        assert found, line + process.stderr.read() if process.poll() is not None else line
        yield found.group(1)
    finally:
        process.terminate()
        process.wait(timeout=20)


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    """``make-report serve`` over an empty inputs folder; yields (url, inputs, outputs)."""
    root = tmp_path_factory.mktemp("serve")
    inputs, outputs = root / "inputs", root / "outputs"
    inputs.mkdir()
    with serving(inputs, outputs) as url:
        yield url, inputs, outputs


@pytest.fixture(scope="module")
def browser():
    with sync_api.sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        yield launched
        launched.close()


def shot(page, name: str) -> None:
    folder = os.environ.get("WEB_SCREENSHOTS")
    if folder:
        Path(folder).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(Path(folder) / f"{name}.png"), full_page=True)


def broken_monitoring(folder: Path) -> Path:
    book = openpyxl.load_workbook(ROOT / "inputs" / "monitoring.xlsx")
    book["Мониторинг"]["F9"].value = "много"
    path = folder / "Мониторинг (с ошибкой).xlsx"
    book.save(path)
    # (openpyxl drops the cached values of the totals row's formulas: the check names those cells too)
    return path


def test_the_clerks_route(server, browser, tmp_path):
    url, inputs, outputs = server
    expect = sync_api.expect
    context = browser.new_context(viewport={"width": 1366, "height": 768}, locale="ru-RU", accept_downloads=True)
    page = context.new_page()
    page.goto(url)
    expect(page.get_by_role("heading", name="Данные и проверка")).to_be_visible()
    shot(page, "1-data-empty")
    field = page.get_by_label("Файлы", exact=True)  # the accessible name is «Файлы», nothing more
    expect(field).to_have_attribute("type", "file")
    expect(field).to_have_attribute("multiple", "")
    box = field.bounding_box()  # the field covers its whole drop zone: a file dropped anywhere lands in it
    zone = page.locator(".drop").first.bounding_box()
    assert box["width"] >= zone["width"] - 4 and box["height"] >= zone["height"] - 4

    # 1. upload three files at once, one of them with a broken cell: the check runs by itself
    shutil.copy(ROOT / "inputs" / "school.toml", tmp_path / "school.toml")
    shutil.copy(ROOT / "inputs" / "roadmap.xlsx", tmp_path / "Дорожная карта.xlsx")
    broken = broken_monitoring(tmp_path)
    page.get_by_label("Файлы").set_input_files([tmp_path / "school.toml", tmp_path / "Дорожная карта.xlsx", broken])
    expect(page.get_by_text("Принято файлов: 3")).to_be_visible(timeout=20_000)
    expect(page.get_by_text(re.compile("Найдено проблем"))).to_be_visible()
    assert sorted(p.name for p in inputs.iterdir()) == ["monitoring.xlsx", "roadmap.xlsx", "school.toml"]
    expect(page.locator("#files-now")).to_contain_text("monitoring.xlsx")

    # 2. the broken cell, on its sheet: marked invalid, described by the message
    page.get_by_role("link", name="ячейка F9").click()
    cell = page.locator('#preview td[data-cell="F9"]')
    expect(cell).to_have_attribute("aria-invalid", "true")
    expect(cell).to_have_text("много")
    expect(cell).to_have_accessible_description(re.compile("ожидается целое число сообщений"))
    expect(cell).to_be_focused()
    expect(cell).to_be_in_viewport()
    shot(page, "2-data-problem-cell")

    # 3. fix by re-upload: checked again by itself, the old file kept aside
    page.get_by_label("Файлы").set_input_files([ROOT / "inputs" / "monitoring.xlsx"])
    expect(page.get_by_text("Ошибок во входных данных нет.")).to_be_visible(timeout=20_000)
    assert len(list((outputs / "replaced-inputs").rglob("monitoring.xlsx"))) == 1
    shot(page, "3-data-valid")

    # how the tables are read: a select per column, named for a screen reader
    page.get_by_role("navigation").get_by_role("link", name="Как прочитаны таблицы").click()
    expect(page.get_by_label("Столбец B «ФИО» листа «Сотрудники»")).to_have_value("ФИО")
    shot(page, "3b-layout")
    page.get_by_role("navigation").get_by_role("link", name="Реквизиты").click()
    expect(page.get_by_label("Краткое наименование")).to_have_value("МАОУ «СОШ № 24»")
    shot(page, "3c-school")

    # 4. build the second quarter, registered at build time, and download the ZIP
    page.get_by_role("navigation").get_by_role("link", name="Пакет документов").click()
    page.get_by_label("Период").select_option("2")
    page.get_by_text("Дополнительно").click()
    page.get_by_label("Дата регистрации").fill("10.01.2024")
    page.get_by_label("Рег. номер отчёта").fill("01-12/15")
    page.get_by_label("Рег. номер дорожной карты").fill("01-12/16")
    page.get_by_role("button", name="Сформировать пакет").click()
    expect(page.get_by_text("Пакет готов: outputs/2023-2024/Q2")).to_be_visible(timeout=120_000)
    expect(page.get_by_role("img", name=re.compile("График"))).to_be_visible()
    shot(page, "4-build-result")
    with page.expect_download() as download:
        page.get_by_role("link", name="Скачать пакет (ZIP)").click()
    saved = tmp_path / "package.zip"
    download.value.save_as(saved)
    assert download.value.suggested_filename.endswith(".zip")
    cli = tmp_path / "cli"
    result = CliRunner().invoke(main, ["--quarter", "2", "--date", "10.01.2024", "--number", "01-12/15", "--number", "roadmap=01-12/16",
                                       "--inputs", str(ROOT / "inputs"), "--outputs", str(cli), "-q"])  # fmt: skip
    assert result.exit_code == 0, result.output
    folder = cli / "2023-2024" / "Q2"
    expected = {p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.rglob("*") if p.is_file()}
    with zipfile.ZipFile(saved) as archive:
        got = {name: archive.read(name) for name in archive.namelist()}
    assert got == expected

    # 5. sign: a director's signature of the report, uploaded on the archive page
    page.get_by_role("navigation").get_by_role("link", name="Подписи и архив").click()
    expect(page.get_by_text("пакет цел")).to_be_visible()
    key = kit.new_key()
    signature = tmp_path / "report.pdf.sig"
    signature.write_bytes(kit.signature(got["report.pdf"], key, kit.certificate(key)))
    page.get_by_label(re.compile("Подписи .* для этого пакета")).set_input_files([signature])
    expect(page.get_by_text("Подписей записано: 1.")).to_be_visible(timeout=30_000)
    expect(page.get_by_text(re.compile("Гайдуков")).first).to_be_visible()
    expect(page.get_by_text(re.compile("make-report-sig"))).to_have_count(0)  # no temporary path shown
    expect(page.get_by_role("link", name="report.print.pdf")).to_be_visible()
    shot(page, "5-signed")

    # 6. verify: the archive page again, with the signature in the package
    page.reload()
    expect(page.get_by_text("пакет цел")).to_be_visible()
    expect(page.get_by_role("link", name="report.pdf.sig")).to_be_visible()
    shot(page, "6-archive")
    page.get_by_role("navigation").get_by_role("link", name="Неделя").click()
    expect(page.get_by_text(re.compile("Последняя неделя мониторинга"))).to_be_visible()
    shot(page, "7-week")
    context.close()


def test_a_link_spent_in_one_browser_opens_nothing_in_another(server, browser):
    url, _, _ = server
    first = browser.new_context()
    first.new_page().goto(url)  # spent here, if no test before spent it (tests may run in any order or worker)
    first.close()
    context = browser.new_context(viewport={"width": 1366, "height": 768})
    page = context.new_page()
    answer = page.goto(url)
    assert answer.status == 403
    expect = sync_api.expect
    expect(page.get_by_text("уже использована")).to_be_visible()
    assert page.goto(url.split("/login")[0] + "/").status == 401
    context.close()
