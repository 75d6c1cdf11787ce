"""«Реквизиты и календарь»: school.toml as a form — filled from the file, written back with its other
keys kept, refused (nothing written) when what it would write does not read."""

from __future__ import annotations

import re
from html import unescape

from reporting.errors import Problems
from reporting.validate.school import load_school

from .web_kit import face


def fields(html: str) -> dict[str, str]:
    found = {name: unescape(value) for name, value in re.findall(r'<input[^>]*name="([^"]+)" value="([^"]*)"', html)}
    found |= {
        name: unescape(value)
        for name, value in re.findall(r'<textarea[^>]*name="([^"]+)"[^>]*>(.*?)</textarea>', html, re.S)
    }
    return found


def school(path):
    return load_school(path.read_bytes(), Problems())


def test_the_form_is_filled_from_the_file(tmp_path):
    web = face(tmp_path)
    values = fields(web.client.get("/school").text)
    assert values["organization.short_name"] == "МАОУ «СОШ № 24»"
    assert values["head.name"] == "А.Н. Гайдуков"
    assert (values["quarter.2.start"], values["quarter.2.end"]) == ("2023-11-07", "2023-12-29")
    assert "Начальнику управления образования" in values["letter.addressee"]


def test_saving_unchanged_reads_as_the_same_school(tmp_path):
    web = face(tmp_path)
    before = school(web.inputs / "school.toml")
    answer = web.post("/school", data=fields(web.client.get("/school").text))
    assert answer.status_code == 200 and "Сохранено в inputs/school.toml" in answer.text
    assert school(web.inputs / "school.toml") == before
    assert list((web.outputs / "replaced-inputs").rglob("school.toml"))


def test_a_change_is_written_and_every_other_key_kept(tmp_path):
    web = face(tmp_path)
    with open(web.inputs / "school.toml", "a", encoding="utf-8") as extra:
        extra.write('\n[documents]\nqr = true\n\n[monitoring]\nabsence_marks = ["уч. отп."]\n')
    values = fields(web.client.get("/school").text)
    values["executor.phone"] = "8 (3452) 11-22-33"
    values["platform.name"] = "MAX"
    assert web.post("/school", data=values).status_code == 200
    now = school(web.inputs / "school.toml")
    assert (now.executor_phone, now.platform, now.qr, now.absence_marks) == (
        "8 (3452) 11-22-33",
        "MAX",
        True,
        ("уч. отп.",),
    )
    assert now.quarters[1][0].isoformat() == "2023-11-07" and now.head_name == "А.Н. Гайдуков"


def test_a_value_that_does_not_read_is_marked_on_its_field_and_nothing_written(tmp_path):
    web = face(tmp_path)
    before = (web.inputs / "school.toml").read_bytes()
    values = fields(web.client.get("/school").text)
    values["school_year.label"] = "2023-2024"
    answer = web.post("/school", data=values)
    assert answer.status_code == 422 and "Не сохранено" in answer.text
    assert re.search(
        r'name="school_year.label" value="2023-2024" aria-invalid="true" aria-describedby="school_year.label-error"',
        answer.text,
    )
    assert "учебный год пишется как 2023/2024" in answer.text
    assert (web.inputs / "school.toml").read_bytes() == before


def test_quarters_out_of_order_are_refused(tmp_path):
    web = face(tmp_path)
    values = fields(web.client.get("/school").text)
    values["quarter.2.start"] = "2023-10-01"  # before the first quarter ends
    answer = web.post("/school", data=values)
    assert answer.status_code == 422 and 'id="quarters-error"' in answer.text
    assert "2 четверть начинается до окончания 1 четверти" in answer.text
    assert 'name="quarter.1.start" value="2023-09-01" aria-invalid="true"' in answer.text


def test_a_new_school_fills_the_form_into_a_new_file(tmp_path):
    web = face(tmp_path)
    (web.inputs / "school.toml").unlink()
    values = fields(web.client.get("/school").text)
    assert values["organization.full_name"] == ""
    values.update({
        "organization.full_name": "Муниципальное бюджетное общеобразовательное учреждение «Школа № 7»",
        "organization.short_name": "МБОУ «Школа № 7»", "head.position": "Директор", "head.name": "И.И. Иванова",
        "school_year.label": "2025/2026", "quarter.1.start": "2025-09-01", "quarter.1.end": "2025-10-24",
        "quarter.2.start": "2025-11-05", "quarter.2.end": "2025-12-26", "quarter.3.start": "2026-01-12",
        "quarter.3.end": "2026-03-20", "quarter.4.start": "2026-03-30", "quarter.4.end": "2026-05-26",
    })  # fmt: skip
    assert web.post("/school", data=values).status_code == 200
    made = school(web.inputs / "school.toml")
    assert made.short_name == "МБОУ «Школа № 7»" and made.year_label == "2025/2026" and len(made.quarters) == 4


def test_text_with_quotes_and_backslashes_is_kept_as_written(tmp_path):
    web = face(tmp_path)
    values = fields(web.client.get("/school").text)
    values["executor.name"] = 'Шмыглева "П.Р." \\ [x] = 1\n# не комментарий'
    assert web.post("/school", data=values).status_code == 200
    assert school(web.inputs / "school.toml").executor_name.startswith('Шмыглева "П.Р." \\ [x] = 1')


def test_a_trimester_calendar_is_chosen_and_written_as_kind_and_periods(tmp_path):
    web = face(tmp_path)
    values = fields(web.client.get("/school").text)
    values.update({
        "school_year.kind": "триместр",
        "quarter.1.start": "2023-09-01", "quarter.1.end": "2023-11-24",
        "quarter.2.start": "2023-12-04", "quarter.2.end": "2024-02-22",
        "quarter.3.start": "2024-03-04", "quarter.3.end": "2024-05-24",
        "quarter.4.start": "", "quarter.4.end": "",
    })  # fmt: skip
    assert web.post("/school", data=values).status_code == 200
    text = (web.inputs / "school.toml").read_text(encoding="utf-8")
    assert 'kind = "триместр"' in text and "periods = " in text and "quarters" not in text
    now = school(web.inputs / "school.toml")
    assert now.period_kind == "триместр" and len(now.quarters) == 3 and now.quarters[2][1].isoformat() == "2024-05-24"
    assert '<option value="триместр" selected>триместры</option>' in web.client.get("/school").text
    values["quarter.3.start"] = values["quarter.3.end"] = ""  # two dates for three trimesters
    answer = web.post("/school", data=values)
    assert answer.status_code == 422 and "нужно ровно 3 триместра" in answer.text
