"""Issue 33, point 6: a build's worker processes die with it.  Killed with SIGKILL mid-render, the
run's workers must not live on holding its stdout and stderr (a CI job or a script reading them
would wait for ever)."""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from .conftest import ROOT

pytestmark = pytest.mark.skipif(not Path("/proc/self/task").is_dir(), reason="finds the workers through /proc")


def children(pid: int) -> set[int]:
    found = set()
    for task in Path(f"/proc/{pid}/task").glob("*"):
        with contextlib.suppress(OSError):
            found |= {int(c) for c in (task / "children").read_text().split()}
    return found


def alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state not in ("Z", "X")


def district(folder: Path) -> Path:
    shutil.copytree(ROOT / "inputs", folder)
    (folder / "monitoring").mkdir()
    for n in range(1, 7):
        shutil.copy(folder / "monitoring.xlsx", folder / "monitoring" / f"Школа {n}.xlsx")
    (folder / "monitoring.xlsx").unlink()
    return folder


@pytest.mark.parametrize("kind, extra, workers", [
    ("the documents' helper", (), 1),
    ("the organisations' pool", ("--each-organization", "--jobs", "2"), 2),
])  # fmt: skip
def test_workers_end_within_seconds_of_their_parents_kill_9(tmp_path, kind, extra, workers):
    inputs = district(tmp_path / "inputs") if extra else ROOT / "inputs"
    command = [sys.executable, "-m", "reporting", "--quarter", "2", "--inputs", str(inputs),
               "--outputs", str(tmp_path / "out"), *extra]  # fmt: skip
    run = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, stdin=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 90
        while len(children(run.pid)) < workers and run.poll() is None and time.monotonic() < deadline:
            time.sleep(0.02)
        found = children(run.pid)
        assert len(found) >= workers, f"{kind}: no workers seen (exit {run.poll()})"
        time.sleep(0.3)  # into their work
        os.kill(run.pid, signal.SIGKILL)
        started = time.monotonic()
        run.communicate(timeout=20)  # returns once every holder of the pipes is gone
        assert time.monotonic() - started < 5, f"{kind}: the pipes stayed open"
        deadline = time.monotonic() + 5
        while any(alive(pid) for pid in found) and time.monotonic() < deadline:
            time.sleep(0.05)
        assert not any(alive(pid) for pid in found), f"{kind}: a worker outlived its parent"
    finally:
        for pid in children(run.pid) | {run.pid}:
            with contextlib.suppress(OSError):
                os.kill(pid, signal.SIGKILL)
        run.wait(timeout=20)
