"""A counts-only district with ``--each-organization``: packages per second, locally and on Dask.

Goal (issue 22): ≥ 2.5 packages a second on two cores (2 000 organisations in under 14 minutes),
and with ``--scheduler`` a Dask cluster of local worker processes that scales with its workers
(measured with 1, 2 and 4 processes; on two cores, 4 cannot beat 2), and the same over TLS with
1 and 2 (issue 33: the only way to a scheduler on another machine).

The district is ``benchmarks/generate.py``'s weekly returns (one «Охват» workbook per
organisation) for N organisations; each run is a fresh ``make-report`` process, and the rate is
the packages over the whole run (reading, the consolidated package and every organisation's).
Two sizes show that time grows linearly, so the 2 000 can be extrapolated.

Usage: ``.venv/bin/python benchmarks/district.py [N]`` (default 40).
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
TOOL = str(Path(sys.executable).with_name("make-report"))


def district(folder: Path, organizations: int) -> Path:
    sys.path.insert(0, str(HERE))
    from generate import write_returns

    folder.mkdir(parents=True)
    for name in ("school.toml", "roadmap.xlsx"):
        shutil.copy(HERE.parent / "inputs" / name, folder / name)
    write_returns(folder / "returns", organizations, organizations * 50, 17)
    return folder


def run(inputs: Path, outputs: Path, *extra: str) -> float:
    start = time.perf_counter()
    subprocess.run([TOOL, "-q", "--quarter", "2", "--each-organization", "--inputs", str(inputs),
                    "--outputs", str(outputs), *extra], check=True, capture_output=True)  # fmt: skip
    return time.perf_counter() - start


def main(count: int = 40) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        small, large = district(work / "small", count), district(work / "large", 2 * count)
        one, two = run(small, work / "o1"), run(large, work / "o2")
        rate = 2 * count / two
        print(f"local processes: {count} organisations in {one:.1f} s, {2 * count} in {two:.1f} s "
              f"({rate:.2f} packages a second; ×{two / one:.2f} time for ×2; goal ≥ 2.5)")  # fmt: skip
        print(f"  2 000 organisations at this rate: {2000 / rate / 60:.1f} min (goal < 14 min)")
        try:
            from distributed import LocalCluster
        except ImportError:
            print("Dask: distributed is not installed (pip install 'make-report[dask]')")
            return
        for workers in (1, 2, 4):
            with LocalCluster(n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=None) as c:
                seconds = run(large, work / f"dask{workers}", "--scheduler", c.scheduler_address)
            print(f"Dask, {workers} worker processes: {2 * count} organisations in {seconds:.1f} s "
                  f"({2 * count / seconds:.2f} packages a second)")  # fmt: skip
        for workers in (1, 2):  # what a district across machines must use (issue 33): TLS both ways
            security, files = tls_credentials(work)
            with LocalCluster(n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=None,
                              protocol="tls", security=security) as c:  # fmt: skip
                seconds = run(large, work / f"tls{workers}", "--scheduler", c.scheduler_address, *files)
            print(f"Dask over TLS, {workers} worker processes: {2 * count} organisations in {seconds:.1f} s "
                  f"({2 * count / seconds:.2f} packages a second)")  # fmt: skip


def tls_credentials(folder: Path):
    """Dask's temporary CA and certificate as files: the cluster's Security and the tool's options."""
    from distributed.security import Security

    made = Security.temporary()
    paths = {}
    for name, text in (("ca", made.tls_ca_file), ("cert", made.tls_client_cert), ("key", made.tls_client_key)):
        paths[name] = folder / f"{name}.pem"
        paths[name].write_text(text, encoding="ascii")
    ca, cert, key = (str(paths[n]) for n in ("ca", "cert", "key"))
    security = Security(tls_ca_file=ca, tls_scheduler_cert=cert, tls_scheduler_key=key, tls_worker_cert=cert,
                        tls_worker_key=key, tls_client_cert=cert, tls_client_key=key, require_encryption=True)  # fmt: skip
    return security, ("--scheduler-ca", ca, "--scheduler-cert", cert, "--scheduler-key", key)


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 40)
