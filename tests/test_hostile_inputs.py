"""No input crashes the tool: every bad file or option ends in a located exit 2 (or 3), never 70."""

from __future__ import annotations

import io
import re
import struct
import time
import zipfile

import pytest
from click.testing import CliRunner
from openpyxl import Workbook

from reporting.cli import main
from reporting.errors import Problems

from .builders import ROSTER, ROSTER_HEADERS, SCHOOL_TOML, WEEKLY, make_inputs, wide_rows, write_xlsx
from .test_errors import assert_refused
from .test_outputs import snapshot


def rewrite_zip(path, change) -> None:
    """Rebuild the workbook's zip; ``change(name, data)`` returns new data, or None to drop the part."""
    source = zipfile.ZipFile(io.BytesIO(path.read_bytes()))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_STORED) as target:
        for info in source.infolist():
            data = change(info.filename, source.read(info.filename))
            if data is not None:
                target.writestr(info.filename, data)
    path.write_bytes(out.getvalue())


def test_a_stray_cell_far_away_is_refused_at_once_naming_it(inputs, run_cli):
    book = Workbook()
    roster = book.active
    roster.title = "Сотрудники"
    for row in [ROSTER_HEADERS, *ROSTER]:
        roster.append(row)
    roster["XFD1048576"] = 1
    weekly = book.create_sheet("Мониторинг")
    for row in wide_rows():
        weekly.append(row)
    book.save(inputs / "monitoring.xlsx")
    started = time.monotonic()
    run = run_cli(inputs, 2, "--data-only")
    assert_refused(run, "monitoring.xlsx, лист «Сотрудники»", "XFD1048576", "Ctrl+End")
    assert time.monotonic() - started < 30  # not a bound under test: the old reader aborted outright


def test_a_bad_crc_is_a_located_error(inputs, run_cli):
    rewrite_zip(inputs / "monitoring.xlsx", lambda name, data: data)
    raw = bytearray((inputs / "monitoring.xlsx").read_bytes())
    position = raw.find(b"<sheetData>")
    raw[position + 1] ^= 0x20  # stored, so the byte is in the file as is: the CRC no longer matches
    (inputs / "monitoring.xlsx").write_bytes(bytes(raw))
    assert_refused(run_cli(inputs, 2), "monitoring.xlsx", "повреждена", "сохраните его заново")


def test_a_false_uncompressed_size_is_a_located_error(inputs, run_cli):
    raw = bytearray((inputs / "monitoring.xlsx").read_bytes())
    central = raw.find(b"PK\x01\x02", raw.find(b"PK\x01\x02") + 4)  # the second part's directory entry
    struct.pack_into("<I", raw, central + 24, 10)  # «uncompressed size: 10 bytes»
    (inputs / "monitoring.xlsx").write_bytes(bytes(raw))
    assert_refused(run_cli(inputs, 2), "monitoring.xlsx")


def test_a_missing_sheet_part_is_a_located_error(inputs, run_cli):
    rewrite_zip(inputs / "monitoring.xlsx", lambda name, data: None if name == "xl/worksheets/sheet2.xml" else data)
    assert_refused(run_cli(inputs, 2), "monitoring.xlsx", "нет листа «Мониторинг»", "повреждён")


def test_a_doctype_after_the_first_4_kb_is_refused(inputs, run_cli):
    def late_dtd(name, data):
        if name != "xl/worksheets/sheet1.xml":
            return data
        return b"<?xml version='1.0'?><!--" + b"x" * 5000 + b'--><!DOCTYPE x [<!ENTITY a "b">]>' + data

    rewrite_zip(inputs / "monitoring.xlsx", late_dtd)
    assert_refused(run_cli(inputs, 2), "monitoring.xlsx", "содержит DTD")


def test_huge_counts_are_located_errors(tmp_path, run_cli):
    rows = [list(r) for r in WEEKLY]
    rows[0][2] = 2**31
    rows[1][2] = "9" * 5000
    folder = make_inputs(tmp_path / "in", weekly=wide_rows(weekly=rows))
    assert_refused(run_cli(folder, 2), "проблем: 2", "строки 4–5", "слишком большое число", "2 раз")


def test_school_toml_of_the_wrong_shape_is_located(tmp_path, run_cli):
    top_level_head = 'head = "А.Н. Гайдуков"\n' + SCHOOL_TOML
    for number, (old, new, said) in enumerate(
        [
            ("[organization]", "[[organization]]", "«organization»"),
            (
                SCHOOL_TOML,
                top_level_head.replace('[head]\nposition = "Директор"\nname = "А.Н. Гайдуков"', ""),
                "«head»",
            ),
            ('short_name = "МАОУ «СОШ № 24»"', f'short_name = "{"Школа " * 40}"', "слишком длинный текст"),
            ("[head]", "[chief]", "«head.position»"),
        ]
    ):
        school = SCHOOL_TOML.replace(old, new)
        assert school != SCHOOL_TOML
        run = run_cli(make_inputs(tmp_path / f"in{number}", school=school), 2, outputs=tmp_path / f"o{number}")
        assert_refused(run, "school.toml", said)


def test_a_number_of_thousands_of_digits_in_school_toml_is_located_and_its_hint_works(tmp_path, run_cli):
    # Python refuses to read an integer past 4 300 digits: this ended in «Внутренняя ошибка программы»
    school = SCHOOL_TOML.replace('phone = "8 (3452) 00-00-24"', "phone = " + "9" * 5000, 1)  # the quotes lost
    assert school != SCHOOL_TOML
    line = next(n for n, text in enumerate(school.splitlines(), start=1) if text.startswith("phone = 999"))
    run = run_cli(make_inputs(tmp_path / "in", school=school), 2, "--data-only", outputs=tmp_path / "o1")
    assert_refused(run, f"school.toml, строка {line}: ошибка в записи school.toml: число из тысяч цифр",
                   "пишется в кавычках")  # fmt: skip
    fixed = school.replace("9" * 5000, '"8 (3452) 00-00-24"')  # the hint, literally: the phone in quotes
    assert (
        run_cli(make_inputs(tmp_path / "in2", school=fixed), 2, "--data-only", outputs=tmp_path / "o2").exit_code == 0
    )


def test_missing_organization_never_borrows_the_sample_schools_name(tmp_path, run_cli):
    school = SCHOOL_TOML.split("[head]")[0].replace("[organization]", "").split("short_name")[0]
    school = re.sub(r"full_name = .*\n", "", school) + SCHOOL_TOML[SCHOOL_TOML.index("[head]") :]
    run = run_cli(make_inputs(tmp_path / "in", school=school), 2)
    assert_refused(run, "«organization.full_name»", "«organization.short_name»")
    assert "СОШ № 24" not in run.output


def test_control_and_bidi_characters_never_reach_a_document(tmp_path, run_cli):
    from .test_documents import docx_text, pdf_text

    school = SCHOOL_TOML.replace('short_name = "МАОУ «СОШ № 24»"', 'short_name = "МАОУ\\u0007 «СОШ № 24»"')
    roster = [ROSTER_HEADERS, *[list(r) for r in ROSTER]]
    roster[1][0] = "Иванова Анна\u202eанвортеП"  # shows as «Иванова Анна Петровна» in a bidi-aware viewer
    weekly = [list(r) for r in WEEKLY]
    weekly[0][0] = "Иванова Анна\u202eанвортеП"
    weekly[0][-1] = 1  # below the threshold: the name goes to the appendix
    folder = make_inputs(tmp_path / "in", school=school, roster=roster, weekly=wide_rows(weekly=weekly))
    run = run_cli(folder, 2)
    assert run.exit_code == 0, run.output
    texts = [pdf_text(run.package / "report.pdf"), docx_text(run.package / "report.docx")]
    for text in texts:
        assert "\u202e" not in text and "\u0007" not in text
        assert "анвортеП" in text  # the characters as typed, in their order: no hidden reversal


def test_a_name_of_a_thousand_characters_is_refused(tmp_path, run_cli):
    roster = [ROSTER_HEADERS, *[list(r) for r in ROSTER]]
    roster[2][0] = "Я" * 1000
    run = run_cli(make_inputs(tmp_path / "in", roster=roster), 2)
    assert_refused(run, "лист «Сотрудники», строка 3, столбец «ФИО»", "1000 знаков")


def test_a_long_unbreakable_name_still_lays_out(tmp_path, run_cli):
    from .test_documents import pdf_text

    name = "Ж" * 290
    roster = [ROSTER_HEADERS, *[list(r) for r in ROSTER]]
    roster[1][0] = name
    weekly = [list(r) for r in WEEKLY]
    weekly[0][0] = name
    weekly[0][-1] = 1
    run = run_cli(make_inputs(tmp_path / "in", roster=roster, weekly=wide_rows(weekly=weekly)), 2)
    assert run.exit_code == 0, run.output
    assert name in pdf_text(run.package / "report.pdf").replace("\u200b", "").replace("\n", "").replace(" ", "")


def test_a_million_problems_are_counted_not_collected(tmp_path, run_cli):
    rows = wide_rows() + [[None, f"Посторонний {n}", 10] for n in range(3000)]
    run = run_cli(make_inputs(tmp_path / "in", weekly=rows), 2)
    # one cause, one line: the first 1 000 rows grouped (11–1010), the other 2 000 counted
    assert_refused(run, "проблем: 3000", "строки 11–1010, столбец «ФИО»: сотрудника нет в листе", "1000 раз",
                   "… и ещё 2000 проблем сверх первых 1000")  # fmt: skip
    assert len([line for line in run.output.splitlines() if line.startswith("  • ")]) == 1
    problems = Problems(limit=5)
    for n in range(20):
        problems.add("bad_value", "f", str(n))
    assert len(problems.items) == 5 and problems.more == 15


def test_mistyped_options_are_located(inputs, run_cli, tmp_path):
    for args, said in [
        (["--wait", "nan"], "--wait"),
        (["--date", "31.02.2024"], "такой даты нет в календаре"),
        (["--date", "вчера"], "--date"),
    ]:
        assert_refused(run_cli(inputs, 2, *args), said)
    run = CliRunner().invoke(main, ["init", str(tmp_path / "new"), "--year", "0001/0002"])
    assert run.exit_code == 2 and "--year" in run.output
    assert not (tmp_path / "new").exists()


def test_the_document_date_is_printed_as_a_date(inputs, run_cli):
    from .test_documents import pdf_text

    run = run_cli(inputs, 2, "--date", "5.1.24", "--number", "01-12/7", "--number", "roadmap=01-12/8")
    assert run.exit_code == 0, run.output
    assert "05.01.2024" in pdf_text(run.package / "report.pdf")
    assert "01-12/7" in pdf_text(run.package / "report.pdf")


def test_ctrl_c_after_the_package_is_in_place_ends_as_done(inputs, run_cli, monkeypatch):
    import signal

    import reporting.pipeline

    real = reporting.pipeline._top_level

    def interrupted_after(package):
        signal.raise_signal(signal.SIGINT)  # Ctrl-C once the package is in place
        return real(package)

    monkeypatch.setattr(reporting.pipeline, "_top_level", interrupted_after)
    run = run_cli(inputs, 2, "--data-only")
    assert run.exit_code == 0 and "Готово" in run.output
    assert (run.package / "manifest.json").is_file()


def test_ctrl_c_during_the_swap_is_held_until_the_swap_is_done(inputs, run_cli, monkeypatch):
    import signal

    import reporting.archive.package as package

    from .test_archive import changed_inputs

    first = run_cli(inputs, 2, "--data-only")
    changed_inputs(inputs)

    def step(name):
        if name in ("swapped", "retired"):  # in the middle of the swap (one exchange, or two renames)
            signal.raise_signal(signal.SIGINT)

    monkeypatch.setattr(package, "step", step)
    for exchanges in (True, False):
        if not exchanges:
            monkeypatch.setattr(package, "exchange", lambda a, b: False)
            changed_inputs(inputs, person=2, value=0)
        run = run_cli(inputs, 2, "--data-only", "--force", outputs=first.outputs)
        assert run.exit_code == 0 and "Готово" in run.output
        assert (first.package / "versions" / ("1" if exchanges else "2") / "manifest.json").is_file()
        assert sorted(p.name for p in first.package.parent.iterdir()) == ["Q2"]


@pytest.mark.parametrize("when", ["while the files are written", "after the last file, before the swap"])
def test_ctrl_c_while_the_package_is_written_rolls_back_and_exits_130(inputs, run_cli, monkeypatch, when):
    """Issue 33, point 7: it was ignored, and the run ended «Готово» with the new package."""
    import signal

    import reporting.archive.package as package

    from .test_archive import changed_inputs

    first = run_cli(inputs, 2, "--data-only")
    before = snapshot(first.package)
    changed_inputs(inputs)
    real_write, real_step, written = package.write_file, package.step, []

    def write_file(path, data):
        written.append(path)
        if when.startswith("while") and len(written) == 3:
            signal.raise_signal(signal.SIGINT)  # Ctrl-C in the middle of staging
        real_write(path, data)

    def step(name):
        if name == "staged" and when.startswith("after"):
            signal.raise_signal(signal.SIGINT)
        real_step(name)

    monkeypatch.setattr(package, "write_file", write_file)
    monkeypatch.setattr(package, "step", step)
    previous = signal.signal(signal.SIGINT, signal.default_int_handler)  # test workers may ignore Ctrl-C
    try:
        run = run_cli(inputs, 2, "--data-only", "--force", outputs=first.outputs)
    finally:
        signal.signal(signal.SIGINT, previous)
    assert run.exit_code == 130, run.output
    assert "Прервано. Пакет не записан, прежний пакет не изменён." in run.output and "Готово" not in run.output
    assert snapshot(first.package) == before
    assert sorted(p.name for p in first.package.parent.iterdir()) == ["Q2"]  # no staging folder left


def test_ctrl_c_inside_a_garbage_collection_callback_still_stops_the_run(inputs, run_cli, monkeypatch):
    """The handler only notes the request: raised there, the interrupt would be printed and lost."""
    import gc
    import signal

    import reporting.pipeline

    real = reporting.pipeline.build_model

    def collect_with_ctrl_c(*args, **kwargs):
        def callback(phase, info):
            if phase == "start":
                signal.raise_signal(signal.SIGINT)

        gc.callbacks.append(callback)
        try:
            gc.collect()
        finally:
            gc.callbacks.remove(callback)
        return real(*args, **kwargs)

    monkeypatch.setattr(reporting.pipeline, "build_model", collect_with_ctrl_c)
    previous = signal.signal(signal.SIGINT, signal.default_int_handler)  # test workers may ignore Ctrl-C
    try:
        run = run_cli(inputs, 2, "--data-only")
    finally:
        signal.signal(signal.SIGINT, previous)
    assert run.exit_code == 130 and "Прервано" in run.output
    assert not run.package.exists()


def test_ctrl_c_inside_an_import_is_an_interrupt_not_an_internal_error(inputs, run_cli, monkeypatch):
    import reporting.pipeline

    before = snapshot(run_cli(inputs, 2, "--data-only").package)

    def cut_short(*_args, **_kwargs):
        try:
            raise KeyboardInterrupt
        except KeyboardInterrupt:
            raise ImportError("partially initialized module") from None

    monkeypatch.setattr(reporting.pipeline, "build_model", cut_short)
    run = run_cli(inputs, 2, "--data-only", "--force")
    assert run.exit_code == 130 and "Прервано" in run.output and "Внутренняя" not in run.output
    assert snapshot(run.package) == before


def test_an_interrupt_chained_as_context_counts_too():
    from reporting.cli import _interrupted

    try:
        try:
            raise KeyboardInterrupt
        except KeyboardInterrupt:
            raise RuntimeError("boom")  # noqa: B904 (the implicit context is what is tested)
    except RuntimeError as exc:
        assert _interrupted(exc)
    assert not _interrupted(ValueError("x"))


def test_write_xlsx_round_trip(tmp_path):
    assert write_xlsx(tmp_path / "a.xlsx", {"A": [["x"]]}).is_file()


def test_a_real_ctrl_c_always_ends_as_the_archive_is(inputs, tmp_path):
    """Ctrl-C at several moments of a real run: 130 and the archive untouched, or 0 and a whole package."""
    import os
    import signal
    import subprocess
    import sys

    outputs = tmp_path / "outputs"
    script = "import sys; sys.argv[0] = 'make-report'; from reporting import entry; entry()"
    for delay in (1.0, 2.0):
        process = subprocess.Popen(
            [sys.executable, "-c", script, "--quarter", "2", "--inputs", str(inputs), "--outputs", str(outputs),
             "--force", "--date", f"0{int(delay)}.01.2024"],
            stderr=subprocess.PIPE, text=True, env={**os.environ, "PYTHONUNBUFFERED": "1"},
        )  # fmt: skip
        before = snapshot(outputs / "2023-2024" / "Q2") if (outputs / "2023-2024" / "Q2").exists() else {}
        time.sleep(delay)
        process.send_signal(signal.SIGINT)
        _, err = process.communicate(timeout=120)
        assert process.returncode in (0, 130), err
        assert "Traceback" not in err and "Fatal Python error" not in err
        package = outputs / "2023-2024" / "Q2"
        if process.returncode == 130:
            assert "Прервано" in err and "Готово" not in err
            assert (snapshot(package) if package.exists() else {}) == before
        else:
            assert "Готово" in err and "Прервано" not in err
            assert CliRunner().invoke(main, ["verify", str(package)]).exit_code == 0
        left = sorted(p.name for p in package.parent.iterdir()) if package.parent.exists() else []
        assert left == (["Q2"] if package.exists() else [])  # no temporary folder left behind


def test_a_workbook_with_backslashed_part_names_is_refused_with_a_hint_that_works(inputs, run_cli):
    original = (inputs / "monitoring.xlsx").read_bytes()
    renamed = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(original)) as source, zipfile.ZipFile(renamed, "w") as target:
        for info in source.infolist():  # «xl\worksheets\sheet1.xml», as some Windows tools write
            target.writestr(info.filename.replace("/", "\\"), source.read(info.filename))
    (inputs / "monitoring.xlsx").write_bytes(renamed.getvalue())
    run = run_cli(inputs, 2, "--data-only")
    assert_refused(run, "monitoring.xlsx", "обратной косой чертой", "сохраните его заново как «Книга Excel (*.xlsx)»")
    (inputs / "monitoring.xlsx").write_bytes(original)  # what saving it again gives: the standard names
    assert run_cli(inputs, 2, "--data-only").exit_code == 0
