"""On the page, in a real browser: a clerk who keeps a file per week uploads this week's export after last
week's — both weeks stay, side by side in monitoring/, and the check reads them as one school's weeks."""

from __future__ import annotations

import shutil

import pytest

from .conftest import ROOT
from .test_web_browser import CHROMIUM, FLAGS, serving, shot, sync_api
from .test_week_uploads import FIRST, SECOND


@pytest.fixture()
def own_server(tmp_path):
    """``make-report serve`` of its own: the clerk's route test keeps the shared one's inputs."""
    inputs = tmp_path / "inputs"
    inputs.mkdir()
    shutil.copy(ROOT / "inputs" / "school.toml", inputs / "school.toml")
    shutil.copy(ROOT / "inputs" / "roadmap.xlsx", inputs / "roadmap.xlsx")
    with serving(inputs, tmp_path / "outputs") as url:
        yield url, inputs


def test_two_weeks_uploaded_one_after_the_other_both_stay(own_server, tmp_path):
    url, inputs = own_server
    expect = sync_api.expect
    first, second = tmp_path / "Отчёт Сферум (1).xlsx", tmp_path / "Отчёт Сферум (2).xlsx"
    first.write_bytes(FIRST)
    second.write_bytes(SECOND)
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        page = browser.new_context(viewport={"width": 1366, "height": 768}, locale="ru-RU").new_page()
        page.goto(url)
        page.get_by_label("Файлы").set_input_files([first])
        expect(page.get_by_text("Принято файлов: 1")).to_be_visible(timeout=20_000)
        expect(page.locator("#files-now")).to_contain_text("monitoring.xlsx")
        page.get_by_label("Файлы").set_input_files([second])
        expect(page.get_by_text("файл другой недели перенесён рядом: monitoring.xlsx → monitoring/2023-11-06.xlsx")
               ).to_be_visible(timeout=20_000)  # fmt: skip
        files = page.locator("#files-now")
        expect(files).to_contain_text("monitoring/2023-11-06.xlsx")
        expect(files).to_contain_text("monitoring/2023-11-13.xlsx")
        expect(page.get_by_text("Последняя неделя мониторинга: 13.11–19.11.2023")).to_be_visible()
        expect(page.get_by_text("Педагогические работники: 3 из 4")).to_be_visible()  # by hand: test_period_files
        shot(page, "5-data-two-weeks")
        browser.close()
    assert sorted(p.name for p in (inputs / "monitoring").iterdir()) == ["2023-11-06.xlsx", "2023-11-13.xlsx"]
