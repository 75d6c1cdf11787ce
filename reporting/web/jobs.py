"""Builds as background jobs: an id, a state, the library's progress lines, and the outcome.

A build runs in a worker process started with ``spawn`` (forking a server that has threads can
deadlock), warmed at start-up by importing the pipeline.  The worker writes each progress line to
a file in the job's temporary folder; the page polls the job and reads it.  Whatever the build
raises comes back as plain data: the outcome's kind, message lines and the problems.

On the district server the jobs are also in its database (a *journal*, ``district.store.Store``):
the worker marks its job running when it begins, the server records the outcome, and a restart
queues again every job that was queued or running, so none is ever left half-done (a build of the
same inputs again is «не изменился»)."""

from __future__ import annotations

import concurrent.futures as futures
import json
import multiprocessing
import secrets
import shutil
import tempfile
import threading
from dataclasses import dataclass, field
from pathlib import Path

KINDS = ("build", "consolidate")


@dataclass
class Job:
    id: str
    kind: str  # build | consolidate
    folder: Path  # the job's temporary folder: its progress file
    arguments: dict = field(default_factory=dict)  # what the worker is given, as plain JSON data
    state: str = "queued"  # queued | running | done | failed
    outcome: dict = field(default_factory=dict)

    @property
    def period(self) -> int:
        return self.arguments.get("period", 0)

    @property
    def options(self) -> dict:
        """build_package's keyword arguments, as the form gave them."""
        return self.arguments.get("options", {})

    def lines(self) -> list[str]:
        try:
            return (self.folder / "progress.txt").read_text(encoding="utf-8").splitlines()
        except OSError:
            return []


def warm() -> bool:
    """Import the library in the worker before the first build asks for it."""
    import reporting.pipeline  # noqa: F401

    return True


def run_job(kind: str, job_id: str, progress_file: str, arguments: dict, journal: str | None) -> dict:
    """In the worker: mark the job running in the journal, run it, and return the outcome as plain
    data (nothing that needs unpickling)."""
    from reporting import api
    from reporting.errors import InputError, PackageExists, ReportError, VerificationError

    if journal is not None:
        from reporting.district.store import Store

        Store(Path(journal)).job_started(job_id)
    with open(progress_file, "a", encoding="utf-8") as out:

        def progress(line: str) -> None:
            out.write(line.replace("\n", " ") + "\n")
            out.flush()

        try:
            result = _run(kind, arguments, progress)
        except InputError as exc:
            return {
                "kind": "problems",
                "problems": [p.plain() for p in exc.problems],
                "more": exc.more,
                "ways_out": [list(way) for way in api.ways_out(exc.problems)],
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
    from reporting.district.consolidate import organization_folders

    return {
        "kind": "built", "figures": package_lines(result.model), "chart": chart, "folder": str(result.folder),
        "files": list(result.files), "incomplete": result.incomplete, "state": str(result.state),
        "period": result.model.quarter, "organizations": result.organizations_written,
        "failures": [[f.name, *f.reasons] for f in result.failures],
        "organization_folders": organization_folders(result.folder) if kind == "consolidate" else {},
    }  # fmt: skip


def _run(kind: str, arguments: dict, progress):
    from reporting import api

    if kind == "consolidate":
        import datetime as dt

        from reporting.district.consolidate import consolidate
        from reporting.district.keys import store_of

        outputs = Path(arguments["outputs"])
        week = dt.date.fromisoformat(arguments["week"])
        return consolidate(store_of(outputs), Path(arguments["inputs"]), outputs, week, arguments["which"], progress)
    return api.build_package(arguments["period"], arguments["inputs"], arguments["outputs"], progress=progress,
                             **arguments["options"])  # fmt: skip


def _outcome(text: str) -> dict:
    """An outcome read back from the journal: its problems are ``Problem`` again."""
    from reporting.errors import Problem

    outcome = json.loads(text or "{}")
    if "problems" in outcome:
        outcome["problems"] = [Problem(**p) for p in outcome["problems"]]
    return outcome


class Jobs:
    """The jobs, in memory (and in the journal when there is one): one worker, one job at a time, in order."""

    def __init__(self, journal=None) -> None:
        context = multiprocessing.get_context("spawn")
        self._pool = futures.ProcessPoolExecutor(max_workers=1, mp_context=context)
        self._warm = self._pool.submit(warm)
        self._jobs: dict[str, Job] = {}
        self._lock = threading.Lock()
        self._root = Path(tempfile.mkdtemp(prefix="make-report-jobs-"))
        self._journal = journal

    def start(self, period: int, inputs: Path, outputs: Path, options: dict) -> Job:
        """A build of ``period`` (the school page's «Сформировать пакет»)."""
        arguments = {"period": period, "inputs": str(inputs), "outputs": str(outputs), "options": dict(options)}
        return self.submit("build", arguments)

    def submit(self, kind: str, arguments: dict, key_id: int | None = None) -> Job:
        job = Job(secrets.token_hex(8), kind, self._root / secrets.token_hex(8), arguments)
        if self._journal is not None:
            self._journal.add_job(job.id, kind, json.dumps(arguments, ensure_ascii=False), key_id)
        return self._queue(job)

    def resume(self) -> list[str]:
        """At start: every job the journal holds unfinished runs again; their ids."""
        if self._journal is None:
            return []
        found = []
        for row in self._journal.requeue():
            self._queue(self._from_row(row, secrets.token_hex(8)))
            found.append(row["id"])
        return found

    def _queue(self, job: Job) -> Job:
        job.folder.mkdir()
        with self._lock:
            self._jobs[job.id] = job
        journal = str(self._journal.folder) if self._journal is not None else None
        future = self._pool.submit(run_job, job.kind, job.id, str(job.folder / "progress.txt"), job.arguments, journal)
        job.state = "running"
        future.add_done_callback(lambda done: self._finish(job, done))
        return job

    def _finish(self, job: Job, done: futures.Future) -> None:
        try:
            outcome = done.result()
        except futures.CancelledError:  # the server is stopping: the journal keeps it to run again
            return
        except Exception as exc:  # the worker died (killed, out of memory)
            outcome = {"kind": "error", "lines": [f"Сборка прервана: {type(exc).__name__}. Пакет не записан."]}
        state = "done" if outcome.get("kind") == "built" else "failed"
        if self._journal is not None:
            self._journal.job_finished(job.id, state, json.dumps(outcome, ensure_ascii=False))
        job.outcome = _outcome(json.dumps(outcome, ensure_ascii=False))  # as the journal gives it back
        job.state = state

    def get(self, job_id: str) -> Job | None:
        with self._lock:
            found = self._jobs.get(job_id)
        if found is None and self._journal is not None:  # a job of an earlier run of the server
            row = self._journal.job(job_id)
            found = self._from_row(row) if row is not None else None
        return found

    def last(self, kind: str) -> Job | None:
        """The latest job of ``kind`` the journal knows (this run's own, with its steps, when it is one)."""
        row = self._journal.last_job(kind) if self._journal is not None else None
        if row is None:
            return None
        with self._lock:
            return self._jobs.get(row["id"]) or self._from_row(row)

    def _from_row(self, row, folder: str = "none") -> Job:
        """A job as the journal holds it (``folder``: a fresh one for a job to run again)."""
        return Job(row["id"], row["kind"], self._root / folder, json.loads(row["arguments"]), row["state"],
                   _outcome(row["outcome"]))  # fmt: skip

    def close(self) -> None:
        self._pool.shutdown(wait=False, cancel_futures=True)
        shutil.rmtree(self._root, ignore_errors=True)
