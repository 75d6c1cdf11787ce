"""«Сформировать свод» on the district's board: the district package built as a background job from
the schools' submissions (``reporting.district.consolidate``), its steps, and links to its documents
and to each organisation's package."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from starlette.requests import Request

from ...district.consolidate import WHICH
from ..files import package_members
from ..render import page


async def start(request: Request):
    settings = request.app.state.settings
    async with request.form(max_files=0, max_fields=4) as form:
        week_text, which = str(form.get("week", "")), str(form.get("which", "accepted"))
    try:
        week = dt.date.fromisoformat(week_text)
    except ValueError:
        week = None
    if week is None or which not in WHICH:
        return page(request, "_failure.html", 422, problems=[], more=0,
                    lines=["Выберите неделю на своде и какие отчёты взять."])  # fmt: skip
    monday = week - dt.timedelta(days=week.weekday())
    arguments = {"week": monday.isoformat(), "which": which, "inputs": str(settings.inputs),
                 "outputs": str(settings.outputs)}  # fmt: skip
    job = request.app.state.jobs.submit("consolidate", arguments)
    return page(request, "_consolidation.html", job=view(job, settings.outputs))


async def job(request: Request):
    settings = request.app.state.settings
    found = request.app.state.jobs.get(request.path_params["job_id"])
    if found is None or found.kind != "consolidate":
        return page(request, "_failure.html", 404, problems=[], more=0, lines=["Такого свода нет."])
    return page(request, "_consolidation.html", job=view(found, settings.outputs))


def view(job, outputs: Path) -> dict | None:
    """What the board shows of a consolidation job (None: there has been none)."""
    if job is None:
        return None
    outcome = job.outcome
    found = {
        "id": job.id, "state": job.state, "lines": job.lines(), "outcome": outcome,
        "week": dt.date.fromisoformat(job.arguments["week"]), "which": WHICH.get(job.arguments.get("which"), ""),
    }  # fmt: skip
    if outcome.get("kind") == "built":
        found["package"] = Path(outcome["folder"]).relative_to(outputs).as_posix()
        found["documents"] = [n for n in outcome["files"] if "/" not in n and n.endswith((".pdf", ".docx", ".xlsx"))]
        members = package_members(outputs / found["package"])
        found["organizations"] = [
            (name, [m for m in members if m.startswith(folder + "/") and m.endswith((".pdf", ".docx"))])
            for name, folder in sorted(outcome.get("organization_folders", {}).items())
        ]
    return found
