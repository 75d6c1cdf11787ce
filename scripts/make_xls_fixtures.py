"""Write ``tests/fixtures/xls/``: the sample's roadmap and monitoring as Excel 97–2003 files (.xls), the
format old school computers still save.  The files are committed; this script is how they were made
(it needs ``xlwt``, a writer of that format, which the tool itself does not use):
``pip install xlwt && python scripts/make_xls_fixtures.py``."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import openpyxl
import xlwt

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "tests" / "fixtures" / "xls"
DATE = xlwt.easyxf(num_format_str="DD.MM.YYYY")


def convert(source: Path, target: Path) -> None:
    book = openpyxl.load_workbook(source, data_only=True)
    out = xlwt.Workbook(encoding="utf-8")
    for sheet in book.worksheets:
        page = out.add_sheet(sheet.title)
        for r, row in enumerate(sheet.iter_rows(values_only=True)):
            for c, value in enumerate(row):
                if isinstance(value, dt.datetime | dt.date):
                    page.write(r, c, value, DATE)
                elif value is not None:
                    page.write(r, c, value)
        for merged in sheet.merged_cells.ranges:  # a merge keeps its value in its first cell, as Excel does
            page.merge(merged.min_row - 1, merged.max_row - 1, merged.min_col - 1, merged.max_col - 1)
    out.save(str(target))


if __name__ == "__main__":
    OUT.mkdir(parents=True, exist_ok=True)
    for name in ("roadmap", "monitoring"):
        convert(ROOT / "inputs" / f"{name}.xlsx", OUT / f"{name}.xls")
