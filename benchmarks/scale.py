"""Scale benchmark: per-stage time and peak memory, against the naive way, in one run.

Usage: ``.venv/bin/python benchmarks/scale.py [municipal|regional] [--packages N]``

* ours: read → validate → compute → summary.json on the synthetic inputs
  (``benchmarks/generate.py``), each stage timed, peak RSS of the process;
* naive: pandas.read_excel with openpyxl of the same two sheets (no validation),
  in its own process, for the ratio;
* packages: ``make-report --each-organization`` on N organisations (full DOCX/PDF
  packages, warm worker processes) and on 2N, for packages per second and linearity.

Goals (issue 5, 2 cores): regional < 5 s and < 1 GB, ≥ 5× faster than the naive
read; ≥ 2 packages per second; time linear in organisations.
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
        if count:
            one, two = packages(Path(tmp), count), packages(Path(tmp), 2 * count)
            print(f"packages: {count} organisations in {one:.1f} s, {2 * count} in {two:.1f} s "
                  f"({2 * count / two:.2f} per second; growth ×{two / one:.2f} for ×2)")  # fmt: skip


if __name__ == "__main__":
    args = sys.argv[1:]
    count = int(args[args.index("--packages") + 1]) if "--packages" in args else 10
    main(args[0] if args and not args[0].startswith("--") else "regional", count)
