"""LibreOffice's .ods reads like .xlsx: the same figures, the same safety, the same located errors."""

from __future__ import annotations

import io
import shutil
import time
import zipfile
from pathlib import Path

from .builders import make_inputs
from .conftest import ROOT
from .ods import PADDING_ROW, Percent, as_ods, write_ods
from .test_coverage import teachers
from .test_errors import assert_refused
from .test_figures_safety import roadmap_with_targets

LIBREOFFICE = Path(__file__).parent / "fixtures" / "libreoffice"  # the sample, saved by LibreOffice Calc 7.4


def _figures(summary: dict) -> dict:
    """summary.json without what names the tool and its options (identical inputs, identical figures)."""
    return {k: v for k, v in summary.items() if k != "generated_by"}


def test_the_sample_saved_by_libreoffice_gives_the_sample_figures(tmp_path, run_cli):
    folder = tmp_path / "ods"
    folder.mkdir()
    shutil.copy(ROOT / "inputs" / "school.toml", folder)
    for name in ("roadmap.ods", "monitoring.ods"):
        shutil.copy(LIBREOFFICE / name, folder)
    run = run_cli(folder, 2, "--data-only")
    assert run.exit_code == 0, run.output
    # The sample's hand-checked end of quarter: 54 of 59 teachers (91,53 %), 8 of 8 in administration.
    end = teachers(run.summary())["end_of_quarter"]
    assert (end["counted"], end["active"], end["percent"]) == (59, 54, 91.53)
    assert sorted(p.name for p in (run.package / "inputs").iterdir()) == [
        "monitoring.ods",
        "roadmap.ods",
        "school.toml",
    ]
    plain = run_cli(ROOT / "inputs", 2, "--data-only", outputs=tmp_path / "plain")
    assert _figures(run.summary()) == _figures(plain.summary())


def test_builder_inputs_as_ods_give_the_hand_computed_figures(tmp_path, run_cli):
    folder = make_inputs(tmp_path / "in")
    as_ods(folder / "roadmap.xlsx")
    as_ods(folder / "monitoring.xlsx")
    run = run_cli(folder, 2, "--data-only")
    assert run.exit_code == 0, run.output
    assert [(w["counted"], w["active"]) for w in teachers(run.summary())["weeks"]] == [(4, 2), (4, 3), (3, 2), (3, 3)]
    assert "monitoring.ods, лист «Мониторинг»" in (run.package / "reading.txt").read_text(encoding="utf-8")


def test_a_percent_target_in_an_ods_is_a_percent(inputs, run_cli):
    roadmap_with_targets(inputs / "roadmap.xlsx", [(0.75, "0%")])
    as_ods(inputs / "roadmap.xlsx")
    run = run_cli(inputs, 2, "--data-only")
    assert run.exit_code == 0, run.output
    assert teachers(run.summary())["target_percent"] == 75.0
    assert Percent(0.75) == 0.75  # the writer's marker is a plain number to everyone else


def test_a_repeated_row_that_would_fill_millions_of_cells_is_refused_before_reading(inputs, run_cli):
    """A few hundred bytes of .ods can say «this text, 200 000 rows × 100 columns»."""
    bomb = (
        '<table:table-row table:number-rows-repeated="200000">'
        '<table:table-cell table:number-columns-repeated="100" office:value-type="string"><text:p>x</text:p>'
        "</table:table-cell></table:table-row>"
    )
    data = write_ods({"Лист1": [["ФИО"]]}, padding=False, rows_xml=bomb)
    (inputs / "monitoring.xlsx").unlink()
    (inputs / "monitoring.ods").write_bytes(data)
    started = time.perf_counter()
    run = run_cli(inputs, 2, "--data-only")
    assert_refused(run, "monitoring.ods, лист «Лист1»", "лист слишком велик", "CV200001")
    assert time.perf_counter() - started < 20  # reading it would take minutes and gigabytes


def test_libreoffice_padding_to_the_last_row_and_column_is_not_data():
    from reporting.read.workbook import open_workbook

    data = write_ods({"Лист1": [["ФИО", "Неделя"], ["Иванова", 5]]})
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        assert PADDING_ROW.format(n=16382).encode() in archive.read("content.xml")
    book = open_workbook(data, "monitoring.ods")
    assert book.rows("Лист1") == [["ФИО", "Неделя"], ["Иванова", 5.0]]


def test_the_same_table_in_two_formats_is_an_error(inputs, run_cli):
    (inputs / "roadmap.ods").write_bytes(write_ods({"Дорожная карта": [["№"]]}))
    assert_refused(run_cli(inputs, 2, "--data-only"), "roadmap.xlsx и roadmap.ods", "Оставьте один файл")


def test_a_password_protected_ods_is_refused_with_a_hint(inputs, run_cli):
    (inputs / "monitoring.xlsx").unlink()
    (inputs / "monitoring.ods").write_bytes(write_ods({"Лист1": [["x"]]}, encrypted=True))
    assert_refused(run_cli(inputs, 2, "--data-only"), "monitoring.ods", "защищён паролем", "Снимите пароль")


def test_a_dtd_in_an_ods_is_refused(inputs, run_cli):
    (inputs / "roadmap.xlsx").unlink()
    tail = '<!DOCTYPE x [<!ENTITY a "aaaaaaaaaa">]>'
    (inputs / "roadmap.ods").write_bytes(write_ods({"Дорожная карта": [["№"]]}, content_tail=tail))
    assert_refused(run_cli(inputs, 2, "--data-only"), "roadmap.ods", "содержит DTD")


def test_an_uncalculated_formula_in_an_ods_is_located(tmp_path, run_cli):
    from .builders import WEEKLY, Formula, wide_rows

    weekly = [list(r) for r in WEEKLY]
    weekly[0][2] = Formula("=5+7")
    folder = make_inputs(tmp_path / "in", weekly=wide_rows(weekly=weekly))
    as_ods(folder / "monitoring.xlsx")
    assert_refused(
        run_cli(folder, 2, "--data-only"),
        "monitoring.ods, лист «Мониторинг», строка 4, столбец «06.11.2023»",
        "формула",
    )
