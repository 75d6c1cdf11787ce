"""Builds as background jobs: an id, a state, the library's progress lines, and the outcome.

A build runs in a worker process started with ``spawn`` (forking a server that has threads can
deadlock), warmed at start-up by importing the pipeline.  The worker writes each progress line to
a file in the job's temporary folder; the page polls the job and reads it.  Whatever the build
raises comes back as plain data: the outcome's kind, message lines and the problems."""

from __future__ import annotations

import concurrent.futures as futures
import multiprocessing
import secrets
import shutil
import tempfile
import threading
from dataclasses import dataclass, field
from pathlib import Path


@dataclass
class Job:
    id: str
    period: int
    folder: Path  # the job's temporary folder: its progress file
    options: dict = field(default_factory=dict)  # build_package's keyword arguments, as the form gave them
    state: str = "queued"  # queued | running | done | failed
    outcome: dict = field(default_factory=dict)

    def lines(self) -> list[str]:
        try:
            return (self.folder / "progress.txt").read_text(encoding="utf-8").splitlines()
        except OSError:
            return []


def warm() -> bool:
    """Import the library in the worker before the first build asks for it."""
    import reporting.pipeline  # noqa: F401

    return True


def run_build(progress_file: str, period: int, inputs: str, outputs: str, options: dict) -> dict:
    """In the worker: build, and return the outcome as plain data (nothing that needs unpickling)."""
    from reporting import api
    from reporting.errors import InputError, PackageExists, ReportError, VerificationError

    with open(progress_file, "a", encoding="utf-8") as out:

        def progress(line: str) -> None:
            out.write(line.replace("\n", " ") + "\n")
            out.flush()

        try:
            result = api.build_package(period, inputs, outputs, progress=progress, **options)
        except InputError as exc:
            return {
                "kind": "problems",
                "problems": list(exc.problems),
                "more": exc.more,
                "ways_out": list(api.ways_out(exc.problems)),
            }
        except PackageExists as exc:
            return {"kind": "exists", "lines": [str(exc)]}
        except VerificationError as exc:
            return {"kind": "error", "lines": [str(exc), *exc.findings]}
        except ReportError as exc:
            return {"kind": "error", "lines": [str(exc)]}
        except Exception as exc:  # the page says so plainly; the details stay in the server's process
            return {"kind": "error", "lines": [f"Внутренняя ошибка программы: {type(exc).__name__}. Пакет не записан."]}
    from reporting.render.chart import drawing, to_svg
    from reporting.render.console import package_lines

    chart = to_svg(drawing(result.model)).decode("utf-8") if result.model.reported_weeks else ""
    return {
        "kind": "built", "figures": package_lines(result.model), "chart": chart, "folder": str(result.folder), "files": list(result.files),
        "incomplete": result.incomplete, "state": str(result.state),
    }  # fmt: skip


class Jobs:
    """The school page's jobs, in memory: one worker, one build at a time, in order."""

    def __init__(self) -> None:
        context = multiprocessing.get_context("spawn")
        self._pool = futures.ProcessPoolExecutor(max_workers=1, mp_context=context)
        self._warm = self._pool.submit(warm)
        self._jobs: dict[str, Job] = {}
        self._lock = threading.Lock()
        self._root = Path(tempfile.mkdtemp(prefix="make-report-jobs-"))

    def start(self, period: int, inputs: Path, outputs: Path, options: dict) -> Job:
        job = Job(secrets.token_hex(8), period, self._root / secrets.token_hex(8), dict(options))
        job.folder.mkdir()
        with self._lock:
            self._jobs[job.id] = job
        future = self._pool.submit(
            run_build, str(job.folder / "progress.txt"), period, str(inputs), str(outputs), options
        )
        job.state = "running"
        future.add_done_callback(lambda done: self._finish(job, done))
        return job

    def _finish(self, job: Job, done: futures.Future) -> None:
        try:
            job.outcome = done.result()
        except Exception as exc:  # the worker died (killed, out of memory)
            job.outcome = {"kind": "error", "lines": [f"Сборка прервана: {type(exc).__name__}. Пакет не записан."]}
        job.state = "done" if job.outcome.get("kind") == "built" else "failed"

    def get(self, job_id: str) -> Job | None:
        with self._lock:
            return self._jobs.get(job_id)

    def close(self) -> None:
        self._pool.shutdown(wait=False, cancel_futures=True)
        shutil.rmtree(self._root, ignore_errors=True)
