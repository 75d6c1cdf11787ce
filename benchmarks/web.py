"""The page against the command, side by side, on the sample (issue 28, «Speed»).

* «Проверить»: POST /check on a running ``make-report serve`` (real HTTP on loopback, the page's own
  part rendered) against ``make-report check`` as a warm call (the library already imported, in
  process).  Goal: the page within 1.5× the command.
* «Сформировать пакет»: POST /build and polling the job until it is done against a fresh
  ``make-report --quarter 2`` process.  Goal: the page within 1.2× the command.  Both start from an
  empty archive each time.

Usage: python benchmarks/web.py [RUNS]
"""

from __future__ import annotations

import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx
from click.testing import CliRunner

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "inputs"


def start_server(inputs: Path, outputs: Path):
    process = subprocess.Popen(
        [sys.executable, "-m", "reporting", "serve", "--no-browser", "--port", "0", "--inputs", str(inputs),
         "--outputs", str(outputs)],
        stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True, encoding="utf-8",
    )  # fmt: skip
    url = re.search(r"(http://\S+)", process.stdout.readline()).group(1)
    origin = url.split("/login")[0]
    client = httpx.Client(base_url=origin, timeout=300)
    client.get(url.removeprefix(origin))
    csrf = re.search(r'"X-CSRF-Token": "([^"]+)"', client.get("/").text).group(1)
    client.headers.update({"origin": origin, "x-csrf-token": csrf, "hx-request": "true"})
    return process, client


def timed(action, runs: int) -> list[float]:
    found = []
    for _ in range(runs):
        started = time.perf_counter()
        action()
        found.append(time.perf_counter() - started)
    return found


def main(runs: int) -> None:
    from reporting.cli import main as cli

    work = Path(tempfile.mkdtemp(prefix="web-bench-"))
    inputs, outputs = work / "inputs", work / "outputs"
    shutil.copytree(SAMPLE, inputs)
    process, client = start_server(inputs, outputs)
    try:
        runner = CliRunner()
        runner.invoke(cli, ["check", "--inputs", str(inputs), "-q"])  # warm: the library imported

        def check_cli():
            assert runner.invoke(cli, ["check", "--inputs", str(inputs), "-q"]).exit_code == 0

        def check_page():
            assert "Ошибок во входных данных нет" in client.post("/check").text

        check_page()
        page_check, cli_check = timed(check_page, runs), timed(check_cli, runs)

        def build_cli():
            target = work / "cli-outputs"
            shutil.rmtree(target, ignore_errors=True)
            subprocess.run([sys.executable, "-m", "reporting", "--quarter", "2", "--inputs", str(inputs),
                            "--outputs", str(target), "-q"], check=True, capture_output=True)  # fmt: skip

        def build_page():
            shutil.rmtree(outputs / "2023-2024", ignore_errors=True)
            answer = client.post("/build", data={"period": "2"}).text
            job = re.search(r"/jobs/([0-9a-f]+)", answer).group(1)
            while 'hx-trigger="every 1s"' in answer:
                time.sleep(0.05)
                answer = client.get(f"/jobs/{job}").text
            assert "Пакет готов" in answer, answer[:500]

        build_page()  # the worker warmed
        page_build, cli_build = timed(build_page, runs), timed(build_cli, runs)
    finally:
        process.terminate()
        process.wait(timeout=20)
        shutil.rmtree(work, ignore_errors=True)
    for name, page, command, goal in (("Проверить", page_check, cli_check, 1.5),
                                      ("Сформировать пакет", page_build, cli_build, 1.2)):  # fmt: skip
        p, c = statistics.median(page), statistics.median(command)
        verdict = "met" if p / c <= goal else "MISSED"
        print(
            f"{name}: page {p:.3f} s, command {c:.3f} s (medians of {runs}); ratio {p / c:.2f}, goal ≤ {goal} {verdict}"
        )


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 5)
