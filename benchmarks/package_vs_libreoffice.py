"""Time the whole Q2 package against LibreOffice converting its two DOCX files to PDF.

Goal (issue 3): the package, every file of it, costs no more than the conversion
alone (ratio ≤ 1.0; the issue quotes ≈ 2.3 s for the conversion on this kind of
machine).  Everything runs in fresh processes, in the same run, best of N.  The
conversion is timed two ways: one ``soffice`` call per document (how a clerk
exports each file, and what the issue's ≈ 2.3 s matches) and one call for both.

Usage: ``.venv/bin/python benchmarks/package_vs_libreoffice.py [N]``.
"""

from __future__ import annotations

import shutil
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


def main(repeats: int = 3) -> None:
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if not soffice:
        sys.exit("LibreOffice (soffice) is needed for the comparison")
    tool = str(Path(sys.executable).with_name("make-report"))
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        package, per_file, together = [], [], []
        for n in range(repeats):
            out = work / f"out{n}"
            package.append(
                timed([tool, "--quarter", "2", "--inputs", str(ROOT / "inputs"), "--outputs", str(out), "-q"])
            )
            folder = out / "2023-2024" / "Q2"
            docs = [str(folder / "report.docx"), str(folder / "roadmap.docx")]
            lo = [soffice, f"-env:UserInstallation=file://{work}/lo", "--headless", "--convert-to", "pdf"]
            per_file.append(timed(*([*lo, "--outdir", str(work / f"a{n}"), doc] for doc in docs)))
            together.append(timed([*lo, "--outdir", str(work / f"b{n}"), *docs]))
        best = {
            name: min(times) for name, times in (("package", package), ("per_file", per_file), ("together", together))
        }
        for label, times in (("package (all files)", package), ("LibreOffice, one call per DOCX", per_file),
                             ("LibreOffice, both DOCX in one call", together)):  # fmt: skip
            print(f"{label}: {min(times):.2f} s (best of {repeats}: {', '.join(f'{t:.2f}' for t in times)})")
        print(f"ratio against one call per DOCX: {best['package'] / best['per_file']:.2f} (goal ≤ 1.0)")
        print(f"ratio against one call for both: {best['package'] / best['together']:.2f}")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 3)
