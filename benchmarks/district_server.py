"""The district server under load and under kill -9 (issue 29, «A load and fault test»), on 127.0.0.1,
bounded in time and count, stopping by itself.

* Load: ORGS organisations with a key each; WORKERS threads submit real weekly returns for SECONDS.
  Prints submissions per second and the p50/p95 latency, then the status JSON's time for BOARD
  organisations.
* Faults: the server is killed with SIGKILL at random moments while WORKERS threads submit, and
  restarted, KILLS times.  Every submission answered 201 must then be in the database with its file
  (same SHA-256), and no row may lack its file: the count lost must be 0.

Usage: python benchmarks/district_server.py [SECONDS] [KILLS]   (defaults: 120, 10)
"""

from __future__ import annotations

import hashlib
import random
import re
import signal
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.builders import DISTRICT_TOML, write_xlsx  # noqa: E402
from tests.district_kit import weekly_return  # noqa: E402

ORGS, WORKERS, BOARD = 200, 50, 2000


def district(folder: Path, count: int) -> tuple[Path, Path, list[str]]:
    inputs, outputs = folder / "in", folder / "out"
    inputs.mkdir(parents=True)
    (inputs / "school.toml").write_text(DISTRICT_TOML, encoding="utf-8")
    names = [f"МБОУ «Школа № {n}»" for n in range(1, count + 1)]
    write_xlsx(inputs / "organizations.xlsx", {"Организации": [["Организация"], *[[n] for n in names]]})
    return inputs, outputs, names


def keys_for(inputs: Path, outputs: Path, names: list[str]) -> dict[str, str]:
    from reporting.district.keys import add_key

    return {name: add_key(inputs, outputs, name)[1] for name in names}


def start(inputs: Path, outputs: Path, port: int = 0):
    process = subprocess.Popen(
        [sys.executable, "-m", "reporting", "serve", "--district", "--no-browser", "--port", str(port), "--inputs",
         str(inputs), "--outputs", str(outputs)],
        stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True, encoding="utf-8",
    )  # fmt: skip
    base = re.search(r"(http://127\.0\.0\.1:\d+)", process.stdout.readline()).group(1)
    return process, base


def submitter(
    base_of, keys: dict[str, str], names: list[str], until: float, record: list, lock: threading.Lock
) -> None:
    picked = random.Random()
    with httpx.Client(timeout=30) as client:
        while time.monotonic() < until:
            name = picked.choice(names)
            data = weekly_return(name, teachers=(60, picked.randint(0, 60)))
            started = time.perf_counter()
            try:
                answer = client.post(base_of() + "/api/v1/submissions", headers={"authorization": f"Bearer {keys[name]}"},
                                     files={"file": ("return.xlsx", data)})  # fmt: skip
            except httpx.HTTPError:
                time.sleep(0.05)  # the server is down (the fault test): try again
                continue
            with lock:
                record.append((answer.status_code, time.perf_counter() - started,
                               answer.json().get("id") if answer.status_code == 201 else None,
                               hashlib.sha256(data).hexdigest()))  # fmt: skip


def load(seconds: float) -> None:
    with tempfile.TemporaryDirectory() as temporary:
        inputs, outputs, names = district(Path(temporary), ORGS)
        keys = keys_for(inputs, outputs, names)
        process, base = start(inputs, outputs)
        record, lock = [], threading.Lock()
        until = time.monotonic() + seconds
        threads = [threading.Thread(target=submitter, args=(lambda: base, keys, names, until, record, lock))
                   for _ in range(WORKERS)]  # fmt: skip
        began = time.monotonic()
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        took = time.monotonic() - began
        process.terminate()
        process.wait(timeout=30)
        done = [r for r in record if r[0] == 201]
        latencies = sorted(r[1] for r in done)
        print(f"load: {len(done)} submissions in {took:.0f} s by {WORKERS} submitters over {ORGS} organisations: "
              f"{len(done) / took:.1f}/s; p50 {statistics.median(latencies) * 1000:.0f} ms, "
              f"p95 {latencies[int(len(latencies) * 0.95)] * 1000:.0f} ms; other answers: "
              f"{sorted({r[0] for r in record} - {201})}")  # fmt: skip
    board()


def board() -> None:
    from reporting.district.keys import add_key

    with tempfile.TemporaryDirectory() as temporary:
        inputs, outputs, names = district(Path(temporary), BOARD)
        district_key = add_key(inputs, outputs, None, "район")[1]
        keys = keys_for(inputs, outputs, names[:200])
        process, base = start(inputs, outputs)
        with httpx.Client(timeout=60) as client:
            for name, key in keys.items():
                client.post(base + "/api/v1/submissions", headers={"authorization": f"Bearer {key}"},
                            files={"file": ("return.xlsx", weekly_return(name))})  # fmt: skip
            times = []
            for _ in range(5):
                started = time.perf_counter()
                answer = client.get(
                    base + "/api/v1/status?week=2023-12-25", headers={"authorization": f"Bearer {district_key}"}
                )
                times.append(time.perf_counter() - started)
                assert len(answer.json()["organizations"]) == BOARD
        process.terminate()
        process.wait(timeout=30)
        print(f"board: the status of {BOARD} organisations (200 with submissions) in {statistics.median(times) * 1000:.0f} ms "
              "(median of 5)")  # fmt: skip


def faults(kills: int) -> None:
    with tempfile.TemporaryDirectory() as temporary:
        inputs, outputs, names = district(Path(temporary), 20)
        keys = keys_for(inputs, outputs, names)
        process, base = start(inputs, outputs)
        port = int(base.rsplit(":", 1)[1])
        current = {"base": base}
        record, lock = [], threading.Lock()
        until = time.monotonic() + kills * 3.0 + 2
        threads = [threading.Thread(target=submitter, args=(lambda: current["base"], keys, names, until, record, lock))
                   for _ in range(10)]  # fmt: skip
        for thread in threads:
            thread.start()
        for _ in range(kills):
            time.sleep(random.uniform(0.5, 2.5))
            process.send_signal(signal.SIGKILL)
            process.wait()
            process, current["base"] = start(inputs, outputs, port)  # reconciled at start
        for thread in threads:
            thread.join()
        process.terminate()
        process.wait(timeout=30)
        acknowledged = {(r[2], r[3]) for r in record if r[0] == 201}
        folder = outputs / "district"
        with sqlite3.connect(folder / "district.sqlite3") as db:
            rows = {(i, s): f for i, s, f in db.execute("SELECT id, sha256, file FROM submissions")}
        lost = [a for a in acknowledged if a not in rows]
        fileless = [f for f in rows.values() if not (folder / f).is_file()]
        damaged = [f for (_, sha), f in rows.items() if (folder / f).is_file()
                   and hashlib.sha256((folder / f).read_bytes()).hexdigest() != sha]  # fmt: skip
        print(
            f"faults: {kills} × kill -9; {len(acknowledged)} acknowledged, {len(rows)} rows; lost {len(lost)}, "
            f"rows without their file {len(fileless)}, files not matching their hash {len(damaged)}"
        )
        assert not lost and not fileless and not damaged


if __name__ == "__main__":
    seconds = float(sys.argv[1]) if len(sys.argv) > 1 else 120.0
    kills = int(sys.argv[2]) if len(sys.argv) > 2 else 10
    load(seconds)
    faults(kills)
