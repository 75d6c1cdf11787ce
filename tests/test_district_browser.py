"""The district's route in a real browser (Playwright, Debian's chromium): the school enters its key and
sends a return with a problem, the district returns it with a comment, the school sends again, the
district accepts and consolidates.  Screenshots go to $WEB_SCREENSHOTS when set."""

from __future__ import annotations

import re
import subprocess
import sys

import pytest

from reporting.district.keys import add_key

from .district_kit import GARDEN, SCHOOL, district_inputs, weekly_return
from .test_web_browser import CHROMIUM, FLAGS, shot, sync_api


@pytest.fixture
def district(tmp_path_factory):  # a server each: its sign-in link works once
    root = tmp_path_factory.mktemp("district-browser")
    inputs, outputs = district_inputs(root / "in"), root / "out"
    key = add_key(inputs, outputs, SCHOOL)[1]
    process = subprocess.Popen(
        [sys.executable, "-m", "reporting", "serve", "--district", "--no-browser", "--port", "0", "--inputs", str(inputs),
         "--outputs", str(outputs)],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, encoding="utf-8",
    )  # fmt: skip
    url = re.search(r"(http://127\.0\.0\.1:\d+/login\?token=\S+)", process.stdout.readline()).group(1)
    yield url, key, root
    process.terminate()
    process.wait(timeout=20)


def test_return_resubmit_accept(district, tmp_path):
    url, key, _ = district
    expect = sync_api.expect
    base = url.split("/login")[0]
    broken, fixed = tmp_path / "broken.xlsx", tmp_path / "return.xlsx"
    broken.write_bytes(weekly_return(SCHOOL, teachers=(59, 70)))
    fixed.write_bytes(weekly_return(SCHOOL))
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        school = browser.new_context(viewport={"width": 1366, "height": 768}).new_page()
        school.goto(base + "/enter")
        school.get_by_label("Ключ доступа школы").fill(key)
        school.get_by_role("button", name="Войти").click()
        school.wait_for_url("**/submit")
        school.wait_for_load_state("load")  # htmx (a deferred script) is ready: the field's change is its
        school.get_by_label("Недельный отчёт").set_input_files([broken])
        expect(school.get_by_text("Отправка 1: есть ошибки.")).to_be_visible(timeout=20_000)
        shot(school, "d1-school-problems")

        office = browser.new_context(viewport={"width": 1366, "height": 768}).new_page()
        office.goto(url)
        office.goto(base + "/board?week=2023-12-25")
        expect(office.get_by_role("row", name=re.compile(SCHOOL))).to_contain_text("есть ошибки")
        office.get_by_label("Что исправить").fill("Активных больше, чем всего педагогов")
        office.get_by_role("button", name="Вернуть на доработку").click()
        expect(office.get_by_text("Отправка 1: на доработке.")).to_be_visible()
        shot(office, "d2-board-returned")

        school.reload()
        expect(school.get_by_text("«Активных больше, чем всего педагогов»")).to_be_visible()
        school.get_by_label("Недельный отчёт").set_input_files([fixed])
        expect(school.get_by_text("Отправка 2: получено.")).to_be_visible(timeout=20_000)

        office.reload()
        expect(office.get_by_role("row", name=re.compile(SCHOOL))).to_contain_text("получено")
        office.get_by_role("button", name="Принять").click()
        expect(office.get_by_text("Отправка 2: принято.")).to_be_visible()
        office.reload()
        expect(office.get_by_role("row", name=re.compile(SCHOOL))).to_contain_text("принято")
        shot(office, "d3-board-accepted")
        school.reload()
        expect(school.get_by_text(re.compile("№ 2.*принято"))).to_be_visible()

        office.get_by_label("только принятые").check()
        office.get_by_role("button", name="Сформировать свод").click()
        expect(office.get_by_text("Свод готов: outputs/2023-2024/Q2")).to_be_visible(timeout=90_000)
        expect(office.get_by_text(re.compile("Пакетов организаций: 1"))).to_be_visible()
        office.get_by_role("link", name="report.pdf").first.wait_for()
        shot(office, "d4-board-consolidated")
        with office.expect_download() as download:
            office.get_by_role("link", name="Скачать свод (ZIP)").click()
        assert download.value.suggested_filename.endswith(".zip")
        browser.close()


def test_the_district_makes_a_key_downloads_its_sheet_and_the_school_types_it(district, tmp_path):
    url, _, _ = district
    expect = sync_api.expect
    base = url.split("/login")[0]
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        office = browser.new_context(viewport={"width": 1366, "height": 768}, accept_downloads=True).new_page()
        office.goto(url)
        office.goto(base + "/keys")
        office.wait_for_load_state("load")
        office.get_by_label("Кому").select_option(GARDEN)
        office.get_by_role("button", name="Создать ключ").click()
        shown = office.get_by_label("Ключ", exact=True)
        expect(shown).to_be_visible()
        typed = shown.inner_text().lower()  # as a clerk types it from the sheet: groups, small letters
        assert re.fullmatch(r"([a-z2-7]{4} ){12}[a-z2-7]{4}", typed)
        shot(office, "d5-key-made")
        with office.expect_download() as download:
            office.get_by_role("button", name="Скачать лист «Ключ доступа» (PDF)").click()
        saved = tmp_path / "sheet.pdf"
        download.value.save_as(saved)
        assert saved.read_bytes().startswith(b"%PDF") and download.value.suggested_filename.startswith("key-")
        expect(office.get_by_text("Лист скачан")).to_be_visible()
        office.reload()
        assert typed.upper().replace(" ", "") not in office.content().upper().replace(" ", "")  # shown once

        school = browser.new_context(viewport={"width": 1366, "height": 768}).new_page()
        school.goto(base + "/enter")
        school.get_by_label("Ключ доступа школы").fill(typed)
        school.get_by_role("button", name="Войти").click()
        school.wait_for_url("**/submit")
        expect(school.get_by_text(GARDEN)).to_be_visible()
        browser.close()
