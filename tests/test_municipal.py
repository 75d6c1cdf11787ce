"""Many organisations: consolidated and per-organisation packages, in parallel or on Dask."""

from __future__ import annotations

import json
import re

import pytest
from click.testing import CliRunner

from reporting.cli import main

from .builders import DISTRICT_TOML, ROSTER, ROSTER_HEADERS, WEEKLY, make_inputs, wide_rows, write_xlsx

SCHOOL, GARDEN = "МАОУ «СОШ № 24»", "МАДОУ «Детский сад № 5»"
# Иванова, Семёнова, Петров, Гайдуков work at the school; Орлова and Зайцев at the kindergarten.
ORGANIZATION = {
    "Иванова": SCHOOL,
    "Семёнова": SCHOOL,
    "Петров": SCHOOL,
    "Орлова": GARDEN,
    "Зайцев": GARDEN,
    "Гайдуков": SCHOOL,
}


def roster_with_organizations():
    rows = [[*ROSTER_HEADERS, "Организация"]]
    for person in ROSTER:
        rows.append([*person, ORGANIZATION[person[0].split()[0]]])
    return rows


def municipal_inputs(tmp_path, weekly=None, school=DISTRICT_TOML):
    return make_inputs(tmp_path / "in", school=school, roster=roster_with_organizations(), weekly=weekly)


def read(path):
    return json.loads(path.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def municipal_package(tmp_path_factory):
    """The municipal inputs built once with full documents, in this process (read-only for the tests)."""
    base = tmp_path_factory.mktemp("municipal")
    inputs = municipal_inputs(base)
    args = ["--quarter", "2", "--inputs", str(inputs), "--outputs", str(base / "out"), "-q", "--each-organization"]
    result = CliRunner().invoke(main, [*args, "--jobs", "1"], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return inputs, base / "out" / "2023-2024" / "Q2"


def test_each_organization_writes_consolidated_and_per_organization_packages(tmp_path, run_cli):
    run = run_cli(municipal_inputs(tmp_path), 2, "--each-organization", "--data-only", "--jobs", "2")
    assert run.exit_code == 0, run.output
    assert "Пакеты организаций: записано 2, не удалось 0." in run.output
    manifest = read(run.package / "manifest.json")
    mapping = manifest["organizations"]
    assert set(mapping) == {SCHOOL, GARDEN}
    assert all(re.fullmatch(r"organizations/[a-z0-9-]+", folder) for folder in mapping.values())
    assert mapping[SCHOOL] == "organizations/maou-sosh-no-24"
    school = read(run.package / mapping[SCHOOL] / "summary.json")
    garden = read(run.package / mapping[GARDEN] / "summary.json")
    assert school["organization"] == SCHOOL and garden["organization"] == GARDEN
    consolidated = run.summary()
    # Week of 13.11: the school counts Иванова, Семёнова, Петров (3 active of 3);
    # the kindergarten Зайцев only (Орлова is on leave): 0 of 1.
    week = lambda s: next(w for w in s["indicators"][0]["weeks"] if w["week"] == "2023-11-13")  # noqa: E731
    assert week(school) == {"week": "2023-11-13", "counted": 3, "active": 3, "percent": 100.0}
    assert week(garden) == {"week": "2023-11-13", "counted": 1, "active": 0, "percent": 0.0}
    assert week(consolidated) == {"week": "2023-11-13", "counted": 4, "active": 3, "percent": 75.0}
    ranking = consolidated["organizations"]
    assert [o["name"] for o in ranking] == [SCHOOL, GARDEN]
    assert ranking[0]["indicators"][0]["end_of_quarter"]["percent"] == 100.0
    assert read(run.package / mapping[GARDEN] / "manifest.json")["organization"] == GARDEN
    assert CliRunner().invoke(main, ["verify", str(run.package)]).exit_code == 0


def test_the_municipal_report_ranks_organisations(municipal_package):
    from .test_documents import pdf_text

    _, package = municipal_package
    text = pdf_text(package / "report.pdf")
    assert "Охватпоорганизациям" in text
    assert text.index("МАОУ«СОШ№24»100,0%") < text.index("МАДОУ«Детскийсад№5»")
    school_report = pdf_text(package / "organizations" / "maou-sosh-no-24" / "report.pdf")
    assert "вМАОУ«СОШ№24»за2четверть" in school_report


def test_one_organisations_bad_data_does_not_stop_the_others(tmp_path, run_cli):
    rows = [list(r) for r in WEEKLY]
    rows[3][2] = -5  # Орлова (kindergarten)
    folder = municipal_inputs(tmp_path, weekly=wide_rows(weekly=rows))
    run = run_cli(folder, 2, "--each-organization", "--data-only")
    assert run.exit_code == 0, run.output
    assert "записано 1, не удалось 1" in run.output and f"«{GARDEN}»" in run.output
    manifest = read(run.package / "manifest.json")
    assert list(manifest["organizations"]) == [SCHOOL]
    assert "отрицательным" in manifest["failed_organizations"][GARDEN][0]
    assert run.summary()["excluded_organizations"] == [GARDEN]
    assert CliRunner().invoke(main, ["verify", str(run.package)]).exit_code == 0
    strict = run_cli(folder, 2, "--each-organization", "--data-only", "--strict", outputs=tmp_path / "strict")
    assert strict.exit_code == 2
    assert f"«{GARDEN}»" in strict.output
    assert not (tmp_path / "strict" / "2023-2024").exists()


def test_a_folder_of_per_organisation_workbooks(tmp_path, run_cli):
    folder = make_inputs(tmp_path / "in")
    (folder / "monitoring.xlsx").unlink()
    (folder / "monitoring").mkdir()
    for name, keep in (("school-24", SCHOOL), ("garden-5", GARDEN)):
        people = [r for r in ROSTER if ORGANIZATION[r[0].split()[0]] == keep]
        names = {r[0] for r in people}
        weekly = [r for r in WEEKLY if r[0] in names or r[0].lower().startswith(("иванова", "семенова"))]
        if keep == GARDEN:
            weekly = [[r[0], *r[1:-1], None] for r in weekly]  # the kindergarten skipped the last week
        weekly = [
            r for r in weekly if any(n.lower().replace("ё", "е")[:5] in r[0].lower().replace("ё", "е") for n in names)
        ]
        write_xlsx(
            folder / "monitoring" / f"{name}.xlsx",
            {"Сотрудники": [ROSTER_HEADERS, *people], "Мониторинг": wide_rows(weekly=weekly)},
        )
    run = run_cli(folder, 2, "--each-organization", "--data-only", "--jobs", "1")
    assert run.exit_code == 0, run.output
    assert set(read(run.package / "manifest.json")["organizations"]) == {"school-24", "garden-5"}
    last = run.summary()["indicators"][0]["weeks"][-1]
    # Only the school monitored 25.12: the kindergarten's staff are not counted as inactive.
    assert last == {"week": "2023-12-25", "counted": 3, "active": 3, "percent": 100.0}
    assert (run.package / "inputs" / "monitoring" / "garden-5.xlsx").exists()
    assert CliRunner().invoke(main, ["verify", str(run.package)]).exit_code == 0


def test_dask_scheduler_gives_the_same_packages(tmp_path, run_cli, municipal_package):
    from distributed import LocalCluster

    folder, local_package = municipal_package
    # Worker processes, as a real cluster has: every model goes out and every document comes back pickled.
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as cluster:
        remote = run_cli(
            folder, 2, "--each-organization", "--scheduler", cluster.scheduler_address, outputs=tmp_path / "dask"
        )
    assert remote.exit_code == 0 and "не удалось 0" in remote.output, remote.output
    made = sorted(
        p.relative_to(local_package / "organizations")
        for p in (local_package / "organizations").rglob("*")
        if p.is_file()
    )
    assert {p.suffix for p in made} >= {".pdf", ".docx", ".json", ".xlsx"}
    for path in made:
        assert (remote.package / "organizations" / path).read_bytes() == (
            local_package / "organizations" / path
        ).read_bytes(), path


def test_unreachable_scheduler_is_a_clear_error(tmp_path, run_cli, monkeypatch):
    monkeypatch.setattr("reporting.municipal.CONNECT_TIMEOUT", 0.5)
    run = run_cli(
        municipal_inputs(tmp_path), 2, "--each-organization", "--data-only", "--scheduler", "tcp://127.0.0.1:9"
    )
    assert run.exit_code == 1
    assert "недоступен" in run.output


def test_the_consolidated_report_leaves_names_to_each_organisation(tmp_path, run_cli):
    from .test_documents import pdf_text

    rows = [list(r) for r in WEEKLY]
    rows[0][-1] = 0  # Иванова below the threshold in the last week
    run = run_cli(municipal_inputs(tmp_path, weekly=wide_rows(weekly=rows)), 2, "--each-organization", "--jobs", "1")
    assert run.exit_code == 0, run.output
    assert "ИвановаАннаПетровна" not in pdf_text(run.package / "report.pdf")
    assert "ИвановаАннаПетровна" in pdf_text(run.package / "organizations" / "maou-sosh-no-24" / "report.pdf")


def test_worker_processes_work_with_spawn_as_on_windows(tmp_path, run_cli, monkeypatch, municipal_package):
    """Windows and macOS start workers with «spawn»: every task and result must pickle."""
    import reporting.municipal

    inputs, in_process = municipal_package
    monkeypatch.setattr(reporting.municipal, "start_method", lambda: "spawn")
    spawned = run_cli(inputs, 2, "--each-organization", "--jobs", "2", outputs=tmp_path / "s")
    assert spawned.exit_code == 0, spawned.output
    assert "Пакеты организаций: записано 2, не удалось 0." in spawned.output
    from .test_outputs import snapshot

    assert snapshot(spawned.package) == snapshot(in_process)  # full documents, byte for byte


def test_verify_of_one_organisations_package(tmp_path, run_cli):
    run = run_cli(municipal_inputs(tmp_path), 2, "--each-organization", "--data-only", "--jobs", "1")
    folder = run.package / read(run.package / "manifest.json")["organizations"][SCHOOL]
    result = CliRunner().invoke(main, ["verify", str(folder)])
    assert result.exit_code == 0, result.output
    assert "не проверено: показатели не пересчитывались: это пакет одной организации" in result.output


def _indicators(*categories: str) -> list[list]:
    import datetime as dt

    rows = [["Показатель", "Категория", "Порог сообщений", "Целевое значение, %", "Срок"]]
    return rows + [[f"Доля: {c}", c, 10, 100, dt.date(2023, 12, 30)] for c in categories]


@pytest.mark.parametrize(
    ("categories", "headers", "school_row"),
    [
        (["педагогические работники"], ["Педагогические работники"], ["100,0 % (3 из 3)"]),
        (
            ["педагогические работники", "администрация", "все работники"],
            ["Педагогические работники", "Администрация", "Все работники"],
            ["100,0 % (3 из 3)", "100,0 % (1 из 1)", "100,0 % (4 из 4)"],
        ),
    ],
)
def test_the_docx_ranking_has_a_column_per_indicator(tmp_path, run_cli, categories, headers, school_row):
    from docx import Document

    from .builders import ROADMAP_HEADERS, ROADMAP_ROWS

    roadmap = {"Дорожная карта": [ROADMAP_HEADERS, *ROADMAP_ROWS], "Показатели": _indicators(*categories)}
    folder = make_inputs(tmp_path / "in", school=DISTRICT_TOML, roster=roster_with_organizations(), roadmap=roadmap)
    run = run_cli(folder, 2, "--each-organization", "--jobs", "1")
    assert run.exit_code == 0, run.output
    tables = Document(run.package / "report.docx").tables
    ranking = next(t for t in tables if t.rows[0].cells[1].text == "Организация")
    rows = [[c.text.replace("\u00a0", " ") for c in row.cells] for row in ranking.rows]
    # School, at its last week 25.12: Иванова, Семёнова, Петров wrote 10 each; Гайдуков (administration) 10.
    assert rows[0] == ["№", "Организация", *headers, "Цель"]
    assert rows[1] == ["1", SCHOOL, *school_row, "достигнута"]
    assert rows[2][:2] == ["2", GARDEN] and len(rows[2]) == len(headers) + 3


def test_the_weekly_lines_equal_each_organisations_own_model(tmp_path):
    """check's lines come from the consolidated model's per-organisation ends (all at once); they
    must be what each organisation's own model says, figure for figure."""
    from reporting.compute import weekly
    from reporting.load import load_inputs

    rows = [row[:] for row in WEEKLY]
    rows[1][-1] = 3  # Семёнова below the threshold in the last week
    inputs = load_inputs(municipal_inputs(tmp_path, weekly=wide_rows(weekly=rows)))
    status = weekly.weekly_status(inputs)
    own = tuple(weekly._organization(inputs, status.model.quarter, n, status.last_week) for n in inputs.organizations)
    assert len(own) == 2 and status.organizations == own
    assert any(sum(line.below) for line in own)  # people below the threshold are counted, not only zeros


def test_an_organisations_report_never_carries_the_districts_registration_number(tmp_path, run_cli):
    from pypdf import PdfReader

    run = run_cli(municipal_inputs(tmp_path), 2, "--each-organization", "--jobs", "1", "--date", "10.01.2024",
                  "--number", "report=01-12/15", "--number", "roadmap=01-12/16")  # fmt: skip
    assert run.exit_code == 0, run.output
    district = " ".join(p.extract_text() for p in PdfReader(run.package / "report.pdf").pages).replace("\u00a0", " ")
    assert "10.01.2024 № 01-12/15" in district
    for folder in read(run.package / "manifest.json")["organizations"].values():
        text = " ".join(p.extract_text() for p in PdfReader(run.package / folder / "report.pdf").pages)
        assert "01-12/15" not in text and "№ ______" in text.replace("\u00a0", " ")
