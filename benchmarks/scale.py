"""Scale benchmark: per-stage time and peak memory, against the naive way, in one run.

Usage: ``.venv/bin/python benchmarks/scale.py [municipal|regional] [--packages N]``

* ours: read → validate → compute → summary.json on the synthetic inputs
  (``benchmarks/generate.py``), each stage timed, peak RSS of the process;
* naive: pandas.read_excel with openpyxl of the same two sheets (no validation),
  in its own process, for the ratio;
* packages: ``make-report --each-organization`` on N organisations (full DOCX/PDF
  packages, warm worker processes) and on 2N, for packages per second and linearity.

* peers, each merely reading the two sheets, interleaved with ours in pairs (medians):
  pandas + calamine (issue 22: ``make-report check`` of the region ≤ 1.0× this, within 1 GB),
  and polars + fastexcel where installed (stretch: within 2×);
* ``make-report check`` itself, as a whole process, against the same peers.

Goals (issues 5 and 22, 2 cores): regional < 5 s and < 1 GB, ≥ 5× faster than the naive
read; ≤ 1.0× pandas + calamine; ≥ 2 packages per second; time linear in organisations.
"""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
PYTHON = sys.executable

OURS = r"""
import json, resource, sys, time
from pathlib import Path
start = time.perf_counter(); marks = {}
from reporting.load import load_inputs
from reporting.compute.build import build_model
from reporting.render.summary_json import render_summary
marks["import"] = time.perf_counter() - start; t = time.perf_counter()
inputs = load_inputs(Path(sys.argv[1]))
marks["read + validate"] = time.perf_counter() - t; t = time.perf_counter()
model = build_model(inputs, 2)
marks["compute"] = time.perf_counter() - t; t = time.perf_counter()
render_summary(model)
marks["summary.json"] = time.perf_counter() - t
marks["total"] = time.perf_counter() - start
print(json.dumps({"stages": marks, "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
                  "people": len(inputs.monitoring.people), "organizations": len(model.organizations)}))
"""

NAIVE = r"""
import json, resource, sys, time
start = time.perf_counter()
import pandas as pd
path = sys.argv[1] + "/monitoring.xlsx"
roster = pd.read_excel(path, sheet_name="Сотрудники", engine="openpyxl")
weekly = pd.read_excel(path, sheet_name="Мониторинг", engine="openpyxl")
print(json.dumps({"total": time.perf_counter() - start, "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
"""


CALAMINE = NAIVE.replace('engine="openpyxl"', 'engine="calamine"')

POLARS = CALAMINE.replace("import pandas as pd", "import polars as pd")  # the same keyword arguments

CHECK = r"""
import json, resource, subprocess, sys, time
start = time.perf_counter()
subprocess.run([sys.argv[2], "check", "-q", "--inputs", sys.argv[1]], check=True, capture_output=True)
peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
print(json.dumps({"total": time.perf_counter() - start, "peak_mb": peak}))
"""


def median(values: list[float]) -> float:
    import statistics

    return statistics.median(values)


def peers(folder: Path, pairs: int = 3) -> None:
    """``make-report check`` against pandas + calamine (and polars + fastexcel), interleaved."""
    import importlib.util

    tool = str(Path(PYTHON).with_name("make-report"))
    runs: dict[str, list[dict]] = {"check": [], "pandas + calamine": [], "polars + fastexcel": []}
    has_polars = importlib.util.find_spec("polars") and importlib.util.find_spec("fastexcel")
    for _ in range(pairs):
        runs["check"].append(run_json(CHECK, str(folder), tool))
        runs["pandas + calamine"].append(run_json(CALAMINE, str(folder)))
        if has_polars:
            runs["polars + fastexcel"].append(run_json(POLARS, str(folder)))
    ours = median([r["total"] for r in runs["check"]])
    for name, found in runs.items():
        if found:
            seconds, peak = median([r["total"] for r in found]), max(r["peak_mb"] for r in found)
            print(f"  {name:20s} median {seconds:6.2f} s, peak {peak:5.0f} MB (" +
                  ", ".join(f"{r['total']:.2f}" for r in found) + ")")  # fmt: skip
    calamine = median([r["total"] for r in runs["pandas + calamine"]])
    print(f"ratio check / pandas + calamine: {ours / calamine:.2f} (goal ≤ 1.0)")
    if runs["polars + fastexcel"]:
        print(f"ratio check / polars + fastexcel: {ours / median([r['total'] for r in runs['polars + fastexcel']]):.2f}"
              " (stretch ≤ 2.0)")  # fmt: skip
    else:
        print("polars + fastexcel: not installed (pip install polars fastexcel) — not compared")


def run_json(code: str, *args: str) -> dict:
    out = subprocess.run([PYTHON, "-c", code, *args], check=True, capture_output=True, text=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def packages(folder: Path, organizations: int) -> float:
    sys.path.insert(0, str(HERE))
    from generate import write_monitoring

    inputs = folder / f"in{organizations}"
    inputs.mkdir()
    for name in ("school.toml", "roadmap.xlsx"):
        (inputs / name).write_bytes((HERE.parent / "inputs" / name).read_bytes())
    write_monitoring(inputs / "monitoring.xlsx", organizations, organizations * 50, 17)
    tool = str(Path(PYTHON).with_name("make-report"))
    start = time.perf_counter()
    subprocess.run([tool, "-q", "--quarter", "2", "--each-organization", "--inputs", str(inputs),
                    "--outputs", str(folder / f"out{organizations}")], check=True, capture_output=True)  # fmt: skip
    return time.perf_counter() - start


def main(kind: str = "regional", count: int = 10) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / kind
        subprocess.run([PYTHON, str(HERE / "generate.py"), kind, str(folder)], check=True)
        ours = run_json(OURS, str(folder))
        naive = run_json(NAIVE, str(folder))
        print(f"{kind}: {ours['people']} staff, {ours['organizations']} organisations")
        for stage, seconds in ours["stages"].items():
            print(f"  {stage:16s} {seconds:6.2f} s")
        print(f"  peak memory      {ours['peak_mb']:6.0f} MB")
        print(f"naive (pandas + openpyxl, reading only): {naive['total']:.2f} s, {naive['peak_mb']:.0f} MB")
        print(f"ratio naive / ours: {naive['total'] / ours['stages']['total']:.1f}× (goal ≥ 5×)")
        print("make-report check, side by side with readers that only read (interleaved):")
        peers(folder)
        if count:
            one, two = packages(Path(tmp), count), packages(Path(tmp), 2 * count)
            print(f"packages: {count} organisations in {one:.1f} s, {2 * count} in {two:.1f} s "
                  f"({2 * count / two:.2f} per second; growth ×{two / one:.2f} for ×2)")  # fmt: skip


if __name__ == "__main__":
    args = sys.argv[1:]
    count = int(args[args.index("--packages") + 1]) if "--packages" in args else 10
    main(args[0] if args and not args[0].startswith("--") else "regional", count)
