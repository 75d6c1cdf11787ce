"""Every refusal's hint, followed literally, gives the base figures (issue 30, point 9): the metamorphic
test's layouts, and for each refusal they produce the edit its hint tells a clerk to make — then the
whole reading again, until the school's figures come out. A refusal no follower here knows fails the
test: a new kind of refusal must come with a hint a person can follow."""

from __future__ import annotations

import re
import tempfile
from pathlib import Path

from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from reporting.cli import main

from .builders import write_xlsx
from .ods import write_ods
from .test_csv_inputs import as_csv
from .test_metamorphic import OPTIONS, _written, base_figures, figures


def _sheets(path: Path) -> tuple[dict[str, list[list]], set[str]]:
    """The sheets' cells, their merges kept as ``Merged`` and ``COVERED`` cells (an .ods rewritten keeps
    them, as Calc keeps them when a sheet is deleted), and the hidden sheets."""
    from reporting.read.workbook import open_workbook

    from .ods import COVERED, Merged

    book = open_workbook(path.read_bytes(), path.name)
    sheets = {}
    for name in book.sheet_names:
        rows = book.rows(name, probe=True)
        for r0, c0, r1, c1 in book.merged_ranges(name):
            rows[r0][c0] = Merged(str(rows[r0][c0]), rows=r1 - r0 + 1, columns=c1 - c0 + 1)
            for r in range(r0, r1 + 1):
                for c in range(c0, c1 + 1):
                    if (r, c) != (r0, c0):
                        rows[r][c] = COVERED
        sheets[name] = rows
    return sheets, set(book.hidden)


def _save(path: Path, sheets: dict[str, list[list]], hidden: set[str]) -> None:
    rows = {name: [[None if v == "" else v for v in row] for row in sheet] for name, sheet in sheets.items()}
    if path.suffix == ".ods":
        path.write_bytes(write_ods(rows, padding=False, hidden=frozenset(hidden)))
    elif path.suffix == ".csv":
        path.write_bytes(as_csv(next(iter(rows.values()))))
    else:
        write_xlsx(path, rows, frozenset(hidden))


def follow_sheet_choice(folder: Path, problem) -> None:
    """«Если текущий — «Мониторинг (2)», удалите скрытый лист «Мониторинг» и переименуйте «Мониторинг (2)»
    в «Мониторинг»» — the visible copy is the current one in these layouts."""
    stale, copy = re.search(r"лист «([^»]+)» скрыт, а рядом видимый «([^»]+)»", problem.message).groups()
    assert f"удалите скрытый лист «{stale}» и переименуйте «{copy}» в «{stale}»" in problem.hint
    path = folder / problem.file
    if path.suffix == ".xlsx":  # in the workbook itself, as Excel does it: merges and formulas' values kept
        _delete_and_rename(path, stale, copy)
        return
    sheets, hidden = _sheets(path)
    sheets = {(stale if name == copy else name): rows for name, rows in sheets.items() if name != stale}
    _save(path, sheets, hidden - {stale})


def _delete_and_rename(path: Path, stale: str, copy: str) -> None:
    """Delete sheet ``stale`` and name ``copy`` after it, in the workbook's own XML (openpyxl would drop
    every formula's saved value); the deleted sheet's part stays unreferenced, as nothing lists it."""
    import zipfile
    from xml.sax.saxutils import quoteattr

    with zipfile.ZipFile(path) as archive:
        parts = {item.filename: archive.read(item.filename) for item in archive.infolist()}
    xml = parts["xl/workbook.xml"].decode()
    xml, deleted = re.subn(rf"<sheet [^>]*name={re.escape(quoteattr(stale))}[^>]*/>", "", xml)
    xml, renamed = re.subn(rf"(<sheet [^>]*name=){re.escape(quoteattr(copy))}", rf"\g<1>{quoteattr(stale)}", xml)
    assert deleted == 1 and renamed == 1, xml
    parts["xl/workbook.xml"] = xml.encode()
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in parts.items():
            archive.writestr(name, data)


def follow_counts(folder: Path, problem) -> None:
    """«Впишите в inputs/layout.toml для листа «Мониторинг» counts = "marks" (отметки) …; layout.toml
    запишет make-report describe --write» — the cells are marks in these layouts."""
    assert 'counts = "marks"' in problem.hint and "make-report describe --write" in problem.hint
    layout = folder / "layout.toml"
    if not layout.is_file():  # once: a second --write would undo what was written for another sheet
        written = CliRunner().invoke(main, ["describe", "--write", "--inputs", str(folder)])
        assert "Записано" in written.output and layout.is_file(), written.output  # the refusal stands: exit 2
    text = layout.read_text(encoding="utf-8")
    file, sheet = re.escape(problem.file), re.escape(problem.sheet)  # the file's own sheet (a workbook per week)
    section = re.search(rf'file = "{file}"\nsheet = "{sheet}"\n(?:(?!\[\[table\]\]).*\n)*?counts = "\?"', text)
    assert section, text
    fixed = text[: section.end() - 3] + '"marks"' + text[section.end() :]
    layout.write_text(fixed, encoding="utf-8")


def follow_layout_counts(folder: Path, problem) -> None:
    """«layout.toml, ключ «table[8].counts»: что в ячейках недель, скажите одним из: «numbers» …, «marks» …
    (значение: «?»). Исправьте layout.toml …» — describe --write leaves «?» for a week's file with nothing
    in it; the clerk writes what her other weeks' files hold (in a blank file either reads the same)."""
    assert problem.file == "layout.toml" and problem.value == "?" and "«numbers»" in problem.message
    index = int(re.fullmatch(r"table\[(\d+)\]\.counts", problem.column).group(1))
    layout = folder / "layout.toml"
    text = layout.read_text(encoding="utf-8")
    said = "marks" if 'counts = "marks"' in text else "numbers"
    starts = [m.start() for m in re.finditer(r"^\[\[table\]\]$", text, re.M)] + [len(text)]
    start, end = starts[index - 1], starts[index]  # the N-th [[table]], as the message counts them (from 1)
    section = text[start:end]
    assert 'counts = "?"' in section, (index, section)
    layout.write_text(
        text[:start] + section.replace('counts = "?"', f'counts = "{said}"') + text[end:], encoding="utf-8"
    )


def _column_of(rows: list[list], problem) -> int:
    """The column a problem names: its letters, or a header above its row («ФИО»; «Фамилия» when the ФИО
    is split and read joined)."""
    from reporting.read.refs import column_index

    # «O (без заголовка)»; in a turned sheet «A» or «H, Иванова …», as the sheet itself has the place
    letters = re.fullmatch(r"([A-Z]{1,3})(?: \(без заголовка\)|, .*)?", problem.column or "")
    if letters:
        return column_index(letters.group(1))
    for wanted in (problem.column, "Фамилия"):
        for row in rows[: problem.row]:
            for c, value in enumerate(row):
                if isinstance(value, str) and value.strip() == wanted:
                    return c
    raise AssertionError(f"no column {problem.column!r} above row {problem.row}")


def _write_cell(folder: Path, problem, row: int, text: str) -> None:
    path = folder / problem.file
    sheets, hidden = _sheets(path)
    rows = sheets[problem.sheet] if problem.sheet in sheets else next(iter(sheets.values()))  # a CSV's one table
    column = _column_of(rows, problem)
    cells = rows[row - 1]
    cells += [None] * (column + 1 - len(cells))
    cells[column] = text
    _save(path, sheets, hidden)


def follow_missing_name(folder: Path, problem) -> None:
    """«не указаны ФИО … если в строке суммы — впишите в эту ячейку «Итого» (суммы сверяются)» — the rows
    these layouts leave unnamed are their totals (a CSV keeps no formula that would tell)."""
    assert "если в строке суммы — впишите в эту ячейку «Итого»" in (problem.hint or ""), problem
    _write_cell(folder, problem, problem.row, "Итого")


def follow_unread_column(folder: Path, problem) -> None:
    """«в столбце есть числа, но его заголовок не прочитан как неделя … если в столбце суммы — напишите в
    заголовке «Итого»» — an unlabelled column of these layouts is their totals column."""
    assert "если в столбце суммы — напишите в заголовке «Итого»" in (problem.hint or ""), problem
    _write_cell(folder, problem, problem.row, "Итого")


FOLLOWERS = {
    "ambiguous_sheet": follow_sheet_choice,
    "ambiguous_count": follow_counts,
    "bad_value": follow_layout_counts,
    "missing_value": follow_missing_name,
    "unread_week_column": follow_unread_column,
}


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.sets(st.sampled_from(OPTIONS)))
def test_every_refusals_hint_followed_gives_the_base_figures(options):
    expected = base_figures()
    with tempfile.TemporaryDirectory() as tmp:
        folder = _written(Path(tmp) / "in", frozenset(options))
        for _ in range(4):  # each round: every refusal's hint followed, then the whole reading again
            found, problems = figures(folder)
            if found is not None:
                assert found == expected, sorted(options)
                return
            unknown = {p.kind.value for p in problems} - set(FOLLOWERS)
            assert not unknown, (sorted(options), [p.describe() for p in problems])
            for problem in problems:  # each refusal's hint, as a clerk works down the list
                FOLLOWERS[problem.kind.value](folder, problem)
        raise AssertionError(f"still refused after four rounds of hints: {sorted(options)}")


def test_every_follower_is_exercised():
    """The followers above are not dead code: each of their refusals is produced and followed to the base
    figures («?» in layout.toml comes from a week's blank file, after the marks' refusal is followed)."""
    followed = set()
    for options in (
        {"stale_original"},
        {"ods", "marks", "binary"},
        {"marks", "binary", "per_week_files"},
        {"csv", "formula_totals"},
    ):
        with tempfile.TemporaryDirectory() as tmp:
            folder = _written(Path(tmp) / "in", frozenset(options))
            for _ in range(3):
                found, problems = figures(folder)
                if found is not None:
                    break
                for problem in problems:
                    FOLLOWERS[problem.kind.value](folder, problem)
                    followed.add(problem.kind.value)
            assert found == base_figures(), options
    assert followed == set(FOLLOWERS)
