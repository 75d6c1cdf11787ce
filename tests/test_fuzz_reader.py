"""Fuzzing the workbook reader: whatever a workbook holds, the answer is a package (exit 0) or
located problems (exit 2) — never an internal error, a crash or an unbounded run."""

from __future__ import annotations

import datetime as dt
import io
import zipfile

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import Workbook

from .builders import ROSTER, ROSTER_HEADERS, WEEKS, make_inputs, wide_rows

HEADERS = [
    *ROSTER_HEADERS, "Сотрудник", "Ф.И.О.", "№ п/п", "Итого", "", None, "Неделя 5", "25–31 декабря 2023",
    "08.09-14.09", "13.11.2023–19.11.2023", 45285, 12, -1.5, dt.date(2023, 11, 6), "=SUM(A1)", "\u202eФИО",
]  # fmt: skip
CELLS = st.one_of(
    st.none(),
    st.integers(min_value=-(2**40), max_value=2**40),
    st.floats(allow_nan=True, allow_infinity=True),
    # XML has no control characters, surrogates or noncharacters (U+FFFE, U+FFFF: category Cn)
    st.text(st.characters(blacklist_categories=("Cs", "Cc", "Cn")), max_size=30),
    st.sampled_from(["б/л", "—", "-", "Итого", "педагог", "администрация", "10", "1e9", "9" * 400, "\u202e"]),
    st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2100, 1, 1)),
    st.booleans(),
)
GRID = st.lists(st.lists(CELLS, min_size=1, max_size=8), min_size=0, max_size=8)
FAR_CELLS = st.sampled_from([None, "XFD1048576", "CV1048576", "AAA10", "B1048576", "Z60000"])


def workbook_bytes(roster_extra, weekly_headers, weekly_extra, far) -> bytes:
    book = Workbook()
    roster = book.active
    roster.title = "Сотрудники"
    for row in [ROSTER_HEADERS, *ROSTER, *roster_extra]:
        roster.append([c if not isinstance(c, str) or not c.startswith("=") else "'" + c for c in row])
    weekly = book.create_sheet("Мониторинг")
    rows = wide_rows()
    rows[2] = rows[2][:2] + list(weekly_headers) + rows[2][2 + len(weekly_headers) :]
    for row in [*rows, *weekly_extra]:
        weekly.append(row)
    for sheet in (roster, weekly):
        for line in sheet.iter_rows():  # before the far cell: iterating up to it would fill the rectangle
            for cell in line:
                if isinstance(cell.value, str):
                    cell.data_type = "s"  # text stays text, «=…» included
    if far:
        weekly[far] = 7
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def corrupt(data: bytes, where: float, how: int) -> bytes:
    """Flip one byte of the file, or of one part's stored bytes (a bad CRC, a broken XML)."""
    if how == 0:
        return data
    if how == 1:
        raw = bytearray(data)
        raw[int(where * (len(raw) - 1))] ^= 0xFF
        return bytes(raw)
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_STORED) as target:
        names = source.namelist()
        victim = names[int(where * (len(names) - 1))]
        for name in names:
            part = source.read(name)
            if name == victim and how == 2:
                part = part[: int(len(part) * where)]  # truncated XML
            target.writestr(name, part)
    return out.getvalue()


@settings(
    max_examples=30,
    deadline=dt.timedelta(seconds=30),  # a hang guard, not a timing goal (those live in benchmarks/)
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    roster_extra=GRID,
    weekly_headers=st.lists(st.sampled_from(HEADERS), max_size=len(WEEKS)),
    weekly_extra=GRID,
    far=FAR_CELLS,
    where=st.floats(min_value=0, max_value=1),
    how=st.sampled_from([0, 0, 1, 2]),
)
def test_any_workbook_gives_a_package_or_located_problems(
    tmp_path_factory, run_cli, roster_extra, weekly_headers, weekly_extra, far, where, how
):
    folder = make_inputs(tmp_path_factory.mktemp("in"))
    data = corrupt(workbook_bytes(roster_extra, weekly_headers, weekly_extra, far), where, how)
    (folder / "monitoring.xlsx").write_bytes(data)
    run = run_cli(folder, 2, "--data-only", outputs=tmp_path_factory.mktemp("out"))
    assert run.exit_code in (0, 2), run.output
    assert "Внутренняя ошибка" not in run.output and "Traceback" not in run.output
    if run.exit_code == 2:
        problems = [line for line in run.output.splitlines() if line.startswith("  • ")]
        assert problems and all(line.startswith("  • monitoring.xlsx") for line in problems), run.output


@settings(
    max_examples=25,
    deadline=dt.timedelta(seconds=30),
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    activities=GRID,
    indicators=GRID,
    indicator_headers=st.lists(
        st.sampled_from(["Показатель", "Категория", "Порог сообщений", "Целевое значение, %", "Срок", "Итого", None]),
        max_size=6,
    ),
    how=st.sampled_from([0, 0, 1]),
    where=st.floats(min_value=0, max_value=1),
)
def test_any_roadmap_gives_a_package_or_located_problems(
    tmp_path_factory, run_cli, activities, indicators, indicator_headers, how, where
):
    from .builders import ROADMAP_HEADERS, ROADMAP_ROWS

    book = Workbook()
    sheet = book.active
    sheet.title = "Дорожная карта"
    for row in [ROADMAP_HEADERS, *ROADMAP_ROWS, *activities]:
        sheet.append(row)
    extra = book.create_sheet("Показатели")
    for row in [indicator_headers, *indicators]:
        extra.append(row)
    for ws in (sheet, extra):
        for line in ws.iter_rows():
            for cell in line:
                if isinstance(cell.value, str):
                    cell.data_type = "s"
    out = io.BytesIO()
    book.save(out)
    folder = make_inputs(tmp_path_factory.mktemp("in"))
    (folder / "roadmap.xlsx").write_bytes(corrupt(out.getvalue(), where, how))
    run = run_cli(folder, 2, "--data-only", outputs=tmp_path_factory.mktemp("out"))
    assert run.exit_code in (0, 2), run.output
    assert "Внутренняя ошибка" not in run.output and "Traceback" not in run.output


TOML_VALUES = ['1', '-1', '[1, 2]', '{a = 1}', '"x"', 'true', '1979-05-27', '"2023-13-01"', '[["2023-09-01"]]',
               '"2023/2024"', '""', '[]', '"\\u202e"', '1e400', '"' + "Я" * 500 + '"']  # fmt: skip


@settings(
    max_examples=40, deadline=dt.timedelta(seconds=30), suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(changes=st.dictionaries(st.integers(0, 30), st.sampled_from(TOML_VALUES), max_size=4), cut=st.integers(0, 2000))
def test_any_school_toml_gives_a_package_or_located_problems(tmp_path_factory, run_cli, changes, cut):
    from .builders import SCHOOL_TOML

    lines = SCHOOL_TOML.splitlines()
    for index, value in changes.items():
        if index < len(lines) and " = " in lines[index]:
            lines[index] = lines[index].split(" = ")[0] + " = " + value
    text = "\n".join(lines)[: cut if cut > 1500 else None]
    folder = make_inputs(tmp_path_factory.mktemp("in"), school=text)
    run = run_cli(folder, 2, "--data-only", outputs=tmp_path_factory.mktemp("out"))
    assert run.exit_code in (0, 2), run.output
    assert "Внутренняя ошибка" not in run.output and "Traceback" not in run.output
