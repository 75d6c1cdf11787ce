"""The data page: the inputs present, the «Файлы» field, «Проверить», and each problem's cell."""

from __future__ import annotations

import secrets

from anyio import to_thread
from starlette.requests import Request
from starlette.responses import Response

from ... import api
from ...errors import InputError, grouped_members
from ...layout_edit import settled_by
from ...uploads import KINDS, present
from ..render import failure, is_partial, page

MAX_FILES = 50  # one upload: a school's inputs and a season of chat exports
MAX_WAITING = 20  # tables kept in memory while the clerk chooses what they are


async def index(request: Request):
    settings = request.app.state.settings
    return page(request, "data.html", files=present(settings.inputs), inputs=settings.inputs, check=None)


async def upload(request: Request):
    """Each chosen file goes into the inputs folder under its contract name; then the check runs again."""
    settings = request.app.state.settings
    placed, refused = [], []
    async with request.form(max_files=MAX_FILES, max_fields=10) as form:
        uploads = [f for f in form.getlist("files") if hasattr(f, "read")]
        for item in uploads:
            name, data = str(item.filename or "файл"), await item.read()
            try:
                placed.append(await to_thread.run_sync(api.place_upload, settings.inputs, settings.outputs, name, data))
            except InputError as exc:
                refused.append(_waiting(request, name, data, exc))
    return await _checked(request, placed=placed, refused=refused)


async def choose(request: Request):
    """The clerk said what a refused table is: place it as that."""
    settings = request.app.state.settings
    async with request.form(max_files=0, max_fields=5) as form:
        upload_id, kind = str(form.get("upload", "")), str(form.get("kind", ""))
    waiting = request.app.state.uploads.pop(upload_id, None)
    if waiting is None:
        return page(request, "_failure.html", 404, problems=[], more=0,
                    lines=["Этот файл уже не ждёт выбора: загрузите его снова."])  # fmt: skip
    name, data = waiting
    placed, refused = [], []
    try:
        placed.append(await to_thread.run_sync(api.place_upload, settings.inputs, settings.outputs, name, data, kind))
    except InputError as exc:
        refused.append(_waiting(request, name, data, exc))
    return await _checked(request, placed=placed, refused=refused)


def _waiting(request: Request, name: str, data: bytes, exc: InputError) -> dict:
    """A refused upload: its problems, and when the library named choices, the file kept for them."""
    problem = exc.problems[0]
    choices = [k for k in (problem.value or "").split(";") if k in KINDS] if problem.kind == "unplaced_upload" else []
    upload_id = ""
    if choices:
        waiting = request.app.state.uploads
        while len(waiting) >= MAX_WAITING:
            waiting.pop(next(iter(waiting)))
        upload_id = secrets.token_urlsafe(16)
        waiting[upload_id] = (name, data)
    return {"name": name, "problems": exc.problems, "choices": [(k, KINDS[k]) for k in choices], "id": upload_id}


async def check(request: Request):
    return await _checked(request)


async def _checked(request: Request, **context):
    settings = request.app.state.settings
    report = await to_thread.run_sync(api.check, settings.inputs)
    problems = list(report.problems)
    cells = await to_thread.run_sync(api.problem_cells, settings.inputs, problems) if problems else ()
    view = _check_view(report, problems, cells)
    template = "_check.html" if is_partial(request) else "data.html"
    return page(request, template, check=view, files=present(settings.inputs), inputs=settings.inputs, **context)


def _check_view(report, problems, cells) -> dict:
    from ...render.console import status_lines
    from ...render.reading_txt import reading_lines

    groups = [
        {"text": group.describe(), "members": [(problems[i], cells[i]) for i in members],
         "settled_by": settled_by(group.first.kind)}
        for group, members in grouped_members(problems)
    ]  # fmt: skip
    return {
        "valid": report.valid, "count": len(problems) + report.more, "groups": groups, "more": report.more,
        "reading": reading_lines(report.reading),
        "status": status_lines(report.status) if report.status is not None else [],
    }  # fmt: skip


async def preview(request: Request):
    """The sheet around a problem's cell."""
    settings = request.app.state.settings
    query = request.query_params
    row = query.get("row", "")
    window = await to_thread.run_sync(
        api.preview, settings.inputs, query.get("file", ""), query.get("sheet", ""),
        int(row) if row.isdigit() else None, query.get("column") or None,
    )  # fmt: skip
    status = 200 if window is not None else 404
    return page(request, "_preview.html", status, window=window, file=query.get("file", ""),
                message=query.get("message", ""))  # fmt: skip


async def problems_xlsx(request: Request):
    settings = request.app.state.settings
    report = await to_thread.run_sync(api.check, settings.inputs)
    data = await to_thread.run_sync(api.problems_workbook, settings.inputs, list(report.problems))
    return Response(
        data, media_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        headers={"content-disposition": "attachment; filename*=utf-8''%D0%BE%D1%88%D0%B8%D0%B1%D0%BA%D0%B8.xlsx"},
    )  # fmt: skip


__all__ = ["check", "choose", "failure", "index", "preview", "problems_xlsx", "upload"]
