"""«Как прочитаны таблицы»: each table as ``describe`` reads it, a role select on each column, and
«Сохранить», which writes ``inputs/layout.toml`` (the file ``describe --write`` writes)."""

from __future__ import annotations

from anyio import to_thread
from starlette.requests import Request

from ... import api
from ...errors import InputError
from ...layout.model import COUNTS, ORIENTATIONS, WEEK
from ...layout.words import describe_lines
from ...layout_edit import role_choices
from ..render import failure, page

MAX_FIELDS = 2000  # a wide table's columns, each a select


async def index(request: Request):
    settings = request.app.state.settings
    description = await to_thread.run_sync(api.describe, settings.inputs)
    return page(request, "layout.html", **_view(description), saved=False)


async def save(request: Request):
    """Each select named ``role|<table index>|<letter>``, its table named in ``table|<index>`` as
    ``file|sheet``: a table the page no longer matches is refused, never written at another's place."""
    settings = request.app.state.settings
    async with request.form(max_files=0, max_fields=MAX_FIELDS) as form:
        fields = {str(k): str(v) for k, v in form.multi_items()}
    tables = {k.split("|", 1)[1]: v for k, v in fields.items() if k.startswith("table|")}
    changes, counts = {}, {}
    for key, value in fields.items():
        if key.startswith("counts|"):
            file, _, sheet = tables.get(key.split("|", 1)[1], "|").partition("|")
            counts[(file, sheet)] = value
    for key, role in fields.items():
        if key.startswith("role|"):
            _, index, letter = key.split("|", 2)
            file, _, sheet = tables.get(index, "|").partition("|")
            changes[(file, sheet, letter)] = role
    try:
        description = await to_thread.run_sync(api.save_layout, settings.inputs, settings.outputs, changes, counts)
    except InputError as exc:
        return failure(request, exc, "_failure.html", where="layout")
    return page(request, "_layout_tables.html", **_view(description), saved=True)


def _view(description) -> dict:
    tables = []
    for layout in description.layouts:
        tables.append({
            "file": layout.file, "sheet": layout.sheet, "reads_as": layout.reads_as, "header_row": layout.header_row,
            "orientation": ORIENTATIONS.get(layout.orientation, layout.orientation), "lines": describe_lines(layout)[1:],
            "columns": [c for c in layout.columns if c.role != WEEK], "weeks": len(layout.week_columns()),
            "choices": role_choices(layout.reads_as), "declared": layout.declared, "counts": layout.counts,
        })  # fmt: skip
    return {"tables": tables, "declared": description.declared, "problems": description.problems, "count_kinds": COUNTS}


async def counts(request: Request):
    """A refusal «only 0 and 1: numbers or marks?» settled by the clerk's button: the choice goes into
    layout.toml as ``counts``, and the check runs again."""
    from .data import check

    settings = request.app.state.settings
    async with request.form(max_files=0, max_fields=5) as form:
        file, sheet, kind = (str(form.get(k, "")) for k in ("file", "sheet", "counts"))
    try:
        await to_thread.run_sync(api.save_layout, settings.inputs, settings.outputs, {}, {(file, sheet): kind})
    except InputError as exc:
        return failure(request, exc, "_failure.html", where="layout")
    return await check(request)
