"""A sheet's extent is measured as calamine will read it, whatever the spelling of its XML.

calamine takes a cell wherever the element's local name is ``c``: with a prefix, ``r`` after other
attributes, in single quotes, in small letters, after a tab, as a character reference, or no ``r``
at all (the next column).  Each of those used to slip past a check that looked for ``<c r="`` and
let a 1.5 KB file make the reader ask for half a terabyte and abort the process.  Now each is
refused, naming the cell; and a legitimate workbook in such a spelling reads with the same figures.
The same for an .ods: a repeat count in single quotes or with spaces around «=», or after a value
holding «>».
"""

from __future__ import annotations

import io
import re
import zipfile

import pytest

from reporting import check

from .builders import ROSTER, ROSTER_HEADERS, wide_rows
from .ods import write_ods
from .test_errors import assert_refused
from .test_hostile_inputs import rewrite_zip
from .test_unchecked_inputs import IVANOVA_ROW, monitoring_with

ROSTER_PART = "xl/worksheets/sheet1.xml"  # «Сотрудники», the first sheet builders write
MAIN = b"http://schemas.openxmlformats.org/spreadsheetml/2006/main"


def _with_row(xml: bytes, row: bytes) -> bytes:
    return xml.replace(b"</sheetData>", row + b"</sheetData>")


FAR_CELLS = {
    "r after another attribute": b'<row r="1048576"><c t="n" r="XFD1048576"><v>1</v></c></row>',
    "small letters": b'<row r="1048576"><c r="xfd1048576"><v>1</v></c></row>',
    "single quotes": b"<row r='1048576'><c r='XFD1048576'><v>1</v></c></row>",
    "a tab before r": b'<row r="1048576"><c\tr="XFD1048576"><v>1</v></c></row>',
    "a character reference": b'<row r="1048576"><c r="&#88;FD1048576"><v>1</v></c></row>',
    "a prefix": b'<row r="1048576"><x:c xmlns:x="%s" r="XFD1048576"><x:v>1</x:v></x:c></row>' % MAIN,
}


@pytest.mark.parametrize("spelling", sorted(FAR_CELLS))
def test_a_far_cell_in_any_spelling_is_refused_naming_it(inputs, run_cli, spelling):
    rewrite_zip(inputs / "monitoring.xlsx", lambda name, xml: _with_row(xml, FAR_CELLS[spelling])
                if name == ROSTER_PART else xml)  # fmt: skip
    run = run_cli(inputs, 2, "--data-only")
    assert_refused(run, "monitoring.xlsx, лист «Сотрудники»", "лист слишком велик", "XFD1048576", "Ctrl+End")


def test_cells_without_a_reference_are_counted_to_the_right(inputs, run_cli):
    # 16 384 empty cells and a value on row 1000: refused at the cell that takes it past 12 million
    wide = b'<row r="1000">' + b"<c/>" * 16_384 + b"<c><v>1</v></c></row>"
    rewrite_zip(inputs / "monitoring.xlsx", lambda name, xml: _with_row(xml, wide) if name == ROSTER_PART else xml)
    run = run_cli(inputs, 2, "--data-only")
    assert_refused(run, "лист «Сотрудники»", "лист слишком велик", "до строки 1000 (самая дальняя — ")


def test_a_sheet_data_behind_a_comment_does_not_hide_the_real_one(inputs, run_cli):
    def hidden(name, xml):
        if name != ROSTER_PART:
            return xml
        xml = xml.replace(b"<sheetData>", b"<!-- <sheetData></sheetData> --><sheetData>", 1)
        return _with_row(xml, b'<row r="1048576"><c r="XFD1048576"><v>1</v></c></row>')

    rewrite_zip(inputs / "monitoring.xlsx", hidden)
    assert_refused(run_cli(inputs, 2, "--data-only"), "лист слишком велик", "XFD1048576")


def _prefixed(xml: bytes) -> bytes:
    """The sheet as a writer that prefixes every element writes it, ``r`` after the other attributes."""
    xml = xml.replace(b'xmlns="%s"' % MAIN, b'xmlns:x="%s"' % MAIN, 1)
    xml = re.sub(rb"<(/?)([A-Za-z][\w]*)(?=[\s/>])", rb"<\1x:\2", xml)
    return re.sub(rb'<x:c r="([A-Z]+\d+)"([^>]*?)(/?)>', rb'<x:c\2 r="\1"\3>', xml)


def _figures(folder):
    report = check(folder)
    assert report.valid, report.problems
    return [(r.indicator.category, [(w.week, w.counted, w.active) for w in r.series.weeks])
            for r in report.model.indicators]  # fmt: skip


def test_a_workbook_written_with_prefixes_reads_with_the_same_figures(inputs):
    base = _figures(inputs)
    rewrite_zip(inputs / "monitoring.xlsx", lambda name, xml: _prefixed(xml) if "worksheets/" in name else xml)
    part = zipfile.ZipFile(inputs / "monitoring.xlsx").read(ROSTER_PART)
    assert b"<x:c t=" in part and b'<c r="' not in part  # the spelling under test, not Excel's
    assert _figures(inputs) == base


def test_a_prefixed_sheet_still_names_a_cached_error_and_a_formula_without_a_value(inputs):
    sheets = {"Сотрудники": [ROSTER_HEADERS, *ROSTER], "Мониторинг": wide_rows()}
    monitoring_with(inputs / "monitoring.xlsx", sheets, ("Мониторинг", IVANOVA_ROW, 4, "#DIV/0!", "e"))

    def prefixed_with_formula(name, xml):
        if "worksheets/" not in name:
            return xml
        # Иванова's third week (E4) as a formula saved without its value, as scripts write them
        xml = re.sub(rb'<c r="E4"([^>]*?)(?:/>|>.*?</c>)', rb'<c r="E4"><f>1+1</f></c>', xml, flags=re.S)
        return _prefixed(xml)

    rewrite_zip(inputs / "monitoring.xlsx", prefixed_with_formula)
    found = {(p.row, p.column): p.message for p in check(inputs).problems}
    assert "ошибка формулы «#DIV/0!»" in found[(IVANOVA_ROW, "06.11.2023")]
    assert any(row == IVANOVA_ROW and "формул" in message for (row, _), message in found.items()), found


ODS_REPEATS = {
    "single quotes": b"<table:table-row table:number-rows-repeated='100000'>",
    "spaces around =": b'<table:table-row table:number-rows-repeated = "100000">',
    "a value holding >": b'<table:table-row table:style-name="a>b" table:number-rows-repeated="100000">',
}


def _as_ods(inputs, change=None) -> bytes:
    """The base school's monitoring as an .ods (no .xlsx beside it), its content.xml through ``change``;
    returns the .ods as written before the change (the file «saved again»)."""
    sheets = {"Сотрудники": [ROSTER_HEADERS, *ROSTER], "Мониторинг": wide_rows()}
    clean = write_ods(sheets, padding=False)
    (inputs / "monitoring.xlsx").unlink(missing_ok=True)
    raw = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(clean)) as source, zipfile.ZipFile(raw, "w") as target:
        for info in source.infolist():
            data = source.read(info.filename)
            target.writestr(info, change(data) if change and info.filename == "content.xml" else data)
    (inputs / "monitoring.ods").write_bytes(raw.getvalue())
    return clean


@pytest.mark.parametrize("spelling", sorted(ODS_REPEATS))
def test_an_ods_repeat_in_any_spelling_is_counted(run_cli, inputs, spelling):
    cells = b'<table:table-cell table:number-columns-repeated="1000" office:value-type="float" office:value="1">' \
            b"<text:p>1</text:p></table:table-cell></table:table-row>"  # fmt: skip

    def under_the_header(data):  # 100 000 rows × 1 000 cells, under the roster's header
        end = data.index(b"</table:table-row>") + len(b"</table:table-row>")
        return data[:end] + ODS_REPEATS[spelling] + cells + data[end:]

    _as_ods(inputs, under_the_header)
    run = run_cli(inputs, 2, "--data-only")
    assert_refused(run, "monitoring.ods", "лист слишком велик", "до строки 100001 (самая дальняя — ALL100001)")


def test_a_percent_target_in_a_prefixed_roadmap_reads_as_a_percentage(inputs, run_cli):
    from .test_figures_safety import roadmap_with_targets

    roadmap_with_targets(inputs / "roadmap.xlsx", [(0.75, "0.00%")])  # Excel's «75,00%», kept as 0.75
    rewrite_zip(inputs / "roadmap.xlsx", lambda name, xml: _prefixed(xml) if "worksheets/" in name else xml)
    assert b"<x:c t=" in zipfile.ZipFile(inputs / "roadmap.xlsx").read("xl/worksheets/sheet2.xml")
    run = run_cli(inputs, 2, "--data-only")
    assert run.exit_code == 0, run.output
    assert run.summary()["indicators"][0]["target_percent"] == 75.0


def test_the_far_cells_hint_followed_literally_gives_a_package(inputs, run_cli):
    clean = (inputs / "monitoring.xlsx").read_bytes()
    rewrite_zip(inputs / "monitoring.xlsx", lambda name, xml: _with_row(xml, FAR_CELLS["a prefix"])
                if name == ROSTER_PART else xml)  # fmt: skip
    assert_refused(run_cli(inputs, 2, "--data-only"), "выделите строки и столбцы за пределами таблицы, удалите их")
    (inputs / "monitoring.xlsx").write_bytes(clean)  # the stray row deleted, the file saved
    assert run_cli(inputs, 2, "--data-only").exit_code == 0


def test_a_sheet_whose_xml_does_not_read_says_what_to_do(inputs, run_cli):
    clean = (inputs / "monitoring.xlsx").read_bytes()
    rewrite_zip(inputs / "monitoring.xlsx", lambda name, xml: xml.replace(b"</sheetData>", b"<x:c></sheetData>")
                if name == ROSTER_PART else xml)  # fmt: skip
    assert_refused(run_cli(inputs, 2, "--data-only"), "XML листа не читается", "сохраните его заново")
    (inputs / "monitoring.xlsx").write_bytes(clean)  # the hint, literally: the file saved again by Excel
    assert run_cli(inputs, 2, "--data-only").exit_code == 0


LONG = {  # numbers too long for Python to turn into text: the refusal must come before any such number
    "a reference's row": b'<row r="9"><c t="n" r="A' + b"9" * 5000 + b'"><v>1</v></c></row>',
    "a reference's letters": b'<row r="9"><c t="n" r="' + b"Z" * 4000 + b'1"><v>1</v></c></row>',
    "a row's number": b'<row r="' + b"9" * 5000 + b'"><c><v>1</v></c></row>',
    "Excel's spelling, last": b'<row r="9"><c r="A' + b"9" * 5000 + b'"><v>1</v></c></row>',
}


@pytest.mark.parametrize("what", sorted(LONG))
def test_a_reference_past_any_sheet_is_refused_not_a_crash(inputs, run_cli, what):
    rewrite_zip(
        inputs / "monitoring.xlsx", lambda name, xml: _with_row(xml, LONG[what]) if name == ROSTER_PART else xml
    )
    assert_refused(run_cli(inputs, 2, "--data-only"), "лист «Сотрудники»", "за пределами любого листа")


def test_an_ods_repeat_past_any_sheet_is_refused_not_a_crash(run_cli, inputs):
    repeat = b'<table:table-row table:number-rows-repeated="' + b"9" * 5000 + b'">'
    clean = _as_ods(inputs, lambda data: data.replace(b"<table:table-row>", repeat, 1))
    assert_refused(run_cli(inputs, 2, "--data-only"), "monitoring.ods", "больше любого листа", "сохраните его заново")
    (inputs / "monitoring.ods").write_bytes(clean)  # the hint, literally: the file saved again
    assert run_cli(inputs, 2, "--data-only").exit_code == 0


@pytest.mark.parametrize("bound", [1, 5, 9, 10, 11, 99, 100, 101, 999, 1000, 12345, 100001])
def test_the_proofs_row_bound_admits_exactly_one_to_the_last_row(bound):
    from reporting.read.sheet_scan import _number_at_most

    pattern = re.compile(b"(?:" + _number_at_most(bound) + b")")
    admitted = [n for n in range(1, 3 * bound + 20) if pattern.fullmatch(str(n).encode())]
    assert admitted == list(range(1, bound + 1))
    assert not any(pattern.fullmatch(text) for text in (b"", b"0", b"01", b"007"))


@pytest.mark.parametrize("bound", [1, 2, 25, 26, 27, 52, 53, 119, 702, 703, 16384])
def test_the_proofs_column_bound_admits_exactly_a_to_the_widest(bound):
    from reporting.read.refs import column_letters
    from reporting.read.sheet_scan import _letters_at_most

    pattern = re.compile(b"(?:" + _letters_at_most(bound) + b")")
    admitted = [i for i in range(3 * bound + 30) if pattern.fullmatch(column_letters(i).encode())]
    assert admitted == list(range(bound))
    assert not any(pattern.fullmatch(text) for text in (b"", b"a", b"aa"))
