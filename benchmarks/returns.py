"""A region's weekly returns: 2 000 organisations × 36 weeks, one workbook each, read and consolidated.

Goal (issue 10): under 10 s on two cores, per-stage times printed.

Usage: ``python benchmarks/generate.py returns /tmp/returns`` once, then
``python benchmarks/returns.py /tmp/returns``.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

started = time.perf_counter()
from reporting.compute.build import build_model  # noqa: E402
from reporting.load import load_inputs  # noqa: E402
from reporting.options import Options  # noqa: E402
from reporting.render.summary_json import render_summary  # noqa: E402

stages = {"import": time.perf_counter() - started}


def stage(name: str, action):
    begin = time.perf_counter()
    value = action()
    stages[name] = time.perf_counter() - begin
    return value


folder = Path(sys.argv[1])
inputs = stage("read + validate", lambda: load_inputs(folder))
model = stage("consolidate", lambda: build_model(inputs, 2))
stage("summary.json", lambda: render_summary(model, Options(quarter=2).generated_by()))
files = len(list((folder / "returns").glob("*.xlsx")))
print(f"returns: {files} files, {len(inputs.counts.rows)} rows, {len(model.ranking)} organisations ranked")
for name, seconds in stages.items():
    print(f"  {name:<16} {seconds:5.2f} s")
total = sum(stages.values())
print(f"  {'total':<16} {total:5.2f} s (goal < 10 s)")
