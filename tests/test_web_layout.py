"""«Как прочитаны таблицы» on the page: the roles as describe reads them, a select per column, and
«Сохранить» writing the same layout.toml that ``describe --write`` writes, read back the same way."""

from __future__ import annotations

import re
import shutil

from click.testing import CliRunner

from reporting import api
from reporting.cli import main
from reporting.layout_edit import role_choices

from .web_kit import face


def selects(html: str) -> dict[str, str]:
    """Each select's name → its selected option's value."""
    found = {}
    for name, body in re.findall(r'<select[^>]*name="([^"]+)"[^>]*>(.*?)</select>', html, re.S):
        chosen = re.search(r'<option value="([^"]*)" selected>', body)
        found[name.replace("&#34;", '"')] = chosen.group(1) if chosen else ""
    return found


def test_the_page_shows_each_column_with_its_role(tmp_path):
    web = face(tmp_path)
    page = web.client.get("/layout").text
    chosen = selects(page)
    assert "monitoring.xlsx, лист «Сотрудники» — таблица «Сотрудники»" in page
    roster = re.search(r'name="table\|(\d+)" value="monitoring.xlsx\|Сотрудники"', page).group(1)
    assert chosen[f"role|{roster}|B"] == "ФИО" and chosen[f"role|{roster}|C"] == "Категория"
    assert 'aria-label="Столбец B «ФИО» листа «Сотрудники»"' in page


def test_saving_unchanged_writes_what_describe_write_writes(tmp_path):
    web = face(tmp_path)
    page = web.client.get("/layout").text
    fields = {**selects(page), **dict(re.findall(r'<input type="hidden" name="(table\|\d+)" value="([^"]+)"', page))}
    answer = web.post("/layout", data=fields)
    assert answer.status_code == 200 and "Сохранено в inputs/layout.toml" in answer.text
    saved = (web.inputs / "layout.toml").read_text(encoding="utf-8")
    other = tmp_path / "other"
    (web.inputs / "layout.toml").rename(tmp_path / "page-layout.toml")
    shutil.copytree(web.inputs, other)
    assert CliRunner().invoke(main, ["describe", "--inputs", str(other), "--write"]).exit_code == 0
    assert saved == (other / "layout.toml").read_text(encoding="utf-8")


def test_a_column_set_to_not_read_is_not_read_and_the_figures_say_so(tmp_path):
    web = face(tmp_path)
    page = web.client.get("/layout").text
    fields = {**selects(page), **dict(re.findall(r'<input type="hidden" name="(table\|\d+)" value="([^"]+)"', page))}
    roster = re.search(r'name="table\|(\d+)" value="monitoring.xlsx\|Сотрудники"', page).group(1)
    department = next(k for k, v in fields.items() if k.startswith(f"role|{roster}|") and v == "Подразделение")
    fields[department] = "-"
    answer = web.post("/layout", data=fields)
    assert "Сохранено" in answer.text
    assert 'E = { as = "-", header = "Подразделение" }' in (web.inputs / "layout.toml").read_text(encoding="utf-8")
    report = api.check(web.inputs)
    assert report.valid  # no breakdown without the column: every teacher «Не указано»
    assert [d.label for d in report.model.indicators[0].departments] == ["Не указано"]
    again = selects(web.client.get("/layout").text)
    assert again[department] == "-"


def test_a_role_the_table_does_not_have_is_refused_and_nothing_written(tmp_path):
    web = face(tmp_path)
    page = web.client.get("/layout").text
    fields = {**selects(page), **dict(re.findall(r'<input type="hidden" name="(table\|\d+)" value="([^"]+)"', page))}
    roster = re.search(r'name="table\|(\d+)" value="monitoring.xlsx\|Сотрудники"', page).group(1)
    fields[f"role|{roster}|B"] = "Мероприятие"
    answer = web.post("/layout", data=fields)
    assert answer.status_code == 422 and "нет столбца «Мероприятие»" in answer.text
    assert not (web.inputs / "layout.toml").exists()


def test_a_table_the_page_no_longer_matches_is_refused(tmp_path):
    web = face(tmp_path)
    answer = web.post("/layout", data={"table|0": "monitoring.xlsx|Нет такого", "role|0|B": "ФИО"})
    assert answer.status_code == 422 and "обновите страницу" in answer.text
    assert not (web.inputs / "layout.toml").exists()


def test_role_choices_are_the_tables_own_headers():
    roster = role_choices("Сотрудники")
    assert "ФИО" in roster and "Категория" in roster and roster[-1] == "-" and "неделя" not in roster
    assert "неделя" in role_choices("Мониторинг") and role_choices("Нет такой") == ("-",)


def test_what_the_week_cells_hold_is_chosen_and_written(tmp_path):
    web = face(tmp_path)
    page = web.client.get("/layout").text
    fields = {**selects(page), **dict(re.findall(r'<input type="hidden" name="(table\|\d+)" value="([^"]+)"', page))}
    weekly = re.search(r'name="table\|(\d+)" value="monitoring.xlsx\|Мониторинг"', page).group(1)
    assert fields[f"counts|{weekly}"] == "numbers"
    fields[f"counts|{weekly}"] = "marks"
    answer = web.post("/layout", data=fields)
    assert answer.status_code == 200
    assert 'counts = "marks"' in (web.inputs / "layout.toml").read_text(encoding="utf-8")
    fields[f"counts|{weekly}"] = "maybe"
    assert web.post("/layout", data=fields).status_code == 422


def test_zeros_and_ones_are_settled_by_a_button_and_give_the_right_figures(tmp_path):
    from .test_yes_no_marks import YES_NO, folder_with

    ones = [tuple(1 if v == "да" else 0 for v in row) for row in YES_NO]
    web = face(tmp_path, inputs=folder_with(tmp_path, "in", ones))
    refused = web.post("/check").text
    assert "только 0 и 1" in refused and "Это отметки «да»/«нет»" in refused and "Это числа сообщений" in refused
    settled = web.post("/layout/counts", data={"file": "monitoring.xlsx", "sheet": "Мониторинг", "counts": "marks"})
    assert "Ошибок во входных данных нет" in settled.text
    model = api.check(web.inputs).model
    ends = {r.category: (r.series.end.counted, r.series.end.active) for r in model.indicators}
    assert ends == {"teachers": (3, 2), "administration": (1, 0)}  # as test_yes_no_marks computes by hand
    as_numbers = web.post(
        "/layout/counts", data={"file": "monitoring.xlsx", "sheet": "Мониторинг", "counts": "numbers"}
    )
    assert "Ошибок во входных данных нет" in as_numbers.text
    ends = {r.category: (r.series.end.counted, r.series.end.active) for r in api.check(web.inputs).model.indicators}
    assert ends == {"teachers": (3, 0), "administration": (1, 0)}  # 1 message each: nobody reaches 10
