"""The whole Q2 package against LibreOffice converting its two DOCX files to PDF, side by side.

Goal (issue 22): a cold ``make-report --quarter 2`` (every file of the package: DOCX, PDF/A, XLSX,
JSON, manifest) costs no more than LibreOffice's one call converting the package's two DOCX files
(ratio ≤ 1.0). Both run as fresh processes, interleaved in pairs (package, conversion, package, …)
so that the machine's load hits both alike; the ratio is of the medians. The conversion is also
timed one call per document, as a clerk exports each file.

Usage: ``.venv/bin/python benchmarks/package_vs_libreoffice.py [PAIRS]`` (default 7).
"""

from __future__ import annotations

import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def timed(*commands: list[str]) -> float:
    start = time.perf_counter()
    for command in commands:
        subprocess.run(command, check=True, capture_output=True)
    return time.perf_counter() - start


def main(pairs: int = 7) -> None:
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if not soffice:
        sys.exit("LibreOffice (soffice) is needed for the comparison")
    tool = str(Path(sys.executable).with_name("make-report"))
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        lo = [soffice, f"-env:UserInstallation=file://{work}/lo", "--headless", "--convert-to", "pdf"]
        first = work / "first"
        subprocess.run([tool, "--quarter", "2", "--inputs", str(ROOT / "inputs"), "--outputs", str(first), "-q"],
                       check=True, capture_output=True)  # fmt: skip
        docs = [str(first / "2023-2024" / "Q2" / name) for name in ("report.docx", "roadmap.docx")]
        timed([*lo, "--outdir", str(work / "warm"), *docs])  # LibreOffice's profile, made once
        package, together, per_file = [], [], []
        for n in range(pairs):
            out = work / f"out{n}"
            package.append(
                timed([tool, "--quarter", "2", "--inputs", str(ROOT / "inputs"), "--outputs", str(out), "-q"])
            )
            together.append(timed([*lo, "--outdir", str(work / f"b{n}"), *docs]))
            per_file.append(timed(*([*lo, "--outdir", str(work / f"a{n}"), doc] for doc in docs)))
        medians = {name: statistics.median(t) for name, t in
                   (("package", package), ("together", together), ("per_file", per_file))}  # fmt: skip
        for label, key, times in (("make-report, the whole package", "package", package),
                                  ("LibreOffice, both DOCX in one call", "together", together),
                                  ("LibreOffice, one call per DOCX", "per_file", per_file)):  # fmt: skip
            print(f"{label}: median {medians[key]:.2f} s ({', '.join(f'{t:.2f}' for t in times)})")
        print(f"ratio against one call for both: {medians['package'] / medians['together']:.2f} (goal ≤ 1.0)")
        print(f"ratio against one call per DOCX: {medians['package'] / medians['per_file']:.2f}")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 7)
