"""«Сформировать пакет»: the period and options, the build as a job with its steps, the result."""

from __future__ import annotations

import base64
from pathlib import Path

from anyio import to_thread
from starlette.requests import Request

from ... import api
from ...periods import KINDS, QUARTER
from ..render import page

# The form's fields → the library's keyword arguments (``build_package``); nothing else is passed
FLAGS = {"no_names": "no_names", "interim": "interim", "no_monitoring": "no_monitoring", "force": "force"}
TEXTS = {"date": "date", "number": "number", "roadmap_number": "roadmap_number", "letter": "letter"}


async def form(request: Request):
    settings = request.app.state.settings
    periods = await to_thread.run_sync(api.periods, settings.inputs)
    report = await to_thread.run_sync(api.check, settings.inputs)
    chosen = report.model.quarter if report.model is not None else (periods[-1].number if periods else 0)
    kind = KINDS[periods[0].kind] if periods else QUARTER
    return page(request, "build.html", periods=periods, chosen=chosen, valid=report.valid, job=None, kind=kind)


async def start(request: Request):
    settings = request.app.state.settings
    async with request.form(max_files=0, max_fields=20) as fields:
        period_text = str(fields.get("period", ""))
        options = {FLAGS[k]: True for k in FLAGS if fields.get(k) == "on"}
        options.update({TEXTS[k]: str(fields.get(k, "")).strip() for k in TEXTS if str(fields.get(k, "")).strip()})
    periods = await to_thread.run_sync(api.periods, settings.inputs)
    if not period_text.isdigit() or int(period_text) not in {p.number for p in periods}:
        return page(request, "_failure.html", 422, problems=[], more=0,
                    lines=["Выберите период из списка: его даёт календарь школы (school.toml)."])  # fmt: skip
    job = request.app.state.jobs.start(int(period_text), settings.inputs, settings.outputs, options)
    return page(request, "_job.html", job=_job_view(job, settings.outputs))


async def job(request: Request):
    settings = request.app.state.settings
    found = request.app.state.jobs.get(request.path_params["job_id"])
    if found is None:
        return page(request, "_failure.html", 404, problems=[], more=0, lines=["Такой сборки нет."])
    return page(request, "_job.html", job=_job_view(found, settings.outputs))


def _job_view(job, outputs) -> dict:
    outcome = job.outcome
    view = {
        "id": job.id,
        "state": job.state,
        "period": job.period,
        "lines": job.lines(),
        "outcome": outcome,
        "options": {k: v for k, v in job.options.items() if k != "force"},
    }
    if outcome.get("kind") == "built":
        view["package"] = Path(outcome["folder"]).relative_to(outputs).as_posix()
        view["chart"] = base64.b64encode(outcome["chart"].encode("utf-8")).decode("ascii") if outcome["chart"] else ""
    return view
