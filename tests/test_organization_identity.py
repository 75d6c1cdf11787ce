"""Whose document it is (issue 17, point 5): a district's consolidation is the district's, each
organisation's package carries that organisation's own requisites or lines to fill in, and no
organisation gets a roadmap it does not have."""

from __future__ import annotations

import json

from click.testing import CliRunner
from pypdf import PdfReader

from reporting.cli import main

from .builders import SCHOOL_TOML, write_xlsx
from .test_municipal import GARDEN, SCHOOL, municipal_inputs

ORGANIZATIONS = [
    ["Организация", "Полное наименование", "Краткое наименование", "Должность руководителя", "Руководитель",
     "Исполнитель", "Телефон исполнителя"],
    [SCHOOL, "Муниципальное автономное общеобразовательное учреждение «Средняя общеобразовательная школа № 24»",
     SCHOOL, "Директор", "А.Н. Гайдуков", "Шмыглева Полина Романовна", "8 (3452) 00-00-24"],
]  # fmt: skip


def text(pdf) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(pdf).pages).replace("\u00a0", " ")


def build(inputs, outputs):
    args = ["--quarter", "2", "--inputs", str(inputs), "--outputs", str(outputs), "-q", "--each-organization",
            "--jobs", "1"]  # fmt: skip
    return CliRunner().invoke(main, args, catch_exceptions=False)


def test_a_consolidation_issued_as_one_of_its_schools_is_refused(tmp_path):
    inputs = municipal_inputs(tmp_path, school=SCHOOL_TOML)
    result = build(inputs, tmp_path / "out")
    assert result.exit_code == 2
    assert "school.toml описывает «МАОУ «СОШ № 24»» — одну из организаций свода" in result.output
    assert not (tmp_path / "out" / "2023-2024").exists()


def test_each_organisation_signs_its_own_documents(tmp_path):
    inputs = municipal_inputs(tmp_path)  # the district's own school.toml (Управление образования, Е.В. Смирнова)
    write_xlsx(inputs / "organizations.xlsx", {"Организации": ORGANIZATIONS})
    result = build(inputs, tmp_path / "out")
    assert result.exit_code == 0, result.output
    package = tmp_path / "out" / "2023-2024" / "Q2"
    mapping = json.loads((package / "manifest.json").read_text(encoding="utf-8"))["organizations"]
    consolidated = text(package / "report.pdf")
    flat = " ".join(consolidated.replace("‐\n", "").split())
    assert "Начальник управления образования" in flat and "Е.В. Смирнова" in flat  # [head] full_position
    assert "Начальник Управление" not in flat
    # the title speaks of the organisations the consolidation covers (issue 32, retouch)
    assert "в подведомственных образовательных организациях (2 организации)" in flat
    assert "в Управление образования" not in flat
    school = package / mapping[SCHOOL]
    own = text(school / "report.pdf")
    assert "Директор МАОУ «СОШ № 24»" in own and "А.Н. Гайдуков" in own and "Шмыглева Полина Романовна" in own
    assert "Смирнова" not in own and "Кузнецов" not in own  # nothing of the district's head or executor
    garden = text(package / mapping[GARDEN] / "report.pdf")
    assert "Смирнова" not in garden and "Гайдуков" not in garden
    flat = " ".join(garden.split())
    assert "УТВЕРЖДАЮ ____________________ МАДОУ «Детский сад № 5»" in flat  # the head's position, by hand
    assert "____________ ________________" in flat  # the signature's line and the head's name, by hand
    assert "Исп. ________________ тел. ____________" in flat  # the executor mark too, as reading.txt promises
    for folder in (school, package / mapping[GARDEN]):
        names = {p.name for p in folder.iterdir()}
        assert not {"roadmap.pdf", "roadmap.docx", "roadmap.xlsx"} & names, names  # no borrowed roadmap
        report = text(folder / "report.pdf")
        assert "Своей дорожной карты организации во входных данных нет" in report
        assert "Просроченных мероприятий нет" not in report
    assert {"roadmap.pdf", "roadmap.docx", "roadmap.xlsx"} <= {p.name for p in package.iterdir()}
    reading = (package / "reading.txt").read_text(encoding="utf-8")
    assert f"«{GARDEN}»" in reading and "линиями для заполнения от руки" in reading
    assert CliRunner().invoke(main, ["verify", str(package)]).exit_code == 0


def test_an_organisations_report_takes_its_names_from_organizations_xlsx(tmp_path):
    """Issue 32 (retouch): the title and the organisation's line took the monitoring label, not the
    full and short names organizations.xlsx gives."""
    inputs = municipal_inputs(tmp_path)
    rows = [list(ORGANIZATIONS[0]), [SCHOOL, "Муниципальное автономное общеобразовательное учреждение «Лицей № 7»",
                                     "МАОУ «Лицей № 7»", "Директор", "И.И. Петрова", "", ""]]  # fmt: skip
    write_xlsx(inputs / "organizations.xlsx", {"Организации": rows})
    assert build(inputs, tmp_path / "out").exit_code == 0
    package = tmp_path / "out" / "2023-2024" / "Q2"
    mapping = json.loads((package / "manifest.json").read_text(encoding="utf-8"))["organizations"]
    own = " ".join(text(package / mapping[SCHOOL] / "report.pdf").split())
    assert "Муниципальное автономное общеобразовательное учреждение «Лицей № 7»" in own
    assert "в МАОУ «Лицей № 7» за 2 четверть" in own and f"в {SCHOOL} за" not in own
    assert str(PdfReader(package / mapping[SCHOOL] / "report.pdf").metadata.author) == "МАОУ «Лицей № 7»"
