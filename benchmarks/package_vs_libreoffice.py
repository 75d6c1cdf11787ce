"""Time the whole Q2 package against LibreOffice converting its two DOCX files.

Goal (issue 3): the package, every file of it, costs no more than the
conversion alone (ratio ≤ 1.0).  Both are timed in fresh processes, in the
same run, best of N.  Usage: ``.venv/bin/python benchmarks/package_vs_libreoffice.py [N]``.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def timed(command: list[str], **kwargs) -> float:
    start = time.perf_counter()
    subprocess.run(command, check=True, capture_output=True, **kwargs)
    return time.perf_counter() - start


def main(repeats: int = 3) -> None:
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if not soffice:
        sys.exit("LibreOffice (soffice) is needed for the comparison")
    tool = str(Path(sys.executable).with_name("make-report"))
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        package_times, convert_times = [], []
        for n in range(repeats):
            out = work / f"out{n}"
            package_times.append(
                timed([tool, "--quarter", "2", "--inputs", str(ROOT / "inputs"), "--outputs", str(out), "-q"])
            )
            folder = out / "2023-2024" / "Q2"
            docs = [str(folder / "report.docx"), str(folder / "roadmap.docx")]
            profile = f"-env:UserInstallation=file://{work}/lo"
            convert_times.append(
                timed([soffice, profile, "--headless", "--convert-to", "pdf", "--outdir", str(work / f"lo{n}"), *docs])
            )
        package, convert = min(package_times), min(convert_times)
        print(
            f"package (all files): {package:.2f} s (best of {repeats}: {', '.join(f'{t:.2f}' for t in package_times)})"
        )
        print(
            f"LibreOffice, 2 DOCX → PDF: {convert:.2f} s (best of {repeats}: {', '.join(f'{t:.2f}' for t in convert_times)})"
        )
        print(f"ratio: {package / convert:.2f} (goal ≤ 1.0)")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 3)
